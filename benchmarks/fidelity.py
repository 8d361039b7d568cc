"""Parser fidelity on realistic, hand-labelled copies of Signals pages.

Usage: python benchmarks/fidelity.py [--json] [--pages DIR] [--labels FILE]

Every page in ``tests/data/realistic/pages`` is parsed exactly as the ingester parses it, and
the result is compared field by field with ``tests/data/realistic/labels.json``, which was
written by reading the pages, not by running the parser. Prints exact-match counts and rates
per field, then every mismatch (file, field, expected, got). ``--json`` prints the figures as
JSON instead. ``measure`` is importable (the fidelity test uses it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))

from signals_data.errors import SignalsError  # noqa: E402
from signals_data.extract import EXTENSIONS  # noqa: E402
from signals_data.ingest import parse_document  # noqa: E402
from signals_data.models import Story  # noqa: E402
from signals_data.outlets import Registry, load_registry  # noqa: E402
from signals_data.store import DocumentInput  # noqa: E402

REALISTIC = ROOT / "tests" / "data" / "realistic"
PAGES_DIR = REALISTIC / "pages"
LABELS_FILE = REALISTIC / "labels.json"

# The fields reported, in order; "pages" is acceptance or rejection, the rest are per story
# (title, url, published, signal_count) or per labelled signal (headline, body, outlets).
FIELDS = ("pages", "title", "url", "published", "signal_count", "headline", "body", "outlets")


def load_labels(path: Path = LABELS_FILE) -> list[dict]:
    """The hand labels: one entry per page file."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def parse_page(path: Path) -> Story | str:
    """The story the ingester would store for this file, or why it would not store one."""
    doc = DocumentInput(path.name, path.read_bytes(), EXTENSIONS.get(path.suffix.lower()))
    try:
        return parse_document(doc)
    except SignalsError as exc:
        return f"rejected: {exc}"
    except Exception as exc:  # a parser crash is a finding to report, not a reason to stop
        return f"error: {exc!r}"


class Tally:
    """Exact-match counts per field and the list of mismatches."""

    def __init__(self) -> None:
        self.counts = {field: [0, 0] for field in FIELDS}  # field -> [matched, total]
        self.mismatches: list[dict] = []

    def check(self, file: str, field: str, expected: object, got: object, ok: bool) -> None:
        self.counts[field][1] += 1
        if ok:
            self.counts[field][0] += 1
        else:
            self.mismatches.append({"file": file, "field": field, "expected": expected, "got": got})

    def figures(self) -> dict:
        return {
            field: {
                "matched": matched,
                "total": total,
                "rate": round(matched / total, 4) if total else None,
            }
            for field, (matched, total) in self.counts.items()
        }


def body_starts_as_labelled(body: str, start: str) -> bool:
    """Whether the body's first words are the labelled ones ("" means the body must be empty)."""
    words = start.split()
    if not words:
        return not body.strip()
    got = body.split()[: len(words)]
    # A label cut after a word may leave out the comma that follows it ("peso rate" for "rate,").
    last = (got[-1].rstrip(",;:") if got else None) == words[-1].rstrip(",;:")
    return len(got) == len(words) and got[:-1] == words[:-1] and last


def outlet_set(names: list[str], resolve: Callable[[str], str]) -> list[str]:
    """Canonical names, so that "the Financial Times" on one side matches "Financial Times"."""
    return sorted({resolve(name) for name in names})


def same_outlets(labelled: list[str], got: list[str], registry: Registry) -> bool:
    """Whether the outlets read are those labelled. A label names an outlet as printed, and a
    name several outlets share ("ABC") is read in its story's light: any of its readings
    counts (the Australian broadcaster on an Australian story)."""
    wanted = [set(registry.readings(n)) | {registry.resolve(n)[0]} for n in labelled]
    if len({frozenset(w) for w in wanted}) != len(wanted) or len(set(got)) != len(wanted):
        return outlet_set(labelled, lambda n: registry.resolve(n)[0]) == sorted(set(got))
    return all(any(g in w for g in got) for w in wanted) and all(
        any(g in w for w in wanted) for g in got
    )


def title_matches(label: dict, story: Story) -> bool:
    """A copy whose headline is only in its metadata is flagged untitled and titled from the
    metadata: the sets label it either way (untitled, or by that title), and both match."""
    if label.get("untitled"):
        return "untitled" in story.flags
    return (story.title or "").strip() == (label.get("title") or "")


def compare_story(file: str, label: dict, story: Story, tally: Tally, registry: Registry) -> None:
    """Compare a parsed story with its label; signals are paired by position."""
    got_title = "(flagged untitled)" if "untitled" in story.flags else story.title
    expected_title = "(untitled)" if label.get("untitled") else label.get("title")
    tally.check(file, "title", expected_title, got_title, title_matches(label, story))
    tally.check(file, "url", label.get("url"), story.url, story.url == label.get("url"))
    published = label.get("published")
    tally.check(file, "published", published, story.published, story.published == published)
    expected_signals = label.get("signals", [])
    count = len(expected_signals)
    got_count = len(story.signals)
    tally.check(file, "signal_count", count, got_count, got_count == count)

    def resolve(name: str) -> str:
        return registry.resolve(name)[0]

    for i, want in enumerate(expected_signals):
        where = f"{file} #{i + 1}"
        got = story.signals[i] if i < got_count else None
        headline = got.headline if got else None
        # A 2023 signal has no headline: labelled null or "" (both seen), parsed as "".
        wanted = want["headline"] or ""
        tally.check(where, "headline", wanted, headline, headline == wanted)
        body = got.body if got else None
        start = " ".join(body.split()[:6]) if body is not None else None
        ok = got is not None and body_starts_as_labelled(got.body, want["body_start"])
        tally.check(where, "body", want["body_start"], start, ok)
        expected_outlets = outlet_set(want["outlets"], resolve)
        got_outlets = outlet_set(got.outlets, resolve) if got else None
        ok = got_outlets is not None and same_outlets(want["outlets"], got_outlets, registry)
        tally.check(where, "outlets", expected_outlets, got_outlets, ok)


def measure(pages_dir: Path = PAGES_DIR, labels: list[dict] | Path = LABELS_FILE) -> dict:
    """Parse every labelled page and compare it with its label; figures and mismatches."""
    if not isinstance(labels, list):
        labels = load_labels(Path(labels))
    pages_dir = Path(pages_dir)
    registry = load_registry()
    tally = Tally()
    empty_bodies: list[str] = []
    for label in labels:
        file = label["file"]
        result = parse_page(pages_dir / file)
        accepted = isinstance(result, Story)
        want_signals = bool(label["signals_page"])
        got_kind = "accepted" if accepted else result
        expected_kind = "accepted" if want_signals else "rejected"
        tally.check(file, "pages", expected_kind, got_kind, accepted == want_signals)
        if not want_signals:
            continue
        if not accepted:
            tally.mismatches.append(
                {"file": file, "field": "story", "expected": "a story", "got": result}
            )
            # Every field of a rejected Signals page counts as missed, each listed as such.
            rejected = "(rejected)"
            for field in ("title", "url", "published"):
                tally.check(file, field, label[field], rejected, False)
            tally.check(file, "signal_count", len(label["signals"]), rejected, False)
            for k, signal in enumerate(label["signals"], 1):
                expected = {"headline": signal["headline"], "body": signal["body_start"]}
                expected["outlets"] = signal["outlets"]
                for field in ("headline", "body", "outlets"):
                    tally.check(f"{file} #{k}", field, expected[field], rejected, False)
            continue
        compare_story(file, label, result, tally, registry)
        empty_bodies += [
            f"{file} #{s.position}" for s in result.signals if not (s.body or "").strip()
        ]
    expected_empty = sum(
        1 for label in labels for s in label.get("signals", []) if not s["body_start"].strip()
    )
    return {
        "pages": len(labels),
        "signals_pages": sum(1 for label in labels if label["signals_page"]),
        "fields": tally.figures(),
        "empty_bodies": len(empty_bodies),
        "empty_bodies_labelled": expected_empty,
        "empty_body_signals": empty_bodies,
        "mismatches": tally.mismatches,
    }


def format_report(figures: dict) -> str:
    """The figures as a table, then every mismatch."""
    lines = [
        f"{figures['pages']} pages ({figures['signals_pages']} Signals pages, "
        f"{figures['pages'] - figures['signals_pages']} others)",
        f"{'field':<14} {'matched':>8} {'total':>6} {'rate':>8}",
    ]
    for field, row in figures["fields"].items():
        rate = f"{row['rate']:.1%}" if row["rate"] is not None else "-"
        lines.append(f"{field:<14} {row['matched']:>8} {row['total']:>6} {rate:>8}")
    lines.append(
        f"empty bodies: {figures['empty_bodies']} (labelled: {figures['empty_bodies_labelled']})"
        + (f": {', '.join(figures['empty_body_signals'])}" if figures["empty_body_signals"] else "")
    )
    lines.append(f"\n{len(figures['mismatches'])} mismatches:")
    for m in figures["mismatches"]:
        lines.append(f"- {m['file']} [{m['field']}] expected {m['expected']!r}, got {m['got']!r}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pages", type=Path, default=PAGES_DIR, help="folder of page files")
    parser.add_argument("--labels", type=Path, default=LABELS_FILE, help="labels.json")
    args = parser.parse_args(argv)
    figures = measure(args.pages, args.labels)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        print(format_report(figures))


if __name__ == "__main__":
    main()
