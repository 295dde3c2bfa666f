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
from dataclasses import dataclass
from functools import lru_cache

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
_TEASER_LEAD = re.compile(r"^\W*[\w\s]{0,25}?(?:aussi|également|egalement|sujet|also)\b\W*", re.I)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_WORD = re.compile(r"[\w’'-]+")
_ELISION = re.compile(r"^(?:[ldjmnstc]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
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
_DEFINITE_OPENING = re.compile(
    r"^(?:le|la|les|l'|ce|cet|cette|ces)\s*(?:(?:deux|trois|quatre|cinq|premiers?|premieres?)\s+)?"
    r"(?P<noun>[a-z][\w-]+)"
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
            stem = _ELISION.sub("", token)
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
        m = _DEFINITE_OPENING.match(fold(paragraph[:200]))
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

    def new_story_score(  # noqa: C901
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
        score = 2.0 if head_before else 0.0
        m = _HEADLINE_SHAPE.match(title.text)
        if m and _word_count(m.group("topic")) <= 6:
            score += 1
        if _word_count(title.text) <= SHORT_HEADING_WORDS:
            score -= 1
        elif _word_count(title.text) >= HEADLINE_ONLY_WORDS:
            score += 2.5  # a subheading this long is rare: a headline
        elif _word_count(title.text) >= LONG_HEADLINE_WORDS:
            score += 0.5  # headlines run longer than subheadings
        i, skipped = self._head_skip(0, title.text)
        if any(s.marker and s.marker.segment_type in _DATE_OR_BYLINE for s in skipped):
            score += 2
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
        if following and self._opens_story is not None and self._opens_story(following[0]):
            score += 2  # the lead of a wire story: "BAMAKO (AFP) -"
        if following and self._opens_with_reference_back(following[0]):
            score -= 2
        if following and self._refers_back(following[0]):
            score -= 1
        if following and words and self._names_known_thing(following[0], words):
            score -= 1
        # Who the story is about: the title's names, then the names of the first
        # paragraphs, read only until a few names are known (the lead sentence
        # of a new story names its subject).
        names = story_names(title.text, self.vocab)
        for text in following:
            if len(names) >= MIN_STORY_NAMES:
                break
            names |= story_names(text[:MAX_SCAN_CHARS], self.vocab)
        if names:
            novelty = len(names - known) / len(names)
            weight = min(4.0, 1.5 * len(names))  # few names, weak evidence
            score += weight * (novelty - 0.5)
        return score

    # -- main loop ----------------------------------------------------------------
    def articles(self) -> Iterator[ArticleDraft]:  # noqa: C901
        """Yield article drafts in file order (drafts without body carry orphan segments)."""
        cur = ArticleDraft()
        known: set[str] = set()
        words: set[str] = set()
        has_body = False
        zone: str | None = None
        zone_seg: Segment | None = None
        last_seg: Segment | None = None
        last_kind: str | None = None  # "title", "body", "segment"

        def add_segment(kind: str, line: Line) -> Segment:
            seg = Segment(kind, line.start, line.end, line.text)
            cur.segments.append(seg)
            return seg

        title_line: Line | None = None
        first_line = True
        inline_teaser = False  # the open teaser zone started on a line holding its headline
        pending: list[tuple[Marker, Segment]] = []

        def flush_pending() -> None:
            for held, seg in pending:
                cur.segments.append(seg)
                self._use_marker(cur, held, seg.text)
            pending.clear()

        while (line := self._next()) is not None:
            marker = line.marker
            text = line.text
            first_line, is_first = False, first_line
            is_head_marker = marker is not None and marker.segment_type in _DATE_OR_BYLINE
            if pending and not is_head_marker and not self.is_title_candidate(line):
                flush_pending()
            # A lower-case line glued to a segment line continues that segment.
            if (
                marker is None
                and last_kind == "segment"
                and last_seg is not None
                and not line.blank_before
                and text[:1].islower()
            ):
                last_seg.extend(line.end, text)
                continue

            if marker is not None:
                kind = marker.segment_type
                if zone == "related_teaser" and inline_teaser and kind in _DATE_OR_BYLINE:
                    # a date under a one-line "read also" is the article's head, not the teaser's
                    zone = zone_seg = None
                if marker.opens:
                    zone = marker.opens
                    zone_seg = last_seg = add_segment(kind, line)
                    inline_teaser = _word_count(_TEASER_LEAD.sub("", text)) >= 3
                    if zone == "comment":
                        zone_seg = None  # each comment is its own segment
                elif zone is not None and kind in _DATE_OR_BYLINE and zone_seg is not None:
                    zone_seg.extend(line.end, text)
                    last_seg = zone_seg
                elif (
                    zone is None
                    and has_body
                    and kind in _DATE_OR_BYLINE
                    and self._precedes_headline()
                ):
                    # printed above the next headline: it may belong to the next article
                    last_seg = Segment(kind, line.start, line.end, text)
                    pending.append((marker, last_seg))
                else:
                    last_seg = add_segment(kind, line)
                    if zone is not None:
                        zone_seg = None
                    else:
                        self._use_marker(cur, marker, text)
                last_kind = "segment"
                continue

            repeat = zone is None and cur.title and canonical(text) == canonical(cur.title)
            # the same story saved again after its body: a copy, read as its own article
            saved_again = bool(
                repeat and has_body and not self.single_article and self._repeats_lead(text, cur)
            )
            if repeat and not saved_again:
                last_seg = add_segment("title_repeat", line)
                last_kind = "segment"
                continue

            if self.is_title_candidate(line):
                new_title = False
                replaces = cur.title is None or _word_count(text) >= _word_count(cur.title)
                if zone is None and not has_body:
                    if replaces and self._followed_by_body(text):
                        if cur.title is not None and title_line is not None:
                            # the earlier, shorter line was a kicker or the site's name
                            cur.segments.append(
                                Segment("header_line", title_line.start, title_line.end, cur.title)
                            )
                        cur.title, title_line = text, line
                        known = story_names(text, self.vocab)
                        last_kind = "title"
                        continue
                    if cur.title is None and is_first:
                        # the file opens on a headline whose lead comes after a short line
                        cur.title, title_line = text, line
                        known = story_names(text, self.vocab)
                        last_kind = "title"
                        continue
                elif (
                    zone == "related_teaser"
                    and zone_seg is not None
                    and "\n" not in zone_seg.text
                    and _word_count(zone_seg.text) <= 4
                ):
                    zone_seg.extend(line.end, text)  # the teaser's headline under "Lire aussi :"
                    last_seg, last_kind = zone_seg, "segment"
                    continue
                elif zone is not None:
                    new_title = self._body_run(text) >= 2
                elif saved_again:
                    new_title = True
                elif self._followed_by_body(text):
                    new_title = self.starts_new_story(line, known, words, bool(pending))
                if new_title:
                    if has_body or cur.segments or cur.title:
                        yield self._finish(cur)
                    cur = ArticleDraft(title=text)
                    title_line = line
                    flush_pending()
                    known = story_names(text, self.vocab)
                    words = set()
                    has_body = False
                    zone = zone_seg = last_seg = None
                    last_kind = "title"
                    continue

            if pending:
                flush_pending()  # the held date or byline closed the current article

            if zone is None and is_person_name(text, self.vocab):
                nxt = self._peek(0)
                after_signature = last_seg is not None and last_seg.segment_type == "signature"
                at_end = has_body and (nxt is None or nxt.marker is not None or after_signature)
                at_head = cur.title is not None and not has_body
                if at_end or at_head:
                    cur.author = cur.author or text
                    last_seg = add_segment("author", line)
                    last_kind = "segment"
                    continue

            if zone == "related_teaser" and zone_seg is not None:
                if not self._body_resumes(line, known, words, has_body):
                    zone_seg.extend(line.end, text)
                    last_seg, last_kind = zone_seg, "segment"
                    continue
                zone = zone_seg = None  # the teaser is over: back to the body

            if zone is not None:
                numbered = strip_bullet(text) != text
                new_comment = zone == "comment" and (
                    numbered
                    or (line.blank_before and line.indent == 0)
                    or self._is_comment_header(line)
                )
                if zone_seg is None or new_comment:
                    zone_seg = add_segment(zone, line)
                else:
                    zone_seg.extend(line.end, text)
                last_seg, last_kind = zone_seg, "segment"
                continue

            if not has_body and not self.is_body_like(line) and _word_count(text) < 8:
                last_seg = add_segment("header_line", line)
                last_kind = "segment"
                continue

            if cur.paragraphs and last_kind == "body" and not line.blank_before:
                cur.paragraphs[-1] = f"{cur.paragraphs[-1]}\n{text}"
                cur.paragraph_spans[-1] = (cur.paragraph_spans[-1][0], line.end)
            else:
                cur.paragraphs.append(text)
                cur.paragraph_spans.append((line.start, line.end))
            sample = text[:MAX_SCAN_CHARS]  # a run-away line says who the story is about early
            known |= story_names(sample, self.vocab)
            words.update(_WORD.findall(fold(sample)))
            has_body = True
            last_kind = "body"
        flush_pending()
        if has_body or cur.segments or cur.title:
            yield self._finish(cur)

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

    def _use_marker(self, cur: ArticleDraft, marker: Marker, text: str = "") -> None:  # noqa: C901
        """Take the article's metadata from a head or tail marker (``text``: its line)."""
        kind, value = marker.segment_type, marker.value
        if kind == "byline" and cur.published is None and value and value in text:
            # "Par Awa Diallo - 12 mars 2025 à 10:05": the date printed after the name
            rest = text.split(value, 1)[1]
            if _YEAR.search(rest):
                cur.published = parse_date(rest)
        if marker.author and cur.author is None:
            cur.author = marker.author
        if kind == "dateline" and value and cur.published is None:
            cur.published = parse_date(value)
            if cur.published is None:
                cur.published_raw = cur.published_raw or value  # printed, not readable
        if kind == "dateline" and cur.outlet is None:
            agency = _AGENCY_IN_PARENS.search(text)  # "Dakar, 17 juillet 2025 (APS)"
            if agency:
                cur.outlet = self.vocab.agencies.get(agency.group(1).upper())
        elif kind == "update_dateline" and value and cur.updated is None:
            cur.updated = parse_date(value)
        elif kind == "byline" and value and cur.author is None:
            cur.author = value
        elif kind == "signature" and value and cur.outlet is None:
            cur.outlet = value
        elif kind == "source_line" and value:
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
