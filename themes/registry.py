"""The storefront themes and font pairs an artisan can choose from."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Theme:
    code: str
    name: str
    description: str
    default_primary: str
    default_accent: str
    default_font_pair: str

    @property
    def template(self) -> str:
        return f"themes/{self.code}/storefront.html"

    @property
    def product_template(self) -> str:
        return f"themes/{self.code}/product.html"

    @property
    def stylesheet(self) -> str:
        return f"themes/css/{self.code}.css"


@dataclass(frozen=True)
class FontPair:
    code: str
    name: str
    headings: str
    body: str


THEMES: dict[str, Theme] = {
    theme.code: theme
    for theme in (
        Theme(
            "atelier",
            _("Workshop"),
            _("Warm and classic: a wide banner, the story beside the products."),
            "#8a3b12",
            "#2f6f5e",
            "serif-classic",
        ),
        Theme(
            "marche",
            _("Market stall"),
            _("Bold and colourful: large product tiles under a striped awning."),
            "#1d4e89",
            "#af5f18",
            "rounded",
        ),
        Theme(
            "epure",
            _("Gallery"),
            _("Quiet and minimal: white space and big pictures, for crafts and art."),
            "#2b2b2b",
            "#9c6b30",
            "modern",
        ),
    )
}
DEFAULT_THEME = "atelier"

# System font stacks only: nothing is downloaded, every visitor's device already has them.
FONT_PAIRS: dict[str, FontPair] = {
    pair.code: pair
    for pair in (
        FontPair("serif-classic", _("Classic serif"), "Georgia, 'Times New Roman', serif", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
        FontPair("modern", _("Modern sans-serif"), "'Helvetica Neue', Arial, sans-serif", "'Helvetica Neue', Arial, sans-serif"),
        FontPair("rounded", _("Rounded and friendly"), "ui-rounded, 'Trebuchet MS', sans-serif", "'Trebuchet MS', Verdana, sans-serif"),
        FontPair("old-style", _("Old style"), "'Palatino Linotype', Palatino, 'Book Antiqua', serif", "Georgia, serif"),
        FontPair("typewriter", _("Typewriter"), "'Courier New', Courier, monospace", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
    )
}


def theme_choices() -> list[tuple[str, str]]:
    return [(theme.code, theme.name) for theme in THEMES.values()]


def font_pair_choices() -> list[tuple[str, str]]:
    return [(pair.code, pair.name) for pair in FONT_PAIRS.values()]
