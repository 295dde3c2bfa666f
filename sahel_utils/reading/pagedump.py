"""Page dumps: plain text saved from news sites, one or several articles per file.

The file is read line by line with a small look-ahead, and articles are handed
out as soon as the next one starts, so a large dump is parsed in bounded memory.

How a page is cut (general rules; the vocabulary is in ``boilerplate.yaml``):

* A line matching a boilerplate marker is a segment of that type; some markers
  open a zone (reader comments, "read also" teasers, the author's other
  articles) whose following lines are segments of that zone's type. A teaser
  zone closes again when the body resumes: a full paragraph that is not cut
  short, not followed by the next teaser, and that refers back to the story
  (anaphoric opener, names already met) or is followed by more text. A date
  line under a one-line "Lire aussi : headline" belongs to the article.
  In a comment zone, a short line above a date line (a pseudonym) starts a
  new comment.
* A *title candidate* is a short line without final punctuation followed by a
  body paragraph (date, byline and counter lines in between are skipped). The
  first one before any body is the article's title. A later one is either a
  subheading of the current story or the headline of a new one. The evidence,
  summed into a score:

  - for a new story: its title and lead name people and places not met in the
    current article (the lead of a news story names its subject in full); a
    ``"Topic : subject"`` headline shape; a long headline; a date or byline
    printed just above or below it;
  - for a subheading: the next paragraph opens on a word referring back
    (``continuation_openers``: "Cette", "Il", "Outre"…), its first sentence
    holds a back-reference (``back_reference_words``: "également"…), or it
    opens on a definite noun already used ("La délégation"); a very short line.

  Inside a zone, a candidate starts a new article only when followed by at
  least two body paragraphs (a teaser has one summary).
* A person-name line at the end of the body, after a signature, or under the
  title is the author; "Par …" bylines give it too.
* Dates come from date lines ("Publié lundi 23 juin 2025 à 07:31") outside
  zones, at the precision printed; dates in teaser lists are not the article's.
  An update date ("Mis à jour le …") is used only when no publication date is
  printed; relative dates ("il y a 3 heures") give none. A wire dateline
  opening the lead ("Niamey, 4 mars 2025 (ANP) -") gives the agency as outlet
  and, failing a date line, the date.
* When an article closes, trailing short lines that are not sentences (site
  name, staff initials, menu items) are removed as ``trailer_line`` segments.
* The headline printed again after a body is a ``title_repeat`` segment, unless
  the lead follows it again: then the story was saved twice and each copy is
  an article.

This parser reads files whose paragraphs are separated by blank lines; the
file's layout is first inferred by ``reading.layout``, which cuts other
layouts (paragraphs on consecutive lines, rules between articles, saved
pages) into articles before cleaning each with this parser.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import canonical, fold
from sahel_utils.reading.boilerplate import (
    Marker,
    Vocabulary,
    clean_line,
    find_url,
    is_person_name,
    is_truncated,
    lead_dateline,
    load_vocabulary,
    match_marker,
    outlet_from_source,
    strip_bullet,
)
from sahel_utils.reading.common import ArticleDraft, Segment, parse_date

_AGENCY_CLOSING = re.compile(r"[.!?»”\"]\s*[(\[]([A-Za-z]{2,10})[)\]]\.?$")
_AGENCY_IN_PARENS = re.compile(r"\(([A-Za-z]{2,10})\)\s*[-–—:]?\s*$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_WORD = re.compile(r"[\w’'-]+")
_SENTENCE_END = ".!?…:;"
_QUOTED_HEADLINE = re.compile(r'^["«“][^"«»“”]{3,200}["»”]\.$')
_HEADLINE_SHAPE = re.compile(r"^(?P<topic>[^:]{1,60}?)\s?:\s+\S")
# Lines that may stand between a headline and its lead.
_HEAD_MARKERS = {
    "comment_counter",
    "dateline",
    "update_dateline",
    "byline",
    "share_prompt",
    "advertisement",
    "subscription_prompt",
    "reading_time",
    "photo_caption",
    "cookie_notice",
}
# Lines printed above or under a headline that say when and by whom.
_DATE_OR_BYLINE = {"dateline", "update_dateline", "byline"}
# Markers after which a "read also" teaser list goes on.
_TEASER_LIST_MARKERS = {"related_teaser", "author_articles"}
_SENTENCE_CLOSE = '.!?»”"…'
MIN_BODY_WORDS = 12
MAX_TITLE_WORDS = 30
MAX_TITLE_CHARS = 250
LOOKAHEAD_LINES = 8
LOOKAHEAD_WORDS = 150
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
class _Words:
    """The patterns the parser builds from ``pagedump.yaml``."""

    teaser_lead: re.Pattern[str]  # "Lire aussi : " before a teaser's headline
    elision: re.Pattern[str]  # "l'", "jusqu'" opening a word
    definite_opening: re.Pattern[str]  # "La délégation", "les deux pays" (folded text)


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_lexicon(WORDS_FILE, PageDumpWordsFile)
    teaser = phrase_alternation(data.teaser_lead_words)
    determiners = phrase_alternation(data.definite_determiners)
    counts = phrase_alternation(data.definite_counts)
    return _Words(
        teaser_lead=re.compile(rf"^\W*[\w\s]{{0,25}}?{teaser}\b\W*", re.IGNORECASE),
        elision=re.compile(rf"^{phrase_alternation(data.elided_words)}['’]", re.IGNORECASE),
        definite_opening=re.compile(rf"^{determiners}\s*(?:{counts}\s+)?(?P<noun>[a-z][\w-]+)"),
    )


@dataclass
class Line:
    """A non-blank line: offsets of its trimmed text in the decoded file."""

    start: int
    end: int
    text: str
    blank_before: bool
    marker: Marker | None
    indent: int = 0


def content_lines(lines: Iterable[tuple[int, str]], vocab: Vocabulary) -> Iterator[Line]:
    """Non-blank lines of ``(offset, raw line)`` pairs, with their boilerplate marker."""
    blank = True
    for offset, raw in lines:
        body = raw.rstrip("\r\n")
        text = clean_line(body).replace("\t", " ")  # same length: offsets hold
        if not text:
            blank = True
            continue
        lead = len(body) - len(body.lstrip(" \t\r\n\u00a0\u202f\u2009\ufeff\u200b"))
        start = offset + lead
        yield Line(start, start + len(text), text, blank, match_marker(text, vocab), lead)
        blank = False


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
        for m in _WORD.finditer(line):
            gap = line[max(prev_end, 0) : m.start()].rstrip()
            at_line_start = prev_end < 0
            prev_end = m.end()
            token = m.group(0).strip("'’-")
            if not token:
                continue
            initial = (at_line_start and skip_first) or (gap[-1:] in _SENTENCE_END and gap != "")
            stem = _words().elision.sub("", token)
            elided = stem != token
            if not stem[:1].isupper() or (initial and not elided):
                continue
            for part in stem.split("-"):
                key = _fold_word(part)
                if len(key) >= 2 and part[:1].isupper() and key not in vocab.generic_capitalised:
                    names.add(key)
    return names


def _word_count(text: str) -> int:
    return len(text.split())


def is_sentence_like(text: str) -> bool:
    """Running text: a long line, or a shorter one closed like a sentence."""
    words = _word_count(text)
    return words >= MIN_BODY_WORDS or (words >= 6 and text.rstrip()[-1:] in _SENTENCE_CLOSE)


def _headline_shape_score(text: str) -> float:
    """A "Topic : subject" shape and a long line speak for a headline, a short one not."""
    score = 0.0
    m = _HEADLINE_SHAPE.match(text)
    if m and _word_count(m.group("topic")) <= 6:
        score += 1
    n_words = _word_count(text)
    if n_words <= SHORT_HEADING_WORDS:
        score -= 1
    elif n_words >= HEADLINE_ONLY_WORDS:
        score += 2.5  # a subheading this long is rare: a headline
    elif n_words >= LONG_HEADLINE_WORDS:
        score += 0.5  # headlines run longer than subheadings
    return score


@dataclass
class _Reading:
    """Where ``PageDumpParser.articles`` stands: the article being read and its zone."""

    cur: ArticleDraft = field(default_factory=ArticleDraft)
    known: set[str] = field(default_factory=set)  # folded names met in the article
    words: set[str] = field(default_factory=set)  # folded words of the article
    has_body: bool = False
    zone: str | None = None  # an open zone: comments, "read also" teasers, ...
    zone_seg: Segment | None = None
    last_seg: Segment | None = None
    last_kind: str | None = None  # "title", "body", "segment"
    title_line: Line | None = None
    first_line: bool = True
    inline_teaser: bool = False  # the open teaser zone started on a line holding its headline
    pending: list[tuple[Marker, Segment]] = field(default_factory=list)  # held head lines
    finished: list[ArticleDraft] = field(default_factory=list)  # closed, to hand out

    def add_segment(self, kind: str, line: Line) -> Segment:
        """A segment of the current article for ``line`` (now the last segment)."""
        seg = Segment(kind, line.start, line.end, line.text)
        self.cur.segments.append(seg)
        self.last_seg, self.last_kind = seg, "segment"
        return seg

    def continues_segment(self, line: Line) -> bool:
        """A lower-case line right under a segment line continues that segment."""
        return (
            self.last_kind == "segment"
            and self.last_seg is not None
            and not line.blank_before
            and line.text[:1].islower()
        )


class PageDumpParser:
    """Cut a page dump into articles and boilerplate segments (see module doc)."""

    def __init__(
        self,
        lines: Iterable[tuple[int, str]],
        vocab: Vocabulary | None = None,
        single_article: bool = False,
        content: Iterator[Line] | None = None,
        opens_story: Callable[[str], bool] | None = None,
    ):
        self.vocab = vocab or load_vocabulary()
        # the text is one article's body (JSON record, Nexis document, HTML extraction)
        self.single_article = single_article
        # ``content``: lines already read (``layout`` cuts a file before parsing it)
        self._source = content if content is not None else content_lines(lines, self.vocab)
        # ``opens_story``: whether a paragraph opens a story (a wire dateline, ``layout``)
        self._opens_story = opens_story
        self._buffer: deque[Line] = deque()

    # -- look-ahead -------------------------------------------------------------
    def _peek(self, i: int) -> Line | None:
        while len(self._buffer) <= i:
            nxt = next(self._source, None)
            if nxt is None:
                return None
            self._buffer.append(nxt)
        return self._buffer[i]

    def _next(self) -> Line | None:
        line = self._peek(0)
        if line is not None:
            self._buffer.popleft()
        return line

    # -- line shapes --------------------------------------------------------------
    def is_body_like(self, line: Line) -> bool:
        """A paragraph of running text (not a marker, long enough)."""
        if line.marker is not None:
            return False
        return is_sentence_like(line.text)

    def is_title_candidate(self, line: Line) -> bool:
        """A short line without final punctuation, shaped like a headline.

        A quotation headline closed by a full stop outside the marks
        (``"… la paix".``) is a candidate too.
        """
        text = line.text
        if line.marker is not None or len(text) > MAX_TITLE_CHARS:
            return False
        if not 2 <= _word_count(text) <= MAX_TITLE_WORDS:
            return False
        if text[-1] in ".;,:" and not _QUOTED_HEADLINE.match(text):
            return False
        if strip_bullet(text) != text:
            return False
        first = text[0]
        return first.isupper() or first.isdigit() or first in "«\"“‘'"

    def _head_skip(self, i: int, title: str | None) -> tuple[int, list[Line]]:
        """Index of the first line from ``i`` that is not head matter, and the skipped lines."""
        skipped: list[Line] = []
        while (line := self._peek(i)) is not None:
            is_head = line.marker is not None and line.marker.segment_type in _HEAD_MARKERS
            repeat = title is not None and canonical(line.text) == canonical(title)
            if not (is_head or repeat):
                break
            skipped.append(line)
            i += 1
        return i, skipped

    def _followed_by_body(self, title: str, start: int = 0) -> bool:
        i, _ = self._head_skip(start, title)
        nxt = self._peek(i)
        return nxt is not None and self.is_body_like(nxt)

    def _precedes_headline(self) -> bool:
        """Whether the coming lines are (more head matter and) a headline with its lead."""
        i, _ = self._head_skip(0, None)
        nxt = self._peek(i)
        return (
            nxt is not None
            and self.is_title_candidate(nxt)
            and self._followed_by_body(nxt.text, i + 1)
        )

    def _body_run(self, title: str) -> int:
        """How many body paragraphs follow a candidate (after head matter)."""
        i, _ = self._head_skip(0, title)
        count = 0
        while (line := self._peek(i)) is not None and self.is_body_like(line):
            if is_truncated(line.text, self.vocab):
                break
            count += 1
            i += 1
        return count

    def _opens_with_reference_back(self, text: str) -> bool:
        head = fold(text[:60])
        return any(
            head.startswith(opener) and not head[len(opener) : len(opener) + 1].isalnum()
            for opener in self.vocab.continuation_openers
        )

    def _refers_back(self, paragraph: str) -> bool:
        first_sentence = re.split(r"(?<=[.!?])\s", paragraph[:MAX_SCAN_CHARS], maxsplit=1)[0]
        words = f" {' '.join(_WORD.findall(fold(first_sentence)))} "
        return any(f" {w} " in words for w in self.vocab.back_reference_words)

    def _names_known_thing(self, paragraph: str, words: set[str]) -> bool:
        """Whether a paragraph opens on a definite noun already used ("La délégation")."""
        m = _words().definite_opening.match(fold(paragraph[:200]))
        if not m:
            return False
        noun = m.group("noun")
        return noun not in self.vocab.generic_capitalised and noun in words

    def starts_new_story(
        self,
        title: Line,
        known: set[str],
        words: set[str] | None = None,
        head_before: bool = False,
    ) -> bool:
        """Whether a title candidate inside a body opens a new story (see module doc)."""
        return self.new_story_score(title, known, words, head_before) > 0

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

        """
        score = (2.0 if head_before else 0.0) + _headline_shape_score(title.text)
        i, skipped = self._head_skip(0, title.text)
        if any(s.marker and s.marker.segment_type in _DATE_OR_BYLINE for s in skipped):
            score += 2
        following = self._following_paragraphs(i)
        if following:
            score += self._lead_score(following[0], words)
        return score + self._names_score(title.text, following, known)

    def _following_paragraphs(self, i: int) -> list[str]:
        """The body lines from look-ahead index ``i``, up to the next marker or candidate."""
        following: list[str] = []
        n_words = 0
        for k in range(i, i + LOOKAHEAD_LINES):
            line = self._peek(k)
            if line is None or line.marker is not None:
                break
            if following and self.is_title_candidate(line):
                break
            following.append(line.text)
            n_words += _word_count(line.text)
            if n_words >= LOOKAHEAD_WORDS:
                break
        return following

    def _lead_score(self, lead: str, words: set[str] | None) -> float:
        """A wire lead opens a story; a paragraph referring back goes on the current one."""
        score = 0.0
        if self._opens_story is not None and self._opens_story(lead):
            score += 2  # the lead of a wire story: "BAMAKO (AFP) -"
        if self._opens_with_reference_back(lead):
            score -= 2
        if self._refers_back(lead):
            score -= 1
        if words and self._names_known_thing(lead, words):
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

    # -- main loop ----------------------------------------------------------------
    def articles(self) -> Iterator[ArticleDraft]:
        """Yield article drafts in file order (drafts without body carry orphan segments)."""
        st = _Reading()
        while (line := self._next()) is not None:
            self._read_line(st, line)
            yield from st.finished
            st.finished.clear()
        self._flush_pending(st)
        if st.has_body or st.cur.segments or st.cur.title:
            yield self._finish(st.cur)

    def _read_line(self, st: _Reading, line: Line) -> None:
        """Place one line: a segment, the title, a new story's headline, or body."""
        is_first, st.first_line = st.first_line, False
        marker, text = line.marker, line.text
        is_head_marker = marker is not None and marker.segment_type in _DATE_OR_BYLINE
        if st.pending and not is_head_marker and not self.is_title_candidate(line):
            self._flush_pending(st)
        if marker is None and st.last_seg is not None and st.continues_segment(line):
            # a lower-case line glued to a segment line continues that segment
            st.last_seg.extend(line.end, text)
            return
        if marker is not None:
            self._read_marker(st, line, marker)
            return
        repeat = st.zone is None and st.cur.title and canonical(text) == canonical(st.cur.title)
        # the same story saved again after its body: a copy, read as its own article
        saved_again = bool(
            repeat and st.has_body and not self.single_article and self._repeats_lead(text, st.cur)
        )
        if repeat and not saved_again:
            st.add_segment("title_repeat", line)
            return
        if self.is_title_candidate(line) and self._read_title_candidate(
            st, line, is_first, saved_again
        ):
            return
        if st.pending:
            self._flush_pending(st)  # the held date or byline closed the current article
        if self._read_author(st, line) or self._read_teaser(st, line):
            return
        if st.zone is not None:
            self._read_zone_line(st, st.zone, line)
            return
        if not st.has_body and not self.is_body_like(line) and _word_count(text) < 8:
            st.add_segment("header_line", line)
            return
        self._read_body(st, line)

    def _read_marker(self, st: _Reading, line: Line, marker: Marker) -> None:
        """A boilerplate line: a segment, maybe opening a zone or giving metadata."""
        kind, text = marker.segment_type, line.text
        if st.zone == "related_teaser" and st.inline_teaser and kind in _DATE_OR_BYLINE:
            # a date under a one-line "read also" is the article's head, not the teaser's
            st.zone = st.zone_seg = None
        if marker.opens:
            st.zone = marker.opens
            st.zone_seg = st.add_segment(kind, line)
            st.inline_teaser = _word_count(_words().teaser_lead.sub("", text)) >= 3
            if st.zone == "comment":
                st.zone_seg = None  # each comment is its own segment
        elif st.zone is not None and kind in _DATE_OR_BYLINE and st.zone_seg is not None:
            st.zone_seg.extend(line.end, text)
            st.last_seg = st.zone_seg
        elif (
            st.zone is None
            and st.has_body
            and kind in _DATE_OR_BYLINE
            and self._precedes_headline()
        ):
            # printed above the next headline: it may belong to the next article
            st.last_seg = Segment(kind, line.start, line.end, text)
            st.pending.append((marker, st.last_seg))
        else:
            st.add_segment(kind, line)
            if st.zone is not None:
                st.zone_seg = None
            else:
                self._use_marker(st.cur, marker, text)
        st.last_kind = "segment"

    def _read_title_candidate(
        self, st: _Reading, line: Line, is_first: bool, saved_again: bool
    ) -> bool:
        """Whether a title candidate was placed (title, teaser headline, new story)."""
        if st.zone is None and not st.has_body:
            return self._read_head_title(st, line, is_first)
        if (
            st.zone == "related_teaser"
            and st.zone_seg is not None
            and "\n" not in st.zone_seg.text
            and _word_count(st.zone_seg.text) <= 4
        ):
            st.zone_seg.extend(line.end, line.text)  # the teaser's headline under "Lire aussi :"
            st.last_seg, st.last_kind = st.zone_seg, "segment"
            return True
        if st.zone is not None:
            new_title = self._body_run(line.text) >= 2
        elif saved_again:
            new_title = True
        elif self._followed_by_body(line.text):
            new_title = self.starts_new_story(line, st.known, st.words, bool(st.pending))
        else:
            new_title = False
        if new_title:
            self._start_story(st, line)
        return new_title

    def _read_head_title(self, st: _Reading, line: Line, is_first: bool) -> bool:
        """A candidate before any body: the title, or a longer one replacing a kicker."""
        text = line.text
        replaces = st.cur.title is None or _word_count(text) >= _word_count(st.cur.title)
        if replaces and self._followed_by_body(text):
            if st.cur.title is not None and st.title_line is not None:
                # the earlier, shorter line was a kicker or the site's name
                previous = st.title_line
                st.cur.segments.append(
                    Segment("header_line", previous.start, previous.end, st.cur.title)
                )
        elif not (st.cur.title is None and is_first):
            return False
        # the title: a line followed by the lead, or the file's first line (a headline
        # whose lead comes after a short line)
        st.cur.title, st.title_line = text, line
        st.known = story_names(text, self.vocab)
        st.last_kind = "title"
        return True

    def _start_story(self, st: _Reading, line: Line) -> None:
        """Close the current article and open one under the headline ``line``."""
        if st.has_body or st.cur.segments or st.cur.title:
            st.finished.append(self._finish(st.cur))
        st.cur = ArticleDraft(title=line.text)
        st.title_line = line
        self._flush_pending(st)
        st.known = story_names(line.text, self.vocab)
        st.words = set()
        st.has_body = False
        st.zone = st.zone_seg = st.last_seg = None
        st.last_kind = "title"

    def _flush_pending(self, st: _Reading) -> None:
        """The date and byline lines held back go to the current article."""
        for held, seg in st.pending:
            st.cur.segments.append(seg)
            self._use_marker(st.cur, held, seg.text)
        st.pending.clear()

    def _read_author(self, st: _Reading, line: Line) -> bool:
        """A person's name at the end of the body or under the title: the author."""
        if st.zone is not None or not is_person_name(line.text, self.vocab):
            return False
        nxt = self._peek(0)
        after_signature = st.last_seg is not None and st.last_seg.segment_type == "signature"
        at_end = st.has_body and (nxt is None or nxt.marker is not None or after_signature)
        at_head = st.cur.title is not None and not st.has_body
        if not (at_end or at_head):
            return False
        st.cur.author = st.cur.author or line.text
        st.add_segment("author", line)
        return True

    def _read_teaser(self, st: _Reading, line: Line) -> bool:
        """A line of an open "read also" zone, unless the body resumes (which closes it)."""
        if st.zone != "related_teaser" or st.zone_seg is None:
            return False
        if not self._body_resumes(line, st.known, st.words, st.has_body):
            st.zone_seg.extend(line.end, line.text)
            st.last_seg, st.last_kind = st.zone_seg, "segment"
            return True
        st.zone = st.zone_seg = None  # the teaser is over: back to the body
        return False

    def _read_zone_line(self, st: _Reading, zone: str, line: Line) -> None:
        """A line of an open zone: a new comment, or the zone's segment going on."""
        numbered = strip_bullet(line.text) != line.text
        new_comment = zone == "comment" and (
            numbered or (line.blank_before and line.indent == 0) or self._is_comment_header(line)
        )
        if st.zone_seg is None or new_comment:
            st.zone_seg = st.add_segment(zone, line)
        else:
            st.zone_seg.extend(line.end, line.text)
        st.last_seg, st.last_kind = st.zone_seg, "segment"

    def _read_body(self, st: _Reading, line: Line) -> None:
        """A body line: a new paragraph, or the current one going on (no blank line)."""
        cur, text = st.cur, line.text
        if cur.paragraphs and st.last_kind == "body" and not line.blank_before:
            cur.paragraphs[-1] = f"{cur.paragraphs[-1]}\n{text}"
            cur.paragraph_spans[-1] = (cur.paragraph_spans[-1][0], line.end)
        else:
            cur.paragraphs.append(text)
            cur.paragraph_spans.append((line.start, line.end))
        sample = text[:MAX_SCAN_CHARS]  # a run-away line says who the story is about early
        st.known |= story_names(sample, self.vocab)
        st.words.update(_WORD.findall(fold(sample)))
        st.has_body = True
        st.last_kind = "body"

    def _repeats_lead(self, title: str, cur: ArticleDraft) -> bool:
        """Whether the lines after a repeated headline start the article's body again."""
        i, _ = self._head_skip(0, title)
        nxt = self._peek(i)
        if nxt is None or not cur.paragraphs or not self.is_body_like(nxt):
            return False
        return canonical(nxt.text) == canonical(cur.paragraphs[0].split("\n", 1)[0])

    def _body_resumes(self, line: Line, known: set[str], words: set[str], has_body: bool) -> bool:
        """Whether a line after a "read also" teaser is the article's body again.

        A teaser's summary is cut short, is followed by the next teaser, or
        names people and places the article has not met; a paragraph referring
        back to the story (an anaphoric opener, a back-reference, a definite
        noun or names already met) resumes the body.
        """
        if not self.is_body_like(line) or is_truncated(line.text, self.vocab):
            return False
        nxt = self._peek(0)
        if nxt is not None and nxt.marker and nxt.marker.segment_type in _TEASER_LIST_MARKERS:
            return False
        if not has_body:
            return nxt is not None and nxt.marker is None
        if self.single_article:
            return True  # an article body holds "read also" lines, rarely their summaries
        if self._opens_with_reference_back(line.text) or self._refers_back(line.text):
            return True
        if words and self._names_known_thing(line.text, words):
            return True
        # a summary of another story names people and places the article did not
        names = story_names(line.text[:MAX_SCAN_CHARS], self.vocab)
        if not names or len(names - known) / len(names) <= 0.5:
            return True
        # new names: a teaser summary closing the page, or the body going on
        return nxt is not None and not (nxt.marker and nxt.marker.opens)

    def _is_comment_header(self, line: Line) -> bool:
        """A short line (a reader's pseudonym) right above a date line."""
        nxt = self._peek(0)
        return (
            _word_count(line.text) <= 6
            and line.text[-1] not in _SENTENCE_CLOSE
            and nxt is not None
            and nxt.marker is not None
            and nxt.marker.segment_type in ("dateline", "update_dateline")
        )

    def _finish(self, cur: ArticleDraft) -> ArticleDraft:
        """Close an article: drop trailing non-sentence lines, settle its date and outlet."""
        while len(cur.paragraphs) > 1 and len(cur.paragraph_spans) == len(cur.paragraphs):
            last = cur.paragraphs[-1]
            if any(
                is_sentence_like(part) or part.rstrip()[-1:] in _SENTENCE_CLOSE
                for part in last.split("\n")
            ):
                break  # running text, or a short closing line ("Affaire à suivre.")
            start, end = cur.paragraph_spans.pop()
            cur.paragraphs.pop()
            cur.segments.append(Segment("trailer_line", start, end, last))
        if cur.paragraphs and cur.outlet is None:
            closing = _AGENCY_CLOSING.search(cur.paragraphs[-1])  # "…a-t-il conclu. (AIB)"
            if closing:
                cur.outlet = self.vocab.agencies.get(closing.group(1).upper())
        if cur.paragraphs:
            lead = lead_dateline(cur.paragraphs[0], self.vocab)
            if lead is not None:
                agency, printed_date = lead
                cur.outlet = cur.outlet or agency
                if cur.published is None and cur.updated is None and printed_date:
                    cur.published = parse_date(printed_date)
        if cur.published is None:
            cur.published = cur.updated
        if cur.published is not None:
            cur.published_raw = None
        return cur

    def _use_marker(self, cur: ArticleDraft, marker: Marker, text: str = "") -> None:
        """Take the article's metadata from a head or tail marker (``text``: its line)."""
        kind, value = marker.segment_type, marker.value
        if kind == "byline" and cur.published is None and value and value in text:
            # "Par Awa Diallo - 12 mars 2025 à 10:05": the date printed after the name
            rest = text.split(value, 1)[1]
            if _YEAR.search(rest):
                cur.published = parse_date(rest)
        if marker.author and cur.author is None:
            cur.author = marker.author
        if kind == "dateline":
            self._use_dateline(cur, value, text)
        elif kind == "update_dateline" and value and cur.updated is None:
            cur.updated = parse_date(value)
        elif kind == "byline" and value and cur.author is None:
            cur.author = value
        elif kind == "signature" and value and cur.outlet is None:
            cur.outlet = value
        elif kind == "source_line" and value:
            self._use_source_line(cur, value)

    def _use_dateline(self, cur: ArticleDraft, value: str | None, text: str) -> None:
        """The date printed on a date line, and the agency in parentheses after a place."""
        if value and cur.published is None:
            cur.published = parse_date(value)
            if cur.published is None:
                cur.published_raw = cur.published_raw or value  # printed, not readable
        if cur.outlet is None:
            agency = _AGENCY_IN_PARENS.search(text)  # "Dakar, 17 juillet 2025 (APS)"
            if agency:
                cur.outlet = self.vocab.agencies.get(agency.group(1).upper())

    def _use_source_line(self, cur: ArticleDraft, value: str) -> None:
        """A "Source : …" line: the article's address, and its outlet."""
        url = find_url(value)
        if url and cur.url is None:
            cur.url = url
        if cur.outlet is None:
            cur.outlet = outlet_from_source(value, self.vocab)


def parse_page_dump(
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> Iterator[ArticleDraft]:
    """Article drafts of a page dump given as ``(offset, line)`` pairs.

    Args:
        lines: The decoded file, line by line, with each line's character offset.
        vocab: Boilerplate and outlet vocabulary (default: the French resources).

    The file's layout (what separates articles, paragraphs and headlines) is
    inferred from the file itself first: see ``reading.layout``.

    Yields:
        Drafts in file order; a draft without paragraphs only carries segments.

    """
    from sahel_utils.reading.layout import read_page_dump  # layout builds on this module

    yield from read_page_dump(lines, vocab)


def parse_single_article(text: str, vocab: Vocabulary | None = None) -> ArticleDraft:
    """Clean a text known to hold one article (HTML extraction, JSON record).

    Boilerplate is removed as in a page dump, but the text is never cut into
    several articles. Segment offsets are offsets into ``text``.
    """
    offset = 0
    lines = []
    for raw in text.splitlines(keepends=True):
        lines.append((offset, raw))
        offset += len(raw)
    return clean_single_article(lines, vocab)


def clean_single_article(
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> ArticleDraft:
    """Like ``parse_single_article`` for ``(offset, line)`` pairs (offsets kept)."""
    return merge_drafts(PageDumpParser(lines, vocab, single_article=True).articles())


def merge_drafts(drafts: Iterable[ArticleDraft]) -> ArticleDraft:
    """Drafts of one article as one: the first title, later headlines kept as body."""
    merged = ArticleDraft()
    for i, draft in enumerate(drafts):
        if i == 0:
            merged.title = draft.title
        elif draft.title:
            merged.paragraphs.append(draft.title)
        merged.paragraphs += draft.paragraphs
        merged.segments += draft.segments
        for attr in ("published", "published_raw", "author", "outlet", "url"):
            if getattr(merged, attr) is None:
                setattr(merged, attr, getattr(draft, attr))
    if merged.published is not None:
        merged.published_raw = None
    return merged
