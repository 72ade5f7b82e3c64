"""Reads for the outcome page: assessments, session dates and redness measurements, three
queries however many there are, turned into plots against time since the first session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.apps import apps

from needling.access import require
from needling.clients.models import Client
from needling.clinical import FOLLOW_UP_MONTHS, SCALES, follow_up_schedule
from needling.outcomes.models import Assessment
from needling.outcomes.plots import Plot, Point, Series, day_of, line_plot
from needling.photos.models import RednessMeasurement
from needling.photos.selectors import redness_series

ROW_LIMIT = 2000
HEALING_DAYS = 28  # how long after a session a photo counts as part of its healing


@dataclass
class ScaleTrend:
    code: str
    name: str
    plot: Plot
    rows: list[Assessment]
    source: str


@dataclass
class OutcomePage:
    anchor: date | None
    anchor_text: str
    sessions: list[date]
    trends: list[ScaleTrend] = field(default_factory=list)
    redness_course: Plot | None = None
    redness_rows: list[RednessMeasurement] = field(default_factory=list)
    healing_plots: list[Plot] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    window_text: str = ""


def session_dates(client: Client) -> list[date]:
    """Dates of the client's signed treatment sessions (charting, issue 5), oldest first."""
    if not apps.is_installed("needling.charting"):
        return []
    from needling.charting.models import ChartStatus, TreatmentSession

    return sorted(
        set(
            TreatmentSession.objects.filter(client=client, status=ChartStatus.SIGNED).values_list(
                "session_date", flat=True
            )
        )
    )


def outcome_page(user: Any, client: Client) -> OutcomePage:
    require(user, "outcome.view", client)
    assessments = list(
        Assessment.objects.filter(client=client).order_by("assessed_on", "id")[:ROW_LIMIT]
    )
    sessions = session_dates(client)
    redness = redness_series(client)
    data_dates = [a.assessed_on for a in assessments] + [m.photo.taken_on for m in redness]
    if sessions:
        anchor: date | None = sessions[0]
        anchor_text = f"days since the first session ({sessions[0]:%-d %b %Y})"
    elif data_dates:
        anchor = min(data_dates)
        anchor_text = f"days since the first assessment ({anchor:%-d %b %Y}; no sessions yet)"
    else:
        anchor, anchor_text = None, ""
    page = OutcomePage(anchor, anchor_text, sessions, assessments=assessments)
    if anchor is None:
        return page
    session_marks = [(day_of(anchor, d), f"Session on {d:%-d %b %Y}") for d in sessions]
    window = reviews = None
    if sessions:
        last = sessions[-1]
        schedule = follow_up_schedule(last)
        reviews = [
            (day_of(anchor, d), f"{m}-month review ({d:%-d %b %Y})")
            for m, d in zip(FOLLOW_UP_MONTHS, schedule, strict=True)
        ]
        # Collagen remodelling goes on for up to a year after the course (microneedling.md §1.2,
        # the clinical core's FOLLOW_UP_SOURCE): the window runs from the last session to the
        # last review.
        window = (
            day_of(anchor, last),
            day_of(anchor, schedule[-1]),
            f"Remodelling window: {last:%-d %b %Y} to {schedule[-1]:%-d %b %Y}",
        )
        page.window_text = window[2]
    by_scale: dict[str, list[Assessment]] = {}
    for a in assessments:
        by_scale.setdefault(a.scale, []).append(a)
    for code, scale in SCALES.items():
        rows = by_scale.get(code)
        if not rows:
            continue
        points = tuple(
            Point(
                day_of(anchor, a.assessed_on),
                a.total,
                f"{a.assessed_on:%-d %b %Y}: {a.total:g}{f' ({a.label})' if a.label else ''}",
            )
            for a in rows
        )
        plot = line_plot(
            key=code,
            title=f"{scale.name} over time",
            desc=(
                f"{len(rows)} assessment(s) of {scale.name}, plotted against {anchor_text}; "
                f"range {scale.range[0]:g} to {scale.range[1]:g}."
            ),
            series=[Series(scale.name, points)],
            y_range=(float(scale.range[0]), float(scale.range[1])),
            x_label=anchor_text,
            y_label=scale.name,
            sessions=session_marks,
            reviews=reviews or [],
            window=window,
            min_days=365,
        )
        page.trends.append(ScaleTrend(code, scale.name, plot, rows, scale.source))
    if redness:
        page.redness_rows = redness
        page.redness_course = line_plot(
            key="redness",
            title="Redness index over the course",
            desc=(
                f"{len(redness)} measurement(s) of CIELAB a* (relative to the reference patch "
                f"where one was marked), plotted against {anchor_text}. A relative measure, not "
                "a diagnosis."
            ),
            series=[Series("a*", tuple(_redness_point(anchor, m) for m in redness))],
            y_range=None,
            x_label=anchor_text,
            y_label="a* (relative)",
            sessions=session_marks,
            reviews=reviews or [],
            window=window,
            min_days=365,
        )
        page.healing_plots = _healing_plots(sessions, redness)
    return page


def _redness_point(anchor: date, m: RednessMeasurement) -> Point:
    ref = " against reference" if m.has_reference else ""
    return Point(
        day_of(anchor, m.photo.taken_on),
        m.relative_a,
        f"{m.photo.taken_on:%-d %b %Y}: a* {m.relative_a:.1f}{ref}",
    )


def _healing_plots(sessions: list[date], redness: list[RednessMeasurement]) -> list[Plot]:
    """For each session with measurements in the days after it: redness by day after it."""
    plots = []
    for index, start in enumerate(sessions):
        end = sessions[index + 1] if index + 1 < len(sessions) else None
        points = tuple(
            _redness_point(start, m)
            for m in redness
            if start <= m.photo.taken_on
            and (end is None or m.photo.taken_on < end)
            and (m.photo.taken_on - start).days <= HEALING_DAYS
        )
        if not points:
            continue
        plots.append(
            line_plot(
                key=f"healing-{index + 1}",
                title=(
                    f"Redness over the healing days after session {index + 1} ({start:%-d %b %Y})"
                ),
                desc=(
                    f"{len(points)} measurement(s) of a* in the {HEALING_DAYS} days after the "
                    "session. A relative measure, not a diagnosis."
                ),
                series=[Series("a*", points)],
                y_range=None,
                x_label="days after the session",
                y_label="a* (relative)",
                min_days=7,
                month_ticks=False,
            )
        )
    return plots[-3:]


def latest_scores(client: Client) -> list[Assessment]:
    """The latest assessment of each scale, for the client page section. One query."""
    latest: dict[str, Assessment] = {}
    for a in Assessment.objects.filter(client=client).order_by("-assessed_on", "-id")[:500]:
        latest.setdefault(a.scale, a)
    order = list(SCALES)
    return sorted(latest.values(), key=lambda a: order.index(a.scale) if a.scale in order else 99)
