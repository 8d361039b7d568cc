"""Golden files for the parser: one saved page per variant and the story we expect from it.

Run ``python tests/golden.py`` to rewrite ``tests/data/expected/*.json`` after a deliberate
parser change, then read the diff: the expected files are reviewed by hand, not trusted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))

from signals_data.errors import SignalsError  # noqa: E402
from signals_data.extract import EXTENSIONS  # noqa: E402
from signals_data.ingest import parse_document  # noqa: E402
from signals_data.store import DocumentInput  # noqa: E402

PAGES = ROOT / "data" / "pages"
EXPECTED = ROOT / "data" / "expected"
# The real-shaped copies of the fidelity set have golden files too: one per pattern of
# SIGNALS_FORMAT.md, beside their hand labels (tests/data/realistic/labels.json).
REALISTIC = ROOT / "data" / "realistic" / "pages"
REALISTIC_EXPECTED = ROOT / "data" / "realistic" / "expected"
SETS = ((PAGES, EXPECTED), (REALISTIC, REALISTIC_EXPECTED))


def parse_page(path: Path) -> dict:
    """What the parser makes of a saved page, as plain JSON (story or rejection)."""
    doc = DocumentInput(path.name, path.read_bytes(), EXTENSIONS.get(path.suffix.lower()))
    try:
        story = parse_document(doc)
    except SignalsError as exc:
        return {"status": "rejected", "error": type(exc).__name__, "message": str(exc)}
    record = story.to_export()
    record.pop("id")
    record["flags"] = story.flags
    for exported, signal in zip(record["signals"], story.signals, strict=True):
        exported["flags"] = signal.flags
        exported["theme_terms"] = {t.slug: t.terms for t in signal.themes}
    return {"status": "ok", "story": record}


def page_names(pages: Path = PAGES) -> list[str]:
    return sorted(p.name for p in pages.iterdir() if p.is_file())


def golden_cases() -> list[tuple[Path, Path]]:
    """(page, expected JSON) for every golden page."""
    return [
        (pages / name, expected / (Path(name).stem + ".json"))
        for pages, expected in SETS
        for name in page_names(pages)
    ]


if __name__ == "__main__":
    for page, out in golden_cases():
        out.parent.mkdir(exist_ok=True)
        out.write_text(json.dumps(parse_page(page), indent=2, ensure_ascii=False) + "\n")
        print("wrote", out.relative_to(ROOT.parent))
