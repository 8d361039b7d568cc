"""The demo corpus: deterministic, every variant present, and it all parses back."""

from __future__ import annotations

from collections import Counter

from signals_data.demo import CorpusGenerator, build_demo
from signals_data.queries import is_demo


def test_same_seed_same_pages_other_seed_other_pages():
    first = list(CorpusGenerator(120, seed=11).pages())
    again = list(CorpusGenerator(120, seed=11).pages())
    other = list(CorpusGenerator(120, seed=12).pages())
    assert first == again
    assert first != other


def test_every_variant_is_produced():
    generator = CorpusGenerator(800, seed=7)
    specs = [generator.spec(i) for i in range(800)]
    pages = list(CorpusGenerator(800, seed=7).pages())
    formats = Counter(origin.rsplit(".", 1)[1] for origin, _fmt, _content in pages)
    assert set(formats) == {"icon", "clean", "markdown", "html", "md"}  # md: the revisions
    assert any(o.endswith("-rev.md") for o, _, _ in pages), "some revisions"
    assert any(s.strip_sources for s in specs), "some stripped Source lines"
    assert any(s.untitled for s in specs), "some 2023-style untitled signals"
    assert len({s.published.year for s in specs}) >= 3, "several years"
    assert all(2 <= len(s.signals) <= 5 for s in specs)
    assert not any("{" in sig.body or "{" in sig.headline for s in specs for sig in s.signals)
    assert all(1 <= len(sig.sources) <= 4 for s in specs for sig in s.signals)
    outlets = {o for s in specs for sig in s.signals for o in sig.sources}
    assert len(outlets) > 150, "a few hundred outlets"


def test_demo_builds_and_parses_back_without_rejections(db):
    outcomes = build_demo(db, 400, seed=5)
    statuses = Counter(o.status for o in outcomes)
    assert statuses["rejected"] == 0 and statuses["error"] == 0
    stories = db.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert stories == 400 + 1  # the bundled sample is included; revisions update their story
    assert statuses["updated"] > 0
    assert db.execute("SELECT count(*) FROM stories WHERE title LIKE 'Putin and Xi%'").fetchone()[0]
    assert is_demo(db)
    indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {
        "idx_signals_published",
        "idx_signal_outlets_outlet",
        "idx_signal_outlets_role",
    } <= indexes
    # The citation counts are skewed: the most cited outlet is cited far more than the median.
    counts = [
        r[0]
        for r in db.execute(
            "SELECT count(*) FROM signal_outlets WHERE role = 'credited' GROUP BY outlet_id "
            "ORDER BY 1 DESC"
        )
    ]
    assert counts[0] > 10 * counts[len(counts) // 2]
    # Stripped Source lines still give outlets through the prose.
    assert db.execute("SELECT count(*) FROM signal_outlets WHERE role = 'mentioned'").fetchone()[0]
    # Full-text search works after the bulk load rebuilt the index.
    assert db.execute(
        "SELECT count(*) FROM signals_fts WHERE signals_fts MATCH 'tariffs'"
    ).fetchone()[0]
