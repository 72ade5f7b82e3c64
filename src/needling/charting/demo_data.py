"""The demo clinic's equipment, plans and session history (UX.md, "Demo data tells stories").

Amelia: mid-course, last signed session 3 weeks ago (too early). Ben: last session 7 weeks ago,
healed (due). Chloe: last session 5 weeks ago, no healing check. George: an open adverse event
(post-inflammatory hyperpigmentation) found by a healing check. Hannah: a finished course of three
sessions, the last about 6 months ago. Isaac: hair loss on the weekly protocol. Jade: Fitzpatrick
V, a shallower plan. Device names are generic on purpose: the demo certifies no product.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from needling.charting.aftercare import build_aftercare
from needling.charting.models import AdverseEvent, HealingCheck, SessionZone, TreatmentSession
from needling.equipment.models import Device, Lot, TopicalProduct
from needling.plans.models import CoursePlan

if TYPE_CHECKING:
    from needling.demo import DemoContext

JADE_NOTE = (
    "Fitzpatrick V: shallower plan. Stay at the low end of each recommended range (cheeks 0.5 mm) "
    "with fewer passes, to keep the risk of post-inflammatory hyperpigmentation down."
)


def _equipment(ctx: DemoContext) -> dict[str, Any]:
    clinic, today = ctx.clinic, ctx.today
    pen = Device.objects.create(
        clinic=clinic,
        kind="pen",
        name="Pen A (demo)",
        model="Generic motorised pen",
        serial="PA-2024-0193",
        needle_count=12,
        stroke_frequency_hz=Decimal("100"),
        depth_min_mm=Decimal("0.25"),
        depth_max_mm=Decimal("2.5"),
        depth_step_mm=Decimal("0.25"),
    )
    roller = Device.objects.create(
        clinic=clinic,
        kind="roller",
        name="Roller 192 (demo)",
        model="192-needle roller",
        needle_count=192,
        needle_length_mm=Decimal("1.0"),
        drum_diameter_mm=Decimal("20"),
        drum_width_mm=Decimal("20"),
    )

    def lot(number: str, product: str, expiry: date, fits: Device, **kw: Any) -> Lot:
        made = Lot.objects.create(
            clinic=clinic,
            kind="roller" if fits.is_roller else "cartridge",
            product=product,
            lot_number=number,
            expiry=expiry,
            **kw,
        )
        made.fits.set([fits])
        return made

    lots = {
        "current": lot("CART-2411", "12-needle cartridge", today + timedelta(days=540), pen),
        "older": lot("CART-2402", "12-needle cartridge", today + timedelta(days=200), pen),
        "recalled": lot(
            "CART-2309", "12-needle cartridge", today + timedelta(days=90), pen, recalled=True
        ),
        "expired": lot("CART-2305", "12-needle cartridge", today - timedelta(days=20), pen),
        "roller": lot("ROL-1.0-2409", "Roller 1.0 mm", today + timedelta(days=400), roller),
    }
    products = {
        "ha": TopicalProduct.objects.create(
            clinic=clinic,
            name="Hyaluronic acid gel, sterile (demo)",
            lot_number="HA-5521",
            sterile=True,
            for_needled_skin=True,
        ),
        "vitc": TopicalProduct.objects.create(
            clinic=clinic, name="Vitamin C serum (demo, not sterile)", lot_number="VC-118"
        ),
    }
    return {"pen": pen, "roller": roller, "lots": lots, "products": products}


def _staff(ctx: DemoContext, name: str) -> Any:
    return ctx.staff[name]


def _plan(ctx: DemoContext, name: str, **fields: Any) -> CoursePlan:
    fields.setdefault("protocol", "standard")
    fields.setdefault("planned_sessions", 3)
    return CoursePlan.objects.create(
        client=ctx.clients[name], created_by=_staff(ctx, "priya"), **fields
    )


def _session(
    ctx: DemoContext,
    name: str,
    plan: CoursePlan,
    days_ago: int,
    zones: list[tuple[str, str, str, int]],
    eq: dict[str, Any],
    *,
    lot: str = "current",
    roller: bool = False,
    healed_after: int | None = 2,
    by: str = "priya",
) -> TreatmentSession:
    day = ctx.today - timedelta(days=days_ago)
    who = _staff(ctx, by)
    session = TreatmentSession.objects.create(
        client=ctx.clients[name],
        plan=plan,
        practitioner=who,
        session_date=day,
        status="signed",
        screening_verdict="clear",
        consent_valid=True,
        healing_confirmed=True,
        photos_taken=True,
        anaesthetic_agent="Lidocaine 4 % cream",
        anaesthetic_agents={"lidocaine": "4.0"},
        anaesthetic_area_cm2=300,
        device=eq["roller"] if roller else eq["pen"],
        lot=eq["lots"]["roller" if roller else lot],
        signed_by=who,
        signed_at=timezone.now() - timedelta(days=days_ago),
    )
    for zone, indication, depth, passes in zones:
        row = SessionZone.objects.create(
            session=session,
            zone=zone,
            indication=indication,
            depth_mm=Decimal(depth),
            passes=passes,
            end_point="pinpoint_bleeding" if Decimal(depth) >= 1 else "erythema",
        )
        row.topicals.set([eq["products"]["ha"]])
    build_aftercare(session)
    if healed_after is not None and healed_after <= days_ago:
        HealingCheck.objects.create(
            session=session,
            client=session.client,
            checked_on=day + timedelta(days=healed_after),
            healed=True,
            symptoms=[],
            recorded_by=_staff(ctx, "desk"),
        )
    return session


def load(ctx: DemoContext) -> None:
    eq = _equipment(ctx)
    acne = [("cheeks", "acne_scars", "1.25", 4), ("forehead", "acne_scars", "0.5", 3)]
    amelia = _plan(
        ctx,
        "Amelia",
        indications=["acne_scars"],
        zones=["cheeks", "forehead"],
        planned_sessions=4,
        goals="Soften rolling acne scars on both cheeks.",
    )
    _session(ctx, "Amelia", amelia, 63, acne, eq, lot="older")
    latest = _session(ctx, "Amelia", amelia, 21, acne, eq, healed_after=None)
    HealingCheck.objects.create(
        session=latest,
        client=ctx.clients["Amelia"],
        checked_on=ctx.today - timedelta(days=18),
        healed=True,
        symptoms=[],
        recorded_by=_staff(ctx, "priya"),
    )

    texture = [
        ("cheeks", "texture", "1.0", 4),
        ("forehead", "texture", "0.5", 3),
        ("nose", "texture", "0.25", 2),
    ]
    ben = _plan(
        ctx,
        "Ben",
        indications=["texture"],
        zones=["cheeks", "forehead", "nose"],
        goals="Smoother texture and smaller pores.",
    )
    _session(ctx, "Ben", ben, 105, texture, eq, lot="older", by="tom")
    _session(ctx, "Ben", ben, 49, texture, eq, healed_after=3, by="tom")

    chloe = _plan(
        ctx,
        "Chloe",
        indications=["wrinkles"],
        zones=["periorbital", "forehead"],
        goals="Fine lines around the eyes.",
    )
    _session(
        ctx,
        "Chloe",
        chloe,
        35,
        [("periorbital", "wrinkles", "0.25", 2), ("forehead", "wrinkles", "0.5", 3)],
        eq,
        healed_after=None,
    )

    george = _plan(
        ctx,
        "George",
        indications=["acne_scars"],
        zones=["cheeks"],
        goals="Ice-pick and boxcar scars on the cheeks.",
    )
    gs = _session(
        ctx,
        "George",
        george,
        28,
        [("cheeks", "acne_scars", "1.5", 4)],
        eq,
        lot="recalled",
        healed_after=None,
    )
    event = AdverseEvent.objects.create(
        session=gs,
        client=gs.client,
        kind="pih",
        severity="moderate",
        onset=ctx.today - timedelta(days=14),
        actions="Strict sun protection; azelaic acid 15 % at night; review in 4 weeks.",
        reported_by=_staff(ctx, "priya"),
        alert_to=_staff(ctx, "priya"),
        from_healing_check=True,
    )
    HealingCheck.objects.create(
        session=gs,
        client=gs.client,
        checked_on=ctx.today - timedelta(days=14),
        healed=False,
        symptoms=["dark_patches"],
        note="Brown patches on both cheeks.",
        recorded_by=_staff(ctx, "priya"),
        adverse_event=event,
    )

    hannah = _plan(
        ctx,
        "Hannah",
        indications=["wrinkles", "texture"],
        zones=["forehead", "cheeks", "neck"],
        status="finished",
        goals="Photoageing: fine lines and texture.",
    )
    rejuv = [
        ("forehead", "wrinkles", "0.5", 3),
        ("cheeks", "wrinkles", "1.0", 4),
        ("neck", "wrinkles", "0.5", 3),
    ]
    for days in (296, 238, 182):
        _session(ctx, "Hannah", hannah, days, rejuv, eq, lot="older")

    isaac = _plan(
        ctx,
        "Isaac",
        indications=["hair_loss"],
        zones=["scalp"],
        protocol="hair_weekly",
        planned_sessions=12,
        goals="Androgenetic alopecia at the crown, with 5 % minoxidil.",
    )
    for days in (28, 21, 14, 7):
        _session(
            ctx,
            "Isaac",
            isaac,
            days,
            [("scalp", "hair_loss", "1.0", 6)],
            eq,
            roller=True,
            healed_after=2,
            by="tom",
        )

    jade = _plan(
        ctx,
        "Jade",
        indications=["acne_scars"],
        zones=["cheeks"],
        goals="Atrophic scars, with minimal pigment risk.",
        notes=JADE_NOTE,
    )
    _session(ctx, "Jade", jade, 70, [("cheeks", "acne_scars", "0.5", 2)], eq)

    _plan(
        ctx,
        "Evan",
        indications=["texture"],
        zones=["forehead", "cheeks"],
        goals="Texture; the inflamed papule on the jawline stays outside the zones.",
    )
