"""Products applied during or right after needling: only a product documented as sterile and
made for needled skin raises nothing (microneedling.md §8.2; ``data/topicals.toml``).

The mechanism named is hypersensitivity to products not made for use in the skin (the published
granulomas were culture-negative), so a product that is sterile but not made for needled skin
still raises a caution, with words that do not suggest sterility makes it safe.
"""

from __future__ import annotations

from typing import Final

from needling.clinical._validate import require_bool
from needling.clinical.datafiles import Table, read_data_file
from needling.clinical.findings import Finding

_t = Table(read_data_file("topicals.toml"), "topicals.toml")
TOPICAL_CODE: Final = _t.text("code")
_NOT_INTENDED: Final = _t.text("message_not_intended")
_NOT_STERILE: Final = _t.text("message_not_sterile")
TOPICAL_SOURCE: Final = _t.source("source")
_t.done()


def topical_findings(*, name: str, sterile: bool, for_needled_skin: bool) -> list[Finding]:
    """One caution for a product that is not made for needled skin or not sterile."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: the product needs a name")
    sterile = require_bool("sterile", sterile)
    for_needled_skin = require_bool("for_needled_skin", for_needled_skin)
    if sterile and for_needled_skin:
        return []
    template = _NOT_INTENDED if not for_needled_skin else _NOT_STERILE
    return [Finding(TOPICAL_CODE, "caution", template.format(name=name.strip()), TOPICAL_SOURCE)]
