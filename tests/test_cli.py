"""Command line: arguments, printed summary, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from test_build import FakeStages, _articles

from sahel_utils import build as build_module
from sahel_utils import evaluation, report
from sahel_utils.cli import main, parameter_value
from sahel_utils.core import paths, tables
from sahel_utils.relations import dyads


def test_module_entry_point_shows_the_commands():
    done = subprocess.run(
        [sys.executable, "-m", "sahel_utils", "--help"], capture_output=True, text=True, check=True
    )
    for command in ("build", "report", "evaluate"):
        assert command in done.stdout


def test_build_prints_summary_with_skipped_files(monkeypatch, tmp_path: Path, capsys):
    problems = [
        SimpleNamespace(file="empty.txt", reason="empty file", skipped=True),
        SimpleNamespace(file="bad.jsonl", reason="line 2: malformed JSON", skipped=True),
    ]
    fake = FakeStages(_articles([("a.txt#1", "fr")]), problems, files_read=1).install(monkeypatch)
    out = tmp_path / "out"
    status = main(
        [
            "build",
            str(tmp_path / "x"),
            str(tmp_path / "y"),
            "--out",
            str(out),
            "--n-process",
            "2",
            "--no-progress",
        ]
    )
    assert status == 0
    assert fake.inputs == [tmp_path / "x", tmp_path / "y"]
    assert fake.tag_kwargs["n_process"] == 2 and fake.tag_kwargs["progress"] is False
    printed = capsys.readouterr().out
    assert "empty.txt: empty file" in printed
    assert "bad.jsonl: line 2: malformed JSON" in printed
    assert "articles" in printed and (out / "articles.parquet").exists()


def test_build_exits_non_zero_only_when_nothing_read(monkeypatch, tmp_path: Path, capsys):
    problem = SimpleNamespace(file="only.bin", reason="binary file", skipped=True)
    FakeStages(tables.empty_table("articles"), [problem], files_read=0).install(monkeypatch)
    assert main(["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    assert "only.bin: binary file" in capsys.readouterr().out


def _fake_nlp_stages(monkeypatch):
    """Real readers; the later stages replaced so no model is loaded."""
    fake = FakeStages(tables.empty_table("articles"))
    monkeypatch.setattr(build_module.tagging, "tag_articles", fake.tag_articles)
    monkeypatch.setattr(dyads, "extract_dyads", fake.extract_dyads)
    monkeypatch.setattr(build_module.reuse, "find_reuse", fake.find_reuse)
    monkeypatch.setattr(build_module.claims, "extract_claims", fake.extract_claims)


def _bad_files(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "broken.jsonl").write_text('{"title": "A", "text": "B"\nnot json\n', encoding="utf-8")
    return ["empty.txt", "image.txt", "broken.jsonl"]


def test_bad_files_are_named_and_the_build_goes_on(monkeypatch, tmp_path: Path, capsys):
    _fake_nlp_stages(monkeypatch)
    inputs = tmp_path / "in"
    bad = _bad_files(inputs)
    seed = sorted(paths.RAW.glob("*.txt"))[0]
    (inputs / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    assert main(["build", str(inputs), "--out", str(out), "--no-progress"]) == 0
    printed = capsys.readouterr().out
    for name in bad:
        assert name in printed, f"{name} not reported"
    articles = pd.read_parquet(out / "articles.parquet")
    assert set(articles["source_file"]) == {seed.name}


def test_only_bad_files_exit_non_zero(monkeypatch, tmp_path: Path, capsys):
    _fake_nlp_stages(monkeypatch)
    bad = _bad_files(tmp_path / "in")
    assert (
        main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-progress"]) == 1
    )
    printed = capsys.readouterr().out
    assert all(name in printed for name in bad)
    assert not (tmp_path / "out" / "articles.parquet").exists()


def test_evaluate_prints_scores_per_stage(monkeypatch, tmp_path: Path, capsys):
    tables.write_table("articles", _articles([("a.txt#1", "fr")]), tmp_path)
    for name in (n for n in evaluation.INPUTS if n != "articles"):
        tables.write_table(name, tables.empty_table(name), tmp_path)
    seen = {}

    def fake_evaluate_all(tabs):
        seen.update(tabs)
        return {
            "parsing": {"articles_found": 1.0},
            "timex": {"value_accuracy": 0.5, "n_gold": 28.0},
        }

    monkeypatch.setattr(evaluation, "evaluate_all", fake_evaluate_all)
    assert main(["evaluate", "--processed", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "articles" in seen
    assert "parsing" in printed and "articles_found" in printed and "0.500" in printed
    assert "n_gold" in printed and "28\n" in printed and "28.0" not in printed


def test_evaluate_without_tables_explains(tmp_path: Path, capsys):
    assert main(["evaluate", "--processed", str(tmp_path)]) == 1
    assert "sahel_utils build" in capsys.readouterr().err


@pytest.mark.parametrize("failed", [False, True])
def test_report_passes_parameters_and_exit_code(monkeypatch, tmp_path: Path, failed: bool):
    calls = {}

    def fake_render(**kwargs):
        calls.update(kwargs)
        nb = report.NotebookReport(notebook=Path("01-x.ipynb"), error="boom" if failed else None)
        return report.ReportResult(reports=[nb])

    monkeypatch.setattr(report, "render_reports", fake_render)
    status = main(
        [
            "report",
            "--notebook",
            "01-x",
            "-p",
            "top_n",
            "3",
            "-p",
            "label",
            "Mali",
            "--out",
            str(tmp_path),
        ]
    )
    assert status == (1 if failed else 0)
    assert calls["notebooks"] == ["01-x"]
    assert calls["parameters"] == {"top_n": 3, "label": "Mali"}
    assert calls["reports_dir"] == tmp_path


def test_parameter_values_are_typed_like_papermill():
    assert parameter_value("3") == 3
    assert parameter_value("0.5") == 0.5
    assert parameter_value("true") is True
    assert parameter_value("data/processed") == "data/processed"


def test_interrupted_build_exits_130(monkeypatch, tmp_path: Path, capsys):
    fake = FakeStages(_articles([("a.txt#1", "fr")])).install(monkeypatch)

    def interrupted(tabs):
        raise KeyboardInterrupt

    monkeypatch.setattr(dyads, "extract_dyads", interrupted)
    args = ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--no-progress"]
    # a fresh cache: the dyads are computed, not read from an earlier run's cache
    assert main([*args, "--cache", str(tmp_path / "cache")]) == 130
    assert fake.calls == ["parse", "tag"]
    assert "Interrupted" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_report_reads_lists_as_json_or_yaml(monkeypatch, tmp_path: Path):
    calls = {}

    def fake_render(**kwargs):
        calls.update(kwargs)
        return report.ReportResult(reports=[report.NotebookReport(notebook=Path("02-x.ipynb"))])

    monkeypatch.setattr(report, "render_reports", fake_render)
    argv = ["report", "--out", str(tmp_path), "-p", "focus_countries", '["NER"]']
    argv += ["-y", "date_from: 2024-01-01\npartner: TUR", "-p", "top_n", "5"]
    assert main(argv) == 0
    assert calls["parameters"] == {
        "focus_countries": ["NER"],  # a list, not the string '["NER"]'
        "date_from": "2024-01-01",  # YAML dates stay ISO strings
        "partner": "TUR",
        "top_n": 5,
    }
    assert parameter_value("[NER, MLI]") == ["NER", "MLI"]


def test_report_refuses_bad_parameters_loudly(monkeypatch, tmp_path: Path, capsys):
    def refusing_render(**kwargs):
        raise ValueError("unknown parameter(s) focus_country: the notebooks run declare …")

    monkeypatch.setattr(report, "render_reports", refusing_render)
    assert main(["report", "-p", "focus_country", "NER"]) == 2
    assert "unknown parameter" in capsys.readouterr().err
    assert main(["report", "-y", "[not, a, mapping]"]) == 2
    assert "not a YAML mapping" in capsys.readouterr().err
    assert main(["report", "-p", "focus_countries", '["NER"']) == 2
    assert "neither a JSON nor a YAML" in capsys.readouterr().err
