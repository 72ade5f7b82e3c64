from __future__ import annotations


class ChartError(Exception):
    """A refused chart change: `message` says what to change. Nothing was saved."""

    status = 400

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class StaleChart(ChartError):
    """Someone else saved the chart since this form was loaded (optimistic lock)."""

    status = 409


class ChartLocked(ChartError):
    """The chart is signed: only addenda may be added."""

    status = 409
