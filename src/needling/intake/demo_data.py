"""The demo clinic's intake stories (UX.md, "Demo data tells stories").

Daniela: pregnant, a stop that cannot be overridden. Evan: active inflamed acne (a stop), overridden
by Dr Shah because the spot lies outside the treated zones. Fatima: cold sore and keloid history, a
caution awaiting a practitioner's decision (planning her décolletage or back shows the keloid
caution at that zone). Jade: Fitzpatrick V and sensitive skin (info findings, clear).
Everyone mid-course has a clear intake; Kofi, a new client, has none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from needling.intake.answers import Answer
from needling.intake.services import current_form, override_stop, submit_intake

if TYPE_CHECKING:
    from needling.demo import DemoContext

CLEAR = ("Amelia", "Ben", "Chloe", "George", "Hannah", "Isaac", "Jade", "Laura")
STORIES: dict[str, dict[str, Answer]] = {
    "Daniela": {"pregnant": True},
    "Evan": {"active_inflammatory_acne_in_area": True},
    "Fatima": {"cold_sore_history": True, "keloid_history": True},
}
EVAN_OVERRIDE = (
    "One inflamed papule on the left jawline only; today's zones are forehead and cheeks. The "
    "papule is marked and excluded from the treated area (treat around it, never over it)."
)


def load(ctx: DemoContext) -> None:
    form = current_form(ctx.clinic.pk)
    items = form.parsed_items()
    practitioner = ctx.staff["priya"]
    for name in (*CLEAR, *STORIES):
        answers: dict[str, Answer] = {
            item.key: False for item in items if item.type == "boolean" and not item.show_if
        }
        answers.update(STORIES.get(name, {}))
        submission, _ = submit_intake(
            actor=practitioner,
            client=ctx.clients[name],
            form_id=form.pk,
            answers=answers,
            on=ctx.today,
        )
        if name == "Evan":
            override_stop(
                actor=practitioner,
                client=ctx.clients[name],
                submission_id=submission.pk,
                reason=EVAN_OVERRIDE,
                on=ctx.today,
            )
