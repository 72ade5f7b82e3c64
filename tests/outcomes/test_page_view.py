"""The outcome page: every scale plotted against time since the first session, sessions marked,
the 12-month remodelling window shaded, redness plotted; constant queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from needling.audit.models import AuditEvent
from needling.outcomes.models import Assessment
from needling.outcomes.services import record_assessment
from needling.photos.models import Photo, RednessMeasurement
from tests.conftest import Cast
from tests.outcomes.factories import signed_session


@pytest.fixture
def browser(cast: Cast) -> Browser:
    b = Browser()
    b.force_login(cast.practitioner)
    return b


def _url(cast: Cast) -> str:
    return reverse("outcomes:page", args=[cast.record_a.pk])


def _course(cast: Cast) -> None:
    today = timezone.localdate()
    for days in (200, 150, 100):
        signed_session(cast.record_a, cast.practitioner, today - timedelta(days=days))
    for days, grade, gais in ((200, 4, None), (150, 3, 3), (70, 2, 2)):
        on = today - timedelta(days=days)
        record_assessment(actor=cast.practitioner, client=cast.record_a,
                          scale="goodman_baron_qualitative", items={"grade": grade},
                          assessed_on=on, timepoint="session")  # fmt: skip
        if gais:
            record_assessment(actor=cast.practitioner, client=cast.record_a, scale="gais",
                              items={"score": gais, "rater": "clinician"}, assessed_on=on,
                              timepoint="month_1")  # fmt: skip


def _redness(cast: Cast, n: int, days_ago: int = 99) -> None:
    photo = Photo.objects.create(
        client=cast.record_a, view="close_up", zone="cheeks",
        taken_on=timezone.localdate() - timedelta(days=days_ago), timepoint="healing",
        width=1, height=1, size_bytes=1, source_format="JPEG", sha256="0", sha256_large="0",
        sha256_small="0",
    )  # fmt: skip
    RednessMeasurement.objects.bulk_create(
        RednessMeasurement(photo=photo, client=cast.record_a, x=0, y=0, w=1, h=1, pixels=100,
                           mean_a=10 + i, erythema_index=5, ref_mean_a=4, ref_erythema_index=1)
        for i in range(n)
    )  # fmt: skip


def test_each_scale_is_plotted_with_sessions_and_the_window(browser: Browser, cast: Cast) -> None:
    _course(cast)
    response = browser.get(_url(cast))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('<svg viewBox="0 0 720 260" role="img"') == 2
    assert '<title id="plot-goodman_baron_qualitative-title">' in html
    assert '<title id="plot-gais-title">' in html
    assert html.count('class="plot-session"') == 6  # 3 sessions x 2 plots
    assert html.count('class="plot-window"') == 2
    assert html.count('class="plot-review"') == 8  # 1, 3, 6, 12 months x 2 plots
    assert html.count('class="plot-dot series-0"') == 5
    assert "days since the first session" in html
    assert "Remodelling window" in html
    assert "<table>" in html  # the data table fallback
    assert "style=" not in html
    assert AuditEvent.objects.filter(action="outcome.view").count() == 1


def test_the_redness_index_is_plotted_over_the_course_and_healing_days(
    browser: Browser, cast: Cast
) -> None:
    _course(cast)
    _redness(cast, 3)
    html = browser.get(_url(cast)).content.decode()
    assert 'id="plot-redness"' in html
    assert 'id="plot-healing-3"' in html  # 1 day after the third session
    assert "Relative measure, not a diagnosis" in html


def test_without_sessions_time_runs_from_the_first_assessment(browser: Browser, cast: Cast) -> None:
    record_assessment(
        actor=cast.practitioner,
        client=cast.record_a,
        scale="glogau",
        items={"type": 2},
        assessed_on=timezone.localdate(),
        timepoint="baseline",
    )
    html = browser.get(_url(cast)).content.decode()
    assert "days since the first assessment" in html
    assert 'class="plot-window"' not in html


def test_an_empty_page_says_what_to_do(browser: Browser, cast: Cast) -> None:
    html = browser.get(_url(cast)).content.decode()
    assert "Nothing to plot yet" in html


@pytest.mark.parametrize("n", [2, 50])
def test_queries_do_not_grow(browser: Browser, cast: Cast, n: int, query_budget: Any) -> None:
    _course(cast)
    Assessment.objects.bulk_create(
        Assessment(client=cast.record_a, scale="vss", items={}, total=i % 13,
                   assessed_on=timezone.localdate() - timedelta(days=i), timepoint="session")
        for i in range(n)
    )  # fmt: skip
    _redness(cast, n)
    browser.get(_url(cast))  # warm the session
    # session, user, actor, MFA check, client, assessments, sessions, redness, audit (last
    # event, insert, signed head)
    with query_budget("outcomes page 2"):
        response = browser.get(_url(cast) + "?page=2")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [("front_desk", 403), ("client_a", 403), ("client_b", 404), ("other_practitioner", 404)],
)
def test_only_the_clinics_clinicians_see_outcomes(cast: Cast, who: str, status: int) -> None:
    b = Browser()
    b.force_login(getattr(cast, who))
    assert b.get(_url(cast)).status_code == status
