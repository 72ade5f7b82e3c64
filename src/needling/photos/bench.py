"""Issue 7's part of `make bench`: a 12-megapixel camera JPEG through processing alone and
through the whole upload view, and the outcome page of the demo's 6-month client."""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from PIL import Image, ImageChops

Row = tuple[str, float, float, int, int]


def camera_jpeg(width: int = 4032, height: int = 3024) -> bytes:
    """A 12 MP JPEG that compresses like a photo (gradients plus sensor-like noise), with GPS."""
    x = np.linspace(0, 40, width, dtype=np.float32)[None, :]
    y = np.linspace(0, 30, height, dtype=np.float32)[:, None]
    channels = [(180 + x + 0 * y), (140 + y + 0 * x), (120 + 0 * (x + y))]
    base = Image.merge("RGB", [Image.fromarray(c.astype(np.uint8), "L") for c in channels])
    noise = Image.effect_noise((width, height), 12).convert("RGB")  # sensor-like grain
    noisy = ImageChops.add(base, noise, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 12.0), 3: "W", 4: (0.0, 7.0, 39.0)}
    out = io.BytesIO()
    noisy.save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def _peak_rss_mb(data: bytes) -> int:
    """Peak resident memory of a fresh Python process that processes `data` once."""
    with tempfile.NamedTemporaryFile(suffix=".jpg") as handle:
        handle.write(data)
        handle.flush()
        # VmHWM, not ru_maxrss: the latter carries the parent's peak across fork and exec.
        script = (
            "import sys; from needling.photos.processing import process; "
            "process(open(sys.argv[1], 'rb').read()); "
            "print([int(l.split()[1]) // 1024 for l in open('/proc/self/status') "
            "if l.startswith('VmHWM')][0])"
        )
        done = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", script, handle.name], capture_output=True, text=True, check=True
        )
    return int(done.stdout.strip())


def _stats(timings: list[float]) -> tuple[float, float]:
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def photo_rows(
    browser: Any, time_page: Callable[..., tuple[float, float, int, int]], repeat: int
) -> list[Row]:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from needling.clients.models import Client
    from needling.photos.processing import process

    data = camera_jpeg()
    rows: list[Row] = []
    runs = max(3, min(repeat, 10))
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        process(data)
        timings.append((time.perf_counter() - start) * 1000)
    rows.append(("12 MP JPEG: processing", *_stats(timings), 0, 200))

    hannah = Client.objects.get(clinic__slug="northside", first_name="Hannah")
    url = f"/photos/clients/{hannah.pk}/new/"
    timings, status, n_queries = [], 0, 0
    for _ in range(runs):
        form = {
            "view": "front",
            "taken_on": timezone.localdate().isoformat(),
            "timepoint": "session",
            "photo": SimpleUploadedFile("IMG_0001.jpg", data, content_type="image/jpeg"),
        }
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = browser.post(url, form)
            timings.append((time.perf_counter() - start) * 1000)
        status, n_queries = response.status_code, len(queries.captured_queries)
    rows.append((f"12 MP upload ({len(data) // 1024} KB)", *_stats(timings), n_queries, status))
    print(f"(processing one 12 MP JPEG in a fresh process: peak RSS {_peak_rss_mb(data)} MB)")
    rows.append(
        ("outcome page (Hannah)", *time_page(browser, f"/outcomes/clients/{hannah.pk}/", repeat))
    )
    rows.append(
        ("photo gallery (Hannah)", *time_page(browser, f"/photos/clients/{hannah.pk}/", repeat))
    )
    return rows
