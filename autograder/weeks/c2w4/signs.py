"""Hand-sign-like 28×28 grey pictures, one kind per letter, drawn with NumPy.

Each letter is a hand: a palm, a wrist, four fingers each raised or folded, and a thumb
folded, out to the side or raised, the whole hand upright, turned sideways or pointing
down. No two letters share a pose. Every picture varies the hand at random (position,
size, tilt, finger lengths, skin and background brightness, a lighting gradient and
noise), so a model has to find fingers wherever they are: a small CNN does, a dense layer
on raw pixels much less so (see ``bench/c2w4_learnability.py``).
"""

from __future__ import annotations

import numpy as np

from autograder.weeks.c2w4.rules import PRESENT

__all__ = ["POSES", "draw_signs", "coverage"]

_SIZE = 28
#: Per present label: (raised fingers index..little, thumb 0 folded/1 side/2 up, turn in
#: quarter turns 0 up/1 sideways/2 down). Hand-picked so that no two letters share one.
POSES = dict(zip(PRESENT, [
    ((0, 0, 0, 0), 1, 0), ((1, 1, 1, 1), 0, 0), ((1, 1, 1, 1), 1, 1), ((1, 0, 0, 0), 2, 0),
    ((0, 0, 0, 0), 0, 0), ((0, 1, 1, 1), 0, 0), ((1, 0, 0, 0), 1, 1), ((1, 1, 0, 0), 0, 1),
    ((0, 0, 0, 1), 0, 0), ((1, 0, 0, 0), 1, 0), ((1, 1, 0, 0), 2, 0), ((0, 0, 0, 0), 2, 0),
    ((1, 1, 1, 0), 0, 2), ((1, 1, 0, 0), 0, 2), ((1, 1, 1, 1), 2, 0), ((1, 1, 0, 0), 1, 2),
    ((1, 0, 0, 0), 0, 2), ((0, 0, 0, 0), 1, 1), ((0, 1, 1, 0), 0, 0), ((1, 1, 0, 0), 0, 0),
    ((0, 0, 0, 1), 1, 0), ((1, 1, 1, 0), 0, 0), ((1, 0, 0, 0), 0, 0), ((0, 0, 0, 1), 2, 1),
]))
_FINGER_X = np.array([-2.7, -0.9, 0.9, 2.7])


def _segments(label: int, rng: np.random.Generator) -> np.ndarray:
    """The hand of `label` as capsules (x0, y0, x1, y1, radius) in the hand's own frame."""
    fingers, thumb, _ = POSES[label]
    length = rng.uniform(6.0, 7.5)
    parts = [(0.0, -1.0, 0.0, 2.5, rng.uniform(3.6, 4.3)),   # palm
             (0.0, 4.0, 0.0, 12.0, rng.uniform(2.4, 3.0))]   # wrist
    for x, raised in zip(_FINGER_X, fingers):
        reach = length * rng.uniform(0.9, 1.1) if raised else 1.2
        parts.append((x, -3.5, x + rng.uniform(-0.4, 0.4), -3.5 - reach, 0.85))
    thumb_end = {0: (1.5, 1.5), 1: (-8.5, -0.5), 2: (-5.2, -7.5)}[thumb]
    parts.append((-3.3, 1.5, thumb_end[0] + rng.uniform(-0.6, 0.6),
                  thumb_end[1] + rng.uniform(-0.6, 0.6), 1.0))
    return np.array(parts)


def _place(segments: np.ndarray, label: int, rng: np.random.Generator) -> np.ndarray:
    """Turns, tilts, scales and shifts the hand into the picture's frame."""
    angle = POSES[label][2] * np.pi / 2 + rng.uniform(-0.15, 0.15)
    scale = rng.uniform(0.85, 1.1)
    shift = 13.5 + rng.uniform(-2.0, 2.0, size=2)
    cos, sin = np.cos(angle) * scale, np.sin(angle) * scale
    placed = segments.copy()
    for x, y in ((0, 1), (2, 3)):
        px, py = segments[:, x], segments[:, y]
        placed[:, x] = cos * px - sin * py + shift[0]
        placed[:, y] = sin * px + cos * py + shift[1]
    placed[:, 4] *= scale
    return placed


def coverage(capsules: np.ndarray, size: int = _SIZE) -> np.ndarray:
    """Anti-aliased coverage (size, size) of the union of `capsules` (x0, y0, x1, y1, r)."""
    ys, xs = np.mgrid[0:size, 0:size].astype(float)
    points = np.stack([xs.ravel(), ys.ravel()], axis=1)[None]          # (1, P, 2)
    start, end = capsules[:, None, 0:2], capsules[:, None, 2:4]          # (S, 1, 2)
    along = end - start
    t = np.clip(((points - start) * along).sum(-1) / np.maximum((along ** 2).sum(-1), 1e-9), 0, 1)
    nearest = start + t[..., None] * along
    distance = np.sqrt(((points - nearest) ** 2).sum(-1)) - capsules[:, None, 4]
    return np.clip(0.5 - distance, 0.0, 1.0).max(axis=0).reshape(size, size)


def _picture(label: int, rng: np.random.Generator) -> np.ndarray:
    hand = coverage(_place(_segments(label, rng), label, rng))
    skin, background = rng.uniform(150, 235), rng.uniform(30, 120)
    gradient = rng.uniform(-25, 25, size=2)
    ramp = (np.mgrid[0:_SIZE, 0:_SIZE] / _SIZE - 0.5)
    light = gradient[0] * ramp[0] + gradient[1] * ramp[1]
    picture = background + hand * (skin - background) + light + rng.normal(0, 6, (_SIZE, _SIZE))
    return np.clip(np.rint(picture), 0, 255).astype(np.uint8)


def draw_signs(labels: np.ndarray, key: int, split: int) -> np.ndarray:
    """Draws one picture per label, (N, 28, 28) uint8.

    Row ``i`` comes from ``SeedSequence([key, split, i])`` alone, so a row is the same
    however many rows are drawn with it.
    """
    pictures = np.empty((len(labels), _SIZE, _SIZE), dtype=np.uint8)
    for index, label in enumerate(labels):
        rng = np.random.default_rng(np.random.SeedSequence([key, split, index]))
        pictures[index] = _picture(int(label), rng)
    return pictures
