"""Blocs of states (``core/resources/fr/blocs.yaml``): the one source of bloc membership.

``bloc_members("AES")`` is what the gazetteer, the claims, the network views and
the gold scorers all use for the members of a bloc.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType

from sahel_utils.core import paths
from sahel_utils.core.lexicon import Lexicon, Word, load_lexicon, register_schema

BLOCS_FILE = paths.CORE_RESOURCES / "blocs.yaml"


class Bloc(Lexicon):
    """One bloc: display name, kind, ISO3 members (where settled) and other names."""

    name: str
    kind: str
    members: list[str] = []
    aliases: list[Word] = []
    aliases_exact_case: list[Word] = []
    country: str | None = None


@register_schema("core", "blocs.yaml")
class BlocsFile(Lexicon):
    """``blocs.yaml``: bloc id -> :class:`Bloc`."""

    blocs: dict[str, Bloc]


def load_blocs() -> BlocsFile:
    """The validated ``blocs.yaml`` (cached)."""
    return load_lexicon(BLOCS_FILE, BlocsFile)


@lru_cache(maxsize=1)
def _all_members() -> MappingProxyType[str, frozenset[str]]:
    return MappingProxyType({str(k): frozenset(v.members) for k, v in load_blocs().blocs.items()})


def all_bloc_members() -> MappingProxyType[str, frozenset[str]]:
    """Members of every bloc, ``{bloc id: frozenset of ISO3}`` (empty when not listed)."""
    return _all_members()


def bloc_members(bloc_id: str) -> frozenset[str]:
    """ISO3 members of ``bloc_id`` (empty for an unknown bloc or unlisted membership)."""
    return _all_members().get(bloc_id, frozenset())


def sorted_members(bloc_id: str) -> tuple[str, ...]:
    """The members of ``bloc_id`` as a sorted tuple."""
    return tuple(sorted(bloc_members(bloc_id)))


#: The bloc whose pairs are scored and counted member by member.
EXPANDED_BLOC = "AES"


def expand_pair(a: str, b: str) -> set[tuple[str, str]]:
    """Expand a pair with ``AES`` to its members on both sides, as sorted pairs."""
    members = sorted_members(EXPANDED_BLOC)
    left = members if a == EXPANDED_BLOC else (a,)
    right = members if b == EXPANDED_BLOC else (b,)
    return {tuple(sorted((x, y))) for x in left for y in right if x != y}  # type: ignore[misc]
