"""The parse route of dyads (issue 8): the ``predicates`` table and how relations reads it.

Fast cases give the ``predicates`` rows by hand (what the parser would say of the
sentence) and assert the dyad rows; slow cases run the model's parser
(:mod:`sahel_utils.annotation.predicates`) on made-up sentences and assert the roles.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from sahel_utils.core import tables
from sahel_utils.relations.dyads import extract_dyads
from sahel_utils.relations.dyads import options as dyads_options
from tests.test_dyads import ARTICLE, make_tables

PUBLISHED = "2025-04-03"  # the article date make_tables gives


def parsed_tables(
    text: str,
    predicates: dict[str, dict],
    roles: dict[str, dict[str, tuple[str, str]]],
    timex: dict[str, str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Tagging tables plus ``predicates`` rows written by hand.

    Args:
        text: The article (one sentence per line or end mark).
        predicates: predicate word -> ``{"lemma", "pos", "tense", "mood", "verb_form"}``.
        roles: predicate word -> {mention text: (role, case[, via])}; unlisted mentions:
            ``none``.
        timex: Time expressions (surface -> value).

    """
    out = make_tables(text, timex=timex)
    sentences = out["sentences"]
    rows = []
    for word, info in predicates.items():
        start = text.index(word)
        sentence = sentences[(sentences.start <= start) & (sentences.end > start)].iloc[0]
        for mention in out["mentions"].itertuples(index=False):
            if not sentence.start <= mention.start < sentence.end:
                continue
            role, case, *via = roles.get(word, {}).get(mention.text, ("none", ""))
            rows.append(
                {
                    "article_id": ARTICLE,
                    "sent_index": int(sentence.sent_index),
                    "start": start,
                    "end": start + len(word),
                    "lemma": info.get("lemma", word),
                    "pos": info.get("pos", "VERB"),
                    "tense": info.get("tense"),
                    "mood": info.get("mood"),
                    "verb_form": info.get("verb_form"),
                    "mention_start": int(mention.start),
                    "mention_end": int(mention.end),
                    "role": role,
                    "via": via[0] if via else "",
                    "case": case,
                }
            )
    out["predicates"] = tables.validate("predicates", pd.DataFrame(rows))
    return out


def cooperation(dyads: pd.DataFrame, modality: str | None = None) -> set[tuple[str, str]]:
    selected = dyads[dyads.relation == "cooperation"]
    if modality is not None:
        selected = selected[selected.modality == modality]
    return set(zip(selected.actor_a, selected.actor_b, strict=True))


PRESENT = {"tense": "Pres", "mood": "Ind", "verb_form": "Fin"}
PASSE_COMPOSE = {"tense": "Pres", "mood": "Ind", "verb_form": "Part"}
SIMPLE_PAST = {"tense": "Past", "mood": "Ind", "verb_form": "Fin"}
CONDITIONAL = {"tense": "Pres", "mood": "Cnd", "verb_form": "Fin"}

# (name, text, predicates, roles, expected cooperation pairs, pairs that must be absent)
ROLE_CASES = [
    (
        "possessive: the genitive is the giver, the 'à' complement the receiver",
        "Le soutien de la Russie au Mali face à la France.",
        {"soutien": {"lemma": "soutien", "pos": "NOUN"}},
        {"soutien": {"Russie": ("nmod", "de"), "Mali": ("nmod", "au")}},
        {("MLI", "RUS")},
        {("FRA", "MLI"), ("FRA", "RUS")},
    ),
    (
        "relative clause: the noun it hangs on is the subject",
        "Le Niger, qui coopère avec la Turquie, dénonce la France.",
        {"coopère": {"lemma": "coopérer", **PRESENT}},
        {"coopère": {"Niger": ("nsubj", ""), "Turquie": ("obl", "avec")}},
        {("NER", "TUR")},
        {("FRA", "TUR"), ("FRA", "NER")},
    ),
    (
        "complements of two different cases are no reciprocal pair",
        "Les relations entre la France et le Mali se sont dégradées à cause de la Russie.",
        {"relations": {"lemma": "relation", "pos": "NOUN"}},
        {
            "relations": {
                "France": ("nmod", "entre"),
                "Mali": ("nmod", "entre"),
                "Russie": ("obl", "a cause de"),
            }
        },
        {("FRA", "MLI")},
        {("FRA", "RUS"), ("MLI", "RUS")},
    ),
    (
        "a nested mention's case is its argument's: 'des armes au Tchad' is no genitive",
        "La Russie livre des armes au Tchad.",
        {"livre": {"lemma": "livre", "pos": "NOUN"}},
        {"livre": {"Russie": ("nsubj", ""), "Tchad": ("nmod", "des", "nested")}},
        {("RUS", "TCD")},
        set(),
    ),
    (
        "passive: the state of what is sent is its sender",
        "Des soldats de la Russie sont déployés au Mali.",
        {"déployés": {"lemma": "déployer", **PRESENT}},
        {"déployés": {"Russie": ("nsubj_pass", "de", "nested"), "Mali": ("obl", "au")}},
        {("MLI", "RUS")},
        set(),
    ),
    (
        "passive: a demonym qualifying the passive subject is its sender",
        "Au Mali, où un bataillon russe est déployé, la France dénonce un accord.",
        {"déployé": {"lemma": "déployer", **PRESENT}},
        {"déployé": {"russe": ("nsubj_pass", ""), "Mali": ("iobj", "")}},
        {("MLI", "RUS")},
        {("FRA", "MLI"), ("FRA", "RUS")},
    ),
    (
        "passive: with an agent, the state of the passive subject is the receiver",
        "Des soldats du Mali sont formés par la Russie.",
        {"formés": {"lemma": "former", **PRESENT}},
        {"formés": {"Mali": ("nsubj_pass", "du", "nested"), "Russie": ("agent", "par")}},
        {("MLI", "RUS")},
        set(),
    ),
    (
        "a noun with a subject of its own and no other complement: its genitive is the object",
        "Des officiers de la France participent à la formation des soldats du Niger.",
        {"formation": {"lemma": "formation", "pos": "NOUN"}},
        {"formation": {"France": ("nsubj", "de", "governor"), "Niger": ("nmod", "des")}},
        {("FRA", "NER")},
        set(),
    ),
    (
        "possessor of a listed noun: 'X et ses alliés de Y'",
        "Le Mali et ses alliés du Niger ont rappelé leurs ambassadeurs en Algérie.",
        {"alliés": {"lemma": "allié", "pos": "NOUN"}},
        {"alliés": {"Mali": ("nsubj", "", "conj"), "Niger": ("nmod", "du")}},
        {("MLI", "NER")},
        {("DZA", "MLI"), ("DZA", "NER")},
    ),
    (
        "a locative relative: the noun it hangs on is a place, the inverted noun its subject",
        "Le Burkina Faso observe le Mali, où opère la Russie.",
        {"opère": {"lemma": "opérer", **PRESENT}},
        {"opère": {"Mali": ("obl", "", "relcl"), "Russie": ("nsubj", "")}},
        {("MLI", "RUS")},
        {("BFA", "MLI"), ("BFA", "RUS")},
    ),
]


@pytest.mark.parametrize(
    ("text", "predicates", "roles", "expected", "absent"),
    [case[1:] for case in ROLE_CASES],
    ids=[case[0] for case in ROLE_CASES],
)
def test_parse_roles_decide_the_pair(text, predicates, roles, expected, absent):
    dyads = extract_dyads(parsed_tables(text, predicates, roles))
    tables.validate("dyads", dyads)
    found = cooperation(dyads)
    assert expected <= found
    assert not (absent & found)


# (name, morphology of "livre", own time expression, expected date)
DATE_CASES = [
    ("present: the article's date", PRESENT, None, PUBLISHED),
    ("passé composé: the article's date", PASSE_COMPOSE, None, PUBLISHED),
    ("simple past: no date", SIMPLE_PAST, None, None),
    ("the sentence's own date first", PRESENT, {"en mars 2024": "2024-03"}, "2024-03"),
]


@pytest.mark.parametrize(
    ("morph", "timex", "expected"),
    [case[1:] for case in DATE_CASES],
    ids=[case[0] for case in DATE_CASES],
)
def test_present_tense_reports_take_the_article_date(morph, timex, expected):
    text = "La Russie livre des armes au Mali" + (" en mars 2024." if timex else ".")
    tagged = parsed_tables(
        text,
        {"livre": {"lemma": "livrer", **morph}},
        {"livre": {"Russie": ("nsubj", ""), "Mali": ("obl", "au")}},
        timex=timex,
    )
    dyads = extract_dyads(tagged)
    row = dyads[(dyads.actor_a == "MLI") & (dyads.actor_b == "RUS")].iloc[0]
    assert row.date == expected


def test_without_parse_rows_no_date_is_guessed():
    dyads = extract_dyads(make_tables("La Russie livre des armes au Mali."))
    assert dyads.date.isna().all()


@pytest.mark.parametrize(
    ("morph", "modality"),
    [(CONDITIONAL, "planned"), ({"tense": "Fut", "mood": "Ind"}, "planned"), (PRESENT, "reported")],
    ids=["conditional", "future", "present"],
)
def test_conditional_and_future_verbs_are_planned(morph, modality):
    # the parse's tense and mood alone decide: the word has no future or conditional
    # ending the lexical rule sees (which now also reads "soutiendrait", "enverra")
    text = "La Russie soutient le Mali."
    tagged = parsed_tables(
        text,
        {"soutient": {"lemma": "soutenir", **morph}},
        {"soutient": {"Russie": ("nsubj", ""), "Mali": ("obj", "")}},
    )
    assert cooperation(extract_dyads(tagged), modality) == {("MLI", "RUS")}


def test_lexical_rules_when_the_parse_is_off(monkeypatch):
    text = "Le soutien de la Russie au Mali face à la France."
    tagged = parsed_tables(
        text,
        {"soutien": {"lemma": "soutien", "pos": "NOUN"}},
        {"soutien": {"Russie": ("nmod", "de"), "Mali": ("nmod", "au")}},
    )
    monkeypatch.setattr(dyads_options, "USE_PARSE", False)
    without = extract_dyads(tagged)
    assert without.drop(columns="date").equals(
        extract_dyads({k: v for k, v in tagged.items() if k != "predicates"}).drop(columns="date")
    )


def test_a_directional_predicate_without_parsed_subject_takes_it_from_positions(monkeypatch):
    # the parse finds the places visited ("obl") but its subject is a pronoun ("l'")
    text = "Une tournée du gouvernement du Mali l'a conduit en Algérie et au Niger."
    tagged = parsed_tables(
        text,
        {"conduit en": {"lemma": "conduire", **PASSE_COMPOSE}},
        {"conduit en": {"Algérie": ("obl", "en"), "Niger": ("obl", "en", "conj")}},
    )
    assert {("DZA", "MLI"), ("MLI", "NER")} <= cooperation(extract_dyads(tagged))
    monkeypatch.setattr(dyads_options, "LEXICAL_SUBJECT_FOR_PARSE", False)
    assert not {("DZA", "MLI"), ("MLI", "NER")} & cooperation(extract_dyads(tagged))


# --- the parser itself (loads fr_core_news_md) -------------------------------------------

NAMES = ("Russie", "Mali", "Turquie", "Niger", "France", "Algérie", "Chine", "Sénégal")


def parse(text: str) -> list[dict]:
    from sahel_utils.annotation.predicates import predicate_rows

    mentions = [
        {"start": m.start(), "end": m.end(), "entity_type": "country", "entity_id": m.group()}
        for name in NAMES
        for m in re.finditer(name, text)
    ]
    rows = predicate_rows(text, [{"sent_index": 0, "start": 0, "end": len(text)}], mentions)
    for row in rows:
        row["mention"] = text[row["mention_start"] : row["mention_end"]]
        row["predicate"] = text[row["start"] : row["end"]]
    return rows


def role_of(rows: list[dict], predicate: str, mention: str) -> tuple[str, str]:
    row = next(r for r in rows if r["predicate"] == predicate and r["mention"] == mention)
    return row["role"], row["case"]


@pytest.mark.slow
def test_parser_reads_a_possessive_predicate_noun():
    rows = parse("Le soutien de la Russie au Mali s'est renforcé.")
    assert role_of(rows, "soutien", "Russie") == ("nmod", "de")
    assert role_of(rows, "soutien", "Mali")[0] in ("nmod", "obl")


@pytest.mark.slow
def test_parser_gives_subject_object_and_tense():
    rows = parse("La Russie a livré des armes au Mali.")
    assert role_of(rows, "livré", "Russie")[0] == "nsubj"
    assert role_of(rows, "livré", "Mali")[0] in ("obl", "iobj", "obj")
    row = next(r for r in rows if r["predicate"] == "livré")
    assert (row["tense"], row["mood"], row["verb_form"]) == ("Pres", "Ind", "Part")


@pytest.mark.slow
def test_parser_climbs_to_the_governing_verb():
    rows = parse("Le Mali pourrait signer un accord avec la Russie.")
    assert role_of(rows, "accord", "Mali")[0] == "nsubj"
    accord = next(r for r in rows if r["predicate"] == "accord")
    assert accord["mood"] == "Cnd"


@pytest.mark.slow
def test_parser_resolves_a_relative_clause_subject():
    rows = parse("Le Niger, qui a signé un accord avec la Turquie, a expulsé la France.")
    assert role_of(rows, "signé", "Niger")[0] == "nsubj"
    assert role_of(rows, "signé", "France")[0] == "none"


@pytest.mark.slow
def test_only_candidate_sentences_are_parsed():
    # one actor and no pair reference: nothing to parse
    assert parse("La Russie a livré des armes.") == []
    # two actors but no cue
    assert parse("La Russie et le Mali sont de grands pays.") == []


@pytest.mark.slow
def test_parser_reads_the_possessor_of_a_listed_noun():
    rows = parse("Le Mali et ses alliés du Niger ont rappelé leurs ambassadeurs en Algérie.")
    assert role_of(rows, "alliés", "Mali")[0] == "nsubj"
    assert role_of(rows, "alliés", "Niger") == ("nmod", "du")
    assert role_of(rows, "alliés", "Algérie")[0] == "none"


@pytest.mark.slow
def test_parser_reads_the_inverted_subject_of_a_relative_clause():
    rows = parse(
        "Il a parlé à l'issue d'une audience qu'a accordée le président de la Turquie à "
        "l'envoyé de la France."
    )
    assert role_of(rows, "accordée", "Turquie")[0] == "nsubj"
    assert role_of(rows, "accordée", "France") == ("obl", "a")


@pytest.mark.slow
def test_parser_gives_a_reflexive_verb_and_its_controller():
    # the predicate is the verb, not the clitic "se"; an infinitive adverbial clause takes
    # the subject of the verb it hangs on
    rows = parse("Le chef de l'Etat de la Turquie est parti lundi pour se rendre au Sénégal.")
    assert role_of(rows, "rendre", "Turquie")[0] == "nsubj"
    assert role_of(rows, "rendre", "Sénégal") == ("obl", "au")


@pytest.mark.slow
def test_parser_reads_endowing():
    rows = parse("La France vient de doter le Niger d'un centre de formation.")
    assert role_of(rows, "doter", "France")[0] == "nsubj"
    assert role_of(rows, "doter", "Niger")[0] == "obj"


@pytest.mark.slow
def test_parser_reads_a_locative_relative_with_an_inverted_subject():
    rows = parse(
        "Le Sénégal a suivi le Mali, pays voisin, où opère le groupe paramilitaire de la Russie."
    )
    assert role_of(rows, "opère", "Mali")[0] == "obl"
    assert role_of(rows, "opère", "Russie")[0] == "nsubj"
