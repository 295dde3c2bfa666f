from pathlib import Path

from sahel_utils.reading import parse_inputs

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
GOOD = (
    "Bénin : Cotonou et Paris renouvellent leur accord de défense\n\n"
    "Le ministre béninois de la Défense a signé lundi à Cotonou un nouvel accord de coopération "
    "militaire avec la France, centré sur la formation et la surveillance des frontières.\n"
)


def _bad_files(folder: Path) -> dict[str, str]:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"%PDF-1.7\n\x00\x01\x02binary")
    (folder / "undecodable.txt").write_bytes(b"Texte \x81\x8d\x90 illisible " * 5)
    (folder / "malformed.jsonl").write_text(
        '{"title": "Un", "text": "Le ministre a signé un accord de défense avec son homologue."}\n'
        "{not json\n",
        encoding="utf-8",
    )
    (folder / "all_bad.jsonl").write_text('{"title": broken\n{also broken\n', encoding="utf-8")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "undecodable.txt": "undecodable",
        "all_bad.jsonl": "malformed JSON Lines",
        "malformed.jsonl": "malformed JSON Lines",
    }


def test_each_bad_file_gives_one_message_and_others_parse(tmp_path):
    expected = _bad_files(tmp_path)
    result = parse_inputs([tmp_path])
    by_file: dict[str, list] = {}
    for problem in result.problems:
        by_file.setdefault(problem.file, []).append(problem)
    for name, reason in expected.items():
        assert len(by_file[name]) == 1, by_file[name]
        assert reason in by_file[name][0].reason
        assert name in str(by_file[name][0])
    assert by_file["malformed.jsonl"][0].skipped is False  # its valid line was read
    assert "line 2" in by_file["malformed.jsonl"][0].reason
    for name in ("empty.txt", "binary.txt", "undecodable.txt", "all_bad.jsonl"):
        assert by_file[name][0].skipped is True
    assert set(result.articles["source_file"]) == {"good.txt", "malformed.jsonl"}
    assert "good.txt" in result.files_read and "binary.txt" not in result.files_read


def test_english_file_is_kept_with_its_language():
    result = parse_inputs([FIXTURES / "english_article.txt"])
    assert list(result.articles["language"]) == ["en"]
    (problem,) = result.problems
    assert problem.file == "english_article.txt" and not problem.skipped
    assert "(en)" in problem.reason


def test_raw_files_are_not_written_and_output_is_deterministic(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    first = parse_inputs([tmp_path])
    second = parse_inputs([tmp_path])
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert first.articles.equals(second.articles)
    assert first.segments.equals(second.segments)


def test_only_whitespace_and_missing_file(tmp_path):
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\n\t\n", encoding="utf-8")
    result = parse_inputs([blank, tmp_path / "missing.txt"])
    assert [p.file for p in result.problems] == ["blank.txt", "missing.txt"]
    assert result.articles.empty


LEAD = (
    "Le ministre de la Défense a reçu l'ambassadeur de Russie pour évoquer la coopération "
    "militaire entre les deux pays. "
)


def _odd_files(folder: Path) -> None:
    (folder / "long_line.txt").write_text(
        "Mali : une dépêche sans retour à la ligne\n\n" + LEAD * 3000 + "\n", encoding="utf-8"
    )
    (folder / "only_title.txt").write_text(
        "Burkina : Ouagadougou et Moscou signent un accord nucléaire\n", encoding="utf-8"
    )
    (folder / "only_boilerplate.txt").write_text(
        "Accueil > Politique\nPartager\nFacebook\nWhatsApp\nImprimer\n"
        "Lire aussi : Une autre histoire\n3 commentaires\nLaisser un commentaire\n"
        "Nous utilisons des cookies pour améliorer votre expérience de navigation.\nAccepter\n",
        encoding="utf-8",
    )
    (folder / "tabs_crlf.txt").write_bytes(
        (
            "\tNiger : Niamey et Rome renforcent la formation militaire\r\n\r\n"
            "\tLe ministre nigérien de la Défense a reçu\tson homologue italien pour évoquer "
            "la formation des forces spéciales.\r\n\r\n\t\tPartager\r\n"
        ).encode()
    )


def test_odd_files_give_one_clear_message_each_and_the_rest_parses(tmp_path):
    _odd_files(tmp_path)
    result = parse_inputs([tmp_path])
    by_file: dict[str, list] = {}
    for problem in result.problems:
        by_file.setdefault(problem.file, []).append(problem)
    assert set(by_file) == {"only_title.txt", "only_boilerplate.txt"}
    (title_only,) = by_file["only_title.txt"]
    assert title_only.skipped and "only headline" in title_only.reason
    (boilerplate_only,) = by_file["only_boilerplate.txt"]
    assert boilerplate_only.skipped and "only boilerplate" in boilerplate_only.reason
    arts = result.articles.set_index("source_file")
    assert arts.loc["long_line.txt", "title"] == "Mali : une dépêche sans retour à la ligne"
    assert arts.loc["long_line.txt", "n_words"] == 3000 * len(LEAD.split())
    tabs = arts.loc["tabs_crlf.txt"]
    assert tabs["title"] == "Niger : Niamey et Rome renforcent la formation militaire"
    assert tabs["text"] == (
        "Le ministre nigérien de la Défense a reçu son homologue italien pour évoquer "
        "la formation des forces spéciales."
    )
    segs = result.segments[result.segments["source_file"] == "tabs_crlf.txt"]
    raw = (tmp_path / "tabs_crlf.txt").read_bytes().decode("utf-8")
    for seg in segs.itertuples():
        assert raw[seg.start : seg.end] == seg.text


def test_a_file_with_only_malformed_records_and_a_title_gives_one_message(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"title": "Un titre", "text": ""}\n{broken\n', encoding="utf-8")
    result = parse_inputs([path])
    (problem,) = result.problems
    assert problem.skipped and "malformed JSON Lines" in problem.reason
    assert result.articles.empty
