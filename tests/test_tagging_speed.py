"""Speed-ups of the tagging pipeline that must not change what it finds (issue 15)."""

from __future__ import annotations

import random

import pytest
import spacy
from spacy.pipeline.span_ruler import SpanRuler
from spacy.tokens import Doc

from sahel_utils.annotation.nlp import IndexedPatterns, index_ruler

#: Patterns in the shapes of ``domain_cues.jsonl``: lemma and lower-case lists, POS,
#: and the ``?``, ``*`` and ``+`` operators.
PATTERNS = [
    {"label": "a", "pattern": [{"LEMMA": {"IN": ["accord", "aide"]}}]},
    {"label": "b", "pattern": [{"LEMMA": "accord"}, {"LEMMA": {"IN": ["militaire", "de"]}}]},
    {
        "label": "c",
        "pattern": [
            {"LEMMA": "aide"},
            {"LOWER": {"IN": ["de", "du"]}},
            {"LOWER": "la", "OP": "?"},
            {"LEMMA": "défense"},
        ],
    },
    {
        "label": "d",
        "pattern": [
            {"LEMMA": "soldat"},
            {"POS": "ADJ", "OP": "*"},
            {"POS": "AUX", "OP": "+"},
            {"LEMMA": "former"},
        ],
    },
    {"label": "e", "pattern": [{"POS": "NOUN"}, {"LOWER": {"IN": ["importé", "exporté"]}}]},
    {"label": "none", "pattern": [{"LEMMA": "aide", "POS": "NOUN"}, {"LEMMA": "militaire"}]},
    {"label": "f", "pattern": [{"LEMMA": "accord"}, {"POS": "ADP", "OP": "?"}], "id": "x"},
]
#: Tokens as (word, lemma, POS) drawn at random to make documents.
VOCABULARY = [
    ("accord", "accord", "NOUN"),
    ("aide", "aide", "NOUN"),
    ("aidé", "aide", "VERB"),
    ("militaire", "militaire", "ADJ"),
    ("de", "de", "ADP"),
    ("du", "de", "ADP"),
    ("la", "le", "DET"),
    ("défense", "défense", "NOUN"),
    ("soldats", "soldat", "NOUN"),
    ("jeunes", "jeune", "ADJ"),
    ("ont", "avoir", "AUX"),
    ("été", "être", "AUX"),
    ("formés", "former", "VERB"),
    ("importé", "importer", "VERB"),
    ("Mali", "Mali", "PROPN"),
]


@pytest.fixture(scope="module")
def ruler() -> SpanRuler:
    nlp = spacy.blank("fr")
    component = nlp.add_pipe(
        "span_ruler",
        config={
            "spans_key": "cues",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "overwrite": True,
        },
    )
    component.add_patterns(PATTERNS)
    return component


def _doc(vocab, rng: random.Random, size: int) -> Doc:
    tokens = [rng.choice(VOCABULARY) for _ in range(size)]
    return Doc(
        vocab,
        words=[t[0] for t in tokens],
        lemmas=[t[1] for t in tokens],
        pos=[t[2] for t in tokens],
    )


def test_indexed_patterns_find_what_spacy_matcher_finds(ruler):
    assert IndexedPatterns.supports(ruler.patterns)
    indexed = IndexedPatterns(ruler)
    rng = random.Random(15)
    found = 0
    for size in [0, 1, 2, 3, 5, 8, 13, 40, 200] * 20:
        doc = _doc(ruler.nlp.vocab, rng, size)
        expected = SpanRuler.match(ruler, doc)
        got = indexed(doc)
        key = [(s.start, s.end, s.label_, s.id_) for s in expected]
        assert [(s.start, s.end, s.label_, s.id_) for s in got] == key
        found += len(got)
    assert found > 1000  # the documents did hold cues of every shape


def test_an_indexed_ruler_writes_the_same_spans(ruler):
    rng = random.Random(8)
    docs = [_doc(ruler.nlp.vocab, rng, 60) for _ in range(30)]
    before = [[(s.start, s.end, s.label_) for s in ruler(d).spans["cues"]] for d in docs]
    assert index_ruler(ruler)
    try:
        after = [[(s.start, s.end, s.label_) for s in ruler(d).spans["cues"]] for d in docs]
    finally:
        del ruler.match  # spaCy's matching back for the other tests
    assert after == before


def test_unsupported_patterns_keep_spacy_matching():
    assert not IndexedPatterns.supports([{"label": "a", "pattern": "un texte"}])
    assert not IndexedPatterns.supports([{"label": "a", "pattern": [{"LEMMA": "a", "OP": "?"}]}])
    assert not IndexedPatterns.supports([{"label": "a", "pattern": [{"IS_DIGIT": True}]}])
    assert not IndexedPatterns.supports([{"label": "a", "pattern": [{"LEMMA": {"NOT_IN": ["a"]}}]}])


@pytest.mark.slow
def test_candidate_sentences_parsed_as_spans_of_the_tagged_doc():
    """A passage parsed as a span of the tagged Doc keeps its tokens, tags and lemmas."""
    from sahel_utils.annotation.nlp import shared_nlp
    from sahel_utils.annotation.predicates import parser_nlp

    text = "Un titre.\n\nLa Russie a livré des armes au Mali. Le soutien de la Chine au Niger."
    doc = shared_nlp()(text)
    assert doc.tensor.size  # tok2vec's output, what the parser listens to
    second = text.index("Le soutien")
    bounds = [(text.index("La Russie"), second - 1), (second, len(text))]
    parsed = parser_nlp().parse_spans(doc, bounds)
    assert [d.text.strip() for d in parsed] == [text[a:b] for a, b in bounds]
    assert all(d.has_annotation("DEP") for d in parsed)
    assert parsed[0][2].lemma_ == "avoir" and parsed[0][3].pos_ == "VERB"
    from sahel_utils.annotation.predicates import tagged_doc

    with tagged_doc(text, doc):  # what tagging does around the speakers' parses
        at = parser_nlp().parse_at(text, bounds[0][0], bounds[0][1])
    assert [t.text for t in at] == [t.text for t in parsed[0]]
    alone = parser_nlp().parse_at(text, bounds[0][0], bounds[0][1])  # no Doc: text parsed
    assert [t.text for t in alone] == [t.text for t in parsed[0]]


@pytest.mark.slow
def test_predicate_rows_of_several_articles_at_once_are_those_of_each():
    from sahel_utils.annotation.predicates import predicate_rows, predicate_rows_many

    texts = [
        "La Russie a livré des armes au Mali. Le soutien de la Chine au Niger.",
        "Rien à signaler.",
        "Le Mali et la Turquie ont signé un accord de coopération militaire.",
    ]
    articles = []
    for text in texts:
        mentions = [
            {"start": text.index(name), "end": text.index(name) + len(name)}
            | {"entity_type": "country", "entity_id": name}
            for name in ("Russie", "Mali", "Chine", "Niger", "Turquie")
            if name in text
        ]
        sentences, start = [], 0
        for index, part in enumerate(text.split(". ")):
            sentences.append({"sent_index": index, "start": start, "end": start + len(part)})
            start += len(part) + 2
        articles.append((text, sentences, mentions))
    together = predicate_rows_many(articles)
    assert together == [predicate_rows(*article) for article in articles]
    assert together[0] and not together[1] and together[2]
