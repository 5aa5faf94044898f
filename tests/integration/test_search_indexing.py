"""Search documents follow the catalogue: after each committed change, through a Celery task."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from marketplace.models import Label
from search import documents, indexing
from search.models import SearchEntry
from shops import workflow
from shops.reservations import StockRequest, allocate_stock, release_stock
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


def entry(kind, object_id):
    return SearchEntry.objects.filter(kind=kind, object_id=object_id).first()


def test_a_new_product_is_found_once_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(title="Confiture de myrtilles", shop__price=Decimal("6.50"))
        assert entry("product", product.pk) is None  # nothing indexed before the commit
    document = entry("product", product.pk)
    assert document.title == "Confiture de myrtilles" and document.price == Decimal("6.50")
    assert " confiture de myrtille" in document.search_text


def test_a_rolled_back_change_is_never_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                ProductFactory(title="Produit fantôme")
                raise RuntimeError("the artisan's form failed")
        except RuntimeError:
            pass
    assert callbacks == [] and not SearchEntry.objects.filter(title="Produit fantôme").exists()


def test_selling_out_removes_the_product_and_a_release_brings_it_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(shop__num_in_stock=2)
    record = product.stockrecords.get()
    with django_capture_on_commit_callbacks(execute=True):
        allocate_stock([StockRequest(record.pk, 2)])
    assert entry("product", product.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        release_stock([StockRequest(record.pk, 1)])
    assert entry("product", product.pk) is not None


def test_suspending_a_shop_hides_it_and_its_products(django_capture_on_commit_callbacks):
    reviewer = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory()
    shop = product.stockrecords.get().partner.shop
    assert entry("shop", shop.pk) is not None
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_step(shop, "suspend", reviewer, "Contrôle sanitaire en cours")
    assert entry("shop", shop.pk) is None and entry("product", product.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        workflow.apply_step(shop, "reinstate", reviewer)
    assert entry("shop", shop.pk) is not None and entry("product", product.pk) is not None


def test_labels_and_vacation_reach_the_products(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory()
    shop = product.stockrecords.get().partner.shop
    with django_capture_on_commit_callbacks(execute=True):
        Label.objects.create(name="Maître artisan", slug="maitre-artisan").shops.add(shop)
        shop.on_vacation = True
        shop.save()
    document = entry("product", product.pk)
    assert document.label_slugs == ("maitre-artisan",) and document.on_vacation
    assert "maitre artisan" in document.search_text


def test_refreshing_products_costs_the_same_queries_whatever_their_number():
    shop = ShopFactory()
    with indexing.paused():
        few = [ProductFactory(shop=shop).pk for _ in range(3)]
        many = [ProductFactory(shop=shop).pk for _ in range(30)]
    with CaptureQueriesContext(connection) as for_few:
        indexing.refresh_products(few)
    with CaptureQueriesContext(connection) as for_many:
        indexing.refresh_products(many)
    assert len(for_many) == len(for_few)
    assert SearchEntry.objects.filter(kind="product").count() == 33


def test_rebuild_command_reports_progress_and_removes_stale_documents(capsys):
    with indexing.paused():
        kept = ProductFactory()
        gone = ProductFactory()
    indexing.refresh_products([kept.pk, gone.pk])
    with indexing.paused():
        gone.is_public = False
        gone.save()
    call_command("rebuild_search_index")
    output = capsys.readouterr().out
    assert "products: 2/2 (100 %)" in output and "1 stale documents removed" in output
    assert entry("product", kept.pk) is not None and entry("product", gone.pk) is None


def test_documents_exclude_what_cannot_be_bought():
    with indexing.paused():
        hidden = ProductFactory(is_public=False)
        sold_out = ProductFactory(shop__num_in_stock=0)
        fine = ProductFactory()
    entries, hidden_ids = documents.product_entries([hidden.pk, sold_out.pk, fine.pk])
    assert [item.object_id for item in entries] == [fine.pk] and hidden_ids == {hidden.pk, sold_out.pk}


def test_an_archived_product_leaves_search_and_comes_back_when_restored(client, django_capture_on_commit_callbacks):
    shop = ShopFactory()
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(shop=shop, title="Vase à bec verseur")
    client.force_login(shop.owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/espace-artisan/produits/", {"product": product.pk, "action": "archive"}).status_code == 302
    assert entry("product", product.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post("/espace-artisan/produits/?archives=1", {"product": product.pk, "action": "restore"}).status_code == 302
    assert entry("product", product.pk) is not None
