"""Template helpers over the clinical core."""

from __future__ import annotations

from django import template

from needling.clinical import Advice, advice_for

register = template.Library()


@register.filter
def advice(code: str) -> tuple[Advice, ...]:
    """What a practitioner can do about the finding with this code, with sources."""
    return advice_for(code) if isinstance(code, str) else ()
