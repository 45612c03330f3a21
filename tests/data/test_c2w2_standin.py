"""Week 2's stand-in: held-out animals turned away from the student's one pose, and shifted
and zoomed no further than every sound augmentation covers; every file the same for a key."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from autograder.data.generation import keyed_rng
from autograder.weeks.c2w2 import standin
from autograder.weeks.c2w2.pose import HELDOUT, UPRIGHT, PoseRanges, random_pose


def test_heldout_poses_stay_within_every_sound_augmentation_and_turned_from_upright():
    poses = [random_pose(keyed_rng(42, 2, label, index)) for label in (0, 1)
             for index in range(400)]
    angles = np.array([pose.angle for pose in poses])
    shifts = np.array([(pose.dx, pose.dy) for pose in poses])
    zooms = np.array([pose.zoom for pose in poses])
    # rotation_range=40; RandomRotation(0.1) turns up to 36 degrees
    assert 15 <= abs(angles).min() and abs(angles).max() <= 40
    assert abs(shifts).max() <= 0.08  # a little: not every sound augmentation translates
    assert abs(zooms - 1).max() <= 0.1  # RandomZoom(0.1)
    for values in (angles, shifts.ravel(), zooms - 1):  # either way, about as often
        assert 0.4 < (values > 0).mean() < 0.6
    assert 0.4 < np.mean([pose.flip for pose in poses]) < 0.6


def test_ranges_bound_each_size_and_give_it_a_random_sign():
    ranges = PoseRanges(turn=(30.0, 30.0), shift=(0.1, 0.1), zoom=(0.0, 0.0), flip=0.0)
    poses = [random_pose(keyed_rng(1, index), ranges) for index in range(50)]
    assert {abs(pose.angle) for pose in poses} == {30.0} and {p.zoom for p in poses} == {1.0}
    assert {pose.angle for pose in poses} == {-30.0, 30.0} and not any(p.flip for p in poses)


def test_pictures_are_the_same_for_a_key_and_the_students_are_all_upright():
    first = standin.picture(42, standin.HELDOUT_SPLIT, 0, 5)
    assert first == standin.picture(42, standin.HELDOUT_SPLIT, 0, 5)
    assert first != standin.picture(43, standin.HELDOUT_SPLIT, 0, 5)
    assert standin.picture(42, standin.STUDENT, 1, 0, HELDOUT) == standin.picture(
        42, standin.STUDENT, 1, 0, PoseRanges(turn=(60.0, 60.0), shift=(0, 0), zoom=(0, 0)))
    with Image.open(io.BytesIO(first)) as image:
        assert image.format == "JPEG" and image.mode == "RGB"
    assert UPRIGHT.angle == 0 and UPRIGHT.zoom == 1
