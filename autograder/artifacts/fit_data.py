"""Exporting what the trained model was fit on (inside the student's kernel).

A ``tf.data`` pipeline is written as its serialized graph (``fit_<split>.pb``), which the
grader parses itself to find random ``map`` steps; a legacy generator is described by its
settings, as for the graded dataset function.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from autograder.artifacts.capture import Guarded, quietly
from autograder.artifacts.datasets import describe_dataset
from autograder.artifacts.fit_record import trained_model, training_inputs

__all__ = ["export_fit_data", "MAX_GRAPH_BYTES", "graph_file"]

MAX_GRAPH_BYTES = 32 * 1024 ** 2
"""Largest pipeline graph written (data held in memory, ``from_tensor_slices``, is inside)."""


def graph_file(split: str) -> str:
    """The file name of the `split` ("train"/"validation") pipeline's graph."""
    return f"fit_{split}.pb"


def _graph(dataset) -> bytes:
    import tensorflow as tf

    serialized = tf.raw_ops.DatasetToGraphV2(
        input_dataset=dataset._variant_tensor, external_state_policy=1,  # 1: ignore state
        strip_device_assignment=True)
    return serialized.numpy()


def _describe(value: Any, split: str, out_dir: Path) -> dict:
    import tensorflow as tf

    if value is None:
        return {"kind": "none"}
    if isinstance(value, tf.data.Dataset):
        facts: dict[str, Any] = {"kind": "tf.data"}
        try:
            graph, _ = quietly(f"describing the {split} data given to fit", _graph, value)
        except Guarded:
            return facts
        if len(graph) <= MAX_GRAPH_BYTES:
            (out_dir / graph_file(split)).write_bytes(graph)
            facts["graph"] = graph_file(split)
        return facts
    if hasattr(value, "filepaths") and hasattr(value, "class_indices"):
        described = describe_dataset(value, "training" if split == "train" else split)
        return {"kind": "directory_iterator", "rescale": described.get("rescale"),
                "augmentation": described.get("augmentation", {})}
    return {"kind": "other", "type": type(value).__name__[:80]}


def export_fit_data(namespace, out_dir: Path, *, history: str = "history",
                    model: str = "model") -> dict:
    """Describes the training and validation inputs of the trained model's last fit."""
    inputs = training_inputs(trained_model(namespace, history, model)[0])
    if inputs is None:
        raise Guarded(f"No call to {model}.fit(...) was seen for your trained model. Train it "
                      f"with `{history} = {model}.fit(...)` in the notebook.")
    return {"train": _describe(inputs["x"], "train", Path(out_dir)),
            "validation": _describe(inputs["validation_data"], "validation", Path(out_dir))}
