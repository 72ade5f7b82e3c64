"""Erythema (redness) indices from the pixels of a colour photo. NumPy only, no Django.

Two forms, both from microneedling.md §9.12 (colour indices):
- CIELAB a*, the green (−) to red (+) axis, which "behaves proportionally to erythema"
  (Courage+Khazaka [V]). sRGB is linearised (IEC 61966-2-1), converted to CIE XYZ with the sRGB
  (D65) matrix and then to L*a*b* relative to the D65 white point (CIE 15).
- The log red/green index EI = 100·(log10 R − log10 G) on linearised RGB values: the RGB-photo
  form (Yamamoto et al., Skin Res Technol 2008;14:26–34 [V]) of the narrow-band reflectance index
  EI = 100·log10(R_red / R_green) (Diffey 1984 / Takiwaki, J Med Invest 1998;44:121–6 [K]).

Both are means over the region's pixels. Photo-derived indices depend on light, camera and
white balance (§9.12 implementation note), so they are relative measures for change within one
client, best read against a reference patch of untreated skin in the same photo. Not a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image

# sRGB primaries and D65 white, IEC 61966-2-1 / CIE 15.
_SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ],
    dtype=np.float64,
)
_D65_WHITE = np.array([0.95047, 1.0, 1.08883], dtype=np.float64)
_EPSILON = (6 / 29) ** 3
_KAPPA = 1 / (3 * (6 / 29) ** 2)
# A linear value below 1/2 of an 8-bit step would make log10 run away on black pixels.
_LINEAR_FLOOR = 0.5 / 255 / 12.92
MIN_REGION_PIXELS = 16


@dataclass(frozen=True)
class Region:
    """A rectangle as fractions (0..1) of the image's width and height."""

    x: float
    y: float
    w: float
    h: float

    def __post_init__(self) -> None:
        for name in ("x", "y", "w", "h"):
            value = getattr(self, name)
            if not isinstance(value, int | float) or not np.isfinite(value):
                raise ValueError(f"region {name} must be a number")
        if not (0 <= self.x < 1 and 0 <= self.y < 1):
            raise ValueError("the region must start inside the photo")
        if not (0 < self.w <= 1 and 0 < self.h <= 1):
            raise ValueError("the region must have a width and a height")
        if self.x + self.w > 1 + 1e-6 or self.y + self.h > 1 + 1e-6:
            raise ValueError("the region must end inside the photo")

    @classmethod
    def whole(cls) -> Region:
        return cls(0.0, 0.0, 1.0, 1.0)

    def box(self, width: int, height: int) -> tuple[int, int, int, int]:
        left = round(self.x * width)
        top = round(self.y * height)
        right = min(width, round((self.x + self.w) * width))
        bottom = min(height, round((self.y + self.h) * height))
        return left, top, right, bottom


@dataclass(frozen=True)
class Redness:
    pixels: int
    mean_a: float
    erythema_index: float


def srgb_to_linear(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """sRGB components in 0..1 to linear light (IEC 61966-2-1)."""
    return np.where(values <= 0.04045, values / 12.92, ((values + 0.055) / 1.055) ** 2.4)


def lab_a(linear_rgb: NDArray[np.float64]) -> NDArray[np.float64]:
    """CIELAB a* (D65) for an (..., 3) array of linear RGB."""
    xyz = linear_rgb @ _SRGB_TO_XYZ.T
    ratio = xyz / _D65_WHITE
    f = np.where(ratio > _EPSILON, np.cbrt(ratio), ratio * _KAPPA + 4 / 29)
    return 500.0 * (f[..., 0] - f[..., 1])


def measure(image: Image.Image, region: Region) -> Redness:
    """Mean a* and mean EI over `region` of an RGB image."""
    box = region.box(image.width, image.height)
    crop = image.convert("RGB").crop(box)
    pixels = crop.width * crop.height
    if pixels < MIN_REGION_PIXELS:
        raise ValueError("the region is too small to measure: mark a larger area")
    rgb = np.asarray(crop, dtype=np.float64).reshape(-1, 3) / 255.0
    linear = srgb_to_linear(rgb)
    a_star = lab_a(linear)
    floored = np.maximum(linear, _LINEAR_FLOOR)
    ei = 100.0 * (np.log10(floored[:, 0]) - np.log10(floored[:, 1]))
    return Redness(pixels=pixels, mean_a=float(a_star.mean()), erythema_index=float(ei.mean()))
