"""What a food product must tell before a distance sale (EU regulation 1169/2011, art. 9, 14 and 44).

Art. 14 asks that the mandatory food information be available before the purchase is concluded
when food is sold at a distance: the ingredients, the allergens of Annex II (emphasised), the net
quantity, the storage conditions or conditions of use, and the name and address of the food business
operator (here the shop). The 14 allergens are stored as codes; the ingredients as the artisan
writes them, with the words naming a declared allergen emphasised when the page shows them.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_lazy as _

from geography.text import normalize

INGREDIENTS_MAX_LENGTH = 3000
STORAGE_MAX_LENGTH = 1000
NET_QUANTITY_MAX_LENGTH = 60


class Allergen(models.TextChoices):
    """The 14 substances of Annex II of regulation 1169/2011, in the annex's order."""

    GLUTEN = "gluten", _("Cereals containing gluten")
    CRUSTACEANS = "crustaceans", _("Crustaceans")
    EGGS = "eggs", _("Eggs")
    FISH = "fish", _("Fish")
    PEANUTS = "peanuts", _("Peanuts")
    SOYBEANS = "soybeans", _("Soybeans")
    MILK = "milk", _("Milk")
    NUTS = "nuts", _("Nuts")
    CELERY = "celery", _("Celery")
    MUSTARD = "mustard", _("Mustard")
    SESAME = "sesame", _("Sesame seeds")
    SULPHITES = "sulphites", _("Sulphur dioxide and sulphites")
    LUPIN = "lupin", _("Lupin")
    MOLLUSCS = "molluscs", _("Molluscs")


# The words (French first, accent-free, singular stems) that name each allergen in an ingredients
# list or in a CSV cell: « beurre » is milk, « épeautre » gluten.
ALLERGEN_WORDS: dict[str, tuple[str, ...]] = {
    Allergen.GLUTEN: ("gluten", "ble", "froment", "seigle", "orge", "avoine", "epeautre", "kamut", "cereales contenant du gluten", "wheat"),
    Allergen.CRUSTACEANS: ("crustace", "crevette", "crabe", "homard", "langoustine", "ecrevisse", "crustaceans"),
    Allergen.EGGS: ("oeuf", "eggs", "egg"),
    Allergen.FISH: ("poisson", "anchois", "thon", "saumon", "morue", "cabillaud", "sardine", "fish"),
    Allergen.PEANUTS: ("arachide", "cacahuete", "peanuts", "peanut"),
    Allergen.SOYBEANS: ("soja", "soy", "soybeans"),
    Allergen.MILK: ("lait", "beurre", "creme", "fromage", "lactose", "lactoserum", "yaourt", "milk"),
    Allergen.NUTS: ("fruits a coque", "fruit a coque", "amande", "noisette", "noix", "cajou", "pecan", "pistache",
                    "macadamia", "nuts"),
    Allergen.CELERY: ("celeri", "celery"),
    Allergen.MUSTARD: ("moutarde", "mustard"),
    Allergen.SESAME: ("sesame", "graines de sesame"),
    Allergen.SULPHITES: ("sulfite", "anhydride sulfureux", "sulphite", "sulphites", "sulfites"),
    Allergen.LUPIN: ("lupin",),
    Allergen.MOLLUSCS: ("mollusque", "huitre", "calamar", "escargot", "molluscs"),
}


def allergen_labels(codes) -> list[str]:
    """The allergens' names in the reader's language, in the annex's order."""
    chosen = set(codes or ())
    return [str(label) for value, label in Allergen.choices if value in chosen]


def validate_allergens(value) -> None:
    """A model field's validator: a list of Annex II codes, each once."""
    if not isinstance(value, list):
        raise ValidationError(gettext("Allergens are given as a list."), code="allergens")
    unknown = [str(code) for code in value if code not in Allergen.values]
    if unknown:
        raise ValidationError(
            gettext("“%(value)s” is not one of the 14 allergens to declare.") % {"value": ", ".join(unknown)},
            code="allergens",
        )


def parse_allergens(text: str) -> tuple[list[str], list[str]]:
    """Allergens written in a CSV cell (« lait, gluten / oeufs »), as codes in the annex's order,
    and the words that name none of them."""
    codes, unknown = set(), []
    for part in re.split(r"[,/|+;]", text or ""):
        word = normalize(part).strip().rstrip("s") if part.strip() else ""
        if not word:
            continue
        match = next(
            (code for code, words in ALLERGEN_WORDS.items()
             if word in {normalize(candidate).rstrip("s") for candidate in (code, str(Allergen(code).label), *words)}),
            None,
        )
        if match is None:
            unknown.append(part.strip())
        else:
            codes.add(match)
    return [code for code in Allergen.values if code in codes], unknown


def _stem_pattern(stem: str) -> str:
    """A pattern matching ``stem`` (accent-free, lower case) in text written with its accents and
    ligatures: « oeuf » finds « Œufs », « creme » finds « crème »."""
    accents = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç"}
    parts, position = [], 0
    while position < len(stem):
        if stem.startswith("oe", position):
            parts.append("(?:oe|œ)")
            position += 2
            continue
        character = stem[position]
        if character in accents:
            parts.append(f"[{accents[character]}]")
        elif character == " ":
            parts.append(r"[\s'’-]+")
        else:
            parts.append(re.escape(character))
        position += 1
    return "".join(parts)


def highlighted_ingredients(ingredients: str, codes) -> SafeString:
    """The ingredients as HTML (escaped), each word naming one of the declared allergens in
    <strong class="product-allergen"> (art. 21: emphasised in the list of ingredients)."""
    stems = sorted({normalize(word) for code in (codes or ()) for word in ALLERGEN_WORDS.get(code, ())}, key=len, reverse=True)
    if not stems or not ingredients:
        return mark_safe(escape(ingredients or ""))
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(_stem_pattern(stem) for stem in stems) + r")(?:s|x)?(?!\w)",
        re.IGNORECASE,
    )
    pieces, position = [], 0
    for match in pattern.finditer(ingredients):
        pieces.append(escape(ingredients[position:match.start()]))
        pieces.append(f'<strong class="product-allergen">{escape(match.group(0))}</strong>')
        position = match.end()
    pieces.append(escape(ingredients[position:]))
    return mark_safe("".join(pieces))
