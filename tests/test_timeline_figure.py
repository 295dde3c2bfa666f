"""The timeline figure: broken time axis, grouped labels, empty case."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sahel_utils.analysis import timeline as tl


def _ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def test_time_ranges_break_the_axis_only_at_a_gap_that_dwarfs_the_rest():
    starts = [_ts("1919-01-01"), _ts("2022-03-01"), _ts("2025-06-01")]
    ends = [_ts("1919-12-31"), _ts("2022-03-01"), _ts("2025-06-30")]
    ranges = tl.time_ranges(starts, ends)
    assert len(ranges) == 2
    assert ranges[0][0] < _ts("1919-01-01") and ranges[0][1] > _ts("1919-12-31")
    assert ranges[1][0] < _ts("2022-03-01") < _ts("2025-06-30") < ranges[1][1]
    # evenly spread events: one axis
    even = [_ts("2010-01-01"), _ts("2016-01-01"), _ts("2022-01-01")]
    assert len(tl.time_ranges(even, even)) == 1
    # a long event bridging the gap leaves no gap
    assert len(tl.time_ranges(starts, [_ts("2021-12-31"), *ends[1:]])) == 1
    assert tl.time_ranges([], []) == []


def test_label_groups_join_numbers_of_points_too_close_to_label_apart():
    groups = tl.label_groups([10.0, 10.5, 11.0, 30.0], [23, 21, 22, 35], tolerance=1.0)
    assert groups == [(10.5, "21, 22, 23"), (30.0, "35")]


def test_draw_timeline_numbers_every_event_on_a_broken_axis():
    rows = [
        (1, "FRA–GBR", "1919-01-01", "1919-12-31", "single_source", 1),
        (2, "MLI–RUS", "2025-03-01", "2025-03-01", "corroborated", 2),
        (3, "MLI–RUS", "2025-03-02", "2025-03-02", "single_source", 1),
        (4, "AES–RUS", "2024-07-06", "2024-07-06", "corroborated", 3),
    ]
    frame = pd.DataFrame(rows, columns=["#", "dyad", "start", "end", "verdict", "n_sources"])
    frame["start"], frame["end"] = pd.to_datetime(frame["start"]), pd.to_datetime(frame["end"])
    fig = tl.draw_timeline(frame)
    assert len(fig.axes) == 2  # 1919 apart from 2024-2025
    assert fig.axes[0].get_xlim()[1] < fig.axes[1].get_xlim()[0]
    labels = {t.get_text() for ax in fig.axes for t in ax.texts}
    assert labels == {"1", "2, 3", "4"}
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == ["AES–RUS", "FRA–GBR", "MLI–RUS"]
    plt.close(fig)
    empty = tl.draw_timeline(frame.iloc[0:0])
    assert empty.axes[0].texts[0].get_text() == "no dated event"
    plt.close(empty)
