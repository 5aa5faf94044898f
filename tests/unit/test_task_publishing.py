"""Every Celery task is published through marketplace/outbox.py, which keeps it while the broker is away."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PUBLISHING = re.compile(r"\.(delay|apply_async|send_task)\(")


def test_every_task_is_queued_through_the_outbox():
    """A `.delay()` or `apply_async()` elsewhere would lose its task while the broker is away."""
    direct = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("marketplace", "shops", "catalogue", "checkout", "payments", "search", "themes")
        for path in (ROOT / folder).rglob("*.py")
        if path.relative_to(ROOT).as_posix() != "marketplace/outbox.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if PUBLISHING.search(line)
    ]
    assert direct == []
