"""Every URL is classified: who may use it. A new URL that nobody classified fails this test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import CAST_NAMES, Cast

PUBLIC = "public"  # anyone, signed in or not
# Third-party account pages (allauth): each does its own checks; listed so new ones are noticed.
ACCOUNT = "account"

# name -> {cast member: expected status for a GET}; "ok" = 200, "login" = redirect to sign-in.
STAFF_ONLY = {
    "owner": 200,
    "practitioner": 200,
    "front_desk": 200,
    "client_a": 403,
    "client_b": 403,
    "other_practitioner": 200,
    "anonymous": "login",
}
OWNER_ONLY = {
    "owner": 200,
    "practitioner": 403,
    "front_desk": 403,
    "client_a": 403,
    "client_b": 403,
    "other_practitioner": 403,
    "anonymous": "login",
}
# Client A's record: the clinic's staff and A may see it; B and strangers get 404.
CLIENT_A_RECORD = {
    "owner": 200,
    "practitioner": 200,
    "front_desk": 200,
    "client_a": 200,
    "client_b": 404,
    "other_practitioner": 404,
    "anonymous": "login",
}
# Routes that only accept POST: a GET is refused with 405 before anything else.
POST_ONLY = dict.fromkeys(CAST_NAMES, 405)
# Clinicians of the clinic only (issue 5): front desk and portal clients get 403.
CLINICIANS_ONLY = {**STAFF_ONLY, "front_desk": 403}
# A chart of client A: clients see nothing of charts (404), front desk is refused (403).
CHART_OF_A = {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 404}
EVERY_ROLE = {
    "owner": 200,
    "practitioner": 200,
    "front_desk": 200,
    "client_a": 200,
    "client_b": 200,
    "other_practitioner": 200,
    "anonymous": "login",
}

# Client A's clinical record: clinicians only (front desk and A herself: 403; strangers 404).
CLINICAL_OF_A = {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 403}

ROUTES: dict[str, Any] = {
    "healthz": PUBLIC,
    "favicon": PUBLIC,
    "home": EVERY_ROLE,
    "reference": STAFF_ONLY,
    "clients:list": STAFF_ONLY,
    "clients:detail": CLIENT_A_RECORD,
    "settings:index": OWNER_ONLY,
    "settings:audit": OWNER_ONLY,
    "settings:staff_add": OWNER_ONLY,
    "intake_settings:form": OWNER_ONLY,
    # Another clinic's staff member does not exist for you (404); your own clinic's: owner only.
    "settings:staff_change": {
        **OWNER_ONLY,
        "client_a": 404,
        "client_b": 404,
        "other_practitioner": 404,
    },
    # Consent (issue 4): front desk sees signed / not signed only, never contents or PDFs.
    "consent:section": CLIENT_A_RECORD,
    "consent:sign": {**CLIENT_A_RECORD, "front_desk": 403},
    "consent:signature": {**CLIENT_A_RECORD, "front_desk": 403},
    "consent:pdf": {**CLIENT_A_RECORD, "front_desk": 403},
    "consent:withdraw": {**CLIENT_A_RECORD, "front_desk": 403},
    "consent_settings:list": OWNER_ONLY,
    "consent_settings:document": OWNER_ONLY,
    "consent_settings:new": OWNER_ONLY,
    # Clients and intake (issue 4): front desk edits identity, never intake or screening.
    "clients:create": STAFF_ONLY,
    "clients:edit": {**CLIENT_A_RECORD, "client_a": 403},
    "intake:form": {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 403},
    "intake:followups": {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 403},
    "intake:answers": {**CLIENT_A_RECORD, "front_desk": 403},
    "intake:rescreen": POST_ONLY,
    "intake:decide": POST_ONLY,
    "intake:override": POST_ONLY,
    # Equipment, plans and charts (issue 5): clinicians only; equipment changes by owners.
    "equipment:index": CLINICIANS_ONLY,
    "equipment:device_new": OWNER_ONLY,
    "equipment:lot_new": OWNER_ONLY,
    "equipment:product_new": OWNER_ONLY,
    "equipment:lot_find": {
        **CLINICIANS_ONLY,
        "owner": 302,
        "practitioner": 302,
        "other_practitioner": 404,
    },
    "equipment:lot": {**CLINICIANS_ONLY, "other_practitioner": 404},
    "equipment:lot_recall_csv": {**CLINICIANS_ONLY, "other_practitioner": 404},
    "equipment:lot_set_recalled": POST_ONLY,
    "plans:edit": {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 403},
    "plans:guidance": {**CLIENT_A_RECORD, "front_desk": 403, "client_a": 403},
    "charting:start": POST_ONLY,
    "charting:chart": CHART_OF_A,
    "charting:depth_check": CHART_OF_A,
    "charting:aftercare_pdf": CHART_OF_A,
    "charting:healing_check": CHART_OF_A,
    "charting:save_step": POST_ONLY,
    "charting:zone_save": POST_ONLY,
    "charting:zone_remove": POST_ONLY,
    "charting:sign": POST_ONLY,
    "charting:addendum": POST_ONLY,
    "charting:adverse_event_new": POST_ONLY,
    "charting:emergency_record": POST_ONLY,
    "charting:adverse_event_resolve": POST_ONLY,
    # Scheduling (issue 6): all staff book; portal clients see no staff calendar (404 for an
    # appointment, 403 for the pages); feeds are managed by owners and read by token alone.
    "scheduling:day": STAFF_ONLY,
    "scheduling:week": STAFF_ONLY,
    "scheduling:new": STAFF_ONLY,
    "scheduling:appointment": {**CLIENT_A_RECORD, "client_a": 404},
    "scheduling:move": {**CLIENT_A_RECORD, "client_a": 404},
    "scheduling:cancel": {**CLIENT_A_RECORD, "client_a": 404},
    "scheduling:outbox": STAFF_ONLY,
    "scheduling:feeds": OWNER_ONLY,
    "scheduling:feed": OWNER_ONLY,
    "scheduling:ical": PUBLIC,  # token-authenticated: the secret URL is the credential
    "scheduling:rooms": OWNER_ONLY,
    "scheduling:room": OWNER_ONLY,
    # Photos and outcomes (issue 7): clinicians only; front desk never sees a photo, page,
    # partial or image URL; portal access to photos is a later issue. POST-only routes answer
    # GET with 405 once access is settled.
    "photos:gallery": CLINICAL_OF_A,
    "photos:capture": CLINICAL_OF_A,
    "photos:compare": CLINICAL_OF_A,
    "photos:export": {**CLINICAL_OF_A, "owner": 405, "practitioner": 405},
    "photos:detail": CLINICAL_OF_A,
    "photos:image": CLINICAL_OF_A,
    "photos:measure": {**CLINICAL_OF_A, "owner": 405, "practitioner": 405},
    "outcomes:page": CLINICAL_OF_A,
    "outcomes:choose": CLINICAL_OF_A,
    "outcomes:record": CLINICAL_OF_A,
    # FHIR R4 (issue 15): clinicians read over FHIR; the API answers 401, not the sign-in page.
    "fhir:base": dict.fromkeys(CAST_NAMES, 400),
    "fhir:metadata": PUBLIC,
    "fhir:search": {**CLINICIANS_ONLY, "anonymous": 401},
    "fhir:read": {**CLINICAL_OF_A, "client_b": 403, "anonymous": 401},
    "fhir:everything": {**CLINICAL_OF_A, "client_b": 403, "anonymous": 401},
}


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _walk(p.url_patterns, ns)
        elif isinstance(p, URLPattern):
            yield (
                f"{prefix}{p.name}" if p.name else f"{prefix}<unnamed {p.pattern}>",
                str(p.pattern),
            )


def _all_routes() -> list[tuple[str, str]]:
    return list(_walk(get_resolver().url_patterns))


def test_every_url_is_classified() -> None:
    unclassified = []
    for name, pattern in _all_routes():
        if name in ROUTES:
            continue
        if name.startswith(("account_", "mfa_", "usersessions_")) or "<unnamed" in name:
            # allauth's own views (login, MFA, sessions): classified as ACCOUNT below.
            continue
        unclassified.append(f"{name} ({pattern})")
    assert not unclassified, "Classify these routes in ROUTES: " + ", ".join(unclassified)


def test_account_routes_come_only_from_allauth() -> None:
    for name, _pattern in _all_routes():
        if name.startswith(("account_", "mfa_", "usersessions_")):
            from django.urls import resolve, reverse
            from django.urls.exceptions import NoReverseMatch

            try:
                module = resolve(reverse(name)).func.__module__
            except NoReverseMatch:
                continue  # needs arguments (e.g. password reset key): allauth's own view
            assert module.startswith("allauth."), f"{name} is served by {module}"


def _url(name: str, cast: Cast) -> str:
    from django.urls import reverse

    if name == "clients:detail":
        return reverse(name, args=[cast.record_a.pk])
    if name == "settings:staff_change":
        return reverse(name, args=[cast.front_desk.staff.pk])
    if name.startswith("intake:") or name == "clients:edit":
        from tests.intake.factories import matrix_url as intake_url

        return intake_url(name, cast)
    if name.startswith(("consent:", "consent_settings:")):
        from tests.consent.factories import matrix_url

        return matrix_url(name, cast)
    if name.startswith("scheduling:"):
        from tests.scheduling.factories import matrix_url as scheduling_url

        return scheduling_url(name, cast)
    if name.startswith(("equipment:", "plans:", "charting:")):
        from tests.charting.factories import matrix_url as chart_url

        return chart_url(name, cast)
    if name.startswith(("photos:", "outcomes:")):
        from tests.photos.factories import matrix_url as photos_url

        return photos_url(name, cast)
    if name in ("fhir:read", "fhir:everything"):
        kwargs = {"ident": str(cast.record_a.pk)}
        return reverse(
            name, kwargs={**kwargs, "kind": "Patient"} if name == "fhir:read" else kwargs
        )
    if name == "fhir:search":
        return reverse(name, kwargs={"kind": "Patient"})
    return reverse(name)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Photo routes (issue 7) store real files: keep them out of the working tree."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.mark.parametrize("who", CAST_NAMES)
@pytest.mark.parametrize("name", [n for n, rule in ROUTES.items() if rule != PUBLIC])
def test_route_answers_each_cast_member_as_classified(cast: Cast, name: str, who: str) -> None:
    browser = Client()
    user = cast.user(who)
    if user is not None:
        browser.force_login(user)
    response = browser.get(_url(name, cast))
    expected = ROUTES[name][who]
    if expected == "login":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, f"{who} on {name}"
    # Issue 16: a signed-in person refused a clinical route leaves a denied event; nobody else.
    from needling.audit.denied import DENIED, is_clinical
    from needling.audit.models import AuditEvent

    denied = AuditEvent.objects.filter(action=DENIED, detail__route=name)
    refused = expected in (403, 404) and user is not None and is_clinical(name)
    assert denied.count() == (1 if refused else 0), f"{who} on {name}"
    if refused:
        assert denied.get().actor_id == user.pk  # type: ignore[union-attr]


def test_public_routes_answer_anonymous(cast: Cast) -> None:
    for name, rule in ROUTES.items():
        if rule == PUBLIC:
            assert Client().get(_url(name, cast)).status_code == 200
