"""Visibility lives on the models: every clinic-owned model declares its Scope, and
`visible_to` / `get_visible_or_404` answer from access.POLICY alone."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404

from needling import access
from needling.access import POLICY, VisibleQuerySet, get_visible_or_404, scope_of
from needling.clients.models import Client
from needling.clinics.models import Role
from needling.photos.models import Photo
from tests.conftest import Cast

SRC = Path(access.__file__).parent
# The install's own bookkeeping, never shown as rows to anyone: the audit chain's signed head and
# the counters that fold repeated refusals, the backup runs (one backup holds the whole install;
# owners read its status through needling.backups.selectors) (issue 16).
NOT_CLINIC_OWNED = {
    "accounts.User",
    "audit.AuditHead",
    "audit.DeniedRepeat",
    "audit.OwnerDigest",
    "backups.BackupRun",
}


def _our_models() -> list[type]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("needling.") and m._meta.label not in NOT_CLINIC_OWNED
    ]


def test_the_staff_roles_are_the_clinics_roles() -> None:
    assert {access.OWNER, access.PRACTITIONER, access.FRONT_DESK} == set(Role.values)
    assert access.CLIENT not in Role.values


@pytest.mark.parametrize("model", _our_models(), ids=lambda m: m._meta.label)
def test_every_clinic_owned_model_declares_its_visibility(model: type) -> None:
    scope = scope_of(model)
    assert scope.find in POLICY
    assert scope.view in POLICY
    assert isinstance(model._default_manager.all(), VisibleQuerySet)  # type: ignore[attr-defined]


def test_a_portal_client_sees_only_their_own_record(cast: Cast) -> None:
    assert list(Client.objects.visible_to(cast.client_a)) == [cast.record_a]
    assert set(Client.objects.visible_to(cast.practitioner)) == {cast.record_a, cast.record_b}
    assert list(Client.objects.visible_to(cast.other_practitioner)) == [cast.other_record]
    assert list(Client.objects.visible_to(None)) == []


def test_strangers_get_404_the_permitted_to_see_403(
    cast: Cast, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = str(tmp_path)
    from tests.photos.factories import make_photo, photo_consent

    photo_consent(cast.record_a)
    photo = make_photo(cast.record_a, cast.practitioner)
    assert get_visible_or_404(Photo.objects.all(), cast.practitioner, photo.pk) == photo
    with pytest.raises(PermissionDenied):
        get_visible_or_404(Photo.objects.all(), cast.front_desk, photo.pk)
    with pytest.raises(PermissionDenied):  # her own photo: she may know it exists, not view it
        get_visible_or_404(Photo.objects.all(), cast.client_a, photo.pk)
    for stranger in (cast.client_b, cast.other_practitioner, None):
        with pytest.raises(Http404):
            get_visible_or_404(Photo.objects.all(), stranger, photo.pk)
    for bad in ("x", "-1", "", "1e3", "9" * 30):
        with pytest.raises(Http404):
            get_visible_or_404(Photo.objects.all(), cast.practitioner, bad)
    assert list(Photo.objects.visible_to(cast.front_desk)) == []
    assert list(Photo.objects.visible_to(cast.practitioner)) == [photo]


def test_unknown_actions_are_a_programming_error(cast: Cast) -> None:
    with pytest.raises(ValueError, match="unknown action"):
        Client.objects.visible_to(cast.owner, "client.teleport")


def test_no_role_string_outside_access_py() -> None:
    """Role names appear in access.py only: no comparison of a role with a string elsewhere."""
    roles = {*Role.values, access.CLIENT}
    found = []
    for path in SRC.rglob("*.py"):
        if path.name == "access.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                names = [n for n in (node.left, *node.comparators) if _is_role(n)]
                consts = [
                    n.value
                    for n in (node.left, *node.comparators)
                    if isinstance(n, ast.Constant) and n.value in roles
                ]
                if names and consts:
                    found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert not found, "role strings compared outside access.py: " + ", ".join(found)


def _is_role(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in ("role", "actor_role")) or (
        isinstance(node, ast.Name) and node.id == "role"
    )
