"""Exporting what the trained model was fit on (inside the student's kernel).

A ``tf.data`` pipeline is written as its serialized graph (``fit_<split>.pb``), which the
grader parses itself to find random ``map`` steps; a legacy generator is described by its
settings, as for the graded dataset function. A week that scores the trained model the way
it was fed (Week 3) also asks for the first training batch's facts (its pixel range): the
data given to fit may be preprocessed after the graded dataset function returned it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from autograder.kernel.capture import Guarded, quietly
from autograder.kernel.datasets import describe_dataset, first_batch_facts
from autograder.kernel.fit_record import trained_model, training_inputs

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


def _describe(value: Any, split: str, out_dir: Path, batch: bool) -> dict:
    import tensorflow as tf

    name = "training" if split == "train" else split
    if value is None:
        return {"kind": "none"}
    if isinstance(value, tf.data.Dataset):
        facts: dict[str, Any] = {"kind": "tf.data"}
        if batch:
            facts.update(first_batch_facts(lambda: next(iter(value.take(1))), name))
        try:
            graph, _ = quietly(f"describing the {split} data given to fit", _graph, value)
        except Guarded:
            return facts
        if len(graph) <= MAX_GRAPH_BYTES:
            (out_dir / graph_file(split)).write_bytes(graph)
            facts["graph"] = graph_file(split)
        return facts
    if hasattr(value, "filepaths") and hasattr(value, "class_indices"):
        described = describe_dataset(value, name)
        facts = {"kind": "directory_iterator", "rescale": described.get("rescale"),
                 "augmentation": described.get("augmentation", {})}
        if batch:
            facts.update({k: v for k, v in described.items() if k.startswith("first_batch")})
        return facts
    return {"kind": "other", "type": type(value).__name__[:80]}


def export_fit_data(namespace, out_dir: Path, *, history: str = "history",
                    model: str = "model", first_batch: bool = False) -> dict:
    """Describes the training and validation inputs of the trained model's last fit.

    Args:
        first_batch: also read the first batch of each (its shapes and pixel range).
    """
    inputs = training_inputs(trained_model(namespace, history, model)[0])
    if inputs is None:
        raise Guarded(f"No call to {model}.fit(...) was seen for your trained model. Train it "
                      f"with `{history} = {model}.fit(...)` in the notebook.")
    return {split: _describe(inputs[key], split, Path(out_dir), first_batch)
            for split, key in (("train", "x"), ("validation", "validation_data"))}
