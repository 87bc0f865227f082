"""The shared on-disk cache of compiled structures: versioned, verified, per install,
rebuilt when its sources change."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from promptguard import disk_cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PROMPTGUARD_CACHE_DIR", str(folder))
    monkeypatch.delenv("PROMPTGUARD_CACHE", raising=False)
    return folder


def lists(folder: Path, text: str = "Ada Lovelace\n") -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "people.tsv").write_text(text, encoding="utf-8")
    return [folder / "people.tsv"]


def builder(calls: list[int], value: object):  # noqa: ANN201
    def build() -> object:
        calls.append(1)
        return value

    return build


def test_built_once_then_loaded(cache: Path, tmp_path: Path) -> None:
    sources, calls = lists(tmp_path / "install"), []
    data = {"keys": ("ada lovelace",), "n": 1}
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, data)) == data
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, data)) == data
    assert calls == [1]
    assert len(list(cache.glob("names-*.bin"))) == 1


def test_rebuilt_when_the_lists_or_the_version_change(cache: Path, tmp_path: Path) -> None:
    sources, calls = lists(tmp_path / "install"), []
    disk_cache.load_or_build("names", 1, sources, builder(calls, "old"))
    lists(tmp_path / "install", "Ada Lovelace\nAlan Turing\n")  # the lists changed
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, "new")) == "new"
    assert disk_cache.load_or_build("names", 2, sources, builder(calls, "v2")) == "v2"
    assert calls == [1, 1, 1]
    assert len(list(cache.glob("names-*.bin"))) == 1  # this install's stale files are gone


def test_a_damaged_file_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    sources, calls = lists(tmp_path / "install"), []
    disk_cache.load_or_build("names", 1, sources, builder(calls, list(range(1000))))
    (path,) = cache.glob("names-*.bin")
    blob = bytearray(path.read_bytes())
    blob[-10] ^= 0xFF  # one flipped byte: the CRC no longer matches
    path.write_bytes(bytes(blob))
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, [1])) == [1]
    path.write_bytes(path.read_bytes()[:-5])  # truncated
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, [2])) == [2]
    path.write_bytes(b"not a cache file")
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, [3])) == [3]
    assert calls == [1, 1, 1, 1]


def test_two_installs_keep_their_own_files(cache: Path, tmp_path: Path) -> None:
    """A virtualenv and the pre-commit framework's environment share the user cache; each
    run of one must not evict the other's file (both then rebuild on every run)."""
    first, second, calls = lists(tmp_path / "venv"), lists(tmp_path / "hook-env"), []
    for _ in range(3):
        disk_cache.load_or_build("names", 1, first, builder(calls, "venv"))
        disk_cache.load_or_build("names", 1, second, builder(calls, "hook"))
    assert calls == [1, 1]
    assert len(list(cache.glob("names-*.bin"))) == 2


def test_unwritable_or_disabled_cache_still_builds(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, calls = lists(tmp_path / "install"), []
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, 7)) == 7
    monkeypatch.setenv("PROMPTGUARD_CACHE", "off")
    assert disk_cache.load_or_build("names", 1, sources, builder(calls, 8)) == 8
    assert calls == [1, 1]


def test_a_value_of_the_wrong_shape_is_rebuilt(cache: Path, tmp_path: Path) -> None:
    sources, calls = lists(tmp_path / "install"), []
    disk_cache.load_or_build("names", 1, sources, builder(calls, ["a list"]))
    data = disk_cache.load_or_build(
        "names", 1, sources, builder(calls, {"k": 1}), valid=lambda d: isinstance(d, dict)
    )
    assert data == {"k": 1} and calls == [1, 1]


def test_names_must_be_plain_words(cache: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        disk_cache.cache_path("two-words", 1, lists(tmp_path / "install"))
    assert os.sep not in disk_cache.cache_path("names", 1, []).name


def test_the_name_lexicon_is_cached_per_install_and_loads_the_same(cache: Path) -> None:
    from promptguard.analyzers.names import lexicon

    compiled = lexicon.load_lexicon(use_cache=False)
    first = lexicon.load_lexicon()  # built and stored
    files = sorted(cache.glob("lexicon-*.bin"))
    assert len(files) == 1
    # another install's lexicon file in the same folder is left alone
    foreign = cache / "lexicon-000000000000-ffffffffffffffffffffffff-py311.bin"
    foreign.write_bytes(b"another install")
    second = lexicon.load_lexicon()  # loaded from the file
    assert foreign.exists()
    assert compiled.find("a portrait of Meryl Streep")
    for found in (first, second):
        assert [hit[:2] for hit in found.find("a portrait of Meryl Streep")] == [
            hit[:2] for hit in compiled.find("a portrait of Meryl Streep")
        ]
        assert found.surnames == compiled.surnames
