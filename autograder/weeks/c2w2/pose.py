"""Week 2's pictures: Week 1's cartoon cats and dogs, in a pose the grader controls.

The student's pictures all show the animal the same way: centred, one size, upright, facing
right, a cat's stripes running up its body. The held-out pictures turn it 15–40°, mirror it
half the time, and shift and zoom it a little (`HELDOUT`): poses that every sound
augmentation covers, from Keras's tutorial's flip, rotation and zoom to the current course's
layers (``RandomFlip("horizontal")``, ``RandomRotation(0.2)``, ``RandomTranslation(0.2,
0.2)``, ``RandomZoom(0.2)``) and the older course's ``ImageDataGenerator(rotation_range=40,
width_shift_range=0.2, height_shift_range=0.2, zoom_range=0.2, horizontal_flip=True)``
(measured in ``bench/c2w2_learnability.py`` and ``bench/calibration``; docs/stand-ins.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from autograder.weeks.c2w1.cartoon import CAT, DOG, _background, _spots

__all__ = ["Pose", "PoseRanges", "HELDOUT", "UPRIGHT", "random_pose", "draw_posed", "CAT", "DOG",
           "ANIMAL_SIZE"]

ANIMAL_SIZE = 0.55
"""Side of the animal's square layer, as a fraction of the picture's shorter side."""


@dataclass(frozen=True)
class Pose:
    flip: bool
    """Mirrored left to right."""
    angle: float
    """Turned counter-clockwise, in degrees."""
    zoom: float
    """Size, relative to the student's pictures."""
    dx: float
    """Shift right, as a fraction of the picture's width."""
    dy: float
    """Shift down, as a fraction of the picture's height."""


UPRIGHT = Pose(flip=False, angle=0.0, zoom=1.0, dx=0.0, dy=0.0)
"""The one pose of every student picture."""


@dataclass(frozen=True)
class PoseRanges:
    """How far a held-out picture is posed away from the student's: each size is drawn
    uniformly between its two bounds and given a random sign (zoom: 1 ± the change)."""

    turn: tuple[float, float]
    """Degrees turned, either way."""
    shift: tuple[float, float]
    """Shift along each axis, as a fraction of the picture's side, either way."""
    zoom: tuple[float, float]
    """Change in size, larger or smaller."""
    flip: float = 0.5
    """Chance of a mirrored picture."""


HELDOUT = PoseRanges(turn=(15.0, 40.0), shift=(0.0, 0.08), zoom=(0.0, 0.1))
"""The held-out poses: turned 15–40° either way, mirrored half the time, shifted up to 8 % and
zoomed up to 10 %, within what every sound augmentation a learner writes covers (Keras's own
tutorial's ``RandomFlip``, ``RandomRotation(0.1)``, ``RandomZoom(0.1)`` as well as both course
generations' fuller ones).

Generator 2 shifted every held-out animal 8–20 % away (and zoomed it 5–20 %), so that the
model without augmentation missed the held-out bar. The Week 2 calibration showed what that
measured: shifts alone. A model without augmentation classifies turned and mirrored cartoons
as well as upright ones (0.958 and 0.926 held-out with these poses, ``bench/c2w2_learnability.py
--ways none``, seeds 42 and 7), and the tutorial's augmentation, which has no translation,
scored 0.634 on generator 2's poses, no better than no augmentation: a held-out bar there
failed a sound model as surely as an unsound one. So the held-out bar now measures what a
sound model must reach, and the week's lesson is graded on the model and its training
(``model_uses_augmentation``, ``augmentation_only_while_training``: 3 points, lost by every
model without augmentation)."""


def random_pose(rng: np.random.Generator, ranges: PoseRanges = HELDOUT) -> Pose:
    """A held-out pose drawn from `ranges`."""

    def either_way(bounds: tuple[float, float]) -> float:
        return float(rng.uniform(*bounds)) * (1.0 if rng.random() < 0.5 else -1.0)

    flip = bool(rng.random() < ranges.flip)
    return Pose(flip=flip, angle=either_way(ranges.turn), zoom=1.0 + either_way(ranges.zoom),
                dx=either_way(ranges.shift), dy=either_way(ranges.shift))


def _upright_stripes(draw: ImageDraw.ImageDraw, rng, size: tuple[int, int], period: float):
    width, height = size
    position = rng.uniform(0, period)
    while position < width:
        draw.line([(position, 0), (position, height)], fill=255, width=max(1, int(period * 0.42)))
        position += period


def _animal(rng: np.random.Generator, animal: int, side: int) -> Image.Image:
    """The animal alone (RGBA, transparent around it): upright, facing right, centred."""
    mask = Image.new("L", (side, side), 0)
    draw = ImageDraw.Draw(mask)
    body_w, body_h = side * 0.62, side * 0.40
    x, y = (side - body_w) / 2, side * 0.42
    draw.ellipse([x, y, x + body_w, y + body_h], fill=255)
    head = side * 0.30
    hx, hy = x + body_w * 0.78, y - head * 0.45
    draw.ellipse([hx - head / 2, hy - head / 2, hx + head / 2, hy + head / 2], fill=255)
    ear = head * 0.45
    for ear_x in (hx - head * 0.25, hx + head * 0.25):
        if animal == CAT:
            draw.polygon([(ear_x - ear * 0.45, hy - head * 0.25),
                          (ear_x + ear * 0.45, hy - head * 0.25),
                          (ear_x, hy - head * 0.25 - ear * 1.3)], fill=255)
        else:
            draw.ellipse([ear_x - ear * 0.35, hy - head * 0.35, ear_x + ear * 0.35,
                          hy + ear * 0.9], fill=255)
    draw.line([(x + body_w * 0.05, y + body_h * 0.4), (x - side * 0.12, y - side * 0.05)],
              fill=255, width=max(2, side // 30))
    fur = tuple(int(v) for v in rng.integers(60, 256, 3))
    dark = tuple(int(v * rng.uniform(0.15, 0.45)) for v in fur)
    pattern = Image.new("L", (side, side), 0)
    period = side / 150 * rng.uniform(5.0, 7.5)
    (_upright_stripes if animal == CAT else _spots)(ImageDraw.Draw(pattern), rng, (side, side),
                                                    period)
    coat = Image.composite(Image.new("RGB", (side, side), dark),
                           Image.new("RGB", (side, side), fur), pattern).convert("RGBA")
    coat.putalpha(mask)
    return coat


def draw_posed(rng: np.random.Generator, animal: int, pose: Pose) -> Image.Image:
    """Draws one picture of `animal` (`CAT` or `DOG`) in `pose`, 200–360 × 170–320 pixels."""
    width, height = int(rng.integers(200, 360)), int(rng.integers(170, 320))
    image = _background(rng, width, height)
    layer = _animal(rng, animal, int(min(width, height) * ANIMAL_SIZE * pose.zoom))
    if pose.flip:
        layer = layer.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    layer = layer.rotate(pose.angle, resample=Image.Resampling.BILINEAR, expand=True)
    left = width / 2 + pose.dx * width - layer.width / 2
    top = height / 2 + pose.dy * height - layer.height / 2
    image.paste(layer, (int(left), int(top)), layer)
    return image.filter(ImageFilter.GaussianBlur(0.6))
