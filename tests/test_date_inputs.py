"""Issue 17: every `<input type=date>` renders its value as ISO (YYYY-MM-DD); a locale-formatted
value (01/12/2026) leaves the browser's date field blank."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import date
from typing import Any

from django import forms

import needling


def _all_forms() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(needling.__path__, "needling."):
        if info.name.rsplit(".", 1)[-1] in ("forms", "views") or ".views." in info.name:
            importlib.import_module(info.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[Any] = [forms.BaseForm]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("needling."):
            found.append(cls)
    return found


def test_every_date_input_renders_an_iso_value(settings: Any) -> None:
    settings.LANGUAGE_CODE = "en-gb"
    checked = []
    for form in _all_forms():
        for name, field in form.base_fields.items():
            widget = field.widget
            if getattr(widget, "input_type", "") != "date":
                continue
            html = widget.render(name, date(2026, 12, 1))
            assert 'value="2026-12-01"' in html, f"{form.__name__}.{name}: {html}"
            checked.append(f"{form.__name__}.{name}")
    assert len(checked) >= 8, checked
