"""The chart page over HTTP: bad input gets a 4xx with a message and changes nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client as Browser

from needling.charting.dose import zone_dose
from needling.charting.models import SessionZone, TreatmentSession
from tests.charting.conftest import Kit
from tests.conftest import Cast

ZONE = {
    "zone": "cheeks",
    "indication": "acne_scars",
    "depth_mm": "1.0",
    "passes": "4",
    "pattern": "crosshatch",
    "end_point": "erythema",
}


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"depth_mm": "-0.5"}, "cannot be negative"),
        ({"depth_mm": "abc"}, "millimetres"),
        ({"depth_mm": "3.5"}, "absolute limit"),
        ({"passes": "-2"}, "at least 1"),
        ({"depth_mm": "2.2"}, "write your reason"),
        ({"zone": "eyelids", "depth_mm": "0.2"}, "never needled"),
        ({"version": ""}, "version"),
    ],
)
def test_bad_zone_input_is_a_400_with_a_message(
    cast: Cast, draft: TreatmentSession, change: dict[str, str], message: str
) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/zones/", {"version": 1, **ZONE, **change}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 400
    assert message in r.content.decode()
    assert not SessionZone.objects.exists()
    draft.refresh_from_db()
    assert draft.version == 1


def test_a_stale_save_is_a_409_with_a_clear_message(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    b = _as(cast.practitioner)
    assert b.post(f"/charts/{draft.pk}/zones/", {"version": 1, **ZONE}).status_code == 302
    r = b.post(f"/charts/{draft.pk}/zones/", {"version": 1, **ZONE, "depth_mm": "0.5"})
    assert r.status_code == 409
    assert "Someone else saved this chart" in r.content.decode()
    assert SessionZone.objects.get().depth_mm == Decimal("1.00")


def test_another_clinics_lot_is_refused(cast: Cast, kit: Kit, draft: TreatmentSession) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/save/device/",
        {"version": 1, "device": kit.pen.pk, "lot": kit.foreign_lot.pk},
    )
    assert r.status_code == 400
    assert "not registered in this clinic" in r.content.decode()
    draft.refresh_from_db()
    assert draft.lot_id is None


def test_removal_before_application_is_refused(cast: Cast, draft: TreatmentSession) -> None:
    r = _as(cast.practitioner).post(
        f"/charts/{draft.pk}/save/anaesthetic/",
        {
            "version": 1,
            "agent": "EMLA",
            "applied_at": "2026-03-02T10:00",
            "removed_at": "2026-03-02T09:00",
        },
    )
    assert r.status_code == 400
    assert "before the application time" in r.content.decode()
    draft.refresh_from_db()
    assert draft.anaesthetic_agent == ""


def test_depth_check_as_typed_shows_caution_stop_and_dose(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    b = _as(cast.practitioner)
    draft.device = kit.roller
    draft.save()
    url = f"/charts/{draft.pk}/depth-check/?zone=cheeks&indication=acne_scars&passes=15"
    assert "Caution" in b.get(url + "&depth_mm=1.75").content.decode()
    stop = b.get(url + "&depth_mm=2.2").content.decode()
    assert "Stop" in stop
    assert "written reason" in stop
    assert "229 punctures per cm²" in b.get(url + "&depth_mm=1").content.decode()
    assert b.get(url + "&depth_mm=-1").status_code == 200
    assert "0 or more" in b.get(url + "&depth_mm=-1").content.decode()
    assert b.get(f"/charts/{draft.pk}/depth-check/?zone=elbow").status_code == 400


def test_pen_dose_is_a_rate_and_roller_dose_a_density(kit: Kit) -> None:
    pen = zone_dose(kit.pen, 3)
    roller = zone_dose(kit.roller, 15)
    assert pen is not None
    assert roller is not None
    assert (pen.value, pen.unit) == (1200, "per second")
    assert roller.unit == "per cm²"
    assert round(roller.value) == 229


def test_the_locked_chart_shows_everything_that_was_charted(
    cast: Cast, kit: Kit, draft: TreatmentSession
) -> None:
    from needling.charting.services import save_device, save_zone, sign_session
    from tests.charting.conftest import zone_args

    save_device(user=cast.practitioner, session=draft, version=draft.version, device=kit.pen,
                lot=kit.lot)  # fmt: skip
    zone = zone_args(depth_mm=Decimal("1.75"), pattern="linear", topicals=[kit.vitc, kit.ha])
    save_zone(user=cast.practitioner, session=draft, version=draft.version, **zone)
    draft.refresh_from_db()
    sign_session(user=cast.practitioner, session=draft, version=draft.version)
    html = _as(cast.practitioner).get(f"/charts/{draft.pk}/").content.decode()
    assert "Chart (locked)" in html
    assert "Linear" in html  # the pattern
    assert "Vitamin C serum" in html
    assert "not sterile / not for needled skin" in html
    assert "Hyaluronic acid gel" in html
    assert "(sterile, for needled skin)" in html
    assert "Caution, gone ahead:" in html  # the caution the practitioner charted through


def test_the_zone_step_lists_the_plan_first_and_asks_a_reason_only_for_a_stop(
    cast: Cast, draft: TreatmentSession
) -> None:
    b = _as(cast.practitioner)
    html = b.get(f"/charts/{draft.pk}/?step=zones").content.decode()
    planned = html.index('<optgroup label="In the plan">')
    others = html.index('<optgroup label="Other zones">')
    # The plan's zones (cheeks, forehead, nose) come before every other zone.
    assert planned < html.index('value="cheeks"') < others < html.index('value="chin"')
    assert 'name="override_reason"' not in html
    check = f"/charts/{draft.pk}/depth-check/?zone=cheeks&indication=acne_scars&passes=4"
    assert 'name="override_reason"' not in b.get(check + "&depth_mm=1.75").content.decode()
    stop = b.get(check + "&depth_mm=2.2&override_reason=Thick+scars").content.decode()
    assert 'name="override_reason"' in stop
    assert "Thick scars</textarea>" in stop  # a reason typed earlier survives the re-check
