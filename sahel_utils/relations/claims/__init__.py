"""Claims across sources: what outlets agree on, where they contradict.

``extract_claims(tables)`` reads the tagged tables, extracts event, quote,
number and attribute claims (``extract``), clusters claims about the same thing
across articles (``cluster``) and gives each cluster a verdict, counting
articles that rewrite one another (the ``reuse`` table) as one source.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from sahel_utils.core.tables import empty_table, validate
from sahel_utils.relations.claims.cluster import cluster_claims, merge_scored, verdict
from sahel_utils.relations.claims.dates import span_days
from sahel_utils.relations.claims.extract import Claim, bloc_members, extract_all
from sahel_utils.relations.claims.vocab import load_vocab
from sahel_utils.relations.reuse import reuse_groups


def _actor_label(claim: Claim) -> str:
    keys = set(claim.actors)
    for bloc, members in bloc_members().items():
        if bloc in keys:
            keys -= set(members)
    names = sorted(a for a in keys if ":" not in a)
    orgs = sorted(a.split(":", 1)[1] for a in keys if a.startswith("organization:"))
    people = sorted(a.split(":", 1)[1].title() for a in claim.actors if a.startswith("person:"))
    return ", ".join(names + orgs + people)


def summarize(claims: list[Claim]) -> str:
    """A one-line description of a cluster, from its most precise claim."""
    best = _representative(claims)
    if best.kind == "event":
        when = best.date or "undated"
        who = _actor_label(best) or "?"
        return f"{best.subtype} ({best.trigger}): {who} ({when})"
    if best.kind == "number":
        values = sorted({c.value for c in claims if c.value})
        return f"{best.subtype}: {' vs '.join(values)}"
    if best.kind == "attribute":
        values = sorted({c.value for c in claims if c.value})
        return f"{best.entity} {best.subtype}: {' vs '.join(values)}"
    speakers = Counter(c.speaker for c in claims if c.speaker)
    speaker = speakers.most_common(1)[0][0] if speakers else "unknown speaker"
    return f"{speaker}: « {best.value} »"


def _representative(claims: list[Claim]) -> Claim:
    """The claim with the most precise date, then the longest quote, then the first."""
    return min(
        claims,
        key=lambda c: (
            span_days(c.span) if c.span is not None else 10**6,
            -len(c.value or "") if c.kind == "quote" else 0,
            c.article_id,
            c.start,
        ),
    )


def cluster_key(claims: list[Claim]) -> str:
    """An id derived from a cluster's content, the same whatever the run or input order.

    ``KIND-`` and 12 hex digits of a hash of its claims (article, place in the
    article, type and value), sorted.
    """
    parts = sorted(
        f"{c.article_id}\x1f{c.start}\x1f{c.anchor}\x1f{c.subtype}\x1f{c.value or ''}"
        for c in claims
    )
    digest = hashlib.sha1("\x1e".join(parts).encode("utf-8"), usedforsecurity=False)
    return f"{claims[0].kind}-{digest.hexdigest()[:12]}"


def extract_claims(
    tables: dict[str, pd.DataFrame],
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
    extracted: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """Claims clustered across articles with a verdict per cluster.

    Args:
        tables: Tables keyed by name: ``articles`` (required), ``sentences``,
            ``mentions``, ``timex``, ``quotes`` and ``reuse`` when available.
        cache_dir: Build cache folder for per-article extraction (None: no cache).
        stats: Filled with counts of what was computed (``articles_extracted``,
            ``pairs`` and ``pairs_scored``: candidate pairs, and pairs scored
            rather than read from the cache).
        extracted: Called once every claim is extracted: the tagging tables are not
            read afterwards (the build lets go of them before claims are clustered).

    Returns:
        The ``claims`` table, one row per (cluster, article): ``cluster_id``,
        ``article_id``, ``kind``, ``verdict``, ``field`` (the conflicting field),
        ``summary``, ``evidence``, ``value``, plus ``subtype``, ``date``,
        ``speaker``, ``actors``, ``start``, ``end``, ``n_articles``, ``n_sources``.

    """
    columns = list(empty_table("claims").columns)
    articles = tables.get("articles")
    if articles is None or articles.empty:
        return validate("claims", pd.DataFrame(columns=columns))
    claims = extract_all(tables, load_vocab(), cache_dir=cache_dir, stats=stats)
    if extracted is not None:
        extracted()
    if not claims:
        return validate("claims", pd.DataFrame(columns=columns))
    clusters = cluster_claims(claims, cache_dir=cache_dir, stats=stats)
    return claims_table(claims, clusters, tables.get("reuse"), articles)


def claims_table(
    claims: list[Claim],
    clusters: list[list[int]],
    reuse: pd.DataFrame | None,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """The ``claims`` table from the claims and their clusters (see :func:`extract_claims`).

    Args:
        claims: Every claim, in the order :func:`extract_all` gives them.
        clusters: Clusters of claim indices (:func:`cluster_claims`).
        reuse: The ``reuse`` table (articles that rewrite one another are one source).
        articles: The ``articles`` table.

    """
    columns = list(empty_table("claims").columns)
    source_of = reuse_groups(reuse, list(articles["article_id"].astype(str)))
    ordered = sorted(
        clusters,
        key=lambda m: (
            claims[m[0]].kind,
            min(claims[i].article_id for i in m),
            min(claims[i].start for i in m),
        ),
    )
    # one list per column, not a dict per row: a row costs its values only
    data: dict[str, list] = {name: [] for name in columns}
    for members in ordered:
        group = [claims[i] for i in members]
        kind = group[0].kind
        cluster_id = cluster_key(group)
        label, field = verdict(group, source_of)
        summary = summarize(group)
        by_article: dict[str, list[Claim]] = {}
        for claim in group:
            by_article.setdefault(claim.article_id, []).append(claim)
        n_sources = len({source_of.get(a, a) for a in by_article})
        for article_id, own in sorted(by_article.items()):
            best = _representative(own)
            row = {
                "cluster_id": cluster_id,
                "article_id": article_id,
                "kind": kind,
                "verdict": label,
                "field": field,
                "summary": summary,
                "evidence": best.evidence,
                "value": best.value,
                "subtype": best.subtype,
                "date": best.date,
                "speaker": best.speaker,
                "actors": ";".join(sorted(best.actors)),
                "start": best.start,
                "end": best.end,
                "n_articles": len(by_article),
                "n_sources": n_sources,
            }
            for name in columns:
                data[name].append(row.get(name))
    return validate("claims", pd.DataFrame(data, columns=columns))


__all__ = [
    "extract_claims",
    "claims_table",
    "merge_scored",
    "Claim",
    "extract_all",
    "cluster_claims",
    "verdict",
    "summarize",
]
