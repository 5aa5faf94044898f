"""Small tools for living with a service that may fail (Redis as cache and as Celery's broker).

``CircuitBreaker`` is the idea of the search cluster's breaker (search/service.py) made reusable:
after a failure, callers skip the service for a pause instead of paying its timeout on every call,
then try it again. ``ThrottledWarning`` logs an outage once a minute, not once per call.
"""

from __future__ import annotations

import logging
import threading
import time


class CircuitBreaker:
    """Open (skip the service) for ``pause_seconds`` after a failure; shared by a process's threads."""

    def __init__(self, pause_seconds: float):
        self.pause_seconds = pause_seconds
        self._lock = threading.Lock()
        self._down_until = 0.0
        self._failing_since: float | None = None

    def is_open(self) -> bool:
        return time.monotonic() < self._down_until

    def trip(self) -> None:
        now = time.monotonic()
        with self._lock:
            self._down_until = now + self.pause_seconds
            if self._failing_since is None:
                self._failing_since = now

    def succeeded(self) -> float | None:
        """Record a call that worked. Returns how long the service had been failing when this is the
        first success after a failure (to this caller alone: threads racing here get None), else None."""
        if self._failing_since is None:
            return None
        with self._lock:
            since, self._failing_since = self._failing_since, None
            self._down_until = 0.0
        return None if since is None else time.monotonic() - since

    def reset(self) -> None:
        with self._lock:
            self._down_until, self._failing_since = 0.0, None


class ThrottledWarning:
    """A warning logged at most once per ``interval_seconds``, telling how many were held back."""

    def __init__(self, logger: logging.Logger, interval_seconds: float = 60.0):
        self.logger = logger
        self.interval_seconds = interval_seconds
        self._lock = threading.Lock()
        self._last = -interval_seconds
        self._held_back = 0

    def __call__(self, message: str, *args) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._last < self.interval_seconds:
                self._held_back += 1
                return
            held_back, self._held_back, self._last = self._held_back, 0, now
        suffix = f" ({held_back} more since the last report)" if held_back else ""
        self.logger.warning(message + suffix, *args)
