"""The disk cache of the labelled signals: a run that finds it scores exactly as one that
works them out, and a missing, damaged or unwritable cache only costs the time."""

from __future__ import annotations

import numpy as np
import pytest

from signals_data import disk_cache, themes


@pytest.fixture
def small_labelled() -> bytes:
    """The first 300 rows of the shipped labelled file (enough for every theme, and fast)."""
    raw = themes._data_file("", "themes_labelled.jsonl").read_bytes()
    return b"\n".join(raw.splitlines()[:300]) + b"\n"


def _same(a: themes._LabelledInputs, b: themes._LabelledInputs) -> None:
    assert np.array_equal(a.vectors, b.vectors) and a.vectors.dtype == b.vectors.dtype
    assert np.array_equal(a.labels, b.labels)
    assert a.texts == b.texts and a.words.vocabulary == b.words.vocabulary
    assert list(a.words.vocabulary) == list(b.words.vocabulary)  # in the same order
    assert np.array_equal(a.words.counts, b.words.counts) and a.words.counts.dtype == np.float64


def test_a_second_run_reads_what_the_first_worked_out(tmp_path, monkeypatch, small_labelled):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    taxonomy = themes.load_taxonomy()
    first = themes._cached_labelled_inputs(small_labelled, taxonomy)
    assert [p.name[:9] for p in tmp_path.iterdir()] == ["labelled-"]
    monkeypatch.setattr(themes, "_labelled_inputs", None)  # a second run cannot work them out
    _same(themes._cached_labelled_inputs(small_labelled, taxonomy), first)


def test_another_labelled_file_is_another_entry_and_replaces_the_old(
    tmp_path, monkeypatch, small_labelled
):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    taxonomy = themes.load_taxonomy()
    themes._cached_labelled_inputs(small_labelled, taxonomy)
    fewer = b"\n".join(small_labelled.splitlines()[:100]) + b"\n"
    found = themes._cached_labelled_inputs(fewer, taxonomy)
    assert len(found.labels) == 100 and len(list(tmp_path.iterdir())) == 1


def test_a_damaged_cache_file_is_worked_out_again(tmp_path, monkeypatch, small_labelled):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    taxonomy = themes.load_taxonomy()
    expected = themes._cached_labelled_inputs(small_labelled, taxonomy)
    (entry,) = tmp_path.iterdir()
    entry.write_bytes(entry.read_bytes()[:5000])  # cut short, as by a full disk
    _same(themes._cached_labelled_inputs(small_labelled, taxonomy), expected)
    _same(themes._cached_labelled_inputs(small_labelled, taxonomy), expected)  # rewritten


def test_no_cache_or_an_unusable_one_still_scores(tmp_path, monkeypatch, small_labelled):
    taxonomy = themes.load_taxonomy()
    monkeypatch.setenv(disk_cache.CACHE_ENV, "")  # turned off
    assert len(themes._cached_labelled_inputs(small_labelled, taxonomy).labels) == 300
    assert not list(tmp_path.iterdir())
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(blocked / "cache"))
    assert len(themes._cached_labelled_inputs(small_labelled, taxonomy).labels) == 300


def test_the_key_follows_every_part():
    key = disk_cache.cache_key("a", b"b")
    assert key == disk_cache.cache_key("a", b"b")
    assert key != disk_cache.cache_key("ab", b"") and key != disk_cache.cache_key("a", b"c")
