"""Realistic clinic history for `make bench` (issue 12), written with bulk inserts of the models.

On top of the demo clinic: `n_clients` clients with years of courses (signed charts with zones,
healing checks, appointments for every session plus consultations, reviews, cancellations and
the coming weeks' bookings), follow-ups, current intakes, consent signatures, course plans,
outcome assessments, photos with real small files, and an audit log with a valid hash chain.
Rows are cloned from the demo's own rows (so every JSON field has a shape the product wrote) and
given new clients and dates. Deterministic (seeded random).

At 20,000 clients this writes about 180k sessions, 440k zones, 275k appointments, 50k photos,
93k assessments and `audit_events` audit events.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection, models, transaction

BATCH = 2000
EXTRA_PRACTITIONERS = 10  # 12 practitioners in all: the diary of a clinic this size


def _fields(obj: models.Model, skip: Iterable[str] = ()) -> dict[str, Any]:
    skipped = {"id", *skip}
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in skipped and not getattr(f, "generated", False)
    }


def _bulk(model: type[models.Model], rows: Iterator[models.Model]) -> int:
    count, batch = 0, []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)  # type: ignore[attr-defined]
            count += len(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)  # type: ignore[attr-defined]
        count += len(batch)
    return count


def _drop_sqlite_overlap_triggers() -> list[str]:
    """The no-double-booking triggers check each inserted row; the seed's rows never overlap
    (one diary per practitioner), so they are dropped for the bulk insert and put back."""
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type='trigger' AND name LIKE 'appointment_no_%'"
        )
        sqls = [row[0] for row in cursor.fetchall()]
        cursor.execute("DROP TRIGGER IF EXISTS appointment_no_overlap_insert")
        cursor.execute("DROP TRIGGER IF EXISTS appointment_no_overlap_update")
    return sqls


def seed_history(
    *, n_clients: int, audit_events: int, today: date, log: Any = print
) -> dict[str, Any]:
    from needling.accounts.models import User
    from needling.audit.chain import GENESIS, event_hash
    from needling.audit.models import AuditEvent
    from needling.charting.models import HealingCheck, SessionZone, TreatmentSession
    from needling.clients.models import Client
    from needling.clinics.models import Clinic, Location, StaffMember
    from needling.consent.models import ConsentSignature
    from needling.intake.models import IntakeSubmission
    from needling.outcomes.models import Assessment
    from needling.photos.models import Photo, file_name
    from needling.plans.models import CoursePlan
    from needling.scheduling.models import Appointment, FollowUp

    rnd = random.Random(12)  # noqa: S311 (reproducible fake data)
    clinic = Clinic.objects.get(slug="northside")
    zone_info = ZoneInfo(clinic.time_zone or "Europe/London")
    locations = list(Location.objects.filter(clinic=clinic).order_by("id"))
    owner = User.objects.get(email="owner@northside.example")
    practitioners = [
        m.user
        for m in StaffMember.objects.filter(clinic=clinic, role__in=["owner", "practitioner"])
        .select_related("user")
        .order_by("id")
    ]
    for i in range(EXTRA_PRACTITIONERS):
        user = User.objects.create_user(
            f"bench-practitioner{i}@northside.example", None, full_name=f"Bench Practitioner {i}"
        )
        StaffMember.objects.create(user=user, clinic=clinic, role="practitioner", title="Bench")
        practitioners.append(user)

    # Templates: the demo's own rows.
    t_session = TreatmentSession.objects.filter(status="signed").order_by("id").first()
    t_zones = list(SessionZone.objects.filter(session=t_session).order_by("id")) or list(
        SessionZone.objects.order_by("id")[:3]
    )
    t_plan = CoursePlan.objects.order_by("id").first()
    t_intake = IntakeSubmission.objects.filter(needs_decision=False).order_by("id").first()
    t_intake_decide = IntakeSubmission.objects.filter(needs_decision=True).order_by("id").first()
    t_consent = ConsentSignature.objects.filter(withdrawn_at__isnull=True).order_by("id").first()
    t_assessments = list(Assessment.objects.order_by("id")[:20])
    t_photo = Photo.objects.order_by("id").first()
    # The demo clinic has one of each (the bench clones them).
    assert t_session is not None
    assert t_plan is not None
    assert t_intake is not None
    assert t_consent is not None
    assert t_photo is not None
    assert t_zones
    assert t_assessments

    started = datetime.now()

    def stamp(what: str, count: int) -> None:
        log(f"  {what:<22} {count:>9,}  ({(datetime.now() - started).total_seconds():5.0f} s)")

    # Clients.
    first_new = Client.objects.order_by("-id").values_list("id", flat=True).first() or 0
    _bulk(
        Client,
        (
            Client(
                clinic=clinic,
                first_name=f"Given{i}",
                last_name=f"Surname{i}",
                date_of_birth=date(1960, 1, 1) + timedelta(days=i % 15000),
                email=f"client{i}@bench.example",
                phone=f"07700{i:06d}",
                fitzpatrick_type=1 + i % 6,
            )
            for i in range(n_clients)
        ),
    )
    client_ids = list(
        Client.objects.filter(clinic=clinic, id__gt=first_new)
        .order_by("id")
        .values_list("id", flat=True)
    )
    stamp("clients", len(client_ids))

    # Courses: each client started some time in the last five years; sessions 4 to 6 weeks
    # apart; about half the recent ones are mid-course (their next one is booked).
    history_days = 5 * 365
    plan_rows, session_plan = [], []  # (client, practitioner, [dates], mid_course)
    for cid in client_ids:
        first = today - timedelta(days=rnd.randint(10, history_days))
        n_sessions = max(1, min(18, int(rnd.gauss(9, 4))))
        dates, day = [], first
        for _ in range(n_sessions):
            if day >= today - timedelta(days=1):
                break
            dates.append(day)
            day += timedelta(days=rnd.randint(28, 42))
        mid_course = day >= today and len(dates) < 6
        practitioner = practitioners[cid % len(practitioners)]
        session_plan.append((cid, practitioner, dates, mid_course))
        plan_rows.append(
            CoursePlan(
                **_fields(t_plan, skip=("client_id", "created_at", "updated_at")), client_id=cid
            )
        )
    _bulk(CoursePlan, iter(plan_rows))
    plan_of = dict(
        CoursePlan.objects.filter(client_id__in=client_ids).values_list("client_id", "id")
    )

    # The diary: one free-minute pointer per practitioner and day (local 08:00 to 20:00).
    diary: dict[tuple[int, date], int] = {}

    def slot(practitioner_index: int, day: date, minutes: int) -> tuple[int, datetime] | None:
        for k in range(len(practitioners)):
            p = (practitioner_index + k) % len(practitioners)
            used = diary.get((p, day), 8 * 60)
            if used + minutes <= 20 * 60:
                diary[(p, day)] = used + minutes
                local = datetime.combine(day, time(used // 60, used % 60), tzinfo=zone_info)
                return p, local.astimezone(UTC)
        return None

    sig_at = datetime.now(UTC) - timedelta(days=1)
    session_rows = []
    session_keys = []  # (client, date)
    base_session = _fields(
        t_session,
        skip=(
            "client_id",
            "plan_id",
            "practitioner_id",
            "signed_by_id",
            "session_date",
            "lot_id",
            "signed_at",
            "created_at",
            "updated_at",
        ),
    )
    for cid, practitioner, dates, _mid in session_plan:
        for d in dates:
            session_rows.append(
                TreatmentSession(
                    **{**base_session, "created_at": sig_at, "updated_at": sig_at},
                    client_id=cid,
                    plan_id=plan_of.get(cid),
                    practitioner_id=practitioner.pk,
                    signed_by_id=practitioner.pk,
                    signed_at=datetime.combine(d, time(17), tzinfo=UTC),
                    session_date=d,
                    lot_id=None,
                )
            )
            session_keys.append((cid, d))
    first_session = TreatmentSession.objects.order_by("-id").values_list("id", flat=True).first()
    _bulk(TreatmentSession, iter(session_rows))
    sessions = list(
        TreatmentSession.objects.filter(id__gt=first_session or 0)
        .order_by("id")
        .values_list("id", "client_id", "session_date")
    )
    stamp("signed sessions", len(sessions))
    del session_rows

    def zone_rows() -> Iterator[SessionZone]:
        for sid, _cid, _d in sessions:
            for t in t_zones[: rnd.choice((2, 2, 2, 3, 3))]:
                yield SessionZone(**_fields(t, skip=("session_id",)), session_id=sid)

    stamp("zones", _bulk(SessionZone, zone_rows()))

    def check_rows() -> Iterator[HealingCheck]:
        for sid, cid, d in sessions:
            if (d < today - timedelta(days=14) or rnd.random() < 0.3) and rnd.random() < 0.7:
                yield HealingCheck(
                    session_id=sid,
                    client_id=cid,
                    checked_on=d + timedelta(days=3),
                    healed=True,
                    symptoms=[],
                    recorded_by_id=owner.pk,
                )

    stamp("healing checks", _bulk(HealingCheck, check_rows()))

    # Appointments: every session's visit (done), plus consultations, reviews and
    # cancellations in the history, and the coming weeks' bookings of mid-course clients.
    triggers = _drop_sqlite_overlap_triggers()

    def appointment_rows() -> Iterator[Appointment]:
        def make(cid: int, p: int, day: date, kind: str, minutes: int, status: str):
            placed = slot(p, day, minutes)
            if placed is None:
                return None
            p, start = placed
            return Appointment(
                clinic_id=clinic.pk,
                client_id=cid,
                practitioner_id=practitioners[p].pk,
                location_id=locations[cid % len(locations)].pk,
                room_id=None,
                kind=kind,
                start=start,
                end=start + timedelta(minutes=minutes),
                status=status,
                booked_by_id=owner.pk,
                cancelled_at=start - timedelta(days=2) if status == "cancelled" else None,
            )

        for cid, practitioner, dates, mid_course in session_plan:
            p = practitioners.index(practitioner)
            if dates:
                row = make(cid, p, dates[0] - timedelta(days=14), "consultation", 30, "done")
                if row:
                    yield row
            for d in dates:
                row = make(cid, p, d, "treatment", 60, "done")
                if row:
                    yield row
            if dates and rnd.random() < 0.25:
                row = make(cid, p, dates[-1] + timedelta(days=20), "treatment", 60, "cancelled")
                if row:
                    yield row
            if dates and not mid_course:
                for months in (1, 3, 6):
                    d = dates[-1] + timedelta(days=30 * months)
                    if d < today and rnd.random() < 0.6:
                        row = make(cid, p, d, "review", 30, "done")
                        if row:
                            yield row
            if mid_course and dates:
                nxt = max(today + timedelta(days=1), dates[-1] + timedelta(days=35))
                row = make(cid, p, nxt, "treatment", 60, "booked")
                if row:
                    yield row
        # Today's diary: a full day for every practitioner.
        for k, cid in enumerate(client_ids[: len(practitioners) * 10]):
            row = make(cid, k % len(practitioners), today, "consultation", 30, "booked")
            if row:
                yield row

    stamp("appointments", _bulk(Appointment, appointment_rows()))
    if triggers:
        with connection.cursor() as cursor:
            for sql in triggers:
                cursor.execute(sql)

    def follow_up_rows() -> Iterator[FollowUp]:
        for cid, _p, dates, mid_course in session_plan:
            if dates and not mid_course:
                for months in (1, 3, 6, 12):
                    yield FollowUp(
                        client_id=cid,
                        last_session_on=dates[-1],
                        months=months,
                        due_on=dates[-1] + timedelta(days=round(30.44 * months)),
                    )

    stamp("follow-ups", _bulk(FollowUp, follow_up_rows()))

    def intake_rows() -> Iterator[IntakeSubmission]:
        for cid in client_ids:
            t = t_intake_decide if (t_intake_decide and rnd.random() < 0.01) else t_intake
            yield IntakeSubmission(**_fields(t, skip=("client_id",)), client_id=cid)

    stamp("intakes", _bulk(IntakeSubmission, intake_rows()))

    def consent_rows() -> Iterator[ConsentSignature]:
        fields = _fields(t_consent, skip=("client_id",))
        for cid in client_ids:
            if rnd.random() < 0.97:
                yield ConsentSignature(**fields, client_id=cid)

    stamp("consent signatures", _bulk(ConsentSignature, consent_rows()))

    by_client: dict[int, list[tuple[int, date]]] = {}
    for sid, cid, d in sessions:
        by_client.setdefault(cid, []).append((sid, d))

    def assessment_rows() -> Iterator[Assessment]:
        for cid, rows in by_client.items():
            if rnd.random() < 0.55:
                for sid, d in rows[: rnd.randint(6, 11)]:
                    t = rnd.choice(t_assessments)
                    yield Assessment(
                        **_fields(t, skip=("client_id", "session_id", "review_id", "assessed_on")),
                        client_id=cid,
                        session_id=sid if t.session_id else None,
                        review_id=None,
                        assessed_on=d,
                    )

    stamp("outcome assessments", _bulk(Assessment, assessment_rows()))

    # Photos: real small files (one small JPEG per size, the same bytes for all; the hashes
    # match so `needling photos verify` passes).
    from django.conf import settings as dj_settings

    from needling.photos import storage

    blobs = {size: storage.read(t_photo.file_name(size)) for size in ("full", "large", "small")}
    digest = {size: hashlib.sha256(blob).hexdigest() for size, blob in blobs.items()}
    media = Path(dj_settings.MEDIA_ROOT)

    def photo_rows() -> Iterator[Photo]:
        base = _fields(
            t_photo,
            skip=("client_id", "session_id", "review_id", "uuid", "taken_on", "created_at"),
        )
        base.update(sha256=digest["full"], sha256_large=digest["large"])
        base.update(sha256_small=digest["small"])
        for cid, rows in by_client.items():
            if rnd.random() < 0.28:
                for sid, d in rows[: rnd.randint(6, 12)]:
                    u = uuid.UUID(int=rnd.getrandbits(128), version=4)
                    for size, blob in blobs.items():
                        path = media / file_name(u.hex, size)
                        path.parent.mkdir(parents=True, exist_ok=True)
                        path.write_bytes(blob)
                    yield Photo(**base, client_id=cid, session_id=sid, uuid=u, taken_on=d)

    stamp("photos", _bulk(Photo, photo_rows()))

    # Audit: a valid chain continuing the demo's events (reads of client records, chart saves).
    last = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev = (last[0], last[1]) if last else (0, GENESIS)
    actions = ("client.view", "client.view", "chart.save", "appointment.book", "photo.view")
    t0 = datetime.now(UTC) - timedelta(days=history_days)
    step = timedelta(days=history_days) / max(1, audit_events)

    def audit_rows() -> Iterator[AuditEvent]:
        nonlocal seq, prev
        for i in range(audit_events):
            seq += 1
            p = practitioners[i % len(practitioners)]
            fields: dict[str, Any] = {
                "seq": seq,
                "at": (t0 + step * i).replace(microsecond=0),
                "actor_id": p.pk,
                "actor_label": p.email,
                "actor_role": "practitioner",
                "clinic_id": clinic.pk,
                "client_id": client_ids[i % len(client_ids)],
                "action": actions[i % len(actions)],
                "object_type": "Client",
                "object_id": str(client_ids[i % len(client_ids)]),
                "outcome": "ok",
                "request_id": "",
                "ip": None,
                "detail": {},
            }
            h = event_hash(prev, fields)
            yield AuditEvent(prev_hash=prev, hash=h, **fields)
            prev = h

    from needling.audit.anchors import advance_head

    with transaction.atomic():
        stamp("audit events", _bulk(AuditEvent, audit_rows()))
        advance_head(seq, prev)  # the signed head follows the chain's new end

    some = client_ids[len(client_ids) // 2]
    busy = max(by_client.items(), key=lambda kv: len(kv[1]))[0]
    draft = TreatmentSession.objects.create(
        **{**base_session, "status": "draft", "version": 1},
        client_id=busy,
        plan_id=plan_of.get(busy),
        practitioner_id=practitioners[0].pk,
        session_date=today,
    )
    return {
        "client": busy,
        "middle_client": some,
        "session": by_client[busy][-1][0],
        "draft": draft.pk,
        "practitioner": practitioners[0].pk,
        "location": locations[0].pk,
    }
