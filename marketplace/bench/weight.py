"""What a page costs to transfer: its HTML and the same-origin CSS, JavaScript and fonts it loads.

Sizes are bytes on the wire as the server sends them to a browser that accepts gzip and Brotli
(whitenoise serves the pre-compressed files); pictures (``<img>``, ``srcset``, images in CSS) are
listed apart and not counted, and other origins (a CDN, Stripe) are listed, not fetched.
"""

from __future__ import annotations

import gzip
import re
import zlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import aiohttp

from .load import PROXY_HEADERS, run_to_completion

IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico")
FONT_EXTENSIONS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)['\"]")


class _AssetParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[tuple[str, str]] = []  # (kind, url)
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "link" and attributes.get("href"):
            rel = (attributes.get("rel") or "").lower().split()
            if "stylesheet" in rel:
                self.assets.append(("css", attributes["href"]))
            elif {"preload", "modulepreload"} & set(rel):
                kind = {"style": "css", "script": "js", "font": "font", "image": "image"}.get(attributes.get("as", ""), "other")
                self.assets.append((kind, attributes["href"]))
            elif {"icon", "apple-touch-icon"} & set(rel):
                self.assets.append(("image", attributes["href"]))
        elif tag == "script" and attributes.get("src"):
            self.assets.append(("js", attributes["src"]))
        elif tag in ("img", "source"):
            for name in ("src", "srcset"):
                for candidate in (attributes.get(name) or "").split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.assets.append(("image", url))
        elif tag == "style":
            self._in_style = True
        if attributes.get("style"):
            self.inline_css.append(attributes["style"])

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


@dataclass
class PageWeight:
    path: str
    html_bytes: int = 0
    html_raw_bytes: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # css, js, font, other: bytes on the wire
    raw_by_kind: dict[str, int] = field(default_factory=dict)  # the same, uncompressed
    files: dict[str, int] = field(default_factory=dict)  # kind -> number of files
    images: list[str] = field(default_factory=list)  # not counted
    external: list[str] = field(default_factory=list)  # other origins, not fetched
    failed: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return self.html_bytes + sum(self.by_kind.values())

    @property
    def total_raw_bytes(self) -> int:
        return self.html_raw_bytes + sum(self.raw_by_kind.values())


def _decode(body: bytes, encoding: str) -> bytes | None:
    if encoding in ("", "identity"):
        return body
    if encoding == "gzip":
        return gzip.decompress(body)
    if encoding == "deflate":
        return zlib.decompress(body)
    if encoding == "br":
        try:
            import brotli
        except ImportError:
            return None
        return brotli.decompress(body)
    return None


def _kind_of(url: str, declared: str) -> str:
    path = urlsplit(url).path.lower()
    if path.endswith(IMAGE_EXTENSIONS):
        return "image"
    if path.endswith(FONT_EXTENSIONS):
        return "font"
    if path.endswith(".css"):
        return "css"
    if path.endswith((".js", ".mjs")):
        return "js"
    return declared


async def _get(session: aiohttp.ClientSession, url: str, encodings: str) -> tuple[int, bytes, bytes | None]:
    """Status, the bytes as sent, and the decoded bytes (None when they cannot be decoded here)."""
    async with session.get(url, headers={**PROXY_HEADERS, "Accept-Encoding": encodings}, allow_redirects=False) as response:
        body = await response.read()
        return response.status, body, _decode(body, response.headers.get("Content-Encoding", "").lower())


async def measure_page_weight(base_url: str, path: str = "/") -> PageWeight:
    weight = PageWeight(path=path)
    origin = urlsplit(base_url).netloc
    async with aiohttp.ClientSession(auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar()) as session:
        page_url = base_url.rstrip("/") + path
        status, body, html = await _get(session, page_url, "gzip")
        if status != 200 or html is None:
            raise RuntimeError(f"{path} answered {status}: cannot weigh it")
        weight.html_bytes, weight.html_raw_bytes = len(body), len(html)
        parser = _AssetParser()
        parser.feed(html.decode("utf-8", "replace"))
        queue = [(kind, urljoin(page_url, url)) for kind, url in parser.assets]
        queue += [("image" if _kind_of(url, "other") == "image" else _kind_of(url, "other"), urljoin(page_url, url))
                  for css in parser.inline_css for url in CSS_URL.findall(css) if not url.startswith("data:")]
        seen: set[str] = set()
        while queue:
            declared, url = queue.pop(0)
            url = url.split("#", 1)[0]
            if url in seen or url.startswith("data:"):
                continue
            seen.add(url)
            kind = _kind_of(url, declared)
            if urlsplit(url).netloc != origin:
                weight.external.append(url)
                continue
            if kind == "image":
                weight.images.append(urlsplit(url).path)
                continue
            status, sent, decoded = await _get(session, url, "br, gzip")
            if status != 200:
                weight.failed.append(f"{urlsplit(url).path} ({status})")
                continue
            if decoded is None:
                # Brotli without the brotli module here: weigh the gzip answer instead.
                status, sent, decoded = await _get(session, url, "gzip")
            weight.by_kind[kind] = weight.by_kind.get(kind, 0) + len(sent)
            weight.raw_by_kind[kind] = weight.raw_by_kind.get(kind, 0) + len(decoded or b"")
            weight.files[kind] = weight.files.get(kind, 0) + 1
            if kind == "css" and decoded:
                text = decoded.decode("utf-8", "replace")
                queue += [("css", urljoin(url, ref)) for ref in CSS_IMPORT.findall(text)]
                queue += [("other", urljoin(url, ref)) for ref in CSS_URL.findall(text) if not ref.startswith("data:")]
    return weight


def page_weight(base_url: str, path: str = "/") -> PageWeight:
    return run_to_completion(measure_page_weight(base_url, path))
