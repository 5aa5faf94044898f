import pytest
from django.conf import settings
from django.utils import translation

from marketplace.celery import app as celery_app


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashers are slow by design; the tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def french_between_tests():
    """A request under /en/ leaves English active in the thread (LocaleMiddleware activates, nothing
    deactivates); each test starts in the site's language, whatever ran before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def celery_in_process():
    """Tasks run at once in the test's process, unless a test asks for the real broker."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def database_vendor() -> str:
    engine = settings.DATABASES["default"]["ENGINE"]
    return "postgresql" if "postgresql" in engine else "sqlite" if "sqlite" in engine else engine


def pytest_collection_modifyitems(config, items):
    skip_postgresql = pytest.mark.skip(
        reason=f"needs PostgreSQL (DATABASE_URL names {database_vendor()}); run `make test` with DATABASE_URL=postgres://…"
    )
    skip_broker = pytest.mark.skip(reason="needs a Celery broker: set CELERY_BROKER_URL or REDIS_URL")
    for item in items:
        if "postgresql" in item.keywords and database_vendor() != "postgresql":
            item.add_marker(skip_postgresql)
        if "broker" in item.keywords and settings.CELERY_TASK_ALWAYS_EAGER:
            item.add_marker(skip_broker)


@pytest.fixture(autouse=True)
def nothing_cached_across_tests():
    """Cached menus and product grids would outlive a test's rolled-back database (the next test's
    shop may have the same key and catalogue version)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
