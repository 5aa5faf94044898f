"""Voucher codes: at least 80 random bits, easy to read aloud and to type.

18 characters from an alphabet of 31 (digits and capitals without 0, O, 1, I and L, which are read
one for the other) carry 89 bits from the system's random source: no code can be guessed or
enumerated. They are shown in three groups of six (« K7QM2X-9PD4TR-AH3ZWN »); typed, spaces, dashes
and case do not matter.
"""

from __future__ import annotations

import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 18
GROUP = 6
RANDOM_BITS = LENGTH * math.log2(len(ALPHABET))
_TYPED_SEPARATORS = re.compile(r"[\s\-_.]+")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def display(code: str) -> str:
    return "-".join(code[start:start + GROUP] for start in range(0, len(code), GROUP))


def normalise(typed: str) -> str | None:
    """The stored form of a typed or scanned code, or None when it cannot be one (no query made)."""
    text = _TYPED_SEPARATORS.sub("", (typed or "")[:200].upper())
    text = text.removeprefix("ECHOPPEBON:")
    if len(text) != LENGTH or any(character not in ALPHABET for character in text):
        return None
    return text


def qr_payload(code: str) -> str:
    """What a voucher's QR code holds: a prefix telling the counter it is a voucher, not an order."""
    return f"ECHOPPE-BON:{code}"
