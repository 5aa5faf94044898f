"""The artisan's story is rich text: only an allow-list of tags and attributes survives."""

import re

import nh3
from django.utils.html import linebreaks

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z]")

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize_story(html: str) -> str:
    """Safe HTML for a storefront: scripts, styles, event handlers and foreign tags are removed."""
    cleaned = nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return cleaned.strip()


def story_html(text: str) -> str:
    """The story as safe HTML: plain text becomes paragraphs, HTML keeps only allowed tags."""
    text = (text or "").strip()
    if not text:
        return ""
    if not _LOOKS_LIKE_HTML.search(text):
        text = linebreaks(text)
    return sanitize_story(text)
