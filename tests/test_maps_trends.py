"""The partner map (SVG geometry parsing, table, drawing) and the trends by outlet country."""

from __future__ import annotations

import socket
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.path import Path as MplPath

from sahel_utils.analysis import maps, trends
from sahel_utils.analysis.countries import labelled, with_names
from sahel_utils.analysis.plots import save_figure

# A world map in the installed package's layout: groups classed "<alpha-2> country",
# relative paths, a group transform and a path transform.
SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">
  <g class="countries">
    <g class="ml country map-element"><path d="m 10,10 l 20,0 0,20 -20,0 z" /></g>
    <g class="ne country map-element">
      <g transform="translate(100,0)"><path d="M 0,10 L 20,10 L 20,30 L 0,30 Z" /></g>
    </g>
    <g class="bf country map-element"><path d="m 10,40 h 10 v 10 h -10 z" /></g>
    <g class="ru country map-element">
      <path d="m 150,5 c 10,0 20,0 30,0 l 0,20 -30,0 z m 0,40 l 2,0 0,2 -2,0 z"
            transform="translate(1,1)" />
    </g>
    <g class="xx country map-element"><path d="m 0,0 l 1,0 0,1 z" /></g>
    <g class="tr country map-element"></g>
  </g>
</svg>
"""


@pytest.fixture
def svg(tmp_path: Path) -> Path:
    path = tmp_path / "worldmap.svg"
    path.write_text(SVG, encoding="utf-8")
    return path


def test_parse_path_relative_and_absolute_commands_give_the_same_square():
    rel_vertices, rel_codes = maps.parse_path("m 10,10 l 20,0 0,20 -20,0 z")
    abs_vertices, abs_codes = maps.parse_path("M 10 10 L 30 10 L 30 30 L 10 30 Z")
    np.testing.assert_allclose(rel_vertices, abs_vertices)
    assert rel_codes == abs_codes
    assert rel_codes[0] == MplPath.MOVETO and rel_codes[-1] == MplPath.CLOSEPOLY
    vertices, codes = maps.parse_path("m 0,0 h 5 v 5 c 1,1 2,2 3,3 z m 10,0 l 1,1")
    np.testing.assert_allclose(vertices[:4], [[0, 0], [5, 0], [5, 5], [6, 6]])
    assert codes.count(MplPath.CURVE4) == 3
    np.testing.assert_allclose(vertices[-2], [10, 0])  # after z, a relative m is from the start


def test_parse_path_rejects_commands_it_does_not_draw():
    with pytest.raises(ValueError, match="unsupported"):
        maps.parse_path("M 0 0 A 5 5 0 0 1 10 10")


def test_parse_transform_composes_translate_scale_and_matrix():
    matrix = maps.parse_transform("translate(10,5) scale(2)")
    np.testing.assert_allclose(matrix @ [1, 1, 1], [12, 7, 1])
    matrix = maps.parse_transform("matrix(2,0,0,3,1,1)")
    np.testing.assert_allclose(matrix @ [1, 1, 1], [3, 4, 1])
    np.testing.assert_allclose(maps.parse_transform(None), np.eye(3))


def test_read_world_keys_shapes_by_alpha3_and_applies_transforms(svg: Path):
    shapes = maps.read_world(svg)
    assert set(shapes) == {"MLI", "NER", "BFA", "RUS"}  # "xx" is no country; "tr" is empty
    extent = shapes["NER"].get_extents()
    assert (extent.x0, extent.y0, extent.x1, extent.y1) == (100, 10, 120, 30)
    # the mainland, not the small island, anchors Russia's label; the path transform applies
    x, y = maps.anchor(shapes["RUS"])
    assert 151 <= x <= 181 and 6 <= y <= 26


def test_world_svg_names_the_package_when_it_is_missing(monkeypatch):
    monkeypatch.setattr(maps.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(maps.MapUnavailable, match=maps.GEOMETRY_DISTRIBUTION):
        maps.world_svg()


def _reports(rows):
    return pd.DataFrame(rows, columns=["article_id", "actor_a", "actor_b", "domain", "outlet"])


def test_map_table_counts_articles_for_states_and_partners_with_bloc_members():
    reports = _reports(
        [
            ("a#0", "MLI", "RUS", "defence", "APA"),
            ("a#0", "MLI", "RUS", "training", "APA"),  # same article: counted once
            ("b#0", "AES", "RUS", "defence", "Le Monde"),  # the bloc counts for its members
            ("c#0", "NER", "TUR", None, "Le Monde"),
            ("d#0", "FRA", "DEU", None, "Le Monde"),  # no focus state: not on the map
        ]
    )
    table = maps.map_table(reports, ["MLI", "BFA", "NER"])
    got = {(r.country, r.role): r.n_articles for r in table.itertuples()}
    assert got == {
        ("MLI", "focus state"): 2,
        ("NER", "focus state"): 2,
        ("BFA", "focus state"): 1,
        ("RUS", "partner"): 2,
        ("TUR", "partner"): 1,
    }
    assert list(table["role"][:3]) == ["focus state"] * 3
    assert table.loc[table["country"] == "TUR", "name"].item() == "Turquie"
    assert maps.map_table(_reports([]), ["MLI"]).empty


def test_draw_partner_map_saves_png_and_csv_without_network(svg, tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the map must not open a connection")

    monkeypatch.setattr(socket, "socket", no_network)
    shapes = maps.read_world(svg)
    table = pd.DataFrame(
        {
            "country": ["MLI", "NER", "RUS", "CHN"],
            "name": ["Mali", "Niger", "Russie", "Chine"],
            "role": ["focus state", "focus state", "partner", "partner"],
            "n_articles": [3, 2, 2, 1],
        }
    )
    fig, ax = plt.subplots()
    missing = maps.draw_partner_map(ax, table, shapes)
    assert missing == ["CHN"]  # no shape on this map: said, not silently dropped
    labels = [t.get_text() for t in ax.texts]
    assert "Russie (2)" in labels
    legend = ax.get_legend().get_texts()[0].get_text()
    assert legend == "Mali (3) · Niger (2)"
    png, csv = save_figure(fig, table, "02-map", tmp_path)
    plt.close(fig)
    assert png.read_bytes().startswith(b"\x89PNG")
    assert list(pd.read_csv(csv)["country"]) == ["MLI", "NER", "RUS", "CHN"]


def test_installed_world_map_has_the_sahel_and_the_usual_partners():
    try:
        shapes = maps.world_shapes()
    except maps.MapUnavailable:
        pytest.skip(f"{maps.GEOMETRY_DISTRIBUTION} is not installed")
    assert {"MLI", "BFA", "NER", "RUS", "TUR", "CHN", "EGY", "FRA", "USA"} <= set(shapes)
    mali, niger = maps.anchor(shapes["MLI"]), maps.anchor(shapes["NER"])
    assert mali[0] < niger[0]  # Mali is west of Niger


def test_outlet_country_reads_the_table_case_and_accent_free():
    assert trends.outlet_country("BBC News Afrique") == "GBR"
    assert trends.outlet_country("le monde") == "FRA"
    assert trends.outlet_country("Liberation") == "FRA"
    assert trends.outlet_country("APA") == "SEN"
    assert trends.outlet_country("Unknown Gazette") == trends.UNKNOWN_COUNTRY
    assert trends.outlet_country(None) == trends.UNKNOWN_COUNTRY


def test_every_outlet_country_is_an_iso_code():
    from sahel_utils.analysis.countries import is_known

    codes = set(trends._outlet_countries().values())
    assert codes and all(is_known(c) and c != "AES" for c in codes)


def _dated(rows):
    frame = pd.DataFrame(
        rows, columns=["article_id", "actor_a", "actor_b", "domain", "outlet", "year"]
    )
    return trends.with_outlet_country(frame)


def test_trend_counts_by_outlet_country_counts_articles_with_group_totals():
    reports = _dated(
        [
            ("a#0", "MLI", "RUS", "defence", "Le Monde", "2024"),
            ("a#0", "MLI", "RUS", "defence", "Le Monde", "2024"),
            ("b#0", "NER", "TUR", "defence", "RFI", "2024"),
            ("c#0", "NER", "TUR", "economy", "RFI", "2024"),
            ("d#0", "AES", "RUS", None, "BBC News Afrique", "2025"),
            ("e#0", "MLI", "CHN", "economy", "Gazette", None),  # undated: left out
        ]
    )
    domains = trends.trend_counts(reports, "outlet_country", "domain", "year")
    got = {
        (r.outlet_country, r.year, r.domain): (r.n_articles, r.group_articles)
        for r in domains.itertuples()
    }
    assert got == {("FRA", "2024", "defence"): (2, 3), ("FRA", "2024", "economy"): (1, 3)}
    partners = trends.trend_counts(reports, "outlet", "partner", "year", ["MLI", "BFA", "NER"])
    got = {(r.outlet, r.year, r.partner): r.n_articles for r in partners.itertuples()}
    assert got == {
        ("BBC News Afrique", "2025", "RUS"): 1,
        ("Le Monde", "2024", "RUS"): 1,
        ("RFI", "2024", "TUR"): 2,
    }
    with pytest.raises(ValueError):
        trends.trend_counts(reports, "outlet", "pairs", "year")


def test_trend_grid_and_figure_show_counts_and_group_totals(tmp_path):
    reports = _dated(
        [
            ("a#0", "MLI", "RUS", "defence", "Le Monde", "2024"),
            ("b#0", "NER", "TUR", "defence", "RFI", "2025"),
            ("c#0", "NER", "TUR", "economy", "RFI", "2025"),
            ("d#0", "NER", "TUR", "health", "RFI", "2025"),
        ]
    )
    counts = trends.trend_counts(reports, "outlet_country", "domain", "year")
    grid = trends.trend_grid(counts, "outlet_country", "domain", "year", top=1, label=labelled)
    assert list(grid.columns) == ["2024", "2025"]
    assert grid.loc["France (FRA) · all articles"].tolist() == [1, 3]
    assert grid.loc["France (FRA) · defence"].tolist() == [1, 1]
    assert grid.loc["France (FRA) · other"].tolist() == [0, 2]  # economy + health beyond top 1
    fig = trends.draw_trends(grid, "Domains by outlet country", "year")
    shown = {t.get_text() for t in fig.axes[0].texts}
    assert {"1", "3", "2"} <= shown
    save_figure(fig, with_names(counts, ["outlet_country"]), "03-trend", tmp_path)
    plt.close(fig)
    empty = trends.draw_trends(pd.DataFrame())
    assert "no dated report" in empty.axes[0].texts[0].get_text()
    plt.close(empty)


def test_partner_table_and_partner_over_time_centre_on_one_partner():
    reports = _dated(
        [
            ("a#0", "MLI", "TUR", "defence", "Le Monde", "2024"),
            ("a#0", "MLI", "TUR", "training", "Le Monde", "2024"),
            ("b#0", "AES", "TUR", "defence", "RFI", "2025"),  # the bloc: each member
            ("c#0", "NER", "RUS", "defence", "RFI", "2025"),  # not Turkey
        ]
    )
    table = maps.partner_table(reports, "TUR")
    got = {(r.country, r.role): r.n_articles for r in table.itertuples()}
    assert got == {
        ("TUR", "focus state"): 2,
        ("MLI", "partner"): 2,
        ("BFA", "partner"): 1,
        ("NER", "partner"): 1,
    }
    assert table["country"].iloc[:2].tolist() == ["TUR", "MLI"]
    assert maps.partner_table(reports, "CHN").empty
    timeline = trends.partner_over_time(reports, "TUR", "year")
    got = {(r.counterpart, r.year): r.n_articles for r in timeline.itertuples()}
    assert got == {("MLI", "2024"): 1, ("MLI", "2025"): 1, ("BFA", "2025"): 1, ("NER", "2025"): 1}


def test_reuse_labels_give_outlet_and_title_or_opening_words():
    from sahel_utils.analysis import claims_views as views

    articles = pd.DataFrame(
        {
            "article_id": ["a.txt#0", "b.txt#0"],
            "source_file": ["a.txt", "b.txt"],
            "outlet": ["TV5MONDE", None],
            "title": ["Mali-Russie : Moscou dit intensifier sa coopération", None],
            "text": ["…", "Le Mali et la Russie ont signé jeudi un accord de défense à Bamako."],
        }
    )
    reuse = pd.DataFrame(
        {
            "article_a": ["a.txt#0"],
            "article_b": ["b.txt#0"],
            "relation": ["rewrite"],
            "score": [0.5],
        }
    )
    labels = views.reuse_labels(views.reuse_graph(reuse, articles), articles)
    assert labels["a.txt#0"] == "TV5MONDE\nMali-Russie : Moscou dit…"
    assert labels["b.txt#0"] == "b.txt (no outlet)\nLe Mali et la Russie ont…"
