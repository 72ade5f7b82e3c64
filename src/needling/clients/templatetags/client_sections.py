from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context: template.Context, section: dict[str, Any]) -> SafeString:
    """Render one client-page section with its own context (plus request, user, csrf)."""
    request = context.get("request")
    return render_to_string(section["template"], section["context"], request=request)
