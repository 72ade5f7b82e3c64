"""The outcome part of the demo stories: Hannah's scores at baseline, at each session and at
the 1-, 3- and 6-month reviews (Fitzpatrick wrinkle class and GAIS), improving as collagen
remodels; Jade and George have a baseline."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from needling.charting.models import TreatmentSession
from needling.clinical import follow_up_schedule
from needling.demo import DemoContext
from needling.outcomes.services import record_assessment


def load(ctx: DemoContext) -> None:
    rater = ctx.staff["priya"]

    def rate(first: str, scale: str, items: Mapping[str, object], on: date, tp: str) -> None:
        record_assessment(
            actor=rater,
            client=ctx.clients[first],
            scale=scale,
            items=dict(items),
            assessed_on=min(on, ctx.today),  # a review due in a day or two: seen early
            timepoint=tp,
        )

    sessions = list(
        TreatmentSession.objects.filter(client=ctx.clients["Hannah"])
        .order_by("session_date")
        .values_list("session_date", flat=True)
    )
    if sessions:
        reviews = follow_up_schedule(sessions[-1])
        wrinkle = [6, 6, 5, 5, 4, 3]  # baseline, session 2, session 3, 1, 3, 6 months
        gais = [None, 3, 3, 2, 2, 1]
        dates = [sessions[0], *sessions[1:3], *reviews[:3]]
        timepoints = ["baseline", "session", "session", "month_1", "month_3", "month_6"]
        for on, tp, w, g in zip(dates, timepoints, wrinkle, gais, strict=False):
            rate("Hannah", "fitzpatrick_wrinkle", {"score": w}, on, tp)
            if g is not None:
                rate("Hannah", "gais", {"score": g, "rater": "clinician"}, on, tp)
    for first, scale, items in (
        ("Jade", "ecca", {"v_shaped": 2, "u_shaped": 2, "m_shaped": 1,
                          "superficial_elastolysis": 1, "hypertrophic_inflammatory": 0,
                          "keloid": 0}),
        ("George", "goodman_baron_qualitative", {"grade": 3}),
    ):  # fmt: skip
        first_session = (
            TreatmentSession.objects.filter(client=ctx.clients[first])
            .order_by("session_date")
            .values_list("session_date", flat=True)
            .first()
        )
        if first_session:
            rate(first, scale, items, first_session, "baseline")
