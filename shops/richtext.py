"""The artisan's story is rich text: only an allow-list of tags and attributes survives, and its
length is bounded (what is typed by the forms, what is stored by the database too)."""

import re

import nh3
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[a-zA-Z]")

ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h3", "h4", "blockquote", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# What may be typed in a rich text (a shop's story, a campaign's text, a product's description):
# about 20 kB, several pages — a story, not a book.
RICH_TEXT_MAX_CHARACTERS = 20_000
# What may be stored once sanitised: the text with its markup (paragraphs, links, « & » written
# « &amp; »). The database refuses more.
RICH_TEXT_MAX_STORED_CHARACTERS = 50_000


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


def typed_length(text: str) -> int:
    """The characters typed, a line break counting one (browsers send it as two)."""
    return len((text or "").replace("\r\n", "\n"))


def check_rich_text_length(text: str) -> None:
    """ValidationError when more was typed than a rich text may hold."""
    length = typed_length(text)
    if length > RICH_TEXT_MAX_CHARACTERS:
        raise ValidationError(
            _("This text is too long: %(maximum)s characters at most, it has %(length)s."),
            code="max_length",
            params={"maximum": number_format(RICH_TEXT_MAX_CHARACTERS, force_grouping=True),
                    "length": number_format(length, force_grouping=True)},
        )


def cleaned_rich_text(text: str) -> str:
    """A form's rich text as safe HTML, or ValidationError when it is too long, as typed or once
    formatted (what the database would refuse)."""
    check_rich_text_length(text)
    html = story_html(text)
    if len(html) > RICH_TEXT_MAX_STORED_CHARACTERS:
        raise ValidationError(_("This text is too long once formatted: shorten it."), code="max_length")
    return html
