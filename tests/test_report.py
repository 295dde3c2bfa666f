"""Figures, entity rendering, overview tables and the HTML reports."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import matplotlib.pyplot as plt
import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from sahel_utils.analysis import overview
from sahel_utils.analysis.plots import entity_spans, render_entities, save_figure
from sahel_utils.report import NotebookReport, find_notebooks, render_reports, write_index


def _mentions(rows):
    return pd.DataFrame(
        rows, columns=["article_id", "start", "end", "text", "entity_type", "entity_id"]
    )


def test_save_figure_writes_png_and_csv(tmp_path: Path):
    fig, ax = plt.subplots()
    data = pd.DataFrame({"outlet": ["APA", "TV5MONDE"], "articles": [3, 1]})
    ax.bar(data["outlet"], data["articles"])
    png, csv = save_figure(fig, data, "01-test", tmp_path / "figures")
    plt.close(fig)
    assert png.read_bytes().startswith(b"\x89PNG")
    pd.testing.assert_frame_equal(pd.read_csv(csv), data)
    umask = os.umask(0)
    os.umask(umask)
    for written in (png, csv):  # readable like any other file, e.g. when shared
        assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~umask
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [
        "01-test.csv",
        "01-test.png",
    ]


def test_entity_spans_are_sorted_and_disjoint():
    mentions = _mentions(
        [
            ("a#1", 10, 22, "Assimi Goïta", "person", "Assimi Goïta"),
            ("a#1", 17, 22, "Goïta", "person", "Assimi Goïta"),  # inside the longer one
            ("a#1", 0, 4, "Mali", "country", "MLI"),
            ("b#1", 0, 6, "Russie", "country", "RUS"),
        ]
    )
    spans = entity_spans("a#1", mentions)
    assert [(s["start"], s["end"]) for s in spans] == [(0, 4), (10, 22)]
    assert spans[0]["label"] == "COUNTRY MLI"


def test_render_entities_escapes_text_and_title():
    articles = pd.DataFrame(
        {"article_id": ["a#1"], "title": ["<b>Titre</b>"], "text": ["Mali <script>x</script>"]}
    )
    mentions = _mentions([("a#1", 0, 4, "Mali", "country", "MLI")])
    rendered = render_entities("a#1", articles, mentions)
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "<b>Titre" not in rendered
    assert "COUNTRY MLI" in rendered and "Mali" in rendered
    plain = render_entities("a#1", articles, None)  # no mentions table yet
    assert "&lt;script&gt;" in plain and "MLI" not in plain
    with pytest.raises(KeyError):
        render_entities("zz#9", articles, mentions)


def _articles():
    return pd.DataFrame(
        {
            "article_id": ["f#1", "f#2", "g#1"],
            "source_file": ["f", "f", "g"],
            "position": [1, 2, 1],
            "title": ["A", "B", "C"],
            "published": ["2025-06-23T07:31", None, "2025-04-03"],
            "author": [None, "X", None],
            "outlet": ["APA", None, "APA"],
            "url": [None] * 3,
            "text": ["un  deux\ntrois", "quatre", "cinq six"],
            "language": ["fr", "fr", "en"],
            "n_words": [3, 1, 2],
            "content_hash": ["1", "2", "3"],
        }
    )


def test_overview_counts():
    articles = _articles()
    by_outlet = overview.articles_per_outlet(articles)
    assert by_outlet.to_dict("records") == [
        {"outlet": "APA", "articles": 2, "words": 5},
        {"outlet": overview.UNKNOWN, "articles": 1, "words": 1},
    ]
    by_month = overview.articles_per_month(articles)
    assert by_month.to_dict("records") == [
        {"month": "2025-04", "articles": 1},
        {"month": "2025-06", "articles": 1},
        {"month": overview.UNKNOWN, "articles": 1},
    ]
    browser = overview.article_browser(articles, snippet_chars=8)
    assert browser.loc[0, "opening"] == "un deux "
    assert list(browser["article_id"]) == ["f#1", "f#2", "g#1"]


def test_removed_by_type():
    segments = pd.DataFrame(
        {
            "source_file": ["f"] * 3,
            "article_id": ["f#1", None, "f#2"],
            "segment_type": ["comment", "teaser", "comment"],
            "start": [0, 10, 50],
            "end": [5, 30, 60],
            "text": ["a", "b", "c"],
        }
    )
    removed = overview.removed_by_type(segments)
    assert removed.to_dict("records") == [
        {"segment_type": "comment", "segments": 2, "characters": 15},
        {"segment_type": "teaser", "segments": 1, "characters": 20},
    ]
    assert overview.removed_by_type(segments.iloc[0:0]).empty


def test_showcase_and_annotations():
    tables = {
        "articles": _articles(),
        "mentions": _mentions(
            [
                ("f#2", 5, 9, "Mali", "country", "MLI"),
                ("f#2", 0, 4, "Mali", "country", "MLI"),
                ("g#1", 0, 4, "Mali", "country", "MLI"),
            ]
        ),
        "timex": pd.DataFrame(
            {
                "article_id": ["f#2"],
                "start": [1],
                "end": [3],
                "text": ["x"],
                "value": ["2025"],
                "anchor": [None],
            }
        ),
    }
    assert overview.showcase_article(tables) == "f#2"
    assert overview.showcase_article({"articles": _articles()}) == "f#1"
    notes = overview.article_annotations("f#2", tables)
    assert list(notes["mentions"]["start"]) == [0, 5]
    assert list(notes["timex"]["value"]) == ["2025"]
    assert notes["quotes"].empty and "speaker" in notes["quotes"].columns


def _notebook(path: Path, body: str) -> Path:
    params = new_code_cell('processed_dir = "unset"\nfigures_dir = "unset"\ngreeting = "hi"')
    params.metadata["tags"] = ["parameters"]
    nb = new_notebook(
        cells=[new_markdown_cell("# A <test> notebook"), params, new_code_cell(body)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(nb, str(path))
    return path


@pytest.mark.slow
def test_render_reports_writes_two_html_versions_and_index(tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(
        notebooks / "01-ok.ipynb",
        "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()\n"
        "print('CODE-MARKER', greeting, processed_dir)",
    )
    _notebook(notebooks / "02-broken.ipynb", "raise ValueError('deliberate failure')")
    reports = tmp_path / "reports"
    result = render_reports(
        parameters={"greeting": "bonjour"},
        processed_dir=tmp_path / "processed",
        reports_dir=reports,
        notebooks_dir=notebooks,
    )
    assert not result.ok
    assert [r.notebook.name for r in result.failed] == ["02-broken.ipynb"]
    assert "deliberate failure" in result.format()
    shared = (reports / "01-ok.html").read_text(encoding="utf-8")
    with_code = (reports / "01-ok-code.html").read_text(encoding="utf-8")
    assert "bonjour" in shared and str(tmp_path / "processed") in shared  # injected
    assert "print(" not in shared and "print" in with_code  # code hidden for sharing
    assert "data:image/png;base64" in shared  # image embedded
    assert not re.search(r'(src|href)="https?:', shared)  # opens offline
    assert (reports / "02-broken-code.html").exists()  # a failed notebook still shows where
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="01-ok.html"' in index and 'href="01-ok-code.html"' in index
    assert "A &lt;test&gt; notebook" in index and "failed" in index


def test_index_escapes_text(tmp_path: Path):
    nb = NotebookReport(notebook=tmp_path / "x<y>.ipynb", error="Boom <img src=x>")
    index = write_index([nb], {nb.notebook: "<script>alert(1)</script>"}, tmp_path)
    page = index.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;" in page


def test_find_notebooks_selects_by_name(tmp_path: Path):
    for name in ("02-b.ipynb", "01-a.ipynb"):
        (tmp_path / name).write_text("{}", encoding="utf-8")
    assert [p.name for p in find_notebooks(None, tmp_path)] == ["01-a.ipynb", "02-b.ipynb"]
    assert [p.name for p in find_notebooks(["02-b"], tmp_path)] == ["02-b.ipynb"]
    with pytest.raises(FileNotFoundError):
        find_notebooks(["nope"], tmp_path)


def test_rates_leave_out_counts():
    from sahel_utils.evaluation import rates_frame, scores_frame

    results = {
        "timex": {"recall": 0.9, "n_gold": 28.0, "n_found": 1.0},
        "claims": {"false_conflicts": 0.0, "multi_found": 1.0},
    }
    assert len(scores_frame(results)) == 5
    rates = rates_frame(results)
    assert list(zip(rates["stage"], rates["metric"], strict=True)) == [
        ("timex", "recall"),
        ("claims", "multi_found"),
    ]
