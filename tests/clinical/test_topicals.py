"""topical_findings: the check (sterile and made for needled skin) and its words (issue 17)."""

from __future__ import annotations

import pytest

from needling.clinical import topical_findings


def test_a_sterile_product_made_for_needled_skin_raises_nothing() -> None:
    assert topical_findings(name="HA gel", sterile=True, for_needled_skin=True) == []


def test_a_sterile_serum_not_made_for_the_skin_is_not_read_as_safe() -> None:
    (f,) = topical_findings(name="Sterile vitamin C serum", sterile=True, for_needled_skin=False)
    assert f.severity == "caution"
    assert "not made for use in needled skin" in f.message
    assert "hypersensitivity" in f.message
    assert "not infections" in f.message
    assert "sterile serum is not safe" in f.message
    assert "§8.2" in f.source


def test_a_non_sterile_product_made_for_needled_skin_is_flagged_too() -> None:
    (f,) = topical_findings(name="Gel", sterile=False, for_needled_skin=True)
    assert "not documented as sterile" in f.message


@pytest.mark.parametrize(
    "over",
    [{"name": ""}, {"sterile": 1}, {"for_needled_skin": None}, {"name": None}],
)
def test_bad_input_raises_value_error(over: dict[str, object]) -> None:
    args: dict[str, object] = {"name": "Gel", "sterile": True, "for_needled_skin": True, **over}
    with pytest.raises(ValueError, match=next(iter(over))):
        topical_findings(**args)  # type: ignore[arg-type]
