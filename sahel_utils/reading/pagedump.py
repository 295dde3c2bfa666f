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

from collections.abc import Callable, Iterable, Iterator

from sahel_utils.core.normalize import canonical
from sahel_utils.reading.assembly import ArticleInProgress
from sahel_utils.reading.boilerplate import (
    Marker,
    Vocabulary,
    is_person_name,
    load_vocabulary,
    strip_bullet,
)
from sahel_utils.reading.common import ArticleDraft, Segment
from sahel_utils.reading.drafts import finish_draft, merge_drafts, use_marker
from sahel_utils.reading.lines import (
    DATE_OR_BYLINE,
    MAX_TITLE_CHARS,
    MAX_TITLE_WORDS,
    MIN_BODY_WORDS,
    Line,
    content_lines,
    is_body_like,
    is_sentence_like,
    is_title_candidate,
    word_count,
)
from sahel_utils.reading.lookahead import LOOKAHEAD_LINES, LOOKAHEAD_WORDS, Lookahead
from sahel_utils.reading.story_cues import (
    HEADLINE_ONLY_WORDS,
    LONG_HEADLINE_WORDS,
    MAX_SCAN_CHARS,
    MIN_STORY_NAMES,
    SHORT_HEADING_WORDS,
    WORDS_FILE,
    PageDumpWordsFile,
    StoryCues,
    pagedump_words,
    story_names,
)

# names importable from here since before the parser was split into sibling modules
__all__ = [
    "HEADLINE_ONLY_WORDS",
    "LONG_HEADLINE_WORDS",
    "LOOKAHEAD_LINES",
    "LOOKAHEAD_WORDS",
    "MAX_SCAN_CHARS",
    "MAX_TITLE_CHARS",
    "MAX_TITLE_WORDS",
    "MIN_BODY_WORDS",
    "MIN_STORY_NAMES",
    "SHORT_HEADING_WORDS",
    "WORDS_FILE",
    "Line",
    "PageDumpParser",
    "PageDumpWordsFile",
    "clean_single_article",
    "content_lines",
    "is_sentence_like",
    "merge_drafts",
    "parse_page_dump",
    "parse_single_article",
    "story_names",
]


class PageDumpParser:
    """Cut a page dump into articles and boilerplate segments (see module doc).

    The parser decides what each line is and ``ArticleInProgress`` records it;
    the parser asks ``Lookahead`` about the coming lines, ``StoryCues`` whether a
    headline opens a new story, and ``drafts`` for an article's metadata.
    """

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
        source = content if content is not None else content_lines(lines, self.vocab)
        self._ahead = Lookahead(source, self.vocab)
        # ``opens_story``: whether a paragraph opens a story (a wire dateline, ``layout``)
        self._cues = StoryCues(self._ahead, self.vocab, single_article, opens_story)

    # -- headline evidence (see ``story_cues``) --------------------------------------
    def starts_new_story(
        self,
        title: Line,
        known: set[str],
        words: set[str] | None = None,
        head_before: bool = False,
    ) -> bool:
        """Whether a title candidate inside a body opens a new story (see module doc)."""
        return self._cues.new_story_score(title, known, words, head_before) > 0

    # -- main loop ----------------------------------------------------------------
    def articles(self) -> Iterator[ArticleDraft]:
        """Yield article drafts in file order (drafts without body carry orphan segments)."""
        st = ArticleInProgress(self.vocab)
        while (line := self._ahead.next()) is not None:
            self._read_line(st, line)
            yield from st.finished
            st.finished.clear()
        st.flush_pending()
        if st.has_content():
            yield finish_draft(st.cur, self.vocab)

    def _read_line(self, st: ArticleInProgress, line: Line) -> None:
        """Place one line: a segment, the title, a new story's headline, or body."""
        is_first, st.first_line = st.first_line, False
        marker, text = line.marker, line.text
        is_head_marker = marker is not None and marker.segment_type in DATE_OR_BYLINE
        if st.pending and not is_head_marker and not is_title_candidate(line):
            st.flush_pending()
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
            repeat
            and st.has_body
            and not self.single_article
            and self._ahead.repeats_lead(text, st.cur)
        )
        if repeat and not saved_again:
            st.add_segment("title_repeat", line)
            return
        if is_title_candidate(line) and self._read_title_candidate(st, line, is_first, saved_again):
            return
        if st.pending:
            st.flush_pending()  # the held date or byline closed the current article
        if self._read_author(st, line) or self._read_teaser(st, line):
            return
        if st.zone is not None:
            self._read_zone_line(st, st.zone, line)
            return
        if not st.has_body and not is_body_like(line) and word_count(text) < 8:
            st.add_segment("header_line", line)
            return
        st.add_body(line)

    def _read_marker(self, st: ArticleInProgress, line: Line, marker: Marker) -> None:
        """A boilerplate line: a segment, maybe opening a zone or giving metadata."""
        kind, text = marker.segment_type, line.text
        if st.zone == "related_teaser" and st.inline_teaser and kind in DATE_OR_BYLINE:
            # a date under a one-line "read also" is the article's head, not the teaser's
            st.zone = st.zone_seg = None
        if marker.opens:
            st.zone = marker.opens
            st.zone_seg = st.add_segment(kind, line)
            st.inline_teaser = word_count(pagedump_words().teaser_lead.sub("", text)) >= 3
            if st.zone == "comment":
                st.zone_seg = None  # each comment is its own segment
        elif st.zone is not None and kind in DATE_OR_BYLINE and st.zone_seg is not None:
            st.zone_seg.extend(line.end, text)
            st.last_seg = st.zone_seg
        elif (
            st.zone is None
            and st.has_body
            and kind in DATE_OR_BYLINE
            and self._ahead.precedes_headline()
        ):
            # printed above the next headline: it may belong to the next article
            st.last_seg = Segment(kind, line.start, line.end, text)
            st.pending.append((marker, st.last_seg))
        else:
            st.add_segment(kind, line)
            if st.zone is not None:
                st.zone_seg = None
            else:
                use_marker(st.cur, marker, self.vocab, text)
        st.last_kind = "segment"

    def _read_title_candidate(
        self, st: ArticleInProgress, line: Line, is_first: bool, saved_again: bool
    ) -> bool:
        """Whether a title candidate was placed (title, teaser headline, new story)."""
        if st.zone is None and not st.has_body:
            return self._read_head_title(st, line, is_first)
        if (
            st.zone == "related_teaser"
            and st.zone_seg is not None
            and "\n" not in st.zone_seg.text
            and word_count(st.zone_seg.text) <= 4
        ):
            st.extend_zone(line)  # the teaser's headline under "Lire aussi :"
            return True
        if st.zone is not None:
            new_title = self._ahead.body_run(line.text) >= 2
        elif saved_again:
            new_title = True
        elif self._ahead.followed_by_body(line.text):
            new_title = self.starts_new_story(line, st.known, st.words, bool(st.pending))
        else:
            new_title = False
        if new_title:
            st.start_story(line)
        return new_title

    def _read_head_title(self, st: ArticleInProgress, line: Line, is_first: bool) -> bool:
        """A candidate before any body: the title, or a longer one replacing a kicker."""
        text = line.text
        replaces = st.cur.title is None or word_count(text) >= word_count(st.cur.title)
        if replaces and self._ahead.followed_by_body(text):
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

    def _read_author(self, st: ArticleInProgress, line: Line) -> bool:
        """A person's name at the end of the body or under the title: the author."""
        if st.zone is not None or not is_person_name(line.text, self.vocab):
            return False
        nxt = self._ahead.peek(0)
        after_signature = st.last_seg is not None and st.last_seg.segment_type == "signature"
        at_end = st.has_body and (nxt is None or nxt.marker is not None or after_signature)
        at_head = st.cur.title is not None and not st.has_body
        if not (at_end or at_head):
            return False
        st.cur.author = st.cur.author or line.text
        st.add_segment("author", line)
        return True

    def _read_teaser(self, st: ArticleInProgress, line: Line) -> bool:
        """A line of an open "read also" zone, unless the body resumes (which closes it)."""
        if st.zone != "related_teaser" or st.zone_seg is None:
            return False
        if not self._cues.body_resumes(line, st.known, st.words, st.has_body):
            st.extend_zone(line)
            return True
        st.zone = st.zone_seg = None  # the teaser is over: back to the body
        return False

    def _read_zone_line(self, st: ArticleInProgress, zone: str, line: Line) -> None:
        """A line of an open zone: a new comment, or the zone's segment going on."""
        numbered = strip_bullet(line.text) != line.text
        new_comment = zone == "comment" and (
            numbered
            or (line.blank_before and line.indent == 0)
            or self._ahead.is_comment_header(line)
        )
        st.add_zone_line(zone, line, new_comment)


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
