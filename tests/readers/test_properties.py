"""Property tests of every reader: arbitrary text and mutated fixture files.

Whatever the input (random text, fixture files with lines deleted, inserted or
repeated, control characters, markers repeated, other encodings decoded the
wrong way), each reader must not raise, must give offsets that index the
decoded input, and must lose nothing: every non-blank line of a page dump or a
Nexis document is in a title, a body or a segment.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahel_utils.reading import encoding
from sahel_utils.reading.boilerplate import clean_line, load_vocabulary
from sahel_utils.reading.html import parse_html
from sahel_utils.reading.jsonl import parse_jsonl
from sahel_utils.reading.nexis import parse_nexis
from sahel_utils.reading.pagedump import parse_page_dump

FIXTURES = Path(__file__).parents[1] / "fixtures"
PAGE_FILES = sorted(
    [
        *(FIXTURES / "readers").glob("*_page.txt"),
        *(FIXTURES / "readers" / "other_outlets").glob("*.txt"),
        *(FIXTURES / "layouts").glob("*_lemonde.txt"),
    ]
)
PAGE_FILES = [p for p in PAGE_FILES if "nexis" not in p.name]
PAGES = [p.read_bytes().decode(encoding.detect_encoding(p), "replace") for p in PAGE_FILES]
NEXIS = [
    (FIXTURES / "readers" / "nexis_export.txt").read_text(encoding="utf-8"),
    (FIXTURES / "readers" / "other_outlets" / "nexis_presse_fr.txt").read_text(encoding="utf-8"),
]
JSONL = (FIXTURES / "readers" / "articles.jsonl").read_text(encoding="utf-8")
HTML = (FIXTURES / "readers" / "page.html").read_text(encoding="utf-8")
MARKERS = [
    "Lire aussi : Le Mali et la Russie",
    "Commentaires (3)",
    "Publié le 12 mars 2025 à 10h15",
    "Par Awa Diallo",
    "-----",
    "* * *",
    "1. Mali : un accord",
    "Partager",
    "Source : AFP",
    "MD/ks/APA",
]
CONTROL = st.sampled_from(["\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\ufeff", "\t", "\r"])
FAST = settings(
    max_examples=int(os.environ.get("SAHEL_PROPERTY_EXAMPLES", "25")),
    # The same examples on every run of `make test` (CI must not flip on a new random
    # draw); SAHEL_PROPERTY_RANDOM=1 explores new ones. What exploration found and is not
    # fixed yet stays below as a strict xfail.
    derandomize=os.environ.get("SAHEL_PROPERTY_RANDOM") != "1",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
VOCAB = load_vocabulary()


def lines_of(text: str) -> list[tuple[int, str]]:
    """``(offset, line)`` pairs as ``encoding.iter_lines`` gives them (universal newlines)."""
    out, offset = [], 0
    for raw in io.StringIO(text, newline=""):
        out.append((offset, raw))
        offset += len(raw)
    return out


@st.composite
def mutated(draw, sources: list[str]) -> str:
    """A fixture file with lines deleted, inserted, repeated or spoilt."""
    lines = draw(st.sampled_from(sources)).split("\n")
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, max(len(lines) - 1, 0)))
        action = draw(st.sampled_from(["delete", "insert", "repeat", "control", "marker", "blank"]))
        if action == "delete" and lines:
            del lines[i]
        elif action == "insert":
            lines.insert(i, draw(st.text(max_size=80)))
        elif action == "repeat" and lines:
            lines[i:i] = [lines[i]] * draw(st.integers(1, 3))
        elif action == "control" and lines:
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(CONTROL) + lines[i][at:]
        elif action == "marker":
            lines.insert(i, draw(st.sampled_from(MARKERS)))
        elif action == "blank":
            lines.insert(i, "")
    text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):  # the file decoded with the wrong encoding
        text = text.encode("utf-8").decode("cp1252", errors="replace")
    return text


def _covered_texts(drafts) -> set[str]:
    covered: set[str] = set()
    for d in drafts:
        if d.title:
            covered.add(clean_line(d.title).replace("\t", " "))
        for part in [*d.paragraphs, *(s.text for s in d.segments)]:
            covered.update(clean_line(line).replace("\t", " ") for line in part.split("\n"))
    return covered


def _content(text: str) -> list[str]:
    return [
        clean_line(raw.rstrip("\r\n")).replace("\t", " ")
        for _, raw in lines_of(text)
        if clean_line(raw.rstrip("\r\n"))
    ]


def _offsets_valid(text: str, drafts) -> None:
    for d in drafts:
        for seg in d.segments:
            assert 0 <= seg.start <= seg.end <= len(text), seg
            first = seg.text.split("\n")[0]
            assert text[seg.start : seg.end].split("\n")[0].strip().replace("\t", " ").endswith(
                first
            ) or first in text[seg.start : seg.end].replace("\t", " "), seg
        for start, end in d.paragraph_spans:
            assert 0 <= start <= end <= len(text)


def _lost(text: str, drafts) -> list[str]:
    """Non-blank lines in no title, body or segment (a wrapped headline is joined)."""
    covered = _covered_texts(drafts)
    titles = " ".join(d.title for d in drafts if d.title)
    return [line for line in _content(text) if line not in covered and line not in titles]


def check_page_dump(text: str) -> None:
    drafts = list(parse_page_dump(lines_of(text), VOCAB))
    _offsets_valid(text, drafts)
    lost = _lost(text, drafts)
    assert not lost, lost[:3]


@FAST
@given(st.text(max_size=400))
def test_page_dump_takes_any_text(text):
    check_page_dump(text)


@FAST
@given(st.lists(st.sampled_from([*MARKERS, "", "Un titre court", "x " * 15 + "."]), max_size=30))
def test_page_dump_takes_any_arrangement_of_markers(lines):
    check_page_dump("\n".join(lines))


@FAST
@given(mutated(PAGES))
def test_page_dump_takes_mutated_fixture_files(text):
    check_page_dump(text)


def check_nexis(text: str) -> None:
    drafts = list(parse_nexis(lines_of(text), VOCAB))
    for d in drafts:
        for seg in d.segments:
            assert 0 <= seg.start <= seg.end <= len(text), seg
        for start, end in d.paragraph_spans:
            assert 0 <= start <= end <= len(text)
    lost = _lost(text, drafts)
    assert not lost, lost[:3]


@FAST
@given(mutated(NEXIS))
def test_nexis_takes_mutated_exports(text):
    check_nexis(text)


def test_nexis_loses_no_line_when_a_title_repeats_the_table_of_contents():
    text = (
        "User Name: =\nDate and Time: = 2024-02-04\nJob Number: = 219876543\n"
        "Documents (3)\nClient/Matter: -None-\n"
        "Search Terms: coopération militaire AND Niger\nSearch Type: NaturalAnd\n"
        "Content Type\tNarrowed by\nNews\tLanguage: French\n\n"
        "1. Le Niger et la Turquie signent un accord de formation militaire\n"
        "3. Le Niger et la Turquie signent un accord de formation militaire\n\n"
        "Le Niger et la Turquie signent un accord de formation militaire\n"
        "Agence de Presse Africaine (APA)\nVendredi 11 Novembre 2022\n"
        "Copyright 2022 APA News All Rights Reserved\nByline: Moussa Hamidou\n"
        "Length: 96 words\nBody\n\nNiamey, 11 novembre (APA) - Le ministre.\n\n"
        "Load-Date: November 12, 2022\n\nEnd of Document\n"
    )
    check_nexis(text)
    # the list stopped at item 1 of 3: the block before "Body" is the document's head
    (doc,) = [d for d in parse_nexis(lines_of(text), VOCAB) if d.paragraphs]
    assert doc.title == "Le Niger et la Turquie signent un accord de formation militaire"
    assert doc.outlet == "Agence de Presse Africaine (APA)"
    assert str(doc.published) == "2022-11-11"
    assert doc.author == "Moussa Hamidou"
    assert doc.paragraphs == ["Niamey, 11 novembre (APA) - Le ministre."]


@FAST
@given(st.text(max_size=400))
def test_nexis_takes_any_text(text):
    check_nexis(text)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=60),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
FIELD = st.sampled_from(["title", "text", "date", "outlet", "author", "url", "body", "source"])


def check_jsonl(text: str) -> None:
    try:
        drafts = list(parse_jsonl(lines_of(text), VOCAB))
    except encoding.UnreadableFile:
        return  # UnreadableFile: no line is a JSON object, said so by the reader
    for d in drafts:
        for seg in d.segments:
            assert (seg.start, seg.end) == (-1, -1) or 0 <= seg.start <= seg.end <= len(text)
    records = []
    for _, raw in lines_of(text):
        try:
            record = json.loads(raw)
        except ValueError:
            continue
        if isinstance(record, dict):
            records.append(record)
    read = [d for d in drafts if not d.problem]
    not_read = sum(
        int(d.problem.split(" record(s) not read")[0])
        for d in drafts
        if d.problem and " record(s) not read" in d.problem
    )
    assert len(read) + not_read == len(records)  # every record is read or named
    for d in read:
        assert not (d.outlet or "").startswith("{") and not (d.author or "").startswith("{")


@FAST
@given(st.lists(st.dictionaries(FIELD, JSON_VALUES, max_size=5), max_size=5))
def test_jsonl_takes_records_of_any_types(records):
    check_jsonl("\n".join(json.dumps(r, ensure_ascii=False) for r in records))


@FAST
@given(mutated([JSONL]))
def test_jsonl_takes_mutated_exports(text):
    check_jsonl(text)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated([HTML]))
def test_html_takes_mutated_pages(page):
    for d in parse_html(page, VOCAB):
        for seg in d.segments:
            assert (seg.start, seg.end) == (-1, -1) or 0 <= seg.start <= seg.end <= len(page)
