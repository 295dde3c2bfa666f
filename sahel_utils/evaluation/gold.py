"""Load the gold annotations in ``data/gold/`` (format in ``data/gold/README.md``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sahel_utils.core import paths

AES_MEMBERS = ("BFA", "MLI", "NER")


def article_id(file: str, position: int) -> str:
    """The suite's article id: ``"<file name>#<position>"``."""
    return f"{file}#{position}"


def load_gold_articles(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """Gold articles keyed by article id (``FILE#POSITION``)."""
    data = yaml.safe_load((path or paths.GOLD_ARTICLES).read_text(encoding="utf-8"))
    return {article_id(a["file"], a["position"]): a for a in data["articles"]}


def load_gold_claims(path: Path | None = None) -> dict[str, Any]:
    """Gold claim clusters and reuse pairs: ``{"clusters": [...], "reuse": [...]}``."""
    data = yaml.safe_load((path or paths.GOLD_CLAIMS).read_text(encoding="utf-8"))
    return {"clusters": data.get("clusters", []), "reuse": data.get("reuse", [])}


def expand_pair(a: str, b: str) -> set[tuple[str, str]]:
    """Expand a pair with ``AES`` to its members on both sides, as sorted pairs."""
    left = AES_MEMBERS if a == "AES" else (a,)
    right = AES_MEMBERS if b == "AES" else (b,)
    return {tuple(sorted((x, y))) for x in left for y in right if x != y}
