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
