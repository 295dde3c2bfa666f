"""What the entity component produces: mentions, and the people they group into.

Also the shared constants of the component: the span groups it reads and writes and
the affiliation of an official of a bloc or an international organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sahel_utils.core.normalize import fold

#: Span groups the gazetteer rulers write: any case, capital needed, exact case.
GAZETTEER_SPANS_KEYS = ("gazetteer", "gazetteer_cased", "gazetteer_exact")
MENTION_SPANS_KEY = "mentions"
#: Gazetteer place roles that stand for the state ("Moscou a signé", "le Kremlin").
SEAT_ROLES = ("capital", "seat")
#: Affiliation of an official of a bloc or an international organisation (no country).
INSTITUTION = ""


@dataclass
class Mention:
    """One resolved mention, in character offsets of the Doc text."""

    start: int
    end: int
    entity_type: str
    entity_id: str | None
    country: str | None
    source: str
    name: str = ""
    gazetteer_id: str | None = None
    nested: bool = False
    demonym: bool = False
    #: an organisation of whichever state the article is about ("CNT", "FDS")
    national: bool = False
    #: why a person has its country (``affiliation.COUNTRY_SOURCES``); None otherwise
    country_source: str | None = None

    def row(self) -> dict[str, Any]:
        """The msgpack-safe dict stored in ``doc._.mentions``."""
        return {
            "start": self.start,
            "end": self.end,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "country": self.country,
            "source": self.source,
            "country_source": self.country_source,
        }


@dataclass
class PersonCluster:
    """All mentions of one person in one article."""

    mentions: list[Mention]
    entry: Any = None
    country: str | None = None
    roles: set[str] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        """Gazetteer name, else the longest name the article gives (earliest on ties)."""
        if self.entry is not None:
            return str(self.entry.name)
        best = max(self.mentions, key=lambda m: (len(m.name.split()), len(m.name), -m.start))
        return best.name

    @property
    def keys(self) -> list[list[str]]:
        """Folded name words of each mention."""
        return [name_tokens(m.name) for m in self.mentions]


def name_tokens(name: str) -> list[str]:
    """Folded words of a name, split at blanks and hyphens.

    Args:
        name: A name as written ("Jean-Pierre Lacroix").

    Returns:
        Its folded words (``["jean", "pierre", "lacroix"]``).

    """
    return [t for t in re.split(r"[\s\-]+", fold(name)) if t]


def entry_country(entry: Any) -> str | None:
    """The country of a gazetteer entry (None without entry or country).

    Args:
        entry: A gazetteer ``Entry`` or None.

    Returns:
        Its ISO3 country, or None.

    """
    if entry is None:
        return None
    country = getattr(entry, "country", None)
    return str(country) if country else None
