"""Week 1: Cats vs Dogs on a large, dirty, real-world dataset."""

from __future__ import annotations

from autograder.assignments.spec import ArtifactSpec, Assignment
from autograder.checks.c2w1 import callback, cleaning, datasets, model, training

__all__ = ["C2W1"]

C2W1 = Assignment(
    id="C2W1",
    title="Week 1: Cats vs Dogs — using a large, real-world dataset",
    notebook="C2W1_Assignment.ipynb",
    dataset="cats_and_dogs",
    images_subdir="PetImages",
    uses_probe=True,
    public_data_folder="PetImages",
    artifacts=(
        ArtifactSpec("cleaning", "cleaning", (("function", "clean_images"),)),
        ArtifactSpec("datasets", "datasets", (("function", "train_val_datasets"),)),
        ArtifactSpec("created_model", "model",
                     (("function", "create_model"), ("file", "created_model.keras"))),
        ArtifactSpec("callback", "callback",
                     (("name", "EarlyStoppingCallback"), ("grid", callback.PROBES))),
        ArtifactSpec("history", "history"),
        ArtifactSpec("trained_model", "trained_model", (("file", "trained_model.keras"),)),
    ),
    checks=(
        cleaning.clean_images_drops_bad_files,
        cleaning.clean_images_keeps_good_files,
        datasets.datasets_image_size,
        datasets.datasets_binary_labels,
        datasets.datasets_split_sizes,
        datasets.datasets_disjoint,
        datasets.datasets_exclude_dirty_files,
        model.model_input_shape,
        model.model_rescaling_first,
        model.model_three_conv_layers,
        model.model_binary_head,
        model.model_loss_matches_head,
        model.model_accuracy_metric,
        callback.callback_is_working_keras_callback,
        callback.callback_stops_at_bars,
        callback.callback_keeps_training_below_bars,
        training.training_reached_bars,
        training.heldout_accuracy,
    ),
)
