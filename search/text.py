"""Words as the database engine compares them: lower case, no accents, no plural mark.

PostgreSQL stems with its French configuration; SQLite has no stemmer, so both the documents'
search_text and the query go through ``fold``: "Pains", "pain" and "PAINS" become "pain", "crèmes"
becomes "creme", "gâteaux" becomes "gateau".
"""

from __future__ import annotations

import re

from marketplace.geography.text import normalize

_NOT_A_WORD_CHARACTER = re.compile(r"[^a-z0-9 ]+")
MAX_QUERY_WORDS = 12


def fold_word(word: str) -> str:
    # Documents and queries fold alike, so a word folded too far ("noix" → "noi") still meets itself.
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [fold_word(word) for word in _NOT_A_WORD_CHARACTER.sub(" ", normalize(text or "")).split()]


def folded(text: str) -> str:
    """``text`` as stored in search_text: folded words, each preceded by a space."""
    return "".join(f" {word}" for word in words(text))


def query_words(text: str) -> list[str]:
    """The distinct words of a query, at most MAX_QUERY_WORDS (a longer query adds nothing)."""
    seen: list[str] = []
    for word in words(text):
        if word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]
