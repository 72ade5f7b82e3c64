import pytest
from hypothesis import given
from hypothesis import strategies as st

from needling.clinical import SEVERITIES, Finding, verdict_of

SOURCE = "microneedling.md §7: test [V]"


def finding(severity: str, code: str = "x") -> Finding:
    return Finding(code, severity, "A sentence.", SOURCE)  # type: ignore[arg-type]


def test_no_findings_is_clear():
    assert verdict_of([]) == "clear"


def test_info_alone_is_clear():
    assert verdict_of([finding("info")]) == "clear"


def test_any_caution_without_stop_is_caution():
    assert verdict_of([finding("info"), finding("caution")]) == "caution"


def test_any_stop_is_stop():
    assert verdict_of([finding("caution"), finding("stop"), finding("info")]) == "stop"


def test_finding_has_the_contract_fields():
    f = Finding("pregnant", "stop", "Not during pregnancy.", SOURCE, overridable=False)
    assert (f.code, f.severity, f.message, f.source, f.overridable) == (
        "pregnant",
        "stop",
        "Not during pregnancy.",
        SOURCE,
        False,
    )


def test_finding_is_frozen():
    f = finding("info")
    with pytest.raises(AttributeError):
        f.severity = "stop"  # type: ignore[misc]


@pytest.mark.parametrize("severity", ["STOP", "warning", "", None])
def test_finding_refuses_an_unknown_severity(severity):
    with pytest.raises(ValueError, match="severity"):
        Finding("x", severity, "A sentence.", SOURCE)


def test_finding_refuses_an_empty_message():
    with pytest.raises(ValueError, match="message"):
        Finding("x", "info", " ", SOURCE)


def test_verdict_refuses_something_that_is_not_a_finding():
    with pytest.raises(ValueError, match="findings"):
        verdict_of(["stop"])  # type: ignore[list-item]


@given(st.lists(st.sampled_from(SEVERITIES)))
def test_the_verdict_is_the_worst_severity(severities):
    verdict = verdict_of([finding(s) for s in severities])
    if "stop" in severities:
        assert verdict == "stop"
    elif "caution" in severities:
        assert verdict == "caution"
    else:
        assert verdict == "clear"
