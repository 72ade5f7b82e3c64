"""Reading and writing photo files through Django's default storage (local disk or S3-like)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

ROOT = "photos"


def write(name: str, data: bytes) -> None:
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # the uuid name was taken: never happens, but never overwrite either
        default_storage.delete(saved)
        raise RuntimeError("photo file name collision")


def read(name: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


def open_file(name: str):  # type: ignore[no-untyped-def]
    return default_storage.open(name, "rb")


def exists(name: str) -> bool:
    return default_storage.exists(name)


def delete(names: Iterable[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            continue


def sha256_of(name: str) -> str:
    digest = hashlib.sha256()
    with default_storage.open(name, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def all_names() -> Iterator[str]:
    """Every file under photos/ in storage."""
    if not default_storage.exists(ROOT):
        return
    stack = [ROOT]
    while stack:
        directory = stack.pop()
        subdirs, files = default_storage.listdir(directory)
        for sub in subdirs:
            stack.append(f"{directory}/{sub}")
        for file in files:
            yield f"{directory}/{file}"
