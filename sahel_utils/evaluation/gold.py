"""Load the gold annotations in ``data/gold/`` (format in ``data/gold/README.md``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sahel_utils.core import blocs, paths
from sahel_utils.core.blocs import expand_pair

__all__ = ["AES_MEMBERS", "article_id", "expand_pair", "load_gold_articles", "load_gold_claims"]

#: Members of the AES, from the one source ``core/resources/fr/blocs.yaml``.
AES_MEMBERS = blocs.sorted_members("AES")


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
