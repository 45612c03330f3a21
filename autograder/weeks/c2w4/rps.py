"""Stand-in pictures for Week 4's rock/paper/scissors lab, in the real set's layout.

    <root>/rps/{rock,paper,scissors}/<n>.png             (840 each in the real set)
    <root>/rps-test-set/{rock,paper,scissors}/<n>.png    (124 each)

150×150 RGB pictures of a cartoon hand on a white background, as in the real
(computer-generated) set: a fist for rock, an open hand for paper, two spread fingers for
scissors, each turned, sized and coloured at random. The lab is ungraded: the pictures only
have to show the lesson (a 3-way softmax learns them) at any size, quickly.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from autograder.weeks.c2w4.signs import coverage

__all__ = ["CLASSES", "SCALES", "generate_rps"]

CLASSES = ("paper", "rock", "scissors")
SCALES = {"tiny": (20, 8), "ci": (120, 40), "full": (840, 124)}
"""Pictures per class: (training, test)."""
_SIZE = 150
#: Fingers (angle from straight up in radians, length) of each gesture.
_FINGERS = {"rock": (), "paper": ((-0.45, 1.0), (-0.15, 1.15), (0.15, 1.1), (0.45, 0.95)),
            "scissors": ((-0.3, 1.15), (0.3, 1.15))}


def _hand(gesture: str, rng: np.random.Generator) -> np.ndarray:
    """Capsules of one hand, centred, in picture coordinates."""
    scale = rng.uniform(18, 24)
    parts = [(0, -0.3, 0, 0.6, 1.25), (0, 1.2, 0, 3.5, 0.8)]     # fist / palm, wrist
    for angle, length in _FINGERS[gesture]:
        tip = 1.1 + 1.9 * length
        parts.append((np.sin(angle) * 0.9, -1.0, np.sin(angle) * tip, -np.cos(angle) * tip, 0.3))
    if gesture == "paper":
        parts.append((-0.9, 0.3, -2.4, -0.6, 0.3))              # thumb out
    parts = np.array(parts, dtype=float)
    turn = rng.uniform(-0.6, 0.6)
    cos, sin = np.cos(turn) * scale, np.sin(turn) * scale
    centre = _SIZE / 2 + rng.uniform(-15, 15, size=2)
    placed = parts.copy()
    for x, y in ((0, 1), (2, 3)):
        placed[:, x] = cos * parts[:, x] - sin * parts[:, y] + centre[0]
        placed[:, y] = sin * parts[:, x] + cos * parts[:, y] + centre[1]
    placed[:, 4] *= scale
    return placed


def _picture(gesture: str, rng: np.random.Generator) -> Image.Image:
    hand = coverage(_hand(gesture, rng), _SIZE)[..., None]
    skin = rng.uniform([150, 90, 60], [255, 210, 170])
    picture = 255 * (1 - hand) + skin * hand
    return Image.fromarray(np.clip(picture, 0, 255).astype(np.uint8))


def generate_rps(root: Path, *, scale: str = "ci", seed: int = 42) -> Path:
    """Writes ``rps/`` and ``rps-test-set/`` below `root` (unless already there).

    Returns:
        `root`.

    Raises:
        KeyError: for an unknown scale.
    """
    train, test = SCALES[scale]
    for split, (folder, count) in enumerate((("rps", train), ("rps-test-set", test))):
        for label, gesture in enumerate(CLASSES):
            directory = Path(root) / folder / gesture
            if directory.is_dir() and len(list(directory.glob("*.png"))) == count:
                continue
            directory.mkdir(parents=True, exist_ok=True)
            for index in range(count):
                rng = np.random.default_rng(np.random.SeedSequence([seed, split, label, index]))
                _picture(gesture, rng).save(directory / f"{gesture}{index:03d}.png")
    return Path(root)
