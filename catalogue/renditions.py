"""Web sizes of uploaded pictures: 1600, 800 and 400 pixels wide, in WebP with a JPEG fallback."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from PIL import Image

from .image_validation import ImageRejected, _open_checked
from .models import ImageRendition

logger = logging.getLogger(__name__)

WIDTHS = (1600, 800, 400)
FORMATS = {"webp": ("WEBP", {"quality": 80, "method": 4}), "jpg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True})}
RENDITION_FOLDER = "renditions"


def rendition_path(source: str, width: int, extension: str) -> str:
    # The whole source name, extension included: storage keeps source names unique, so two
    # pictures ("logo.jpg" of one shop, "logo.png" of another) can never share a rendition.
    path = PurePosixPath(source)
    return f"{RENDITION_FOLDER}/{path.parent}/{path.name}-{width}.{extension}"


def _widths_for(original_width: int) -> list[int]:
    # Never enlarge: a picture narrower than a size gets no rendition of that size, but always the smallest.
    widths = [width for width in WIDTHS if width <= original_width]
    return widths or [min(WIDTHS)]


def make_renditions(source: str) -> int:
    """Create the missing renditions of ``source``; returns how many were made. Safe to run again."""
    if not default_storage.exists(source):
        logger.warning("No picture at %s: nothing to resize", source)
        return 0
    with default_storage.open(source, "rb") as handle:
        data = handle.read()
    try:
        image = _open_checked(data)
    except ImageRejected as rejected:
        # A hostile or broken file must not crash the worker: log it and give up on it.
        logger.warning("Cannot make renditions of %s: %s", source, rejected)
        return 0
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "transparency" in image.info or image.mode in ("LA", "P") else "RGB")
    existing = set(ImageRendition.objects.filter(source=source).values_list("width", "format"))
    made = 0
    for width in _widths_for(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for extension, (format_name, options) in FORMATS.items():
            if (width, extension) in existing:
                continue
            output = io.BytesIO()
            to_save = resized.convert("RGB") if format_name == "JPEG" else resized
            to_save.save(output, format=format_name, **options)
            # If the name is taken (a run that died before recording it), storage picks a free one:
            # a file is only ever deleted by the run that created it.
            stored = default_storage.save(rendition_path(source, width, extension), ContentFile(output.getvalue()))
            try:
                with transaction.atomic():
                    ImageRendition.objects.create(source=source, width=width, height=height, format=extension, file=stored)
                made += 1
            except IntegrityError:
                # Another worker made it meanwhile: keep theirs.
                default_storage.delete(stored)
    return made


def renditions_by_source(sources: Iterable[str]) -> dict[str, list[ImageRendition]]:
    """The renditions of many pictures in one query, for a page that shows them all."""
    found: dict[str, list[ImageRendition]] = {}
    for rendition in ImageRendition.objects.filter(source__in=set(sources)).order_by("width"):
        found.setdefault(rendition.source, []).append(rendition)
    return found


def delete_image_and_renditions(source: str) -> None:
    for rendition in ImageRendition.objects.filter(source=source):
        default_storage.delete(rendition.file.name)
    ImageRendition.objects.filter(source=source).delete()
    default_storage.delete(source)
