"""The import contracts say what they mean: the clinical core's forbidden list names every module
of ours (a new app is added to it, or this fails), and the view contract covers every view."""

from __future__ import annotations

import tomllib
from pathlib import Path

import needling

ROOT = Path(__file__).resolve().parents[1]
SRC = Path(needling.__file__).parent


def _contracts() -> dict[str, dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {c["name"]: c for c in config["contracts"]}


def _ours() -> set[str]:
    names = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    names |= {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    return {f"needling.{n}" for n in names} - {"needling.clinical"}


def test_the_clinical_core_forbids_every_module_of_ours() -> None:
    core = next(c for name, c in _contracts().items() if name.startswith("The clinical core"))
    forbidden = set(core["forbidden_modules"])  # type: ignore[call-overload]
    assert _ours() - forbidden == set()
    assert {"django", "allauth"} <= forbidden


def test_the_view_contract_covers_views_and_forbids_models() -> None:
    views = next(c for name, c in _contracts().items() if name.startswith("View modules"))
    assert views["forbidden_modules"] == ["needling.*.models"]
    assert {"needling.*.views", "needling.*.views.*"} <= set(views["source_modules"])  # type: ignore[call-overload]
