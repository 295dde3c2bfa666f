"""The pipeline assembly: components, extensions, sentences and offsets."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sahel_utils.annotation.entities import ParagraphBreaks, fold_same_length
from sahel_utils.annotation.extensions import DOC_EXTENSIONS, register_extensions
from sahel_utils.core.normalize import normalize_for_nlp


@pytest.fixture(scope="module")
def nlp():
    from sahel_utils.annotation.nlp import shared_nlp

    return shared_nlp()


def test_register_extensions_is_idempotent():
    register_extensions()
    register_extensions()
    for name in DOC_EXTENSIONS:
        assert Doc.has_extension(name)


def test_paragraph_breaks_start_sentences_on_a_blank_pipeline():
    blank = spacy.blank("fr")
    doc = blank("Un titre sans point\n\nLe texte commence ici")
    doc = ParagraphBreaks()(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert "Le" in starts


def test_fold_same_length_keeps_offsets():
    text = "Ouagadougou, Égypte, N’Guesso"
    folded = fold_same_length(text)
    assert len(folded) == len(text)
    assert folded.startswith("ouagadougou, egypte")


@pytest.mark.slow
def test_pipeline_components(nlp):
    names = nlp.pipe_names
    assert "parser" in nlp.disabled and "parser" not in names  # only for candidate sentences
    assert "senter" in names and "ner" in names
    assert names[0] == "paragraph_breaks"
    assert names.index("gazetteer_ruler") < names.index("sahel_entities")
    assert names.index("gazetteer_exact_ruler") < names.index("sahel_entities")
    assert "domain_ruler" in names


@pytest.mark.slow
def test_headline_is_its_own_sentence(nlp):
    doc = nlp("La coopération se renforce\n\nLe ministre a reçu une délégation hier.")
    assert [s.text.strip() for s in doc.sents][0] == "La coopération se renforce"


@pytest.mark.slow
def test_mention_offsets_index_the_original_text(nlp):
    original = "L’armée malienne et le président sénégalais Bassirou Diomaye Faye s’entendent."
    doc = nlp(normalize_for_nlp(original))
    texts = {original[m["start"] : m["end"]] for m in doc._.mentions}
    assert "malienne" in texts
    assert "Bassirou Diomaye Faye" in texts
    assert not any(t.startswith(("L’", "s’")) or t.endswith("’") for t in texts)


@pytest.mark.slow
def test_mentions_span_group_for_display(nlp):
    doc = nlp("Le président ghanéen John Mahama est arrivé à Lomé.")
    labels = {(s.text, s.label_) for s in doc.spans["mentions"]}
    assert ("John Mahama", "person") in labels
    assert ("ghanéen", "country") in labels


def test_split_gazetteer_patterns_into_phrases():
    from sahel_utils.annotation.nlp import split_gazetteer_patterns

    patterns = [
        {
            "label": "COUNTRY",
            "id": "EGY",
            "pattern": [{"LOWER": {"IN": ["égypte", "egypte"]}, "IS_LOWER": False}],
        },
        {"label": "BLOC", "id": "AES", "pattern": [{"ORTH": {"IN": ["AES"]}}]},
        {
            "label": "BLOC",
            "id": "AES",
            "pattern": [{"LOWER": "pays"}, {"LOWER": "de"}, {"LOWER": "l'"}, {"ORTH": "AES"}],
        },
        {
            "label": "PLACE",
            "id": "Le Caire",
            "pattern": [
                {"LOWER": {"IN": ["le"]}, "IS_LOWER": False, "OP": "?"},
                {"LOWER": {"IN": ["caire"]}, "IS_LOWER": False},
            ],
        },
        {"label": "DEMONYM", "id": "MLI", "pattern": [{"LOWER": {"IN": ["malien"]}}]},
    ]
    grouped = split_gazetteer_patterns(patterns)
    cased = {(p["id"], p["pattern"]) for p in grouped["gazetteer_cased"]}
    assert cased == {
        ("EGY", "égypte"),
        ("EGY", "egypte"),
        ("Le Caire", "le caire"),
        ("Le Caire", "caire"),
    }
    assert grouped["gazetteer_exact"] == [{"label": "BLOC", "pattern": "AES", "id": "AES"}]
    assert {"label": "DEMONYM", "pattern": "malien", "id": "MLI"} in grouped["gazetteer"]
    # mixed attributes cannot be one phrase: kept as a token pattern
    assert patterns[2] in grouped["gazetteer"]


def test_phrase_rulers_match_like_the_token_patterns():
    from sahel_utils.annotation.gazetteer import load_gazetteer
    from sahel_utils.annotation.nlp import split_gazetteer_patterns

    token_nlp, phrase_nlp = spacy.blank("fr"), spacy.blank("fr")
    patterns = load_gazetteer().ruler_patterns(tokenizer=token_nlp.tokenizer, adjectives=True)
    ruler = token_nlp.add_pipe("span_ruler", config={"spans_key": "g", "validate": False})
    ruler.add_patterns(patterns)
    grouped = split_gazetteer_patterns(patterns)
    for key, group in grouped.items():
        attr = "ORTH" if key == "gazetteer_exact" else "LOWER"
        config = {"spans_key": key, "validate": False, "phrase_matcher_attr": attr}
        phrase_nlp.add_pipe("span_ruler", name=key, config=config).add_patterns(group)
    text = normalize_for_nlp(
        "Les pays de l’AES et la République arabe d’Égypte ont reçu Denis Sassou N’Guesso "
        "au Caire ; la Communauté économique des États de l’Afrique de l’Ouest (CEDEAO) "
        "et les Maliens ont salué Le Caire, Maurice et la réunion de maurice."
    )
    token_doc, phrase_doc = token_nlp(text), phrase_nlp(text)
    expected = {(s.start_char, s.end_char, s.label_, s.id_) for s in token_doc.spans["g"]}
    found = {
        (s.start_char, s.end_char, s.label_, s.id_)
        for key in grouped
        for s in phrase_doc.spans[key]
        if not (key == "gazetteer_cased" and s.text.islower())
    }
    assert found == expected
