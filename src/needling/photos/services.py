"""Writes: upload, redness measurement, exporting a before/after pair. Each write is one
transaction with its audit event; files are written before the row and removed if the row
cannot be written, so a refused or failed upload leaves nothing behind."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from needling.audit.services import record
from needling.charting.models import TreatmentSession
from needling.clients.models import Client
from needling.clinical import ZONES
from needling.consent.selectors import marketing_consent_valid, photo_consent_valid
from needling.outcomes.timepoints import Timepoint
from needling.photos import storage
from needling.photos.models import SIZES, Photo, PhotoView, RednessMeasurement, file_name
from needling.photos.processing import LARGE_EDGE, check_file_name, process
from needling.photos.redness import Region, measure
from needling.scheduling.models import Appointment, Kind


class ConsentMissing(Exception):
    """The client has not given (or has withdrawn) the consent this use of a photo needs."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class PhotoInputError(ValueError):
    """A field of the photo (view, zone, date, timepoint) is wrong; the message says which."""


def require_photo_consent(client: Client, *, on: date) -> None:
    if not photo_consent_valid(client, on=on):
        raise ConsentMissing(
            "Photography consent is not signed (or was withdrawn), so no photos can be taken "
            "or exported for this client. Ask the client to sign the photography consent first.",
            "photography",
        )


def _check_fields(*, view: str, zone: str, taken_on: date, timepoint: str) -> None:
    if view not in PhotoView.values:
        raise PhotoInputError(f"Unknown view {view!r}.")
    if zone and zone not in ZONES:
        raise PhotoInputError(f"Unknown zone {zone!r}.")
    if view == PhotoView.CLOSE_UP and not zone:
        raise PhotoInputError("A close-up needs the zone it shows.")
    if timepoint not in Timepoint.values:
        raise PhotoInputError(f"Unknown timepoint {timepoint!r}.")
    if not isinstance(taken_on, date) or taken_on > timezone.localdate():
        raise PhotoInputError("The date the photo was taken cannot be in the future.")


def check_session(client: Client, session_id: int | None) -> None:
    if session_id is not None and not (
        TreatmentSession.objects.filter(pk=session_id, client=client).exists()
    ):
        raise PhotoInputError("That session is not one of this client's sessions.")


def check_review(client: Client, review_id: int | None) -> None:
    if review_id is not None and not (
        Appointment.objects.filter(pk=review_id, client=client, kind=Kind.REVIEW).exists()
    ):
        raise PhotoInputError("That appointment is not one of this client's outcome reviews.")


def upload_photo(
    *,
    actor: Any,
    client: Client,
    data: bytes,
    file_name_given: str,
    view: str,
    taken_on: date,
    timepoint: str,
    zone: str = "",
    session_id: int | None = None,
    review_id: int | None = None,
    generated: bool = False,
) -> Photo:
    """Check consent and the file, re-encode it, store three sizes and the row. Raises
    ConsentMissing, PhotoInputError or PhotoRejected (nothing stored in each case)."""
    _check_fields(view=view, zone=zone, taken_on=taken_on, timepoint=timepoint)
    check_session(client, session_id)
    check_review(client, review_id)
    require_photo_consent(client, on=timezone.localdate())
    if not photo_consent_valid(client, on=taken_on):
        raise ConsentMissing(
            "Photography consent was not in force on the day this photo was taken.",
            "photography",
        )
    check_file_name(file_name_given)
    processed = process(data)
    key = uuid.uuid4()
    written: list[str] = []
    try:
        for size in SIZES:
            name = file_name(key.hex, size)
            storage.write(name, getattr(processed, size))
            written.append(name)
        with transaction.atomic():
            photo = Photo.objects.create(
                uuid=key,
                client=client,
                view=view,
                zone=zone,
                taken_on=taken_on,
                timepoint=timepoint,
                session_id=session_id,
                review_id=review_id,
                width=processed.width,
                height=processed.height,
                size_bytes=len(processed.full),
                source_format=processed.source_format,
                sha256=processed.sha256("full"),
                sha256_large=processed.sha256("large"),
                sha256_small=processed.sha256("small"),
                generated=generated,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record(
                actor=actor,
                action="photo.upload",
                client=client,
                obj=photo,
                detail={
                    "view": view,
                    "timepoint": timepoint,
                    "format": processed.source_format,
                    "pixels": [processed.width, processed.height],
                },
            )
    except BaseException:
        storage.delete(written)
        raise
    return photo


def delete_files_on_commit(photo: Photo) -> None:
    names = list(photo.file_names().values())
    transaction.on_commit(lambda: storage.delete(names))


def measure_redness(
    *, actor: Any, photo: Photo, region: Region, reference: Region | None = None
) -> RednessMeasurement:
    """Measure the region (and the reference patch) on the large version of the photo."""
    with Image.open(storage.open_file(photo.file_name("large"))) as image:
        image.load()
        result = measure(image, region)
        ref = measure(image, reference) if reference is not None else None
    with transaction.atomic():
        measurement = RednessMeasurement.objects.create(
            photo=photo,
            client_id=photo.client_id,
            x=region.x,
            y=region.y,
            w=region.w,
            h=region.h,
            ref_x=reference.x if reference else None,
            ref_y=reference.y if reference else None,
            ref_w=reference.w if reference else None,
            ref_h=reference.h if reference else None,
            pixels=result.pixels,
            mean_a=result.mean_a,
            erythema_index=result.erythema_index,
            ref_mean_a=ref.mean_a if ref else None,
            ref_erythema_index=ref.erythema_index if ref else None,
            measured_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        record(
            actor=actor,
            action="photo.measure",
            client=photo.client,
            obj=measurement,
            detail={"photo": photo.pk, "reference": reference is not None},
        )
    return measurement


class Purpose:
    RECORD = "record"
    MARKETING = "marketing"
    CHOICES = ((RECORD, "Clinical record or the client's own copy"), (MARKETING, "Marketing"))


@dataclass(frozen=True)
class Export:
    data: bytes
    filename: str


def export_pair(*, actor: Any, before: Photo, after: Photo, purpose: str) -> Export:
    """One JPEG with the two photos side by side at the same height, dated. Needs photography
    consent today, and marketing consent as well for marketing use."""
    if before.client_id != after.client_id:
        raise PhotoInputError("The two photos must be of the same client.")
    if before.view != after.view:
        raise PhotoInputError("The two photos must show the same view.")
    if purpose not in (Purpose.RECORD, Purpose.MARKETING):
        raise PhotoInputError("Choose what the export is for.")
    client = before.client
    today = timezone.localdate()
    require_photo_consent(client, on=today)
    if purpose == Purpose.MARKETING and not marketing_consent_valid(client, on=today):
        raise ConsentMissing(
            "Marketing consent is not signed (or was withdrawn): these photos cannot be exported "
            "for marketing. They can still be exported for the clinical record.",
            "marketing",
        )
    data = _side_by_side(before, after)
    with transaction.atomic():
        record(
            actor=actor,
            action="photo.export",
            client=client,
            obj=before,
            detail={"before": before.pk, "after": after.pk, "purpose": purpose},
        )
    return Export(data, f"comparison-{before.pk}-{after.pk}.jpg")


def _side_by_side(before: Photo, after: Photo) -> bytes:
    images: list[Image.Image] = []
    for photo in (before, after):
        with Image.open(storage.open_file(photo.file_name("large"))) as opened:
            images.append(opened.convert("RGB"))
    height = min(LARGE_EDGE, *(i.height for i in images))
    scaled = [i.resize((max(1, round(i.width * height / i.height)), height)) for i in images]
    gap, caption = 16, 44
    width = sum(i.width for i in scaled) + gap * 3
    canvas = Image.new("RGB", (width, height + caption + gap * 2), (255, 255, 255))
    draw = ImageDraw.Draw(canvas)
    font = ImageFont.load_default(size=24)
    x = gap
    for label, photo, image in zip(("Before", "After"), (before, after), scaled, strict=True):
        canvas.paste(image, (x, gap))
        text = f"{label} · {photo.taken_on:%d %b %Y}"
        if photo.generated:
            text += " · generated demo image"
        draw.text((x, gap + height + 10), text, fill=(20, 20, 20), font=font)
        x += image.width + gap
    out = io.BytesIO()
    canvas.save(out, "JPEG", quality=90)
    return out.getvalue()
