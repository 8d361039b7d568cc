"""Parser fidelity on realistic, hand-labelled copies (tests/data/realistic).

The targets are what analysts need from real copies; the figures and every mismatch are printed
by ``python benchmarks/fidelity.py``. The first two tests check the labels themselves.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from fidelity import LABELS_FILE, PAGES_DIR, load_labels, measure  # noqa: E402

LABELS = load_labels(LABELS_FILE)
MIN_RATE = 0.98


def page_text(path: Path) -> str:
    """The page as a reader sees it, decoded without the parser (so labels are checked apart)."""
    data = path.read_bytes()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252")
    return re.sub(r"\s+", " ", html.unescape(text))


@pytest.fixture(scope="module")
def figures() -> dict:
    return measure(PAGES_DIR, LABELS)


def mismatches(figures: dict, *fields: str) -> list[str]:
    return [
        f"{m['file']} [{m['field']}] expected {m['expected']!r}, got {m['got']!r}"
        for m in figures["mismatches"]
        if m["field"] in fields
    ]


def test_every_page_has_one_label():
    files = sorted(p.name for p in PAGES_DIR.iterdir() if p.is_file())
    labelled = [label["file"] for label in LABELS]
    assert sorted(labelled) == files
    assert len(labelled) == len(set(labelled))
    assert sum(1 for label in LABELS if label["signals_page"]) >= 40
    assert sum(1 for label in LABELS if not label["signals_page"]) >= 5


@pytest.mark.parametrize("label", [x for x in LABELS if x["signals_page"]], ids=lambda x: x["file"])
def test_labels_are_read_off_the_page(label: dict):
    text = page_text(PAGES_DIR / label["file"])
    assert (label["title"] is None) == bool(label["untitled"])
    if label["title"]:
        assert label["title"] in text
    if label["published"]:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", label["published"])
    if label["url"]:
        assert label["url"].startswith("https://") and "www." not in label["url"]
        assert "utm_" not in label["url"] and not label["url"].endswith("/")
    for signal in label["signals"]:
        assert signal["headline"] in text
        assert signal["body_start"] in text
        assert len(signal["body_start"].split()) <= 6
        for name in signal["outlets"]:
            assert name in text


def test_pages_that_are_not_signals_are_rejected(figures: dict):
    wrong = [
        m for m in figures["mismatches"] if m["field"] == "pages" and m["expected"] == "rejected"
    ]
    assert not wrong, wrong


@pytest.mark.parametrize("field", ["title", "published", "url", "outlets"])
def test_field_is_right_on_nearly_every_page(figures: dict, field: str):
    row = figures["fields"][field]
    assert row["total"] > 0
    assert row["rate"] >= MIN_RATE, "\n".join(mismatches(figures, field, "story"))


def test_signal_counts_are_exact(figures: dict):
    row = figures["fields"]["signal_count"]
    assert row["matched"] == row["total"], "\n".join(mismatches(figures, "signal_count", "story"))


def test_at_most_one_empty_body(figures: dict):
    # Only a copy cut off inside its last Source line leaves a signal with no body at all.
    assert figures["empty_bodies"] <= 1, figures["empty_body_signals"]
