"""The project's URL patterns, listed from the resolver: tests walk every screen of a namespace rather
than a hand-kept list that forgets the newest ones."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name"
    kwargs: tuple[str, ...]


def routes_in(namespace: str) -> list[Route]:
    found: dict[str, Route] = {}

    def walk(patterns, namespaces):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, namespaces + ([entry.namespace] if entry.namespace else []))
            elif isinstance(entry, URLPattern) and entry.name and namespaces and namespaces[0] == namespace:
                full_name = ":".join([*namespaces, entry.name])
                found.setdefault(full_name, Route(full_name, tuple(sorted(entry.pattern.regex.groupindex))))

    walk(get_resolver().url_patterns, [])
    return sorted(found.values(), key=lambda route: route.name)
