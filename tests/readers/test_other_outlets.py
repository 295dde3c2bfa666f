"""Readers on pages and exports shaped like other francophone outlets' (not the seeds).

Each fixture in ``fixtures/readers/other_outlets/`` imitates how an analyst
saves pages from a kind of site (dailies, agency wires, magazines, state media
francophone services, Nexis, JSON Lines, HTML); ``expected.yaml`` says what an
analyst reads in it. The tests are driven by that table.
"""

from pathlib import Path

import pytest
import yaml

from sahel_utils.core.normalize import canonical
from sahel_utils.reading import parse_inputs

FOLDER = Path(__file__).parents[1] / "fixtures" / "readers" / "other_outlets"
EXPECTED = yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))
FIELDS = ("title", "published", "author", "outlet", "url")
CASES = [
    (name, position, spec)
    for name, entry in EXPECTED.items()
    for position, spec in entry["articles"].items()
]


@pytest.fixture(scope="module")
def parsed():
    result = parse_inputs([FOLDER / name for name in EXPECTED])
    return result


def _article(parsed, name: str, position: int):
    rows = parsed.articles[parsed.articles["article_id"] == f"{name}#{position}"]
    assert len(rows) == 1, f"{name}#{position} not found"
    return rows.iloc[0]


@pytest.mark.parametrize("name", list(EXPECTED))
def test_number_of_articles(parsed, name):
    found = parsed.articles[parsed.articles["source_file"] == name]
    assert len(found) == EXPECTED[name]["n_articles"], list(found["title"])


@pytest.mark.parametrize(("name", "position", "spec"), CASES, ids=[f"{n}#{p}" for n, p, _ in CASES])
def test_metadata(parsed, name, position, spec):
    row = _article(parsed, name, position)
    for field in FIELDS:
        if field not in spec:
            continue
        got = row[field]
        want = spec[field]
        if want is None:
            assert got is None or not str(got).strip(), f"{field}: {got!r}"
        else:
            assert got is not None and canonical(str(got)) == canonical(str(want)), (
                f"{field}: {got!r}"
            )


@pytest.mark.parametrize(("name", "position", "spec"), CASES, ids=[f"{n}#{p}" for n, p, _ in CASES])
def test_body(parsed, name, position, spec):
    body = canonical(_article(parsed, name, position)["text"])
    assert body.startswith(canonical(spec["body_first"])), body[:120]
    assert body.endswith(canonical(spec["body_last"])), body[-120:]
    leaked = [s for s in spec.get("excluded", []) if canonical(s) in body]
    assert leaked == []
    lost = [s for s in spec.get("present", []) if canonical(s) not in body]
    assert lost == []
    assert "\r" not in body


@pytest.mark.parametrize("name", [n for n in EXPECTED if "segment_types" in EXPECTED[n]])
def test_removed_parts_are_typed(parsed, name):
    segs = parsed.segments[parsed.segments["source_file"] == name]
    missing = set(EXPECTED[name]["segment_types"]) - set(segs["segment_type"])
    assert missing == set(), list(zip(segs["segment_type"], segs["text"], strict=True))


@pytest.mark.parametrize("name", [n for n in EXPECTED if "comments" in EXPECTED[n]])
def test_reader_comments_are_kept(parsed, name):
    segs = parsed.segments[
        (parsed.segments["source_file"] == name) & (parsed.segments["segment_type"] == "comment")
    ]
    kept = " ".join(canonical(t) for t in segs["text"])
    missing = [c for c in EXPECTED[name]["comments"] if canonical(c) not in kept]
    assert missing == []


def test_no_problem_reported(parsed):
    assert [str(p) for p in parsed.problems] == []
