"""Cache backends and helpers: an in-process object store, and cache calls that fail open."""

import logging
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

logger = logging.getLogger(__name__)


class ObjectCache(BaseCache):
    """Objects kept as they are (not pickled) in this process, for values keyed on the
    content version: page data and rendered fragments.

    It holds one content version's values only: the first value asked for under a new
    version drops the old version's. Within a version it keeps the ``MAX_ENTRIES`` most
    recently used, and, of values that say their size (``nbytes``: kept pages and their
    parts), at most ``MAX_BYTES`` in all, so a flood of new keys evicts the least used
    ones, never the whole live version. Timeouts are ignored: a new content version gives
    new keys."""

    def __init__(self, location, params):
        super().__init__(params)
        self._max_bytes = params.get("OPTIONS", {}).get("MAX_BYTES")
        self.version = None
        self._values = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get_or_build(self, version, key, build):
        with self._lock:
            if version == self.version:
                try:
                    value = self._values[key]
                except KeyError:
                    pass
                else:
                    self._values.move_to_end(key)
                    return value
        value = build()
        with self._lock:
            if version != self.version:
                self.version = version
                self._values = OrderedDict()
                self._bytes = 0
            self._keep(key, value)
        return value

    def _keep(self, key, value):
        self._bytes += size_of(value) - size_of(self._values.get(key))
        self._values[key] = value
        while len(self._values) > self._max_entries or (
            self._max_bytes is not None and self._bytes > self._max_bytes and self._values
        ):
            self._bytes -= size_of(self._values.popitem(last=False)[1])

    def peek(self, version, key, default=None):
        """``key``'s value if it was built for ``version``; ``default`` if not (nothing is
        built)."""
        with self._lock:
            if version != self.version:
                return default
            return self._values.get(key, default)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        if key in self._values:
            return False
        self.set(key, value)
        return True

    def get(self, key, default=None, version=None):
        return self._values.get(key, default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        with self._lock:
            self._keep(key, value)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return key in self._values

    def delete(self, key, version=None):
        with self._lock:
            value = self._values.pop(key, None)
            self._bytes -= size_of(value)
        return value is not None

    def has_key(self, key, version=None):
        return key in self._values

    def clear(self):
        self.version = None
        self._values = OrderedDict()
        self._bytes = 0

    def __len__(self):
        return len(self._values)


def size_of(value):
    return getattr(value, "nbytes", 0)


class FailOpen:
    """Calls to a cache that may be down, full or hung: any error counts as a miss.

    After an error the cache is left alone for ``pause`` seconds, so a hung server costs one
    request a timeout rather than every request; errors are logged at most once a minute.
    """

    LOG_EVERY = 60

    def __init__(self, cache, name, pause=5.0):
        self.cache = cache
        self.name = name
        self.pause = pause
        self.resting_until = 0.0
        self.logged_at = None

    def get(self, key):
        return self._call("get", key)

    def set(self, key, value, timeout):
        self._call("set", key, value, timeout)

    def _call(self, method, *args):
        now = time.monotonic()
        if now < self.resting_until:
            return None
        try:
            return getattr(self.cache, method)(*args)
        except Exception as error:  # noqa: BLE001 - any cache error is a miss
            self.resting_until = time.monotonic() + self.pause
            if self.logged_at is None or now - self.logged_at >= self.LOG_EVERY:
                self.logged_at = now
                logger.warning(
                    "The %s cache failed (%s: %s); serving without it",
                    self.name,
                    type(error).__name__,
                    error,
                )
            return None
