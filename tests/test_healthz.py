from django.test import Client


def test_healthz_reports_ok_without_auth(db: object) -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body) == {"status", "database"}
