"""The disk cache of the labelled signals: a run that finds it scores exactly as one that
works them out, and a missing, damaged or unwritable cache only costs the time."""

from __future__ import annotations

import numpy as np
import pytest

from signals_data import disk_cache, themes


@pytest.fixture
def small_labelled() -> bytes:
    """The first 300 rows of the shipped labelled file (enough for every theme, and fast)."""
    raw = themes.labelled_bytes(themes._data_file("", themes.LABELLED_FILE))
    return b"\n".join(raw.splitlines()[:300]) + b"\n"


def _same(a: themes._LabelledInputs, b: themes._LabelledInputs) -> None:
    assert np.array_equal(a.vectors, b.vectors) and a.vectors.dtype == b.vectors.dtype
    assert np.array_equal(a.labels, b.labels)
    assert a.texts == b.texts and a.words.vocabulary == b.words.vocabulary
    assert list(a.words.vocabulary) == list(b.words.vocabulary)  # in the same order
    assert np.array_equal(a.words.counts, b.words.counts) and a.words.counts.dtype == np.float64


def _entries(folder, name: str) -> list:
    """The cache's entries of one name (the lemmatiser's dictionary may be kept there too)."""
    return sorted(folder.glob(f"{name}-*.npz"))


def test_a_second_run_reads_what_the_first_worked_out(tmp_path, monkeypatch, small_labelled):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    taxonomy = themes.load_taxonomy()
    first = themes._cached_labelled_inputs(small_labelled, taxonomy)
    assert [p.name[:9] for p in _entries(tmp_path, "labelled")] == ["labelled-"]
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
    assert len(found.labels) == 100 and len(_entries(tmp_path, "labelled")) == 1


def test_a_damaged_cache_file_is_worked_out_again(tmp_path, monkeypatch, small_labelled):
    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    taxonomy = themes.load_taxonomy()
    expected = themes._cached_labelled_inputs(small_labelled, taxonomy)
    (entry,) = _entries(tmp_path, "labelled")
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


def test_the_lemmatiser_dictionary_read_back_is_the_one_simplemma_decodes(tmp_path, monkeypatch):
    from simplemma.strategies.dictionaries import dictionary_factory as simplemma_files

    monkeypatch.setenv(disk_cache.CACHE_ENV, str(tmp_path))
    decode = simplemma_files._load_dictionary_from_disk
    decoded = decode("en")  # worked out, and kept
    (entry,) = _entries(tmp_path, "simplemma-en")
    read_back = decode("en")
    assert read_back == decoded and list(read_back) == list(decoded) and len(decoded) > 100_000
    assert decoded == simplemma_files.frontcode._decode_stream(
        simplemma_files._read_decompressed("en")
    )
    entry.write_bytes(entry.read_bytes()[:5000])  # damaged: decoded again
    assert decode("en") == decoded
    with pytest.raises(ValueError):
        decode("../en")  # simplemma's own check of the language
