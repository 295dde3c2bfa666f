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
def test_render_reports_writes_two_html_versions_and_index(tmp_path: Path, capsys):
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
        progress=True,
    )
    progress = capsys.readouterr().err  # one line per notebook as it starts, one as it ends
    assert "[1/2] 01-ok.ipynb" in progress and "[2/2] 02-broken.ipynb" in progress
    assert re.search(r"ok in \d+ s", progress) and re.search(r"FAILED in \d+ s", progress)
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


# --- parameters that cannot fail silently (issue 12) ---------------------------------------


def test_parse_value_reads_json_and_yaml_lists():
    from sahel_utils.analysis.parameters import parse_value

    assert parse_value('["NER"]') == ["NER"]
    assert parse_value("[NER, MLI]") == ["NER", "MLI"]
    assert parse_value("{a: 2024-01-01}") == {"a": "2024-01-01"}  # dates stay strings
    assert parse_value("2024-01") == "2024-01"
    assert parse_value("12") == 12 and parse_value("no") == "no"


def test_check_parameters_normalises_and_refuses(tmp_path: Path):
    from sahel_utils.analysis.parameters import ParameterError, check_parameters

    (tmp_path / "articles.parquet").write_bytes(b"")
    ok = check_parameters(
        tmp_path,
        needs=["articles"],
        focus_countries='["ner", "AES"]',
        date_from="2024",
        date_to="",
        partner="tur",
        top_n="5",
    )
    assert ok["focus_countries"] == ["NER", "AES"] and ok["partner"] == "TUR"
    assert ok["top_n"] == 5 and ok["date_from"] == "2024"
    assert check_parameters(tmp_path, needs=["articles"], focus_countries="NER, MLI")[
        "focus_countries"
    ] == ["NER", "MLI"]
    bad = [
        ({"focus_countries": ["NIG"]}, "unknown country code"),
        ({"focus_countries": ["Niger"]}, "did you mean NER"),
        ({"focus_countries": []}, "focus_countries is empty"),
        ({"focus_countries": '["NER"'}, "neither a JSON nor a YAML"),
        ({"date_from": "2024-13"}, "not a valid date"),
        ({"date_from": "juin 2024"}, "not an ISO date"),
        ({"date_from": "2025", "date_to": "2024"}, "after"),
        ({"partner": "XXX"}, "unknown country code"),
        ({"top_n": 0}, "positive integer"),
    ]
    for params, message in bad:
        with pytest.raises(ParameterError, match=message):
            check_parameters(tmp_path, needs=["articles"], **params)
    with pytest.raises(ParameterError, match="lacks table"):
        check_parameters(tmp_path, needs=["articles", "dyads"])
    with pytest.raises(ParameterError, match="not a folder"):
        check_parameters(tmp_path / "nope")


def test_check_selection_names_the_empty_selection():
    from sahel_utils.analysis.parameters import ParameterError, check_selection

    check_selection([1], "anything")
    with pytest.raises(ParameterError, match="empty selection: no dyad for NER"):
        check_selection([], "no dyad for NER")


def test_country_names_in_french():
    from sahel_utils.analysis.countries import french_name, labelled

    assert french_name("TUR") == "Turquie" and french_name("RUS") == "Russie"
    assert labelled("EGY") == "Égypte (EGY)" and labelled("AES").startswith("Alliance")
    assert labelled("MLI–RUS") == "MLI–RUS"  # a pair is not a country


# --- HTML safety: one escaping helper -------------------------------------------------------

PAYLOADS = ('<script>alert("x")</script>', "<img src=x onerror=alert(1)>")


def test_escape_and_link_helpers():
    from sahel_utils.analysis.html import escape, heading, link

    assert escape(PAYLOADS[1]) == "&lt;img src=x onerror=alert(1)&gt;"
    assert escape(None) == "" and escape(float("nan")) == ""
    assert heading("<b>", 9) == "<h6>&lt;b&gt;</h6>"
    assert link("javascript:alert(1)") == "javascript:alert(1)"  # shown, not linked
    assert link('https://x.org/?a=1&b="2"').startswith('<a href="https://x.org/?a=1&amp;b=&quot;2')


def test_interactive_table_escapes_every_cell_and_links_urls():
    from sahel_utils.analysis.interactive import prepare

    frame = pd.DataFrame(
        {
            "partner": ["TUR"],
            "evidence": [PAYLOADS[0] + " " + "mot " * 100],
            "url": ["https://ex.org/a"],
            PAYLOADS[1]: [1],
        }
    )
    shown = prepare(frame)
    assert shown.loc[0, "partner"] == "Turquie (TUR)"
    assert shown.loc[0, "evidence"].startswith("&lt;script&gt;") and "<script" not in str(shown)
    assert len(shown.loc[0, "evidence"]) > 400  # whole text, never cut
    assert shown.loc[0, "url"].startswith('<a href="https://ex.org/a"')
    assert "&lt;img" in shown.columns[-1]


def _payload_tables(source: Path, target: Path) -> Path:
    """A copy of a build whose titles, outlets, quotes, entities and claims carry payloads."""
    import shutil

    shutil.copytree(source, target)
    edits = {
        "articles": ("title", "outlet", "author"),
        "quotes": ("text", "speaker"),
        "mentions": ("text",),
        "claims": ("summary", "evidence", "value", "field"),
        "dyads": ("evidence",),
    }
    for i, (table, columns) in enumerate(edits.items()):
        path = target / f"{table}.parquet"
        frame = pd.read_parquet(path)
        for column in columns:
            if column in frame.columns:
                frame[column] = [
                    f"{v if isinstance(v, str) else ''} {PAYLOADS[(i + k) % 2]}"
                    for k, v in enumerate(frame[column])
                ]
        frame.to_parquet(path, index=False)
    return target


@pytest.mark.slow
def test_reports_escape_corpus_text(built_dir: Path, tmp_path: Path):
    processed = _payload_tables(built_dir, tmp_path / "processed")
    reports = tmp_path / "reports"
    result = render_reports(
        notebooks=["01-corpus-overview", "03-cooperation-domains", "04-claim-consistency"],
        processed_dir=processed,
        reports_dir=reports,
    )
    assert result.ok, result.format()
    for page in sorted(reports.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page.name
        assert "<img src=x onerror" not in text, page.name
        assert not re.search(r'<script[^>]+src="https?:', text), page.name  # offline
    shared = (reports / "04-claim-consistency.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in shared and "onerror=alert(1)" in shared  # shown, escaped
    assert "dt-container" in shared or "itables" in shared  # interactive tables


@pytest.mark.slow
def test_parameter_error_fails_the_report_and_keeps_the_index_whole(built_dir: Path, tmp_path):
    reports = tmp_path / "reports"
    bad = render_reports(
        notebooks=["02-partner-countries"],
        parameters={"focus_countries": ["NIG"]},
        processed_dir=built_dir,
        reports_dir=reports,
    )
    assert not bad.ok
    assert "unknown country code" in bad.format() and "NIG" in bad.format()
    good = render_reports(
        notebooks=["01-corpus-overview"], processed_dir=built_dir, reports_dir=reports
    )
    assert good.ok, good.format()
    index = (reports / "index.html").read_text(encoding="utf-8")
    for notebook in find_notebooks():
        assert notebook.name in index  # every notebook listed, rendered or not
    assert 'href="01-corpus-overview.html"' in index and 'href="02-partner-countries.html"' in index
    assert "failed" in index and "ParameterError" in index  # 02's failure is kept
    assert "The corpus at a glance" in index and "Articles" in index


def test_unknown_parameter_name_is_refused(tmp_path: Path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    _notebook(notebooks / "01-ok.ipynb", "print(greeting)")
    with pytest.raises(ValueError, match="unknown parameter.*greting"):
        render_reports(
            parameters={"greting": "x"}, reports_dir=tmp_path / "r", notebooks_dir=notebooks
        )


def test_index_lands_with_corpus_and_questions(tmp_path: Path):
    pd.DataFrame(
        {"outlet": ["APA", None, "<b>X</b>"], "published": ["2024-01-02", None, "2025-03-04"]}
    ).to_parquet(tmp_path / "articles.parquet")
    (tmp_path / "build_summary.json").write_text('{"timings": {"tag": 2.5}}', encoding="utf-8")
    from sahel_utils.report import corpus_at_a_glance

    glance = corpus_at_a_glance(tmp_path)
    assert glance["articles"] == 3 and glance["outlets"] == 2 and glance["undated"] == 1
    assert (glance["first"], glance["last"]) == ("2024-01-02", "2025-03-04")
    nb = NotebookReport(notebook=tmp_path / "01-a.ipynb")
    page = write_index(
        [nb], {}, tmp_path, {nb.notebook: "Who <script>x</script> cooperates?"}, glance
    ).read_text(encoding="utf-8")
    assert "Who &lt;script&gt;x&lt;/script&gt; cooperates?" in page
    assert "2024-01-02 → 2025-03-04" in page and "not rendered yet" in page


def test_report_help_lists_every_notebook_parameter_with_its_default(capsys):
    from sahel_utils.cli import main
    from sahel_utils.report import notebook_parameters, parameters_help

    declared = notebook_parameters()
    assert declared["02-partner-countries"]["top_n"]["default"] == "12"
    text = parameters_help()
    for stem, params in declared.items():
        assert f"  {stem}:" in text
        for name in params:
            if name not in ("processed_dir", "figures_dir"):
                assert f"    {name} = {params[name]['default']}" in text
    with pytest.raises(SystemExit) as exit_info:
        main(["report", "--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    assert 'partner = ""' in shown and "(default:" in shown and "stderr" in shown


def test_evaluate_and_bench_help_give_defaults(capsys):
    from sahel_utils import bench
    from sahel_utils.cli import main

    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    assert "(default:" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        bench.main(["--help"])
    shown = capsys.readouterr().out
    assert "default: 500000" in shown and "default: both" in shown


def test_count_labels_leave_zeros_blank():
    from sahel_utils.analysis.plots import count_labels

    grid = pd.DataFrame({"2024": [0, 3], "2025": [1.0, float("nan")]}, index=["RUS", "TUR"])
    labels = count_labels(grid)
    assert labels.to_numpy().tolist() == [["", "1"], ["3", ""]]
    assert list(labels.index) == ["RUS", "TUR"]
