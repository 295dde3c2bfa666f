"""Speakers by structure (issue 16): one made-up sentence per shape of French press.

Each row gives a text, a fragment of one quote, the speaker expected and the
``speaker_source`` expected. Mentions are built as the NLP stage gives them:
full names and family names of the people below, organisations and country words.
"""

from __future__ import annotations

import re

import pytest

from sahel_utils.annotation.quotes import extract_quotes
from sahel_utils.annotation.speakers import SPEAKER_SOURCES
from sahel_utils.core.tables import SCHEMAS

PEOPLE = (
    "Chrisogone Zougmoré",
    "Kofi Mensavi",
    "Samuel Tanelbaye",
    "Laurent Michonet",
    "Aminata Konaté",
    "Fatou Diallobé",
    "Moses Ronoki",
    "Enez Mangora",
    "Hellah Sidibaré",
)
THINGS = {
    "Banque mondiale": ("organization", "Banque mondiale"),
    "Organisation mondiale de la santé animale": (
        "organization",
        "Organisation mondiale de la santé animale",
    ),
    "BBC": ("organization", "BBC"),
    "Russie": ("country", "RUS"),
    "russe": ("country", "RUS"),
    "Tchad": ("country", "TCD"),
    "Bamako": ("country", "MLI"),
    "Paris": ("country", "FRA"),
    "burkinabè": ("country", "BFA"),
}


def build_mentions(text: str) -> list[dict]:
    mentions: list[dict] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, entity_type: str, entity_id: str) -> None:
        if any(a < end and start < b for a, b in taken):
            return
        taken.append((start, end))
        mentions.append(
            {
                "start": start,
                "end": end,
                "text": text[start:end],
                "entity_type": entity_type,
                "entity_id": entity_id,
                "country": None,
                "source": "model",
            }
        )

    for name in PEOPLE:
        for form in (name, name.split()[-1]):
            for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                add(match.start(), match.end(), "person", name)
    for form, (entity_type, entity_id) in THINGS.items():
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            add(match.start(), match.end(), entity_type, entity_id)
    return mentions


def sentences_of(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"(?<=[.!?…])[»”\"]?\s+|\n+", text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if e > s]


def quote_with(text: str, fragment: str) -> dict:
    for quote in extract_quotes(text, sentences_of(text), build_mentions(text)):
        if fragment in quote["text"]:
            return quote
    raise AssertionError(f"no quote containing {fragment!r}")


CASES = [
    pytest.param(
        "« Les bases étrangères perpétuent l'impérialisme », a affirmé le président du "
        "mouvement burkinabè des droits de l'homme et des peuples (MBDHP), Chrisogone Zougmoré.",
        "perpétuent",
        "Chrisogone Zougmoré",
        "inverted",
        id="inverted-subject-past-a-long-role",
    ),
    pytest.param(
        "« Il mérite tout », confie Kofi Mensavi à la BBC. Le sélectionneur est critiqué. "
        "« Il a confiance en lui, il fait son travail », témoigne le sociétaire de Liverpool.",
        "confiance en lui",
        "Kofi Mensavi",
        "anaphora",
        id="definite-description-after-inverted-verb",
    ),
    pytest.param(
        "« Nous étions 5 000 soldats au Sahel », a déclaré le général Laurent Michonet.\n\n"
        "« Nous serons environ 3 000 à l'été et la mission continuera. »",
        "Nous serons",
        "Laurent Michonet",
        "continuation",
        id="quotation-continued-in-the-next-paragraph",
    ),
    pytest.param(
        "« Le dialogue est ouvert », a dit Enez Mangora. Les équipes se préparent.\n"
        "« Nous avons observé nos adversaires pendant leurs matches », ajoute Mangora.",
        "observé nos adversaires",
        "Enez Mangora",
        None,
        id="family-name-alone-after-inverted-verb",
    ),
    pytest.param(
        "La directrice Aminata Konaté a ouvert l'exposition. Fatou Diallobé est une artiste "
        "peintre. Elle explique son choix : « j'ai eu envie de présenter une œuvre ».",
        "envie de présenter",
        "Fatou Diallobé",
        "pronoun",
        id="elle-is-the-nearest-woman-named-as-subject",
    ),
    pytest.param(
        "Déjà, notre collègue Moses Ronoki de BBC Monitoring notait : « Si l'accord se "
        "concrétise, cela changera tout pour la région ».",
        "accord se",
        "Moses Ronoki",
        None,
        id="verb-subject-past-a-complement",
    ),
    pytest.param(
        "Dans un rapport, la Banque mondiale a déclaré que l'économie « reste fragile et "
        "vulnérable ».",
        "reste fragile",
        "Banque mondiale",
        "institution",
        id="institution-subject-before-the-verb",
    ),
    pytest.param(
        "Cet « acte criminel » vise à « nuire aux relations amicales » entre Moscou et "
        "Bangui, a dénoncé le ministère russe des affaires étrangères.",
        "acte criminel",
        "ministère russe des affaires étrangères",
        "institution",
        id="institution-inverted-and-an-earlier-quote-of-its-sentence",
    ),
    pytest.param(
        "Le Tchad est décrit par l'Organisation mondiale de la santé animale comme un « pays "
        "d'élevage par excellence ».",
        "pays d'élevage",
        "Organisation mondiale de la santé animale",
        "institution",
        id="passive-agent-not-the-subject",
    ),
    pytest.param(
        "Le groupe Wagner, que Paris accuse d'exactions et de « prédation » des ressources, "
        "est présent.",
        "prédation",
        "Paris",
        "institution",
        id="capital-as-subject-of-a-relative",
    ),
    pytest.param(
        "Entretien avec Kofi Mensavi, ministre des Transports.\n"
        "Question : Où en est le chantier ?\n"
        "« Nous avançons bien sur ce dossier difficile. »\n"
        "Question : Et ensuite ?\n"
        "« Nous verrons bien ce que l'avenir nous réserve. »",
        "Nous verrons bien",
        "Kofi Mensavi",
        "interview",
        id="interview-answers-go-to-the-interviewee",
    ),
    pytest.param(
        "Le ministre Kofi Mensavi a fait le point sur les routes du pays.\n"
        "Sahel Hebdo : Où en est le chantier ?\n"
        "« Nous avançons bien sur ce dossier difficile. »\n"
        "Sahel Hebdo : Et ensuite ?\n"
        "« Nous verrons bien ce que l'avenir nous réserve. »",
        "Nous verrons bien",
        "Kofi Mensavi",
        "interview",
        id="interview-questions-labelled-by-any-outlet",
    ),
    pytest.param(
        "Les députés ont salué le ministre Samuel Tanelbaye. Le ministre de la Défense, qui a "
        "défendu le projet, s'est félicité de l'accord.\n"
        "« Nous allons bientôt produire ici », avait-il expliqué.",
        "bientôt produire",
        "Samuel Tanelbaye",
        None,
        id="a-role-with-an-office-is-the-one-named-with-the-role-when-no-office-is-known",
    ),
    pytest.param(
        "Le dialogue reprend. « La route est rouverte », a-t-on appris auprès de la mairie de Gao.",
        "La route est rouverte",
        "mairie de Gao",
        "institution",
        id="an-impersonal-on-verb-then-its-source",
    ),
    pytest.param(
        "Washington s'inquiète. « Le groupe menace la paix », peut-on lire dans le communiqué "
        "russe.",
        "menace la paix",
        "communiqué russe",
        "document",
        id="a-document-named-by-its-issuer-s-nationality",
    ),
    pytest.param(
        "Le général Laurent Michonet s'est dit « choqué » par l'accusation d'un « abandon en "
        "plein vol » venant de Kofi Mensavi.",
        "abandon en plein vol",
        "Kofi Mensavi",
        "source_phrase",
        id="a-quoted-phrase-and-its-origin-venant-de",
    ),
    pytest.param(
        "Hellah Sidibaré court depuis 50 jours. M. Sidibaré traverse l'Oklahoma. Sidibaré "
        "a parcouru 4 000 km.\n\n« Je pense toujours à ce à quoi l'arrivée va ressembler. »",
        "arrivée va ressembler",
        "Hellah Sidibaré",
        "topic",
        id="stand-alone-quotation-in-a-portrait",
    ),
    pytest.param(
        "Cette déclaration semble corroborer la thèse de Moses Ronoki, politologue à "
        "l'Université de Chicago : « Dans ce conflit, les parties sont très claires. »",
        "les parties sont très claires",
        "Moses Ronoki",
        "colon",
        id="the-person-before-the-colon-past-an-apposition",
    ),
    pytest.param(
        "« Au Sahel, la France a conduit un travail important », s'est félicité Kofi Mensavi. "
        "Lire aussi : « J'attends d'eux qu'ils clarifient leur demande. »",
        "J'attends d'eux",
        "Kofi Mensavi",
        "continuation",
        id="continuation-past-a-lire-aussi-link",
    ),
    pytest.param(
        "« C'est une trahison », déclare un diplomate occidental sous couvert d'anonymat.",
        "trahison",
        None,
        None,
        id="indefinite-speaker-is-no-one",
    ),
    pytest.param(
        "Kofi Mensavi a signé le texte. Le communiqué souligne que « les parties sont "
        "convenues d'un partenariat ».",
        "parties sont convenues",
        None,
        None,
        id="a-document-is-no-speaker",
    ),
    pytest.param(
        "Le porte-parole du gouvernement a réagi. « Nous ne céderons pas », a-t-il affirmé.",
        "Nous ne céderons pas",
        None,
        None,
        id="pronoun-of-an-unnamed-role-is-no-one",
    ),
    pytest.param(
        "Un communiqué du ministère nigérien de la défense a confirmé l'attaque. Selon le "
        "communiqué, 25 soldats « côté amis » ont été tués.",
        "côté amis",
        "ministère nigérien de la défense",
        "document",
        id="selon-le-communique-is-its-issuer-named-earlier",
    ),
    pytest.param(
        "Cette décision place le pays « sur la carte des pays audacieux », selon un "
        "communiqué de la présidence de la République.",
        "sur la carte",
        "présidence de la République",
        "document",
        id="the-issuer-after-the-document-noun",
    ),
    pytest.param(
        "Selon des chercheurs londoniens, le vaccin a donné des résultats « très frappants ».",
        "très frappants",
        "chercheurs londoniens",
        "group",
        id="a-group-of-people-as-source",
    ),
    pytest.param(
        "Pour donner un signal fort, la Russie vient de suspendre « à titre conservatoire » "
        "sa coopération.",
        "à titre conservatoire",
        "Russie",
        "institution",
        id="parse-subject-of-the-verb-governing-a-fragment",
    ),
    pytest.param(
        "On attendait des solutions rapides, explique Kofi Mensavi, correspondant de la BBC. "
        "« Mais Moses Ronoki a signalé qu'il n'avait pas de solutions. »",
        "Mais Moses Ronoki",
        "Kofi Mensavi",
        None,
        id="a-quotation-after-reported-speech-with-an-inverted-subject",
    ),
    pytest.param(
        "Le chef de la diplomatie russe a rappelé l'« invitation claire » faite en 2019.",
        "invitation claire",
        "chef de la diplomatie russe",
        "description",
        id="an-unnamed-official-of-a-country-is-described",
    ),
    pytest.param(
        "Dans un communiqué, le colonel Kofi Mensavi, porte-parole de l'armée, annonce une "
        "attaque. Le bilan est lourd, précise le communiqué du porte-parole, qui dénonce « une "
        "innommable barbarie ».",
        "innommable barbarie",
        "Kofi Mensavi",
        None,
        id="relative-qui-takes-the-antecedent-a-role-its-holder",
    ),
    pytest.param(
        "Le marché a fermé tôt. « Les prix ont doublé », soupirait Aminata Konaté.",
        "Les prix ont doublé",
        "Aminata Konaté",
        "inverted",
        id="an-inverted-verb-known-by-its-shape-not-its-lexicon",
    ),
    pytest.param(
        "Fatou Diallobé, une commerçante de Bamako, ne décolère pas. Kofi Mensavi se tait. "
        "« Les prix ont doublé », s'indigne-t-elle.",
        "Les prix ont doublé",
        "Fatou Diallobé",
        "pronoun",
        id="a-reflexive-inverted-verb-with-elle",
    ),
    pytest.param(
        "Les boîtes sont pleines. « Allez en trouver une autre », conseille la Poste.",
        "Allez en trouver",
        "Poste",
        "institution",
        id="a-capitalised-subject-after-an-inverted-verb-is-an-institution",
    ),
    pytest.param(
        "Une dizaine de délégués ont appelé au boycott. « La réforme n'a pas de "
        "justification », ont-ils souligné.",
        "La réforme",
        "délégués",
        "group",
        id="a-plural-pronoun-is-the-group-named-before",
    ),
    pytest.param(
        "La présidente Aminata Konaté a salué ce « moment important », et souhaité que "
        "l'institution devienne « un pont vers le futur ».",
        "un pont vers le futur",
        "Aminata Konaté",
        "verb_subject",
        id="a-coordinated-verb-keeps-the-speaker-of-the-sentence",
    ),
    pytest.param(
        "Laurent Michonet se dit favorable à la réforme. Dans une tribune, le président "
        "socialiste de l'Assemblée juge que la cohabitation comporte « trois inconvénients ».",
        "trois inconvénients",
        "Laurent Michonet",
        "anaphora",
        id="an-unresolved-role-subject-is-the-person-just-named",
    ),
    pytest.param(
        "La présidente du tribunal, Fatou Diallobé, a lu la déposition. L'avocate de la "
        "défense, Aminata Konaté, a souligné que son client regrettait. « Il a eu un fantasme "
        "», souligne-t-elle.",
        "Il a eu un fantasme",
        "Aminata Konaté",
        "pronoun",
        id="elle-is-the-woman-named-last-by-a-feminine-apposition",
    ),
    pytest.param(
        "« Il n'y a pas de partie du pays où nous ne pouvons aller » (Capitaine Moses Ronoki)",
        "Il n'y a pas",
        "Moses Ronoki",
        "apposition",
        id="a-name-in-parentheses-after-the-quote",
    ),
    pytest.param(
        "Les rassemblements n'ont pas été autorisés pour des « raisons de sécurité » a précisé "
        "la mairie de la capitale.",
        "raisons de sécurité",
        "mairie de la capitale",
        "institution",
        id="an-inverted-verb-after-the-quote-without-comma",
    ),
    pytest.param(
        "''Nous sommes très inquiets pour les déplacés\", déclare Kofi Mensavi.",
        "Nous sommes très inquiets",
        "Kofi Mensavi",
        "inverted",
        id="two-apostrophes-open-a-quotation",
    ),
    pytest.param(
        "Le Tchad a rappelé son ambassadeur. Bamako a également annoncé une plainte "
        "« pour actes d'agression ».",
        "actes d'agression",
        "Bamako",
        "institution",
        id="an-adverb-after-the-auxiliary-is-not-part-of-the-subject",
    ),
    pytest.param(
        "Le Tchad a « conclu que le drone a été détruit », a affirmé dans un communiqué le "
        "ministère tchadien des affaires étrangères.",
        "conclu que",
        "ministère tchadien des affaires étrangères",
        "institution",
        id="a-complement-between-the-inverted-verb-and-its-subject",
    ),
    pytest.param(
        "La visite, a indiqué la présidence malienne dans un communiqué, a duré deux jours. "
        "Ont été discutés « les domaines de coopération », a déclaré la présidence.",
        "domaines de coopération",
        "présidence malienne",
        "institution",
        id="a-bare-institution-noun-is-its-earlier-mention-with-a-demonym",
    ),
    pytest.param(
        "Le ministère a publié un bilan. « Les routes sont fermées », a annoncé le ministère.",
        "routes sont fermées",
        "ministère",
        "institution",
        id="a-bare-institution-noun-without-country-stays-bare",
    ),
    pytest.param(
        "Le pays cherche de nouveaux partenaires.\n\n"
        '"Le gouvernement a signé un accord de coopération", indique-t-il dans un communiqué.'
        '\n\n"La centrale couvrira les besoins des populations", poursuit le texte.'
        "\n\nLe communiqué du gouvernement burkinabè ne donne pas de date.",
        "a signé un accord",
        "gouvernement burkinabè",
        "document",
        id="a-document-named-without-issuer-is-its-issuer-named-later",
    ),
    pytest.param(
        "Le pays cherche de nouveaux partenaires.\n\n"
        '"Le gouvernement a signé un accord de coopération", indique-t-il dans un communiqué.'
        '\n\n"La centrale couvrira les besoins des populations", poursuit le texte.'
        "\n\nLe communiqué du gouvernement burkinabè ne donne pas de date.",
        "couvrira les besoins",
        "gouvernement burkinabè",
        "document",
        id="the-text-goes-on-with-the-previous-document-quote",
    ),
    pytest.param(
        "Une décision qu'approuve Kofi Mensavi, secrétaire général d'une association. "
        "« Le pays fait ainsi preuve d'autonomie. » Mais il reste inquiet.",
        "preuve d'autonomie",
        "Kofi Mensavi",
        "anaphora",
        id="a-stand-alone-quote-after-a-sentence-naming-one-person",
    ),
    pytest.param(
        "Kofi Mensavi a reçu Samuel Tanelbaye lundi. "
        "« Le pays fait ainsi preuve d'autonomie. » Les deux hommes se reverront.",
        "preuve d'autonomie",
        None,
        None,
        id="a-stand-alone-quote-after-a-sentence-naming-two-people-is-no-one",
    ),
    pytest.param(
        "Kofi Mensavi a quitté Bamako lundi. Le gouvernement malien a dénoncé des « propos "
        "inamicaux ». « Nous ne l'accepterons pas », a-t-il ajouté.",
        "accepterons",
        "gouvernement malien",
        "institution",
        id="a-pronoun-after-an-institution-quote-is-the-institution",
    ),
    pytest.param(
        "Kofi Mensavi a quitté Bamako lundi.\n\nLa Banque mondiale a publié un rapport mardi. "
        "« La croissance ralentit », indique-t-elle.",
        "croissance ralentit",
        "Banque mondiale",
        "institution",
        id="elle-after-an-institution-subject-is-the-institution",
    ),
    pytest.param(
        "Le gouvernement a dénoncé des « propos inamicaux ». Kofi Mensavi a quitté Bamako. "
        "« Nous ne l'accepterons pas », a-t-il ajouté.",
        "accepterons",
        "Kofi Mensavi",
        "pronoun",
        id="a-person-named-after-the-institution-takes-the-pronoun",
    ),
    pytest.param(
        "L'armée malienne a, de son côté, dénoncé « une attaque lâche ».",
        "attaque lâche",
        "armée malienne",
        "institution",
        id="an-incidental-phrase-between-auxiliary-and-participle",
    ),
    pytest.param(
        "L'armée malienne a pour sa part dénoncé « une attaque lâche ».",
        "attaque lâche",
        "armée malienne",
        "institution",
        id="an-incidental-phrase-ends-the-institution-subject",
    ),
    pytest.param(
        "Le ministre Kofi Mensavi s'est exprimé lundi devant la presse.\n\n"
        "« La situation reste grave. Nous devons agir. »",
        "Nous devons agir",
        "Kofi Mensavi",
        "anaphora",
        id="a-paragraph-quotation-after-a-reporting-sentence-naming-one-person",
    ),
    pytest.param(
        "Kofi Mensavi a été arrêté lundi.\n\n« C'est une honte. »",
        "une honte",
        None,
        None,
        id="a-paragraph-quotation-after-a-sentence-without-reporting-verb-is-no-one",
    ),
    pytest.param(
        "« La situation reste grave », a précisé vendredi soir l'armée malienne.",
        "reste grave",
        "armée malienne",
        "institution",
        id="time-words-between-the-inverted-verb-and-its-subject",
    ),
    # fourth session (issue 16 on a second real-press set): shapes, made-up sentences
    pytest.param(
        '“Ces avions ont été livrés grâce à notre partenaire", ont communiqué les Forces '
        "armées tchadiennes sur leur page.",
        "livrés grâce",
        "Forces armées tchadiennes",
        "institution",
        id="opened-curly-closed-straight-and-a-plural-subject-before-a-complement",
    ),
    pytest.param(
        "« Le président a déclaré que les avions renforceront l'armée , précise un "
        "communiqué de la présidence tchadienne, diffusé par la radio.\n\nLa suite.",
        "renforceront l'armée",
        "présidence tchadienne",
        "document",
        id="an-unclosed-quote-ends-at-its-inverted-reporting-clause",
    ),
    pytest.param(
        "Il « permettra au Tchad d'obtenir des moyens », dit l'ATP sans plus de précision.",
        "obtenir des moyens",
        "ATP",
        "institution",
        id="a-complement-ends-the-inverted-subject",
    ),
    pytest.param(
        "« Du 3 au 5 mai », le ministre Kofi Mensavi a séjourné dans la région « pour "
        "vérifier l'arrêt des travaux », a précisé Radio Kanem. Sur place, le ministre « a "
        "constaté que les chantiers sont fermés », ajoute cette même source.",
        "Du 3 au 5 mai",
        "Radio Kanem",
        "institution",
        id="a-sentence-final-inverted-verb-governs-the-earlier-quotes",
    ),
    pytest.param(
        "« Du 3 au 5 mai », le ministre Kofi Mensavi a séjourné dans la région « pour "
        "vérifier l'arrêt des travaux », a précisé Radio Kanem. Sur place, le ministre « a "
        "constaté que les chantiers sont fermés », ajoute cette même source.",
        "chantiers sont fermés",
        "Radio Kanem",
        "institution",
        id="the-same-source-is-the-previous-quotes-source",
    ),
    pytest.param(
        "Le Tchad a « pris acte » de la décision et « choisi de fermer son consulat » dit le "
        "Quai d'Orsay.",
        "pris acte",
        "Quai d'Orsay",
        "institution",
        id="the-subject-of-a-non-reporting-verb-yields-to-the-final-inverted-verb",
    ),
    pytest.param(
        "Le Tchad a signé un accord. Pour la Russie, cet accord vise à « soutenir la pêche ».",
        "soutenir la pêche",
        "Russie",
        "institution",
        id="pour-a-country-at-a-clause-head-is-the-source",
    ),
    pytest.param(
        "«Le plan fixe les actions à mener», peut-on lire dans le communiqué publié sur son "
        "site par la Banque mondiale.\n\nToujours selon le communiqué, les parties veulent "
        "des projets de «formation des techniciens».",
        "formation des techniciens",
        "Banque mondiale",
        "document",
        id="the-agent-of-an-issuing-participle-is-the-documents-issuer",
    ),
    pytest.param(
        "Le Tchad « prend acte » de l'expulsion, a déclaré lundi le ministère des affaires "
        "étrangères tchadien. « En réponse, le Tchad a choisi de fermer son consulat ».",
        "En réponse",
        "ministère des affaires étrangères tchadien",
        "continuation",
        id="a-whole-sentence-quote-continues-an-institutions-quote",
    ),
    pytest.param(
        "Cinq ressortissants ont été arrêtés, ce que Bamako a qualifié d'enlèvement, assurant "
        "être prêt à « tout faire pour obtenir leur libération ».",
        "obtenir leur libération",
        "Bamako",
        "verb_subject",
        id="a-present-participle-takes-the-subject-before-it",
    ),
    pytest.param(
        "Les autorités ont décidé d'expulser le consul, a annoncé un communiqué lu à la "
        "télévision :\n\n« Le gouvernement de la République du Tchad informe l'opinion que "
        "le consul a été convoqué. »",
        "informe l'opinion",
        "gouvernement de la République du Tchad",
        "document",
        id="a-quoted-statement-names-its-issuer-in-its-first-words",
    ),
    pytest.param(
        "La visite de Kofi Mensavi « visait à montrer que Bamako a des amis », selon les experts.",
        "visait à montrer",
        None,
        None,
        id="a-group-noun-alone-as-source-says-no-one",
    ),
    pytest.param(
        "« La mission se poursuit », a indiqué la Minuska dans un communiqué.",
        "mission se poursuit",
        "Minuska",
        "institution",
        id="a-named-subject-of-the-inverted-verb-beats-the-quotes-own-subject",
    ),
    pytest.param(
        "La Cédéaa « condamne fermement » le coup d'État.",
        "condamne fermement",
        "Cédéaa",
        "institution",
        id="an-unlisted-proper-noun-subject-from-the-parse",
    ),
    pytest.param(
        "La ministre Aminata Konaté a reçu son homologue Kofi Mensavi. « Nous avons parlé de "
        "sécurité », a-t-elle ajouté.",
        "parlé de sécurité",
        "Aminata Konaté",
        "pronoun",
        id="a-feminine-role-describes-its-own-name-not-the-next-one",
    ),
    pytest.param(
        "Dans un communiqué publié mardi, le gouvernement tchadien a rejeté les accusations. "
        "« Ces allégations sont sans fondement », souligne le communiqué.",
        "sans fondement",
        "gouvernement tchadien",
        "document",
        id="a-documents-issuer-is-the-subject-of-the-clause-introducing-it",
    ),
    pytest.param(
        "La Banque mondiale a publié un rapport lundi. Le texte précise que « la croissance "
        "ralentit ».",
        "croissance ralentit",
        "Banque mondiale",
        "document",
        id="a-document-published-by-a-subject-earlier",
    ),
    pytest.param(
        "À en croire le ministre Kofi Mensavi, « la situation est maîtrisée ».",
        "situation est maîtrisée",
        "Kofi Mensavi",
        "source_phrase",
        id="a-en-croire-names-the-source",
    ),
    pytest.param(
        "Kofi Mensavi a reçu Moses Ronoki. Ce dernier a salué « la qualité de la coopération ».",
        "qualité de la coopération",
        "Moses Ronoki",
        "anaphora",
        id="ce-dernier-is-the-person-named-last-not-the-topic",
    ),
    pytest.param(
        "Kofi Mensavi a reçu le ministre. Ce dernier a salué « la qualité de la coopération ».",
        "qualité de la coopération",
        None,
        None,
        id="ce-dernier-after-an-unnamed-role-is-no-one",
    ),
    pytest.param(
        "Le ministère des Affaires étrangères a convoqué l'ambassadeur. Dans un communiqué, il "
        "dénonce « des propos inacceptables ».",
        "propos inacceptables",
        "ministère des Affaires étrangères",
        "institution",
        id="a-clause-initial-il-after-an-institution-opening-the-sentence-before",
    ),
    pytest.param(
        "« Il n'y a pas de crise », affirme-t-on à la présidence.",
        "pas de crise",
        "présidence",
        "institution",
        id="an-inverted-on-verb-and-its-place-of-source",
    ),
    pytest.param(
        "Le président Kofi Mensavi a reçu les ambassadeurs. Le chef de l'État a dénoncé « un "
        "double discours ».",
        "double discours",
        "Kofi Mensavi",
        "anaphora",
        id="a-role-synonym-stands-for-the-person-just-named",
    ),
    pytest.param(
        "Le ministre Kofi Mensavi a reçu les ambassadeurs. Le chef de l'État a dénoncé « un "
        "double discours ».",
        "double discours",
        None,
        None,
        id="another-office-does-not-stand-for-the-person-just-named",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker", "source"), CASES)
def test_speaker_shapes(text: str, fragment: str, speaker: str | None, source: str | None) -> None:
    quote = quote_with(text, fragment)
    assert quote["speaker"] == speaker, quote
    if source is not None or speaker is None:
        assert quote["speaker_source"] == source, quote


INTERVIEW = (
    "De passage à Paris, le ministre Kofi Mensavi a accordé une interview à une radio. "
    "Il évoque la coopération de son pays avec la Russie.\n\n"
    "Vous rentrez de Moscou. Quelles sont vos impressions ?\n\n"
    "Nous avons beaucoup appris. Je pense que ce voyage comptera, Samuel Tanelbaye l’a dit.\n\n"
    "Nous reviendrons en mai.\n\n"
    "Qu’est-ce qui vous a surpris ?\n\n"
    "Kofi Mensavi : La technologie, toujours.\n\n"
    "Propos recueillis par Aminata Konaté"
)


def test_interview_answers_without_marks_are_the_interviewees() -> None:
    quotes = extract_quotes(INTERVIEW, sentences_of(INTERVIEW), build_mentions(INTERVIEW))
    assert [(q["text"], q["speaker"], q["speaker_source"]) for q in quotes] == [
        (
            "Nous avons beaucoup appris. Je pense que ce voyage comptera, Samuel Tanelbaye "
            "l’a dit.\n\nNous reviendrons en mai.",
            "Kofi Mensavi",
            "interview",
        ),
        ("La technologie, toujours.", "Kofi Mensavi", "interview"),
    ]


def test_interview_answers_after_labelled_questions() -> None:
    text = (
        "Le ministre Kofi Mensavi était à Paris.\n\nQuestion : Et la sécurité ?\n\n"
        "Réponse : Elle s'améliore nettement.\n\nQuestion : Et après ?\n\n"
        "Réponse : La paix, d'abord.\n\nPourquoi ?\n\nParce que tout se tient."
    )
    quotes = extract_quotes(text, sentences_of(text), build_mentions(text))
    assert [(q["text"], q["speaker"]) for q in quotes] == [
        ("Elle s'améliore nettement.", "Kofi Mensavi"),
        ("La paix, d'abord.", "Kofi Mensavi"),
        ("Parce que tout se tient.", "Kofi Mensavi"),  # any question, once the layout is known
    ]


def test_questions_not_put_to_someone_make_no_interview() -> None:
    # rhetorical questions as subheads: no "vous" in them
    text = INTERVIEW.replace("Vous rentrez de Moscou. Quelles sont vos impressions ?", "Et après ?")
    text = text.replace("Qu’est-ce qui vous a surpris ?", "Pourquoi maintenant ?")
    assert extract_quotes(text, sentences_of(text), build_mentions(text)) == []
    # no interview announced in the lead and questions not labelled
    text = INTERVIEW.replace("a accordé une interview à une radio", "a parlé à une radio")
    assert extract_quotes(text, sentences_of(text), build_mentions(text)) == []


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        pytest.param(
            "Kofi Mensavi a reçu Moses Ronoki. Ce dernier a rappelé « notre amitié ». "
            "Aussi, il a salué « un accord historique ».",
            "accord historique",
            "Moses Ronoki",
            id="a-pronoun-after-ce-dernier-is-the-latter",
        ),
        pytest.param(
            "Kofi Mensavi a reçu Moses Ronoki. Ce dernier point a été réglé. "
            "Aussi, il a salué « un accord historique ».",
            "accord historique",
            "Kofi Mensavi",
            id="ce-dernier-as-a-determiner-is-no-subject",
        ),
        pytest.param(
            "Kofi Mensavi a reçu Moses Ronoki. Celui-ci a déclaré : « La paix d'abord ». "
            "Puis il a ajouté : « Nous resterons ».",
            "Nous resterons",
            "Moses Ronoki",
            id="celui-ci-is-the-latter-and-the-topic-after-it",
        ),
        pytest.param(
            "Le président Kofi Mensavi a rencontré Aminata Konaté. « La paix d'abord », "
            "a-t-elle souligné.",
            "La paix d'abord",
            "Aminata Konaté",
            id="elle-is-not-a-man-known-by-his-masculine-role",
        ),
        pytest.param(
            "Kofi Mensavi est arrivé. De plus, le ministère des Affaires étrangères, de la "
            "Coopération et des Tchadiens de l'extérieur a souligné que la décision est "
            "définitive. « Toute observation est sans objet », a-t-il fait savoir.",
            "sans objet",
            "ministère des Affaires étrangères, de la Coopération et des Tchadiens de l'extérieur",
            id="a-pronoun-after-an-institution-with-a-long-official-name",
        ),
        pytest.param(
            "Kofi Mensavi est détenu. Dans un communiqué, la Banque mondiale s’est déclarée "
            "préoccupée par ce qu’elle a appelé « une crise grave ».",
            "crise grave",
            "Banque mondiale",
            id="a-pronoun-after-an-institution-subject-of-the-same-sentence",
        ),
    ],
)
def test_pronoun_antecedents(text: str, fragment: str, speaker: str) -> None:
    assert quote_with(text, fragment)["speaker"] == speaker


def test_speaker_source_values_and_schema() -> None:
    text = "« Le dialogue est ouvert », a déclaré Kofi Mensavi. « Nous attendons des actes. »"
    quotes = extract_quotes(text, sentences_of(text), build_mentions(text))
    assert [q["speaker_source"] for q in quotes] == ["inverted", "continuation"]
    assert all(q["speaker_source"] in SPEAKER_SOURCES for q in quotes)
    assert "speaker_source" in SCHEMAS["quotes"].columns


def test_a_demonstrative_pronoun_is_no_institution() -> None:
    text = "Kofi Mensavi a lu le texte. Celui-ci prévoit « une trêve »."
    assert quote_with(text, "une trêve")["speaker"] is None
