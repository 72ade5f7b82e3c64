"""Re-hash every photo file against the SHA-256 stored with its row, and find orphans: files no
row owns and rows whose files are gone. Streams the table; constant memory per row."""

from __future__ import annotations

from dataclasses import dataclass, field

from needling.photos import storage
from needling.photos.models import Photo


@dataclass
class VerifyReport:
    rows: int = 0
    files: int = 0
    mismatched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return (
            [f"hash mismatch: {name}" for name in self.mismatched]
            + [f"file missing: {name}" for name in self.missing]
            + [f"orphan file (no photo row): {name}" for name in self.orphans]
        )


def verify_photos() -> VerifyReport:
    report = VerifyReport()
    known: set[str] = set()
    rows = Photo.objects.order_by("id").only("id", "uuid", "sha256", "sha256_large", "sha256_small")
    for photo in rows.iterator(chunk_size=500):
        report.rows += 1
        for size, expected in photo.expected_hashes().items():
            name = photo.file_name(size)
            known.add(name)
            if not storage.exists(name):
                report.missing.append(f"{name} (photo {photo.pk})")
                continue
            report.files += 1
            if storage.sha256_of(name) != expected:
                report.mismatched.append(f"{name} (photo {photo.pk})")
    report.orphans = sorted(name for name in storage.all_names() if name not in known)
    return report
