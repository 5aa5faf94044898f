"""Words as the database engine compares them: lower case, no accents, no plural mark.

PostgreSQL stems with its French configuration; SQLite has no stemmer, so both the documents'
search_text and the query go through ``fold``: "Pains", "pain" and "PAINS" become "pain", "crèmes"
becomes "creme", "gâteaux" becomes "gateau".
"""

from __future__ import annotations

import re

from geography.text import normalize

_NOT_A_WORD_CHARACTER = re.compile(r"[^a-z0-9 ]+")
MAX_QUERY_WORDS = 12
# Words a query can drop without losing its meaning ("pain de seigle", "huile d'olive"), as the
# engines' French analyzers do; written accent-free, as normalize() leaves them. "sans" stays:
# "sans gluten" means something.
FRENCH_STOP_WORDS = frozenset(
    "a au aux avec c ce ces d dans de des du elle en et eux il ils j je l la le les leur leurs lui m ma mais me "
    "meme mes moi mon n ne nos notre nous on ou par pas pour qu que qui s sa se ses son sur t ta te tes toi ton tu "
    "un une vos votre vous y".split()
)


def fold_word(word: str) -> str:
    # Documents and queries fold alike, so a word folded too far ("noix" → "noi") still meets itself.
    if len(word) > 3 and word[-1] in "sx" and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    return [fold_word(word) for word in plain_words(text)]


def folded(text: str) -> str:
    """``text`` as stored in search_text: folded words, each preceded by a space."""
    return "".join(f" {word}" for word in words(text))


def query_words(text: str) -> list[str]:
    """The distinct meaningful words of a query, at most MAX_QUERY_WORDS (more adds nothing)."""
    seen: list[str] = []
    for raw, word in zip(plain_words(text), words(text)):
        if raw not in FRENCH_STOP_WORDS and word not in seen:
            seen.append(word)
    return seen[:MAX_QUERY_WORDS]


def plain_words(text: str) -> list[str]:
    """Lower-case accent-free words, not folded (PostgreSQL stems them itself)."""
    return _NOT_A_WORD_CHARACTER.sub(" ", normalize(text or "")).split()


def meaningful_plain_words(text: str) -> list[str]:
    return list(dict.fromkeys(word for word in plain_words(text) if word not in FRENCH_STOP_WORDS))[:MAX_QUERY_WORDS]
