"""The demo clinic tells the charting stories of UX.md with dates relative to the day."""

from __future__ import annotations

from datetime import date, timedelta

from needling.charting.selectors import (
    course_protocol,
    has_open_adverse_event,
    last_session_date,
    latest_healed_on,
)
from needling.clients.models import Client
from needling.demo import load_demo
from needling.equipment.models import Lot

TODAY = date(2026, 11, 24)


def test_the_demo_stories_hold(db: object) -> None:
    load_demo(today=TODAY)
    c = {x.first_name: x for x in Client.objects.all()}
    assert last_session_date(c["Amelia"]) == TODAY - timedelta(days=21)
    ben_last = last_session_date(c["Ben"])
    assert ben_last == TODAY - timedelta(days=49)
    assert latest_healed_on(c["Ben"], after=ben_last) is not None
    chloe_last = last_session_date(c["Chloe"])
    assert chloe_last == TODAY - timedelta(days=35)
    assert latest_healed_on(c["Chloe"], after=chloe_last) is None
    assert has_open_adverse_event(c["George"])
    assert not has_open_adverse_event(c["Ben"])
    assert c["Hannah"].treatment_sessions.count() == 3
    assert course_protocol(c["Isaac"]) == "hair_weekly"
    assert "shallower" in c["Jade"].course_plans.get().notes
    assert last_session_date(c["Kofi"]) is None
    assert Lot.objects.filter(recalled=True).get().sessions.count() == 1


def test_reset_removes_and_reloads_the_charts(db: object) -> None:
    load_demo(today=TODAY - timedelta(days=30))
    load_demo(today=TODAY, reset=True)
    assert last_session_date(Client.objects.get(first_name="Amelia")) == TODAY - timedelta(days=21)
