"""Intake and screening pages. Thin: services write, selectors read, every read is audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from needling.access import client_for
from needling.audit.services import record
from needling.intake import services
from needling.intake.answers import decode
from needling.intake.choices import Decision
from needling.intake.forms import IntakeAnswersForm, initial_from
from needling.intake.selectors import questionnaire_version, submission_answers, submission_history
from needling.intake.services import IntakeError, InvalidAnswers, StaleForm

if TYPE_CHECKING:
    from needling.clients.models import Client
    from needling.intake.models import IntakeForm


def _back(client: Client) -> str:
    return reverse("clients:detail", args=[client.pk]) + "#section-screening"


def _refused(request: HttpRequest, client: Client, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "intake/refused.html",
        {"client": client, "message": message, "back": _back(client), "section": "clients"},
        status=status,
    )


def _bound(
    data: Any,
    items: list[Any],
    today: Any,
    client: Client,
    version: IntakeForm,
    initial: dict[str, Any] | None = None,
) -> IntakeAnswersForm:
    return IntakeAnswersForm(
        data,
        initial=initial,
        items=items,
        on=today,
        followups_url=reverse("intake:followups", args=[client.pk]),
        version_id=version.pk,
    )


@require_http_methods(["GET", "POST"])
@login_required
def intake_form(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "client.edit_clinical")
    today = timezone.localdate()
    form_version = services.current_form(client.clinic_id)
    items = form_version.parsed_items()
    context: dict[str, Any] = {"client": client, "version": form_version, "section": "clients"}
    if request.method == "GET":
        previous = services.current_submission(client)
        initial: dict[str, Any] = {"form_id": form_version.pk}
        if previous is not None:
            old = decode(previous.form.parsed_items(), previous.answers)
            keys = {item.key for item in items}
            initial.update(initial_from(items, {k: v for k, v in old.items() if k in keys}))
        record(
            actor=request.user,
            action="intake.view",
            client=client,
            obj=previous,
            detail={"form": True, "prefilled": previous is not None},
        )
        context["form"] = _bound(None, items, today, client, form_version, initial=initial)
        return render(request, "intake/form.html", context)

    posted = request.POST.copy()
    if posted.get("form_id") not in (None, "", str(form_version.pk)):
        # A stale version: refuse before anything else, show the current one with the answers.
        posted["form_id"] = str(form_version.pk)
        context["form"] = _bound(posted, items, today, client, form_version)
        context["form"].is_valid()
        context["error"] = str(StaleForm(form_version))
        return render(request, "intake/form.html", context, status=409)
    form = _bound(posted, items, today, client, form_version)
    context["form"] = form
    if not form.is_valid():
        if form.has_error("form_id"):
            context["error"] = "The questionnaire version is missing: reload the page."
        return render(request, "intake/form.html", context, status=400)
    try:
        _, result = services.submit_intake(
            actor=request.user,
            client=client,
            form_id=form.cleaned_data["form_id"],
            answers=form.answers,
            on=today,
        )
    except StaleForm as stale:  # revised between the check above and the save
        context["error"] = str(stale)
        return render(request, "intake/form.html", context, status=409)
    except InvalidAnswers as invalid:
        for key, message in invalid.errors.items():
            form.add_error(None if key == "__all__" else key, message)
        return render(request, "intake/form.html", context, status=400)
    except IntakeError as error:
        context["error"] = str(error)
        return render(request, "intake/form.html", context, status=400)
    level = {"stop": messages.ERROR, "caution": messages.WARNING}.get(
        result.verdict, messages.SUCCESS
    )
    messages.add_message(
        request,
        level,
        f"Intake saved (questionnaire v{form_version.version}). Screening: {result.verdict}.",
    )
    return redirect(_back(client))


@require_GET
@login_required
def intake_followups(request: HttpRequest, client_id: int) -> HttpResponse:
    """htmx: the follow-up questions of one yes/no question, shown only after a "yes"."""
    client = client_for(request.user, client_id, "client.edit_clinical")
    gate = request.GET.get("gate", "")
    version = questionnaire_version(request.user, request.GET.get("form", ""))
    if version is None:
        return HttpResponse("Unknown questionnaire version.", status=400)
    items = version.parsed_items()
    if gate not in {item.show_if for item in items if item.show_if}:
        return HttpResponse("Unknown question.", status=400)
    form = IntakeAnswersForm(
        initial={gate: request.GET.get(gate, "")},
        items=items,
        on=timezone.localdate(),
        followups_url=reverse("intake:followups", args=[client.pk]),
        version_id=version.pk,
    )
    row = next(r for r in form.rows() if r["item"].key == gate)
    return render(request, "intake/_followups.html", {"row": row})


@require_GET
@login_required
def intake_answers(request: HttpRequest, client_id: int) -> HttpResponse:
    client, submission, rows = submission_answers(
        request.user, client_id, request.GET.get("submission")
    )
    history = submission_history(request.user, client)
    record(
        actor=request.user,
        action="intake.view",
        client=client,
        obj=submission,
        detail={"answers": len(rows)},
    )
    return render(
        request,
        "intake/answers.html",
        {
            "client": client,
            "submission": submission,
            "rows": rows,
            "history": history,
            "section": "clients",
        },
    )


@require_POST
@login_required
def rescreen(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "client.edit_clinical")
    try:
        result = services.rescreen(actor=request.user, client=client, on=timezone.localdate())
    except IntakeError as error:
        return _refused(request, client, str(error), 400)
    messages.success(request, f"Screened again as of today: {result.verdict}.")
    return redirect(_back(client))


def _submission_id(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("submission", ""))
    except ValueError:
        return None


@require_POST
@login_required
def decide(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "screening.decide")
    submission_id = _submission_id(request)
    if submission_id is None:
        return _refused(request, client, "The intake this decision is about is missing.", 400)
    try:
        services.record_caution_decision(
            actor=request.user,
            client=client,
            submission_id=submission_id,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", ""),
            on=timezone.localdate(),
        )
    except IntakeError as error:
        return _refused(request, client, str(error), 400)
    label = Decision(request.POST["decision"]).label
    messages.success(request, f"Decision recorded: {label}.")
    return redirect(_back(client))


@require_POST
@login_required
def override(request: HttpRequest, client_id: int) -> HttpResponse:
    client = client_for(request.user, client_id, "client.override_stop")
    submission_id = _submission_id(request)
    if submission_id is None:
        return _refused(request, client, "The intake this override is about is missing.", 400)
    try:
        services.override_stop(
            actor=request.user,
            client=client,
            submission_id=submission_id,
            reason=request.POST.get("reason", ""),
            on=timezone.localdate(),
        )
    except IntakeError as error:
        return _refused(request, client, str(error), 400)
    messages.success(request, "Override recorded with its reason.")
    return redirect(_back(client))
