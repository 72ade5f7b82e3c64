"""The chart services: depth checks, overrides, lots, optimistic locking, sign-off, addenda."""

from __future__ import annotations

from decimal import Decimal

import pytest

from needling.audit.models import AuditEvent
from needling.charting import gates
from needling.charting.errors import ChartError, ChartLocked, StaleChart
from needling.charting.models import SessionZone, TreatmentSession
from needling.charting.services import (
    add_addendum,
    save_device,
    save_zone,
    sign_session,
    start_session,
)
from tests.charting.conftest import Kit, past, zone_args
from tests.conftest import Cast


def _ready(cast: Cast, kit: Kit, draft: TreatmentSession) -> None:
    save_device(user=cast.practitioner, session=draft, version=draft.version, device=kit.pen,
                lot=kit.lot)  # fmt: skip
    save_zone(user=cast.practitioner, session=draft, version=draft.version, **zone_args())


def test_a_caution_depth_saves_with_its_finding(cast: Cast, draft: TreatmentSession) -> None:
    # Cheeks, acne scars: recommended 1.0-1.5, cap 2.0; 1.75 is above the range (caution).
    row, findings, _ = save_zone(
        user=cast.practitioner, session=draft, version=1, **zone_args(depth_mm=Decimal("1.75"))
    )
    assert "caution" in {f.severity for f in findings}
    assert row.depth_mm == Decimal("1.75")


def test_a_stop_depth_is_refused_without_a_reason_and_nothing_changes(
    cast: Cast, draft: TreatmentSession
) -> None:
    with pytest.raises(ChartError, match="write your reason"):
        save_zone(user=cast.practitioner, session=draft, version=1,
                  **zone_args(depth_mm=Decimal("2.2")))  # fmt: skip
    assert not SessionZone.objects.exists()
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_stop_depth_saves_with_a_written_override_and_is_audited(
    cast: Cast, draft: TreatmentSession
) -> None:
    row, _, _ = save_zone(
        user=cast.practitioner, session=draft, version=1,
        **zone_args(depth_mm=Decimal("2.2"), override_reason="Deep boxcar scars, test spot ok"),
    )  # fmt: skip
    assert row.override_reason.startswith("Deep boxcar")
    assert AuditEvent.objects.filter(action="chart.zone_override").count() == 1


@pytest.mark.parametrize(
    ("zone", "depth"), [("cheeks", "3.5"), ("eyelids", "0.25")], ids=["above-3mm", "eyelids"]
)
def test_non_overridable_stops_never_save_even_with_a_reason(
    cast: Cast, draft: TreatmentSession, zone: str, depth: str
) -> None:
    with pytest.raises(ChartError, match="Lower the depth"):
        save_zone(
            user=cast.practitioner,
            session=draft,
            version=1,
            **zone_args(zone=zone, depth_mm=Decimal(depth), override_reason="I insist"),
        )
    assert not SessionZone.objects.exists()


@pytest.mark.parametrize(
    ("over", "message"),
    [({"depth_mm": Decimal("-0.5")}, "negative"), ({"passes": -1}, "at least one pass"),
     ({"zone": "elbow"}, "zone"), ({"indication": "vanity"}, "indication")],
)  # fmt: skip
def test_bad_zone_input_is_refused_with_a_message(
    cast: Cast, draft: TreatmentSession, over: dict[str, object], message: str
) -> None:
    with pytest.raises(ChartError, match=message):
        save_zone(user=cast.practitioner, session=draft, version=1, **zone_args(**over))
    assert not SessionZone.objects.exists()


def test_non_sterile_topicals_warn(cast: Cast, kit: Kit, draft: TreatmentSession) -> None:
    _, _, warnings = save_zone(
        user=cast.practitioner, session=draft, version=1, **zone_args(topicals=[kit.vitc, kit.ha])
    )
    assert len(warnings) == 1
    assert "Vitamin C serum is not made for use in needled skin" in warnings[0]
    assert "not infections" in warnings[0]


@pytest.mark.parametrize(
    ("lot_name", "device_name", "message"),
    [("expired", "pen", "expired"), ("lot", "roller", "does not fit"),
     ("foreign_lot", "pen", "another clinic")],
)  # fmt: skip
def test_unusable_lots_are_refused(
    cast: Cast, kit: Kit, draft: TreatmentSession, lot_name: str, device_name: str, message: str
) -> None:
    with pytest.raises(ChartError, match=message):
        save_device(user=cast.practitioner, session=draft, version=1,
                    device=getattr(kit, device_name), lot=getattr(kit, lot_name))  # fmt: skip
    draft.refresh_from_db()
    assert draft.lot_id is None
    assert draft.version == 1


def test_a_stale_version_gets_a_409_and_does_not_overwrite(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    save_device(user=cast.practitioner, session=draft, version=1, device=kit.pen, lot=kit.lot)
    other_tab = TreatmentSession.objects.get(pk=draft.pk)
    other_tab.version = 1  # loaded before the first save
    with pytest.raises(StaleChart, match="Someone else saved") as caught:
        save_device(user=cast.owner, session=other_tab, version=1, device=kit.roller,
                    lot=kit.roller_lot)  # fmt: skip
    assert caught.value.status == 409
    draft.refresh_from_db()
    assert draft.device_id == kit.pen.pk


def test_signing_locks_the_chart_and_stores_the_aftercare_pdf(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    _ready(cast, kit, draft)
    sign_session(user=cast.practitioner, session=draft, version=draft.version)
    draft.refresh_from_db()
    assert draft.is_signed
    assert draft.signed_by == cast.practitioner
    assert bytes(draft.aftercare.pdf).startswith(b"%PDF")
    with pytest.raises(ChartLocked, match="addendum"):
        save_zone(user=cast.practitioner, session=draft, version=draft.version,
                  **zone_args(depth_mm=Decimal("0.5")))  # fmt: skip
    assert SessionZone.objects.get(session=draft).depth_mm == Decimal("1.00")
    add_addendum(user=cast.owner, session=draft, text="Client called: mild redness only.")
    assert draft.addenda.get().author == cast.owner


def test_signing_is_refused_until_device_lot_and_zones_are_charted(
    cast: Cast, draft: TreatmentSession
) -> None:
    with pytest.raises(ChartError, match="device and the cartridge") as caught:
        sign_session(user=cast.practitioner, session=draft, version=1)
    assert "Chart at least one zone" in caught.value.message
    draft.refresh_from_db()
    assert not draft.is_signed


def test_signing_is_refused_without_valid_consent(
    cast: Cast, kit: Kit, draft: TreatmentSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ready(cast, kit, draft)
    monkeypatch.setattr(gates, "consent_valid", lambda client, *, on: False)
    with pytest.raises(ChartError, match="consent"):
        sign_session(user=cast.practitioner, session=draft, version=draft.version)


def test_healing_must_be_confirmed_after_an_earlier_session(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    TreatmentSession.objects.create(
        client=cast.record_a, practitioner=cast.practitioner, session_date=past(50),
        status="signed", signed_by=cast.practitioner, signed_at=draft.created_at,
    )  # fmt: skip
    _ready(cast, kit, draft)
    with pytest.raises(ChartError, match="healed since the last session"):
        sign_session(user=cast.practitioner, session=draft, version=draft.version)


def test_a_chart_cannot_be_started_on_a_stop_screening(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        gates, "clearance",
        lambda client, *, on: gates.Gate(False, "stop", ["Pregnancy: no treatment."]),
    )  # fmt: skip
    with pytest.raises(ChartError, match="Pregnancy"):
        start_session(user=cast.practitioner, client=cast.record_a, on=past(0))
    assert not TreatmentSession.objects.exists()


def test_front_desk_may_not_chart(cast: Cast, draft: TreatmentSession) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        save_zone(user=cast.front_desk, session=draft, version=1, **zone_args())


def test_the_aftercare_sheet_has_the_clinic_phone_and_no_citations(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    """Issue 17: the client's sheet showed "microneedling.md §8.1" and no number to call."""
    from needling.charting.aftercare import aftercare_html
    from needling.clinics.models import Location

    Location.objects.filter(clinic=cast.clinic).update(phone="0161 496 0000")
    _ready(cast, kit, draft)
    _deepest, html = aftercare_html(draft)
    assert "0161 496 0000" in html
    assert "microneedling.md" not in html
    assert "§" not in html
    assert "Source" not in html
