"""Text normalisation shared by every place and name lookup."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’_.,/]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def _strip_accents_slowly(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# Latin letters with diacritics, mapped once: most text then never needs the slow decomposition
# (search indexing normalises every product description).
_LATIN_ACCENTS = {code: _strip_accents_slowly(chr(code)) for code in range(0xC0, 0x250)}


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text``.

    "Saint-Étienne-les-Orgues", "saint etienne les orgues" and "St Étienne les Orgues" all
    normalise to the same string, so a lookup can compare and prefix-match on it.
    """
    text = text.translate(_LIGATURES).translate(_LATIN_ACCENTS)
    without_accents = text if text.isascii() else _strip_accents_slowly(text)
    words = _SEPARATORS.sub(" ", without_accents.lower()).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)
