"""Copy the front-end libraries the site serves from npm's node_modules into themes/static/themes/vendor.

Run by `make vendor` after `npm ci` (versions pinned by package-lock.json). The copies are committed so
that `make demo` needs no npm; a test (tests/unit/test_vendored_assets.py) checks they match the lock
file's versions. Nothing is loaded from another host.
"""

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NODE_MODULES = ROOT / "node_modules"
VENDOR = ROOT / "themes" / "static" / "themes" / "vendor"

FONTS = {
    # Latin subset only: French needs nothing beyond it (œ, É, « » are in it).
    "@fontsource/fraunces": ["fraunces-latin-600-normal.woff2"],
    # Figtree rather than Atkinson Hyperlegible: the latter's slashed zero reads as « Ø » in prices.
    "@fontsource/figtree": ["figtree-latin-400-normal.woff2", "figtree-latin-700-normal.woff2"],
}
# leaflet.js names its source map: collectstatic's manifest storage (DEBUG=0) fails without it.
LEAFLET_FILES = ["leaflet.js", "leaflet.js.map", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png"]
# The counter's QR code reader where the browser has no BarcodeDetector (Firefox, Chrome on a computer):
# ZXing's browser build, one self-contained file (no source map named in it, no worker, no eval).
ZXING = "@zxing/library"
ZXING_FILES = {"umd/index.min.js": "zxing.min.js"}
# One open icon set (Lucide, ISC licence), only the icons the templates use, as one sprite.
ICONS = ["search", "map-pin", "locate-fixed", "shopping-basket", "user", "menu", "x", "store", "truck",
         "clock", "check", "triangle-alert", "info", "list", "map", "sliders-horizontal", "chevron-left",
         "chevron-right", "heart", "star", "phone", "mail", "package", "hand-heart", "calendar", "log-out",
         "log-in", "layout-dashboard", "gift", "leaf", "scan-qr-code", "chart-column", "bell", "settings",
         "printer", "copy", "clipboard-list", "house", "tags"]


def package_version(name: str) -> str:
    return json.loads((NODE_MODULES / name / "package.json").read_text())["version"]


def icon_symbol(name: str) -> str:
    svg = (NODE_MODULES / "lucide-static" / "icons" / f"{name}.svg").read_text()
    body = re.search(r"<svg[^>]*>(.*)</svg>", svg, re.S).group(1).strip()
    body = re.sub(r"\s*\n\s*", "", body)
    return (f'<symbol id="icon-{name}" viewBox="0 0 24 24" fill="none" stroke="currentColor" '
            f'stroke-width="2" stroke-linecap="round" stroke-linejoin="round">{body}</symbol>')


def main() -> int:
    if not NODE_MODULES.is_dir():
        print("node_modules is missing: run `npm ci` first.", file=sys.stderr)
        return 1
    versions = {}
    fonts_dir = VENDOR / "fonts"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    for package, files in FONTS.items():
        for file_name in files:
            shutil.copy2(NODE_MODULES / package / "files" / file_name, fonts_dir / file_name)
        versions[package] = package_version(package)
    leaflet_dir = VENDOR / "leaflet"
    for file_name in LEAFLET_FILES:
        (leaflet_dir / file_name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(NODE_MODULES / "leaflet" / "dist" / file_name, leaflet_dir / file_name)
    versions["leaflet"] = package_version("leaflet")
    zxing_dir = VENDOR / "zxing"
    zxing_dir.mkdir(parents=True, exist_ok=True)
    for source, target in ZXING_FILES.items():
        shutil.copy2(NODE_MODULES / ZXING / source, zxing_dir / target)
    versions[ZXING] = package_version(ZXING)
    sprite = "".join(icon_symbol(name) for name in ICONS)
    (VENDOR / "icons.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg">{sprite}</svg>\n')
    versions["lucide-static"] = package_version("lucide-static")
    licences = VENDOR / "licences"
    licences.mkdir(exist_ok=True)
    for package in [*FONTS, "leaflet", "lucide-static", ZXING]:
        shutil.copy2(NODE_MODULES / package / "LICENSE", licences / (package.replace("/", "-").lstrip("@") + ".txt"))
    (VENDOR / "VERSIONS.json").write_text(json.dumps(versions, indent=2, sort_keys=True) + "\n")
    print("Vendored:", ", ".join(f"{name} {version}" for name, version in sorted(versions.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
