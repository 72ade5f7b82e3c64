"""SVG plot geometry: points land inside the plot area, ticks and markers where they belong."""

from __future__ import annotations

from needling.clinical import FOLLOW_UP_MONTHS
from needling.outcomes.plots import HEIGHT, LEFT, Point, Series, line_plot
from needling.outcomes.timepoints import FOLLOW_UP_TIMEPOINTS, Timepoint


def test_points_map_into_the_plot_area() -> None:
    plot = line_plot(
        key="k", title="t", desc="d", x_label="x", y_label="y",
        series=[Series("s", (Point(0, 1, "a"), Point(365, 4, "b")))],
        y_range=(1, 4), min_days=365,
    )  # fmt: skip
    (first, last) = plot.series[0].dots
    assert first[0] == LEFT
    assert first[1] == plot.bottom_edge  # the minimum sits on the x axis
    assert last[0] == plot.right_edge
    assert last[1] == plot.top  # the maximum at the top
    assert plot.series[0].path == f"{first[0]},{first[1]} {last[0]},{last[1]}"
    assert [text for _, text in plot.y_ticks] == ["1", "2", "3", "4"]
    assert plot.x_ticks[0][1] == "0 mo"


def test_sessions_window_and_reviews_are_placed_on_the_time_axis() -> None:
    plot = line_plot(
        key="k", title="t", desc="d", x_label="x", y_label="y", series=[],
        y_range=(0, 10), sessions=[(0, "s1"), (100, "s2")], reviews=[(130, "1 mo")],
        window=(100, 465, "w"),
    )  # fmt: skip
    assert plot.sessions[0].x == LEFT
    assert plot.window is not None
    assert plot.window[0] == plot.sessions[1].x
    assert plot.window[0] + plot.window[1] == plot.right_edge
    assert plot.inner_height == plot.bottom_edge - plot.top
    assert plot.height == HEIGHT


def test_an_unbounded_scale_gets_a_padded_range_from_its_data() -> None:
    plot = line_plot(
        key="k", title="t", desc="d", x_label="x", y_label="y",
        series=[Series("s", (Point(0, 50, "a"), Point(10, 80, "b")))], y_range=None,
    )  # fmt: skip
    ys = [y for _, y, _ in plot.series[0].dots]
    assert all(plot.top < y < plot.bottom_edge for y in ys)


def test_every_follow_up_month_has_a_timepoint() -> None:
    assert set(FOLLOW_UP_TIMEPOINTS) == set(FOLLOW_UP_MONTHS)
    assert set(FOLLOW_UP_TIMEPOINTS.values()) <= set(Timepoint.values)


def test_a_single_point_gets_an_axis_from_zero_with_several_ticks() -> None:
    """Issue 17: one redness value of 13.4 gave an axis showing only 13 and 14."""
    from needling.outcomes.plots import Point, Series, line_plot, y_bounds

    assert y_bounds([13.4], None) == (0.0, 15.0)
    assert y_bounds([-4.0], None)[1] == 0.0
    assert y_bounds([0.0], None) == (-1.0, 1.0)
    plot = line_plot(
        key="k", title="t", desc="d", series=[Series("a*", (Point(3, 13.4, "x"),))],
        y_range=None, x_label="days", y_label="a*",
    )  # fmt: skip
    labels = [text for _, text in plot.y_ticks]
    assert labels[0] == "0"
    assert len(labels) >= 3
    assert "15" in labels
