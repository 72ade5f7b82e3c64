"""Signing a session queues aftercare and healing check-ins; signing the last planned session of
a course proposes outcome reviews at 1, 3, 6 and 12 months (follow_up_schedule)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from needling.clinical import follow_up_schedule
from needling.scheduling.followups import propose_follow_ups
from needling.scheduling.models import FollowUp, Message
from tests.conftest import Cast


def _plan(cast: Cast, sessions: int) -> object:
    from needling.plans.models import CoursePlan

    return CoursePlan.objects.create(
        client=cast.record_a, indications=["texture"], zones=["cheeks"], planned_sessions=sessions,
        created_by=cast.practitioner,
    )  # fmt: skip


def _sign(cast: Cast, plan: object, on: object) -> object:
    """A signed session whose aftercare sheet is stored, as charting's sign-off does."""
    from needling.charting.models import AftercareDocument, TreatmentSession

    session = TreatmentSession.objects.create(
        client=cast.record_a, plan=plan, practitioner=cast.practitioner, session_date=on,
        status="signed", signed_by=cast.practitioner, signed_at=timezone.now(),
    )  # fmt: skip
    AftercareDocument.objects.create(session=session, max_depth_mm=1, pdf=b"%PDF-", sha256="0")
    return session


def test_signing_today_queues_aftercare_and_healing_checkins(cast: Cast) -> None:
    session = _sign(cast, _plan(cast, 3), timezone.localdate())
    rows = Message.objects.filter(session_id=session.pk)  # type: ignore[attr-defined]
    aftercare = sorted(m.dedupe_key.rsplit(":", 1)[1] for m in rows.filter(kind="aftercare"))
    healing = sorted(m.dedupe_key.rsplit(":", 1)[1] for m in rows.filter(kind="healing_checkin"))
    assert aftercare == ["0", "1", "3", "7"]
    assert healing == ["3", "7"]
    assert FollowUp.objects.count() == 0  # not the last planned session


def test_a_chart_signed_late_skips_the_moments_that_passed(cast: Cast) -> None:
    session = _sign(cast, _plan(cast, 3), timezone.localdate() - timedelta(days=5))
    kinds = list(Message.objects.filter(session_id=session.pk).values_list("dedupe_key", flat=True))  # type: ignore[attr-defined]
    assert sorted(k.split(":", 2)[2] for k in kinds) == ["aftercare:7", "healing:7"]


def test_the_last_planned_session_proposes_the_reviews(cast: Cast) -> None:
    plan = _plan(cast, 2)
    today = timezone.localdate()
    _sign(cast, plan, today - timedelta(days=42))
    _sign(cast, plan, today)
    rows = list(FollowUp.objects.order_by("months"))
    assert [f.months for f in rows] == [1, 3, 6, 12]
    assert [f.due_on for f in rows] == follow_up_schedule(today)
    invitations = Message.objects.filter(kind="review_invitation").count()
    assert invitations == 4


def test_proposing_twice_changes_nothing(cast: Cast) -> None:
    today = timezone.localdate()
    propose_follow_ups(cast.record_a, today)
    propose_follow_ups(cast.record_a, today)
    assert FollowUp.objects.count() == 4
    assert Message.objects.filter(kind="review_invitation").count() == 4


def test_month_ends_are_clamped_by_the_clinical_core(cast: Cast) -> None:
    from datetime import date

    rows = propose_follow_ups(cast.record_a, date(2031, 1, 31))
    assert rows[0].due_on == date(2031, 2, 28)


def test_booking_a_review_near_a_review_point_links_it_and_stops_the_invitation(cast: Cast) -> None:
    from needling.scheduling.services import book_appointment
    from tests.scheduling.factories import at, location

    today = timezone.localdate()
    propose_follow_ups(cast.record_a, today - timedelta(days=25))  # 1-month point in ~6 days
    one = FollowUp.objects.get(months=1)
    review = book_appointment(
        actor=cast.front_desk, client=cast.record_a, kind="review",
        start=at(cast, one.due_on + timedelta(days=2), 10), duration=30,
        practitioner=cast.practitioner, location=location(cast),
    )  # fmt: skip
    one.refresh_from_db()
    assert one.appointment_id == review.pk
    invite = Message.objects.get(dedupe_key=f"followup:{one.pk}:invite")
    assert invite.status == "cancelled"
    assert FollowUp.objects.filter(appointment__isnull=True).count() == 3
