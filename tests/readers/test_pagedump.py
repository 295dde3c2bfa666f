from pathlib import Path

from sahel_utils.boilerplate import load_vocabulary
from sahel_utils.readers import parse_inputs
from sahel_utils.readers.pagedump import PageDumpParser, parse_page_dump, story_names

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for raw in text.splitlines(keepends=True):
        out.append((offset, raw))
        offset += len(raw)
    return out


def test_two_articles_with_subheading_teaser_and_comments():
    result = parse_inputs([FIXTURES / "two_articles_page.txt"])
    arts = result.articles
    assert list(arts["title"]) == [
        "Sénégal : Dakar et Ankara relancent leur commission mixte de défense",
        "Tchad-Hongrie : Budapest promet des instructeurs à N'Djamena",
    ]
    first, second = arts.iloc[0], arts.iloc[1]
    assert first["published"] == "2024-03-12T10:05"
    assert first["author"] == "Aminata Ndiaye"
    assert "Des formations élargies" in first["text"]  # a subheading stays in the body
    assert "Lire aussi" not in first["text"]
    assert first["text"].rstrip().endswith("entre les états-majors.")
    assert second["author"] == "Idriss Mahamat"
    assert second["text"].rstrip().endswith("par les autorités hongroises.")
    segs = result.segments
    comments = segs[segs["segment_type"] == "comment"]
    assert list(comments["article_id"]) == ["two_articles_page.txt#2"] * 2
    assert set(segs["segment_type"]) >= {"dateline", "byline", "related_teaser", "comment_counter"}


def test_segment_offsets_point_into_the_file():
    path = FIXTURES / "two_articles_page.txt"
    text = path.read_text(encoding="utf-8")
    segs = parse_inputs([path]).segments
    for seg in segs.itertuples():
        assert text[seg.start : seg.end].split("\n")[0] == seg.text.split("\n")[0]


def test_file_starting_with_lead_has_no_title_and_agency_signature_gives_outlet():
    text = (
        "Les ministres de la Défense du Mali et du Niger ont signé jeudi à Niamey un accord "
        "de coopération portant sur la formation et le renseignement.\n\n"
        "La cérémonie s'est déroulée en présence des chefs d'état-major des deux armées.\n\n"
        "MD/ks/APA\n"
    )
    drafts = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert len(drafts) == 1
    assert drafts[0].title is None
    assert drafts[0].outlet == "APA"
    assert "APA" not in drafts[0].text


def test_source_line_gives_outlet_and_url():
    text = (
        "Niger : Niamey et Moscou parlent énergie\n\n"
        "Le Premier ministre nigérien a reçu lundi à Niamey une délégation russe venue "
        "présenter un projet de centrale solaire et de coopération nucléaire civile.\n\n"
        "Source : https://www.rfi.fr/fr/afrique/20240101-niger\n"
    )
    (draft,) = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert draft.outlet == "RFI"
    assert draft.url == "https://www.rfi.fr/fr/afrique/20240101-niger"
    assert [s.segment_type for s in draft.segments] == ["source_line"]


def test_story_names_skip_sentence_openers_and_keep_elided_names():
    vocab = load_vocabulary()
    names = story_names("Le Président du Faso a reçu l'ambassadeur d'Égypte à Ouagadougou.", vocab)
    assert names == {"faso", "egypte", "ouagadougou"}


def test_subheading_followed_by_back_reference_is_not_a_title():
    text = (
        "Mali : Bamako reçoit des hélicoptères russes\n\n"
        "Le ministre malien de la Défense, Sadio Camara, a réceptionné mardi à Bamako deux "
        "hélicoptères de combat livrés par la Russie dans le cadre d'un contrat signé en 2023.\n\n"
        "Une flotte en pleine croissance\n\n"
        "Ces appareils s'ajoutent aux avions livrés l'an dernier à l'armée de l'air malienne, "
        "selon le ministère.\n"
    )
    drafts = [d for d in PageDumpParser(_lines(text)).articles() if d.paragraphs]
    assert len(drafts) == 1
    assert "Une flotte en pleine croissance" in drafts[0].text
