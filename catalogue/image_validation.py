"""Uploaded pictures, judged by their content: what Pillow can decode, within size limits, nothing else.

A picture that passes is re-encoded from its pixels: EXIF (GPS position, camera serial) and any
other metadata or trailing payload are dropped, and the orientation is applied to the pixels.
"""

from __future__ import annotations

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif", "MPO": "jpg"}
# Cameras write JPEGs with embedded previews that Pillow reads as MPO: kept as plain JPEG.
SAVED_AS = {"MPO": "JPEG"}


class ImageRejected(Exception):
    """The upload is not a picture we accept; the message tells the user why, in their language."""


def _open_checked(data: bytes) -> Image.Image:
    # Pillow warns above MAX_IMAGE_PIXELS and refuses above twice that: make both an error at our
    # own limit, read from the header before any pixel is decoded.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ImageRejected(_("This picture is too large: at most 40 megapixels.")) from error
        except (UnidentifiedImageError, OSError, ValueError) as error:
            raise ImageRejected(_("This file is not a picture we can read (JPEG, PNG, WebP or GIF).")) from error
        if image.format not in ACCEPTED_FORMATS:
            raise ImageRejected(_("Send a JPEG, PNG, WebP or GIF picture."))
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise ImageRejected(
                _("This picture is too large (%(width)d × %(height)d pixels): at most 40 megapixels.")
                % {"width": width, "height": height}
            )
        try:
            image.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombWarning, Image.DecompressionBombError) as error:
            raise ImageRejected(_("This picture is damaged or incomplete: send it again.")) from error
    return image


def validate_and_clean_image(upload) -> ContentFile:
    """A clean copy of an uploaded picture, or ImageRejected with the reason."""
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImageRejected(_("This file weighs more than 10 MB: send a lighter picture."))
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImageRejected(_("This file weighs more than 10 MB: send a lighter picture."))
    if not data:
        raise ImageRejected(_("This file is empty."))
    image = _open_checked(data)
    format_name = SAVED_AS.get(image.format, image.format)
    image = ImageOps.exif_transpose(image)
    if format_name == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    output = io.BytesIO()
    save_options = {"quality": 90, "optimize": True} if format_name in ("JPEG", "WEBP") else {}
    # No exif=, no icc_profile=, no info: the new file carries pixels only.
    image.save(output, format=format_name, **save_options)
    stem = (getattr(upload, "name", "") or "image").rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "image"
    return ContentFile(output.getvalue(), name=f"{stem}.{ACCEPTED_FORMATS[format_name]}")
