"""A polite HTTP getter: timeouts, retries with exponential backoff, bounded concurrency.

Retried: connection failures, timeouts, a body cut short (the server closed the connection
before sending the length it announced), HTTP 429 and 5xx. Not retried: other 4xx (asking
again will not help). Between attempts it waits ``backoff × 2**(attempt-1)`` seconds, or
longer when the server's ``Retry-After`` (in seconds) asks for it, capped at ``max_wait``;
through an injectable ``sleep`` so tests run fast. Proxy settings come from the environment
(``HTTPS_PROXY``, ``HTTP_PROXY``, ``NO_PROXY``), as httpx reads them by default.

>>> policy = RetryPolicy(attempts=4, backoff=0.5, max_wait=1.5)
>>> [policy.wait(n) for n in (1, 2, 3)]
[0.5, 1.0, 1.5]
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from wyoutcomes import __version__

__all__ = ["FetchAttemptsError", "Getter", "RetryPolicy"]

#: who is asking, so the service's operators can tell this tool's traffic apart
USER_AGENT = f"wyoutcomes/{__version__} (+https://pypi.org/project/wyoutcomes/)"


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts per URL, and how long to wait between them."""

    attempts: int = 4
    backoff: float = 1.0  # seconds before the second attempt; doubled for each later one
    max_wait: float = 30.0
    timeout: float = 60.0  # seconds for connecting and for each read of the body

    def wait(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        return float(min(self.max_wait, self.backoff * 2 ** (attempt - 1)))


def _retry_after(value: str | None) -> float:
    """Seconds from a ``Retry-After`` header given in seconds; 0 otherwise (an HTTP date is
    rare for this service and not worth a clock read).

    >>> _retry_after("3"), _retry_after(None), _retry_after("Wed, 21 Oct 2026 07:28:00 GMT")
    (3.0, 0.0, 0.0)
    """
    try:
        return max(0.0, float(value)) if value is not None else 0.0
    except ValueError:
        return 0.0


class FetchAttemptsError(Exception):
    """A URL failed on every attempt (or with a status that retrying cannot fix)."""

    def __init__(self, url: str, reason: str, attempts: int) -> None:
        super().__init__(f"{url}: {reason} (after {attempts} attempt(s))")
        self.url, self.reason, self.attempts = url, reason, attempts


class Getter:
    """GET URLs with one shared httpx client (thread-safe, so workers may share it).

    Use as a context manager, or call :meth:`close`.
    """

    def __init__(
        self,
        policy: RetryPolicy | None = None,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        try:
            import httpx
        except ImportError as exc:  # an optional extra: say how to get it
            from wyoutcomes.errors import UsageError

            raise UsageError(
                "fetching needs httpx: pip install 'wyoutcomes[fetch]' "
                "(or use --offline with a cache)"
            ) from exc
        self._httpx = httpx
        self.policy = policy or RetryPolicy()
        self._sleep = sleep
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.policy.timeout),
            headers={"User-Agent": USER_AGENT, "Accept": "text/csv, */*;q=0.1"},
            follow_redirects=True,
            trust_env=True,  # HTTPS_PROXY / HTTP_PROXY / NO_PROXY and SSL_CERT_FILE
        )

    def __enter__(self) -> Getter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str) -> bytes:
        """The body of ``url``; raises :class:`FetchAttemptsError` when every attempt failed."""
        httpx = self._httpx
        reason = "not attempted"
        for attempt in range(1, self.policy.attempts + 1):
            asked_wait = 0.0  # what the server asked for in Retry-After, in seconds
            try:
                response = self._client.get(url)
                body = response.content  # read whole: a short body raises here
            except httpx.TimeoutException:
                reason = f"no answer within {self.policy.timeout:g} s (timeout)"
            except httpx.RemoteProtocolError as exc:
                reason = f"the response was cut short or malformed ({exc})"
            except httpx.TransportError as exc:
                reason = f"cannot connect ({type(exc).__name__}: {exc})"
            else:
                status = response.status_code
                if status < 300:
                    return body
                reason = f"HTTP {status} {response.reason_phrase}".rstrip()
                if not (status == 429 or status >= 500):
                    raise FetchAttemptsError(url, reason, attempt)
                asked_wait = _retry_after(response.headers.get("Retry-After"))
            if attempt < self.policy.attempts:
                wait = max(self.policy.wait(attempt), asked_wait)
                self._sleep(min(wait, self.policy.max_wait))
        raise FetchAttemptsError(url, reason, self.policy.attempts)
