"""Teasers: a description made short automatically (search results, page descriptions, back-office
lists), never ending with a doubled full stop (« .. ») nor a full stop before the ellipsis (« .… »)."""

from __future__ import annotations

import re

from django.utils.html import strip_tags

ELLIPSIS = "…"
# What a cut text may not end with before its ellipsis: spaces, stops and the punctuation that
# announces more (« , ; : — ( « »).
_DANGLING = " \u00a0\u202f.,;:!?…-–—(«"
# A text's last run of full stops and ellipses: « .. » is a typing slip, « ... » or « .… » an ellipsis.
_FINAL_STOPS = re.compile(r"[.…]{2,}$")
# Where a paragraph, a list item or a line ends, its words must not run into the next ones.
_BLOCK_END = re.compile(r"(</(?:p|li|ul|ol|div|h[1-6]|blockquote)\s*>|<br\s*/?>)", re.IGNORECASE)


def _tidy_ending(text: str) -> str:
    match = _FINAL_STOPS.search(text)
    if not match:
        return text
    stops = match.group()
    return text[: match.start()] + ("." if stops == ".." else ELLIPSIS)


def plain_text(text: str | None) -> str:
    """HTML or plain text as one line of plain text."""
    return " ".join(strip_tags(_BLOCK_END.sub(r"\1 ", text or "")).split())


def teaser(text: str | None, limit: int) -> str:
    """``text`` (HTML or plain) as plain text of at most ``limit`` characters, spaces collapsed; cut
    longer texts at a word's end and give them one ellipsis."""
    text = plain_text(text)
    if len(text) <= limit:
        return _tidy_ending(text)
    room = limit - len(ELLIPSIS)
    cut = text[:room]
    if text[room].isalnum() and " " in cut:
        # Not in the middle of a word, unless the word is longer than half the teaser.
        word_start = cut.rfind(" ")
        if word_start >= limit // 2:
            cut = cut[:word_start]
    cut = cut.rstrip(_DANGLING)
    return cut + ELLIPSIS
