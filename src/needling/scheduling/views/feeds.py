"""Calendar feed management (owner) and the token-authenticated feed itself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from needling.scheduling.errors import SchedulingError
from needling.scheduling.feeds import create_feed, feed_for_token, revoke_feed, rotate_feed
from needling.scheduling.ics import feed_appointments, render_feed
from needling.scheduling.selectors import calendar_choices, feeds_of_clinic


@require_http_methods(["GET", "POST"])
@login_required
def feed_list(request: HttpRequest) -> HttpResponse:
    feeds = feeds_of_clinic(request.user)  # checks calendar.feeds
    status = 200
    if request.method == "POST":
        target = request.POST.get("target", "")
        kind, _, raw_id = target.partition(":")
        try:
            if kind not in ("practitioner", "location") or not raw_id.isdigit():
                raise SchedulingError("Choose a practitioner or a location.")
            create_feed(
                actor=request.user,
                practitioner_id=int(raw_id) if kind == "practitioner" else None,
                location_id=int(raw_id) if kind == "location" else None,
                show_details=request.POST.get("show_details") == "on",
            )
        except SchedulingError as exc:
            messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, "Feed created. Copy its address into the calendar app.")
            return HttpResponseRedirect(reverse("scheduling:feeds"), status=303)
    locations, practitioners = calendar_choices(request.user)
    return render(
        request,
        "scheduling/feeds.html",
        {
            "feeds": feeds.filter(active=True),
            "locations": locations,
            "practitioners": practitioners,
            "section": "calendar",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def feed_detail(request: HttpRequest, feed_id: int) -> HttpResponse:
    feeds = feeds_of_clinic(request.user)
    feed = feeds.filter(pk=feed_id).first()
    if feed is None:
        raise Http404("no such feed")
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "rotate":
            rotate_feed(actor=request.user, feed_id=feed.pk)
            messages.success(request, "New address made: the old one no longer works.")
        elif action == "revoke":
            revoke_feed(actor=request.user, feed_id=feed.pk)
            messages.success(request, "Feed revoked: its address no longer works.")
            return HttpResponseRedirect(reverse("scheduling:feeds"), status=303)
        else:
            messages.error(request, "Choose rotate or revoke.")
            return render(
                request, "scheduling/feed.html", {"feed": feed, "section": "calendar"}, status=400
            )
        return HttpResponseRedirect(reverse("scheduling:feed", args=[feed.pk]), status=303)
    return render(request, "scheduling/feed.html", {"feed": feed, "section": "calendar"})


@login_not_required
@never_cache
@require_GET
def ical_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The feed, authenticated by its secret token alone (calendar apps cannot sign in)."""
    feed = feed_for_token(token)
    if feed is None:
        raise Http404("no such feed")
    body = render_feed(feed, feed_appointments(feed), clinic_name=feed.clinic.name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="appointments.ics"'
    return response
