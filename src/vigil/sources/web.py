"""Fetching a page or feed by URL (the only network access Vigil makes, and only when asked)."""

from __future__ import annotations

import urllib.error
import urllib.request

from vigil import __version__

TIMEOUT_SECONDS = 30
USER_AGENT = f"Vigil/{__version__} (+news reader for conflict monitoring)"


def fetch(url: str, max_bytes: int) -> tuple[bytes, str]:
    """The body and content type of a URL; OSError with a clear message on any failure."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "").lower()
    except urllib.error.HTTPError as exc:
        raise OSError(f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise OSError(str(exc.reason)) from exc
    except TimeoutError as exc:
        raise OSError(f"no answer in {TIMEOUT_SECONDS} s") from exc
    if len(data) > max_bytes:
        raise OSError(f"response is over the {max_bytes / 1e6:.0f} MB limit")
    return data, content_type
