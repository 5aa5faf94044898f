"""French grammar the interface needs around names it does not know in advance."""

import re

_ELISIONS = (
    (re.compile(r"\b([Dd])e Les "), r"\1es "),
    (re.compile(r"\b([Dd])e Le "), r"\1u "),
    (re.compile(r"\bà Les "), "aux "),
    (re.compile(r"\bà Le "), "au "),
    (re.compile(r"\bÀ Les "), "Aux "),
    (re.compile(r"\bÀ Le "), "Au "),
    (re.compile(r"\b([Dd])e ([AEIOUYÂÊÎÔÛÉÈaeiouyâêîôûéè])"), r"\1'\2"),
)

def french_contractions(text: str) -> str:
    """Contract what filling a pattern leaves wrong: "de Élodie", "de Le Cannet", "à Les Mées"."""
    for pattern, replacement in _ELISIONS:
        text = pattern.sub(replacement, text)
    return text

def with_preposition(preposition: str, name: str) -> str:
    """``name`` introduced by French "à" or "de", contracted as French requires."""
    return french_contractions(f"{preposition} {name}")
