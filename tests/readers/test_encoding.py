from pathlib import Path

import pytest

from sahel_utils.readers import parse_inputs
from sahel_utils.readers.encoding import UnreadableFile, detect_encoding

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


def test_latin1_accents_and_utf8_mix_is_refused(tmp_path):
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes("Le ministre a déclaré".encode() + b" \xe9t\xe9 " + b"x" * 20)
    with pytest.raises(UnreadableFile, match="undecodable"):
        detect_encoding(mixed)


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
