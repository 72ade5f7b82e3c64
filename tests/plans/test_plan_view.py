"""The course plan page: the face/body map, guidance, bad input and concurrent edits."""

from __future__ import annotations

from typing import Any

from django.test import Client as Browser

from needling.plans.models import CoursePlan
from tests.conftest import Cast

GOOD = {"indications": ["acne_scars"], "zones": ["cheeks", "chin"], "protocol": "standard",
        "planned_sessions": 3, "goals": "Softer scars"}  # fmt: skip


def _as(user: Any) -> Browser:
    b = Browser()
    b.force_login(user)
    return b


def test_the_maps_offer_every_zone_as_a_named_button(cast: Cast) -> None:
    html = _as(cast.practitioner).get(f"/plans/client/{cast.record_a.pk}/").content.decode()
    assert 'role="button" tabindex="0" aria-label="Cheeks" aria-pressed="false"' in html
    assert 'aria-label="Eyelids (never needled)"' in html
    assert 'name="zones" value="cheeks"' in html  # the checkbox fallback


def test_saving_a_plan_defaults_to_the_standard_protocol(cast: Cast) -> None:
    response = _as(cast.practitioner).post(f"/plans/client/{cast.record_a.pk}/", GOOD)
    assert response.status_code == 302
    plan = CoursePlan.objects.get(client=cast.record_a)
    assert (plan.zones, plan.protocol, plan.created_by) == (
        ["cheeks", "chin"], "standard", cast.practitioner,
    )  # fmt: skip


def test_eyelids_and_empty_plans_are_refused(cast: Cast) -> None:
    b = _as(cast.practitioner)
    r = b.post(f"/plans/client/{cast.record_a.pk}/", {**GOOD, "zones": ["eyelids"]})
    assert r.status_code == 400
    assert "never needled" in r.content.decode()
    r = b.post(f"/plans/client/{cast.record_a.pk}/", {**GOOD, "zones": [], "indications": []})
    assert "Choose at least one zone" in r.content.decode()
    assert "Choose at least one indication" in r.content.decode()
    assert not CoursePlan.objects.exists()


def test_a_stale_plan_edit_gets_409_and_keeps_the_other_change(cast: Cast) -> None:
    b = _as(cast.practitioner)
    b.post(f"/plans/client/{cast.record_a.pk}/", GOOD)
    b.post(f"/plans/client/{cast.record_a.pk}/", {**GOOD, "version": 1, "goals": "First"})
    r = b.post(f"/plans/client/{cast.record_a.pk}/", {**GOOD, "version": 1, "goals": "Second"})
    assert r.status_code == 409
    assert "Someone else changed this plan" in r.content.decode()
    assert CoursePlan.objects.get().goals == "First"


def test_guidance_follows_the_ticked_zones_and_the_skin_type(cast: Cast) -> None:
    cast.record_a.fitzpatrick_type = 5
    cast.record_a.save()
    r = _as(cast.practitioner).get(
        f"/plans/client/{cast.record_a.pk}/guidance/?zones=cheeks&indications=acne_scars"
    )
    html = r.content.decode()
    assert "1–1.5 mm" in html
    assert "2 mm" in html
    assert "hyperpigmentation" in html
    bad = _as(cast.practitioner).get(f"/plans/client/{cast.record_a.pk}/guidance/?zones=elbow")
    assert bad.status_code == 400


def test_front_desk_never_sees_a_plan(cast: Cast) -> None:
    assert _as(cast.front_desk).get(f"/plans/client/{cast.record_a.pk}/").status_code == 403
    assert _as(cast.front_desk).post(f"/plans/client/{cast.record_a.pk}/", GOOD).status_code == 403
    assert not CoursePlan.objects.exists()


def test_plan_guidance_shows_the_keloid_caution_and_the_skin_type_note_at_each_zone(
    cast: Cast,
) -> None:
    from tests.intake.factories import ready, submit

    client = ready(cast.record_a)
    client.fitzpatrick_type = 5
    client.save()
    submit(cast, client, keloid_history=True)
    b = _as(cast.practitioner)
    html = b.get(
        f"/plans/client/{client.pk}/guidance/?zones=back&zones=cheeks&indications=texture"
    ).content.decode()
    assert html.count('data-code="keloid_prone_site"') == 1
    assert "keloids often form" in html
    assert html.count('data-code="fitzpatrick_pigmentation_risk"') == 2
    assert html.count('data-advice="fitzpatrick_pigmentation_risk"') == 2
    assert "What you can do" in html
    assert "mineral SPF 30" in html
