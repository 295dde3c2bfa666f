"""environment.yml (conda) and pyproject.toml declare the same dependencies."""

from __future__ import annotations

import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from sahel_utils.core import paths


def _declared(requirements: list[str]) -> dict[str, str]:
    out = {}
    for text in requirements:
        req = Requirement(text)
        name = canonicalize_name(req.name)
        assert name not in out, f"{name} declared twice"
        out[name] = str(req.specifier)
    return out


def _pyproject() -> dict[str, str]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = [req for group in project.get("optional-dependencies", {}).values() for req in group]
    return _declared(project["dependencies"] + extras)


def _environment() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_lists = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pip_lists) == 1, "one pip section"
    requirements = [r for r in pip_lists[0] if not r.startswith("-")]  # "-e ." installs the suite
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    assert any(d.startswith("python") for d in conda)
    assert not [d for d in conda if not d.startswith(("python", "pip"))], (
        "declare packages in the pip section so that they match pyproject.toml"
    )
    return _declared(requirements)


def disagreements(pyproject: dict[str, str], environment: dict[str, str]) -> list[str]:
    """Every dependency missing on one side or declared with another range."""
    found = [f"{n}: only in pyproject.toml" for n in sorted(set(pyproject) - set(environment))]
    found += [f"{n}: only in environment.yml" for n in sorted(set(environment) - set(pyproject))]
    for name in sorted(set(pyproject) & set(environment)):
        if SpecifierSet(pyproject[name]) != SpecifierSet(environment[name]):
            found.append(f"{name}: {pyproject[name]!r} in pyproject, {environment[name]!r} in env")
    return found


def test_environment_and_pyproject_declare_the_same_dependencies():
    assert disagreements(_pyproject(), _environment()) == []


def test_a_changed_range_or_missing_package_is_a_disagreement():
    pyproject = _pyproject()
    changed = {**pyproject, "pandas": ">=2.1"}
    assert disagreements(pyproject, changed) == [
        f"pandas: {pyproject['pandas']!r} in pyproject, '>=2.1' in env"
    ]
    fewer = {k: v for k, v in pyproject.items() if k != "spacy"}
    assert disagreements(pyproject, fewer) == ["spacy: only in pyproject.toml"]
