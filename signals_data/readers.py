"""Find and read inputs: files, directories (recursively) and http(s) URLs.

Reading never raises for one bad input: it yields a ``RawInput`` whose content is None and
whose ``error`` says what went wrong, so the batch goes on and the failure is recorded. Only
regular files are read (a FIFO or a device would block or never end); a symbolic link that
loops or points nowhere, and a folder that cannot be listed, are inputs with a reason too.
"""

from __future__ import annotations

import errno
import os
import stat
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from signals_data.extract import EXTENSIONS

MAX_BYTES = 20 * 1024 * 1024
URL_TIMEOUT_S = 20  # for each network read
URL_DEADLINE_S = 60  # for the whole fetch: a server sending a byte now and then is cut off
USER_AGENT = "signals-desk/0.1 (+ingest)"
READ_CHUNK = 64 * 1024


@dataclass
class RawInput:
    origin: str
    content: bytes | None
    format: str | None  # from the extension or Content-Type; None means "sniff it"
    error: str | None = None


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def printable_path(path: str) -> str:
    """A path as text SQLite and terminals accept: undecodable bytes shown as ``\\xNN``."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def expand_targets(targets: list[str]) -> list[str]:
    """Files and URLs to read, directories expanded to their page files (hidden files skipped).

    A folder that cannot be listed stays in the list (reading it says why); so do links with a
    page extension that point nowhere or loop. Linked folders are followed once each."""
    found: list[str] = []
    for target in targets:
        if not is_url(target) and os.path.isdir(target):
            found.extend(_page_files(target))
        else:
            found.append(target)
    return found


def _page_files(root: str) -> list[str]:
    found: list[str] = []
    seen: set[str] = set()
    stack = [root]
    while stack:
        folder = stack.pop()
        real = os.path.realpath(folder)
        if real in seen:
            continue  # a link back to a folder already read
        seen.add(real)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            found.append(folder)  # read_file reports why it cannot be listed
            continue
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if _is_folder(entry):
                subfolders.append(entry.path)
            elif os.path.splitext(entry.name)[1].lower() in EXTENSIONS:
                found.append(entry.path)
        stack.extend(reversed(subfolders))
    # The order Path.rglob gave (sorted paths), so a batch reads in a stable order.
    return sorted(found, key=lambda path: Path(path).parts)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link that loops: not a folder; read as a file, it reports the loop
        return False


def _file_problem(path: str) -> str | None:
    """Why a path is not a regular file that can be read, or None if it is one."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            return f"a symbolic link to {printable_path(os.readlink(path))}, which does not exist"
        return "no such file or directory"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link that loops (it points back to itself)"
        return f"could not be read ({exc.strerror or exc})"
    if stat.S_ISREG(info.st_mode):
        return None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            return f"a folder that could not be read ({exc.strerror or exc})"
        return "a folder (give it on its own to read the pages in it)"
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(info.st_mode)
        else "a device"
        if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode)
        else "a socket"
        if stat.S_ISSOCK(info.st_mode)
        else "not a regular file"
    )
    return f"{kind}, not a saved page; only regular files are read"


def read_file(path: str, max_bytes: int = MAX_BYTES) -> RawInput:
    origin = printable_path(path)
    fmt = EXTENSIONS.get(Path(path).suffix.lower())
    problem = _file_problem(path)
    if problem:
        return RawInput(origin, None, fmt, f"{origin}: {problem}")
    try:
        # Non-blocking open: if the path was swapped for a FIFO since the check, this does not
        # wait for a writer; the check on the open file then refuses it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return RawInput(origin, None, fmt, f"{origin}: not a regular file; not read")
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return RawInput(origin, None, fmt, f"{origin}: could not be read ({exc.strerror or exc})")
    if len(data) > max_bytes:
        return RawInput(origin, None, fmt, f"{origin}: over the {max_bytes:,} byte limit")
    return RawInput(origin, data, fmt)


def _format_from_content_type(content_type: str) -> str | None:
    content_type = content_type.lower()
    if "html" in content_type:
        return "html"
    if "markdown" in content_type:
        return "markdown"
    if "json" in content_type:
        return "jsonl"
    return None


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: not to ftp:// (which urllib follows) or file://."""

    def http_error_302(self, req, fp, code, msg, headers):
        location = headers.get("location") or headers.get("uri") or ""
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, location)).scheme
        if scheme.lower() not in ("http", "https"):
            raise urllib.error.URLError(
                f"redirected to {location[:200]}; only http:// and https:// redirects are followed"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


_OPENER = urllib.request.build_opener(_WebOnlyRedirects)


def _read_body(response, max_bytes: int, deadline: float, timeout: float) -> bytes | None:
    """At most ``max_bytes + 1`` bytes, or None once the deadline passes. Each read returns
    what has arrived (read1), so a slow trickle is cut off at the deadline."""
    chunks: list[bytes] = []
    size = 0
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    while size <= max_bytes:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        if sock is not None:
            sock.settimeout(min(timeout, left))
        try:
            chunk = response.read1(min(READ_CHUNK, max_bytes + 1 - size))
        except TimeoutError:
            if time.monotonic() >= deadline - 0.05:
                return None  # the read was cut short by the deadline, not by a silent server
            raise
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_url(
    url: str,
    max_bytes: int = MAX_BYTES,
    timeout: float = URL_TIMEOUT_S,
    deadline_s: float = URL_DEADLINE_S,
) -> RawInput:
    origin = printable_path(url)
    deadline = time.monotonic() + deadline_s
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        with _OPENER.open(request, timeout=timeout) as response:
            fmt = _format_from_content_type(response.headers.get("Content-Type", ""))
            data = _read_body(response, max_bytes, deadline, timeout)
    except urllib.error.HTTPError as exc:
        return RawInput(
            origin, None, None, f"{origin}: the server answered HTTP {exc.code} {exc.reason}"
        )
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return RawInput(origin, None, None, f"{origin}: could not be fetched ({reason})")
    except Exception as exc:  # http.client's own errors (a malformed answer) among others
        return RawInput(origin, None, None, f"{origin}: could not be fetched ({exc!r:.200})")
    if data is None:
        return RawInput(
            origin, None, fmt, f"{origin}: not fetched within {deadline_s:g} s; gave up"
        )
    if len(data) > max_bytes:
        return RawInput(
            origin, None, fmt, f"{origin}: the response is over the {max_bytes:,} byte limit"
        )
    return RawInput(origin, data, fmt or EXTENSIONS.get(Path(url.split("?")[0]).suffix.lower()))


def read_targets(targets: list[str], max_bytes: int = MAX_BYTES) -> Iterator[RawInput]:
    for target in targets:
        yield read_url(target, max_bytes) if is_url(target) else read_file(target, max_bytes)
