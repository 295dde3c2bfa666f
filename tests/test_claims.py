"""Claims: extraction from tagged tables, clustering, verdicts, notebook views."""

from __future__ import annotations

import pandas as pd
import pytest

from sahel_utils.analysis import claims_views as views
from sahel_utils.core.tables import SCHEMAS
from sahel_utils.relations.claims import extract_claims
from sahel_utils.relations.claims.dates import disjoint, interval, nested, shift_years
from sahel_utils.relations.claims.extract import extract_all
from sahel_utils.relations.claims.vocab import fold_same_length, load_vocab


def _tables(texts: dict[str, str], mentions=(), timex=(), quotes=(), reuse=None) -> dict:
    """Tables as the build gives them, with offsets found from surface forms."""
    articles = pd.DataFrame(
        {
            "article_id": list(texts),
            "source_file": [a.split("#")[0] for a in texts],
            "outlet": [f"Outlet {a[0].upper()}" for a in texts],
            "published": [None] * len(texts),
            "text": list(texts.values()),
        }
    )

    def locate(article_id: str, surface: str) -> tuple[int, int]:
        start = texts[article_id].index(surface)
        return start, start + len(surface)

    mention_rows = []
    for article_id, surface, etype, eid, country in mentions:
        start, end = locate(article_id, surface)
        mention_rows.append((article_id, start, end, surface, etype, eid, country, "rule"))
    timex_rows = []
    for article_id, surface, value in timex:
        start, end = locate(article_id, surface)
        timex_rows.append((article_id, start, end, surface, value, None))
    quote_rows = []
    for article_id, surface, speaker in quotes:
        start, end = locate(article_id, surface)
        quote_rows.append((article_id, start, end, surface, speaker, None))
    return {
        "articles": articles,
        "mentions": pd.DataFrame(
            mention_rows,
            columns=[
                "article_id",
                "start",
                "end",
                "text",
                "entity_type",
                "entity_id",
                "country",
                "source",
            ],
        ),
        "timex": pd.DataFrame(
            timex_rows, columns=["article_id", "start", "end", "text", "value", "anchor"]
        ),
        "quotes": pd.DataFrame(
            quote_rows, columns=["article_id", "start", "end", "text", "speaker", "cue"]
        ),
        "reuse": reuse
        if reuse is not None
        else pd.DataFrame(columns=["article_a", "article_b", "relation", "score"]),
    }


def _clusters(claims: pd.DataFrame, kind: str) -> list[tuple[frozenset, str, object]]:
    """(articles, verdict, field) of clusters of ``kind`` with two or more articles."""
    out = []
    for _, group in claims[claims["kind"] == kind].groupby("cluster_id"):
        if group["article_id"].nunique() >= 2:
            field = group["field"].dropna()
            out.append(
                (
                    frozenset(group["article_id"]),
                    group["verdict"].iloc[0],
                    field.iloc[0] if len(field) else None,
                )
            )
    return out


# ----------------------------------------------------------------------- dates and vocabulary


def test_intervals_nest_and_conflict() -> None:
    month, day, year = interval("2025-08"), interval("2025-08-14"), interval("2023")
    assert nested(month, day) and not disjoint(month, day)
    assert disjoint(year, month)
    assert interval("2020/2023") == (interval("2020")[0], interval("2023")[1])
    assert interval("2025-06-23T07:31") == interval("2025-06-23")
    assert interval(None) is None and interval("PRESENT_REF") is None
    assert shift_years("2025-07", -1) == "2024-07" and shift_years("2024-02-29", 1) == "2025-02-28"


def test_vocabulary_phrases_match_folded_text() -> None:
    vocab = load_vocab()
    folded = fold_same_length("Le président s’était déjà rendu à Moscou pour une Réunion")
    assert len(folded) == len("Le président s’était déjà rendu à Moscou pour une Réunion")
    found = [m.group(0) for m in vocab.events["meeting"].finditer(folded)]
    assert "s'etait deja rendu" in found and "reunion" in found


# ----------------------------------------------------------------------- numbers

TOLL_A = (
    "Au Mali, les groupes jihadistes armés ont fait des milliers de morts depuis dix "
    "ans de conflit."
)
TOLL_B = (
    "Les groupes jihadistes armés, qui ont fait des dizaines de milliers de morts au "
    "Mali, reculent dans ce conflit."
)
TOLL_C = (
    "Au Mali, les groupes jihadistes armés ont fait plusieurs milliers de morts dans "
    "ce long conflit."
)


def test_vague_quantities_are_ranges_and_disjoint_ranges_conflict() -> None:
    tables = _tables(
        {"a#1": TOLL_A, "b#1": TOLL_B},
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    claims = extract_claims(tables)
    numbers = claims[claims["kind"] == "number"]
    assert set(numbers["value"]) == {"1000/9999", "10000/99999"}
    assert _clusters(claims, "number") == [(frozenset({"a#1", "b#1"}), "conflicting", "value")]


def test_overlapping_ranges_corroborate() -> None:
    tables = _tables(
        {"a#1": TOLL_A, "c#1": TOLL_C},
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("c#1", "Mali", "country", "MLI", "MLI"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "c#1"}), "corroborated", None)
    ]


def test_number_words_and_references() -> None:
    text = (
        "Cinq accords de coopération ont été signés mardi entre les trois pays et une "
        "douzaine de soldats."
    )
    claims = [c for c in extract_all(_tables({"a#1": text})) if c.kind == "number"]
    values = {(c.subtype, c.value) for c in claims}
    assert ("agreements", "5") in values
    assert ("troops", "10/14") in values
    assert all(c.value != "3" for c in claims)  # "les trois pays" is a reference, not a count


# ----------------------------------------------------------------------- attributes

FORMED_A = "Il faut rappeler que l'AES, formée en 2023, a pris ses distances avec Paris."
FORMED_B = "Le ministre a rappelé qu'en juillet, l'AES a célébré sa première année d'existence."
FORMED_C = "Les trois pays ont quitté en janvier la Cedeao pour former l'AES, selon le communiqué."
FORMED_D = "L'AES, créée en septembre 2023 par trois États, renforce sa force unifiée."


def _aes(article_id: str) -> tuple:
    return (article_id, "AES", "bloc", "AES", None)


def test_formation_dates_follow_the_cues_and_conflict() -> None:
    tables = _tables(
        {"a#1": FORMED_A, "b#1": FORMED_B, "c#1": FORMED_C},
        mentions=[
            _aes("a#1"),
            _aes("b#1"),
            _aes("c#1"),
            ("c#1", "Cedeao", "organization", "ECOWAS", None),
        ],
        timex=[("b#1", "en juillet", "2025-07"), ("c#1", "en janvier", "2025-01")],
    )
    claims = extract_claims(tables)
    formed = claims[(claims["kind"] == "attribute") & (claims["subtype"] == "formed")]
    assert dict(zip(formed["article_id"], formed["value"], strict=False)) == {
        "a#1": "2023",
        "b#1": "2024-07",
        "c#1": "2025-01",
    }
    assert _clusters(claims, "attribute") == [
        (frozenset({"a#1", "b#1", "c#1"}), "conflicting", "date")
    ]


def test_vaguer_date_containing_precise_one_agrees() -> None:
    tables = _tables(
        {"a#1": FORMED_A, "d#1": FORMED_D},
        mentions=[_aes("a#1"), _aes("d#1")],
        timex=[("d#1", "en septembre 2023", "2023-09")],
    )
    assert _clusters(extract_claims(tables), "attribute") == [
        (frozenset({"a#1", "d#1"}), "corroborated", None)
    ]


# ----------------------------------------------------------------------- events

MEET_A = (
    "Deux mois plus tard, en août 2025, une réunion de haut niveau avait rassemblé "
    "des représentants militaires russes et maliens."
)
MEET_B = (
    "Les ministres de la Défense du Mali et de la Russie ont tenu, jeudi 14 août à "
    "Moscou, des consultations militaires de haut niveau."
)
MEET_C = (
    "En mars 2024, une réunion de haut niveau avait rassemblé des représentants "
    "militaires russes et maliens à Bamako."
)


def _meeting_tables(reuse=None) -> dict:
    return _tables(
        {"a#1": MEET_A, "b#1": MEET_B, "c#1": MEET_C},
        mentions=[
            ("a#1", "russes", "country", "RUS", "RUS"),
            ("a#1", "maliens", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Russie", "country", "RUS", "RUS"),
            ("b#1", "Moscou", "country", "RUS", "RUS"),
            ("c#1", "russes", "country", "RUS", "RUS"),
            ("c#1", "maliens", "country", "MLI", "MLI"),
        ],
        timex=[
            ("a#1", "en août 2025", "2025-08"),
            ("b#1", "jeudi 14 août", "2025-08-14"),
            ("c#1", "En mars 2024", "2024-03"),
        ],
        reuse=reuse,
    )


def test_events_cluster_on_actors_and_compatible_dates() -> None:
    clusters = _clusters(extract_claims(_meeting_tables()), "event")
    assert clusters == [(frozenset({"a#1", "b#1"}), "corroborated", None)]


def test_rewrites_count_as_one_source() -> None:
    reuse = pd.DataFrame(
        {"article_a": ["a#1"], "article_b": ["b#1"], "relation": ["rewrite"], "score": [0.2]}
    )
    clusters = _clusters(extract_claims(_meeting_tables(reuse)), "event")
    assert clusters == [(frozenset({"a#1", "b#1"}), "single_source", None)]


# ----------------------------------------------------------------------- quotes

Q_A = (
    "Le ministre Abdoulaye Diop a salué une coopération qui « se déroule bien sur le "
    "terrain » avec Moscou."
)
Q_B = (
    "Selon Abdoulaye Diop, la coopération « se déroule bien sur le terrain », a-t-il dit à Moscou."
)
LONG = "nos militaires coopèrent de manière active avec les soldats du pays"
Q_D = f"Le ministre Sergueï Lavrov a déclaré : « {LONG} », à Moscou."
Q_E = f"« {LONG} », a assuré le porte-parole Moussa Traoré devant la presse."


def test_same_quote_corroborates_and_other_speaker_conflicts() -> None:
    quote = "se déroule bien sur le terrain"
    same = _tables(
        {"a#1": Q_A, "b#1": Q_B},
        quotes=[("a#1", quote, "Abdoulaye Diop"), ("b#1", quote, "Abdoulaye Diop")],
    )
    assert _clusters(extract_claims(same), "quote") == [
        (frozenset({"a#1", "b#1"}), "corroborated", None)
    ]
    other = _tables(
        {"d#1": Q_D, "e#1": Q_E},
        quotes=[("d#1", LONG, "Sergueï Lavrov"), ("e#1", LONG, "Moussa Traoré")],
    )
    assert _clusters(extract_claims(other), "quote") == [
        (frozenset({"d#1", "e#1"}), "conflicting", "speaker")
    ]


def test_short_quote_needs_the_same_speaker() -> None:
    quote = "se déroule bien sur le terrain"
    text = (
        "Le porte-parole Moussa Traoré a estimé que l'opération « se déroule bien sur le "
        "terrain » au nord."
    )
    tables = _tables(
        {"a#1": Q_A, "c#1": text},
        quotes=[("a#1", quote, "Abdoulaye Diop"), ("c#1", quote, "Moussa Traoré")],
    )
    assert _clusters(extract_claims(tables), "quote") == []


# ----------------------------------------------------------------------- table shape and views


def test_claims_table_fits_the_schema_and_empty_input_is_handled() -> None:
    claims = extract_claims(_meeting_tables())
    SCHEMAS["claims"].validate(claims)
    assert claims.groupby(["cluster_id", "article_id"]).size().max() == 1
    empty = extract_claims({"articles": pd.DataFrame(columns=["article_id", "text"])})
    assert empty.empty and set(SCHEMAS["claims"].columns) <= set(empty.columns)
    assert extract_claims({}).empty


@pytest.fixture()
def conflict_claims() -> tuple[pd.DataFrame, pd.DataFrame]:
    tables = _tables(
        {"a#1": TOLL_A + " " + MEET_A, "b#1": TOLL_B + " " + MEET_B},
        mentions=[
            ("a#1", "Mali", "country", "MLI", "MLI"),
            ("a#1", "russes", "country", "RUS", "RUS"),
            ("a#1", "maliens", "country", "MLI", "MLI"),
            ("b#1", "Mali", "country", "MLI", "MLI"),
            ("b#1", "Russie", "country", "RUS", "RUS"),
        ],
        timex=[("a#1", "en août 2025", "2025-08"), ("b#1", "jeudi 14 août", "2025-08-14")],
    )
    return extract_claims(tables), tables["articles"]


def test_views_show_conflicts_agreement_and_timeline(conflict_claims) -> None:
    claims, articles = conflict_claims
    sides = views.conflict_sides(claims, articles)
    assert set(sides["outlet"]) == {"Outlet A", "Outlet B"} and set(sides["field"]) == {"value"}
    matrix = views.agreement_matrix(claims, articles)
    row = matrix.iloc[0]
    assert (row["shared"], row["agree"], row["conflict"]) == (2, 1, 1)
    square = views.agreement_square(matrix)
    assert square.loc["Outlet A", "Outlet B"] == square.loc["Outlet B", "Outlet A"] == 0.5
    timeline = views.timeline_events(claims, articles)
    assert timeline["dyad"].tolist() == ["MLI–RUS"]
    assert timeline["date"].iloc[0] == "2025-08-14"
    assert "Outlet A" in timeline["sources"].iloc[0] and "Outlet B" in timeline["sources"].iloc[0]
    assert views.timeline_events(claims.iloc[0:0], articles).empty
    assert views.agreement_matrix(claims.iloc[0:0], articles).empty


def test_reuse_graph_has_edges() -> None:
    reuse = pd.DataFrame(
        {"article_a": ["a#1"], "article_b": ["b#1"], "relation": ["rewrite"], "score": [0.2]}
    )
    graph = views.reuse_graph(reuse)
    assert graph.number_of_edges() == 1 and graph.edges["a#1", "b#1"]["relation"] == "rewrite"


def test_anaphoric_event_takes_the_date_of_the_event_it_names() -> None:
    text = (
        "Le 3 avril 2025, Moscou a accueilli une rencontre entre les ministres. "
        "Le président a annoncé qu'il se rendrait en Russie en juin prochain. "
        "Le ministre nigérien a salué l'importance de cette rencontre pour la région."
    )
    tables = _tables(
        {"a#1": text},
        timex=[("a#1", "Le 3 avril 2025", "2025-04-03"), ("a#1", "en juin prochain", "2025-06")],
    )
    events = [c for c in extract_all(tables) if c.kind == "event"]
    last = [c for c in events if "cette rencontre" in c.evidence]
    assert [c.date for c in last] == ["2025-04-03"]


def test_different_counts_of_other_things_do_not_conflict() -> None:
    first = "Cinq accords de coopération ont été signés mardi entre le Rwanda et la Centrafrique."
    second = (
        "Deux accords ont été signés à Kigali entre le Rwanda et la Centrafrique sur le commerce."
    )
    mentions = [
        (a, name, "country", code, code)
        for a in ("a#1", "b#1")
        for name, code in (("Rwanda", "RWA"), ("Centrafrique", "CAF"))
    ]
    claims = extract_claims(_tables({"a#1": first, "b#1": second}, mentions=mentions))
    assert not (claims["verdict"] == "conflicting").any()


def test_attribute_needs_the_organisation_next_to_the_cue() -> None:
    text = (
        "L'UA a salué la décision du gouvernement, une institution qui a été, selon plusieurs "
        "observateurs de la vie politique locale et régionale, formée en 2019 par décret."
    )
    tables = _tables({"a#1": text}, mentions=[("a#1", "UA", "organization", "AU", None)])
    assert [c for c in extract_all(tables) if c.kind == "attribute"] == []


def test_a_date_dates_the_event_named_nearest_to_it() -> None:
    text = "La livraison intervient après la visite à Ankara, en janvier 2025, d'une délégation."
    tables = _tables({"a#1": text}, timex=[("a#1", "en janvier 2025", "2025-01")])
    dates = {c.subtype: c.date for c in extract_all(tables) if c.kind == "event"}
    assert dates == {"delivery": None, "meeting": "2025-01"}


def test_formation_cue_may_come_before_the_organisation() -> None:
    text = "Formée en juillet 2024, la confédération AES regroupe le Mali, le Burkina et le Niger."
    tables = _tables(
        {"a#1": text},
        mentions=[_aes("a#1")],
        timex=[("a#1", "en juillet 2024", "2024-07")],
    )
    claims = extract_all(tables)
    assert [(c.entity, c.value) for c in claims if c.kind == "attribute"] == [("AES", "2024-07")]
    assert not [c for c in claims if c.kind == "event"]  # "regroupe" = comprises, not an event


def test_tolls_for_the_same_place_conflict() -> None:
    first = (
        "Le Niger fait face à des attaques jihadistes qui ont fait des centaines de morts "
        "dans la région de Tillabéri."
    )
    second = "Les violences jihadistes ont fait des milliers de morts dans la région de Tillabéri."
    tables = _tables(
        {"a#1": first, "b#1": second},
        mentions=[
            ("a#1", "Tillabéri", "place", "Tillabéri", "NER"),
            ("b#1", "Tillabéri", "place", "Tillabéri", "NER"),
        ],
    )
    assert _clusters(extract_claims(tables), "number") == [
        (frozenset({"a#1", "b#1"}), "conflicting", "value")
    ]


def test_undated_lead_event_falls_in_the_week_before_publication() -> None:
    lead = "Le président malien a reçu en audience le ministre russe de la Défense à Bamako."
    later = (
        "Le ministre russe de la Défense a été reçu jeudi 12 juin à Bamako par le président malien."
    )
    tables = _tables(
        {"a#1": lead + " Les deux hommes ont évoqué la sécurité.", "b#1": later},
        mentions=[
            ("a#1", "malien", "country", "MLI", "MLI"),
            ("a#1", "russe", "country", "RUS", "RUS"),
            ("b#1", "russe", "country", "RUS", "RUS"),
            ("b#1", "malien", "country", "MLI", "MLI"),
        ],
        timex=[("b#1", "jeudi 12 juin", "2025-06-12")],
    )
    tables["articles"]["published"] = ["2025-06-13T08:00", None]
    claims = extract_claims(tables)
    lead_claim = claims[claims["article_id"] == "a#1"]
    assert lead_claim["date"].tolist() == ["2025-06-06/2025-06-13"]
    assert _clusters(claims, "event") == [(frozenset({"a#1", "b#1"}), "corroborated", None)]


def test_cached_extraction_equals_uncached_and_reads_only_new_articles(tmp_path) -> None:
    tables = _meeting_tables()
    fresh = extract_claims(tables)
    assert not fresh.empty
    ids = list(tables["articles"]["article_id"])
    first = {
        name: df[df["article_id"] != ids[-1]] if "article_id" in df.columns else df
        for name, df in tables.items()
    }
    cold: dict[str, int] = {}
    extract_claims(first, cache_dir=tmp_path, stats=cold)
    assert cold["articles_extracted"] == len(ids) - 1
    warm: dict[str, int] = {}
    pd.testing.assert_frame_equal(extract_claims(tables, cache_dir=tmp_path, stats=warm), fresh)
    assert warm["articles_extracted"] == 1
    again: dict[str, int] = {}
    pd.testing.assert_frame_equal(extract_claims(tables, cache_dir=tmp_path, stats=again), fresh)
    assert again["articles_extracted"] == 0
