from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from needling.access import require
from needling.clinics.models import Clinic, StaffMember


@require_GET
@login_required
def settings_index(request: HttpRequest) -> HttpResponse:
    actor = require(request.user, "clinic.settings")
    clinic = Clinic.objects.prefetch_related("locations").get(pk=actor.clinic_id)
    staff = (
        StaffMember.objects.filter(clinic_id=actor.clinic_id)
        .select_related("user")
        .order_by("role", "user__full_name")
    )
    return render(
        request,
        "clinics/settings.html",
        {"clinic": clinic, "staff": staff, "section": "settings"},
    )
