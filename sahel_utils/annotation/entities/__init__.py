"""Entity components: people, organisations, places and countries with canonical ids.

The statistical model (``fr_core_news_md``) gives PER/LOC/ORG/MISC spans with frequent
errors on news text: titles inside names ("Capitaine Ibrahim Traoré" as ORG), elided
words taken for entities ("L'", "Goïta s'"), names split in two ("Denis Sassou" +
"N'Guesso"). The ``sahel_entities`` component combines those spans with the gazetteer
matches (``doc.spans["gazetteer*"]``, written by spaCy ``span_ruler`` components) and
with general French rules, and writes the resolved mentions to ``doc._.mentions``
(and, for display, ``doc.spans["mentions"]``):

- countries by name, by capital or seat used for the state ("Moscou a signé") and by
  adjective ("la partie russe"); a capital after a locative preposition ("à Moscou") is a
  place; a country name after "fleuve", "golfe de" … is a river or a sea; an adjective
  after "en" is a language ("en français");
- hyphenated pairs ("Mali-Russie", "maliano-russe") give both sides;
- titles and ranks are stripped from names; a capitalised name after a title is a person;
  a name the article also uses for a place or an organisation, or a lone surname after a
  common noun ("les drones Bayraktar"), is not;
- people are grouped within the article ("Assimi Goïta" … "Goïta" … "le président
  malien"); a family name alone goes to the last person named with it;
- a person's country comes from the gazetteer or from the words around the name
  ("son homologue malien, X", "X, ministre égyptien des ...", "le Sénégalais X",
  "une délégation russe conduite par ..., X"); when every such phrase contradicts the
  gazetteer, the text wins (a namesake).

Vocabulary is data: ``resources/fr/entity_rules.yaml`` and the gazetteer files.

Modules, in the order of the work: :mod:`.rules` (the vocabulary), :mod:`.model`
(mentions and people), :mod:`.view`, :mod:`.name_shapes`, :mod:`.role_phrases`,
:mod:`.affiliation_context` and :mod:`.context` (what the rules read about one Doc),
:mod:`.gazetteer_mentions` and :mod:`.model_mentions` (mention collection),
:mod:`.senses` (what a capitalised word names), :mod:`.people` (same person),
:mod:`.person_countries` (a person's country), :mod:`.component` (the pipeline
components).
"""

from sahel_utils.annotation.entities.component import (
    EntityResolver,
    ParagraphBreaks,
    make_entity_resolver,
    make_paragraph_breaks,
)
from sahel_utils.annotation.entities.model import (
    GAZETTEER_SPANS_KEYS,
    INSTITUTION,
    MENTION_SPANS_KEY,
    SEAT_ROLES,
    Mention,
    PersonCluster,
)
from sahel_utils.annotation.entities.people import _similar
from sahel_utils.annotation.entities.rules import (
    RULES_FILE,
    EntityRules,
    EntityRulesFile,
    load_entity_rules,
)
from sahel_utils.core.normalize import fold_same_length

__all__ = [
    "GAZETTEER_SPANS_KEYS",
    "INSTITUTION",
    "MENTION_SPANS_KEY",
    "RULES_FILE",
    "SEAT_ROLES",
    "EntityResolver",
    "EntityRules",
    "EntityRulesFile",
    "Mention",
    "ParagraphBreaks",
    "PersonCluster",
    "_similar",
    "fold_same_length",
    "load_entity_rules",
    "make_entity_resolver",
    "make_paragraph_breaks",
]
