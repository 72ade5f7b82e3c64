from __future__ import annotations

from functools import cache

import markdown
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from needling.access import require


@cache
def _reference_html() -> str:
    # The reference is generated from the clinical core's data files, which cannot change while
    # the process runs; render it once. The text is our own (no user input), so it is trusted.
    from needling.clinical import reference_markdown

    return markdown.markdown(reference_markdown(), extensions=["tables", "toc", "sane_lists"])


@require_safe
@login_required
def reference(request: HttpRequest) -> HttpResponse:
    """Every rule, default and scale with its source: why the software says what it says."""
    require(request.user, "reference.view")
    return render(
        request,
        "web/reference.html",
        {"reference_html": mark_safe(_reference_html()), "section": "reference"},
    )
