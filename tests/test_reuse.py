"""Text reuse: duplicates, rewrites, and shared quotes that are not reuse."""

from __future__ import annotations

import json

import pandas as pd

from sahel_utils.relations.reuse import (
    MAX_SENTENCE_HITS,
    blank_quotes,
    find_reuse,
    passages_text,
    reuse_groups,
)

WIRE = (
    "Le ministre de la Défense a reçu mardi à Niamey une délégation turque conduite par "
    "le vice-ministre de l'Industrie de défense. Les deux parties ont examiné la livraison "
    "prochaine de drones de surveillance et de véhicules blindés destinés aux forces nigériennes. "
    "Selon le communiqué publié à l'issue de la rencontre, un accord cadre sur la formation des "
    "pilotes a été paraphé en présence des chefs d'état-major. La coopération entre Ankara et "
    "Niamey s'est fortement développée depuis la signature d'un accord militaire en 2020. "
    "Plusieurs officiers nigériens suivent déjà des stages dans les écoles militaires turques. "
    "Le vice-ministre a salué « un partenariat exemplaire fondé sur la confiance mutuelle »."
)

REWRITE = (
    "Niamey a accueilli mardi une délégation turque conduite par le vice-ministre de l'Industrie "
    "de défense, reçue par le ministre nigérien de la Défense. Au menu des échanges, la livraison "
    "prochaine de drones de surveillance et de véhicules blindés pour les forces nigériennes. "
    "D'après le communiqué publié à l'issue de la rencontre, un accord cadre sur la formation des "
    "pilotes a été paraphé devant les chefs d'état-major des deux pays. Depuis la signature d'un "
    "accord militaire en 2020, la coopération entre Ankara et Niamey s'est fortement développée. "
    "Des officiers nigériens suivent déjà des stages dans les écoles militaires turques, "
    "rappelle-t-on."
)

OTHER = (
    "La saison des pluies a provoqué des inondations dans plusieurs quartiers de Bamako, "
    "où les habitants déplorent le manque de caniveaux. La mairie promet des travaux de "
    "curage avant la fin du mois et appelle les riverains à ne pas jeter leurs ordures "
    "dans les canaux. Les commerçants du grand marché estiment leurs pertes à plusieurs "
    "millions de francs CFA."
)

OTHER_REWRITE = (
    "À Bamako, la saison des pluies a provoqué des inondations dans plusieurs quartiers "
    "et les habitants déplorent le manque de caniveaux. Avant la fin du mois, la mairie "
    "promet des travaux de curage ; elle appelle les riverains à ne pas jeter leurs ordures "
    "dans les canaux. Au grand marché, les commerçants estiment leurs pertes à plusieurs "
    "millions de francs CFA."
)

QUOTE = (
    "« un partenariat exemplaire fondé sur la confiance mutuelle "
    "et le respect de la souveraineté des deux pays »"
)
SAME_QUOTE_A = (
    "À Ouagadougou, le chef de la diplomatie a salué " + QUOTE + " lors d'une conférence de presse "
    "consacrée aux relations avec les pays voisins. Il a ensuite évoqué la situation "
    "humanitaire dans le nord du pays et les besoins en vivres des populations "
    "déplacées par les violences."
)
SAME_QUOTE_B = (
    "Le ministre, interrogé par la télévision nationale sur la visite du président "
    "ghanéen, a parlé "
    "d'" + QUOTE + ". Les deux chefs d'État doivent inaugurer un pont sur la rivière frontalière "
    "et signer un accord de transport routier avant la fin de l'année prochaine."
)


def _articles(**texts: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": list(texts), "text": list(texts.values())})


def test_rewrite_is_found_with_passages() -> None:
    reuse = find_reuse(_articles(a=WIRE, b=REWRITE, c=OTHER))
    assert list(zip(reuse["article_a"], reuse["article_b"], reuse["relation"], strict=False)) == [
        ("a", "b", "rewrite")
    ]
    passages = json.loads(reuse["passages"].iloc[0])
    assert len(passages) >= 2
    shown = passages_text(_articles(a=WIRE, b=REWRITE), reuse)
    assert shown["text_a"].str.len().gt(0).all() and shown["text_b"].str.len().gt(0).all()


def test_duplicate_is_found() -> None:
    copy = WIRE.replace("mardi", "ce mardi")
    reuse = find_reuse(_articles(x=WIRE, y=copy))
    assert reuse["relation"].tolist() == ["duplicate"]
    assert reuse["score"].iloc[0] > 0.9


def test_shared_quote_alone_is_not_reuse() -> None:
    assert find_reuse(_articles(a=SAME_QUOTE_A, b=SAME_QUOTE_B)).empty


def test_unrelated_and_empty_give_no_pair() -> None:
    assert find_reuse(_articles(a=WIRE, c=OTHER)).empty
    empty = find_reuse(pd.DataFrame(columns=["article_id", "text"]))
    assert empty.empty and {"article_a", "article_b", "relation", "score"} <= set(empty.columns)


def test_blank_quotes_keeps_length() -> None:
    text = 'Il a dit « bonjour à tous » puis “merci” et "adieu".'
    blanked = blank_quotes(text)
    assert len(blanked) == len(text)
    assert "bonjour" not in blanked and "merci" not in blanked and "adieu" not in blanked
    assert blanked.startswith("Il a dit")


def test_reuse_groups_are_transitive() -> None:
    reuse = pd.DataFrame(
        {"article_a": ["a", "b"], "article_b": ["b", "c"], "relation": ["rewrite"] * 2}
    )
    groups = reuse_groups(reuse, ["a", "b", "c", "d"])
    assert groups["a"] == groups["b"] == groups["c"] != groups["d"]


def test_wording_shared_by_many_articles_is_not_reuse() -> None:
    import random

    vocabulary = (
        "armée frontière récolte marché école pluie route hôpital élection budget port "
        "usine forage village stade musique cinéma banque pétrole coton bétail fleuve"
    ).split()
    footer = (
        " Retrouvez toute l'actualité de la région sur notre site et abonnez-vous à notre "
        "lettre quotidienne gratuite. Notre rédaction travaille chaque jour pour vous "
        "informer avec rigueur et indépendance sur les sujets qui comptent."
    )
    texts = {}
    for n in range(12):
        rng = random.Random(n)
        sentences = [" ".join(rng.sample(vocabulary, 8)).capitalize() + "." for _ in range(4)]
        texts[f"art{n:02d}"] = " ".join(sentences) + footer
    assert find_reuse(_articles(**texts)).empty


def test_cached_reuse_equals_uncached_and_only_new_pairs_are_scored(tmp_path) -> None:
    copy = WIRE.replace("mardi", "ce mardi")
    first = _articles(a=WIRE, b=REWRITE, c=OTHER)
    fresh = find_reuse(first)
    cold: dict[str, int] = {}
    assert find_reuse(first, cache_dir=tmp_path, stats=cold).equals(fresh)
    assert cold["articles_prepared"] == 3 and cold["pairs_scored"] == cold["pairs"] > 0

    warm: dict[str, int] = {}
    assert find_reuse(first, cache_dir=tmp_path, stats=warm).equals(fresh)
    assert warm["articles_prepared"] == 0 and warm["pairs_scored"] == 0
    assert warm["copies_checked"] == 0

    grown = _articles(a=WIRE, b=REWRITE, c=OTHER, d=copy, e=OTHER_REWRITE)
    added: dict[str, int] = {}
    result = find_reuse(grown, cache_dir=tmp_path, stats=added)
    pd.testing.assert_frame_equal(result, find_reuse(grown))
    assert added["articles_prepared"] == 2
    assert added["copies_checked"] >= 1  # d against a, verified once, then cached
    again: dict[str, int] = {}
    pd.testing.assert_frame_equal(find_reuse(grown, cache_dir=tmp_path, stats=again), result)
    assert again["copies_checked"] == again["pairs_scored"] == again["articles_prepared"] == 0
    # d is a copy of a (found against the stories, not compared with every article);
    # only the pairs with the new story e are scored
    assert 0 < added["pairs_scored"] == added["pairs"] - warm["pairs"]
    found = set(zip(result["article_a"], result["article_b"], result["relation"], strict=True))
    assert {("a", "d", "duplicate"), ("c", "e", "rewrite")} <= found


def test_same_text_under_two_ids_is_prepared_once(tmp_path) -> None:
    stats: dict[str, int] = {}
    result = find_reuse(_articles(x=WIRE, y=WIRE, z=OTHER), cache_dir=tmp_path, stats=stats)
    assert stats["articles_prepared"] == 2
    assert result["relation"].tolist() == ["duplicate"]


def _triples(reuse: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(reuse["article_a"], reuse["article_b"], reuse["relation"], strict=True))


def test_story_copied_many_times_is_duplicates_of_the_first_and_rewrites_still_found() -> None:
    # issue 14: frequency caps once switched reuse off on a corpus copied 476 times
    copies = 2 * MAX_SENTENCE_HITS + 10
    texts = {f"copy{n:03d}": WIRE for n in range(copies)}
    texts |= {f"near{n:03d}": WIRE.replace("mardi", f"mardi {n}") for n in range(20)}
    reuse = find_reuse(_articles(**texts, rewrite=REWRITE, zz=OTHER))
    duplicates = reuse[reuse["relation"] == "duplicate"]
    assert len(duplicates) == copies + 20 - 1
    assert set(duplicates["article_a"]) == {"copy000"}
    assert ("copy000", "rewrite", "rewrite") in _triples(reuse)
    assert len(reuse) == copies + 20  # one row per copy, one for the rewrite; no other pair


def test_reuse_does_not_depend_on_row_order() -> None:
    copy = WIRE.replace("mardi", "ce mardi")
    articles = _articles(a=WIRE, b=REWRITE, c=OTHER, d=copy, e=OTHER_REWRITE, f=WIRE)
    expected = find_reuse(articles)
    for seed in range(3):
        shuffled = articles.sample(frac=1, random_state=seed)
        pd.testing.assert_frame_equal(find_reuse(shuffled), expected)


BACKGROUND = (
    "Le Niger est dirigé depuis juillet 2023 par un régime militaire qui a rompu la "
    "coopération de défense avec la France et renforcé ses liens avec la Russie."
)


def test_shared_background_paragraph_is_a_shared_passage_not_a_rewrite() -> None:
    # issue 9, item 4: two stories sharing one recycled paragraph are not a rewrite,
    # but the passage stays in the table (notebook 04 shows it)
    reuse = find_reuse(_articles(a=WIRE + "\n\n" + BACKGROUND, c=OTHER + "\n\n" + BACKGROUND))
    assert _triples(reuse) == {("a", "c", "shared_passage")}
    passages = passages_text(
        _articles(a=WIRE + "\n\n" + BACKGROUND, c=OTHER + "\n\n" + BACKGROUND), reuse
    )
    assert passages["text_a"].tolist() == [BACKGROUND] == passages["text_b"].tolist()
    groups = reuse_groups(reuse, ["a", "c"])
    assert groups["a"] != groups["c"]  # a shared passage does not make one source


def test_outlet_boilerplate_is_recognised_by_its_place_not_its_frequency() -> None:
    footer = (
        "Retrouvez toute l'actualité de la région sur notre site et abonnez-vous à notre "
        "lettre quotidienne gratuite chaque matin."
    )
    stories = [WIRE, OTHER, SAME_QUOTE_A, SAME_QUOTE_B, REWRITE.split(". ")[0] + "."]
    articles = pd.DataFrame(
        {
            "article_id": [f"x#{n}" for n in range(5)] + ["y#1"],
            "outlet": ["Le Sahel"] * 5 + ["Autre"],
            "text": [story + "\n\n" + footer for story in stories] + [OTHER + "\n\n" + footer],
        }
    )
    reuse = find_reuse(articles)
    # the footer closes five different stories of one outlet: house text, no pair
    # between them; the other outlet's article still duplicates x#1 (OTHER)
    assert _triples(reuse) == {("x#1", "y#1", "duplicate")}
    # the same footer closing only two stories is a shared passage
    two = find_reuse(articles.iloc[[0, 1]])
    assert _triples(two) == {("x#0", "x#1", "shared_passage")}


RECYCLED = (
    "Le pays est dirigé depuis le coup d'État de septembre par une junte militaire qui a "
    "promis un retour des civils au pouvoir après une transition de trois ans. "
    "Les relations avec l'ancienne puissance coloniale se sont dégradées depuis le départ "
    "des soldats étrangers, remplacés par des instructeurs venus d'autres partenaires. "
    "L'organisation régionale avait suspendu le pays de ses instances et imposé des "
    "sanctions économiques levées quelques mois plus tard."
)
STORY_ONE = (
    "Les enseignants du secondaire ont entamé lundi une grève illimitée pour réclamer le "
    "paiement de plusieurs mois d'arriérés de salaires. Les écoles publiques de la capitale "
    "étaient fermées et les élèves renvoyés chez eux dès la matinée. " + RECYCLED
)
STORY_TWO = (
    "Un nouveau barrage hydroélectrique a été inauguré jeudi sur le fleuve par le ministre "
    "de l'Énergie, qui promet la fin des délestages dans les villes du sud. L'ouvrage a coûté "
    "plusieurs dizaines de milliards de francs CFA, financés par des banques régionales. "
    + RECYCLED
    + " Les coupures d'électricité avaient provoqué la colère des commerçants l'an dernier."
)


def test_shared_background_paragraph_alone_is_not_a_rewrite() -> None:
    reuse = find_reuse(_articles(a=STORY_ONE, b=STORY_TWO))
    assert "rewrite" not in set(reuse["relation"])
    assert set(reuse["relation"]) <= {"shared_passage"}


def test_own_story_under_a_reworded_headline_is_a_rewrite() -> None:
    articles = pd.DataFrame(
        {
            "article_id": ["x", "y", "z"],
            "title": [
                "Niger : la Turquie livre des drones à l'armée",
                "Des drones turcs livrés aux forces nigériennes, Ankara renforce sa présence",
                "Niger : la Turquie livre des drones à l'armée",
            ],
            "text": [WIRE, WIRE, WIRE],
        }
    )
    triples = _triples(find_reuse(articles))
    assert triples == {("x", "y", "rewrite"), ("x", "z", "duplicate")}
    # another outlet's verbatim copy under its own headline stays a duplicate
    articles["outlet"] = ["Outlet A", "Outlet B", "Outlet A"]
    triples = _triples(find_reuse(articles))
    assert triples == {("x", "y", "duplicate"), ("x", "z", "duplicate")}


def test_short_standfirst_rewrite_is_found() -> None:
    a = (
        "Le gouvernement de transition a annoncé mardi la suspension des émissions d'une "
        "radio étrangère accusée de diffuser de fausses informations sur l'armée. "
        "La décision prend effet immédiatement sur l'ensemble du territoire national."
    )
    b = (
        "La suspension des émissions d'une radio étrangère accusée de diffuser de fausses "
        "informations sur l'armée a été annoncée mardi par le gouvernement de transition. "
        "Elle prend effet immédiatement sur l'ensemble du territoire national."
    )
    assert find_reuse(_articles(a=a, b=b))["relation"].tolist() == ["rewrite"]


def test_rewrite_with_a_reworded_lead_spread_over_paragraphs_is_a_rewrite() -> None:
    """Another outlet rewrites the lead but keeps sentences of several paragraphs."""
    lead_a = (
        "Une livraison d'armes a eu lieu jeudi soir à l'aéroport de la capitale, "
        "en pleine brouille diplomatique. Les passes d'armes verbales entre les deux "
        "gouvernements se poursuivent depuis des semaines."
    )
    lead_b = (
        "Le pays s'est doté de nouveaux hélicoptères de combat, livrés dans la nuit "
        "de jeudi à vendredi dernier."
    )
    body = [
        "Un avion-cargo de l'armée de l'air étrangère s'est posé sur le tarmac de "
        "l'aéroport international peu avant minuit.",
        "L'appareil avait à son bord quatre hélicoptères de transport et d'attaque "
        "ainsi que des caisses de munitions.",
        "Selon le ministre de la Défense, ces appareils ont été achetés sur le budget "
        "national dans le cadre d'un contrat signé deux ans plus tôt.",
        "Le matériel est destiné aux soldats engagés contre les groupes armés dans le "
        "nord du pays depuis dix ans.",
    ]
    extra = (
        " Les relations avec l'ancienne puissance coloniale restent tendues, selon "
        "plusieurs diplomates en poste dans la région."
    )
    a = f"{lead_a}\n\n{body[0]} {body[1]}\n\n{body[2]} {body[3]}"
    b = (
        f"{lead_b}\n\n{body[0]} Une source militaire confirme l'arrivée du cargo."
        f"\n\n{body[1]} {body[2]}\n\n{body[3]}{extra}"
    )
    assert find_reuse(_articles(a=a, b=b))["relation"].tolist() == ["rewrite"]
