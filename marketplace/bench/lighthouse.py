"""Lighthouse on the site served as in production (``make lighthouse``): figures for the README, never a test.

Runs npm's lighthouse (node_modules, from package.json) against Debian's Chromium with the mobile
preset (Lighthouse's default form factor, simulated throttling) and reads, from each report, the four
category scores, the Largest Contentful Paint, the Cumulative Layout Shift and the CSS and JavaScript
transferred (compressed bytes on the wire, as Lighthouse's network records count them).
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"


@dataclass
class PageFigures:
    name: str
    path: str
    scores: dict[str, int] = field(default_factory=dict)  # category -> 0..100
    lcp_seconds: float | None = None
    cls: float | None = None
    css_js_kb: float | None = None
    failed_audits: list[str] = field(default_factory=list)  # not performance: what cost points
    error: str = ""


def lighthouse_script(root: Path) -> Path:
    return root / "node_modules" / "lighthouse" / "cli" / "index.js"


def run(root: Path, url: str, output: Path, extra_headers: dict[str, str], chrome_path: str, timeout: float = 240) -> dict:
    """One Lighthouse run on ``url``; its JSON report (also kept at ``output``)."""
    command = [
        "node", str(lighthouse_script(root)), url,
        "--output=json", f"--output-path={output}", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--extra-headers={json.dumps(extra_headers)}",
    ]
    env = {**os.environ, "CHROME_PATH": chrome_path}
    completed = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
    if completed.returncode != 0 or not output.is_file():
        raise RuntimeError(f"lighthouse failed on {url} ({completed.returncode}): {completed.stderr.strip()[-800:]}")
    return json.loads(output.read_text())


def figures(name: str, path: str, report: dict) -> PageFigures:
    page = PageFigures(name=name, path=path)
    if report.get("runtimeError"):
        page.error = f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}"
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        page.scores[category] = round(score * 100) if score is not None else -1
    audits = report["audits"]
    lcp = audits.get("largest-contentful-paint", {}).get("numericValue")
    page.lcp_seconds = lcp / 1000 if lcp is not None else None
    page.cls = audits.get("cumulative-layout-shift", {}).get("numericValue")
    requests = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    page.css_js_kb = sum(item.get("transferSize", 0) for item in requests if item.get("resourceType") in ("Stylesheet", "Script")) / 1000
    for category in CATEGORIES[1:]:
        for reference in report["categories"][category]["auditRefs"]:
            audit = audits[reference["id"]]
            if reference.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                page.failed_audits.append(f"{category}: {reference['id']} — {audit.get('title', '')}")
    return page


def table(pages: list[PageFigures]) -> str:
    header = ("Page", "Perf.", "Access.", "Best pr.", "SEO", "LCP (s)", "CLS", "CSS+JS (kB)")
    rows = [header]
    for page in pages:
        if page.error and not page.scores:
            rows.append((page.name, "—", "—", "—", "—", "—", "—", "—"))
            continue
        rows.append((
            page.name, *(str(page.scores[category]) for category in CATEGORIES),
            f"{page.lcp_seconds:.1f}" if page.lcp_seconds is not None else "—",
            f"{page.cls:.3f}" if page.cls is not None else "—",
            f"{page.css_js_kb:.1f}" if page.css_js_kb is not None else "—",
        ))
    widths = [max(len(row[index]) for row in rows) for index in range(len(header))]
    lines = ["| " + " | ".join(cell.ljust(widths[index]) for index, cell in enumerate(row)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return "\n".join(lines)
