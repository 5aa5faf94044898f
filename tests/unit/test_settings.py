"""Settings come from the environment, with defaults that run the embedded demo."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
# What the test run itself sets (the browser tests allow the ORM under Playwright's event loop):
# a settings subprocess starts from a deployment's environment, not the test run's.
PROCESS_ONLY_VARIABLES = {"DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def read_settings(expression: str, **environment) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in PROCESS_ONLY_VARIABLES}
    env.update(environment, DJANGO_SETTINGS_MODULE="marketplace.settings")
    code = f"import django; django.setup(); from django.conf import settings; print({expression})"
    return subprocess.run([sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=60)


def test_embedded_default_needs_no_variable():
    result = read_settings(
        "settings.DATABASES['default']['ENGINE'], settings.CELERY_TASK_ALWAYS_EAGER, settings.LANGUAGE_CODE, "
        "settings.TIME_ZONE, settings.OSCAR_DEFAULT_CURRENCY"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3 True fr Europe/Paris EUR"


def test_production_refuses_to_start_without_a_secret_key():
    result = read_settings("settings.SECRET_KEY", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize(
    ("environment", "expression", "expected"),
    [
        ({"DATABASE_URL": "postgres://echoppe:secret@db.internal:5432/echoppe"}, "settings.DATABASES['default']['HOST']", "db.internal"),
        ({"REDIS_URL": "redis://cache:6379/1"}, "settings.CELERY_BROKER_URL, settings.CELERY_TASK_ALWAYS_EAGER", "redis://cache:6379/1 False"),
        ({"DEBUG": "0", "SECRET_KEY": "s" * 50, "ALLOWED_HOSTS": "echoppe.fr,www.echoppe.fr"}, "settings.ALLOWED_HOSTS", "['echoppe.fr', 'www.echoppe.fr']"),
        ({"SEARCH_ENGINE": "elasticsearch", "SEARCH_CLUSTER_FLAVOUR": "opensearch"}, "settings.SEARCH_ENGINE, settings.SEARCH_CLUSTER_FLAVOUR", "elasticsearch opensearch"),
        ({"STRIPE_SECRET_KEY": "sk_test_x"}, "settings.STRIPE_SECRET_KEY", "sk_test_x"),
        ({"EMAIL_URL": "smtp://mailer:2525"}, "settings.EMAIL_HOST, settings.EMAIL_PORT", "mailer 2525"),
    ],
)
def test_environment_variables_override_the_defaults(environment, expression, expected):
    result = read_settings(expression, **environment)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
