"""Every record or file not read is named with its reason; the build goes on.

JSON Lines records with a body of the wrong type, unreadable dates (kept as
printed in ``published_raw``), outlets given as objects, the same file name in
two folders, folders that cannot be listed or entered, named pipes, devices,
and HTML nested deeper than the parser's limit.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from sahel_utils.build import BuildSummary
from sahel_utils.reading import parse_inputs, source_names
from sahel_utils.reading.html import PARSER_DEPTH_LIMIT, nesting_depth, parse_html

BODY = (
    "Le ministre malien de la Défense a signé à Moscou un accord de coopération militaire "
    "avec son homologue russe portant sur la formation des officiers."
)


def _jsonl(tmp_path: Path, records: list[dict]) -> Path:
    path = tmp_path / "export.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_records_whose_text_is_not_text_are_named_with_their_reason(tmp_path):
    path = _jsonl(
        tmp_path,
        [
            {"title": "Nul", "text": None},
            {"title": "Nombre", "text": 42},
            {"title": "Objet", "text": {"id": 3}},
            {"title": "Liste", "text": [1, 2]},
            {"title": "Sans texte"},
            {"title": "Bon", "text": BODY},
        ],
    )
    result = parse_inputs([path])
    assert list(result.articles["title"]) == ["Bon"]
    (note,) = [str(p) for p in result.problems]
    for reason in (
        "5 record(s) not read",
        "line 1 (text is null)",
        "line 2 (text is a number, not text)",
        "line 3 (text is an object without text (keys: id))",
        "line 4 (text is a list of a number)",
        "line 5 (no text field",
    ):
        assert reason in note


def test_text_given_as_paragraphs_or_as_a_rendered_object_is_read(tmp_path):
    path = _jsonl(
        tmp_path,
        [
            {
                "title": "Liste",
                "text": [BODY, "Le texte prévoit aussi des échanges d'instructeurs."],
            },
            {"title": {"rendered": "Rendu"}, "content": {"rendered": f"<p>{BODY}</p>"}},
        ],
    )
    articles = parse_inputs([path]).articles
    assert list(articles["title"]) == ["Liste", "Rendu"]
    assert articles.iloc[0]["text"].endswith("échanges d'instructeurs.")
    assert articles.iloc[1]["text"] == BODY


def test_unreadable_date_is_kept_as_printed_and_named(tmp_path):
    path = _jsonl(
        tmp_path,
        [
            {"title": "A", "text": BODY, "date": "le lendemain du sommet"},
            {"title": "B", "text": BODY, "date": "2022-03-22"},
            {"title": "C", "text": BODY, "date": 1647907200},
        ],
    )
    result = parse_inputs([path])
    rows = result.articles.set_index("title")
    assert rows.loc["A", "published"] is None
    assert rows.loc["A", "published_raw"] == "le lendemain du sommet"
    assert rows.loc["B", "published"] == "2022-03-22" and rows.loc["B", "published_raw"] is None
    assert rows.loc["C", "published"] == "2022-03-22T00:00"
    assert any(
        "line 1: date 'le lendemain du sommet' not readable" in str(p) for p in result.problems
    )


def test_page_dump_date_that_cannot_be_read_is_kept_as_printed(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(f"Mali : un accord avec Moscou\nPublié le 31 févr. 2025\n\n{BODY}\n", "utf-8")
    row = parse_inputs([path]).articles.iloc[0]
    assert row["published"] is None and row["published_raw"] == "31 févr. 2025"


def test_outlet_given_as_an_object_takes_its_name_or_is_named(tmp_path):
    path = _jsonl(
        tmp_path,
        [
            {"title": "A", "text": BODY, "outlet": {"name": "Le Monde", "id": 7}},
            {"title": "B", "text": BODY, "outlet": {"id": 7}},
        ],
    )
    result = parse_inputs([path])
    outlets = list(result.articles["outlet"])
    assert outlets == ["Le Monde", None]
    assert any(
        "line 2: outlet is an object without a readable name" in str(p) for p in result.problems
    )


def test_a_short_first_line_stays_in_the_body_when_the_record_has_a_title(tmp_path):
    path = _jsonl(
        tmp_path, [{"title": "Mali : un accord avec Moscou", "text": f"Reportage\n\n{BODY}"}]
    )
    text = parse_inputs([path]).articles.iloc[0]["text"]
    assert text.startswith("Reportage") and text.endswith(BODY)


def test_same_file_name_in_two_folders_gives_unique_stable_ids(tmp_path):
    page = f"Mali : un accord avec Moscou\n\n{BODY}\n"
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "export.txt").write_text(page, encoding="utf-8")
    (tmp_path / "d2" / "seul.txt").write_text(page, encoding="utf-8")
    result = parse_inputs([tmp_path / "d1", tmp_path / "d2"])
    assert list(result.articles["article_id"]) == [
        "d1/export.txt#1",
        "d2/export.txt#1",
        "seul.txt#1",
    ]
    assert source_names([tmp_path / "d1" / "export.txt"]) == {
        tmp_path / "d1" / "export.txt": "export.txt"
    }


def _run_with_timeout(inputs, seconds: float = 60):
    out = {}
    worker = threading.Thread(target=lambda: out.update(result=parse_inputs(inputs)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "reading blocked"
    return out["result"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipe_and_device_are_refused_up_front(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(f"Mali : un accord\n\n{BODY}\n", encoding="utf-8")
    os.mkfifo(folder / "flux.txt")
    os.mkfifo(tmp_path / "given_pipe")
    inputs = [folder, tmp_path / "given_pipe"]
    if Path("/dev/null").exists():
        inputs.append(Path("/dev/null"))
    result = _run_with_timeout(inputs)
    assert list(result.articles["article_id"]) == ["page.txt#1"]
    reasons = {p.file: p.reason for p in result.problems}
    assert "named pipe" in reasons["flux.txt"]
    assert "named pipe" in reasons[str(tmp_path / "given_pipe")]
    if Path("/dev/null").exists():
        assert "device" in reasons["/dev/null"]


def test_folders_that_cannot_be_listed_or_entered_are_named(tmp_path, monkeypatch):
    root = tmp_path / "in"
    for sub in ("ok", "closed", "locked"):
        (root / sub).mkdir(parents=True)
        (root / sub / f"{sub}.txt").write_text(f"Mali : un accord\n\n{BODY}\n", encoding="utf-8")
    real_scandir, real_access = os.scandir, os.access

    def scandir(path="."):
        if Path(path).name == "closed":
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    def access(path, mode, **kwargs):
        return False if Path(path).name == "locked" else real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "access", access)
    result = parse_inputs([root])
    assert list(result.articles["article_id"]) == ["ok.txt#1"]
    reasons = {p.file: p.reason for p in result.problems}
    assert reasons["closed"].startswith("folder cannot be listed")
    assert reasons["locked"] == "folder cannot be entered"
    assert all(p.skipped for p in result.problems)


def test_html_nested_past_the_parser_limit_says_so(tmp_path):
    depth = PARSER_DEPTH_LIMIT + 50
    page = (
        "<html><head><title>Mali : accord</title></head><body>"
        + "<div>" * depth
        + f"<p>{BODY} {BODY}</p><p>{BODY}</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    assert nesting_depth(page) > PARSER_DEPTH_LIMIT
    drafts = list(parse_html(page))
    notes = [d.problem for d in drafts if d.problem]
    assert notes and "deeper than the parser's limit" in notes[0]
    path = tmp_path / "profond.html"
    path.write_text(page, encoding="utf-8")
    result = parse_inputs([path])
    assert len(result.articles) == 1
    assert any("deeper than the parser's limit" in str(p) for p in result.problems)


def test_the_build_summary_names_every_problem():
    summary = BuildSummary(
        out_dir=Path("out"),
        files_read=1,
        problems=[
            {"file": "flux.txt", "reason": "a named pipe, not a file: refused", "skipped": True},
            {
                "file": "x.jsonl",
                "reason": "1 record(s) not read: line 1 (text is null)",
                "skipped": False,
            },
        ],
    )
    shown = summary.format()
    assert "flux.txt: a named pipe" in shown and "line 1 (text is null)" in shown
