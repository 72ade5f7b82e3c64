"""Owners revise the questionnaire's wording. Each save publishes a new version; intakes already
given keep the version they were answered on. Codes, types and follow-up logic stay the core's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from needling.access import require
from needling.clinical import SCREENING_RULES
from needling.intake.definition import WORDING_MAX, parse_items
from needling.intake.services import IntakeError, current_form, publish_form


@require_http_methods(["GET", "POST"])
@login_required
def questionnaire(request: HttpRequest) -> HttpResponse:
    actor = require(request.user, "intake.manage_forms")
    form = current_form(actor.clinic_id)
    items = parse_items(form.items)
    errors: dict[str, str] = {}
    status = 200
    wordings = {item.key: item.wording for item in items}
    if request.method == "POST":
        wordings = {item.key: request.POST.get(f"wording-{item.key}", "").strip() for item in items}
        if request.POST.get("version") != str(form.version):
            messages.error(
                request,
                f"Someone published version {form.version} while you were editing: nothing was "
                "saved. Here is the current wording; make your changes again.",
            )
            wordings = {item.key: item.wording for item in items}
            status = 409
        else:
            for key, text in wordings.items():
                if not text:
                    errors[key] = "Write the question (it cannot be empty)."
                elif len(text) > WORDING_MAX:
                    errors[key] = f"Keep the question under {WORDING_MAX} characters."
                elif "\x00" in text or any(ord(ch) < 32 and ch not in "\n\t" for ch in text):
                    errors[key] = "Remove the control characters."
            if errors:
                status = 400
            elif all(wordings[item.key] == item.wording for item in items):
                messages.info(request, "Nothing changed, so no new version was published.")
                return redirect("intake_settings:form")
            else:
                revised = [{**item.to_dict(), "wording": wordings[item.key]} for item in items]
                try:
                    new = publish_form(actor=request.user, items=revised)
                except IntakeError as error:
                    messages.error(request, str(error))
                    status = 400
                else:
                    messages.success(
                        request,
                        f"Published version {new.version}. New intakes use it; earlier intakes "
                        "keep the version they were answered on.",
                    )
                    return redirect("intake_settings:form")
    rows = [
        {
            "item": item,
            "wording": wordings[item.key],
            "error": errors.get(item.key),
            "rule": SCREENING_RULES.get(item.code),
        }
        for item in items
    ]
    return render(
        request,
        "intake/settings.html",
        {"form": form, "rows": rows, "wording_max": WORDING_MAX, "section": "settings"},
        status=status,
    )
