"""Reading a student's ``tf.data`` pipeline graph (in the grader, outside the kernel).

The export step serializes the pipeline the model was fit on; here the grader parses it
(a protocol buffer: data, not code — nothing of it runs) and finds the random operations
inside its ``map`` functions: augmentation done in the input pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["PipelineMaps", "read_pipeline_maps", "MAP_DATASETS"]

MAP_DATASETS = frozenset({"MapDataset", "ParallelMapDataset", "ParallelMapDatasetV2",
                          "MapAndBatchDataset"})
_RANDOM_MARKERS = ("Random", "RngReadAndSkip", "RngSkip")


def _is_random(op: str) -> bool:
    return any(marker in op for marker in _RANDOM_MARKERS) and op != "RandomDataset"


def _called(node) -> list[str]:
    """Names of the functions a node calls or takes (``f`` of a map, a partitioned call)."""
    names = []
    for value in node.attr.values():
        if value.HasField("func"):
            names.append(value.func.name)
        names.extend(f.name for f in value.list.func)
    return names


@dataclass(frozen=True)
class PipelineMaps:
    """What the ``map`` steps of a ``tf.data`` pipeline do to its elements."""

    random_ops: tuple[str, ...]
    """The random operations they run, sorted (augmentation); empty for none."""
    rescales: bool
    """Whether they multiply or divide by 255 (or 1/255): pixels rescaled in the pipeline."""


_SCALE_OPS = frozenset({"Mul", "RealDiv", "Div", "TrueDiv", "DivNoNan"})


def _scalar(node) -> float | None:
    """The value of a scalar float constant node, else None."""
    tensor = node.attr["value"].tensor if "value" in node.attr else None
    if tensor is None or tensor.tensor_shape.dim:
        return None
    values = list(tensor.float_val) or list(tensor.double_val)
    if not values and tensor.tensor_content and len(tensor.tensor_content) == 4:
        import struct

        values = [struct.unpack("<f", tensor.tensor_content)[0]]
    return float(values[0]) if values else None


def _is_pixel_scale(value: float | None) -> bool:
    return value is not None and (abs(value - 255.0) < 1e-3 or abs(value - 1 / 255) < 1e-6)


def read_pipeline_maps(path: Path) -> PipelineMaps:
    """Parses a serialized pipeline and describes its ``map`` functions.

    Raises:
        ValueError: if `path` is not a serialized ``GraphDef``.
    """
    from google.protobuf.message import DecodeError
    from tensorflow.core.framework import graph_pb2

    try:
        graph = graph_pb2.GraphDef.FromString(Path(path).read_bytes())
    except (DecodeError, RecursionError) as error:
        raise ValueError(f"not a GraphDef: {error}") from None
    functions = {f.signature.name: f for f in graph.library.function}
    pending = [name for node in graph.node if node.op in MAP_DATASETS for name in _called(node)]
    seen: set[str] = set()
    random_ops: set[str] = set()
    rescales = False
    while pending:
        name = pending.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        nodes = functions[name].node_def
        random_ops.update(node.op for node in nodes if _is_random(node.op))
        scales = any(node.op in _SCALE_OPS for node in nodes)
        rescales |= scales and any(node.op == "Const" and _is_pixel_scale(_scalar(node))
                                   for node in nodes)
        pending.extend(called for node in nodes for called in _called(node))
    return PipelineMaps(tuple(sorted(random_ops)), rescales)
