"""Boilerplate detection by segment type: what on a page is not article body.

The markers (reader comments, "read also" teasers, the author's other articles,
prompts, signatures, "Source:" lines) are data in ``resources/fr/boilerplate.yaml``;
outlet names for agency signatures and web domains are in
``resources/fr/outlets.yaml``. This module holds the matching logic only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from sahel_utils.core import paths, vocabulary
from sahel_utils.core.lexicon import Lexicon, Word, load_lexicon, register_schema
from sahel_utils.core.normalize import fold

MAX_MARKER_CHARS = 1000
_LEADING_SYMBOLS = re.compile(
    r"^(?:[►▶▸→➜➤➔⇒•●▪■◆*>»]|[\U0001F300-\U0001FAFF\u2600-\u27BF]|[-–—](?=\s))+\s*"
)
_LINE_TRIM = " \t\r\n\u00a0\u202f\u2009\ufeff\u200b"
_BULLETS = "•●▪◦‣∙·-–—*"
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|[A-ZÀ-ÖØ-Þ]\.)$")
_AGENCY_SIGNATURE = re.compile(
    r"^[(\[—–-]?\s*(?:[A-Za-zÀ-ÿ]{1,6}/){0,5}(?P<agency>[A-Za-z]{2,8})\s*[)\]]?\.?$"
)
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"»]+", re.IGNORECASE)
# "Niamey, 4 mars 2025 (ANP) -", "DAKAR, 17 juil (APS) -", "N'Djamena (AFP) -"
_LEAD_DATELINE = re.compile(
    r"^(?P<head>[A-ZÀ-Þ][^()\n!?;:]{1,70}?)?\s*\((?P<agency>[A-Za-z]{2,10})\)\s*[-–—:]+\s*"
)
_DOMAIN_ONLY = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


@dataclass(frozen=True)
class Marker:
    """A boilerplate line: its segment type, the zone it opens and a captured value."""

    segment_type: str
    opens: str | None
    value: str | None
    author: str | None = None  # a person named on a date line ("12 mars 2025 | Par …")


@dataclass(frozen=True)
class Rule:
    """A boilerplate rule: segment type, zone it opens, whole-line patterns."""

    segment_type: str
    opens: str | None
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Vocabulary:
    """Everything loaded from the boilerplate and outlet resource files."""

    rules: tuple[Rule, ...]
    truncation_endings: tuple[str, ...]
    continuation_openers: tuple[str, ...]
    back_reference_words: tuple[str, ...]
    generic_capitalised: frozenset[str]
    name_particles: frozenset[str]
    agencies: dict[str, str]
    domains: dict[str, str]
    outlet_names: dict[str, str]


class RuleSpec(Lexicon):
    """One boilerplate rule: segment type, optional opening flag, regexes."""

    type: str
    opens: str | None = None
    patterns: list[str]


@register_schema("reading", "boilerplate.yaml")
class BoilerplateFile(Lexicon):
    """Schema of ``boilerplate.yaml`` (name particles are shared, in core)."""

    rules: list[RuleSpec]
    truncation_endings: list[Word]
    continuation_openers: list[Word]
    back_reference_words: list[Word]
    generic_capitalised: list[Word]


@register_schema("reading", "outlets.yaml")
class OutletsFile(Lexicon):
    """Schema of ``outlets.yaml``: agency codes, web domains and outlet names."""

    agencies: dict[str, str]
    domains: dict[str, str]
    names: dict[str, str]


@lru_cache(maxsize=4)
def load_vocabulary(resources: Path | None = None) -> Vocabulary:
    """Load ``boilerplate.yaml`` and ``outlets.yaml`` (cached).

    Args:
        resources: Folder holding the two files (default ``resources/fr``).

    """
    folder = resources or paths.READING_RESOURCES
    data = load_lexicon(folder / "boilerplate.yaml", BoilerplateFile)
    outlets = (
        load_lexicon(folder / "outlets.yaml", OutletsFile)
        if (folder / "outlets.yaml").exists()
        else OutletsFile(agencies={}, domains={}, names={})
    )
    rules = tuple(
        Rule(
            segment_type=r.type,
            opens=r.opens,
            patterns=tuple(re.compile(p, re.IGNORECASE) for p in r.patterns),
        )
        for r in data.rules
    )
    return Vocabulary(
        rules=rules,
        truncation_endings=tuple(data.truncation_endings),
        continuation_openers=tuple(
            sorted((fold(w) for w in data.continuation_openers), key=len, reverse=True)
        ),
        back_reference_words=tuple(fold(w) for w in data.back_reference_words),
        generic_capitalised=frozenset(fold(w) for w in data.generic_capitalised),
        name_particles=frozenset(fold(w) for w in vocabulary.name_particles()),
        agencies={k.upper(): v for k, v in outlets.agencies.items()},
        domains={k.lower(): v for k, v in outlets.domains.items()},
        outlet_names={fold(k): v for k, v in outlets.names.items()},
    )


def clean_line(line: str) -> str:
    """A line without surrounding blanks (including no-break spaces and BOM)."""
    return line.strip(_LINE_TRIM)


def strip_bullet(line: str) -> str:
    """A line without a leading bullet or list number."""
    return re.sub(rf"^(?:[{re.escape(_BULLETS)}]+|\d{{1,3}}[.)])\s+", "", line)


def is_person_name(text: str, vocabulary: Vocabulary | None = None) -> bool:
    """True when ``text`` has the shape of a personal name ("Alassane Souleymane").

    Two to five capitalised words (initials and name particles allowed), no digits,
    no sentence punctuation.
    """
    vocab = vocabulary or load_vocabulary()
    text = clean_line(text)
    if not text or len(text) > 60 or re.search(r"[\d,;:!?«»\"“”()]", text):
        return False
    tokens = text.split()
    if not 2 <= len(tokens) <= 5:
        return False
    capitalised = 0
    for token in tokens:
        if _NAME_TOKEN.match(token):
            if fold(token) in vocab.generic_capitalised:
                return False
            capitalised += 1
        elif fold(token) not in vocab.name_particles:
            return False
    return capitalised >= 2


def clean_author(author: str | None) -> str | None:
    """An author as printed in metadata, without a "Par"/"By" prefix (None if empty)."""
    if not author:
        return None
    name = re.sub(r"^(?:par|by|auteur\s*:)\s+", "", clean_line(author), flags=re.IGNORECASE)
    return name.strip(" ,;|-–—") or None


def match_marker(line: str, vocabulary: Vocabulary | None = None) -> Marker | None:
    """The boilerplate marker a whole line matches, or None for a body line.

    Args:
        line: One line of text (surrounding blanks are ignored).
        vocabulary: Loaded resources (default: the French ones).

    """
    vocab = vocabulary or load_vocabulary()
    text = clean_line(line)
    if not text or len(text) > MAX_MARKER_CHARS:
        return None  # boilerplate lines are short; running text is not scanned
    agency = agency_from_signature(text, vocab)
    if agency:
        return Marker("signature", None, agency)
    marker = _match_rules(text, vocab)
    if marker is None:
        unmarked = _LEADING_SYMBOLS.sub("", text)  # "► Lire aussi : …", "👉 Suivez-nous …"
        if unmarked and unmarked != text:
            marker = _match_rules(unmarked, vocab)
    if marker is not None:
        return marker
    outlet = known_outlet(text, vocab, agencies=False)
    if outlet is None and _DOMAIN_ONLY.match(text):
        outlet = outlet_from_url("https://" + text.lower(), vocab)  # "Lefaso.net"
    if outlet:
        return Marker("signature", None, outlet)  # the outlet's name alone on a line
    return None


def _match_rules(text: str, vocab: Vocabulary) -> Marker | None:
    """The first rule whose pattern matches the whole of ``text``."""
    for rule in vocab.rules:
        for pattern in rule.patterns:
            m = pattern.fullmatch(text)
            if not m:
                continue
            value = m.groupdict().get("value")
            value = clean_line(value) if value else None
            names_someone = "value" in pattern.groupindex
            if rule.segment_type == "byline" and names_someone and value:
                outlet = known_outlet(value, vocab)
                if outlet:
                    return Marker("signature", None, outlet)  # "Par AFP"
            if rule.segment_type == "byline" and names_someone:
                if not (value and is_person_name(value, vocab)):
                    continue  # "Par" opening a body sentence, not a byline
            author = m.groupdict().get("author")
            author = clean_line(author) if author else None
            if author and not is_person_name(author, vocab):
                author = None
            return Marker(rule.segment_type, rule.opens, value, author)
    return None


def known_outlet(name: str, vocab: Vocabulary | None = None, agencies: bool = True) -> str | None:
    """The outlet a printed name stands for (``outlets.yaml`` names, agency codes)."""
    vocab = vocab or load_vocabulary()
    key = clean_line(name).strip(" .-–—|")
    if agencies and key.upper() in vocab.agencies and len(key) >= 2:
        return vocab.agencies[key.upper()]
    return vocab.outlet_names.get(fold(key))


def agency_from_signature(line: str, vocabulary: Vocabulary | None = None) -> str | None:
    """Outlet of an agency signature such as ``"AC/Sf/APA"`` (None if not one)."""
    vocab = vocabulary or load_vocabulary()
    text = clean_line(line)
    m = _AGENCY_SIGNATURE.match(text)
    if not m:
        return None
    known = vocab.agencies.get(m.group("agency").upper())
    if known is None and "/" in text:
        # "AIB/ZK/ata": the agency first, the staff initials after
        first = re.sub(r"^[(\[—–-]\s*", "", text).split("/", 1)[0]
        known = vocab.agencies.get(first.upper())
    return known


def lead_dateline(paragraph: str, vocabulary: Vocabulary | None = None) -> tuple[str, str] | None:
    """Agency and printed date of a wire dateline opening a lead.

    ``"Niamey, 4 mars 2025 (ANP) - Le ministre…"`` -> ``("ANP", "4 mars 2025")``;
    the date is ``""`` when none is printed. None when the paragraph does not
    open on a dateline naming a known agency (``outlets.yaml``).
    """
    vocab = vocabulary or load_vocabulary()
    m = _LEAD_DATELINE.match(paragraph)
    if not m:
        return None
    agency = vocab.agencies.get(m.group("agency").upper())
    if agency is None:
        return None
    place_and_date = (m.group("head") or "").strip(" ,")
    date = place_and_date.split(",", 1)[1].strip() if "," in place_and_date else ""
    return agency, date if re.search(r"\d{4}", date) else ""


def find_url(text: str) -> str | None:
    """The first URL in ``text``, or a bare domain such as ``rfi.fr``."""
    m = _URL.search(text)
    if m:
        url = m.group(0).rstrip(".,;)")
        return url if url.lower().startswith("http") else "https://" + url
    bare = clean_line(text)
    if _DOMAIN_ONLY.match(bare):
        return "https://" + bare.lower()
    return None


def outlet_from_url(url: str, vocabulary: Vocabulary | None = None) -> str | None:
    """Outlet name for a URL, looked up by domain and its parent domains."""
    vocab = vocabulary or load_vocabulary()
    host = (urlparse(url).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    for i in range(len(labels) - 1):
        outlet = vocab.domains.get(".".join(labels[i:]))
        if outlet:
            return outlet
    return None


def outlet_from_source(value: str, vocabulary: Vocabulary | None = None) -> str | None:
    """Outlet named by the value of a "Source:" line (URL, domain, agency or name).

    Known domains, agencies and names map to their outlet (``outlets.yaml``);
    otherwise an unknown web address gives its host name and a short printed
    name is kept as printed.
    """
    vocab = vocabulary or load_vocabulary()
    url = find_url(value)
    if url:
        known = outlet_from_url(url, vocab)
        if known:
            return known
        host = (urlparse(url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host or None
    name = clean_line(value).strip(" .")
    if name.upper() in vocab.agencies:
        return vocab.agencies[name.upper()]
    known = vocab.outlet_names.get(fold(name))
    if known:
        return known
    parts = [p.strip() for p in re.split(r"\s*(?:,|/|;|\bet\b|\band\b|&)\s*", name) if p.strip()]
    if len(parts) > 1:  # "Sources : AFP, Reuters": the first one named
        first = parts[0]
        return vocab.agencies.get(first.upper()) or vocab.outlet_names.get(fold(first)) or first
    if name and len(name.split()) <= 6 and not re.search(r"[\d:;!?]", name):
        return name
    return None


def is_truncated(line: str, vocabulary: Vocabulary | None = None) -> bool:
    """True when a line ends like a cut-short teaser summary ("..", "…")."""
    vocab = vocabulary or load_vocabulary()
    text = line.rstrip(_LINE_TRIM)
    if text.endswith("...") and not text.endswith("...."):
        return False
    return any(text.endswith(end) for end in vocab.truncation_endings)
