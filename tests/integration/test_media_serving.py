"""Uploaded pictures served by the site with DEBUG off and MEDIA_STORAGE=local (marketplace/media.py)."""

import os

import pytest
from django.utils.http import http_date

from marketplace.media import resolve_media_file

PICTURE = b"\xff\xd8\xff\xe0" + b"jpeg" * 100


@pytest.fixture(autouse=True)
def production(settings, tmp_path):
    settings.DEBUG = False
    settings.MEDIA_STORAGE = "local"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


def put(root, name: str, content: bytes = PICTURE):
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_a_product_picture_is_served_with_its_type_and_validators(client, production):
    put(production, "images/products/2026/12/pain.jpg")
    response = client.get("/media/images/products/2026/12/pain.jpg")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PICTURE
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Length"] == str(len(PICTURE))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["ETag"].startswith('"') and response["Last-Modified"]
    # Served before the session, language and basket: the same picture for everyone, nothing set.
    assert "Vary" not in response and not response.cookies
    assert "sandbox" in response["Content-Security-Policy"] and "default-src 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    ("name", "content_type"),
    [("a.jpeg", "image/jpeg"), ("a.png", "image/png"), ("a.webp", "image/webp"), ("a.gif", "image/gif"), ("a.pdf", "application/pdf"), ("A.JPG", "image/jpeg")],
)
def test_each_kind_of_upload_has_its_own_type(client, production, name, content_type):
    put(production, name)
    assert client.get(f"/media/{name}")["Content-Type"] == content_type


def test_renditions_are_revalidated_as_their_names_come_back_after_a_deletion(client, production):
    # catalogue/renditions.py names a web size after its original, whose name storage gives again
    # to a new upload once the old picture is deleted: a year of "immutable" would show the old one.
    put(production, "renditions/shops/logos/logo.png-800.webp")
    response = client.get("/media/renditions/shops/logos/logo.png-800.webp")
    assert response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_content_addressed_file_is_cached_for_a_year_as_immutable(client, production):
    put(production, "renditions/images/pain.3f9a0c2d81b7e645-800.webp")
    response = client.get("/media/renditions/images/pain.3f9a0c2d81b7e645-800.webp")
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"


def test_a_browser_that_has_the_picture_gets_a_304(client, production):
    path = put(production, "images/pain.jpg")
    first = client.get("/media/images/pain.jpg")
    again = client.get("/media/images/pain.jpg", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"] and again["Cache-Control"] == "public, max-age=86400"
    since = client.get("/media/images/pain.jpg", HTTP_IF_MODIFIED_SINCE=http_date(path.stat().st_mtime + 60))
    assert since.status_code == 304
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 120))
    assert client.get("/media/images/pain.jpg", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_head_answers_the_headers_without_the_body(client, production):
    put(production, "images/pain.jpg")
    response = client.head("/media/images/pain.jpg")
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Length"] == str(len(PICTURE)) and response["Content-Type"] == "image/jpeg"


def test_a_missing_picture_is_a_plain_404(client):
    response = client.get("/media/images/nulle-part.jpg")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


@pytest.mark.parametrize(
    "url",
    [
        "/media/../manage.py",
        "/media/images/../../secret.jpg",
        "/media/%2e%2e/secret.jpg",
        "/media/..%2fsecret.jpg",
        "/media//etc/secret.jpg",
        "/media/images\\..\\..\\secret.jpg",
        "/media/images/%00.jpg",
    ],
)
def test_nothing_outside_media_root_is_reached(client, production, url):
    put(production.parent, "secret.jpg")
    put(production.parent, "etc/secret.jpg")
    put(production, "images/x.jpg")
    assert client.get(url).status_code == 404


def test_a_symbolic_link_leading_outside_media_root_is_refused(client, production):
    outside = put(production.parent, "outside.jpg")
    inside = put(production, "images/inside.jpg")
    (production / "images" / "escape.jpg").symlink_to(outside)
    (production / "images" / "alias.jpg").symlink_to(inside)
    assert client.get("/media/images/escape.jpg").status_code == 404
    assert client.get("/media/images/alias.jpg").status_code == 200


@pytest.mark.parametrize(
    "name", ["page.html", "image.svg", "notes.txt", "script.js", "settings.py", "export.csv", ".hidden.jpg", ".git/config.jpg", "noextension"]
)
def test_only_pictures_and_pdfs_are_served(client, production, name):
    put(production, name, b"<script>alert(1)</script>")
    assert client.get(f"/media/{name}").status_code == 404


def test_no_directory_is_listed(client, production):
    put(production, "images/pain.jpg")
    (production / "images" / "dossier.jpg").mkdir()
    for url in ("/media/images/", "/media/images", "/media/", "/media/images/dossier.jpg"):
        assert client.get(url).status_code == 404, url


def test_writing_methods_are_refused(client, production):
    put(production, "images/pain.jpg")
    assert client.post("/media/images/pain.jpg").status_code == 405
    assert client.delete("/media/images/pain.jpg").status_code == 405


@pytest.mark.django_db
def test_nothing_is_served_from_disk_when_media_are_on_object_storage(client, production, settings):
    put(production, "images/pain.jpg")
    settings.MEDIA_STORAGE = "s3"
    assert client.get("/media/images/pain.jpg").status_code == 404


def test_resolution_refuses_odd_names(production):
    put(production, "a.jpg")
    assert resolve_media_file("a.jpg", production) == (production / "a.jpg").resolve()
    for name in ("", "a.jpg/", "./a.jpg", "a" * 2000 + ".jpg", "/a.jpg"):
        assert resolve_media_file(name, production) is None, name
