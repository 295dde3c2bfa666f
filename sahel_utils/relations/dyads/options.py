"""Tuning switches of the dyad rules (ablations and reach in characters)."""

from __future__ import annotations

#: A noun predicate's genitive is its object when a governing verb gives it a subject and
#: it has no other complement ("X participe à la formation des soldats de Y").
GENITIVE_AS_OBJECT = True

#: A tension predicate in the passive with no agent ("il est critiqué pour son alliance
#: avec X") names only its target: it takes no pair.
AGENTLESS_PASSIVE_TAKES_NO_PAIR = True

#: In a sentence of strained relations between two sides, the states of one side are
#: partners when a cooperation predicate takes them as its arguments ("le Mali et ses
#: alliés du Niger et du Burkina Faso ont rappelé leurs ambassadeurs en Algérie"; there,
#: bloc members named apart are states of their own).
ALLIES_IN_HOSTILE = True

#: Whether a domain cue alone (no cooperation predicate) makes co-occurring actors partners.
DOMAIN_CUE_MAKES_PAIRS = False

#: Whether a domain cue ("drones", "formation") can stand as the predicate of a pair.
DOMAIN_CUE_IS_PREDICATE = False

#: Whether a pair needs a predicate that takes it as arguments (else: nearest predicate).
STRICT_ARGUMENTS = True

#: Whether two members of one bloc are paired when a predicate takes them as its
#: arguments ("Damiba a rencontré son homologue Goïta"), not only when the text joins them.
SAME_BLOC_BY_ARGUMENTS = True

#: Whether a lexical object must lie in the predicate's clause (no punctuation between).
OBJECT_IN_CLAUSE = True

#: Characters within which an object may lie past punctuation (an apposition).
OBJECT_REACH = 40

#: Whether "le pays", "le régime" … opening a sentence stand for the article's state.
ANAPHORIC_SUBJECTS = True

#: Whether a sentence without a pair of its own gives domains to a pair of its context.
CONTEXT_DOMAINS = True

#: Whether such a sentence must name a side of the pair or hold a cooperation cue.
CONTEXT_NEEDS_ANCHOR = True

#: Whether such a sentence (not a list item) must hold a cooperation predicate.
CONTEXT_NEEDS_COOPERATION = True

#: Whether a sentence naming no state but holding a cooperation cue gives its domains to
#: the article's main pair. Only when it refers back with a demonstrative ("ces appareils
#: renforcent …", ``anaphoric_determiners``): "des gouvernements africains ont demandé
#: l'aide …" does not say which pair it is about (it still gives them to a pair evidenced
#: earlier in its paragraph). Tuned dev part: dyad x domain precision 0.782 -> 0.802.
MAIN_PAIR_FOR_ANONYMOUS = True

#: "nearest": the domain cues nearest to the pair and its predicate; "sentence": all.
DOMAIN_BINDING = "clause"

#: Whether, with no cue in the relation's clause, the nearest cue of the sentence binds.
NEAREST_OUTSIDE_CLAUSE = True

#: Cues this close (characters) to the pair and its predicate are all bound to it.
DOMAIN_REACH = 40

#: Whether the dependency parse (``predicates`` table) decides a predicate's arguments,
#: modality and date where it has rows (else, and without the table: the lexical rules).
USE_PARSE = True

#: "replace": where the parse finds arguments it alone decides; "union": the parse or
#: the lexical positions may take the pair as arguments.
PARSE_MODE = "replace"

#: Fewest distinct actors the parse must find as arguments to decide (fewer: a parse
#: that missed an argument, "importe 100 % de son blé de la Russie"; the lexical rules).
PARSE_MIN_ARGUMENTS = 2

#: Whether the state qualifying a passive subject ("des soldats britanniques sont
#: déployés au Mali") is the predicate's subject (its sender) when no agent is named.
PASSIVE_ORIGIN = True

#: Whether "le pays", "le régime" … opening a sentence stand for the previous sentence's
#: subject when the article has no single most mentioned state.
ANAPHORA_FROM_PREVIOUS = True

#: Whether a nested mention's genitive case belongs to the argument it sits in ("des armes
#: au Tchad": Chad is no genitive subject of the predicate noun).
NESTED_CASE_OF_TOP = True

#: Whether the tension pairs of a sentence that suspends or ends a cooperation ("la France
#: suspend sa coopération militaire avec le Mali") are also partners (a past partner is
#: still a partner), with the cooperation word as predicate.
ENDED_WAS_COOPERATION = True

#: Characters within which the cooperation word follows the ending predicate.
ENDED_REACH = 60

#: Whether a sentence gives its domains to a pair of its context only when it names a side
#: of the pair or refers back to it with a demonstrative ("ces appareils", "cette
#: coopération"): a sentence naming no state and referring to nothing is about no pair
#: in particular ("il faut investir énormément de ressources").
CONTEXT_NEEDS_MENTION = True

#: Whether a tension pair needs each side named as a state (a country, bloc, or person),
#: not only through an organisation that stands for it ("le groupe Wagner").
TENSION_NEEDS_STATES = True

#: Whether a subject mention nested in the subject phrase is left out only when another
#: predicate stands before it in the sentence ("le soutien de X à Y s'est renforcé"), not
#: when it qualifies a person ("la cheffe de la diplomatie française a dénoncé …").
NESTED_SUBJECT_NEEDS_PREDICATE = True

#: Whether the predicate of an adverbial infinitive ("avant de se rendre en Z", "pour
#: aider Y") takes the main clause's subject (``control_markers``) when it has none.
SUBJECT_CONTROL = True

#: Whether a sentence whose source (attribution: "X affirme que …", "selon X") is a side
#: of a pair, and which names the other side, gives that pair no domains from context
#: ("Khartoum affirme que les Émirats sont responsables, en raison de leur soutien à la
#: milice": not their cooperation).
SOURCE_IS_NO_CONTEXT_PARTY = True

#: Whether an actor inside a quotation closed before a predicate is no lexical subject of
#: it ("« … aller à Paris … », a indiqué X, à la conférence conjointe avec Y").
NO_SUBJECT_IN_CLOSED_QUOTE = True

#: Whether a state withdrawing from others ("forcée à se retirer du Mali et du Niger",
#: ``withdrawal_verbs``) gives a tension row and an ended cooperation row with each.
WITHDRAWAL_ENDS_PRESENCE = True

#: Whether a predicate noun whose agent is followed by a recipient complement naming no
#: state ("le soutien russe aux rebelles") takes no object from before it (else the actor
#: before is its object: "le Mali a accepté l'aide de la Russie").
DATIVE_BLOCKS_FALLBACK = True

#: Whether a directional predicate whose parse finds objects but no subject actor (a
#: pronoun: "une tournée … qui l'a conduit en X") takes its subject from the positions.
LEXICAL_SUBJECT_FOR_PARSE = True
