"""The photo part of the demo stories; every image is generated (no real faces) and flagged.

Hannah (6-month follow-up): front and left 45° photos at the first session her photography
consent covers and again at the 6-month review, close-ups of a cheek on healing days 1, 3 and 7
after her last session with the redness fading, each measured against a forehead reference.
George (open PIH adverse event): cheek close-ups at his session and at the healing check that
found dark patches. Jade (Fitzpatrick V): a baseline front photo.
"""

from __future__ import annotations

from datetime import date, timedelta

from needling.charting.models import TreatmentSession
from needling.clinical import follow_up_schedule
from needling.consent.selectors import photo_consent_valid
from needling.demo import DemoContext
from needling.photos.demo_images import demo_photo
from needling.photos.models import Photo
from needling.photos.redness import Region
from needling.photos.services import measure_redness, upload_photo

CHEEK = Region(0.31, 0.56, 0.12, 0.12)  # the left cheek of a front photo (as seen)
FOREHEAD = Region(0.45, 0.26, 0.10, 0.06)  # untreated reference patch
PATCH = Region(0.35, 0.35, 0.3, 0.3)  # the middle of a close-up
PATCH_REF = Region(0.02, 0.02, 0.12, 0.12)  # its corner, away from the treated area


def load(ctx: DemoContext) -> None:
    practitioner = ctx.staff["priya"]
    seed = 100

    def shoot(
        first: str,
        view: str,
        on: date,
        timepoint: str,
        *,
        redness: float,
        zone: str = "",
        session: TreatmentSession | None = None,
        spots: int = 0,
        pigment: float = 0.0,
    ) -> Photo:
        nonlocal seed
        seed += 1
        client = ctx.clients[first]
        return upload_photo(
            actor=practitioner,
            client=client,
            data=demo_photo(
                view,
                redness=redness,
                fitzpatrick=client.fitzpatrick_type or 2,
                spots=spots,
                pigment=pigment,
                seed=seed,
            ),
            file_name_given="demo.jpg",
            view=view,
            zone=zone,
            taken_on=min(on, ctx.today),
            timepoint=timepoint,
            session_id=session.pk if session else None,
            generated=True,
        )

    def sessions_of(first: str) -> list[TreatmentSession]:
        return list(
            TreatmentSession.objects.filter(client=ctx.clients[first]).order_by("session_date")
        )

    # Hannah
    hannah = ctx.clients["Hannah"]
    sessions = sessions_of("Hannah")
    covered = [s for s in sessions if photo_consent_valid(hannah, on=s.session_date)]
    if covered:
        first, last = covered[0], sessions[-1]
        six_months = follow_up_schedule(last.session_date)[2]
        for view in ("front", "left_45"):
            before = shoot(
                "Hannah",
                view,
                first.session_date,
                "baseline",
                redness=0.35,
                spots=40,
                session=first,
            )
            after = shoot("Hannah", view, six_months, "month_6", redness=0.12, spots=14)
            if view == "front":
                measure_redness(actor=practitioner, photo=before, region=CHEEK, reference=FOREHEAD)
                measure_redness(actor=practitioner, photo=after, region=CHEEK, reference=FOREHEAD)
        for day, red in ((1, 0.9), (3, 0.5), (7, 0.15)):
            close = shoot(
                "Hannah",
                "close_up",
                last.session_date + timedelta(days=day),
                "healing",
                redness=red,
                zone="cheeks",
                spots=20,
                session=last,
            )
            measure_redness(actor=practitioner, photo=close, region=PATCH, reference=PATCH_REF)

    # George: the session, then the healing check that found dark patches (PIH).
    george = sessions_of("George")
    if george:
        session = george[-1]
        shoot(
            "George",
            "close_up",
            session.session_date,
            "session",
            redness=0.3,
            zone="cheeks",
            spots=30,
            session=session,
        )
        pih = shoot(
            "George",
            "close_up",
            ctx.today - timedelta(days=14),
            "healing",
            redness=0.2,
            pigment=0.8,
            zone="cheeks",
            spots=30,
            session=session,
        )
        measure_redness(actor=practitioner, photo=pih, region=PATCH, reference=PATCH_REF)

    # Jade: baseline.
    jade = sessions_of("Jade")
    if jade and photo_consent_valid(ctx.clients["Jade"], on=jade[0].session_date):
        shoot(
            "Jade",
            "front",
            jade[0].session_date,
            "baseline",
            redness=0.2,
            spots=25,
            session=jade[0],
        )
