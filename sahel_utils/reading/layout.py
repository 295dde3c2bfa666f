"""Layout of a plain page dump, decided from the file itself (not from the seeds).

Analysts save pages in many ways. Before a dump is cut into articles, its
first lines (``SAMPLE_LINES``) are measured and one layout is chosen for the
whole file:

* **paragraph breaks**: when paragraphs of running text mostly follow each
  other on consecutive lines (``Layout.lines``), or when every body is one
  block right under its headline, blank lines separate a headline from its
  body and one article from the next, and each body line is a paragraph.
  Otherwise blank lines separate paragraphs (the seed pages) and stories are
  told apart by ``pagedump.PageDumpParser``'s headline scores, helped by wire
  datelines opening a lead ("BAMAKO (AFP) -"). Hard-wrapped text (most lines
  stop mid-sentence before a lower-case line) is read with blank lines
  between paragraphs, each paragraph's lines joined again.
* **saved pages**: a browser tab title ("Headline - Site") followed by the
  headline alone starts a new page (``page_title`` segment); the headline is
  the title even when it closes on a full stop.
* **rules**: lines such as ``-----``, ``* * *`` or ``=====`` standing between
  articles are hard boundaries (``separator`` segments).
* **headline lists**: a numbered list of headlines before the first article
  (with a "Sommaire" line above it) is a ``headline_list`` segment.

In the "lines" layout, an article starts at a block of short lines (kicker,
headline, date or time stamp) after a body, or at a block whose first line is
a headline and whose next lines are paragraphs ("single newlines" saves). A
block of trailing matter (an author's name, an agency signature, share lines)
after a body stays with that body. Each article's lines are then cleaned like
one article (``single_article`` parser): boilerplate lines become segments,
the first headline is the title, later short lines (subheadings) stay in the
body. A story saved several times is read each time.

The vocabulary (rubric names for kickers and menus, headline-list headers,
month names of wire datelines, page-title separators) is in
``resources/fr/layout.yaml``; agency codes come from ``outlets.yaml``.
"""

from __future__ import annotations

import itertools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
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
from sahel_utils.reading.boilerplate import Marker, Vocabulary, is_person_name, load_vocabulary
from sahel_utils.reading.common import ArticleDraft, Segment
from sahel_utils.reading.lookahead import Lookahead
from sahel_utils.reading.pagedump import (
    MAX_TITLE_CHARS,
    MAX_TITLE_WORDS,
    Line,
    PageDumpParser,
    content_lines,
    merge_drafts,
    story_names,
)
from sahel_utils.reading.story_cues import StoryCues

SAMPLE_LINES = 3000  # non-blank lines measured to choose the layout
MIN_PARAGRAPH_WORDS = 6
MIN_HEADED_BODIES = 3  # head/body pairs that make a rhythm
KICKER_WORDS = 4  # a rubric line above a headline ("Politique", "Afrique de l'Ouest")
_SENTENCE_CLOSE = '.!?»”"…)'
_RULE = re.compile(r"(?:[-_=*~#•·+]\s*){3,}")
_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+\S")


@register_schema("reading", "layout.yaml")
class LayoutFile(Lexicon):
    """Schema of ``layout.yaml``: the words the layout reader needs."""

    rubric_words: list[Word]
    headline_list_headers: list[Word]
    dateline_day_words: list[Word]
    ordinal_suffixes: list[Word]
    months: list[Word]
    page_title_separators: list[str]


@dataclass(frozen=True)
class LayoutWords:
    """``layout.yaml`` ready for matching."""

    rubrics: frozenset[str]
    list_headers: frozenset[str]
    dateline: re.Pattern[str]
    page_title_separators: tuple[str, ...]


@lru_cache(maxsize=4)
def _layout_words(agencies: tuple[str, ...]) -> LayoutWords:
    data = load_lexicon(paths.READING_RESOURCES / "layout.yaml", LayoutFile)
    months = phrase_alternation(data.months)
    codes = phrase_alternation(agencies)
    place = r"[A-ZÀ-Þ][\w'’.]*(?:[ -][\w'’.]+){0,3}"
    day_word = phrase_alternation(data.dateline_day_words)
    ordinal = phrase_alternation(data.ordinal_suffixes)
    date = rf"(?:\s*,\s*(?:{day_word}\s+)?\d{{1,2}}{ordinal}?\s+(?:{months})\.?(?:\s+\d{{4}})?)"
    dateline = re.compile(
        # "BAMAKO (AFP) -", "Niamey, le 3 mars (ANP) –", "Dakar, 17 juil. 2025 (APS) :"
        rf"^(?:{place}{date}?\s*\((?:{codes}|[A-ZÀ-Þ][\w' -]{{1,30}})\)\s*[-–—:]\s*"
        # "APA-Dakar (Sénégal) -", "AIB - Ouagadougou (Burkina Faso) -"
        rf"|(?:{codes})\s*[-–—/]\s*{place}\s*\([^()]{{2,30}}\)\s*[-–—:]?\s*)",
        re.IGNORECASE,
    )
    return LayoutWords(
        rubrics=frozenset(fold(w) for w in data.rubric_words),
        list_headers=frozenset(fold(w) for w in data.headline_list_headers),
        dateline=dateline,
        page_title_separators=tuple(data.page_title_separators),
    )


def layout_words(vocab: Vocabulary | None = None) -> LayoutWords:
    """The layout vocabulary (agency codes from ``outlets.yaml``)."""
    vocab = vocab or load_vocabulary()
    return _layout_words(tuple(sorted(vocab.agencies)))


def opens_on_dateline(text: str, vocab: Vocabulary | None = None) -> bool:
    """Whether a paragraph opens on a wire dateline ("BAMAKO (AFP) -", "APA-Dakar (Sénégal)")."""
    m = layout_words(vocab).dateline.match(text)
    if not m:
        return False
    head = m.group(0)
    place = head.split("(", 1)[0].split(",", 1)[0].strip(" -–—/")
    codes = {c.upper() for c in (vocab or load_vocabulary()).agencies}
    in_parens = re.search(r"\(([^()]*)\)", head)
    agency = in_parens.group(1).strip().upper() if in_parens else ""
    first = re.split(r"[\s/–—-]", head.strip(), maxsplit=1)[0].upper()
    # a known agency, a place in capitals or a printed date: not an ordinary sentence
    return (
        agency in codes
        or first in codes
        or (place.isupper() and len(place) >= 3)
        or bool(re.search(r"\d", head))
    )


def is_rule(text: str) -> bool:
    """A line drawn between articles: ``-----``, ``* * *``, ``=====``, ``___``."""
    return bool(_RULE.fullmatch(text.strip()))


def _words(text: str) -> int:
    return len(text.split())


def is_headish(line: Line) -> bool:
    """A short line without final punctuation: a headline, kicker or subheading shape."""
    text = line.text
    if line.marker is not None or len(text) > MAX_TITLE_CHARS or is_rule(text):
        return False
    if _words(text) > MAX_TITLE_WORDS or text[-1] in ".;,:":
        return False
    first = text[0]
    return first.isupper() or first.isdigit() or first in "«\"“‘'"


def is_paragraph(line: Line) -> bool:
    """Running text: not a marker, not headline-shaped, several words."""
    return (
        line.marker is None
        and not is_headish(line)
        and not is_rule(line.text)
        and _words(line.text) >= MIN_PARAGRAPH_WORDS
    )


def _is_wrapped(prev: Line, line: Line) -> bool:
    """A hard-wrapped line: the previous one stops mid-sentence, this one goes on in lower case."""
    return prev.text[-1] not in _SENTENCE_CLOSE + ":;" and line.text[:1].islower()


@dataclass(frozen=True)
class Layout:
    """What separates articles, paragraphs and headlines in one file."""

    lines: bool  # paragraphs on consecutive lines; blank lines between head, body and articles
    rules: bool  # rule lines separate articles
    block_articles: bool = False  # each block is an article: its headline, then paragraphs
    hard_wrapped: bool = False  # lines cut at a width: a paragraph runs over several lines
    consecutive: int = 0  # measured: paragraph pairs on consecutive lines
    spaced: int = 0  # measured: body blocks right after a body block
    wrapped: int = 0  # measured: hard-wrapped line pairs


def blocks(lines: Iterable[Line]) -> Iterator[list[Line]]:
    """Runs of non-blank lines (a blank line ends a block)."""
    block: list[Line] = []
    for line in lines:
        if line.blank_before and block:
            yield block
            block = []
        block.append(line)
    if block:
        yield block


def _is_body_block(block: list[Line]) -> bool:
    return any(is_paragraph(line) for line in block)


_INNER_SENTENCE_END = re.compile(r"[.!?…]\s+[A-ZÀ-Þ«\"“]")


def is_title_sized(line: Line) -> bool:
    """One sentence at most a headline long (a headline may close on a full stop)."""
    text = line.text
    return (
        line.marker is None
        and _words(text) <= MAX_TITLE_WORDS
        and len(text) <= MAX_TITLE_CHARS
        and not _INNER_SENTENCE_END.search(text)
        and not text[:1].islower()
    )


def block_is_head(block: list[Line], following: list[Line] | None) -> bool:
    """A head block: kicker, headline, date lines, above a body.

    A headline may close on a full stop: one headline-sized line, alone in its
    block or with a short kicker above and date or byline lines under it, over
    a body block is a head.
    """
    if not _is_body_block(block):
        return True
    if following is None or not _is_body_block(following):
        return False
    running = [line for line in block if is_paragraph(line)]
    if len(running) != 1 or not is_title_sized(running[0]):
        return False
    # the other lines: a kicker above it, date and byline lines under it
    others = [line for line in block if line is not running[0]]
    if any(line.marker is None and _words(line.text) > KICKER_WORDS for line in others):
        return False
    return bool(others) or len(following) >= 2


def _opens_on_headline(block: list[Line], loose: bool) -> bool:
    """A block whose first line is a headline over paragraphs ("single newlines" saves)."""
    if len(block) < 2 or not is_paragraph(block[1]) or _is_wrapped(block[0], block[1]):
        return False
    return is_headish(block[0]) or (loose and is_title_sized(block[0]))


def infer_layout(sample: list[Line]) -> Layout:
    """Choose the layout of a file from its first non-blank lines (see module doc)."""
    consecutive = spaced = wrapped = headed = titled = multi = n_body = 0
    all_blocks = list(blocks(sample))
    previous_body = False
    for i, block in enumerate(all_blocks):
        following = all_blocks[i + 1] if i + 1 < len(all_blocks) else None
        body = not block_is_head(block, following)
        n_body += body
        if body and previous_body:
            spaced += 1
        elif body and i > 0:
            headed += 1
        previous_body = body
        if body and len(block) >= 2:
            multi += 1
            titled += _opens_on_headline(block, loose=False)
        for prev, line in itertools.pairwise(block):
            if prev.marker is None and line.marker is None and _is_wrapped(prev, line):
                wrapped += 1
            elif is_paragraph(prev) and is_paragraph(line):
                consecutive += 1
    n_rules = sum(is_rule(line.text) for line in sample)
    block_articles = titled >= 2 and titled >= 0.6 * multi and headed <= titled
    # paragraphs on consecutive lines, or every body a single block under its headline
    # lines cut at a width: most bodies run over lines stopping mid-sentence
    hard_wrapped = wrapped >= 2 and wrapped * 3 >= consecutive and 2 * wrapped >= n_body
    lines = (
        len(all_blocks) >= 2
        and not hard_wrapped
        and (
            (consecutive >= 2 and consecutive >= 2 * spaced)
            or (spaced == 0 and headed >= MIN_HEADED_BODIES)
            or block_articles
        )
    )
    return Layout(lines, n_rules >= 1, block_articles, hard_wrapped, consecutive, spaced, wrapped)


# -- headline lists -----------------------------------------------------------------


def _headline_list(sample: list[Line], words: LayoutWords) -> list[int]:
    """Indexes of the numbered headline list before the first article (with its header)."""
    numbered: list[int] = []
    expected = None
    for i, line in enumerate(sample):
        m = _NUMBERED.match(line.text)
        if m:
            number = int(m.group(1))
            if expected is not None and number != expected:
                break
            if _words(line.text) > MAX_TITLE_WORDS + 1:
                break
            numbered.append(i)
            expected = number + 1
            continue
        if numbered or is_paragraph(line):
            break
    if len(numbered) < 2:
        return []
    first = numbered[0]
    header = sample[first - 1] if first else None
    if (
        header is not None
        and not sample[first].blank_before
        and fold(header.text).strip(" :") in words.list_headers
    ):
        return [first - 1, *numbered]
    return numbered


def _segment_of(kind: str, lines: list[Line]) -> Segment:
    seg = Segment(kind, lines[0].start, lines[0].end, lines[0].text)
    for line in lines[1:]:
        seg.extend(line.end, line.text)
    return seg


# -- reading ------------------------------------------------------------------------


def read_page_dump(
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> Iterator[ArticleDraft]:
    """Article drafts of a page dump, cut by the layout inferred from the file.

    Args:
        lines: The decoded file as ``(offset, raw line)`` pairs.
        vocab: Boilerplate and outlet vocabulary (default: the French resources).

    Yields:
        Drafts in file order; drafts without paragraphs carry segments only
        (headline lists, rules, trailing boilerplate).

    """
    vocab = vocab or load_vocabulary()
    words = layout_words(vocab)
    source = content_lines(lines, vocab)
    sample = list(itertools.islice(source, SAMPLE_LINES))
    layout = infer_layout(sample)
    listed = set(_headline_list(sample, words))
    if listed:
        yield ArticleDraft(
            segments=[_segment_of("headline_list", [sample[i] for i in sorted(listed)])]
        )
        sample = [line for i, line in enumerate(sample) if i not in listed]
    pages = any(_is_page_title(line) for line in _mark_page_titles(iter(sample), words))
    stream: Iterator[Line] = _mark_page_titles(itertools.chain(sample, source), words)
    for chunk, rule in _chunks(stream, layout.rules, pages):
        if layout.lines:
            yield from _read_lines_layout(chunk, vocab, layout)
        else:
            yield from _read_blank_layout(
                _join_wrapped(chunk) if layout.hard_wrapped else chunk, vocab, layout.rules
            )
        if rule is not None:
            yield ArticleDraft(segments=[_segment_of("separator", [rule])])


def _join_wrapped(stream: Iterator[Line]) -> Iterator[Line]:
    """Lines of a hard-wrapped file with each paragraph's lines joined into one."""
    held: Line | None = None
    for line in stream:
        if (
            held is not None
            and not line.blank_before
            and held.marker is None
            and line.marker is None
            and _is_wrapped(held, line)
        ):
            held = replace(held, end=line.end, text=f"{held.text}\n{line.text}")
            continue
        if held is not None:
            yield held
        held = line
    if held is not None:
        yield held


def _read_blank_layout(
    chunk: Iterator[Line], vocab: Vocabulary, after_rule: bool = False
) -> Iterator[ArticleDraft]:
    """Articles of a file whose paragraphs are separated by blank lines (the seeds).

    When the chunk is one saved page whose tab title names its headline, or
    starts after a rule with a headline-sized line, the first article takes
    that headline even if it closes on a full stop.
    """
    first = next(chunk, None)
    if first is None:
        return
    headline = first.marker.value if first.marker is not None and _is_page_title(first) else None
    if headline is None and after_rule and first.marker is None and is_title_sized(first):
        headline = first.text
    found = False
    parser = PageDumpParser(
        (),
        vocab,
        content=itertools.chain([first], chunk),
        opens_story=lambda text: opens_on_dateline(text, vocab),
    )
    for draft in parser.articles():
        if draft.title and "\n" in draft.title:  # a headline wrapped over two lines
            draft.title = draft.title.replace("\n", " ")
        if headline and not found and draft.paragraphs:
            found = True
            if draft.title is None and draft.paragraphs[0] == headline:
                draft.paragraphs.pop(0)
                if draft.paragraph_spans:
                    draft.paragraph_spans.pop(0)
                draft.title = headline
        yield draft


PAGE_TITLE_WINDOW = 40  # lines between a browser tab's title and the headline it repeats


def _page_title_headline(text: str, words: LayoutWords) -> str | None:
    """The headline of a tab title "Headline - Site name" (None if not that shape)."""
    for sep in words.page_title_separators:
        if sep in text:
            headline, site = text.rsplit(sep, 1)
            if headline.strip() and 1 <= _words(site) <= 6:
                return headline.strip()
    return None


def _mark_page_titles(stream: Iterator[Line], words: LayoutWords) -> Iterator[Line]:
    """Lines "Headline - Site name" followed by the headline alone become ``page_title``."""
    window: deque[Line] = deque()
    for line in stream:
        window.append(line)
        if len(window) <= PAGE_TITLE_WINDOW:
            continue
        yield _page_title_or_line(window, words)
    while window:
        yield _page_title_or_line(window, words)


def _is_page_title(line: Line) -> bool:
    return line.marker is not None and line.marker.segment_type == "page_title"


def _page_title_or_line(window: deque[Line], words: LayoutWords) -> Line:
    line = window.popleft()
    if line.marker is not None:
        return line
    headline = _page_title_headline(line.text, words)
    if headline and any(later.text == headline for later in window):
        return replace(line, marker=Marker("page_title", None, headline))
    return line


def _chunks(
    stream: Iterator[Line], rules: bool, pages: bool
) -> Iterator[tuple[Iterator[Line], Line | None]]:
    """The stream cut at rule lines and before saved pages' tab titles.

    Yields ``(lines, rule after them or None)``; the whole stream, unread, when
    the file has neither.
    """
    if not (rules or pages):
        yield stream, None
        return
    chunk: list[Line] = []
    for line in stream:
        if rules and is_rule(line.text):
            yield iter(chunk), line
            chunk = []
            continue
        if pages and _is_page_title(line) and chunk:
            yield iter(chunk), None
            chunk = []
        if not chunk:
            line = replace(line, blank_before=True)
        chunk.append(line)
    yield iter(chunk), None


def _as_paragraph_lines(block: list[Line]) -> list[Line]:
    """Lines of a body block, each its own paragraph unless it continues a wrapped line."""
    out = [block[0]]
    for prev, line in itertools.pairwise(block):
        out.append(line if _is_wrapped(prev, line) else replace(line, blank_before=True))
    return out


def _is_trailer_block(block: list[Line], vocab: Vocabulary) -> bool:
    """Matter closing an article: signatures, author names, share and tag lines."""
    return all(line.marker is not None or is_person_name(line.text, vocab) for line in block)


def _read_lines_layout(
    stream: Iterable[Line], vocab: Vocabulary, layout: Layout
) -> Iterator[ArticleDraft]:
    """Articles of a file whose paragraphs are on consecutive lines (see module doc)."""
    article: list[Line] = []
    head: list[Line] = []  # the lines above the current article's body
    has_body = False
    lead: Line | None = None  # the first body line of the current article
    pending = iter(blocks(stream))
    block = next(pending, None)
    while block is not None:
        following = next(pending, None)
        if not block_is_head(block, following):
            if has_body and _opens_on_headline(block, loose=layout.block_articles):
                yield _single_article(article, head, vocab)
                article, head, has_body = [], [], False
            if not has_body and _opens_on_headline(block, loose=layout.block_articles):
                head = [*head, block[0]]
            if not has_body:
                lead = block[0]
            article += _as_paragraph_lines(block)
            has_body = True
        elif has_body and _belongs_to_body(block, following, head, lead, vocab, article):
            article += block  # a signature, the headline again, or a subheading
        else:
            if has_body:
                yield _single_article(article, head, vocab)
                article, head, has_body = [], [], False
            article += block
            head += block
        block = following
    if article:
        yield _single_article(article, head, vocab)


def _belongs_to_body(
    block: list[Line],
    following: list[Line] | None,
    head: list[Line],
    lead: Line | None,
    vocab: Vocabulary,
    article: list[Line],
) -> bool:
    """Whether a head-shaped block after a body still belongs to that article.

    Trailing matter (an author, a signature, share lines) not followed by a
    body; the headline printed again over more body (not over the lead); a
    subheading set apart by blank lines.
    """
    trailer = _is_trailer_block(block, vocab) and (
        following is None or not _is_body_block(following)
    )
    return (
        trailer
        or _repeats_headline_only(block, head, following, lead, vocab)
        or _is_subheading(block, following, article, vocab)
    )


SUBHEADING_WORDS = 5
SUBHEADING_SCORE = -1  # below it, the headline scores call the line a subheading


def _is_subheading(
    block: list[Line], following: list[Line] | None, article: list[Line], vocab: Vocabulary
) -> bool:
    """A short line alone between body blocks that the headline scores call a subheading.

    ``StoryCues.new_story_score`` weighs the line against the article so
    far: the next paragraph going on with "Il", "Cette", "également"…, names
    already met; a new story's lead names its own subject.
    """
    if len(block) != 1 or block[0].marker is not None or following is None:
        return False
    if _words(block[0].text) > SUBHEADING_WORDS or not _is_body_block(following):
        return False
    text = "\n".join(line.text for line in article if line.marker is None)
    known = story_names(text, vocab)
    words = {fold(w) for w in re.findall(r"[\w’'-]+", text)}
    cues = StoryCues(Lookahead(iter(following), vocab), vocab)
    return cues.new_story_score(block[0], known, words) < SUBHEADING_SCORE


def _repeats_headline_only(
    block: list[Line],
    head: list[Line],
    following: list[Line] | None,
    lead: Line | None,
    vocab: Vocabulary,
) -> bool:
    """A head block repeating the headline over more body, not over the lead again.

    A story saved again prints its headline and then its lead once more; a
    page that prints the headline again under a chapeau goes on with new text.
    """
    headline = _headline(head, layout_words(vocab))
    if headline is None or following is None or lead is None:
        return False
    again = _headline(block, layout_words(vocab))
    if again is None or canonical(again.text) != canonical(headline.text):
        return False
    return canonical(following[0].text) != canonical(lead.text)


def _headline(head: list[Line], words: LayoutWords) -> Line | None:
    """The headline among the lines above a body: the last headline-sized text line."""
    for line in reversed(head):
        if is_title_sized(line) and fold(line.text) not in words.rubrics:
            return line
    return None


# Lines above a headline that the parser reads for the article's date and author.
_KEPT_ABOVE_HEADLINE = {"dateline", "update_dateline", "byline", "signature", "source_line"}


def _single_article(lines: list[Line], head: list[Line], vocab: Vocabulary) -> ArticleDraft:
    """One article's lines cleaned like a single article (subheadings stay in the body).

    The headline is known from the layout (the last headline-sized line above
    the body), so a headline closing on a full stop is still the title. Lines
    above it (page title, menu, kicker, the previous page's footer) are
    segments; date and byline lines among them still give the article's date
    and author.
    """
    headline = _headline(head, layout_words(vocab))
    above: list[Segment] = []
    if headline is not None:
        cut = next(i for i, line in enumerate(lines) if line is headline)
        kept = []
        for line in lines[:cut]:
            kind = line.marker.segment_type if line.marker else None
            if line.marker is not None and kind in _KEPT_ABOVE_HEADLINE and not line.marker.opens:
                kept.append(line)
            else:
                above.append(Segment(kind or "header_line", line.start, line.end, line.text))
        lines = kept + lines[cut:]
    parser = PageDumpParser((), vocab, single_article=True, content=iter(lines))
    draft = merge_drafts(parser.articles())
    draft.segments[:0] = above
    if headline is None or not draft.paragraphs or draft.title == headline.text:
        return draft
    if draft.paragraphs[0] == headline.text:
        draft.paragraphs.pop(0)
        if draft.paragraph_spans:
            draft.paragraph_spans.pop(0)
    elif draft.title:
        return draft  # the parser found another headline under it: keep its reading
    draft.segments = [
        seg
        for seg in draft.segments
        if not (seg.start == headline.start and seg.text == headline.text)
    ]
    draft.title = headline.text
    return draft
