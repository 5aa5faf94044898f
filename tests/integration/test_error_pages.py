"""Error pages in French, in the site's design, with DEBUG off: 404 and 403 in the layout, 500 and 400
standalone (rendered without a request, a context or the database)."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.template.loader import get_template
from django.test import Client
from django.urls import path

from marketplace.urls import urlpatterns as site_urlpatterns


def broken(request):
    raise RuntimeError("boom")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("odd")


# This module is also the URL configuration of its tests: the site's addresses, and three that fail.
urlpatterns = [
    path("test-erreurs/500/", broken),
    path("test-erreurs/403/", forbidden),
    path("test-erreurs/400/", suspicious),
    *site_urlpatterns,
]


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
def test_a_missing_page_is_a_french_404_in_the_sites_layout(visitor):
    response = visitor.get("/cette-page-n-existe-pas/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr"' in html
    assert "Cette page n’existe pas, ou plus" in html
    assert "echoppe-header" in html and "themes/css/echoppe.css" in html
    assert 'href="/search/"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'rel="canonical"' not in html
    assert "Not Found" not in html


@pytest.mark.django_db
def test_a_missing_object_is_the_same_404(visitor):
    response = visitor.get("/shops/nulle-part/")
    assert response.status_code == 404
    assert "Cette page n’existe pas, ou plus" in response.content.decode()


@pytest.mark.django_db
def test_the_english_404_is_in_english(visitor):
    response = visitor.get("/en/nowhere/")
    assert response.status_code == 404
    assert "This page does not exist, or no longer does" in response.content.decode()


@pytest.mark.django_db
def test_a_server_error_is_a_french_500_page(visitor):
    response = visitor.get("/test-erreurs/500/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "Un problème est survenu de notre côté" in html
    assert "themes/css/echoppe.css" in html and 'href="/"' in html
    assert "Server Error" not in html


def test_the_500_page_renders_without_request_context_or_database():
    # No django_db mark: any query would raise.
    html = get_template("500.html").render()
    assert "Un problème est survenu de notre côté" in html
    assert "<script" not in html and "style=" not in html


def test_the_400_page_renders_without_request_context_or_database():
    html = get_template("400.html").render()
    assert "Cette demande n’a pas pu être comprise" in html


@pytest.mark.django_db
def test_a_forbidden_page_is_a_french_403(visitor):
    response = visitor.get("/test-erreurs/403/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "Cette page ne vous est pas ouverte" in html and "echoppe-header" in html
    assert "/accounts/login/?next=/test-erreurs/403/" in html


@pytest.mark.django_db
def test_a_bad_request_is_a_french_400(visitor):
    response = visitor.get("/test-erreurs/400/")
    assert response.status_code == 400
    assert "Cette demande n’a pas pu être comprise" in response.content.decode()


@pytest.mark.django_db
def test_an_unknown_host_is_a_french_400(visitor):
    response = visitor.get("/", HTTP_HOST="ailleurs.example.com")
    assert response.status_code == 400
    assert "Cette demande n’a pas pu être comprise" in response.content.decode()


@pytest.mark.django_db
def test_a_form_refused_by_its_csrf_check_is_explained_in_french():
    checked = Client(enforce_csrf_checks=True, raise_request_exception=False)
    response = checked.post("/basket/add/1/", {"quantity": 1})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in html and "rechargez la page" in html
    assert "CSRF verification failed" not in html
