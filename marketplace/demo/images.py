"""Product pictures for the demo, drawn with Pillow (no network, no stock photos).

Each trade has a motif and a palette; each picture varies the motif with a seed and writes the
product's name below it, so pages look like a real catalogue rather than grey placeholders.
"""

from __future__ import annotations

import functools
import io
import random
import textwrap
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
_MOTIF_BOX = (160, 90, 640, 540)
Draw = Callable[[ImageDraw.ImageDraw, random.Random, str, str], None]


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))


def _shade(colour: str, factor: float) -> tuple[int, int, int]:
    return tuple(max(0, min(255, int(channel * factor))) for channel in _hex(colour))


def _loaf(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.ellipse((x0, y0 + 120, x1, y1 - 20), fill=motif, outline=ink, width=6)
    for index in range(rng.randint(3, 5)):
        x = x0 + 90 + index * 80
        draw.line((x, y0 + 170, x + 60, y1 - 90), fill=_shade(motif, 0.7), width=10)


def _cake(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    tiers = rng.randint(1, 3)
    for tier in range(tiers):
        inset = tier * 60
        top = y1 - (tier + 1) * 120
        draw.rounded_rectangle((x0 + inset, top, x1 - inset, top + 120), radius=24, fill=motif, outline=ink, width=5)
        draw.line((x0 + inset + 10, top + 30, x1 - inset - 10, top + 30), fill="white", width=8)
    draw.ellipse((375, y1 - tiers * 120 - 50, 425, y1 - tiers * 120), fill="#c0392b", outline=ink, width=3)


def _meat(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.ellipse((x0, y0 + 80, x1 - 60, y1 - 40), fill=motif, outline=ink, width=6)
    draw.ellipse((x0 + 70, y0 + 160, x0 + 230, y0 + 300), fill="#f5e6da")
    draw.rectangle((x1 - 90, y0 + 230, x1, y0 + 270), fill="#f5e6da", outline=ink, width=4)


def _cheese(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.polygon([(x0, y1 - 40), (x1, y1 - 40), (x1, y0 + 140), (x0 + 40, y0 + 260)], fill=motif, outline=ink)
    for _ in range(rng.randint(4, 7)):
        cx, cy, r = rng.randint(x0 + 80, x1 - 60), rng.randint(y0 + 230, y1 - 80), rng.randint(14, 32)
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_shade(motif, 0.8))


def _chocolate(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.rounded_rectangle((x0 + 20, y0 + 60, x1 - 20, y1 - 20), radius=18, fill=motif, outline=ink, width=6)
    columns, rows = rng.choice([(3, 4), (4, 5), (3, 5)])
    width, height = (x1 - x0 - 80) / columns, (y1 - y0 - 120) / rows
    for column in range(columns):
        for row in range(rows):
            left, top = x0 + 40 + column * width, y0 + 80 + row * height
            draw.rectangle((left + 6, top + 6, left + width - 6, top + height - 6), outline=_shade(motif, 1.4), width=4)


def _honey(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.rounded_rectangle((x0 + 70, y0 + 110, x1 - 70, y1 - 10), radius=40, fill=motif, outline=ink, width=6)
    draw.rectangle((x0 + 110, y0 + 50, x1 - 110, y0 + 115), fill=_shade(motif, 0.6), outline=ink, width=5)
    draw.rectangle((x0 + 120, y0 + 230, x1 - 120, y0 + 360), fill="#fff8e1", outline=ink, width=3)


def _bottle(draw, rng, motif, ink):
    for offset in (-110, 110) if rng.random() < 0.5 else (0,):
        cx = 400 + offset
        draw.rounded_rectangle((cx - 70, 230, cx + 70, 530), radius=30, fill=motif, outline=ink, width=5)
        draw.rectangle((cx - 25, 110, cx + 25, 240), fill=motif, outline=ink, width=5)
        draw.rectangle((cx - 55, 320, cx + 55, 420), fill="#fdf6e3", outline=ink, width=3)


def _oil(draw, rng, motif, ink):
    _bottle(draw, rng, motif, ink)
    for _ in range(3):
        cx, cy = rng.randint(180, 620), rng.randint(100, 200)
        draw.ellipse((cx - 22, cy - 32, cx + 22, cy + 32), fill="#556b2f")


def _bowl(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.chord((x0, y0 + 40, x1, y1 + 40), start=0, end=180, fill=motif, outline=ink, width=6)
    draw.ellipse((x0, y0 + 230, x1, y0 + 330), fill=_shade(motif, 0.75), outline=ink, width=5)
    for index in range(rng.randint(2, 4)):
        y = y0 + 350 + index * 35
        draw.arc((x0 + 30, y - 40, x1 - 30, y + 40), start=20, end=160, fill="#fdf6e3", width=5)


def _ring(draw, rng, motif, ink):
    draw.ellipse((230, 200, 570, 540), outline=motif, width=48)
    draw.ellipse((225, 195, 575, 545), outline=ink, width=4)
    draw.regular_polygon((400, 170, 55), n_sides=rng.choice([4, 6, 8]), fill="#e8f4fb", outline=ink)


def _wood(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.rectangle((x0, y0 + 140, x1, y0 + 230), fill=motif, outline=ink, width=6)
    for leg_x in (x0 + 30, x1 - 70):
        draw.rectangle((leg_x, y0 + 230, leg_x + 40, y1), fill=_shade(motif, 0.8), outline=ink, width=4)
    for index in range(4):
        draw.arc((x0 + 40, y0 + 150 + index * 15, x1 - 40, y0 + 220 + index * 15), 190, 350, fill=_shade(motif, 0.65), width=3)


def _soap(draw, rng, motif, ink):
    for index in range(rng.randint(2, 3)):
        left, top = 200 + index * 60, 380 - index * 110
        draw.rounded_rectangle((left, top, left + 340, top + 160), radius=26, fill=_shade(motif, 1 - index * 0.12), outline=ink, width=5)
    draw.ellipse((330, 120, 470, 200), outline="#ffffff", width=6)


def _bag(draw, rng, motif, ink):
    x0, y0, x1, y1 = _MOTIF_BOX
    draw.arc((x0 + 120, y0, x1 - 120, y0 + 260), start=180, end=360, fill=ink, width=16)
    draw.rounded_rectangle((x0 + 20, y0 + 130, x1 - 20, y1), radius=30, fill=motif, outline=ink, width=6)
    draw.rectangle((380, y0 + 200, 420, y0 + 250), fill="#d4af37", outline=ink, width=3)


def _garment(draw, rng, motif, ink):
    points = [(290, 110), (360, 150), (440, 150), (510, 110), (620, 220), (560, 290), (520, 250), (520, 540),
              (280, 540), (280, 250), (240, 290), (180, 220)]
    draw.polygon(points, fill=motif, outline=ink)
    for y in range(200, 520, 70):
        draw.ellipse((392, y, 408, y + 16), fill=ink)


def _knife(draw, rng, motif, ink):
    draw.polygon([(170, 330), (520, 290), (560, 330), (520, 370)], fill="#d9dde1", outline=ink)
    draw.rounded_rectangle((520, 300, 700, 360), radius=24, fill=motif, outline=ink, width=5)
    for x in (575, 645):
        draw.ellipse((x - 9, 321, x + 9, 339), fill="#d4af37")


def _figure(draw, rng, motif, ink):
    draw.ellipse((345, 120, 455, 230), fill="#f1d3b3", outline=ink, width=4)
    draw.polygon([(400, 230), (520, 530), (280, 530)], fill=motif, outline=ink)
    draw.polygon([(330, 300), (470, 300), (440, 360), (360, 360)], fill=_shade(motif, 0.7))


def _glass(draw, rng, motif, ink):
    draw.polygon([(290, 140), (510, 140), (470, 400), (330, 400)], fill=motif, outline=ink)
    draw.rectangle((390, 400, 410, 500), fill=motif, outline=ink)
    draw.ellipse((300, 490, 500, 530), fill=motif, outline=ink, width=4)
    draw.line((320, 170, 340, 360), fill="#ffffff", width=8)


MOTIFS: dict[str, Draw] = {
    "loaf": _loaf, "cake": _cake, "meat": _meat, "cheese": _cheese, "chocolate": _chocolate,
    "honey": _honey, "bottle": _bottle, "oil": _oil, "bowl": _bowl, "ring": _ring, "wood": _wood,
    "soap": _soap, "bag": _bag, "garment": _garment, "knife": _knife, "figure": _figure, "glass": _glass,
}


# Pillow's built-in font lacks some accented glyphs (à); Debian's DejaVu has them all.
_FONT_FILES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf")


@functools.lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.ImageFont:
    for font_file in _FONT_FILES:
        try:
            return ImageFont.truetype(font_file, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # Pillow built without FreeType: bitmap font, fixed size.
        return ImageFont.load_default()


def draw_product_picture(title: str, motif: str, palette: tuple[str, str, str], seed: int) -> bytes:
    """A square JPEG picture of a product: its trade's motif on a soft background, and its name."""
    rng = random.Random(seed)
    background, motif_colour, ink = palette
    image = Image.new("RGB", (SIZE, SIZE), background)
    draw = ImageDraw.Draw(image)
    # A soft diagonal band gives each picture its own light.
    band = _shade(background, 0.93 + rng.random() * 0.05)
    draw.polygon([(0, SIZE * rng.uniform(0.2, 0.5)), (SIZE, SIZE * rng.uniform(0.0, 0.3)), (SIZE, SIZE), (0, SIZE)], fill=band)
    MOTIFS[motif](draw, rng, motif_colour, ink)
    draw.rectangle((0, 600, SIZE, SIZE), fill=_shade(background, 0.85))
    font = _font(46)
    lines = textwrap.wrap(title, width=26)[:3]
    top = 700 - len(lines) * 30
    for line in lines:
        width = draw.textlength(line, font=font)
        draw.text(((SIZE - width) / 2, top), line, font=font, fill=ink)
        top += 60
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=82, optimize=True)
    return output.getvalue()
