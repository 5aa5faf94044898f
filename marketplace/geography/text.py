"""Text normalisation shared by every place and name lookup."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’_.,/]+")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced form of ``text``.

    "Saint-Étienne-les-Orgues", "saint etienne les orgues" and "St Étienne les Orgues" all
    normalise to the same string, so a lookup can compare and prefix-match on it.
    """
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    words = _SEPARATORS.sub(" ", without_accents.lower()).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)
