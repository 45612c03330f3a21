"""Week 3's rules as data (COURSE.md): 150×150 RGB through InceptionV3's preprocessing,
binary horses/humans from separate ``train/`` and ``validation/`` folders, a frozen
InceptionV3 cut at ``mixed7`` with the course's head, a callback at training accuracy
> 0.999 within 20 epochs, held-out accuracy ≥ 0.80."""

from __future__ import annotations

from autograder.assignments.spec import Rules

__all__ = ["RULES", "CUT_LAYER", "CUT_SHAPE", "TOTAL_PARAMS", "TRAINABLE_PARAMS",
           "LEARNING_RATES", "DENSE_UNITS"]

RULES = Rules(class_names=("horses", "humans"), image_size=(150, 150), label_mode="binary",
              validation_split=0.2, split_seed=42, batch_size=32, accuracy_bar=0.999,
              val_accuracy_bar=0.0, max_epochs=100, epoch_budget=20,
              heldout_threshold=0.80, max_parameters=100_000_000)
"""``validation_split`` is the real set's share (256 of 1,283 pictures, in their own folder);
``val_accuracy_bar`` 0: the course's callback reads the training accuracy only;
``max_epochs`` 100: the public course's notebook trains up to 100 epochs and lets the callback
stop it (on the stand-in a correct public notebook needed 23; ours trains at most 20).
``epoch_budget`` 20: what one grading trains of those. On the stand-in a model that augments
its pictures (both course generations do) never reaches the callback's 0.999, so the public
notebooks' ``epochs=100`` ran to the end: about 73 s an epoch on the slow 2-core CPU, 7,300 s
in all, past the 2,700 s cell limit, and the notebook lost the training and held-out points
(16/21, ``tests/e2e/test_older_public.py``). The calibration trains 20 epochs and every sound
run passes both bars in them (``bench/calibration``), so the grader lowers a larger
``epochs`` to 20 and says so in the notebook's output and the feedback; the training rule
reads "ran every epoch it was given", the 20.
``heldout_threshold`` 0.80 (was 0.85): in the calibration (seed 1, ``bench/calibration``) the
older course's ImageDataGenerator augmentation, a sound model, scored 0.867 on the 128 held-out
pictures, 0.017 (two pictures) above 0.85, where another seed can fall below; at 0.80 every
sound run clears it by 0.067 or more, and the base never loaded (random features) misses it by
0.22. The training point's measurement is held against it too (`training_reached_bar`).
``max_parameters``: about twice the course's model (`TOTAL_PARAMS`, 47.5 M, 38.5 M of them in
the Dense(1024) head on mixed7's 7×7×768 output), so that what passes is scored within the
grader's checking process's memory cap: there the course's model peaked at 1.98 GiB, one with a
Dense(2400) head (99.3 M) at 3.24 GiB, and one with Dense(4800) (190 M, under the old bound
of four times) went past 4 GiB (bench/README.md)."""

CUT_LAYER = "mixed7"
CUT_SHAPE = (7, 7, 768)
"""The cut's output at 150×150, without the batch axis."""
TOTAL_PARAMS, TRAINABLE_PARAMS = 47_512_481, 38_537_217
"""The course's final model at 150×150: in all, and trainable (the head)."""
LEARNING_RATES = (1e-5, 1e-4)
"""RMSprop's learning rate in the current course (1e-5) and the older one (1e-4)."""
DENSE_UNITS = 1024
