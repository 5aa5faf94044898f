"""Validators for a French business's identifiers (SIREN, SIRET, intra-EU VAT number) and colours."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share one SIREN and follow another rule (sum of digits divisible by 5).
LA_POSTE_SIREN = "356000000"
_NON_DIGITS = re.compile(r"[\s.\-]")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def clean_identifier(value: str) -> str:
    """The identifier without the spaces, dots and dashes people type in it."""
    return _NON_DIGITS.sub("", value or "")


def validate_siren(value: str) -> None:
    siren = clean_identifier(value)
    if not (len(siren) == 9 and siren.isdigit()):
        raise ValidationError(_("A SIREN number has 9 digits."), code="siren_length")
    if not luhn_is_valid(siren):
        raise ValidationError(
            _("This SIREN number is not valid: check its digits (its checksum does not match)."), code="siren_checksum"
        )


def validate_siret(value: str) -> None:
    siret = clean_identifier(value)
    if not (len(siret) == 14 and siret.isdigit()):
        raise ValidationError(_("A SIRET number has 14 digits: the 9 of the SIREN, then 5."), code="siret_length")
    valid = luhn_is_valid(siret)
    if not valid and siret.startswith(LA_POSTE_SIREN):
        valid = sum(int(digit) for digit in siret) % 5 == 0
    if not valid:
        raise ValidationError(
            _("This SIRET number is not valid: check its digits (its checksum does not match)."), code="siret_checksum"
        )
    validate_siren(siret[:9])


def french_vat_number(siren: str) -> str:
    """The intra-EU VAT number of a French business: FR, a two-digit key, the SIREN."""
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


def validate_french_vat_number(value: str, siren: str | None = None) -> None:
    number = clean_identifier(value).upper()
    if not re.fullmatch(r"FR[0-9A-Z]{2}\d{9}", number):
        raise ValidationError(
            _("A French VAT number is FR, two characters, then the 9 digits of the SIREN, e.g. FR40303265045."),
            code="vat_format",
        )
    number_siren = number[4:]
    if number[2:4].isdigit() and number != french_vat_number(number_siren):
        raise ValidationError(_("This VAT number's key does not match its SIREN."), code="vat_key")
    if siren and number_siren != siren:
        raise ValidationError(
            _("This VAT number is not the one of SIREN %(siren)s.") % {"siren": siren}, code="vat_siren"
        )


def validate_hex_colour(value: str) -> None:
    if not _HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as # followed by 6 hexadecimal digits, e.g. #8A3B12."), code="colour")
