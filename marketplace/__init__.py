"""Échoppe: the project package (settings, URLs, Celery app) and marketplace-wide code."""

from .celery import app as celery_app

__all__ = ["celery_app"]
