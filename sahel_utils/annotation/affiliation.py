"""A person's country from the text, for people the gazetteer does not list.

:mod:`sahel_utils.annotation.entities` gives a person the gazetteer's country, or
the country of a role phrase around the name built on the listed role nouns
("le ministre malien X", "X, ministre égyptien des ..."). This module reads the
other phrases French press uses to say where someone is from, with any noun:

- ``apposition``: a phrase after the name, between commas or without them, or a
  predicate after "est"/"était" ("Hellah Sidibé, un ancien footballeur
  d'origine malienne,", "Dr X médecin nigérien", "X est un sculpteur béninois",
  "Enez Mango, du club kenyan Vihiga Queens", "X, représentant du Gabon");
- ``demonym``: a nationality right before the name ("la chancelière allemande
  Angela Merkel", "l'entraîneur allemand du nom de X", "le capitaine marocain X");
- ``role``: a noun with "de/du/des + country" right before the name ("le
  sélectionneur du Maroc, X").
- ``apposition`` also for a list of three or more people right after a group
  with a nationality ("cinq diplomates français … . A, B, C et D").

A country after a locative or a purpose preposition ("à Ouagadougou", "au
Burkina Faso", "pour le Cameroun") says where the person works, not whom they
belong to, and is skipped; in "franco-béninoise" the second side is the one.
The country found on one mention holds for every mention of the person in the
article (the coreference chain: same family name); those mentions get the
source ``inherited``.

Vocabulary (copulas, phrase stops, links, origin cues) is data:
``resources/fr/affiliation.yaml``; demonyms and country names come from the
gazetteer through the country mentions.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    folded_words,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold_same_length

VOCABULARY_FILE = "affiliation.yaml"


#: Characters before a country name searched for its "de/du/des" link word.
_LINK_WINDOW = 80


@register_schema("annotation", "affiliation.yaml")
class AffiliationFile(Lexicon):
    """``affiliation.yaml``: the words of the affiliation-from-context rules."""

    copulas: list[Word]
    phrase_stops: list[Word]
    name_links: list[Word]
    origin_cues: list[Word]
    local_nouns: list[Word]
    leading_verbs: list[Word]
    national_words: list[Word]
    counterpart_nouns: list[Word]
    member_nouns: list[Word]
    visit_nouns: list[Word]
    visit_verbs: list[Word]
    last_person_words: list[Word]
    ally_nouns: list[Word]
    reception_passive: list[Word]
    reception_active: list[Word]
    agent_words: list[Word]
    score_nouns: list[Word]
    team_nouns: list[Word]


#: Values of the ``country_source`` column of person mentions.
COUNTRY_SOURCES = ("gazetteer", "role", "apposition", "demonym", "host", "inherited")
_MAX_PHRASE_TOKENS = 16
_MAX_LEFT_CHARS = 90
_LOCAL_WINDOW = 50
#: A group noun with a nationality this far before a list of people gives its members
#: their country ("cinq diplomates français … . A, B, C"), for lists this long.
_MEMBERS_WINDOW = 160
_MIN_MEMBERS = 3
_BOUNDARIES = frozenset('.;:!?«»"“”()[]\n,')
_NOT_BELONGING = frozenset("pour contre avec vers sur entre envers face chez".split())


@dataclass(frozen=True)
class AffiliationVocabulary:
    """Folded word lists of ``affiliation.yaml``."""

    copulas: frozenset[str]
    phrase_stops: frozenset[str]
    name_links: frozenset[str]
    origin_cues: tuple[str, ...]
    local_nouns: frozenset[str] = frozenset()
    leading_verbs: frozenset[str] = frozenset()
    national_words: frozenset[str] = frozenset()
    #: "X … son homologue burkinabè": the country of someone else
    counterpart_nouns: frozenset[str] = frozenset()
    #: "cinq diplomates français … . A, B, C": a group whose members are then listed
    member_nouns: frozenset[str] = frozenset()
    #: "la visite de X à Bangui", "X s'est rendu à Moscou": the visitor is not of the place
    visit_nouns: frozenset[str] = frozenset()
    visit_verbs: tuple[str, ...] = ()
    #: "de ce dernier": the last person named
    last_person_words: tuple[str, ...] = ()
    #: "son compatriote X": the same country as the person named before
    ally_nouns: frozenset[str] = frozenset()
    #: "accueillis par X" / "X a reçu …": the host of guests from another country
    reception_passive: tuple[str, ...] = ()
    reception_active: tuple[str, ...] = ()
    agent_words: frozenset[str] = frozenset()
    #: "grâce à des buts de X": a player of the team the sentence is about
    score_nouns: frozenset[str] = frozenset()
    #: "le sélectionneur X": a national team's staff or player takes the host country
    team_nouns: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=4)
def load_affiliation_vocabulary(path: Path | None = None) -> AffiliationVocabulary:
    """Read ``affiliation.yaml`` (default: the package's French resources)."""
    data = load_lexicon(path or paths.ANNOTATION_RESOURCES / VOCABULARY_FILE, AffiliationFile)

    def words(key: str) -> list[str]:
        return folded_words(getattr(data, key))

    return AffiliationVocabulary(
        copulas=frozenset(words("copulas")),
        phrase_stops=frozenset(words("phrase_stops")),
        name_links=frozenset(words("name_links")),
        origin_cues=tuple(words("origin_cues")),
        local_nouns=frozenset(words("local_nouns")),
        leading_verbs=frozenset(words("leading_verbs")),
        national_words=frozenset(words("national_words")),
        counterpart_nouns=frozenset(words("counterpart_nouns")),
        member_nouns=frozenset(words("member_nouns")),
        visit_nouns=frozenset(words("visit_nouns")),
        visit_verbs=tuple(words("visit_verbs")),
        last_person_words=tuple(words("last_person_words")),
        ally_nouns=frozenset(words("ally_nouns")),
        reception_passive=tuple(words("reception_passive")),
        reception_active=tuple(words("reception_active")),
        agent_words=frozenset(words("agent_words")),
        score_nouns=frozenset(words("score_nouns")),
        team_nouns=frozenset(words("team_nouns")),
    )


class _Reader:
    """Phrases around person mentions of one Doc (see the module docstring)."""

    def __init__(
        self,
        ctx: Any,
        signals: list[Any],
        people_spans: list[tuple[int, int]],
        vocab: AffiliationVocabulary,
    ) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text: str = ctx.text
        self.folded: str = ctx.folded.lower()
        self.signals = [s for s in signals if s.entity_type == "country" and s.entity_id]
        self.people_spans = people_spans
        self.vocab = vocab
        self._starts: list[int] | None = None  # token offsets, for _tokens

    # --------------------------------------------------------------- helpers

    def _tokens(self, start: int, end: int) -> list[Any]:
        """Tokens wholly inside ``[start, end)`` (a binary search: linear in the article)."""
        if self._starts is None:
            self._starts = [t.idx for t in self.doc]
        i = bisect.bisect_left(self._starts, start)
        out = []
        while i < len(self._starts) and self._starts[i] + len(self.doc[i].text) <= end:
            out.append(self.doc[i])
            i += 1
        return out

    def _in_other_person(self, char: int, own: Any) -> bool:
        return any(s <= char < e and not (own.start <= s < own.end) for s, e in self.people_spans)

    def _is_verb(self, token: Any) -> bool:
        if token.pos_ not in ("VERB", "AUX"):
            return False
        participle = getattr(self.ctx, "is_adjectival_participle", None)
        return not (participle is not None and participle(token))

    def _belongs(self, signal: Any) -> bool:
        """A country naming the person's state, not a place of work or a purpose."""
        if self.ctx.after_locative(signal.start):
            return False
        before = re.findall(r"[\w']+", self.folded[max(0, signal.start - 25) : signal.start])
        before = [w for w in before if w not in {"le", "la", "les", "l'"}]
        return not (before and before[-1] in _NOT_BELONGING)

    def _counterpart(self, signal: Any) -> bool:
        """A country of someone else ("… adressé à son homologue burkinabè")."""
        before = re.findall(r"[\w'-]+", self.folded[max(0, signal.start - 30) : signal.start])
        return any(word in self.vocab.counterpart_nouns for word in before[-3:])

    def _country_in(self, start: int, end: int) -> Any:
        """The person's country among the country mentions of ``text[start:end]``."""
        inside = [
            s
            for s in self.signals
            if start <= s.start and s.end <= end and self._belongs(s) and not self._counterpart(s)
        ]
        if not inside:
            return None
        first = inside[0]
        for other in inside[1:]:
            if 0 <= other.start - first.end <= 1 and self.text[first.end : other.start] in (
                "-",
                "",
            ):
                return other  # "franco-béninoise": the second side
            break
        return first

    # ------------------------------------------------------------- phrases

    def right_phrase(self, mention: Any) -> tuple[int, int] | None:
        """Offsets of the phrase describing the person after the name, else None."""
        text, folded = self.text, self.folded
        pos = mention.end
        comma = re.match(r"[ \t\u00a0]*,[ \t\u00a0]*", text[pos : pos + 4])
        if comma:
            start = pos + comma.end()
            opening = re.match(r"\w+'|\w+", folded[start : start + 12])
            if opening and opening.group(0) in self.ctx.rules.coordinators:
                return None  # "X, et l'ambassadeur de France": another person
            if (
                opening
                and opening.group(0) in self.ctx.rules.left_determiners
                and self._titled(mention)
            ):
                return None  # "le ministre de l'Intérieur X, l'ambassadeur de …": a list
            relative = re.match(r"qui\s+(\w+)\s+", folded[start : start + 20])
            # "X, qui est …", "X, qui commande la mission militaire française"
            if relative and relative.group(1) in self.vocab.copulas | self.vocab.leading_verbs:
                start += relative.end()
        else:
            copula = re.match(r"\s+(\w+)\s+", folded[pos : pos + 20])
            if copula and copula.group(1) in self.vocab.copulas:
                start = pos + copula.end()
            else:
                first = self._tokens(pos, pos + 30)
                # "Dr X médecin nigérien" (the tagger often reads the noun as an adjective)
                if not first or first[0].pos_ not in ("NOUN", "ADJ") or not first[0].text.islower():
                    return None
                start = first[0].idx
        end = start
        for count, token in enumerate(self._tokens(start, start + 200)):
            word = fold_same_length(token.text.lower())
            if (
                count >= _MAX_PHRASE_TOKENS
                or token.text in _BOUNDARIES
                or word in self.vocab.phrase_stops
                or (count > 0 and self._is_verb(token))
                or self._in_other_person(token.idx, mention)
            ):
                break
            end = token.idx + len(token.text)
        return (start, end) if end > start else None

    def _titled(self, mention: Any) -> bool:
        """A role right before the name, no comma between ("le ministre de l'Intérieur X")."""
        before = self.folded[max(0, mention.start - 80) : mention.start]
        if before.rstrip().endswith((",", "(")):
            return False
        last = max(self.ctx.rules.role_regex.finditer(before), key=lambda m: m.end(), default=None)
        if last is None:
            return False
        rest = before[last.end() :].strip()
        return not rest or self.ctx.rules.portfolio_regex.fullmatch(rest) is not None

    def left_country(self, mention: Any) -> tuple[str, str] | None:
        """A nationality or "noun de Pays," right before the name."""
        start = mention.start
        candidates = [
            s for s in self.signals if start - _MAX_LEFT_CHARS <= s.start and s.end <= start
        ]
        if not candidates:
            return None
        signal = candidates[-1]
        if not self._belongs(signal):
            return None
        gap = self.text[signal.end : start]
        if "\n" in gap or any(c in gap for c in '.;:!?«»"“”()'):
            return None
        gap_words = re.findall(r"[\w']+", fold_same_length(gap.lower()))
        if any(self._in_other_person(c, mention) for c in range(signal.end, start)):
            return None
        if signal.demonym and self.text[signal.start : signal.start + 1].islower():
            return self._demonym_before(signal, gap_words)
        # "le sélectionneur du Maroc, X"
        if gap_words or not re.fullmatch(r"[ \t\u00a0]*,[ \t\u00a0]*", gap):
            return None
        return self._role_of_country(signal)

    def _demonym_before(self, signal: Any, gap_words: list[str]) -> tuple[str, str] | None:
        """A nationality after a noun: "la chancelière allemande X", "l'entraîneur allemand"."""
        if len(gap_words) > 4 or any(w not in self.vocab.name_links for w in gap_words):
            return None
        before = self._tokens(max(0, signal.start - 40), signal.start)
        if not before or before[-1].pos_ not in ("NOUN", "ADJ") or not before[-1].text.islower():
            return None
        return signal.entity_id, "demonym"

    def _role_of_country(self, signal: Any) -> tuple[str, str] | None:
        """A noun with "de/du/des + country" ending right before the name."""
        # A bounded window before the name: a search over all the text before each
        # signal would make an article with long blank runs quadratic.
        window_start = max(0, signal.start - _LINK_WINDOW)
        link = re.search(
            r"(?:\b(?:de|du|des)\s+(?:la\s+|l')?|\bd')\s*$",
            self.folded[window_start : signal.start],
        )
        if link is None:
            return None
        link_start = window_start + link.start()
        noun = self._tokens(max(0, link_start - 30), link_start)
        if not noun or noun[-1].pos_ != "NOUN" or not noun[-1].text.islower():
            return None
        return signal.entity_id, "role"

    def _enumeration_end(self, mention: Any) -> Any:
        """The last person of an enumeration the mention opens ("X et Y, fondateurs de …").

        None when no other person follows the mention after "," or "et".
        """
        last = None
        pos = mention.end
        while True:
            link = re.match(r"\s*(?:,\s*(?:et\s+)?|et\s+)", self.folded[pos : pos + 8])
            if link is None:
                return last
            nxt = next((span for span in self.people_spans if span[0] == pos + link.end()), None)
            if nxt is None:
                return last
            last = SimpleNamespace(start=nxt[0], end=nxt[1])
            pos = nxt[1]

    def mention_country(self, mention: Any) -> tuple[str, str] | None:
        """Country and source the phrases around one mention give, else None."""
        phrase = self.right_phrase(mention)
        if phrase is None:
            last = self._enumeration_end(mention)
            if last is not None:
                shared = self.right_phrase(last)
                # "X et Y, fondateurs de la start-up burkinabè": a plural phrase for all
                if shared is not None and self.folded[shared[0] : shared[1]].split()[0][-1:] in (
                    "s",
                    "x",
                ):
                    phrase = shared
        if phrase is not None:
            signal = self._country_in(*phrase)
            if signal is not None:
                return signal.entity_id, "apposition"
        bracketed = self._bracketed_country(mention)
        if bracketed is not None:
            return bracketed, "apposition"
        return self.left_country(mention) or self.group_member(mention) or self.scorer_team(mention)

    def scorer_team(self, mention: Any) -> tuple[str, str] | None:
        """The team of a player credited with a score ("la Guinée a gagné grâce à un but de X").

        The country must be the subject of a clause of the sentence, before the score
        noun: the country mention right before a verb (a clitic allowed between).
        """
        first, _ = self._enumeration(mention)  # "des buts de A et |B"
        words = re.findall(r"[\w']+", self.folded[max(0, first - 30) : first])
        links = self.ctx.rules.geographic_links  # "de", "d'"
        if len(words) < 2 or words[-1] not in links or words[-2] not in self.vocab.score_nouns:
            return None
        token = self.ctx.token_at(mention.start)
        if token is None:
            return None
        sent_start = token.sent.start_char
        for signal in reversed([s for s in self.signals if sent_start <= s.start < mention.start]):
            after = self._tokens(signal.end, signal.end + 12)
            if after and after[0].pos_ == "PRON" and len(after) > 1:
                after = after[1:]
            if after and after[0].pos_ in ("VERB", "AUX") and not signal.demonym:
                return signal.entity_id, "role"
        return None

    def _bracketed_country(self, mention: Any) -> str | None:
        """A country alone in brackets right after the name ("Awa Diallo (Mali)")."""
        opening = re.match(r"[ \t]*\(\s*", self.text[mention.end : mention.end + 6])
        if opening is None:
            return None
        start = mention.end + opening.end()
        signal = next((s for s in self.signals if s.start == start), None)
        if signal is None or not re.match(r"\s*\)", self.text[signal.end : signal.end + 4]):
            return None
        return signal.entity_id

    def _enumeration(self, mention: Any) -> tuple[int, int]:
        """Start and size of the list of people the mention belongs to ("A, B, C et D")."""
        link = r"\s*,\s*(?:et\s+)?(?:[a-zà-ÿ]+\s+)?|\s+et\s+"
        spans = sorted(set(self.people_spans))
        index = next((i for i, span in enumerate(spans) if span[0] == mention.start), None)
        if index is None:
            return mention.start, 1
        first = last = index
        while first > 0 and re.fullmatch(link, self.text[spans[first - 1][1] : spans[first][0]]):
            first -= 1
        while last + 1 < len(spans) and re.fullmatch(
            link, self.text[spans[last][1] : spans[last + 1][0]]
        ):
            last += 1
        return spans[first][0], last - first + 1

    def group_member(self, mention: Any) -> tuple[str, str] | None:
        """A member of a group named just before a list of people.

        "l'expulsion de cinq diplomates français … . A, B, C et D sont sommés de partir":
        a list of at least three people right after a group noun with a nationality
        (``member_nouns``), with no other country in between, takes that nationality.
        """
        start, size = self._enumeration(mention)
        if size < _MIN_MEMBERS:
            return None
        before = [s for s in self.signals if start - _MEMBERS_WINDOW <= s.start and s.end <= start]
        if not before:
            return None
        signal = before[-1]
        between = self.folded[signal.end : start]
        if "\n\n" in between:
            return None
        words = re.findall(r"[\w'-]+", self.folded[max(0, signal.start - 30) : signal.start])
        if signal.demonym and words and words[-1] in self.vocab.member_nouns:
            return signal.entity_id, "apposition"
        # "l'équipe du Nigéria a connu une génération de joueurs, en l'occurrence A, B, C":
        # the group noun after the country, in the same sentence as the list
        later = re.findall(r"[\w'-]+", between)
        if (
            self._belongs(signal)
            and not any(c in between for c in ".;!?")
            and any(w in self.vocab.member_nouns for w in later)
        ):
            return signal.entity_id, "apposition"
        return None


def local_person(
    ctx: Any,
    mentions: list[Any],
    vocabulary: AffiliationVocabulary | None = None,
    people_spans: list[tuple[int, int]] | None = None,
) -> bool:
    """Whether a phrase next to one of the mentions makes the person a local.

    "Le survivant X", "un autre survivant blessé, X", "X, qui fait partie des
    déplacés", "X, secrétaire exécutif du réseau national de …": such a person
    belongs to the country the article reports from.

    Args:
        ctx: The entity component's Doc context (``text``, ``folded``).
        mentions: The person's mentions in the article.
        vocabulary: Word lists (default: ``resources/fr/affiliation.yaml``).
        people_spans: Offsets of every person mention: the words read stop at another
            person's name ("avec X Nos invités Y, enseignant": the teacher is Y).

    """
    vocab = vocabulary or load_affiliation_vocabulary()
    folded = ctx.folded.lower()
    for mention in mentions:
        floor = max(
            (
                e
                for _, e in people_spans or ()
                if mention.start - _LOCAL_WINDOW < e <= mention.start
            ),
            default=max(0, mention.start - _LOCAL_WINDOW),
        )
        left = folded[floor : mention.start]
        left = re.split(r"[.;:!?«»\"“”()\n]", left)[-1]
        stop = min(
            (s for s, _ in people_spans or () if mention.end <= s < mention.end + _LOCAL_WINDOW),
            default=mention.end + _LOCAL_WINDOW,
        )
        right = folded[mention.end : stop]
        right = re.split(r"[.;:!?«»\"“”()\n]", right.lstrip(" ,"))[0]
        after = re.findall(r"[\w'-]+", right)[:6]
        near = re.findall(r"[\w'-]+", left)[-3:] + after
        if any(word in vocab.local_nouns for word in near):
            return True
        # "le sélectionneur X", "Le joueur le plus capé, X": a player of the country's team
        apposition = re.findall(r"[\w'-]+", right.split(",")[0])[:3]
        if any(word in vocab.team_nouns for word in re.findall(r"[\w'-]+", left)[-6:] + apposition):
            return True
        # "X, secrétaire exécutif du réseau national de …": an office of the country
        if ctx.text[mention.end : mention.end + 3].lstrip().startswith(",") and any(
            word in vocab.national_words for word in after
        ):
            return True
    return False


def text_affiliation(
    ctx: Any,
    mentions: list[Any],
    signals: list[Any],
    people_spans: list[tuple[int, int]],
    vocabulary: AffiliationVocabulary | None = None,
) -> dict[int, tuple[str, str]]:
    """Countries the text gives to the mentions of one person.

    Args:
        ctx: The entity component's Doc context (``doc``, ``text``, ``folded``,
            ``after_locative``).
        mentions: The person's mentions in the article (one coreference chain).
        signals: Country mentions of the Doc, in text order (``demonym`` set on
            nationality adjectives).
        people_spans: Offsets of every person mention of the Doc.
        vocabulary: Word lists (default: ``resources/fr/affiliation.yaml``).

    Returns:
        ``{id(mention): (iso3, source)}`` for the mentions whose phrases name a country.

    """
    reader = _Reader(ctx, signals, people_spans, vocabulary or load_affiliation_vocabulary())
    found: dict[int, tuple[str, str]] = {}
    for mention in mentions:
        hit = reader.mention_country(mention)
        if hit is not None:
            found[id(mention)] = hit
    return found


def chain_country(found: dict[int, tuple[str, str]]) -> str | None:
    """The country most phrases of one chain give (the first found on ties)."""
    if not found:
        return None
    counts = Counter(country for country, _ in found.values())
    return counts.most_common(1)[0][0]


def label_sources(
    mentions: list[Any], country: str | None, how: str | None, found: dict[int, tuple[str, str]]
) -> None:
    """Write ``country_source`` on the mentions of one person.

    Args:
        mentions: The person's mentions.
        country: The country the person was given (None: no source).
        how: ``gazetteer``, ``host``, or None when phrases of the text gave it.
        found: ``{id(mention): (iso3, source)}`` of the phrases that named a country.

    """
    for mention in mentions:
        if country is None:
            source = None
        elif how is not None:
            source = how
        else:
            hit = found.get(id(mention))
            source = hit[1] if hit is not None and hit[0] == country else "inherited"
        mention.country_source = source


#: Characters after a visit word searched for the visitor, and after the visitor (or
#: a visit verb) for the place visited.
_VISIT_WINDOW = 60
#: Characters after a counterpart noun searched for its country ("son homologue |russe").
_COUNTERPART_WINDOW = 25


class _OtherParties:
    """Counterparts and visits in the sentences of one person (see ``other_parties``)."""

    def __init__(
        self,
        ctx: Any,
        places: list[Any],
        people_spans: list[tuple[int, int]],
        vocab: AffiliationVocabulary,
    ) -> None:
        self.ctx = ctx
        self.folded: str = ctx.folded
        self.places = places
        self.spans = sorted(set(people_spans))
        self.vocab = vocab
        self.links = (*ctx.rules.country_links, "")

    @staticmethod
    def _alternation(words: Any) -> str:
        return phrase_alternation(words)

    def _person_before(self, pos: int, floor: int) -> tuple[int, int] | None:
        before = [s for s in self.spans if floor <= s[0] and s[1] <= pos]
        return before[-1] if before else None

    def _place_after(self, pos: int, limit: int) -> Any:
        """The first place after a locative within reach of ``pos``, no one between."""
        for place in self.places:
            if place.start < pos:
                continue
            if place.start > min(limit, pos + _VISIT_WINDOW):
                return None
            gap = re.findall(r"[\w']+", self.folded[pos : place.start])
            if any(w in self.ctx.rules.locatives for w in gap) and not any(
                pos <= s[0] < place.start for s in self.spans
            ):
                return place
        return None

    def counterparts(self, start: int, end: int, own: set[int]) -> set[str]:
        """Countries of the counterparts of the person named last before a counterpart noun."""
        found: set[str] = set()
        nouns = self._alternation(self.vocab.counterpart_nouns)
        if not nouns:
            return found
        for match in re.finditer(rf"\b(?:{nouns})\b", self.folded[start:end]):
            noun_end = start + match.end()
            owner = self._person_before(start + match.start(), start)
            if owner is None or owner[0] not in own:
                continue
            for place in self.places:
                if noun_end <= place.start <= noun_end + _COUNTERPART_WINDOW:
                    gap = self.folded[noun_end : place.start].strip()
                    if place.entity_type == "country" and gap in self.links:
                        found.add(place.entity_id)
                    break
        return found

    def receptions(self, start: int, end: int, own: set[int]) -> set[str]:
        """Countries of the guests the person receives in the sentence ``[start, end)``."""
        found: set[str] = set()
        sentence = self.folded[start:end]
        passive = self._alternation(self.vocab.reception_passive)
        for match in re.finditer(rf"(?<!\w)(?:{passive})(?!\w)", sentence) if passive else ():
            cue, cue_end = start + match.start(), start + match.end()
            agent = self._alternation(self.vocab.agent_words)
            by = (
                re.search(rf"\b(?:{agent})\b", self.folded[cue_end : cue_end + 40])
                if agent
                else None
            )
            if by is None:
                continue
            after = cue_end + by.end()
            host = next((s for s in self.spans if after <= s[0] <= after + 30), None)
            guests = [p for p in self.places if start <= p.start and p.end <= cue]
            if host is not None and host[0] in own and guests:
                found.add(guests[-1].country)
        active = self._alternation(self.vocab.reception_active)
        for match in re.finditer(rf"(?<!\w)(?:{active})(?!\w)", sentence) if active else ():
            cue, cue_end = start + match.start(), start + match.end()
            host = self._person_before(cue, max(start, cue - 80))
            if host is None or host[0] not in own:
                continue
            guests = [
                p
                for p in self.places
                if cue_end <= p.start <= cue_end + _VISIT_WINDOW
                and p.end <= end
                and not any(cue_end <= s[0] < p.start for s in self.spans)
            ]
            if guests and not self.ctx.after_locative(guests[0].start):
                found.add(guests[0].country)
        return found

    def visits(self, start: int, end: int, own: set[int]) -> set[str]:
        """Countries the person visits in the sentence ``[start, end)``."""
        found: set[str] = set()
        sentence = self.folded[start:end]
        nouns = self._alternation(self.vocab.visit_nouns)
        last_words = self._alternation(self.vocab.last_person_words)
        for match in re.finditer(rf"\b(?:{nouns})\b", sentence) if nouns else ():
            cue_end = start + match.end()
            visitor = next(
                (s for s in self.spans if cue_end <= s[0] < cue_end + _VISIT_WINDOW), None
            )
            window = self.folded[cue_end : cue_end + _VISIT_WINDOW]
            last = re.search(rf"\b(?:{last_words})\b", window) if last_words else None
            if last and (visitor is None or cue_end + last.start() < visitor[0]):
                named = self._person_before(cue_end, 0)  # "la visite de ce dernier à …"
                visitor = (named[0], cue_end + last.end()) if named else None
            if visitor is None or visitor[0] not in own:
                continue
            if any(c in self.folded[cue_end : visitor[0]] for c in ",;:"):
                continue  # "lors de sa visite à Moscou, le président X": X is not the visitor
            place = self._place_after(max(visitor[1], cue_end), end)
            if place is not None:
                found.add(place.country)
        verbs = self._alternation(self.vocab.visit_verbs)
        for match in re.finditer(rf"(?<!\w)(?:{verbs})(?!\w)", sentence) if verbs else ():
            cue = start + match.start()
            owner = self._person_before(cue, max(start, cue - 80))
            if owner is None or owner[0] not in own:
                continue
            place = self._place_after(start + match.end(), end)
            if place is not None:
                found.add(place.country)
        return found


def other_parties(
    ctx: Any,
    mentions: list[Any],
    places: list[Any],
    people_spans: list[tuple[int, int]],
    vocabulary: AffiliationVocabulary | None = None,
) -> tuple[set[str], bool]:
    """Countries a person stands across from, which therefore are not the person's.

    "X … son homologue russe" (the person named last before the counterpart noun in
    its sentence): X serves another state than Russia. "la visite d'État du président
    X à Bangui", "X s'est rendu à Moscou", "X, en visite à Niamey": X is not of the
    country visited. Used to keep the article's own country (the host) from such a
    person.

    Args:
        ctx: The entity component's Doc view (``doc``, ``text``, ``folded``, ``rules``,
            ``token_at``).
        mentions: The person's mentions.
        places: Country and place mentions with a country, in text order.
        people_spans: Offsets of every person mention of the Doc.
        vocabulary: Word lists (default: ``resources/fr/affiliation.yaml``).

    Returns:
        ``(countries, counterpart)``: the countries, and whether a counterpart noun
        named one (the person then holds an office).

    """
    reader = _OtherParties(ctx, places, people_spans, vocabulary or load_affiliation_vocabulary())
    own = {m.start for m in mentions}
    sentences = set()
    for mention in mentions:
        token = ctx.token_at(mention.start)
        if token is not None:
            sentences.add((token.sent.start_char, token.sent.end_char))
    counterparts: set[str] = set()
    visited: set[str] = set()
    for start, end in sorted(sentences):
        counterparts |= reader.counterparts(start, end, own)
        visited |= reader.visits(start, end, own) | reader.receptions(start, end, own)
    found = {c for c in counterparts | visited if c}
    return found, bool(counterparts)


#: Characters before an ally noun searched for the person it relates to.
_ALLY_WINDOW = 400


def ally_of(
    ctx: Any,
    mentions: list[Any],
    people_spans: list[tuple[int, int]],
    vocabulary: AffiliationVocabulary | None = None,
) -> tuple[tuple[int, int], Any] | None:
    """The person on whose side a mention puts this one ("son compatriote X").

    Args:
        ctx: The entity component's Doc view (``text``, ``folded``).
        mentions: The person's mentions.
        people_spans: Offsets of every person mention of the Doc.
        vocabulary: Word lists (default: ``resources/fr/affiliation.yaml``).

    Returns:
        Offsets of the mention of the other person (the last named before the ally
        noun, in the same paragraph) and the mention after the noun, else None.

    """
    vocab = vocabulary or load_affiliation_vocabulary()
    own = {(m.start, m.end) for m in mentions}
    for mention in mentions:
        left = ctx.folded[max(0, mention.start - 40) : mention.start]
        words = re.findall(r"[\w'-]+", left)
        if not words or words[-1] not in vocab.ally_nouns:
            continue
        noun = mention.start - len(left) + left.rfind(words[-1])
        floor = noun - _ALLY_WINDOW
        paragraph = ctx.text.rfind("\n", 0, noun)
        before = [
            s
            for s in people_spans
            if max(floor, paragraph) <= s[0] and s[1] <= noun and s not in own
        ]
        if before:
            return max(before), mention
    return None
