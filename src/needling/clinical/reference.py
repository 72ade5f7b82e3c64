"""The clinician reference page: every rule, default and scale with its source, generated from
the data the software actually uses (so it cannot drift from it).

Regenerate with ``python -m needling.clinical > docs/reference.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from needling.clinical._format import mm, mm_range
from needling.clinical.aftercare import AFTERCARE_RULES
from needling.clinical.anaesthetics import ANAESTHETIC_AGENTS, ANAESTHETIC_RULES
from needling.clinical.datafiles import NO_SOURCE
from needling.clinical.devices import PEN_SOURCE, ROLLER_SOURCE
from needling.clinical.emergency import EMERGENCIES
from needling.clinical.followup import FOLLOW_UP_MONTHS, FOLLOW_UP_SOURCE
from needling.clinical.intake import SCREENING_RULES
from needling.clinical.overrides import MAX_INTERVAL_DAYS
from needling.clinical.protocols import PROTOCOLS
from needling.clinical.scales import SCALES, ScaleItem
from needling.clinical.sites import (
    FITZPATRICK_ADVICE,
    FITZPATRICK_FINDING_CODE,
    KELOID_CODE,
    KELOID_HISTORY_CODE,
    KELOID_SITES,
    KELOID_SOURCE,
)
from needling.clinical.topicals import TOPICAL_CODE, TOPICAL_SOURCE
from needling.clinical.zones import INDICATIONS, LIMITS, ZONES


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> list[str]:
    head = list(header)
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*lines, ""]


def _intro() -> list[str]:
    return [
        "# Needling clinical reference",
        "",
        "Every rule, default and scale the software applies, with the source it comes from, so a "
        "practitioner can see why Needling says what it says. This page is generated from the "
        "clinical core (`needling.clinical`); do not edit it by hand: run "
        "`python -m needling.clinical > docs/reference.md`.",
        "",
        "Sources cite a section of the project's domain reference (`microneedling.md`, §n) and "
        "the reference behind it, with a tag for how firm the fact is:",
        "",
        *_table(
            ["Tag", "Meaning"],
            [
                ["[V]", "Verified: read in the cited source (abstract, table, regulation, label)."],
                [
                    "[S]",
                    "Secondary or low-authority source (manufacturer, clinic site, slides): "
                    "good for editable defaults, never evidence.",
                ],
                ["[K]", "Recalled from the cited paper, not re-read: provisional."],
                ["[D]", "Derived: a calculation from verified inputs."],
                ["[C]", "Clinic-level practice only (contraindication lists of clinics)."],
            ],
        ),
        f"Where the literature gives no number the source says **{NO_SOURCE}**: it is a product "
        "decision, not evidence. A clinic may tighten any default (never loosen it); a clinic's "
        "change is shown with the default it replaced.",
        "",
        "## Findings and verdicts",
        "",
        "Each check returns findings with a severity: **stop** (no treatment; a practitioner may "
        "override with a written reason, which is audited, unless the stop is a hard limit), "
        "**caution** (a practitioner must record a decision) or **info**. The verdict of a set of "
        "findings is *stop* if any is a stop, else *caution* if any is a caution, else *clear*. "
        "Hard limits nobody can override: treatment of the eyelids, a depth of more than "
        f"{mm(LIMITS.absolute_max_depth_mm)} mm, a bleeding disorder, pregnancy.",
        "",
    ]


def _zones() -> list[str]:
    lines = [
        "## Depth guidance by zone",
        "",
        "Set needle depth in mm. Set depth is not tissue depth: between about 20% and 80% of the "
        "needle enters the skin, depending on device and skin (microneedling.md §2.4 [V]). "
        "Depth-by-zone numbers come only from manufacturer and practice charts (§4.2 [S], §11.3) "
        "and skin-thickness studies (§3): they are practice guidance.",
        "",
        "- Above the recommended range: **caution**.",
        "- Above the zone's cap: **stop** (a practitioner may override with a written reason).",
        f"- Any depth on the eyelids, or more than {mm(LIMITS.absolute_max_depth_mm)} mm anywhere: "
        "**stop** that cannot be overridden.",
        "- Only the highest of these three is reported for a depth.",
        "- Fitzpatrick skin types IV to VI: **info**, higher risk of post-inflammatory "
        "hyperpigmentation.",
        "- Every zone accepts every indication. 'Scars' means acne scars and surgical scars; "
        "other indications take the zone's own range.",
        *[
            f"- {i.name} (`{i.code}`) has a range of its own on every treatable zone, "
            f"{mm_range(*i.recommended)} (the zone's cap unchanged): {i.recommended_source}. "
            + (
                f"Any depth above {mm(i.caution_above)} mm raises a **caution** "
                f"(`{i.caution_code}`): {i.caution_above_source}."
                if i.caution_above is not None
                else ""
            )
            for i in INDICATIONS.values()
            if i.recommended is not None
        ],
        "- Where a zone's row names a range for particular indications only (the body zones: "
        "scars and stretch marks 1.5–2.0 mm), every other indication on that zone takes the "
        "row's first range: that range has **no source of its own** for those indications "
        "(wrinkles or texture on the back, for instance); it is the contract's rule for now.",
        "",
        f"Absolute limit, {mm(LIMITS.absolute_max_depth_mm)} mm: "
        f"{LIMITS.absolute_max_depth_source}.",
        "",
        f"Fitzpatrick note (types {LIMITS.fitzpatrick_note_from} to 6): "
        f"{LIMITS.fitzpatrick_note_source}.",
        "",
    ]
    rows = []
    for z in ZONES.values():
        if not z.treatable:
            rows.append([f"{z.name} (`{z.code}`)", z.region, "not treated", "—", "—"])
            continue
        assert z.recommended is not None
        assert z.cap is not None
        by_ind = "; ".join(
            f"{', '.join(INDICATIONS[i].name.lower() for i in r.indications)}: "
            f"{mm_range(*r.recommended)}"
            for r in z.ranges
        )
        note = f"above {mm(z.caution_above)} mm: caution" if z.caution_above is not None else ""
        rows.append([
            f"{z.name} (`{z.code}`)",
            z.region,
            mm_range(*z.recommended) + (f"; {by_ind}" if by_ind else ""),
            f"{mm(z.cap)} mm",
            note,
        ])  # fmt: skip
    lines += _table(["Zone", "Region", "Recommended", "Cap", "Note"], rows)
    lines += ["### Where each zone's numbers come from", ""]
    for z in ZONES.values():
        lines.append(f"**{z.name}** (`{z.code}`)")
        lines.append("")
        if not z.treatable:
            lines += [f"- Not treated: {z.recommended_source}.", ""]
            continue
        assert z.recommended is not None
        lines.append(f"- Recommended {mm_range(*z.recommended)}: {z.recommended_source}.")
        for r in z.ranges:
            lines.append(
                f"- {', '.join(INDICATIONS[i].name for i in r.indications)} "
                f"{mm_range(*r.recommended)}: {r.source}."
            )
        lines.append(f"- Cap {mm(z.cap or 0)} mm: {z.cap_source}.")
        if z.caution_above is not None:
            lines.append(f"- Caution above {mm(z.caution_above)} mm: {z.caution_above_source}.")
        lines.append("")
    return lines


def _indications() -> list[str]:
    return [
        "## Indications",
        "",
        *_table(
            ["Indication", "Code", "What it covers", "Source"],
            [[i.name, f"`{i.code}`", i.description, i.source] for i in INDICATIONS.values()],
        ),
    ]


def _screening() -> list[str]:
    rows = []
    for r in SCREENING_RULES.values():
        source = r.source if r.stop_source is None else f"{r.source}. Under 18: {r.stop_source}"
        rows.append([
            f"`{r.code}`", r.question, r.answer_type, r.rule_text,
            "no" if not r.overridable else "yes", r.message, source,
        ])  # fmt: skip
    return [
        "## Screening (intake answers)",
        "",
        "An unanswered question, or a yes/no question answered no, raises nothing. Ages and "
        "windows are counted back from the screening date; a date exactly one window before "
        "the screening date is outside the window (a wait of 14 days is complete on day 14). "
        "Someone born on 29 February has a birthday on 1 March in other years.",
        "",
        *_table(["Code", "Question", "Answer", "Rule", "Overridable", "Message", "Source"], rows),
    ]


def _protocols() -> list[str]:
    rows = []
    for p in PROTOCOLS.values():
        low, high = p.sessions
        sessions = f"{low}" if low == high else f"{low}–{high}"
        rows.append([f"`{p.code}`", p.name, f"{p.min_days}–{p.max_days}", sessions, p.source])
    lines = [
        "## Booking gate and protocols",
        "",
        "A session may be booked only when the screening is not a stop, no adverse event is "
        "open, and either the client has never been treated or (the date is on or after the "
        "earliest date of the protocol's window, and a healing check marked healed is dated "
        "after the last session). The last session is the client's most recent session of any "
        "course. Earliest = last session + minimum days; latest = last session + maximum days. "
        "A booking after the latest date is allowed, with a note that the window was missed. "
        "Every refusal says why and gives the earliest date.",
        "",
        *_table(["Code", "Protocol", "Interval (days)", "Sessions", "Source"], rows),
        "### Where each protocol number comes from",
        "",
    ]
    for p in PROTOCOLS.values():
        lines += [
            f"**{p.name}** (`{p.code}`)",
            "",
            f"- Minimum {p.min_days} days: {p.min_days_source}.",
            f"- Maximum {p.max_days} days: {p.max_days_source}.",
            f"- Sessions {p.sessions[0]}–{p.sessions[1]}: {p.sessions_source}.",
            "",
        ]
    return lines


def _aftercare() -> list[str]:
    rows = []
    for rule in AFTERCARE_RULES:
        if rule.above_mm is None and rule.up_to_mm is None:
            depth = "any"
        elif rule.above_mm is None:
            depth = f"up to {mm(rule.up_to_mm or 0)} mm"
        elif rule.up_to_mm is None:
            depth = f"above {mm(rule.above_mm)} mm"
        else:
            depth = f"above {mm(rule.above_mm)} up to {mm(rule.up_to_mm)} mm"
        rows.append([rule.day, depth, rule.text, rule.source])
    months = ", ".join(str(m) for m in FOLLOW_UP_MONTHS)
    return [
        "## Aftercare by depth",
        "",
        "Chosen by the deepest set depth of the session; day 0 is the day of the session. "
        "These are clinic and label practice, not trial results (microneedling.md §8.1).",
        "",
        *_table(["Day", "Depth", "Instruction", "Source"], rows),
        "## Follow-up reviews",
        "",
        f"Outcome reviews {months} calendar months after the last session, clamped to the end of "
        f"a shorter month (31 January + 1 month = 28 or 29 February). Source: {FOLLOW_UP_SOURCE}.",
        "",
    ]


def _item_text(item: ScaleItem) -> str:
    if item.type == "choice":
        allowed = "; ".join(f"`{v}`" for v, _ in item.choices)
    else:
        low = item.minimum or 0
        if item.maximum is not None:
            allowed = f"{low:g} to {item.maximum:g}"
        elif item.positive:
            allowed = f"above {low:g}"
        else:
            allowed = f"{low:g} or more"
        if item.type == "number":
            allowed += " (a number)"
        if item.choices:
            allowed += " (" + "; ".join(f"{v} {t}" for v, t in item.choices) + ")"
    flags = [] if item.required else ["optional"]
    if not item.summed:
        flags.append("not in the total")
    suffix = f" — {', '.join(flags)}" if flags else ""
    return f"- `{item.code}`: {item.label}: {allowed}{suffix}"


def _scales() -> list[str]:
    lines = [
        "## Outcome scales",
        "",
        "Every item is required unless marked optional; unknown items, missing items and values "
        "out of range are refused.",
        "",
    ]
    for s in SCALES.values():
        low, high = s.range
        shown_high = "no upper limit" if math.isinf(high) else f"{high:g}"
        lines += [
            f"### {s.name} (`{s.code}`)",
            "",
            f"Range {low:g} to {shown_high}. Total: {s.total_text}",
            "",
            f"Source: {s.source}.",
            "",
            "Items:",
            "",
            *(_item_text(item) for item in s.items),
            "",
        ]
        if s.labels:
            lines += ["Labels: " + "; ".join(f"{k}: {v}" for k, v in s.labels) + ".", ""]
    return lines


def _anaesthetics() -> list[str]:
    r = ANAESTHETIC_RULES
    ceiling = f"{r.lidocaine_ceiling_pct:g} %"
    area = f"{r.large_area_cm2:g} cm²"
    rows = [
        ["`lidocaine_above_4pct`", f"lidocaine strength above {ceiling}", "caution",
         r.lidocaine_ceiling_source],
        ["`strong_lidocaine_wrapped_or_large`",
         f"lidocaine above {ceiling} and wrapped (occluded) or on more than {area}",
         "stop (overridable)", r.wrapped_or_large_source],
        ["`combination_above_4pct`", f"two or more agents, any of them above {ceiling}",
         "caution", r.combination_source],
        ["`occluded`", "wrapped (occluded)", "caution", r.occlusion_source],
        ["`long_contact`", f"contact longer than {r.long_contact_minutes:g} minutes", "caution",
         r.long_contact_source],
        ["`large_area`", f"area above {area}", "caution", r.large_area_source],
        ["`on_needled_skin`", "applied after needling started", "stop (overridable)",
         r.needled_skin_source],
    ]  # fmt: skip
    return [
        "## Topical anaesthetics",
        "",
        "Each product is charted with every active ingredient and its strength ("
        + ", ".join(f"`{c}`" for c in ANAESTHETIC_AGENTS)
        + f"); a product above {ceiling} lidocaine records its prescriber. Contact time runs "
        "from the application to the removal, both date and time (a contact across midnight "
        "counts right). One finding per rule that fires:",
        "",
        *_table(["Code", "When", "Severity", "Source"], rows),
        "## Products applied during or right after needling",
        "",
        "Only a product documented as **sterile and made for needled skin** raises nothing; any "
        f"other raises a **caution** (`{TOPICAL_CODE}`). The published granulomas were "
        "hypersensitivity reactions to products not made for use in the skin, not infections: "
        f"a sterile serum is not safe for that reason alone. Source: {TOPICAL_SOURCE}.",
        "",
    ]


def _sites() -> list[str]:
    zones = " and the ".join(ZONES[z].name.lower() for z in ZONES if z in KELOID_SITES)
    return [
        "## Zone notes from the client's history and skin type",
        "",
        f"- With `{KELOID_HISTORY_CODE}` on record, planning or charting the {zones} raises a "
        f"**caution** (`{KELOID_CODE}`) at that zone. Source: {KELOID_SOURCE}.",
        f"- Fitzpatrick types IV to VI: the **info** note (`{FITZPATRICK_FINDING_CODE}`) is shown "
        "at each zone of the plan and the chart, with what the practitioner can do (no depth "
        "range is changed for skin type):",
        *[f"  - {a.text} Source: {a.source}." for a in FITZPATRICK_ADVICE],
        "",
    ]


def _emergencies() -> list[str]:
    lines = [
        "## Emergencies during a session",
        "",
        "The chart's emergency panel (one tap away on every chart page) shows these steps and "
        "records what happened as an adverse event linked to the session. The steps come from "
        "national guidelines that the domain reference (microneedling.md) does not carry yet.",
        "",
    ]
    for e in EMERGENCIES.values():
        lines += [
            f"### {e.name} (`{e.code}`)",
            "",
            f"Signs: {e.signs} Source: {e.signs_source}.",
            "",
        ]
        lines += [f"{i}. {s.text} Source: {s.source}." for i, s in enumerate(e.steps, 1)]
        lines.append("")
    return lines


def _devices() -> list[str]:
    return [
        "## Device physics",
        "",
        "- Roller: punctures per cm² = needles ÷ (π × drum diameter × drum width) × passes, for "
        f"non-slipping passes. Source: {ROLLER_SOURCE}.",
        f"- Pen: punctures per second = needles × stroke frequency (Hz). Source: {PEN_SOURCE}.",
        "",
        "## Clinic overrides",
        "",
        "A clinic owner may tighten defaults, never loosen them: lower a zone's cap or the top of "
        "its recommended range (never for the eyelids, which are never treated), lengthen a "
        f"protocol's minimum interval (up to {MAX_INTERVAL_DAYS} days), raise a screening rule's "
        "severity (info → caution → stop), or lengthen a screening look-back window (up to ten "
        "years). The absolute depth limit and the hard stops cannot be changed. Findings under "
        "a clinic's override cite the override and the default it replaced.",
        "",
    ]


def reference_markdown() -> str:
    """The whole reference page as Markdown."""
    parts = [
        _intro(), _zones(), _indications(), _screening(), _protocols(), _aftercare(),
        _anaesthetics(), _sites(), _emergencies(), _scales(), _devices(),
    ]  # fmt: skip
    text = "\n".join(line for part in parts for line in part)
    return text.rstrip("\n") + "\n"
