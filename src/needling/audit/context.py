"""What the current request tells the audit log: its id and the client address."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip: str | None = None


# The default is a frozen dataclass, so sharing it between contexts is safe.
current: ContextVar[RequestContext] = ContextVar(
    "needling_request",
    default=RequestContext(),  # noqa: B039
)
