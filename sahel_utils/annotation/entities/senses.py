"""What a capitalised word names where it stands: a person, a thing, a place, a language.

A lone surname after a common noun names a product ("les drones Bayraktar"); a word
after a determiner or only after a locative names no one ("les Louves", "à Botodji");
after "stade", "académie" … a thing; a country name after "fleuve", "golfe de" … a
river or a sea; a country adjective after "en" a language ("en français").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from sahel_utils.annotation.entities.model import PersonCluster, name_tokens
from sahel_utils.annotation.entities.view import DocView
from sahel_utils.core.normalize import fold


def _skip_blanks_back(text: str, end: int) -> int:
    """The start of the run of blanks ending at ``end`` (``end`` itself if none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def is_modifier_name(view: DocView, cluster: PersonCluster) -> bool:
    """True for a lone surname used after a common noun ("des drones Bayraktar").

    Such a word names a product or a thing after its maker, not a person in the news.
    """
    for mention in cluster.mentions:
        token = view.token_at(mention.start)
        if token is None or token.i == 0 or len(name_tokens(mention.name)) > 1:
            return False
        previous = view.doc[token.i - 1]
        folded = fold(previous.text)
        if previous.pos_ != "NOUN" or not previous.text.islower():
            return False
        if view.rules.title_regex.fullmatch(folded) or view.rules.role_regex.fullmatch(folded):
            return False
    return True


def names_no_one(view: DocView, cluster: PersonCluster) -> bool:
    """True for a one-word name after a determiner or only after a locative.

    "Les Louves ont gagné", "le Syli national", "attaque menée à Botodji", "en
    Soussou": French puts no determiner before a person's name, and a word named
    only as a place is a place.
    """
    if any(len(name_tokens(m.name)) > 1 for m in cluster.mentions):
        return False
    determined = False
    located = True
    for mention in cluster.mentions:
        token = view.token_at(mention.start)
        if token is None or token.i == 0:
            return False
        previous = fold(view.doc[token.i - 1].text)
        determined = determined or previous in view.rules.left_determiners
        located = located and view.after_locative(mention.start)
    return determined or located


def names_a_place(view: DocView, cluster: PersonCluster) -> bool:
    """True when a mention is followed by a phrase locating it ("Tillia, dans la région de").

    "… de Huntington Beach, près de Los Angeles", "le camp de Tillia, dans la région de
    Tahoua": a phrase that situates a name on a map makes it a place (cues in
    ``place_followers``).
    """
    for mention in cluster.mentions:
        after = view.folded[mention.end : mention.end + 40].lower()
        comma = re.match(r"\s*,\s*", after)
        if comma is None:
            continue
        if view.rules.place_follower_regex.match(after, comma.end()):
            return True
    return False


def names_a_thing(view: DocView, cluster: PersonCluster) -> bool:
    """True when every mention follows a noun like "stade", "académie", "opération".

    One lower-case adjective may sit between ("l'Académie militaire Georges-Namoano").
    """
    for mention in cluster.mentions:
        token = view.token_at(mention.start)
        if token is None:
            return False
        previous = view.doc[token.i - 1] if token.i > 0 else None
        if previous is not None and previous.pos_ == "ADJ" and previous.text.islower():
            previous = view.doc[token.i - 2] if token.i > 1 else None  # "militaire"
        if previous is not None and _after_locality(view, _before_coordinated(view, previous)):
            continue  # "les habitants de |Sirgadou", "les habitants de Sirgadou et |Arbindé"
        if previous is None or fold(previous.text) not in view.rules.named_after_nouns:
            return False
    return True


def _before_coordinated(view: DocView, previous: Token) -> Token:
    """The token before a capitalised name that ``previous`` coordinates ("X |et| Y").

    ``previous`` itself when it is no coordinator.
    """
    if fold(previous.text) not in view.rules.coordinators and previous.text != ",":
        return previous
    i = previous.i - 1
    while i > 0 and view.doc[i].text[:1].isupper():
        i -= 1
    return view.doc[i] if i < previous.i - 1 else previous


def _after_locality(view: DocView, link: Token) -> bool:
    """True when ``link`` is "de"/"d'" after a locality noun ("la commune |de| X")."""
    if fold(link.text) not in view.rules.geographic_links or link.i == 0:
        return False
    return fold(view.doc[link.i - 1].text) in view.rules.locality_nouns


def after_geographic_noun(view: DocView, start: int) -> bool:
    """True after "fleuve", "golfe de", "lac" …: the name is a river, sea or lake.

    Looks only at the blanks just before ``start``, an optional link word ("de",
    "du" …) and the word before it: linear in the blank run, never the whole text
    before the mention (a long run of spaces once made tagging quadratic).
    """
    text = view.folded
    end = _skip_blanks_back(text, start)
    link = view.rules.geographic_link_regex.search(
        text, max(0, end - view.rules.geographic_link_reach), end
    )
    if link is not None:
        end = _skip_blanks_back(text, link.start())
    word = re.search(r"([\w\-]+)\Z", text[max(0, end - 20) : end])
    return word is not None and word.group(1) in view.rules.geographic_nouns


def is_language_use(view: DocView, start: int) -> bool:
    """True for an adjective naming a language ("en français", "en arabe")."""
    for word in view.rules.language_prepositions:
        before = view.folded[max(0, start - len(word) - 2) : start]
        if before.endswith(f" {word} ") or before == f"{word} ":
            return True
    return False
