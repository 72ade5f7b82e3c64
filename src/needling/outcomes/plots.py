"""Line plots drawn as server-side SVG: no JavaScript, a <title>/<desc> for screen readers and a
data table beside each plot. Pure Python: coordinates in, coordinates out."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 18, 44
DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Point:
    day: int
    value: float
    text: str  # the tooltip and table text, e.g. "3 Mar 2026: 3 (moderate)"


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]
    css: str = "series-0"


@dataclass(frozen=True)
class Marker:
    x: float
    text: str


@dataclass
class DrawnSeries:
    name: str
    css: str
    path: str
    dots: list[tuple[float, float, str]]


@dataclass
class Plot:
    key: str
    title: str
    desc: str
    x_label: str
    y_label: str
    series: list[DrawnSeries] = field(default_factory=list)
    x_ticks: list[tuple[float, str]] = field(default_factory=list)
    y_ticks: list[tuple[float, str]] = field(default_factory=list)
    sessions: list[Marker] = field(default_factory=list)
    reviews: list[Marker] = field(default_factory=list)
    window: tuple[float, float] | None = None
    window_text: str = ""
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM
    inner_height: int = HEIGHT - BOTTOM - TOP


def _nice_step(span: float, target: int = 4) -> float:
    raw = span / target if span > 0 else 1.0
    magnitude = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if raw <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def y_bounds(values: list[float], fixed: tuple[float, float] | None) -> tuple[float, float]:
    if fixed is not None and all(math.isfinite(v) for v in fixed):
        return fixed
    low = min([*values, 0.0]) if fixed is not None else min(values, default=0.0)
    high = max(values, default=1.0)
    if high - low < 1e-9:
        # One value (or one point): an axis from zero past it, so the point reads against a
        # scale with several ticks (a one-unit span around 13.4 showed only "13" and "14").
        v = high
        if abs(v) < 1e-9:
            return (-1.0, 1.0)
        low, high = (0.0, v) if v > 0 else (v, 0.0)
        step = _nice_step(abs(v))
        return (math.floor(low / step) * step, math.ceil(high * 1.05 / step) * step)
    pad = (high - low) * 0.1
    return (low if fixed is not None else low - pad, high + pad)


def line_plot(
    *,
    key: str,
    title: str,
    desc: str,
    series: list[Series],
    y_range: tuple[float, float] | None,
    x_label: str,
    y_label: str,
    sessions: Sequence[tuple[int, str]] = (),
    reviews: Sequence[tuple[int, str]] = (),
    window: tuple[int, int, str] | None = None,
    min_days: int = 30,
    month_ticks: bool = True,
) -> Plot:
    days = [p.day for s in series for p in s.points]
    days += [d for d, _ in sessions] + [d for d, _ in reviews]
    if window is not None:
        days += [window[0], window[1]]
    x_low = min([0, *days])
    x_high = max([min_days, *days])
    values = [p.value for s in series for p in s.points]
    y_low, y_high = y_bounds(values, y_range)
    plot = Plot(key=key, title=title, desc=desc, x_label=x_label, y_label=y_label)

    def sx(day: float) -> float:
        span = (x_high - x_low) or 1
        return round(LEFT + (day - x_low) / span * (plot.right_edge - LEFT), 1)

    def sy(value: float) -> float:
        span = (y_high - y_low) or 1
        return round(plot.bottom_edge - (value - y_low) / span * (plot.bottom_edge - TOP), 1)

    for s in series:
        ordered = sorted(s.points, key=lambda p: p.day)
        coords = [(sx(p.day), sy(p.value), p.text) for p in ordered]
        path = " ".join(f"{x},{y}" for x, y, _ in coords)
        plot.series.append(DrawnSeries(s.name, s.css, path, coords))
    if month_ticks:
        step_months = 1 if x_high - x_low <= 120 else 3
        first = math.ceil(x_low / DAYS_PER_MONTH / step_months) * step_months
        month = first
        while month * DAYS_PER_MONTH <= x_high:
            plot.x_ticks.append((sx(month * DAYS_PER_MONTH), f"{month} mo"))
            month += step_months
    else:
        day_step = max(1, int(_nice_step(x_high - x_low, 6)))
        day = math.ceil(x_low / day_step) * day_step
        while day <= x_high:
            plot.x_ticks.append((sx(day), f"day {day}"))
            day += day_step
    span = y_high - y_low
    step = 1.0 if span <= 10 and y_range is not None else _nice_step(span)
    value = math.ceil(y_low / step) * step
    while value <= y_high + 1e-9:
        plot.y_ticks.append((sy(value), f"{value:g}"))
        value += step
    plot.sessions = [Marker(sx(d), text) for d, text in sessions]
    plot.reviews = [Marker(sx(d), text) for d, text in reviews]
    if window is not None:
        plot.window = (sx(window[0]), round(sx(window[1]) - sx(window[0]), 1))
        plot.window_text = window[2]
    return plot


def day_of(anchor: date, when: date) -> int:
    return (when - anchor).days
