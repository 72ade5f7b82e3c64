"""Views, htmx partials and context builders reach models only through selectors and services
(which apply visibility): parsed with ast, every such module is free of `.objects`,
`_default_manager` and `get_object_or_404(SomeModel, ...)`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import needling

SRC = Path(needling.__file__).parent
# The modules that answer requests or build what a page shows: views (modules and packages),
# the client page's sections and hubs, the chart's context builder, and context processors.
PAGE_MODULE_NAMES = {
    "views.py",
    "settings_views.py",
    "context.py",
    "context_processors.py",
    "section.py",
    "sections.py",
    "hub.py",
}


def page_modules() -> list[Path]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        if "migrations" in rel.parts or "management" in rel.parts:
            continue
        if path.name in PAGE_MODULE_NAMES or "views" in rel.parts[:-1]:
            found.append(path)
    return found


def data_access(tree: ast.AST) -> list[tuple[int, str]]:
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in ("objects", "_default_manager"):
            hits.append((node.lineno, f".{node.attr}"))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and (node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
            in ("get_object_or_404", "get_list_or_404")
            and node.args
            and not isinstance(node.args[0], ast.Call)  # a queryset from a selector is fine
        ):
            hits.append((node.lineno, "get_object_or_404(Model, ...)"))
    return hits


def test_the_page_modules_are_found() -> None:
    names = {str(p.relative_to(SRC)) for p in page_modules()}
    assert {"charting/views.py", "charting/context.py", "photos/views/section.py"} <= names
    assert "audit/views.py" in names
    assert "scheduling/views/appointments.py" in names


@pytest.mark.parametrize("path", page_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_page_module_does_not_query_models(path: Path) -> None:
    hits = data_access(ast.parse(path.read_text(), filename=str(path)))
    assert not hits, "\n".join(
        f"{path.relative_to(SRC)}:{line}: {what} (use a selector or service)" for line, what in hits
    )


@pytest.mark.parametrize(
    "source",
    [
        "Photo.objects.filter(client=c)",
        "type(c).objects.get(pk=1)",
        "Photo._default_manager.all()",
        "get_object_or_404(Photo, pk=1)",
        "shortcuts.get_object_or_404(Photo, pk=1)",
    ],
)
def test_the_check_catches(source: str) -> None:
    assert data_access(ast.parse(source))
