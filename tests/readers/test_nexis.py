from pathlib import Path

from sahel_utils.reading import parse_inputs
from sahel_utils.reading.detect import NEXIS, detect_format

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"
EXPORT = FIXTURES / "nexis_export.txt"


def test_detected_as_nexis():
    assert detect_format(EXPORT.read_text(encoding="utf-8")[:5000]) == NEXIS


def test_each_document_is_an_article_with_its_metadata():
    result = parse_inputs([EXPORT])
    arts = result.articles
    assert list(arts["position"]) == [1, 2, 3]
    assert list(arts["published"]) == ["2022-11-11", "2023-08-08", "2023-09-24"]
    assert list(arts["outlet"]) == [
        "Agence de Presse Africaine (APA)",
        "Daily Sahel Monitor",
        "Le Sahel Hebdo",
    ]
    assert arts.iloc[0]["author"] == "Moussa Hamidou"
    assert arts.iloc[0]["title"] == arts.iloc[2]["title"]  # the same story twice: both kept
    assert list(arts["language"]) == ["fr", "en", "fr"]


def test_body_is_clean_of_clutter_and_metadata():
    arts = parse_inputs([EXPORT]).articles
    for text in arts["text"]:
        for clutter in (
            "LA SUITE APRÈS",
            "LOS/ac/APA",
            "Load-Date",
            "Length:",
            "Copyright",
            "Body",
        ):
            assert clutter not in text
    assert arts.iloc[0]["text"].endswith("au début de l'année prochaine.")


def test_header_and_clutter_kept_as_segments():
    result = parse_inputs([EXPORT])
    segs = result.segments
    header = segs[segs["segment_type"] == "nexis_header"]
    assert len(header) == 1 and header.iloc[0]["article_id"] is None
    assert "Documents (3)" in header.iloc[0]["text"]
    first = segs[segs["article_id"] == "nexis_export.txt#1"]
    assert {"advertisement", "signature", "nexis_metadata"} <= set(first["segment_type"])
    english = [p for p in result.problems if "not in French" in p.reason]
    assert len(english) == 1 and not english[0].skipped
