"""Uploaded pictures served by the site itself when they are on its own disk (MEDIA_STORAGE=local).

With ``DEBUG=0`` Django serves no ``/media/`` address, and whitenoise only serves the static files
collected at deploy time, so every product picture answered 404 on a one-machine production. This
view serves them, and only them:

- only regular files under MEDIA_ROOT: no ``..``, no absolute path, no hidden file or folder, no
  symbolic link leading outside MEDIA_ROOT, no directory listing;
- only the kinds a user can upload or the site makes from them (JPEG, PNG, WebP, GIF, PDF), with the
  content type decided by the extension from a fixed table, never guessed, and ``nosniff``;
- ``ETag`` and ``Last-Modified`` on every file, answered with 304 when the browser has it;
- ``Cache-Control: public, max-age=31536000, immutable`` only for names that carry a digest of their
  content (a different picture is a different address); every other file is cached for a day, then
  revalidated. The web sizes made by catalogue/renditions.py are *not* content-addressed: their
  names derive from the original's name, which storage may give again to a new upload once the old
  picture is deleted (a logo replaced twice gets its first name back), so a year of ``immutable``
  would show the old picture in browsers that saw it.

It runs as a middleware right after whitenoise's (``MediaMiddleware``): a picture needs no session,
language, CSRF check, user or basket, and a response that went through them would say
``Vary: Cookie, Accept-Language`` — one cached copy per visitor in any shared cache.

Several app servers share pictures on object storage (MEDIA_STORAGE=s3), which serves them; behind a
proxy (nginx, Caddy) the proxy may serve MEDIA_ROOT itself, and this is then never reached.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, HttpResponse, HttpResponseNotFound
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

# What may be served, by extension: the pictures users upload (catalogue/image_validation.py accepts
# JPEG, PNG, WebP and GIF, re-encoded from their pixels), their web sizes, and PDF documents.
CONTENT_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
}
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATED = "public, max-age=86400"
# A picture or a PDF opened on its own runs nothing and frames nothing (a PDF's scripts included).
FILE_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox; frame-ancestors 'self'"
# A name segment of 16 to 64 hexadecimal digits (a content digest): "photo.3f9a…c2.webp", "3f9a…c2-800.jpg".
CONTENT_DIGEST = re.compile(r"(?:^|[._-])[0-9a-f]{16,64}(?:[._-]|$)")
MAX_PATH_LENGTH = 1024


def is_content_addressed(name: str) -> bool:
    """Whether a file's name changes whenever its content does (a digest of it in the name)."""
    return bool(CONTENT_DIGEST.search(PurePosixPath(name).name.lower()))


def cache_control_for(name: str) -> str:
    return IMMUTABLE if is_content_addressed(name) else REVALIDATED


def resolve_media_file(relative: str, root: Path) -> Path | None:
    """The file ``relative`` names under ``root``, or None when it must not be served."""
    if not relative or len(relative) > MAX_PATH_LENGTH or "\x00" in relative or "\\" in relative:
        return None
    parts = relative.split("/")
    # No "..", no ".", no empty segment (//, a trailing slash: a directory), no hidden file or folder.
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    if os.path.splitext(parts[-1])[1].lower() not in CONTENT_TYPES:
        return None
    real_root = os.path.realpath(root)
    candidate = os.path.realpath(os.path.join(real_root, *parts))
    # Symbolic links are followed only while they stay inside MEDIA_ROOT.
    if os.path.commonpath([real_root, candidate]) != real_root:
        return None
    try:
        status = os.stat(candidate)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(status.st_mode):
        return None
    return Path(candidate)


@require_safe
def serve_media(request, path: str):
    """GET or HEAD one uploaded file (see the module's docstring for what is refused)."""
    if settings.MEDIA_STORAGE != "local":
        return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
    file_path = resolve_media_file(path, Path(settings.MEDIA_ROOT))
    if file_path is None:
        # A plain 404: a missing picture must not cost a whole page of the site's layout.
        return HttpResponseNotFound("Not found", content_type="text/plain; charset=utf-8")
    status = file_path.stat()
    etag = f'"{status.st_size:x}-{status.st_mtime_ns:x}"'
    headers = {
        "Cache-Control": cache_control_for(path),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": FILE_POLICY,
        "ETag": etag,
        "Last-Modified": http_date(int(status.st_mtime)),
    }
    not_modified = get_conditional_response(request, etag=etag, last_modified=int(status.st_mtime))
    if not_modified is not None:
        for name, value in headers.items():
            not_modified.headers[name] = value
        return not_modified
    content_type = CONTENT_TYPES[file_path.suffix.lower()]
    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        response.headers["Content-Length"] = str(status.st_size)
    else:
        response = FileResponse(file_path.open("rb"), content_type=content_type)
    for name, value in headers.items():
        response.headers[name] = value
    return response


class MediaMiddleware:
    """Answers MEDIA_URL's addresses with ``serve_media`` before the session, locale, CSRF, user and
    basket middlewares run (placed right after whitenoise's); any other address goes on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        prefix = settings.MEDIA_URL
        if settings.MEDIA_STORAGE == "local" and prefix.startswith("/") and request.path_info.startswith(prefix):
            return serve_media(request, request.path_info[len(prefix):])
        return self.get_response(request)
