"""Where everything lives: the one place that knows the project's folders.

Code and notebooks import these names instead of writing ``../data`` strings.
Set ``SAHEL_ROOT`` to point the suite at another project folder, ``SAHEL_SHARED`` at
another ``../shared`` folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]

#: Stage packages in the order data flows through them (each may import only
#: ``core`` and the stages before it).
STAGES = ("reading", "annotation", "relations", "analysis", "evaluation")


def stage_resources(stage: str, language: str = "fr") -> Path:
    """Folder of a stage's vocabulary files, e.g. ``stage_resources("annotation")``."""
    return PACKAGE_DIR / stage / "resources" / language


CORE_RESOURCES = stage_resources("core")
READING_RESOURCES = stage_resources("reading")
ANNOTATION_RESOURCES = stage_resources("annotation")
RELATIONS_RESOURCES = stage_resources("relations")


def _find_root() -> Path:
    env = os.environ.get("SAHEL_ROOT")
    if env:
        return Path(env).resolve()
    for candidate in (Path.cwd(), *Path.cwd().parents, PACKAGE_DIR.parent):
        if (candidate / "pyproject.toml").is_file() and (candidate / "sahel_utils").is_dir():
            return candidate
    return PACKAGE_DIR.parent


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
GOLD = DATA / "gold"
PROCESSED = DATA / "processed"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
FIGURES = REPORTS / "figures"
CACHE = ROOT / ".cache"
#: The shared material beside the project (``../shared``: seed hooks, real-press dev
#: corpus); ``SAHEL_SHARED`` points elsewhere (e.g. from a git worktree).
SHARED = Path(os.environ.get("SAHEL_SHARED") or ROOT.parent / "shared")

GOLD_ARTICLES = GOLD / "seed_articles.yaml"
GOLD_CLAIMS = GOLD / "seed_claims.yaml"


def table_path(name: str, directory: Path | None = None) -> Path:
    """Path of a processed table, e.g. ``table_path("articles")``."""
    return (directory or PROCESSED) / f"{name}.parquet"
