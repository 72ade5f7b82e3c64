"""Warnings printed when the server or the worker starts on settings fit only for a trial."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage
from django.core.checks import Warning as CheckWarning

log = logging.getLogger("needling")


def default_warnings() -> list[str]:
    warnings = []
    if settings.AUDIT_ANCHOR_DIR_IS_DEFAULT:
        warnings.append(
            f"The audit anchor log is in its default place ({settings.AUDIT_ANCHOR_DIR}), beside "
            "the var folder. Set NEEDLING_AUDIT_ANCHOR_DIR to a folder on another disk or mount, "
            "so someone who can write the database cannot also cut the log's anchors."
        )
    return warnings


def warn_about_defaults() -> None:
    for warning in default_warnings():
        log.warning(warning)


def deploy_check(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> list[CheckMessage]:
    """`check --deploy` says the same as the start-up warning."""
    return [CheckWarning(w, id="needling.W001") for w in default_warnings()]
