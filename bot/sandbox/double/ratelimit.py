"""Discord-style rate limits: per-route buckets keyed by major parameter, plus a global cap.

Fixed windows on the monotonic clock, so time travel in tests never confuses them. Every
bucketed response carries the X-RateLimit-* headers discord.py reads to pace itself.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field


@dataclass
class Window:
    limit: int
    per: float
    started: float = 0.0
    used: int = 0

    def take(self, now: float) -> float:
        """Count one request; returns 0 when allowed, else the seconds to wait."""
        if now - self.started >= self.per:
            self.started, self.used = now, 0
        if self.used >= self.limit:
            return self.per - (now - self.started)
        self.used += 1
        return 0.0

    def remaining(self) -> int:
        return max(0, self.limit - self.used)

    def reset_after(self, now: float) -> float:
        return max(0.0, self.per - (now - self.started))


@dataclass
class Verdict:
    headers: dict[str, str]
    retry_after: float = 0.0
    is_global: bool = False

    @property
    def allowed(self) -> bool:
        return self.retry_after == 0.0


@dataclass
class RateLimiter:
    """`routes` maps "METHOD /route/{template}" to (limit, seconds) per major parameter."""

    global_limit: tuple[int, float] | None = (50, 1.0)
    routes: dict[str, tuple[int, float]] = field(
        default_factory=lambda: {"POST /channels/{channel_id}/messages": (5, 5.0)}
    )
    _buckets: dict[tuple[str, str], Window] = field(default_factory=dict)
    _global: Window | None = None

    def check(self, route_key: str, major: str, *, counts_globally: bool) -> Verdict:
        now = time.monotonic()
        headers: dict[str, str] = {}
        if counts_globally and self.global_limit:
            if self._global is None or (self._global.limit, self._global.per) != self.global_limit:
                self._global = Window(*self.global_limit)
            wait = self._global.take(now)
            if wait:
                return Verdict(
                    {"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"},
                    wait,
                    is_global=True,
                )
        spec = self.routes.get(route_key)
        if spec is None:
            return Verdict(headers)
        window = self._buckets.get((route_key, major))
        if window is None or (window.limit, window.per) != spec:
            window = self._buckets[(route_key, major)] = Window(*spec)
        wait = window.take(now)
        reset_after = window.reset_after(now)
        headers = {
            "X-RateLimit-Limit": str(window.limit),
            "X-RateLimit-Remaining": str(window.remaining()),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": hashlib.sha1(route_key.encode()).hexdigest()[:16],  # noqa: S324
        }
        if wait:
            headers["X-RateLimit-Scope"] = "user"
        return Verdict(headers, wait)
