"""A page's words as a reader sees them, for assertions on what a page says."""

import re
from html import unescape

NBSP = "\u00a0"


def page_words(response) -> str:
    """Tags, scripts and styles removed, entities turned back into characters, ordinary white space
    collapsed (non-breaking spaces kept: French typography is part of what is checked)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return unescape(re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ","))
