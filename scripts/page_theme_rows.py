"""Write the labelled signals of hand-labelled page copies as theme training rows.

Usage: python scripts/page_theme_rows.py SET [SET ...] > tests/data/themes_train_pages.jsonl

Each SET is a folder under ``tests/data`` with ``pages/`` and ``themes.json`` (the main theme of
each signal, labelled by the page's writer with the whole story in view). Every page is read by
the parser, as the ingester reads it; a page read with another number of signals than labelled is
skipped (its labels cannot be matched to signals). The rows carry the story's title and News, so
the learned layer can weigh the story as real signals are labelled: in their story.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fidelity import parse_page  # noqa: E402


def rows_of(folder: Path) -> list[dict]:
    rows = []
    labels = json.loads((folder / "themes.json").read_text("utf-8"))
    for name, themes in sorted(labels.items()):
        story = parse_page(folder / "pages" / name)
        if isinstance(story, str) or len(story.signals) != len(themes):
            print(f"skipped {folder.name}/{name}", file=sys.stderr)
            continue
        for number, (signal, theme) in enumerate(zip(story.signals, themes, strict=True), 1):
            rows.append(
                {
                    "id": f"{folder.name}/{Path(name).stem.split('_')[0]}/{number}",
                    "split": "train",
                    "story_title": story.title,
                    "story_news": story.summary,
                    "year": int(story.published[:4]) if story.published else None,
                    "headline": signal.headline,
                    "body": signal.body,
                    "sources": signal.outlets,
                    "theme": theme,
                    "also": [],
                    "note": "page copy",
                }
            )
    return rows


def main() -> None:
    for name in sys.argv[1:]:
        for row in rows_of(ROOT / "tests" / "data" / name):
            print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
