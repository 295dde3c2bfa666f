"""Whose story a line belongs to: names, back-references and headline evidence.

A title candidate inside a body is a new story's headline or a subheading
(``StoryCues.new_story_score``); a paragraph after a "read also" teaser is
the body again or the teaser's summary (``StoryCues.body_resumes``). Both
weigh the names met so far against the words of the coming lines; the words
are in ``pagedump.yaml`` and ``boilerplate.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold
from sahel_utils.reading.boilerplate import Vocabulary, clean_line, is_truncated, strip_bullet
from sahel_utils.reading.lines import (
    DATE_OR_BYLINE,
    TEASER_LIST_MARKERS,
    WORD,
    Line,
    is_body_like,
    word_count,
)
from sahel_utils.reading.lookahead import Lookahead

_SENTENCE_END = ".!?…:;"
_HEADLINE_SHAPE = re.compile(r"^(?P<topic>[^:]{1,60}?)\s?:\s+\S")
MAX_SCAN_CHARS = 5000
MIN_STORY_NAMES = 3
SHORT_HEADING_WORDS = 5
LONG_HEADLINE_WORDS = 10
HEADLINE_ONLY_WORDS = 13
WORDS_FILE = paths.READING_RESOURCES / "pagedump.yaml"


@register_schema("reading", "pagedump.yaml")
class PageDumpWordsFile(Lexicon):
    """Schema of ``pagedump.yaml``: teaser leads, elided words, definite openings."""

    teaser_lead_words: list[Word]
    elided_words: list[Word]
    definite_determiners: list[Word]
    definite_counts: list[Word]


@dataclass(frozen=True)
class PageDumpWords:
    """The patterns the parser builds from ``pagedump.yaml``."""

    teaser_lead: re.Pattern[str]  # "Lire aussi : " before a teaser's headline
    elision: re.Pattern[str]  # "l'", "jusqu'" opening a word
    definite_opening: re.Pattern[str]  # "La délégation", "les deux pays" (folded text)


@lru_cache(maxsize=1)
def pagedump_words() -> PageDumpWords:
    """The patterns of ``pagedump.yaml`` (loaded once)."""
    data = load_lexicon(WORDS_FILE, PageDumpWordsFile)
    teaser = phrase_alternation(data.teaser_lead_words)
    determiners = phrase_alternation(data.definite_determiners)
    counts = phrase_alternation(data.definite_counts)
    return PageDumpWords(
        teaser_lead=re.compile(rf"^\W*[\w\s]{{0,25}}?{teaser}\b\W*", re.IGNORECASE),
        elision=re.compile(rf"^{phrase_alternation(data.elided_words)}['’]", re.IGNORECASE),
        definite_opening=re.compile(rf"^{determiners}\s*(?:{counts}\s+)?(?P<noun>[a-z][\w-]+)"),
    )


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def story_names(text: str, vocab: Vocabulary, skip_first: bool = True) -> set[str]:
    """Folded proper names in ``text``: capitalised words not opening a sentence.

    A word after an elided article ("l'Égypte", "d'Abidjan") counts even at the
    start of a sentence. With ``skip_first=False`` the text's first word counts too.
    """
    names: set[str] = set()
    for raw_line in text.split("\n"):
        line = strip_bullet(clean_line(raw_line))
        prev_end = -1
        for m in WORD.finditer(line):
            gap = line[max(prev_end, 0) : m.start()].rstrip()
            at_line_start = prev_end < 0
            prev_end = m.end()
            token = m.group(0).strip("'’-")
            if not token:
                continue
            initial = (at_line_start and skip_first) or (gap[-1:] in _SENTENCE_END and gap != "")
            stem = pagedump_words().elision.sub("", token)
            elided = stem != token
            if not stem[:1].isupper() or (initial and not elided):
                continue
            for part in stem.split("-"):
                key = _fold_word(part)
                if len(key) >= 2 and part[:1].isupper() and key not in vocab.generic_capitalised:
                    names.add(key)
    return names


def headline_shape_score(text: str) -> float:
    """A "Topic : subject" shape and a long line speak for a headline, a short one not."""
    score = 0.0
    m = _HEADLINE_SHAPE.match(text)
    if m and word_count(m.group("topic")) <= 6:
        score += 1
    n_words = word_count(text)
    if n_words <= SHORT_HEADING_WORDS:
        score -= 1
    elif n_words >= HEADLINE_ONLY_WORDS:
        score += 2.5  # a subheading this long is rare: a headline
    elif n_words >= LONG_HEADLINE_WORDS:
        score += 0.5  # headlines run longer than subheadings
    return score


def opens_with_reference_back(text: str, vocab: Vocabulary) -> bool:
    """Whether ``text`` opens on a word referring back ("Cette", "Il", "Outre"…)."""
    head = fold(text[:60])
    return any(
        head.startswith(opener) and not head[len(opener) : len(opener) + 1].isalnum()
        for opener in vocab.continuation_openers
    )


def refers_back(paragraph: str, vocab: Vocabulary) -> bool:
    """Whether the paragraph's first sentence holds a back-reference ("également"…)."""
    first_sentence = re.split(r"(?<=[.!?])\s", paragraph[:MAX_SCAN_CHARS], maxsplit=1)[0]
    words = f" {' '.join(WORD.findall(fold(first_sentence)))} "
    return any(f" {w} " in words for w in vocab.back_reference_words)


def names_known_thing(paragraph: str, words: set[str], vocab: Vocabulary) -> bool:
    """Whether a paragraph opens on a definite noun already used ("La délégation")."""
    m = pagedump_words().definite_opening.match(fold(paragraph[:200]))
    if not m:
        return False
    noun = m.group("noun")
    return noun not in vocab.generic_capitalised and noun in words


class StoryCues:
    """Evidence read in the coming lines on where the current story goes on."""

    def __init__(
        self,
        ahead: Lookahead,
        vocab: Vocabulary,
        single_article: bool = False,
        opens_story: Callable[[str], bool] | None = None,
    ):
        self.ahead = ahead
        self.vocab = vocab
        self.single_article = single_article
        self._opens_story = opens_story

    def new_story_score(
        self,
        title: Line,
        known: set[str],
        words: set[str] | None = None,
        head_before: bool = False,
    ) -> float:
        """Evidence that a title candidate opens a new story (> 0) or is a subheading.

        Args:
            title: The candidate line (the look-ahead buffer must start after it).
            known: Folded names met so far in the current article.
            words: Folded words of the current article so far.
            head_before: A date or byline line came just before the candidate.

        Returns:
            The summed evidence: positive for a new story, else a subheading.

        """
        score = (2.0 if head_before else 0.0) + headline_shape_score(title.text)
        i, skipped = self.ahead.head_skip(0, title.text)
        if any(s.marker and s.marker.segment_type in DATE_OR_BYLINE for s in skipped):
            score += 2
        following = self.ahead.following_paragraphs(i)
        if following:
            score += self._lead_score(following[0], words)
        return score + self._names_score(title.text, following, known)

    def _lead_score(self, lead: str, words: set[str] | None) -> float:
        """A wire lead opens a story; a paragraph referring back goes on the current one."""
        score = 0.0
        if self._opens_story is not None and self._opens_story(lead):
            score += 2  # the lead of a wire story: "BAMAKO (AFP) -"
        if opens_with_reference_back(lead, self.vocab):
            score -= 2
        if refers_back(lead, self.vocab):
            score -= 1
        if words and names_known_thing(lead, words, self.vocab):
            score -= 1
        return score

    def _names_score(self, title: str, following: list[str], known: set[str]) -> float:
        """Who the story is about: names new to the article speak for a new story.

        The title's names, then the names of the first paragraphs, read only until a
        few names are known (the lead sentence of a new story names its subject).
        """
        names = story_names(title, self.vocab)
        for text in following:
            if len(names) >= MIN_STORY_NAMES:
                break
            names |= story_names(text[:MAX_SCAN_CHARS], self.vocab)
        if not names:
            return 0.0
        novelty = len(names - known) / len(names)
        weight = min(4.0, 1.5 * len(names))  # few names, weak evidence
        return weight * (novelty - 0.5)

    def body_resumes(self, line: Line, known: set[str], words: set[str], has_body: bool) -> bool:
        """Whether a line after a "read also" teaser is the article's body again.

        A teaser's summary is cut short, is followed by the next teaser, or
        names people and places the article has not met; a paragraph referring
        back to the story (an anaphoric opener, a back-reference, a definite
        noun or names already met) resumes the body.

        Args:
            line: The line read (the look-ahead buffer starts after it).
            known: Folded names met so far in the current article.
            words: Folded words of the current article so far.
            has_body: Whether the article has body paragraphs yet.

        Returns:
            True when the line is the body again, closing the teaser zone.

        """
        if not is_body_like(line) or is_truncated(line.text, self.vocab):
            return False
        nxt = self.ahead.peek(0)
        if nxt is not None and nxt.marker and nxt.marker.segment_type in TEASER_LIST_MARKERS:
            return False
        if not has_body:
            return nxt is not None and nxt.marker is None
        if self.single_article:
            return True  # an article body holds "read also" lines, rarely their summaries
        if opens_with_reference_back(line.text, self.vocab) or refers_back(line.text, self.vocab):
            return True
        if words and names_known_thing(line.text, words, self.vocab):
            return True
        # a summary of another story names people and places the article did not
        names = story_names(line.text[:MAX_SCAN_CHARS], self.vocab)
        if not names or len(names - known) / len(names) <= 0.5:
            return True
        # new names: a teaser summary closing the page, or the body going on
        return nxt is not None and not (nxt.marker and nxt.marker.opens)
