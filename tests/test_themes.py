"""Theme assignment: the keyword mechanics, the embeddings loaded offline, the story prior, and
agreement with hand labels kept above a floor."""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from signals_data import themes
from signals_data.models import ThemeScore
from signals_data.themes import StoryText, lemma, load_taxonomy, score_story_themes, score_themes

ROOT = Path(__file__).resolve().parent.parent
SECOND = ROOT / "tests" / "data" / "themes_eval_second.jsonl"
LONG = ROOT / "tests" / "data" / "themes_eval_long.jsonl"
LONG_SECOND = ROOT / "tests" / "data" / "themes_eval_long_second.jsonl"
PAGES_SECOND = ROOT / "tests" / "data" / "themes_pages_second.jsonl"
EVAL = ROOT / "tests" / "data" / "themes_eval.jsonl"

# Measured on the test split with the shipped taxonomy and learned layer, 110 of 137 (80.3%,
# see benchmarks/RESULTS.md, "Themes"), minus three points: losing more is a regression.
TEST_SPLIT_FLOOR = 0.78  # measured 111/137 (81.0%) less 3 points, so noise does not fail it
LONG_FLOOR = 0.88  # full-length signals: measured 107/117 (91.5%) less 3 points


def taxonomy_file(tmp_path: Path, body: str, settings: str = "") -> str:
    path = tmp_path / "themes.toml"
    path.write_text(f"[settings]\nfallback = 'other'\n{settings}\n{body}", "utf-8")
    return str(path)


def keywords_only(tmp_path: Path, body: str, settings: str = "") -> themes.Taxonomy:
    """A small taxonomy scored by its terms alone (no embeddings, no prior)."""
    extra = "semantic = false\nprior_weight = 0.0\nmin_score = 1.0\nheadline_weight = 3.0\n"
    extra += settings
    return load_taxonomy(taxonomy_file(tmp_path, body, extra))


THEMES_AB = """
[themes.alpha]
terms = ["military", "militar*", "trade", "trade war", "far right", "ceasefire deal", "vote"]
[themes.beta]
terms = ["war", "economist", "pact", "elect"]
[themes.other]
terms = []
"""


def points(taxonomy, headline: str, body: str, exclude=()) -> dict[str, float]:
    evidence = themes.keyword_evidence(headline, body, taxonomy, exclude)
    return {slug: evidence.points[i] for i, slug in enumerate(taxonomy.slugs) if evidence.points[i]}


# --- keyword mechanics ----------------------------------------------------------------------------


def test_each_word_counts_once_per_theme(tmp_path):
    tax = keywords_only(tmp_path, THEMES_AB)
    # "military" matches both "military" and "militar*": one word, one point.
    assert points(tax, "", "military") == {"alpha": 1.0}
    # The same term three times is still one term.
    assert points(tax, "", "military build-up, military drills, military spending") == {
        "alpha": 1.0
    }
    # In the headline and in the body: counted once, at the headline's weight.
    assert points(tax, "Military", "The military moved.") == {"alpha": 3.0}


def test_longest_term_wins_and_phrases_weigh_more(tmp_path):
    tax = keywords_only(tmp_path, THEMES_AB)
    # "trade war" is a phrase of alpha: its "war" is not also beta's.
    assert points(tax, "", "a trade war") == {"alpha": 2.0}
    assert points(tax, "", "a long war") == {"beta": 1.0}
    # Phrases are matched on lemmas, and a hyphen separates words.
    assert points(tax, "", "The far-right surged") == {"alpha": 2.0}
    assert points(tax, "", "two ceasefire deals collapsed") == {"alpha": 2.0}


def test_outlet_names_and_source_lines_are_not_evidence(tmp_path):
    tax = keywords_only(tmp_path, THEMES_AB)
    body = "Growth is slowing, The Economist noted."
    assert points(tax, "", body) == {"beta": 1.0}
    assert points(tax, "", body, exclude=["The Economist"]) == {}
    # Any case, with or without "the".
    assert points(tax, "", "as THE ECONOMIST and economist said", exclude=["The Economist"]) == {}
    assert points(tax, "", "Trade fell.\nSources: The Economist, Trade Weekly") == {"alpha": 1.0}
    assert themes.strip_outlets("Sources: Reuters\nA war.", ()).strip() == "A war."


def test_word_forms_come_from_the_lemmatiser(tmp_path):
    assert lemma("voting") == "vote"
    assert lemma("elected") == "elect"
    assert lemma("pacts") == "pact"
    assert lemma("carmakers") == "carmaker"  # a plural the dictionary lacks
    tax = keywords_only(tmp_path, THEMES_AB)
    assert points(tax, "", "Voting began") == {"alpha": 1.0}
    assert points(tax, "", "She was elected after two pacts") == {"beta": 2.0}


def test_star_terms_still_match_any_ending(tmp_path):
    tax = keywords_only(
        tmp_path, "[themes.alpha]\nterms = ['sanction*']\n[themes.other]\nterms = []\n"
    )
    assert points(tax, "", "sanctioned banks") == {"alpha": 1.0}


def test_capital_terms_need_capitals(tmp_path):
    tax = keywords_only(tmp_path, "[themes.tech]\nterms = ['AI']\n[themes.other]\nterms = []\n")
    assert points(tax, "", "AI rules") == {"tech": 1.0}
    assert points(tax, "", "ai rules") == {}


def test_ties_are_broken_by_the_headline_not_by_file_order(tmp_path):
    body = """
[themes.first]
terms = ["budget", "debt", "bond"]
[themes.second]
terms = ["election"]
[themes.other]
terms = []
"""
    tax = keywords_only(tmp_path, body)
    # 3 points each: the headline's own evidence decides, whichever theme comes first.
    result = score_themes("An election", "The budget, the debt and a bond.", tax)
    assert result[0].slug == "second"
    assert result[0].terms == ["election"]
    assert [t.slug for t in result] == ["second", "first"]
    result = score_themes("", "The budget, the debt, a bond and an election.", tax)
    assert result[0].slug == "first"


def test_weak_evidence_falls_back_and_empty_text_too():
    tax = load_taxonomy()
    assert score_themes("", "", tax) == [ThemeScore("other", 0.0, [])]
    result = score_themes("   ", "", tax)
    assert [t.slug for t in result] == ["other"] and result[0].score == 0.0


def test_settings_are_read_and_checked(tmp_path):
    body = "[themes.alpha]\nterms = ['war']\n[themes.other]\nterms = []\n"
    tax = load_taxonomy(taxonomy_file(tmp_path, body, "headline_weight = 2.5\nunknown = 1"))
    assert tax.settings.headline_weight == 2.5
    bad = tmp_path / "bad"
    bad.mkdir()
    with pytest.raises(ValueError, match="semantic"):
        load_taxonomy(taxonomy_file(bad, body, "semantic = 'no'"))


def test_a_theme_without_text_has_no_similarity(tmp_path):
    body = """
[themes.war]
description = "Wars, armies, troops and weapons."
terms = ["war"]
[themes.bare]
terms = ["trade"]
[themes.other]
terms = []
"""
    tax = load_taxonomy(taxonomy_file(tmp_path, body))
    result = score_themes("Trade grows", "Exports of grain rose.", tax)
    assert result[0].slug == "bare" and result[0].similarity is None


# --- the shipped taxonomy and the hybrid ----------------------------------------------------------


def test_shipped_taxonomy_is_complete():
    tax = load_taxonomy()
    assert list(tax.slugs) == [
        "trade",
        "history",
        "diplomacy",
        "security",
        "economy",
        "energy-climate",
        "technology",
        "politics",
        "other",
    ]
    for theme in tax.themes:
        assert theme.description and theme.examples, theme.slug
        # A term is a word or a short phrase; a sentence here is an example filed wrongly.
        long = [t for t in theme.terms if len(themes.tokens(t)) > 4]
        assert not long, (theme.slug, long)
    assert tax.settings.semantic and tax.settings.fallback == "other"


def test_every_assignment_is_explained():
    tax = load_taxonomy()
    result = score_themes(
        "Tariffs hit steel exports",
        "Exports of steel fell by a third after the new duties, Reuters reported.",
        tax,
        exclude=["Reuters"],
    )
    main = result[0]
    assert main.slug == "trade"
    assert {"tariffs", "exports", "steel"} <= set(main.terms)
    assert main.similarity is not None and -1.0 <= main.similarity <= 1.0
    assert main.score > 0


def test_the_story_is_a_prior(tmp_path):
    # The shipped weights give the prior no weight (fitted: it did not help on the labelled
    # set); a taxonomy that wants it sets prior_weight.
    shipped = (ROOT / "signals_data" / "data" / "themes.toml").read_text("utf-8")
    path = tmp_path / "themes.toml"
    shipped = re.sub(r"(?m)^prior_weight = .*$", "prior_weight = 0.3", shipped)
    # The hand-set weights: the learned layer weighs the prior its own way.
    path.write_text(re.sub(r"(?m)^learned = .*$", "learned = false", shipped), "utf-8")
    tax = load_taxonomy(str(path))
    assert tax.settings.prior_weight == 0.3
    # A signal that says little on its own leans toward what its story is about.
    signal = [("Both sides dig in", "Neither side expects a quick end, analysts said.")]
    war = score_story_themes(
        signal,
        "Shelling resumes as the truce collapses",
        "Artillery and drone strikes hit the city overnight, and troops moved to the front.",
        tax,
    )[0]
    economy = score_story_themes(
        signal,
        "Central bank raises interest rates to fight inflation",
        "The bank raised its benchmark rate as consumer prices climbed and the currency fell.",
        tax,
    )[0]
    assert war[0].slug == "security" and war[0].prior > 0.5
    assert economy[0].slug == "economy" and economy[0].prior > 0.5


def test_only_the_lede_of_a_long_news_is_read():
    news = "Talks resumed in Geneva. " + "Officials met again and again. " * 40
    lede = themes._lede(news)
    assert lede.startswith("Talks resumed in Geneva.") and lede.endswith(".")
    assert len(lede) <= 600
    assert themes._lede("Short.") == "Short."


def test_batches_score_like_single_stories():
    tax = load_taxonomy()
    stories = [
        StoryText(
            [("Chip exports curbed", "New rules limit sales of advanced chips, Nikkei Asia said.")],
            "Export controls tighten",
            "The government widened its controls on semiconductor equipment.",
            [["Nikkei Asia"]],
        ),
        StoryText(
            [("Voters head to the polls", "Turnout was high."), ("", "")],
            "A snap election",
            "The prime minister called an early vote.",
        ),
    ]
    batched = themes.score_stories_themes(stories, tax)
    single = [score_story_themes(s.signals, s.title, s.news, tax, s.exclude) for s in stories]
    assert batched == single
    # Export controls on chips: trade when about flows of goods, technology when about
    # capability (the labelling guidelines); both are fair readings of this one.
    assert batched[0][0][0].slug in {"trade", "technology"}
    assert batched[1][1] == [ThemeScore("other", 0.0, [])]  # an empty signal


def _demo_signal_texts(count: int) -> list[str]:
    from signals_data.demo import CorpusGenerator

    generator = CorpusGenerator(count, seed=3)
    texts = []
    for i in range(count):
        for signal in generator.spec(i).signals:
            texts.append(f"{signal.headline}\n{signal.body}")
    return texts


def test_a_signal_is_scored_the_same_whatever_shares_its_batch():
    """Ingest scores pages in batches: a page's similarities (and so its scores) must not
    depend on how many other texts are multiplied with it. In single precision they did, in
    their last bits, enough to move a stored fourth decimal now and then."""
    tax = load_taxonomy()
    vectors = themes.signal_vectors(_demo_signal_texts(60), tax)
    assert len(vectors) > 150
    together = themes.theme_similarities(vectors, tax)
    alone = np.vstack(
        [themes.theme_similarities(vectors[i : i + 1], tax) for i in range(len(vectors))]
    )
    assert np.array_equal(together, alone)
    pairs = np.vstack(
        [themes.theme_similarities(vectors[i : i + 2], tax) for i in range(0, len(vectors), 2)]
    )
    assert np.array_equal(together, pairs)


def test_a_signals_neighbours_are_the_same_whatever_shares_its_batch():
    """The labelled signals are compared in single precision, on whole numbers: a text's
    products must not depend on how many texts share the call, nor where it sits (on some
    processors BLAS adds in another order by a row's place in the batch)."""
    tax = load_taxonomy()
    labelled = themes._labelled(tax)
    vectors = themes.neighbour_space(themes.signal_vectors(_demo_signal_texts(60), tax))
    together = themes._block_products(vectors, labelled.columns)
    assert together.dtype == np.float32 and len(vectors) > 100
    for size in (1, 7, 67):
        parts = [vectors[i : i + size] for i in range(0, len(vectors), size)]
        alone = np.vstack([themes._block_products(part, labelled.columns) for part in parts])
        assert np.array_equal(together, alone)
    shifted = themes._block_products(vectors[3:], labelled.columns)
    assert np.array_equal(together[3:], shifted)
    exact = vectors.astype(np.float64) @ themes.neighbour_space(labelled.vectors).T.astype(float)
    assert np.abs(together - exact).max() < 2e-3  # the rounding to whole numbers (PRODUCT_SCALE)


@pytest.mark.parametrize("k", [1, 5, 20])
@pytest.mark.parametrize("columns", [700, 100])  # in blocks (the last one short), and whole
def test_top_k_finds_each_rows_k_largest_and_their_ties(k, columns):
    rng = np.random.default_rng(k)
    values = rng.normal(size=(40, columns)).astype(np.float32)
    values[0, :30] = 0.5  # a tie across the k-th
    values[1] = 0.0  # every entry tied
    rows, cols, found, top, best = themes._top_k(values, k)
    for row in range(len(values)):
        kth = np.sort(values[row])[-k]
        expected = set(np.flatnonzero(values[row] >= kth))
        assert set(cols[rows == row]) == expected
        assert top[row] == values[row].max() and best[row] == values[row].argmax()
        assert np.all(np.diff(found[rows == row]) <= 0)  # largest first
    assert np.array_equal(found, values[rows, cols]) and np.all(np.diff(rows) >= 0)


def test_years_long_before_the_story_look_back():
    words = themes.tokens("Not since 1994 and the 1960s were 2019 and 2023 this tense, in 12345")
    assert themes.past_years(words, 2024) == ["1994", "1960s", "2019"]
    assert themes.past_years(words, None) == ["1994", "1960s"]  # no date: before 2000
    assert themes.reference_year(StoryText([], "Vote on May 2, 2024", "")) == 2024
    assert themes.reference_year(StoryText([], "No year", "", year=2023)) == 2023
    assert themes.looking_back([], [], 2024) == (0.0, 0.0)
    past, depth = themes.looking_back(["1994"], ["Cold War"], 2024)
    assert past == 2 / 3 and 0.7 < depth < 0.8  # two mentions; thirty years back


def test_a_signal_arguing_from_the_past_shows_its_years():
    tax = load_taxonomy()
    scored = score_story_themes(
        [
            (
                "The biggest crowds since 1989",
                "Not since the Velvet Revolution of 1989 have so "
                "many filled the squares, historians noted, recalling the end of communist rule.",
            )
        ],
        "Protesters fill the squares",
        "Tens of thousands marched on Friday.",
        tax,
    )[0]
    history = next(theme for theme in scored if theme.slug == "history")
    assert "1989" in history.terms


def test_sample_page_signals_keep_their_themes():
    tax = load_taxonomy()
    signals = [
        (
            "Russia’s war in Ukraine spurred trade",
            "Trade between Russia and China increased "
            "after the invasion, as sanctions bit and exports of cars grew.",
        ),
        (
            "Russia’s turn towards China is historic",
            "Never since the fall of the Soviet Union "
            "has Russia been so distant from Europe, a historian wrote.",
        ),
        (
            "Putin and Xi’s ties more than convenience",
            "The two leaders call each other friends, "
            "and their diplomats speak of a partnership without limits.",
        ),
    ]
    result = score_story_themes(signals, "Putin and Xi meet in Beijing", "", tax)
    assert [r[0].slug for r in result] == ["trade", "history", "diplomacy"]


# --- the embedding model --------------------------------------------------------------------------


def test_model_loads_once_from_threads():
    found = []
    threads = [
        threading.Thread(target=lambda: found.append(themes.embedding_model())) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(m) for m in found}) == 1


def test_loading_leaves_logging_alone():
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    themes.embedding_model()
    assert (list(root.handlers), root.level) == before


OFFLINE_CHECK = """
import socket, os
def refuse(*args, **kwargs):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from pathlib import Path
import wordllama
from signals_data import themes
model = themes.embedding_model()
vectors = themes.embed(["ceasefire talks resume", "inflation slows"])
assert vectors.shape == (2, 256), vectors.shape
folder = Path(wordllama.__file__).parent
assert (folder / "weights" / "l2_supercat_256.safetensors").exists()
assert (folder / "tokenizers" / "l2_supercat_tokenizer_config.json").exists()
assert not (Path(os.environ["HOME"]) / ".cache" / "wordllama").exists()
print("ok")
"""


def test_model_loads_offline_from_the_package_folder(tmp_path):
    env = dict(os.environ, HF_HUB_OFFLINE="1", HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE_CHECK],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("ok")


# --- agreement with hand labels -------------------------------------------------------------------


def labelled(split: str) -> list[dict]:
    rows = [json.loads(line) for line in EVAL.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["split"] == split]


def agreeing(rows: list[dict]) -> int:
    """How many rows the shipped assigner gives their labelled main theme, stories scored as
    the parser scores them."""
    stories: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        stories.setdefault((row["story_title"], row["story_news"]), []).append(row)
    batch = [
        StoryText(
            [(r["headline"], r["body"]) for r in members],
            title,
            news,
            [r.get("sources") or [] for r in members],
        )
        for (title, news), members in stories.items()
    ]
    scored = themes.score_stories_themes(batch, load_taxonomy())
    return sum(
        result[0].slug == row["theme"]
        for members, results in zip(stories.values(), scored, strict=True)
        for row, result in zip(members, results, strict=True)
    )


@pytest.mark.skipif(not EVAL.exists(), reason="no labelled set")
def test_main_theme_agrees_with_labels_on_the_test_split():
    rows = labelled("test")
    agree = agreeing(rows)
    assert len(rows) >= 100
    assert agree / len(rows) >= TEST_SPLIT_FLOOR, f"{agree}/{len(rows)}"


def test_main_theme_agrees_with_labels_on_full_length_signals():
    # Another hand's full-length signals (like real ones, 86-112 words), never trained on.
    rows = [json.loads(line) for line in LONG.read_text("utf-8").splitlines() if line]
    agree = agreeing(rows)
    assert len(rows) >= 100
    assert agree / len(rows) >= LONG_FLOOR, f"{agree}/{len(rows)}"


@pytest.mark.parametrize(("first_file", "second_file"), [(EVAL, SECOND), (LONG, LONG_SECOND)])
def test_the_second_reader_labelled_every_evaluation_signal_once(first_file, second_file):
    # The benchmark's human yardstick: a second reader's blind labels of the same signals.
    second = [json.loads(line) for line in second_file.read_text("utf-8").splitlines() if line]
    first = [json.loads(line) for line in first_file.read_text("utf-8").splitlines() if line]
    assert [r["id"] for r in second] == [r["id"] for r in first]
    slugs = set(load_taxonomy().slugs)
    for row in second:
        assert row["theme"] in slugs and set(row["also"]) <= slugs - {row["theme"]}, row["id"]
        assert len(row["also"]) <= 2, row["id"]


# --- labelled signals and the learned layer -------------------------------------------------------

DATA = ROOT / "signals_data" / "data"


def test_the_shipped_taxonomy_is_scored_by_the_learned_layer():
    tax = load_taxonomy()
    layer = themes.learned_layer(tax)
    assert layer is not None and layer.slugs == tax.slugs
    assert set(layer.features) <= set(themes.FEATURES)
    result = score_themes(
        "Tariffs hit steel exports", "Exports of steel fell by a third after the new duties.", tax
    )
    assert result[0].slug == "trade"
    # Scores are the layer's probabilities.
    assert 0.0 < result[0].score <= 1.0
    assert all(0.0 <= t.score <= result[0].score for t in result)


def test_a_taxonomy_with_other_themes_keeps_the_hand_set_weights(tmp_path):
    body = """
[themes.war]
description = "Wars, armies, troops and weapons."
terms = ["war", "troop"]
[themes.money]
description = "Prices, banks and interest rates."
terms = ["bank", "price"]
[themes.other]
terms = []
"""
    tax = load_taxonomy(taxonomy_file(tmp_path, body))
    assert tax.settings.learned and themes.learned_layer(tax) is None
    result = score_themes("Troops advance", "The war moved east as troops crossed the river.", tax)
    assert result[0].slug == "war" and result[0].score > 1.0  # a hand-weighted sum, not a share


def test_learned_false_switches_the_layer_off(tmp_path):
    shipped = (DATA / "themes.toml").read_text("utf-8")
    path = tmp_path / "themes.toml"
    path.write_text(re.sub(r"(?m)^learned = .*$", "learned = false", shipped), "utf-8")
    assert themes.learned_layer(load_taxonomy(str(path))) is None


def test_data_files_named_by_a_taxonomy_are_read_beside_it(tmp_path):
    shipped = (DATA / "themes.toml").read_text("utf-8")
    own = "labelled_file = 'mine.jsonl'\nmodel_file = 'mine.json'\n"
    path = tmp_path / "themes.toml"
    path.write_text(shipped.replace("[settings]\n", f"[settings]\n{own}", 1), "utf-8")
    (tmp_path / "mine.json").write_text((DATA / "themes_model.json").read_text("utf-8"))
    rows = [
        {"theme": "security", "headline": "Shelling of the port", "body": "Drones hit it."},
        {"theme": "economy", "headline": "Rates rise again", "body": "Inflation is sticky."},
    ]
    (tmp_path / "mine.jsonl").write_text("\n".join(json.dumps(r) for r in rows), "utf-8")
    tax = load_taxonomy(str(path))
    assert tax.settings.labelled_file == str(tmp_path / "mine.jsonl")
    found = themes.closest_examples("Drones strike a port", "Shelling went on all night.", tax)
    assert [slug for slug, _, _ in found] == ["security", "economy"]
    assert found[0][1] == "Shelling of the port" and found[0][2] > found[1][2]


def test_closest_examples_explain_the_vote():
    tax = load_taxonomy()
    found = themes.closest_examples(
        "Central bank holds rates", "Inflation slowed and the currency steadied.", tax, count=3
    )
    assert len(found) == 3
    assert all(slug in tax.slugs and text for slug, text, _ in found)
    assert [s for _, _, s in found] == sorted((s for _, _, s in found), reverse=True)
    assert found[0][0] == "economy"
    assert themes.closest_examples("", "", tax) == []


def test_neighbours_vote_by_similarity_and_can_be_left_out():
    vectors = themes._unit(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], dtype=np.float32))
    labelled = themes.labelled_set(vectors, np.array([0, 0, 1]), 2, ["a", "b", "c"])
    query = themes._unit(np.array([[1.0, 0.05]], dtype=np.float32))
    found = themes.neighbour_votes(query, labelled, 2, neighbours=2, temperature=0.1)
    assert found.votes[0, 0] == pytest.approx(1.0) and found.nearest[0, 0] > found.nearest[0, 1]
    assert found.centre[0, 0] > found.centre[0, 1]
    # Leaving the two theme-0 signals out: only the theme-1 signal votes.
    skip = np.array([[True, True, False]])
    found = themes.neighbour_votes(query, labelled, 2, neighbours=2, temperature=0.1, skip=skip)
    assert found.votes[0].tolist() == [0.0, 1.0] and found.nearest[0, 0] == -1.0


def test_the_linear_layer_learns_which_evidence_matters():
    rng = np.random.default_rng(0)
    features = rng.normal(size=(300, 3, len(themes.FEATURES)))
    labels = features[:, :, 0].argmax(axis=1)  # only the keyword feature decides
    weights, bias = themes.fit_linear_layer(features, labels, ("keywords", "similarity"), l2=0.001)
    assert weights[0] > 5 * abs(weights[1])
    layer = themes.LinearLayer(("a", "b", "c"), ("keywords", "similarity"), weights, bias)
    predicted = layer.logits(features).argmax(axis=1)
    assert (predicted == labels).mean() > 0.95
    again = themes.LinearLayer.from_json(json.loads(json.dumps(layer.to_json())))
    assert np.allclose(again.logits(features), layer.logits(features), atol=1e-3)


def test_shipped_labelled_signals_are_small_and_never_from_the_test_split():
    # 16,363 signals, 9.0 MB as text, shipped gzipped (2.7 MB); embedded once, then cached.
    # Each round of hold-out sets adds about 0.1 MB compressed: the limit is looked at again then.
    assert (DATA / themes.LABELLED_FILE).stat().st_size < 4_000_000
    shipped = themes.read_labelled()
    slugs = set(load_taxonomy().slugs)
    assert len(shipped) >= 250 and {r["theme"] for r in shipped} <= slugs
    test = {(r["headline"], r["body"]) for r in labelled("test")}
    assert not test & {(r["headline"], r["body"]) for r in shipped}


def test_weak_evidence_no_longer_means_other():
    # A signal with few theme words but a clear angle: the learned layer still picks a theme.
    result = score_themes(
        "Indigenous groups want a share of the revenue",
        "Community leaders said they would block roads to the mine unless they receive part of "
        "the royalties, and warned of protests before the regional vote.",
        load_taxonomy(),
    )
    assert result[0].slug != "other"


def test_the_word_vote_follows_the_labelled_signals_words():
    lemma_lists = [["shell", "port"], ["drone", "shell"], ["rate", "inflation"]]
    counts = themes.word_counts(lemma_lists, np.array([0, 0, 1]), 2)
    assert counts.counts[counts.vocabulary["shell"]].tolist() == [2.0, 0.0]
    usable = np.array([True, True])
    votes = themes.word_votes([["shelling"], ["shell"], ["inflation"], []], counts, 0.3, usable)
    assert votes[1, 0] > votes[1, 1] and votes[2, 1] > votes[2, 0]
    # Unknown words and no words say nothing: an even split.
    assert votes[0, 0] == pytest.approx(votes[0, 1]) and votes[3, 0] == pytest.approx(votes[3, 1])
    # A theme that does not compete gets the floor, never minus infinity.
    floor = themes.word_votes([["shell"]], counts, 0.3, np.array([True, False]))
    assert np.isfinite(floor).all() and floor[0, 1] == pytest.approx(np.log(1e-6))


def test_content_lemmas_drop_function_words_and_numbers():
    assert themes.content_lemmas(["The", "troops", "were", "voting", "in", "2024", "troops"]) == [
        "troop",
        "vote",
    ]


def test_telling_words_name_the_words_behind_a_theme():
    tax = load_taxonomy()
    body = "Exports of steel fell by a third after the new duties and tariffs."
    words = themes.telling_words("Tariffs hit steel", body, "trade", tax)
    assert words and set(words) <= {"tariff", "export", "duty", "steel", "fall", "third", "new"}
    assert "tariff" in words
    # Outlet names are not evidence ("trade" in an outlet's name points nowhere), and a theme
    # that does not compete has no telling words.
    text = "Tariffs rose again, Trade Finance Global reported."
    assert "trade" in themes.telling_words("", text, "trade", tax)
    assert "trade" not in themes.telling_words(
        "", text, "trade", tax, exclude=["Trade Finance Global"]
    )
    assert themes.telling_words("Tariffs hit steel", body, "no-such-theme", tax) == []


def test_the_second_reader_of_page_signals_labelled_signals_that_exist():
    rows = [json.loads(line) for line in PAGES_SECOND.read_text("utf-8").splitlines() if line]
    slugs = set(load_taxonomy().slugs)
    labelled = {}
    for row in rows:
        if row["set"] not in labelled:
            path = ROOT / "tests" / "data" / row["set"] / "themes.json"
            labelled[row["set"]] = json.loads(path.read_text("utf-8"))
        assert 1 <= row["signal"] <= len(labelled[row["set"]][row["file"]]), row
        assert row["theme"] in slugs and set(row["also"]) <= slugs - {row["theme"]}, row
    assert len(rows) >= 250


def test_neighbour_votes_in_blocks_equal_one_text_at_a_time():
    # Ingest batches are voted on in blocks of texts; a text's votes must not depend on that.
    tax = load_taxonomy()
    labelled = themes._labelled(tax)
    layer = themes.learned_layer(tax)
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(themes.NEIGHBOUR_BLOCK + 40, labelled.vectors.shape[1]))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    args = (labelled, len(tax.themes), layer.neighbours, layer.neighbour_temperature)
    blocked = themes.neighbour_votes(vectors, *args)
    for row in (0, themes.NEIGHBOUR_BLOCK - 1, themes.NEIGHBOUR_BLOCK, len(vectors) - 1):
        alone = themes.neighbour_votes(vectors[row : row + 1], *args)
        for got, expected in zip(blocked, alone, strict=True):
            np.testing.assert_allclose(got[row], expected[0], atol=1e-12)


def test_neighbour_votes_leaving_signals_out_in_blocks_equal_one_text_at_a_time():
    # Cross-validation votes every labelled signal with its own story left out, in blocks so
    # that the texts × labelled × themes temporary stays small; the blocks change nothing.
    rng = np.random.default_rng(5)
    count = themes.NEIGHBOUR_BLOCK + 40
    vectors = rng.normal(size=(count, 8))
    vectors = (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)
    labels = np.sort(rng.integers(0, 3, count))
    labelled = themes.labelled_set(vectors, labels, 3)
    skip = rng.random((count, count)) < 0.1
    np.fill_diagonal(skip, True)
    blocked = themes.neighbour_votes(vectors, labelled, 3, 5, 0.1, skip)
    for row in (0, themes.NEIGHBOUR_BLOCK - 1, themes.NEIGHBOUR_BLOCK, count - 1):
        alone = themes.neighbour_votes(vectors[row : row + 1], labelled, 3, 5, 0.1, skip[[row]])
        for got, expected in zip(blocked, alone, strict=True):
            np.testing.assert_allclose(got[row], expected[0], atol=1e-12)


def test_word_vectors_are_summed_in_word_order_to_the_last_bit():
    """A batch's texts are summed position by position (and the last few long ones text by
    text): each sum must be the one ``np.add.reduce`` gives over the text's rows alone, to the
    last bit and the sign of a zero, so that a page's vector never depends on its batch."""
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((5000, 16)).astype(np.float32)
    vectors[::7, ::3] = -0.0
    lengths = rng.geometric(1 / 20, 300).astype(np.intp)
    lengths[::9] = 0
    lengths[[3, 50]] = [3000, 1]
    ids = rng.integers(0, len(vectors), int(lengths.sum()))
    starts = np.cumsum(lengths) - lengths
    out = np.zeros((len(lengths), 16), dtype=np.float32)
    themes._sum_rows_in_order(vectors, ids, starts, lengths, out)
    for text, (start, length) in enumerate(zip(starts, lengths, strict=True)):
        alone = np.zeros(16, dtype=np.float32)
        if length:
            np.add.reduce(vectors[ids[start : start + length]], axis=0, out=alone)
        assert out[text].tobytes() == alone.tobytes()
