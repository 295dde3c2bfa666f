from pathlib import Path

from sahel_utils.reading import parse_inputs
from sahel_utils.reading.boilerplate import load_vocabulary
from sahel_utils.reading.pagedump import PageDumpParser, parse_page_dump, story_names

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


def test_date_only_line_and_byline_with_separator_in_the_head():
    text = (
        "Togo : Lomé et Washington lancent un exercice maritime\n\n"
        "Mardi 12 mars 2024 à 10h05\n\n"
        "Par Komi Agbeko - Lomé\n\n"
        "Les marines togolaise et américaine ont lancé lundi au large de Lomé un exercice "
        "conjoint de lutte contre la piraterie dans le golfe de Guinée.\n\n"
        "Photo : marine togolaise\n"
    )
    (draft,) = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert draft.title == "Togo : Lomé et Washington lancent un exercice maritime"
    assert draft.published == "2024-03-12T10:05"
    assert draft.author == "Komi Agbeko"
    assert [s.segment_type for s in draft.segments] == ["dateline", "byline", "photo_caption"]
    assert draft.text.startswith("Les marines togolaise")


def test_site_name_before_the_title_and_teaser_headline_on_its_own_line():
    text = (
        "Sahel Hebdo - toute l'actualité du Sahel\n\n"
        "Niger : Niamey et Ankara renforcent leur coopération sécuritaire\n\n"
        "Le ministre nigérien de la Défense a reçu jeudi à Niamey une délégation turque venue "
        "discuter de la livraison de drones et de la formation des pilotes.\n\n"
        "Lire aussi :\n"
        "Niger : l'armée reçoit de nouveaux blindés\n\n"
        "Les deux parties ont convenu d'organiser une commission mixte avant la fin de l'année, "
        "selon un communiqué du ministère nigérien de la Défense.\n\n"
        "La délégation turque a également visité la base aérienne de Niamey, où des techniciens "
        "turcs assurent déjà la maintenance de plusieurs appareils.\n\n"
        "(AFP)\n"
    )
    drafts = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert len(drafts) == 1
    draft = drafts[0]
    assert draft.title == "Niger : Niamey et Ankara renforcent leur coopération sécuritaire"
    assert draft.outlet == "AFP"
    assert "blindés" not in draft.text and "Sahel Hebdo" not in draft.text
    assert draft.text.endswith("plusieurs appareils.")
    kinds = [s.segment_type for s in draft.segments]
    assert kinds == ["header_line", "related_teaser", "signature"]


def test_first_line_headline_before_a_short_place_line():
    text = (
        "Mali : Bamako accueille un sommet sur la sécurité\n\n"
        "Bamako, 12 mars\n\n"
        "Les chefs d'état-major des pays de l'AES se sont réunis mardi à Bamako pour "
        "coordonner leurs opérations contre les groupes armés.\n"
    )
    (draft,) = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert draft.title == "Mali : Bamako accueille un sommet sur la sécurité"
    assert draft.text.startswith("Les chefs d'état-major")


def test_date_printed_above_the_next_headline_belongs_to_the_next_article():
    text = (
        "Mali : Bamako et Moscou signent un accord nucléaire\n\n"
        "Le gouvernement malien a signé lundi à Moscou un accord avec Rosatom pour la "
        "construction d'une centrale nucléaire civile près de Bamako.\n\n"
        "12 mars 2024\n\n"
        "Tchad : N'Djamena reçoit des instructeurs hongrois\n\n"
        "Une cinquantaine d'instructeurs hongrois sont arrivés jeudi à N'Djamena pour former "
        "des unités de l'armée tchadienne, a annoncé Budapest.\n"
    )
    drafts = [d for d in parse_page_dump(_lines(text)) if d.paragraphs]
    assert [d.published for d in drafts] == [None, "2024-03-12"]
    assert [s.segment_type for s in drafts[1].segments] == ["dateline"]
