"""The database itself refuses a double booking, whatever code path writes (trigger on SQLite,
exclusion constraint on PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from needling.scheduling.models import Appointment, Room
from tests.conftest import Cast
from tests.scheduling.factories import appointment, at, day_after_tomorrow, location


def test_an_overlapping_row_for_the_same_practitioner_is_refused(cast: Cast) -> None:
    appointment(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment(cast, client=cast.record_b, start=at(cast, day_after_tomorrow(), 10, 15))
    assert Appointment.objects.count() == 1


def test_an_overlapping_row_for_the_same_room_is_refused(cast: Cast) -> None:
    room = Room.objects.create(location=location(cast), name="Room 1")
    appointment(cast, room=room)
    with pytest.raises(IntegrityError), transaction.atomic():
        appointment(cast, client=cast.record_b, practitioner=cast.owner, room=room)
    assert Appointment.objects.count() == 1


def test_an_update_into_an_overlap_is_refused(cast: Cast) -> None:
    appointment(cast)
    later = appointment(cast, client=cast.record_b, start=at(cast, day_after_tomorrow(), 12))
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=later.pk).update(
            start=at(cast, day_after_tomorrow(), 10), end=at(cast, day_after_tomorrow(), 10, 30)
        )


def test_cancelled_rows_and_other_practitioners_do_not_clash(cast: Cast) -> None:
    from django.utils import timezone

    appointment(cast, status="cancelled", cancelled_at=timezone.now())
    appointment(cast)
    appointment(cast, client=cast.record_b, practitioner=cast.owner)
    assert Appointment.objects.count() == 3
