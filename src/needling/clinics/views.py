from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from needling.access import can, require
from needling.backups.selectors import backup_status
from needling.clinics.forms import StaffAddForm, StaffChangeForm
from needling.clinics.selectors import own_clinic, staff_of_clinic
from needling.clinics.services import add_staff, change_staff, send_invitation, staff_member_for


@require_GET
@login_required
def settings_index(request: HttpRequest) -> HttpResponse:
    require(request.user, "clinic.settings")
    clinic = own_clinic(request.user, with_locations=True)
    staff = staff_of_clinic(request.user)
    return render(
        request,
        "clinics/settings.html",
        {
            "clinic": clinic,
            "staff": staff,
            "section": "settings",
            "backups": backup_status() if can(request.user, "backup.view") else None,
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_add(request: HttpRequest) -> HttpResponse:
    require(request.user, "staff.manage")
    form = StaffAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = add_staff(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # Django files field-keyed errors under their fields
        else:
            send_invitation(request, member)
            messages.success(
                request,
                f"{member.user.full_name} was added. An e-mail with a link to set a password "
                "was sent to them.",
            )
            return redirect("settings:index")
    status = 400 if form.is_bound else 200
    return render(
        request, "clinics/staff_form.html", {"form": form, "section": "settings"}, status=status
    )


@require_http_methods(["GET", "POST"])
@login_required
def staff_change(request: HttpRequest, member_id: int) -> HttpResponse:
    member = staff_member_for(request.user, member_id)
    require(request.user, "staff.manage", member)
    initial = {"role": member.role, "title": member.title, "active": member.active}
    form = StaffChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            change_staff(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)  # Django files field-keyed errors under their fields
        else:
            messages.success(request, f"Saved the changes to {member.user.full_name}.")
            return redirect("settings:index")
    status = 400 if form.is_bound else 200
    return render(
        request,
        "clinics/staff_form.html",
        {"form": form, "member": member, "section": "settings"},
        status=status,
    )
