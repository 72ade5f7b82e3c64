import subprocess
import sys
from pathlib import Path

import needling.clinical as clinical
from needling.clinical import PROTOCOLS, SCALES, SCREENING_RULES, ZONES, reference_markdown

ROOT = Path(__file__).resolve().parents[2]

VOCABULARY_NAMES = [
    "ZONES", "INDICATIONS", "PROTOCOLS", "Finding", "Screening", "DepthGuidance",
    "BookingDecision", "AftercareStep", "Score", "screen", "depth_guidance", "check_depth",
    "booking_decision", "follow_up_schedule", "aftercare_plan", "score",
    "roller_punctures_per_cm2", "pen_punctures_per_second", "anaesthetic_findings",
    "ANAESTHETIC_AGENTS",
]  # fmt: skip


def test_every_vocabulary_name_imports_from_the_package():
    for name in VOCABULARY_NAMES:
        assert hasattr(clinical, name), name
        assert name in clinical.__all__


def test_the_committed_reference_page_is_what_the_generator_writes():
    committed = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert committed == reference_markdown(), (
        "docs/reference.md is stale: run `python -m needling.clinical > docs/reference.md`"
    )


def test_the_reference_lists_every_zone_rule_protocol_and_scale():
    page = reference_markdown()
    for code in (*ZONES, *SCREENING_RULES, *PROTOCOLS, *SCALES):
        assert f"`{code}`" in page, code
    assert "Needling default, no published source" in page
    for code in ("lidocaine_above_4pct", "strong_lidocaine_wrapped_or_large",
                 "combination_above_4pct", "occluded", "long_contact", "large_area",
                 "on_needled_skin"):  # fmt: skip
        assert f"`{code}`" in page, code


def test_the_core_imports_no_django():
    code = (
        "import sys, needling.clinical, needling.clinical.__main__ as _;"
        "bad = [m for m in sys.modules if m.split('.')[0] in {'django', 'allauth', 'ninja'}"
        " or m.startswith(('needling.accounts', 'needling.web', 'needling.audit'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_python_dash_m_prints_the_reference():
    result = subprocess.run(
        [sys.executable, "-m", "needling.clinical"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT / "src")},
        check=True,
    )
    assert result.stdout == reference_markdown()
    assert result.stderr == ""
