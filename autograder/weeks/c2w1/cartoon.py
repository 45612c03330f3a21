"""Synthetic cat and dog pictures for the offline stand-in.

A picture is a cartoon animal at a random place, size and colour on a cluttered background.
What tells the classes apart is local and shift-invariant, as in real photos: cats have
striped fur and pointy ears, dogs spotted fur and floppy ears. Colours, positions and
clutter come from the same distributions for both classes, so no single pixel says
anything about the class: a convolution learns the lesson in a few epochs, a dense layer
on raw pixels stays at chance.
"""

from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

__all__ = ["draw_animal", "CAT", "DOG"]

CAT, DOG = 0, 1


def _stripes(draw: ImageDraw.ImageDraw, rng, size: tuple[int, int], period: float) -> None:
    width, height = size
    angle = rng.uniform(0, math.pi)
    dx, dy = math.cos(angle), math.sin(angle)
    reach = int(math.hypot(width, height)) + 2
    offset = rng.uniform(0, period)
    position = -reach
    while position < reach:
        cx, cy = width / 2 + dx * (position + offset), height / 2 + dy * (position + offset)
        draw.line([(cx - dy * reach, cy + dx * reach), (cx + dy * reach, cy - dx * reach)],
                  fill=255, width=max(1, int(period * 0.42)))
        position += period


def _spots(draw: ImageDraw.ImageDraw, rng, size: tuple[int, int], period: float) -> None:
    width, height = size
    for _ in range(int(width * height / (period * period) * 0.9)):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        radius = period * rng.uniform(0.28, 0.42)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=255)


def _background(rng, width: int, height: int) -> Image.Image:
    left, right = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    ramp = np.linspace(0, 1, width)[None, :, None]
    pixels = (left * (1 - ramp) + right * ramp) * np.ones((height, 1, 1))
    pixels += rng.normal(0, 12, (height, width, 3))
    image = Image.fromarray(np.clip(pixels, 0, 255).astype("uint8"))
    draw = ImageDraw.Draw(image)
    scale = min(width, height) / 150
    for _ in range(int(rng.integers(3, 8))):  # clutter, drawn alike for both classes
        x, y, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(5, 30) * scale
        colour = tuple(int(v) for v in rng.integers(0, 256, 3))
        if rng.random() < 0.5:
            draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        else:
            draw.rectangle([x - r, y - r * 0.6, x + r, y + r * 0.6], fill=colour)
    return image


def _silhouette(rng, size, animal: int) -> Image.Image:
    width, height = size
    body_w, body_h = rng.uniform(0.45, 0.75) * width, rng.uniform(0.45, 0.75) * height
    x, y = rng.uniform(0, width - body_w), rng.uniform(0.15 * height, height - body_h)
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse([x, y, x + body_w, y + body_h], fill=255)
    ear = min(body_w, body_h) * 0.28
    for ear_x in (x + body_w * 0.28, x + body_w * 0.72):
        if animal == CAT:
            draw.polygon([(ear_x - ear * 0.6, y + ear * 0.5), (ear_x + ear * 0.6, y + ear * 0.5),
                          (ear_x, y - ear)], fill=255)
        else:
            draw.ellipse([ear_x - ear * 0.5, y, ear_x + ear * 0.5, y + ear * 1.8], fill=255)
    return mask


def draw_animal(rng: np.random.Generator, animal: int) -> Image.Image:
    """Draws one picture of `animal` (`CAT` or `DOG`), 200–360 × 170–320 pixels.

    Args:
        rng: the picture's own generator (its seed fixes the picture).
        animal: `CAT` or `DOG`.
    """
    width, height = int(rng.integers(200, 360)), int(rng.integers(170, 320))
    image = _background(rng, width, height)
    mask = _silhouette(rng, (width, height), animal)
    fur = tuple(int(v) for v in rng.integers(60, 256, 3))
    dark = tuple(int(v * rng.uniform(0.15, 0.45)) for v in fur)
    pattern = Image.new("L", (width, height), 0)
    period = min(width, height) / 150 * rng.uniform(5.0, 7.5)
    (_stripes if animal == CAT else _spots)(ImageDraw.Draw(pattern), rng, (width, height), period)
    coat = Image.composite(Image.new("RGB", (width, height), dark),
                           Image.new("RGB", (width, height), fur), pattern)
    image.paste(coat, (0, 0), mask)
    if rng.random() < 0.5:
        image = image.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return image.filter(ImageFilter.GaussianBlur(0.6))
