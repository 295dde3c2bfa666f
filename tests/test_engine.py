"""The Dask engine (``--engine dask``): the same tables as the local engine."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sahel_utils import distributed
from sahel_utils.core import paths
from sahel_utils.relations import reuse

SENTENCES = [
    "Le ministre malien des Affaires étrangères a reçu son homologue nigérien à Bamako mardi.",
    "Les deux pays ont signé un accord de coopération militaire et sécuritaire pour trois ans.",
    "La Confédération des États du Sahel prépare une force conjointe de cinq mille soldats.",
    "Le Burkina Faso a annoncé la construction de deux centrales solaires près de Ouagadougou.",
    "Des attaques ont visé des positions de l'armée dans la région de Tillabéri ce week-end.",
    "Le président de la transition a salué la solidarité des peuples frères de la région.",
]


def _docs() -> list[reuse._Doc]:
    texts = [
        " ".join(SENTENCES[:4]),
        " ".join(SENTENCES[1:5]),  # shares three sentences with the first
        " ".join(SENTENCES[4:]),
        " ".join([SENTENCES[0], SENTENCES[5], SENTENCES[3]]),
        " ".join(SENTENCES[2:]),
        "Un texte sans rapport avec les autres, sur la pluie et les récoltes de mil au Niger.",
    ]
    return [reuse._prepare(f"f.txt#{i + 1}", t) for i, t in enumerate(texts)]


def _shuffled_pairs(docs: list[reuse._Doc], n: int) -> set[tuple[int, int]]:
    """The band-key shuffle run in this process, two chunks of documents."""
    chunks = [dict(enumerate(docs[:3])), {i + 3: d for i, d in enumerate(docs[3:])}]
    banded = [distributed._band_pieces(c, n) for c in chunks]
    grouped = [distributed._band_groups(n, *[b[i] for b in banded]) for i in range(n)]
    found = [distributed._sentence_pairs(n, *[g[i] for g in grouped]) for i in range(n)]
    return {p for i in range(n) for p in distributed._union(*[f[i] for f in found])}


@pytest.mark.parametrize("buckets", [1, 2, 5])
def test_band_key_shuffle_finds_the_local_lsh_candidates(buckets: int) -> None:
    docs = _docs()
    expected = reuse.candidate_pairs(docs)
    assert expected  # the corpus has reuse leads
    assert _shuffled_pairs(docs, buckets) == expected


def test_band_key_shuffle_skips_crowded_sentences_like_the_local_lsh(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reuse, "MAX_SENTENCE_HITS", 2)
    docs = _docs()
    expected = reuse.candidate_pairs(docs)
    assert _shuffled_pairs(docs, 3) == expected
    monkeypatch.undo()
    assert expected != reuse.candidate_pairs(_docs())  # the limit changed something


def test_common_shingles_counted_across_buckets() -> None:
    docs = _docs()
    chunks = [
        {"docs": dict(enumerate(docs[:3]))},
        {"docs": {3 + i: d for i, d in enumerate(docs[3:])}},
    ]
    pieces = [distributed._shingle_pieces(c, 4) for c in chunks]
    common = set().union(
        *(distributed._common_shingles(2, *[p[b] for p in pieces]) for b in range(4))
    )
    counts: dict[str, int] = {}
    for doc in docs:
        for shingle in doc.shingles:
            counts[shingle] = counts.get(shingle, 0) + 1
    assert common == {s for s, c in counts.items() if c > 2}
    assert common


def _same_tables(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.glob("*.parquet"))
    assert names and names == sorted(p.name for p in b.glob("*.parquet"))
    return [n for n in names if (a / n).read_bytes() != (b / n).read_bytes()]


@pytest.mark.slow
def test_dask_engine_two_workers_byte_identical_to_local(built_dir: Path, tmp_path: Path) -> None:
    """Seed corpus, cold cache: tagging runs on the two workers of a local cluster."""
    from sahel_utils.build import build

    out = tmp_path / "dask"
    summary = build(
        [paths.RAW], out_dir=out, cache_dir=tmp_path / "cache", progress=False, engine="dask"
    )
    assert summary.ok and summary.counts["articles"] > 0
    assert _same_tables(built_dir, out) == []


@pytest.mark.slow
def test_dask_engine_same_names_chunks_and_copies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two folders holding the same files (renamed sources, duplicates for reuse),
    one article per chunk: still the local engine's tables."""
    from sahel_utils.build import build

    for folder in ("d1", "d2"):
        shutil.copytree(paths.RAW, tmp_path / "in" / folder)
    cache = tmp_path / "cache"
    build([tmp_path / "in"], out_dir=tmp_path / "local", cache_dir=cache, progress=False)
    monkeypatch.setattr(distributed, "CHUNK_ARTICLES", 1)
    build(
        [tmp_path / "in"], out_dir=tmp_path / "dask", cache_dir=cache, progress=False, engine="dask"
    )
    assert _same_tables(tmp_path / "local", tmp_path / "dask") == []
    import pandas as pd

    assert len(pd.read_parquet(tmp_path / "dask" / "reuse.parquet")) >= 9  # the copies
