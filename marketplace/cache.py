"""The shared cache on Redis, for which an unreachable Redis is a cache miss, never an error.

Everything the marketplace caches (product grids, the menu, sessions with ``cached_db``, thumbnail
names) can be rebuilt from the database, so a Redis that is down or hung must cost pages their
speed, not their answer. ``ResilientRedisCache`` is Django's Redis backend whose operations, when
Redis does not answer, behave as a miss (reads) or do nothing (writes), with a warning logged once a
minute. Short socket timeouts bound what a hung Redis costs one call; after a failure a circuit
breaker skips Redis for a few seconds, so a page does not pay that timeout for each of its calls.

A write that could not reach Redis leaves what Redis held before, which is stale if Redis comes
back with its data (a paused server, a network cut, a restart from its snapshot): a session changed
or ended meanwhile, the menu after a category change. The keys of those writes are remembered (up to
``STALE_KEYS_LIMIT`` per process) and deleted as soon as Redis answers again, before anything else
is read from it. Beyond the limit, and in a process that ends before Redis comes back, stale entries
last until they expire.
"""

from __future__ import annotations

import logging
import threading
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .resilience import CircuitBreaker, ThrottledWarning

logger = logging.getLogger(__name__)

# What "Redis does not answer" looks like through redis-py (refused, reset, timed out, loading).
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
# A hung Redis costs one call this long; a healthy one answers in well under a millisecond.
SOCKET_TIMEOUT_SECONDS = 0.25
# After a failure, Redis is skipped this long before being tried again.
PAUSE_SECONDS = 5.0
STALE_KEYS_LIMIT = 10_000
FORGET_CHUNK = 500


def redis_cache_settings(url: str) -> dict:
    """The ``CACHES`` entry for the shared cache at ``url`` (production, and the Redis-down test)."""
    return {
        "BACKEND": "marketplace.cache.ResilientRedisCache",
        "LOCATION": url,
        # Keys of their own, so that clear() never touches what Celery keeps in the same database.
        "KEY_PREFIX": "cache",
        "OPTIONS": {"socket_connect_timeout": SOCKET_TIMEOUT_SECONDS, "socket_timeout": SOCKET_TIMEOUT_SECONDS},
    }


class _RedisState:
    """What the processes' threads share about one Redis (Django gives each thread its own backend)."""

    def __init__(self, location: str):
        self.breaker = CircuitBreaker(PAUSE_SECONDS)
        self.warn = ThrottledWarning(logger)
        self.lock = threading.Lock()
        self.stale_keys: set[str] = set()
        self.overflowed = False
        self.location = location


_states: dict[str, _RedisState] = {}
_states_lock = threading.Lock()


def _state_for(location: str) -> _RedisState:
    with _states_lock:
        return _states.setdefault(location, _RedisState(location))


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, for which Redis not answering is a miss (see the module's docstring)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._state = _state_for(str(server))

    # --- the miss-or-nothing wrapper ---------------------------------------------------------------

    def _attempt(self, operation, failed_result, *, written=(), version=None):
        """Run ``operation`` against Redis; when Redis does not answer, return ``failed_result`` and
        remember the keys in ``written`` as stale."""
        state = self._state
        if state.breaker.is_open():
            self._remember(written, version)
            return failed_result
        try:
            self._forget_stale_keys()
            result = operation()
        except REDIS_DOWN as failure:
            state.breaker.trip()
            self._remember(written, version)
            state.warn("Redis cache unreachable (%s): pages answer from the database; Redis is tried again every %g s.", failure, PAUSE_SECONDS)
            return failed_result
        down_for = state.breaker.succeeded()
        if down_for is not None:
            logger.info("Redis cache reachable again after about %d s.", down_for)
        return result

    def _remember(self, keys, version) -> None:
        if not keys:
            return
        state = self._state
        made = [self.make_and_validate_key(key, version=version) for key in keys]
        with state.lock:
            room = STALE_KEYS_LIMIT - len(state.stale_keys)
            state.stale_keys.update(made[: max(room, 0)])
            if room < len(made) and not state.overflowed:
                state.overflowed = True
                logger.warning("Redis cache: more than %d keys written while it was unreachable; the others stay stale until they expire.", STALE_KEYS_LIMIT)

    def _forget_stale_keys(self) -> None:
        """Delete what Redis may hold stale, before any other call reads from it. Raises REDIS_DOWN."""
        state = self._state
        if not state.stale_keys:
            return
        with state.lock:
            keys = sorted(state.stale_keys)
        for start in range(0, len(keys), FORGET_CHUNK):
            chunk = keys[start : start + FORGET_CHUNK]
            self._cache.delete_many(chunk)
            with state.lock:
                state.stale_keys.difference_update(chunk)
        with state.lock:
            state.overflowed = False
        logger.info("Redis cache: %d keys written while it was unreachable deleted.", len(keys))

    def ping(self) -> None:
        """For /health/: raises when Redis does not answer, whatever the breaker says."""
        self._cache.get_client(write=True).ping()

    # --- Django's cache API ------------------------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Not added: whatever Redis holds was there before and is no staler for it.
        return self._attempt(partial(super().add, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._attempt(partial(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._attempt(partial(super().set, key, value, timeout, version), None, written=[key], version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(partial(super().delete, key, version), False, written=[key], version=version)

    def get_many(self, keys, version=None):
        return self._attempt(partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(partial(super().has_key, key, version), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._attempt(partial(super().incr, key, delta, version), missing, written=[key], version=version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found.")  # what a miss is for incr()
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's contract: the keys that could not be set.
        return self._attempt(partial(super().set_many, data, timeout, version), list(data), written=list(data), version=version)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        self._attempt(partial(super().delete_many, keys, version), None, written=keys, version=version)

    def clear(self):
        """Delete this cache's keys only: Django's would empty the whole Redis database, with the
        Celery queue when the broker shares it (REDIS_URL serves both)."""
        return self._attempt(self._delete_own_keys, False)

    def _delete_own_keys(self) -> bool:
        client = self._cache.get_client(write=True)
        pattern = f"{self.key_prefix}:*"  # Django's keys are "<prefix>:<version>:<key>"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) >= FORGET_CHUNK:
                client.unlink(*batch)
                batch = []
        if batch:
            client.unlink(*batch)
        return True
