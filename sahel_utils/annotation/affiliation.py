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
        return self.left_country(mention) or self.group_member(mention)

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
        if not before or not before[-1].demonym:
            return None
        signal = before[-1]
        if "\n\n" in self.text[signal.end : start]:
            return None
        words = re.findall(r"[\w'-]+", self.folded[max(0, signal.start - 30) : signal.start])
        if not words or words[-1] not in self.vocab.member_nouns:
            return None
        return signal.entity_id, "apposition"


def local_person(
    ctx: Any, mentions: list[Any], vocabulary: AffiliationVocabulary | None = None
) -> bool:
    """Whether a phrase next to one of the mentions makes the person a local.

    "Le survivant X", "un autre survivant blessé, X", "X, qui fait partie des
    déplacés", "X, secrétaire exécutif du réseau national de …": such a person
    belongs to the country the article reports from.

    Args:
        ctx: The entity component's Doc context (``text``, ``folded``).
        mentions: The person's mentions in the article.
        vocabulary: Word lists (default: ``resources/fr/affiliation.yaml``).

    """
    vocab = vocabulary or load_affiliation_vocabulary()
    folded = ctx.folded.lower()
    for mention in mentions:
        left = folded[max(0, mention.start - _LOCAL_WINDOW) : mention.start]
        left = re.split(r"[.;:!?«»\"“”()\n]", left)[-1]
        right = folded[mention.end : mention.end + _LOCAL_WINDOW]
        right = re.split(r"[.;:!?«»\"“”()\n]", right.lstrip(" ,"))[0]
        after = re.findall(r"[\w'-]+", right)[:6]
        near = re.findall(r"[\w'-]+", left)[-3:] + after
        if any(word in vocab.local_nouns for word in near):
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
