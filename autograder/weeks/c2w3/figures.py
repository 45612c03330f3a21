"""Synthetic pictures for Week 3: cartoon horses and humans, and the glyphs of the
stand-in weights' source task.

A horse is a long body on four legs with a neck, a head and a tail; a human an upright
torso with a head on top, two arms and two legs. Both come in any colour, size and place on
the same kind of cluttered background, turned a little, mirrored at random, so that no
single pixel, colour or texture says which is which: the class is in the figure's shape.

The glyphs (`draw_glyph`) are what the stand-in InceptionV3 is pretrained on
(`autograder.weeks.c2w3.weights`): discs, rings, triangles, crosses, combs, lollipops,
forks, keys, squat four-legged animals and stick figures made of the same strokes on the
same backgrounds. None is a horse or a human as the stand-in data draws them (no neck,
thin strokes), as ImageNet holds dogs and people but is not Horse or Human; telling them
apart teaches the bars, blobs and their arrangement that the horse-or-human task needs.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

__all__ = ["HORSE", "HUMAN", "GLYPHS", "draw_figure", "draw_glyph"]

HORSE, HUMAN = 0, 1
GLYPHS = ("disc", "ring", "triangle", "plus", "comb", "lollipop", "fork", "key", "quadruped",
          "stick_figure")
"""The source task's classes, in label order."""
FIGURE_CONTRAST = 100.0
"""Grey levels a horse or human stands out from the background under it, at least."""


def _colour(rng, low: int = 0, high: int = 256) -> tuple[int, int, int]:
    return tuple(int(v) for v in rng.integers(low, high, 3))


def _background(rng, size: int) -> Image.Image:
    left, right = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    ramp = np.linspace(0, 1, size)[:, None, None] if rng.random() < 0.5 \
        else np.linspace(0, 1, size)[None, :, None]
    pixels = (left * (1 - ramp) + right * ramp) * np.ones((size, size, 1))
    pixels += rng.normal(0, 10, (size, size, 3))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"))
    draw = ImageDraw.Draw(image)
    for _ in range(int(rng.integers(2, 7))):  # clutter, drawn alike for every class
        x, y = rng.uniform(0, size), rng.uniform(0, size)
        r = rng.uniform(0.02, 0.09) * size
        if rng.random() < 0.5:
            draw.ellipse([x - r, y - r, x + r, y + r], fill=_colour(rng))
        else:
            draw.rectangle([x - r, y - r * 0.5, x + r, y + r * 0.5], fill=_colour(rng))
    return image


def _limb(draw, start, angle: float, length: float, width: float) -> tuple[float, float]:
    """Draws a stroke from `start` at `angle` (radians, 0 = down); returns its end."""
    end = (start[0] + math.sin(angle) * length, start[1] + math.cos(angle) * length)
    draw.line([start, end], fill=255, width=max(1, int(width)))
    r = width / 2
    draw.ellipse([end[0] - r, end[1] - r, end[0] + r, end[1] + r], fill=255)
    return end


def _horse(draw, rng, cx: float, cy: float, s: float) -> None:
    w, h = s * rng.uniform(0.40, 0.48), s * rng.uniform(0.15, 0.20)
    draw.ellipse([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], fill=255)
    leg = s * rng.uniform(0.22, 0.28)
    for fraction in (0.12, 0.27, 0.73, 0.88):
        x = cx - w / 2 + fraction * w
        _limb(draw, (x, cy + h * 0.2), rng.uniform(-0.35, 0.35), leg, s * 0.045)
    neck_start = (cx + w * 0.38, cy - h * 0.2)
    top = _limb(draw, neck_start, math.pi - rng.uniform(0.45, 0.9), s * rng.uniform(0.17, 0.22),
                s * 0.08)
    head_w, head_h = s * 0.14, s * 0.065
    draw.ellipse([top[0] - head_w * 0.2, top[1] - head_h / 2,
                  top[0] + head_w * 0.8, top[1] + head_h / 2], fill=255)
    _limb(draw, (cx - w / 2, cy - h * 0.25), -rng.uniform(0.3, 1.0), s * 0.18, s * 0.035)


def _human(draw, rng, cx: float, cy: float, s: float) -> None:
    torso_w, torso_h = s * rng.uniform(0.10, 0.14), s * rng.uniform(0.24, 0.30)
    top = cy - torso_h * 0.9
    draw.rounded_rectangle([cx - torso_w / 2, top, cx + torso_w / 2, top + torso_h],
                           radius=torso_w * 0.3, fill=255)
    r = s * rng.uniform(0.055, 0.07)
    draw.ellipse([cx - r, top - 2.1 * r, cx + r, top - 0.1 * r], fill=255)
    for side in (-1, 1):
        _limb(draw, (cx + side * torso_w * 0.45, top + s * 0.03),
              side * rng.uniform(0.15, 1.6), s * rng.uniform(0.22, 0.28), s * 0.04)
        _limb(draw, (cx + side * torso_w * 0.28, top + torso_h * 0.95),
              side * rng.uniform(0.0, 0.45), s * rng.uniform(0.30, 0.36), s * 0.05)


def _glyph(draw, rng, kind: int, cx: float, cy: float, s: float) -> None:
    stroke = s * rng.uniform(0.06, 0.1)
    name = GLYPHS[kind]
    if name in ("disc", "ring"):
        r = s * rng.uniform(0.25, 0.4)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=255)
        if name == "ring":
            inner = r - stroke * 1.5
            draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=0)
    elif name == "triangle":
        r = s * rng.uniform(0.3, 0.45)
        draw.polygon([(cx, cy - r), (cx - r * 0.9, cy + r * 0.6), (cx + r * 0.9, cy + r * 0.6)],
                     fill=255)
    elif name == "plus":
        r = s * rng.uniform(0.3, 0.45)
        _limb(draw, (cx, cy - r), 0, 2 * r, stroke)
        _limb(draw, (cx - r, cy), math.pi / 2, 2 * r, stroke)
    elif name == "comb":
        w = s * rng.uniform(0.6, 0.8)
        _limb(draw, (cx - w / 2, cy - s * 0.1), math.pi / 2, w, stroke * 1.6)
        for i in range(int(rng.integers(3, 6))):
            _limb(draw, (cx - w / 2 + (i + 0.5) * w / 5, cy - s * 0.1), rng.uniform(-0.2, 0.2),
                  s * rng.uniform(0.25, 0.4), stroke)
    elif name == "lollipop":
        _limb(draw, (cx, cy - s * 0.15), 0, s * rng.uniform(0.4, 0.5), stroke)
        r = s * rng.uniform(0.12, 0.18)
        draw.ellipse([cx - r, cy - s * 0.15 - 2 * r, cx + r, cy - s * 0.15], fill=255)
    elif name == "fork":
        end = _limb(draw, (cx, cy - s * 0.4), 0, s * rng.uniform(0.35, 0.45), stroke)
        for side in (-1, 1):
            _limb(draw, end, side * rng.uniform(0.3, 0.7), s * rng.uniform(0.3, 0.4), stroke)
    elif name == "quadruped":  # a squat animal: no neck, a round head on the body
        w, h = s * rng.uniform(0.4, 0.6), s * rng.uniform(0.18, 0.28)
        draw.ellipse([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], fill=255)
        for fraction in (0.15, 0.35, 0.65, 0.85):
            _limb(draw, (cx - w / 2 + fraction * w, cy), 0, s * rng.uniform(0.28, 0.38), stroke)
        r = s * rng.uniform(0.1, 0.14)
        draw.ellipse([cx + w / 2 - r, cy - h / 2 - r * 1.2, cx + w / 2 + r, cy - h / 2 + r * 0.8],
                     fill=255)
    elif name == "stick_figure":  # thin strokes and a ring for a head
        r = s * rng.uniform(0.08, 0.12)
        draw.ellipse([cx - r, cy - s * 0.45, cx + r, cy - s * 0.45 + 2 * r], outline=255,
                     width=max(1, int(stroke * 0.6)))
        hip = _limb(draw, (cx, cy - s * 0.45 + 2 * r), rng.uniform(-0.1, 0.1), s * 0.35, stroke * 0.6)
        for side in (-1, 1):
            _limb(draw, (cx, cy - s * 0.45 + 2 * r + s * 0.08), side * rng.uniform(0.3, 2.0),
                  s * 0.25, stroke * 0.6)
            _limb(draw, hip, side * rng.uniform(0.1, 0.5), s * 0.35, stroke * 0.6)
    else:  # key: a disc at the end of a horizontal shaft with a tooth
        r = s * rng.uniform(0.12, 0.18)
        draw.ellipse([cx - s * 0.4 - r, cy - r, cx - s * 0.4 + r, cy + r], fill=255)
        end = _limb(draw, (cx - s * 0.4, cy), math.pi / 2, s * 0.8, stroke)
        _limb(draw, (end[0] - stroke, end[1]), 0, s * 0.15, stroke)


def _standing_out(fill, image: Image.Image, mask: Image.Image, contrast: float):
    """`fill` shifted, if need be, to be `contrast` grey levels lighter or darker than the
    background under the figure (as a photo's subject stands out from its surroundings)."""
    under = np.asarray(image, dtype="float64")[np.asarray(mask) > 127]
    if not len(under):
        return fill
    background, level = float(under.mean()), float(np.mean(fill))
    if abs(level - background) >= contrast:
        return fill
    target = background + contrast if background < 128 else background - contrast
    return tuple(int(np.clip(c + target - level, 0, 255)) for c in fill)


def _compose(rng, size: int, paint, contrast: float = 0.0) -> Image.Image:
    """Paints a figure mask with `paint(draw, cx, cy, s)` and pastes it, coloured, turned a
    little and mirrored at random, on a cluttered background; with `contrast`, the figure
    stands out from the background by at least that many grey levels."""
    image = _background(rng, size)
    mask = Image.new("L", (size, size), 0)
    s = size * rng.uniform(0.6, 0.95)
    cx, cy = size / 2 + rng.uniform(-0.12, 0.12) * size, size / 2 + rng.uniform(-0.1, 0.1) * size
    paint(ImageDraw.Draw(mask), cx, cy, s)
    mask = mask.rotate(rng.uniform(-15, 15), resample=Image.Resampling.BILINEAR,
                       center=(cx, cy))
    fill = _colour(rng)
    if contrast:
        fill = _standing_out(fill, image, mask, contrast)
    shade = tuple(int(v * rng.uniform(0.5, 0.9)) for v in fill)
    coat = Image.linear_gradient("L").resize((size, size)).point(lambda v: v)
    coloured = Image.composite(Image.new("RGB", (size, size), shade),
                               Image.new("RGB", (size, size), fill), coat)
    image.paste(coloured, (0, 0), mask)
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return image.filter(ImageFilter.GaussianBlur(size / 300))


def draw_figure(rng: np.random.Generator, kind: int, size: int = 300) -> Image.Image:
    """Draws one `size`×`size` RGB picture of a horse (`HORSE`) or a human (`HUMAN`).

    Args:
        rng: the picture's own generator (its seed fixes the picture).
        kind: `HORSE` or `HUMAN`.
        size: side in pixels (the real set's pictures are 300×300).
    """
    paint = _horse if kind == HORSE else _human
    return _compose(rng, size, lambda draw, cx, cy, s: paint(draw, rng, cx, cy, s),
                    contrast=FIGURE_CONTRAST)


def draw_glyph(rng: np.random.Generator, kind: int, size: int = 75) -> Image.Image:
    """Draws one `size`×`size` RGB picture of glyph `kind` (an index into `GLYPHS`)."""
    return _compose(rng, size, lambda draw, cx, cy, s: _glyph(draw, rng, kind, cx, cy, s))
