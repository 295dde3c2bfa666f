"""The layout is the map: stages import only earlier stages, and docs/architecture.md is true.

Stage order: ``core`` < ``reading`` < ``annotation`` < ``relations`` < ``analysis`` <
``evaluation``; the top-level modules (build, cli, report, bench) orchestrate them all.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sahel_utils.core import paths

PACKAGE = paths.PACKAGE_DIR
ORDER = ("core", *paths.STAGES)
ARCHITECTURE = paths.ROOT / "docs" / "architecture.md"


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _stage_of(module: str) -> str | None:
    """Stage of a dotted ``sahel_utils.x.y`` module name (None: top-level orchestration)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from x import y`` is recorded as ``x.y``: ``from sahel_utils import reading``
            # is an import of the stage package itself
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def _dotted(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def test_no_stage_imports_a_later_stage():
    wrong = []
    for path in _modules():
        here = _stage_of(_dotted(path))
        if here is None:
            continue
        for line, name in _imports(path):
            if not name.startswith("sahel_utils"):
                continue
            there = _stage_of(name)
            if there is None or ORDER.index(there) > ORDER.index(here):
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} ({here}) imports {name}")
    assert not wrong, "\n".join(wrong)


#: Parts of spaCy that run no pipeline: the HTML visualiser (imported when drawn).
SPACY_WITHOUT_PIPELINE = ("spacy.displacy",)


def _runs_spacy(name: str) -> bool:
    if not (name == "spacy" or name.startswith(("spacy.", "fr_core_news"))):
        return False
    return not any(
        name == allowed or name.startswith(allowed + ".") for allowed in SPACY_WITHOUT_PIPELINE
    )


@pytest.mark.parametrize("stage", ["core", "reading", "relations", "analysis", "evaluation"])
def test_only_annotation_runs_spacy(stage):
    users = [
        f"{path.relative_to(PACKAGE)}:{line} {name}"
        for path in _modules()
        if _stage_of(_dotted(path)) == stage
        for line, name in _imports(path)
        if _runs_spacy(name)
    ]
    assert not users, f"{stage} imports spaCy: {users}"


def test_every_module_the_map_lists_exists_and_every_module_is_listed():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    listed = {
        name
        for name in re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", text)
        if not name.startswith("tests/")
    }
    assert listed, "docs/architecture.md lists no module"
    missing = sorted(name for name in listed if not (PACKAGE / name).is_file())
    assert not missing, f"listed in docs/architecture.md but absent: {missing}"
    unlisted = sorted(
        str(p.relative_to(PACKAGE))
        for p in _modules()
        if p.name != "__init__.py" and str(p.relative_to(PACKAGE)) not in listed
    )
    assert not unlisted, f"modules missing from docs/architecture.md: {unlisted}"


def test_every_stage_declares_its_contract():
    import importlib

    for stage in paths.STAGES:
        package = importlib.import_module(f"sahel_utils.{stage}")
        assert package.NAME == stage
        assert isinstance(package.INPUTS, tuple) and isinstance(package.OUTPUTS, tuple)
        assert len(package.version()) == 16
