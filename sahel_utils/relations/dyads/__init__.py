"""Partner pairs (dyads): which states an article reports as cooperating, in what, and when.

The stage reads the tagging tables and works sentence by sentence:

1. **Actors** of a sentence are its country and bloc mentions (capitals and demonyms are
   already countries in the mentions table) and the affiliations of its people,
   organisations and places ("Wagner" -> RUS, "FAMa" -> MLI). Historical states count as
   their successor ("URSS" -> RUS). In an article that names a bloc, "les trois pays du
   Sahel" & co. stand for the bloc. A mention in a contrast or conflict clause ("a pris
   ses distances avec la France", "l'ex-puissance coloniale française", "Alger accuse
   Bamako", "inférieur à celui du Ghana") is an adversary, not an actor, and so are the
   states listed right after it ("rompu avec la France et le Tchad"). A former office
   holder ("l'ancien président nigérian") stands for no state; a sentence opening on
   "le pays", "le régime", "la junte" … names the article's single most mentioned state,
   one opening on "Il"/"Elle" (or a clause "; elle a aussi livré …") the previous
   sentence's subject, unless its determiner has the other gender. A country adjective
   or name qualifying a company, team, NGO or refugees ("le groupe français", "l'équipe
   nationale du Maroc", ``non_state_nouns``) is no actor, and a sentence about sport
   (``sport_cues``) names none. A contrast that reaches a non-state body goes on along
   its list ("face à l'Union européenne et au Soudan").
2. **Candidate pairs**: a sentence with at least two sides and a cooperation or tension
   cue proposes pairs of its actors (step 4 keeps those a predicate takes as arguments).
   A bloc's members named together are one side (the bloc), from the bloc's founding
   year (``bloc_since``: three Sahel states in 2022 are three states); a bloc is never
   paired with its members; two members of one bloc are paired when the text pairs them
   ("Mali-Niger", "entre le Mali et le Niger") or a predicate takes them as its
   arguments ("Damiba a rencontré son homologue Goïta"). (Without ``STRICT_ARGUMENTS``: with three
   sides or more, actors named in one list are one side and a pair must include one of
   the article's main actors; with it, the predicate's arguments decide.) A
   sentence that joins a state with a non-state body ("le dialogue entre la Cedeao et
   l'AES") gives only its explicit pairs: its cue belongs to that state and that body.
3. **Main pair** of the article: the pair with the most evidence sentences. "Les deux
   pays", "les deux parties", "bilatéral" in a sentence whose actors belong to it refer
   to it (to the main pair of two states when there is one).
4. **Relations with roles** (issue 8). A pair stands only when a predicate takes it as
   its arguments (lexical route, no parse): the predicate's object is the first actor
   after it in its clause (with its list), its subject the nearest actor before it (with
   its list), or the genitive of a predicate noun ("la visite du ministre russe en
   Égypte", "l'aide de la Russie") unless a possessive owns the noun ("son alliance de
   la France vers la Russie"); a second genitive is no object ("en provenance de la
   Russie et de l'Ukraine"). Without a subject, the members of one complement are
   partners only when it joins them ("entre X et Y", not "avec X et Y"); an attribute
   noun ("comme un partenaire") never pairs its subjects. Directional predicates
   (livrer, soutenir, importer…) pair a subject with an object; reciprocal ones
   (coopérer, signer un accord…) also pair the actors of one list ("le Mali, l'Algérie
   et la Turquie ont signé"). The nearest such predicate gives the row's ``predicate``;
   a tension predicate (accuse, bloque, sanctionne, dénonce…) makes it a ``relation:
   tension`` row, kept apart, like strained relations and the adversaries of contrast
   cues; a cooperation noun or infinitive governed by a tension predicate takes no
   subject from before it ("le blocus russe des exportations ukrainiennes"); a sentence
   that suspends or ends a cooperation ("suspend sa coopération avec", ``ending_predicates``)
   gives its tension pairs a cooperation row too (a past partner is still a partner), and
   so does an ended troop presence ("a ordonné le départ des soldats français",
   ``ended_presence``) for the pair of the troops' state and the state named nearest. A
   tension predicate in the agentless passive ("il est critiqué pour son alliance avec
   X", ``passive_auxiliaries``) names only its target and pairs nobody. In a sentence of
   strained relations between two sides, states of one side named apart are partners
   where a predicate says so ("le Mali et ses alliés du Niger et du Burkina Faso ont
   rappelé leurs ambassadeurs en Algérie"). A side of a tension is named as a state: an
   organisation stands for its state in a cooperation ("le Mali a recours au groupe
   Wagner"), not in a tension ("Paris dénonce les exactions du groupe Wagner"); a
   partner word in apposition to a side ("la France, partenaire historique",
   ``partner_appositions``) gives the tension pair a cooperation row too. An adverbial
   infinitive with no subject ("avant de se rendre en Z", "pour aider Y",
   ``control_markers``) takes its main clause's subject, and is planned. A quoted noun
   phrase with its complement ("a dénoncé « les manipulations » de Moscou") is the
   verb's object, not a quotation it reports. A
   stem inside a ``non_predicates`` phrase of ``predicates.yaml`` ("à l'aide de", "un
   entretien accordé à", "en signe de") is no predicate. ``modality`` is ``denied``
   (dément, aucun, "n'a pas" before the predicate),
   ``planned`` (entend, pourrait, annonce, future tense) or ``reported``. A country
   adjective right after a predicate noun is its agent, like a genitive ("le soutien
   ukrainien"; with a recipient of its own, "… aux rebelles", the actor before is no
   object); an actor of a quotation closed with its reporting verb before the predicate,
   or of a fronted subordinate clause ("Alors que X et Y s'opposent, une livraison …",
   ``subordinate_openers``), is no lexical subject. A state withdrawing from others
   ("forcée à se retirer du Mali et du Niger", ``withdrawal_verbs``) gives a tension row
   and an ended cooperation row with each. Actors that
   attribute the sentence ("selon X", "X affirme que …", "…, affirme X") go to
   ``source``, never a party; venues, residences, victims, historical comparisons
   ("comme jadis en Angola"), a route or a border ("via la Libye", "à la frontière
   entre X et Y"), an organisation's membership list ("le G5 Sahel regroupe
   …") and news organisations are no actors; a historical state is a party only of a
   sentence dated in its own time (an undated sentence is of the article's time for a
   state named in passing by an adjective: "la victoire soviétique").
5. **Domains** come from the cues of the relation's clause (from a cue ending within
   ``DOMAIN_REACH`` characters before the pair to the clause's end, never past a tension
   predicate: "…, accusant X de fournir des armes"; a tie keeps every tied domain; no
   cue: the domain a contact or an alliance predicate says, ``predicate_domains``), and
   for a sentence without a pair of its own that holds a cooperation predicate (a domain
   cue alone says nothing of a partnership) and names a side of the pair or refers back
   to it, and no collective partner ("avec le continent africain",
   ``collective_partners``), the cues of that predicate's clause, from
   close context: list items under an introducing
   sentence take its pair; a sentence whose actors belong to a pair evidenced earlier in
   its paragraph or in the subheading above takes that pair; a sentence with a
   cooperation cue that names a side of the main pair, and no other state, takes the
   main pair (a sentence naming no state takes only a pair of its paragraph). A
   sentence whose source is a side of a pair ("Khartoum affirme que …") gives that pair
   nothing from context.
6. **Date**: the resolved time expression of the relation's clause nearest to its
   predicate (not one of another clause or of a fronted subordinate clause; a pair from
   context: the sentence's first, a list item: its introduction's), else the article's
   ``published`` date when the parse says the predicate's verb is a present or a passé
   composé (indicative), else none -- never from a neighbouring sentence.

**Parse route** (``USE_PARSE``): where the ``predicates`` table (the dependency parse of
the sentences holding two actors and a cue, ``annotation/predicates.py``) has rows for a
predicate and finds at least ``PARSE_MIN_ARGUMENTS`` actors among its arguments, those
roles decide whether the predicate takes the pair (step 4) instead of the positions: its
subject (``nsubj``, a passive's ``agent``, a relative clause's antecedent, a noun
predicate's genitive: "le soutien *de la Russie* au Mali") and its objects (``obj``,
``obl``, ``nmod``…; without a subject, the complements of one joining preposition:
"entre X et Y"; the state qualifying a passive subject of a directional predicate
with no agent is its sender: "des soldats britanniques sont déployés au Mali"; a noun
with a subject of its own and no other complement has its genitive as object: "X
participe à la formation des soldats de Y"); a
conditional or future verb makes the row ``planned``. Without parse rows (or with
too few arguments found) the lexical rules apply.

Vocabulary is data: predicate stems (cooperation, tension, directional) and pair
references in ``annotation/resources/fr/predicates.yaml`` (their one home, shared with
the parse), the rest (contrast, setting, source and modality cues, blocs) in
``resources/fr/dyad_cues.yaml``, both read through the schema-checked lexicon loader.

Modules, in the order of the work: :mod:`.options` (the rules' switches), :mod:`.cues`
(the vocabulary and its schema), :mod:`.model` (actors, bindings, sentences),
:mod:`.parties` (who is a party), :mod:`.anaphora` (actors named without a name),
:mod:`.pairs` (candidate pairs), :mod:`.parse` and :mod:`.binding` (which predicate takes
a pair as its arguments), :mod:`.modality`, :mod:`.domains`, :mod:`.dates`,
:mod:`.relations` (a sentence's cooperation and tension pairs), :mod:`.rows` (an
article's rows, pairs from context).
"""

from __future__ import annotations

from sahel_utils.relations.dyads.anaphora import focus_actors
from sahel_utils.relations.dyads.binding import bind_pair, predicate_cues
from sahel_utils.relations.dyads.cues import CUES_FILE, DyadCues, DyadCuesFile, load_dyad_cues
from sahel_utils.relations.dyads.model import Actor, Binding, fold_same_length
from sahel_utils.relations.dyads.pairs import sentence_pairs
from sahel_utils.relations.dyads.parties import actor_of_mention, is_contrasted, mention_roles
from sahel_utils.relations.dyads.rows import extract_dyads

__all__ = [
    "Actor",
    "Binding",
    "CUES_FILE",
    "DyadCues",
    "DyadCuesFile",
    "actor_of_mention",
    "bind_pair",
    "extract_dyads",
    "focus_actors",
    "fold_same_length",
    "is_contrasted",
    "load_dyad_cues",
    "mention_roles",
    "predicate_cues",
    "sentence_pairs",
]
