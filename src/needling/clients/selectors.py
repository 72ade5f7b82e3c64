"""Reading clients. Every function takes the acting user and returns only what they may see."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models import Q, QuerySet

from needling.access import clients_visible_to
from needling.clients.models import Client

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y")


def _as_date(text: str) -> date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def search_clients(user: object, query: str) -> QuerySet[Client]:
    """Clients matching a name, phone, e-mail or date of birth, in name order."""
    clients = clients_visible_to(user)
    query = query.strip()[:100]
    if not query:
        return clients
    born = _as_date(query)
    if born is not None:
        return clients.filter(date_of_birth=born)
    if "@" in query:
        return clients.filter(email__istartswith=query)
    digits = re.sub(r"\D", "", query)
    if len(digits) >= 4 and len(digits) >= len(query.replace(" ", "")) - 2:
        return clients.filter(phone__contains=digits[-8:])
    condition = Q()
    for word in query.split()[:4]:
        condition &= Q(first_name__istartswith=word) | Q(last_name__istartswith=word)
    return clients.filter(condition)
