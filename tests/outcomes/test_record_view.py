"""Recording an assessment on any scale: the form comes from SCALES, the total from score()."""

from __future__ import annotations

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from needling.audit.models import AuditEvent
from needling.clinical import SCALES, score
from needling.outcomes.models import Assessment
from tests.conftest import Cast
from tests.outcomes.factories import ALL_SCALES, valid_post


@pytest.fixture
def browser(cast: Cast) -> Browser:
    b = Browser()
    b.force_login(cast.practitioner)
    return b


def _url(cast: Cast, scale: str) -> str:
    return reverse("outcomes:record", args=[cast.record_a.pk, scale])


@pytest.mark.parametrize("code", ALL_SCALES)
def test_every_scale_has_a_working_form(browser: Browser, cast: Cast, code: str) -> None:
    scale = SCALES[code]
    page = browser.get(_url(cast, code))
    html = page.content.decode()
    assert page.status_code == 200
    for item in scale.items:
        assert f'name="item_{item.code}"' in html
        assert escape(item.label) in html
    data = valid_post(scale)
    response = browser.post(_url(cast, code), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Assessment.objects.get()
    items = {k.removeprefix("item_"): v for k, v in data.items() if k.startswith("item_")}
    expected = score(code, {k: saved.items[k] for k in items})
    assert saved.total == pytest.approx(float(expected.total))
    assert saved.label == (expected.label or "")
    assert saved.rater == cast.practitioner
    assert saved.rater_name
    assert AuditEvent.objects.filter(action="outcome.record").count() == 1


def test_gais_is_scored_with_its_label_and_rater(browser: Browser, cast: Cast) -> None:
    data = valid_post(SCALES["gais"], item_score="2", item_rater="subject", timepoint="month_3")
    assert browser.post(_url(cast, "gais"), data).status_code == 302
    saved = Assessment.objects.get()
    assert (saved.total, saved.items, saved.timepoint) == (
        2,
        {"score": 2, "rater": "subject"},
        "month_3",
    )
    assert saved.label == score("gais", {"score": 2, "rater": "subject"}).label


@pytest.mark.parametrize(
    ("code", "overrides", "message"),
    [
        ("gais", {"item_score": "6"}, "Select a valid choice"),
        ("gais", {"item_score": ""}, "This field is required"),
        ("gais", {"item_rater": "dog"}, "Select a valid choice"),
        ("vss", {"item_height": "9"}, "Select a valid choice"),
        ("hair_density", {"item_area_cm2": "0"}, "above 0"),
        ("hair_density", {"item_count": "-1"}, "greater than or equal to 0"),
        ("hair_density", {"item_area_cm2": "inf"}, "Enter a number"),
        ("goodman_baron_quantitative", {"item_macular": "1.5"}, "Enter a whole number"),
        ("gais", {"assessed_on": "2999-01-01"}, "cannot be in the future"),
        ("gais", {"timepoint": "month_2"}, "Select a valid choice"),
        ("gais", {"session": "12345"}, "Select a valid choice"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(
    browser: Browser, cast: Cast, code: str, overrides: dict[str, str], message: str
) -> None:
    response = browser.post(_url(cast, code), valid_post(SCALES[code], **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Assessment.objects.count() == 0
    assert not AuditEvent.objects.filter(action="outcome.record").exists()


def test_an_unknown_scale_is_404(browser: Browser, cast: Cast) -> None:
    assert browser.get(_url(cast, "happiness")).status_code == 404
    assert browser.post(_url(cast, "happiness"), {}).status_code == 404


def test_the_scale_list_offers_every_scale(browser: Browser, cast: Cast) -> None:
    html = browser.get(reverse("outcomes:choose", args=[cast.record_a.pk])).content.decode()
    for code in ALL_SCALES:
        assert _url(cast, code) in html


@pytest.mark.parametrize(
    ("who", "status"), [("front_desk", 403), ("client_a", 403), ("other_practitioner", 404)]
)
def test_only_the_clinics_clinicians_record(cast: Cast, who: str, status: int) -> None:
    b = Browser()
    b.force_login(getattr(cast, who))
    assert b.post(_url(cast, "gais"), valid_post(SCALES["gais"])).status_code == status
    assert Assessment.objects.count() == 0


def test_an_assessment_can_be_tied_to_an_outcome_review(browser: Browser, cast: Cast) -> None:
    from tests.scheduling.factories import appointment

    review = appointment(cast, kind="review")
    data = valid_post(SCALES["glogau"], review=str(review.pk), timepoint="month_3")
    assert browser.post(_url(cast, "glogau"), data).status_code == 302
    assert Assessment.objects.get().review_id == review.pk


def test_another_clients_review_is_refused(cast: Cast) -> None:
    from needling.outcomes.services import record_assessment
    from tests.scheduling.factories import appointment

    theirs = appointment(cast, kind="review", client=cast.record_b)
    with pytest.raises(ValueError, match="outcome reviews"):
        record_assessment(actor=cast.practitioner, client=cast.record_a, scale="glogau",
                          items={"type": 1}, assessed_on=timezone.localdate(),
                          timepoint="month_1", review_id=theirs.pk)  # fmt: skip
    assert Assessment.objects.count() == 0


def test_hair_density_per_square_inch_is_converted_to_cm2_before_scoring(
    browser: Browser, cast: Cast
) -> None:
    page = browser.get(_url(cast, "hair_density")).content.decode()
    assert 'name="unit_area_cm2"' in page
    assert "square inches" in page
    data = valid_post(SCALES["hair_density"], item_count="645", item_area_cm2="1")
    response = browser.post(_url(cast, "hair_density"), {**data, "unit_area_cm2": "in2"})
    assert response.status_code == 302
    saved = Assessment.objects.get()
    assert saved.items == {"count": 645, "area_cm2": pytest.approx(6.4516)}
    assert saved.total == pytest.approx(645 / 6.4516)  # about 100 per cm², not 645


def test_an_unknown_area_unit_is_refused(browser: Browser, cast: Cast) -> None:
    data = valid_post(SCALES["hair_density"], item_count="100", item_area_cm2="1")
    response = browser.post(_url(cast, "hair_density"), {**data, "unit_area_cm2": "acre"})
    assert response.status_code == 400
    assert not Assessment.objects.exists()
