"""Shapes of the clickable face and body maps (SVG, viewBox 0 0 300 400 for each).

Each zone is drawn by one or more shapes and labelled at (x, y). Purely presentational: the zone
codes and names come from needling.clinical.ZONES.
"""

from __future__ import annotations

from dataclasses import dataclass

from needling.clinical import ZONES


@dataclass(frozen=True)
class Shape:
    tag: str  # "ellipse" | "path" | "rect"
    attrs: dict[str, str]


@dataclass(frozen=True)
class MapZone:
    code: str
    label_x: int
    label_y: int
    shapes: tuple[Shape, ...]

    @property
    def name(self) -> str:
        return ZONES[self.code].name

    @property
    def short(self) -> str:
        """The visible label on the map (the full name is the accessible name)."""
        return self.name.split(" (")[0]

    @property
    def treatable(self) -> bool:
        return ZONES[self.code].treatable


def _e(cx: int, cy: int, rx: int, ry: int) -> Shape:
    return Shape("ellipse", {"cx": str(cx), "cy": str(cy), "rx": str(rx), "ry": str(ry)})


def _p(d: str) -> Shape:
    return Shape("path", {"d": d})


def _r(x: int, y: int, w: int, h: int, rx: int = 6) -> Shape:
    return Shape(
        "rect", {"x": str(x), "y": str(y), "width": str(w), "height": str(h), "rx": str(rx)}
    )


# Drawn in this order (later shapes on top): larger regions first, small features last.
FACE_MAP: tuple[MapZone, ...] = (
    MapZone("scalp", 150, 30, (_p("M62 118 C60 40 240 40 238 118 C220 80 80 80 62 118 Z"),)),
    MapZone("neck", 150, 372, (_p("M105 318 L195 318 L205 392 L95 392 Z"),)),
    MapZone("forehead", 150, 112, (_p("M72 124 C90 88 210 88 228 124 L222 140 L78 140 Z"),)),
    MapZone("temples", 40, 136, (_e(70, 160, 12, 22), _e(230, 160, 12, 22))),
    MapZone("cheeks", 96, 238, (_e(104, 220, 30, 34), _e(196, 220, 30, 34))),
    MapZone(
        "jawline",
        46,
        276,
        (
            _p("M80 252 C84 288 106 306 128 316 L122 324 C96 312 74 292 70 254 Z"),
            _p("M220 252 C216 288 194 306 172 316 L178 324 C204 312 226 292 230 254 Z"),
        ),
    ),
    MapZone(
        "chin",
        150,
        318,
        (_p("M126 300 C134 318 166 318 174 300 L178 318 C160 336 140 336 122 318 Z"),),
    ),
    MapZone("perioral", 150, 270, (_e(150, 272, 34, 20),)),
    MapZone("periorbital", 104, 197, (_e(110, 168, 28, 17), _e(190, 168, 28, 17))),
    MapZone("eyelids", 208, 151, (_e(110, 167, 15, 7), _e(190, 167, 15, 7))),
    MapZone("glabella", 150, 137, (_r(138, 142, 24, 20),)),
    MapZone("nose", 150, 222, (_p("M140 168 L160 168 L170 236 C160 246 140 246 130 236 Z"),)),
)

BODY_MAP: tuple[MapZone, ...] = (
    MapZone("arms", 34, 150, (_r(30, 96, 24, 150, 12), _r(246, 96, 24, 150, 12))),
    MapZone("hands", 42, 272, (_e(42, 262, 14, 18), _e(258, 262, 14, 18))),
    MapZone("decolletage", 150, 110, (_p("M86 92 L214 92 L200 132 L100 132 Z"),)),
    MapZone("abdomen", 150, 196, (_r(96, 140, 108, 100, 14),)),
    MapZone("back", 150, 80, (_r(104, 44, 92, 30, 8),)),
    MapZone("buttocks", 150, 262, (_r(96, 246, 108, 34, 14),)),
    MapZone("thighs", 150, 340, (_r(98, 288, 46, 96, 14), _r(156, 288, 46, 96, 14))),
)
