"""The engine the settings name, and the database engine every search can fall back to."""

from __future__ import annotations

from django.conf import settings

from .base import SearchEngine


def database_engine() -> SearchEngine:
    from .database import DatabaseEngine

    return DatabaseEngine()


def configured_engine() -> SearchEngine:
    if settings.SEARCH_ENGINE == "elasticsearch":
        from .elastic import cluster_engine

        return cluster_engine()
    return database_engine()
