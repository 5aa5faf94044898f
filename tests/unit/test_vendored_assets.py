"""The front-end files the site serves are copies of npm packages at the lock file's versions
(`make vendor`), and nothing in the public templates loads from another host."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "themes" / "static" / "themes" / "vendor"


def locked_versions() -> dict[str, str]:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    return {path.removeprefix("node_modules/"): entry["version"] for path, entry in lock["packages"].items() if path}


def test_vendored_copies_match_the_lock_file():
    vendored = json.loads((VENDOR / "VERSIONS.json").read_text())
    locked = locked_versions()
    assert vendored, "nothing vendored"
    for package, version in vendored.items():
        assert locked.get(package) == version, (package, version, locked.get(package))


def test_every_vendored_package_brings_its_licence():
    vendored = json.loads((VENDOR / "VERSIONS.json").read_text())
    for package in vendored:
        assert (VENDOR / "licences" / (package.replace("/", "-").lstrip("@") + ".txt")).is_file(), package


def test_templates_load_no_script_style_or_font_from_another_host():
    offenders = []
    for template in ROOT.glob("*/**/templates/**/*.html"):
        if ".venv" in template.parts or "node_modules" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link)[^>]+(?:src|href)="(https?:)?//[^"]+"', text):
            offenders.append(f"{template.relative_to(ROOT)}: {match.group(0)}")
    assert offenders == []


def test_every_vendored_script_names_only_source_maps_that_are_there():
    # collectstatic's manifest storage (DEBUG=0) fails on a script naming a source map it cannot find.
    for script in VENDOR.rglob("*.js"):
        for name in re.findall(r"sourceMappingURL=(\S+)", script.read_text(encoding="utf-8")):
            assert (script.parent / name).is_file(), (script, name)


def test_the_counter_qr_reader_is_zxing_at_the_locked_version():
    vendored = json.loads((VENDOR / "VERSIONS.json").read_text())
    assert vendored["@zxing/library"] == locked_versions()["@zxing/library"]
    script = (VENDOR / "zxing" / "zxing.min.js").read_text(encoding="utf-8")
    # The browser build (a global ZXing) with the classes shops/static/shops/js/counter.js uses.
    assert ".ZXing=" in script
    for name in ("QRCodeReader", "HTMLCanvasElementLuminanceSource", "HybridBinarizer", "BinaryBitmap"):
        assert f"t.{name}=" in script, name
    # Nothing the Content-Security-Policy refuses (no 'unsafe-eval', no blob: workers).
    assert "eval(" not in script and "new Function" not in script and "new Worker" not in script
