"""Generated stand-ins for clinical photos (no real faces): a stylised face or skin patch with a
given redness, drawn with Pillow and captioned as a generated demo image."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from needling.photos.models import PhotoView

WIDTH, HEIGHT = 1200, 900
# Rough skin tones for Fitzpatrick types I-VI (illustration only).
SKIN = {
    1: (241, 214, 196),
    2: (232, 196, 170),
    3: (214, 170, 140),
    4: (186, 138, 104),
    5: (140, 98, 70),
    6: (96, 66, 48),
}


def demo_photo(
    view: str,
    *,
    redness: float,
    fitzpatrick: int = 2,
    spots: int = 0,
    pigment: float = 0.0,
    seed: int = 0,
) -> bytes:
    """JPEG bytes. `redness` 0..1 tints the cheeks (or the patch), `pigment` 0..1 adds brown
    patches, `spots` draws small scar-like dots."""
    rng = random.Random(seed)  # noqa: S311 (drawing, not security)
    skin = SKIN.get(fitzpatrick, SKIN[2])
    image = Image.new("RGB", (WIDTH, HEIGHT), (70, 80, 88))
    draw = ImageDraw.Draw(image)
    for y in range(0, HEIGHT, 6):  # a soft studio backdrop
        shade = 70 + y * 30 // HEIGHT
        draw.rectangle((0, y, WIDTH, y + 6), fill=(shade, shade + 8, shade + 16))
    if view == PhotoView.CLOSE_UP:
        draw.rectangle((0, 0, WIDTH, HEIGHT), fill=skin)
        cheeks = [(WIDTH // 2, HEIGHT // 2, 380)]
    else:
        cx = {"front": 600, "left_45": 660, "right_45": 540, "left_90": 700, "right_90": 500}[view]
        draw.ellipse((cx - 250, 130, cx + 250, 800), fill=skin)
        draw.rectangle((cx - 110, 760, cx + 110, 900), fill=skin)
        if view in ("left_90", "right_90"):
            nose = 1 if view == "right_90" else -1
            tip = cx + nose * 285
            draw.polygon([(cx + nose * 240, 380), (tip, 520), (cx + nose * 235, 540)], fill=skin)
            draw.ellipse((cx - nose * 20 - 25, 380, cx - nose * 20 + 25, 405), fill=(60, 50, 45))
            cheeks = [(cx + nose * 90, 560, 110)]
        else:
            shift = {"front": 0, "left_45": 40, "right_45": -40}[view]
            for ex in (-105, 105):
                draw.ellipse(
                    (cx + ex + shift - 40, 390, cx + ex + shift + 40, 425), fill=(250, 250, 250)
                )
                draw.ellipse(
                    (cx + ex + shift - 14, 393, cx + ex + shift + 14, 421), fill=(60, 50, 45)
                )
                draw.line(
                    (cx + ex + shift - 55, 350, cx + ex + shift + 55, 345),
                    fill=(90, 70, 60),
                    width=9,
                )
            draw.line(
                (cx + shift, 430, cx + shift + 12, 560), fill=tuple(c - 30 for c in skin), width=6
            )
            draw.arc(
                (cx + shift - 80, 590, cx + shift + 80, 680), 20, 160, fill=(150, 70, 70), width=8
            )
            cheeks = [(cx + shift - 150, 560, 105), (cx + shift + 150, 560, 105)]
    overlay = Image.new("RGBA", (WIDTH, HEIGHT), (0, 0, 0, 0))
    tint = ImageDraw.Draw(overlay)
    for x, y, r in cheeks:
        tint.ellipse(
            (x - r, y - r * 0.8, x + r, y + r * 0.8), fill=(215, 40, 50, int(150 * redness))
        )
        for _ in range(int(pigment * 14)):
            px, py = x + rng.randint(-r, r) * 0.7, y + rng.randint(-r, r) * 0.5
            pr = rng.randint(10, 24)
            tint.ellipse((px - pr, py - pr, px + pr, py + pr), fill=(110, 70, 40, 110))
        for _ in range(spots):
            px, py = x + rng.randint(-r, r) * 0.8, y + rng.randint(-r, r) * 0.6
            tint.ellipse((px - 5, py - 5, px + 5, py + 5), fill=(120, 80, 70, 140))
    overlay = overlay.filter(ImageFilter.GaussianBlur(12))
    image = Image.alpha_composite(image.convert("RGBA"), overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    draw.rectangle((0, HEIGHT - 56, WIDTH, HEIGHT), fill=(255, 255, 255))
    draw.text(
        (20, HEIGHT - 46), "GENERATED DEMO IMAGE - not a real photo", fill=(180, 30, 30), font=font
    )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()
