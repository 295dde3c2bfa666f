"""Stage versions are content hashes: an edit to a stage reaches it and the later stages only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sahel_utils.core import paths
from sahel_utils.core.cache import StageCache, key_of, stage_version


@pytest.fixture()
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    copy = tmp_path / "sahel_utils"
    shutil.copytree(paths.PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(paths, "PACKAGE_DIR", copy)
    return copy


def _versions() -> dict[str, str]:
    return {stage: stage_version(stage) for stage in paths.STAGES}


def _versioned_files(root: Path, folder: str) -> list[Path]:
    return sorted(
        p
        for p in (root / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".yaml", ".csv", ".jsonl"}
    )


def test_every_stage_package_exists():
    for stage in ("core", *paths.STAGES):
        assert (paths.PACKAGE_DIR / stage / "__init__.py").is_file(), stage


@pytest.mark.parametrize("stage", ["core", *paths.STAGES])
def test_editing_any_file_of_a_stage_changes_it_and_the_later_stages_only(package_copy, stage):
    before = _versions()
    files = _versioned_files(package_copy, stage)
    assert files, f"no code or resource in {stage}"
    later = set(paths.STAGES) if stage == "core" else set(paths.STAGES[paths.STAGES.index(stage) :])
    for path in files:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        try:
            after = _versions()
        finally:
            path.write_bytes(original)
        changed = {s for s in paths.STAGES if after[s] != before[s]}
        assert changed == later, (path.relative_to(package_copy), changed)
    assert _versions() == before


def test_adding_or_renaming_a_resource_changes_the_version(package_copy):
    before = stage_version("annotation")
    extra = package_copy / "annotation" / "resources" / "fr" / "extra.yaml"
    extra.write_text("x: 1\n", encoding="utf-8")
    added = stage_version("annotation")
    assert added != before
    extra.rename(extra.with_name("other.yaml"))
    assert stage_version("annotation") not in {before, added}


def test_version_does_not_depend_on_where_the_package_lives(package_copy, monkeypatch):
    moved = package_copy.parent / "elsewhere" / "sahel_utils"
    shutil.copytree(package_copy, moved)
    here = stage_version("relations")
    monkeypatch.setattr(paths, "PACKAGE_DIR", moved)
    assert stage_version("relations") == here


def test_unknown_stage_is_an_error():
    with pytest.raises(ValueError, match="unknown stage 'tagging'"):
        stage_version("tagging")


def test_stage_cache_round_trip_and_version_isolation(tmp_path):
    cache = StageCache(tmp_path, "reuse", "v1")
    cache.put(key_of("a", "b"), {"x": 1})
    cache.flush()
    assert StageCache(tmp_path, "reuse", "v1").get_many([key_of("a", "b")]) == {
        key_of("a", "b"): {"x": 1}
    }
    assert StageCache(tmp_path, "reuse", "v2").get_many([key_of("a", "b")]) == {}
    assert StageCache(None, "reuse", "v1").get_many([key_of("a", "b")]) == {}


#: The caches of the build, each versioned by the stage that computes it.
CACHE_STAGE = {"tagging": "annotation", "reuse": "relations", "claims": "relations"}


def _cache_versions() -> dict[str, str]:
    """The version each cache of the build is written under (what the build calls)."""
    from sahel_utils.annotation import tagging
    from sahel_utils.relations import reuse
    from sahel_utils.relations.claims import extract

    tagging.pipeline_version.cache_clear()  # one value per process in a build
    return {
        "tagging": tagging.pipeline_version(),
        "reuse": reuse.reuse_version(),
        "claims": extract.claims_version(),
    }


def _one_module_and_one_resource(root: Path, folder: str) -> list[Path]:
    files = _versioned_files(root, folder)
    modules = [p for p in files if p.suffix == ".py"]
    resources = [p for p in files if p.suffix != ".py"]
    return modules[-1:] + resources[-1:]


@pytest.mark.parametrize("stage", ["core", *paths.STAGES])
def test_editing_a_stage_invalidates_its_caches_and_the_later_stages_caches_only(
    package_copy, stage, tmp_path
):
    """A value cached before an edit is read again only by the caches of earlier stages."""
    order = ["core", *paths.STAGES]
    key = key_of("article-hash")
    before = _cache_versions()
    for name, version in before.items():
        cache = StageCache(tmp_path, name, version)
        cache.put(key, name)
        cache.flush()
    invalidated = {
        n for n, owner in CACHE_STAGE.items() if order.index(owner) >= order.index(stage)
    }
    edited = _one_module_and_one_resource(package_copy, stage)
    assert edited, stage
    for path in edited:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# edited\n")
        try:
            after = _cache_versions()
        finally:
            path.write_bytes(original)
        for name, version in after.items():
            found = StageCache(tmp_path, name, version).get_many([key])
            expected = {} if name in invalidated else {key: name}
            assert found == expected, (path.relative_to(package_copy), name)
    assert _cache_versions() == before


def test_inputs_added_sees_new_and_changed_files_not_removed_ones(tmp_path: Path) -> None:
    """The listing that lets the CLI start loading the model before reading anything."""
    from sahel_utils.core.cache import inputs_added, save_input_files

    raw, cache = tmp_path / "raw", tmp_path / "cache"
    raw.mkdir()
    (raw / "a.jsonl").write_text("a\n", encoding="utf-8")
    (raw / "b.jsonl").write_text("b\n", encoding="utf-8")
    assert inputs_added([raw], cache)  # a first build: no listing yet
    save_input_files([raw], cache)
    assert not inputs_added([raw], cache)
    (raw / "b.jsonl").unlink()  # a file removed brings nothing to tag
    assert not inputs_added([raw], cache)
    (raw / "c.jsonl").write_text("c\n", encoding="utf-8")
    assert inputs_added([raw], cache)
    save_input_files([raw], cache)
    (raw / "a.jsonl").write_text("a changed\n", encoding="utf-8")
    assert inputs_added([raw / "a.jsonl"], cache)
    assert not inputs_added([raw], None)


def test_stage_memo_returns_the_same_table_and_misses_on_any_change(tmp_path: Path) -> None:
    """A whole stage's table is reused only for inputs equal in every value and dtype."""
    import pandas as pd

    from sahel_utils import build as build_module

    calls: list[int] = []
    articles = pd.DataFrame({"article_id": ["a#1", "a#2"], "text": ["un", "deux"]})

    def compute() -> pd.DataFrame:
        calls.append(1)
        return pd.DataFrame({"n": [len(calls)]})

    def memo(frame: pd.DataFrame) -> pd.DataFrame:
        stats: dict[str, int] = {}
        return build_module._memoised(tmp_path, "test", "v1", {"articles": frame}, compute, stats)

    first = memo(articles)
    pd.testing.assert_frame_equal(memo(articles.copy()), first)
    assert len(calls) == 1
    changed = articles.assign(text=["un", "trois"])
    assert memo(changed)["n"].tolist() == [2]
    assert memo(articles.iloc[::-1].reset_index(drop=True))["n"].tolist() == [3]  # row order
    assert memo(articles.astype({"text": "category"}))["n"].tolist() == [4]  # dtype
    assert build_module.table_digest({"x": articles}) != build_module.table_digest({"y": articles})
