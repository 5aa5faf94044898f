"""The design tokens, read from the one place they are written (the :root block of
themes/static/themes/css/echoppe.css), and the colour pairs the site sets text in, with their WCAG
contrast. The style page shows them; a test keeps every pair at AA (4.5:1) or better."""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

STYLESHEET = Path(__file__).resolve().parent / "static" / "themes" / "css" / "echoppe.css"
AA_TEXT = 4.5

# (text, background, where the site uses it)
TEXT_PAIRS = [
    ("ink", "limestone", _("Body text on the page")),
    ("ink", "surface", _("Text in cards")),
    ("ink", "sand", _("Text on quiet panels")),
    ("ink-muted", "limestone", _("Secondary text on the page")),
    ("ink-muted", "surface", _("Secondary text in cards")),
    ("ink-muted", "sand", _("Secondary text on quiet panels")),
    ("white", "brick", _("Primary buttons")),
    ("white", "brick-dark", _("Primary buttons, pressed")),
    ("brick-dark", "surface", _("Links and secondary buttons")),
    ("brick-dark", "limestone", _("Links on the page")),
    ("brick-dark", "brick-light", _("Secondary buttons, hovered; made-to-order badge")),
    ("olive", "olive-light", _("« Open now », « In stock » badges")),
    ("white", "olive", _("Chosen filter")),
    ("lavender", "lavender-light", _("Campaign and voucher badges")),
    ("ink", "honey-light", _("Label badges, warnings")),
    ("danger", "danger-light", _("Errors in alerts")),
    ("danger", "surface", _("Error messages under fields")),
    ("limestone", "ink", _("Footer text")),
]
NAMED_COLOURS = {"white": "#ffffff"}


@dataclass(frozen=True)
class ColourPair:
    text: str
    background: str
    text_value: str
    background_value: str
    usage: str
    ratio: float

    @property
    def passes_aa(self) -> bool:
        return self.ratio >= AA_TEXT


@lru_cache(maxsize=1)
def tokens() -> dict[str, str]:
    """Every custom property of the stylesheet's :root block, name without its leading dashes."""
    css = STYLESHEET.read_text(encoding="utf-8")
    root = re.search(r":root\s*\{(.*?)\n\}", css, re.S).group(1)
    root = re.sub(r"/\*.*?\*/", "", root, flags=re.S)
    return {name: value.strip() for name, value in re.findall(r"--([\w-]+)\s*:\s*([^;]+);", root)}


def token_group(prefix: str) -> dict[str, str]:
    return {name: value for name, value in tokens().items() if name.startswith(prefix)}


def relative_luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    if len(hex_colour) == 3:
        hex_colour = "".join(character * 2 for character in hex_colour)
    channels = [int(hex_colour[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4 for channel in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def colour_value(name: str) -> str:
    return NAMED_COLOURS.get(name) or tokens()[f"color-{name}"]


def text_pairs() -> list[ColourPair]:
    pairs = []
    for text, background, usage in TEXT_PAIRS:
        text_value, background_value = colour_value(text), colour_value(background)
        pairs.append(ColourPair(text, background, text_value, background_value, str(usage),
                                round(contrast_ratio(text_value, background_value), 2)))
    return pairs
