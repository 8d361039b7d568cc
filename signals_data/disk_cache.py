"""A cache on disk for arrays that take seconds to work out and are the same on every run.

The labelled signals theme scoring compares against are embedded, lemmatised and counted on
first use: about a second, paid by every ``signals ingest`` of a single page and by every new
dashboard process. Their arrays are kept here between runs, under a key made of everything
they are worked out from (the labelled file, the taxonomy's texts, the code and the library
versions): a change to any of them gives a new key, so a stale entry is never read. So is
the lemmatiser's decoded English dictionary (0.2 s to decode; keyed on simplemma's file and
version, see ``themes._cached_dictionaries``).

Where: ``$SIGNALS_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/signals-desk``, else
``~/.cache/signals-desk``. A cache that cannot be read or written is simply not used: the
arrays are worked out again, as on a first run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from pathlib import Path

import numpy as np

CACHE_ENV = "SIGNALS_CACHE_DIR"


def cache_dir() -> Path | None:
    """The cache's folder, or None when the cache is turned off."""
    setting = os.environ.get(CACHE_ENV)
    if setting is not None:
        return Path(setting) if setting.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "signals-desk"


def cache_key(*parts: bytes | str) -> str:
    """A key for what these parts determine (each part counts, and where it ends)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()[:32]


def _path(name: str, key: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key}.npz"


def load_arrays(name: str, key: str) -> dict[str, np.ndarray] | None:
    """The arrays kept under this name and key, or None (none kept, or unreadable)."""
    path = _path(name, key)
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            return {field: data[field] for field in data.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        return None


def save_arrays(name: str, key: str, arrays: dict[str, np.ndarray]) -> None:
    """Keep the arrays under this name and key, in place of any kept under an older key.
    Written to a temporary file and renamed, so a reader never sees half a file."""
    path = _path(name, key)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            temporary = Path(out.name)
            np.savez(out, **arrays)
        os.replace(temporary, path)
        temporary = None
        for older in path.parent.glob(f"{name}-*.npz"):
            if older != path:
                older.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk: the next run works the arrays out again
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def text_array(values: list) -> np.ndarray:
    """Strings (or lists of them), as an array a cache file can hold without pickling."""
    return np.frombuffer(json.dumps(values, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)


def from_text_array(array: np.ndarray) -> list:
    return json.loads(array.tobytes().decode("utf-8"))
