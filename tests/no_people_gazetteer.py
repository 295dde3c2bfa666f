"""Build the seed corpus with the gazetteer's people list emptied (issue 16).

The people the seed gold names are all in ``people.csv``; with the list emptied,
people are found by the model and the name rules and get their country from the
text alone (``annotation.affiliation`` and the role phrases of
``annotation.entities``), so the context route is measured on its own.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sahel_utils.core import paths


def _clear_caches() -> None:
    """Forget every loaded gazetteer, pipeline and resource of the annotation stage."""
    from sahel_utils.annotation import (
        affiliation,
        entities,
        gazetteer,
        nlp,
        predicates,
        quotes,
        speakers,
        tagging,
    )

    for module in (gazetteer, nlp, quotes, entities, affiliation, speakers, predicates, tagging):
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
    nlp.reset_shared_nlp()


@contextmanager
def people_list_emptied(folder: Path) -> Iterator[Path]:
    """Point the annotation resources at a copy whose ``people.csv`` keeps its header only."""
    original = paths.ANNOTATION_RESOURCES
    copy = folder / original.name
    shutil.copytree(original, copy)
    people = copy / "people.csv"
    lines = people.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#"))
    people.write_text("".join(lines[: header + 1]), encoding="utf-8")
    paths.ANNOTATION_RESOURCES = copy
    _clear_caches()
    try:
        yield copy
    finally:
        paths.ANNOTATION_RESOURCES = original
        _clear_caches()


def build_seed_without_people(folder: Path) -> Path:
    """Build ``data/raw`` with the people list emptied; return the output folder."""
    from sahel_utils.build import build

    out, cache = folder / "out", folder / "cache"
    with people_list_emptied(folder):
        build([paths.RAW], out_dir=out, cache_dir=cache, progress=False)
    return out
