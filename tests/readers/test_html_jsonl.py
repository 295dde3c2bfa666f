from pathlib import Path

from sahel_utils.reading import parse_inputs

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


def test_html_page_through_trafilatura():
    arts = parse_inputs([FIXTURES / "page.html"]).articles
    assert len(arts) == 1
    art = arts.iloc[0]
    assert art["title"] == "Mali : Bamako et Ankara signent un accord sur les drones"
    assert art["author"] == "Kadiatou Traoré"
    assert art["published"] == "2024-05-14"
    assert art["url"] == "https://www.example-sahel-actu.net/mali-ankara-drones"
    assert art["text"].startswith("Le gouvernement malien a signé lundi")
    assert "Accueil" not in art["text"] and "droits réservés" not in art["text"]


def test_jsonl_records_and_field_aliases():
    result = parse_inputs([FIXTURES / "articles.jsonl"])
    arts = result.articles
    assert list(arts["title"]) == [
        "Burkina : Ouagadougou et Moscou ouvrent une maison russe",
        "Niger : Niamey reçoit une délégation iranienne",
    ]
    assert list(arts["published"]) == ["2024-06-02", "2024-07-19T16:45"]
    assert arts.iloc[0]["outlet"] == "Burkina Info"
    assert arts.iloc[1]["outlet"] == "RFI"  # from the URL's domain
    assert "Lire aussi" not in arts.iloc[0]["text"] and "Source" not in arts.iloc[0]["text"]
    segs = result.segments
    assert set(segs["segment_type"]) == {"related_teaser", "source_line"}
    raw = (FIXTURES / "articles.jsonl").read_text(encoding="utf-8")
    teaser = segs[segs["segment_type"] == "related_teaser"].iloc[0]
    assert raw[teaser.start : teaser.end] == teaser.text
    assert result.problems == []
