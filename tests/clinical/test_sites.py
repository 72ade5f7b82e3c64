"""site_findings (keloid-prone sites, a Needling default) and the Fitzpatrick advice."""

from __future__ import annotations

import pytest

from needling.clinical import KELOID_SITES, NO_SOURCE, ZONES, advice_for, check_depth, site_findings


def test_keloid_history_raises_a_caution_at_the_decolletage_and_the_back() -> None:
    assert frozenset({"decolletage", "back"}) == KELOID_SITES
    for zone in ("decolletage", "back"):
        (f,) = site_findings(zone, keloid_history=True)
        assert (f.code, f.severity) == ("keloid_prone_site", "caution")
        assert ZONES[zone].name.lower() in f.message
        assert NO_SOURCE in f.source
        assert "§7" in f.source


def test_no_caution_without_the_history_or_elsewhere() -> None:
    assert site_findings("back") == []
    assert site_findings("back", keloid_history=False) == []
    assert all(site_findings(z, keloid_history=True) == [] for z in ZONES if z not in KELOID_SITES)


@pytest.mark.parametrize(
    ("args", "kwargs", "culprit"),
    [(("elbow",), {}, "zone"), (("back",), {"keloid_history": 1}, "keloid_history")],
)
def test_bad_input(args: tuple[object, ...], kwargs: dict[str, object], culprit: str) -> None:
    with pytest.raises(ValueError, match=culprit):
        site_findings(*args, **kwargs)  # type: ignore[arg-type]


def test_the_fitzpatrick_note_comes_with_what_to_do_and_no_ranges() -> None:
    (note,) = [
        f for f in check_depth("cheeks", "texture", 0.5, fitzpatrick=4) if f.severity == "info"
    ]
    advice = advice_for(note.code)
    assert len(advice) >= 3
    assert all("§" in a.source for a in advice)
    assert not any(" mm" in a.text for a in advice)  # no invented depth ranges
    assert advice_for("depth_above_cap") == ()
