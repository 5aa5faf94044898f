import pytest
from django.conf import settings

from geography.importer import import_communes
from geography.models import Commune
from tests.integration.payments_support import payment_clock  # noqa: F401 (fixture)
from tests.stripe_peers import stripe_peer, stripe_settings  # noqa: F401 (fixtures)


@pytest.fixture(scope="session")
def communes_imported(django_db_setup, django_db_blocker):
    """The whole gazetteer, imported once per test run and kept for every test that asks."""
    with django_db_blocker.unblock():
        if not Commune.objects.filter(insee_code="05061").exists():
            import_communes(settings.COMMUNES_DATA_FILE)
    yield


@pytest.fixture(autouse=True)
def search_cluster_trusted_again():
    """A test that made the cluster fail must not send the next tests to the database engine."""
    from search.service import breaker

    breaker.reset()
    yield
    breaker.reset()
