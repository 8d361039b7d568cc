"""Find and read inputs: files, directories (recursively) and http(s) URLs.

Reading never raises for one bad input: it yields a ``DocumentInput`` whose content is None and
whose ``error`` says what went wrong, so the batch goes on and the failure is recorded.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from signals_data.extract import EXTENSIONS

MAX_BYTES = 20 * 1024 * 1024
URL_TIMEOUT_S = 20
USER_AGENT = "signals-desk/0.1 (+ingest)"


@dataclass
class RawInput:
    origin: str
    content: bytes | None
    format: str | None  # from the extension or Content-Type; None means "sniff it"
    error: str | None = None


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def expand_targets(targets: list[str]) -> list[str]:
    """Files and URLs to read, directories expanded to their page files (hidden files skipped)."""
    found: list[str] = []
    for target in targets:
        path = Path(target)
        if not is_url(target) and path.is_dir():
            found.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() in EXTENSIONS
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            found.append(target)
    return found


def read_file(path: str, max_bytes: int = MAX_BYTES) -> RawInput:
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            return RawInput(
                path, None, fmt, f"{path}: {size:,} bytes is over the {max_bytes:,} limit"
            )
        return RawInput(path, Path(path).read_bytes(), fmt)
    except FileNotFoundError:
        return RawInput(path, None, fmt, f"{path}: no such file or directory")
    except OSError as exc:
        return RawInput(path, None, fmt, f"{path}: could not be read ({exc.strerror or exc})")


def _format_from_content_type(content_type: str) -> str | None:
    content_type = content_type.lower()
    if "html" in content_type:
        return "html"
    if "markdown" in content_type:
        return "markdown"
    if "json" in content_type:
        return "jsonl"
    return None


def read_url(url: str, max_bytes: int = MAX_BYTES, timeout: float = URL_TIMEOUT_S) -> RawInput:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            fmt = _format_from_content_type(response.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as exc:
        return RawInput(url, None, None, f"{url}: the server answered HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return RawInput(url, None, None, f"{url}: could not be fetched ({reason})")
    if len(data) > max_bytes:
        return RawInput(url, None, fmt, f"{url}: the response is over the {max_bytes:,} byte limit")
    return RawInput(url, data, fmt or EXTENSIONS.get(Path(url.split("?")[0]).suffix.lower()))


def read_targets(targets: list[str], max_bytes: int = MAX_BYTES) -> Iterator[RawInput]:
    for target in targets:
        yield read_url(target, max_bytes) if is_url(target) else read_file(target, max_bytes)
