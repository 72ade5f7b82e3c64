"""Today: screenings needing a decision, for clinicians only."""

from __future__ import annotations

from django.test import Client as Browser

from needling.intake.services import override_stop
from tests.conftest import Cast
from tests.intake.factories import TODAY, ready, submit


def _today(cast: Cast, who: str) -> str:
    browser = Browser()
    browser.force_login(getattr(cast, who))
    return browser.get("/").content.decode()


def test_undecided_cautions_and_overridable_stops_are_listed(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), cold_sore_history=True)
    submission, _ = submit(cast, ready(cast.record_b), sunburn_or_tan_in_area=True)
    html = _today(cast, "practitioner")
    assert "Screenings needing a decision" in html
    assert "Alice Client" in html
    assert "Caution found" in html
    assert "Bob Client" in html
    assert "Stop found" in html
    override_stop(
        actor=cast.practitioner, client=cast.record_b, submission_id=submission.pk,
        reason="Legs only.", on=TODAY,
    )  # fmt: skip
    section = _today(cast, "practitioner").split("Screenings needing")[1].split("</section>")[0]
    assert "Bob Client" not in section
    assert "Alice Client" in section


def test_hard_stops_and_clear_intakes_are_not_tasks(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), pregnant=True)
    submit(cast, ready(cast.record_b))
    section = _today(cast, "owner").split("Screenings needing a decision")[1]
    assert "Alice Client" not in section.split("</section>")[0]
    assert "Bob Client" not in section.split("</section>")[0]


def test_front_desk_does_not_get_the_list(cast: Cast) -> None:
    submit(cast, ready(cast.record_a), cold_sore_history=True)
    assert "Screenings needing a decision" not in _today(cast, "front_desk")
