from pathlib import Path

import pytest

from sahel_utils.reading import parse_inputs
from sahel_utils.reading.encoding import MIXED, UnreadableFile, detect_encoding

FIXTURES = Path(__file__).parents[1] / "fixtures" / "readers"


def test_cp1252_file_is_decoded():
    path = FIXTURES / "cp1252_article.txt"
    assert detect_encoding(path) == "cp1252"
    art = parse_inputs([path]).articles.iloc[0]
    assert art["title"].startswith("Mauritanie : Nouakchott")
    assert "L’Espagne fournira" in art["text"]
    assert art["language"] == "fr"


def test_bom_is_not_part_of_the_text():
    path = FIXTURES / "bom_article.txt"
    assert detect_encoding(path) == "utf-8-sig"
    result = parse_inputs([path])
    art = result.articles.iloc[0]
    assert art["title"] == "Côte d’Ivoire : Abidjan accueille un exercice naval avec la France"
    assert "\ufeff" not in art["title"] + art["text"]


def test_utf8_with_invalid_bytes_on_most_lines_is_refused(tmp_path):
    corrupted = tmp_path / "corrupted.txt"
    corrupted.write_bytes("Le ministre a déclaré".encode() + b" \xe9t\xe9 " + b"x" * 20)
    with pytest.raises(UnreadableFile, match="undecodable"):
        detect_encoding(corrupted)


def test_utf8_file_with_a_cp1252_paragraph_is_read_with_one_caveat(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        "Niger : Niamey et Ankara signent un accord de défense\n\n".encode()
        + "Le ministre nigérien de la Défense a signé à Niamey un accord avec la Turquie "
        "sur la formation des officiers.\n\n".encode()
        + "Les premières promotions rejoindront des écoles turques dès la rentrée "
        "prochaine, a précisé le ministère.\n".encode("cp1252")
    )
    assert detect_encoding(mixed) == MIXED
    result = parse_inputs([mixed])
    (problem,) = result.problems
    assert "mixed encodings" in problem.reason and "1 line" in problem.reason
    assert not problem.skipped
    (art,) = result.articles.itertuples()
    assert "Les premières promotions rejoindront des écoles turques" in art.text
    assert art.title == "Niger : Niamey et Ankara signent un accord de défense"


def test_crlf_offsets(tmp_path):
    path = tmp_path / "crlf.txt"
    text = (
        "Guinée : Conakry et Pékin signent un accord\r\n\r\n"
        "Le gouvernement guinéen a signé mercredi à Conakry un accord avec la Chine sur la "
        "formation des militaires et la construction d'une école de gendarmerie.\r\n\r\n"
        "Commentaires (0)\r\n"
    )
    path.write_bytes(text.encode("utf-8"))
    result = parse_inputs([path])
    seg = result.segments.iloc[0]
    assert text[seg.start : seg.end] == "Commentaires (0)"
    assert "\r" not in result.articles.iloc[0]["text"]
