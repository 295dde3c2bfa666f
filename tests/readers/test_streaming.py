"""Large dumps are read in bounded memory: drafts come out before the input ends."""

import itertools
from collections.abc import Iterator

from sahel_utils.reading.nexis import parse_nexis
from sahel_utils.reading.pagedump import parse_page_dump

NEXIS_DOC = [
    "Le Mali et la Russie signent un accord n°{i}",
    "Le Journal du Sahel",
    "Vendredi 11 Novembre 2022",
    "Copyright 2022 Le Journal du Sahel",
    "Length: 40 words",
    "Body",
    "",
    "Le ministre malien de la Défense a signé à Moscou l'accord numéro {i} avec son "
    "homologue russe sur la formation des officiers.",
    "",
    "Load-Date: November 12, 2022",
    "",
    "End of Document",
    "",
]


def _endless(lines_of_item: list[str], head: list[str]) -> Iterator[tuple[int, str]]:
    """An endless file: the head, then the item repeated forever."""
    offset = 0
    for line in head:
        yield offset, line + "\n"
        offset += len(line) + 1
    for i in itertools.count(1):
        for template in lines_of_item:
            line = template.format(i=i) + "\n"
            yield offset, line
            offset += len(line)


def test_nexis_documents_come_out_one_by_one():
    head = ["User Name: =", "Date and Time: = 2024-02-04", "Documents (1000000)", ""]
    drafts = parse_nexis(_endless(NEXIS_DOC, head))
    articles = [d for d in itertools.islice(drafts, 4) if d.paragraphs]
    assert [d.title for d in articles] == [
        f"Le Mali et la Russie signent un accord n°{i}" for i in (1, 2, 3)
    ]
    assert all(d.published == "2022-11-11" for d in articles)


def test_page_dump_articles_come_out_one_by_one():
    item = [
        "Niger : accord de défense numéro {i} avec la Turquie",
        "",
        "Le ministre nigérien de la Défense a signé à Niamey l'accord numéro {i} avec la "
        "délégation turque venue de Ankara{i}, sur la formation des pilotes de drones.",
        "",
    ]
    drafts = parse_page_dump(_endless(item, []))
    first = list(itertools.islice(drafts, 3))
    assert [d.title for d in first] == [
        f"Niger : accord de défense numéro {i} avec la Turquie" for i in (1, 2, 3)
    ]
