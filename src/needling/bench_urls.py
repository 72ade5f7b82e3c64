"""The product's URLs plus `/bench/bare/`: a plain Django view rendering a 50-row table, the
yardstick each page is compared with in the same run (same middleware, same session look-up)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import Context, Template
from django.urls import include, path

from needling.clients.models import Client

_TABLE = Template(
    "<!doctype html><title>bare</title><table>{% for c in rows %}<tr><td>{{ c.id }}</td>"
    "<td>{{ c.last_name }}</td><td>{{ c.first_name }}</td><td>{{ c.email }}</td></tr>"
    "{% endfor %}</table>"
)


def bare(request: HttpRequest) -> HttpResponse:
    rows = list(Client.objects.order_by("id").values("id", "first_name", "last_name", "email")[:50])
    return HttpResponse(_TABLE.render(Context({"rows": rows})))


urlpatterns = [path("bench/bare/", bare), path("", include("needling.urls"))]
