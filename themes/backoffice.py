"""The back-offices' menus: one entry per screen, marked current for the screen's own sub-pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class MenuEntry:
    url_name: str
    label: str
    icon: str
    # The URL names (without namespace) that count as this entry's pages, by prefix.
    sections: tuple[str, ...]


@dataclass(frozen=True)
class MenuLink:
    url: str
    label: str
    icon: str
    is_current: bool


def menu_links(entries, current_url_name: str) -> list[MenuLink]:
    links = []
    for entry in entries:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            # A screen switched off in this deployment; tests/unit/test_backoffice_menus.py checks that
            # every entry of the shipped menus resolves.
            continue
        is_current = any(current_url_name == section or current_url_name.startswith(f"{section}-") for section in entry.sections)
        links.append(MenuLink(url, str(entry.label), entry.icon, is_current))
    return links
