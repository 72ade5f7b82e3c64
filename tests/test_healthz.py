from unittest import mock

from django.db import connection
from django.test import Client


def test_healthz_reports_ok_without_auth(db: object) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert connection.vendor.encode() not in response.content


def test_healthz_says_error_when_the_database_is_unreachable(db: object) -> None:
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("database down")):
        response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error"}
