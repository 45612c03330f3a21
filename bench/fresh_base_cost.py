"""One measurement: what always exporting Week 3's fresh_base costs per grading (kernel side:
the reference's create_pre_trained_model() again and its save; grader side: loading it and
fingerprinting its base), with the quick weights file of the tests (same layout and size as
the course's).

    python bench/fresh_base_cost.py

One run on the shared, loaded 2-core AMD EPYC (load average 10 to 14, 2026-12-07): the export
8.6 s in the kernel and an 88.3 MB fresh_base.keras in the grading's scratch folder (removed
with it), the grader's load 7.2 s and fingerprints 1.1 s, 1.17 GB peak resident in this one
process (which also built the weights file and one warm-up model).
"""
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

from tests.weeks.c2w3_helpers import write_quick_weights  # noqa: E402

folder = Path(tempfile.mkdtemp())
weights = write_quick_weights(folder)
out = {"weights_file_mb": round(weights.stat().st_size / 1e6, 1)}
LOCAL_WEIGHTS_FILE = str(weights)


def create_pre_trained_model():
    model = tf.keras.applications.inception_v3.InceptionV3(
        input_shape=(150, 150, 3), include_top=False, weights=None)
    model.load_weights(LOCAL_WEIGHTS_FILE)
    for layer in model.layers:
        layer.trainable = False
    return model


from autograder.kernel.exporters import export_model_if_trainable  # noqa: E402

create_pre_trained_model()  # warm: TensorFlow's first model costs more than any later one
tf.keras.backend.clear_session()
namespace = {"create_pre_trained_model": create_pre_trained_model,
             "pre_trained_model": create_pre_trained_model()}
started = time.perf_counter()
facts = export_model_if_trainable(namespace, folder, function="create_pre_trained_model",
                                  file="fresh_base.keras", variable="pre_trained_model",
                                  always=True)
out["kernel_export_s"] = round(time.perf_counter() - started, 2)
out["fresh_base_keras_mb"] = round((folder / "fresh_base.keras").stat().st_size / 1e6, 1)

import keras  # noqa: E402

from autograder.weeks.c2w3.anatomy import base_fingerprints, file_fingerprints  # noqa: E402

started = time.perf_counter()
loaded = keras.models.load_model(folder / "fresh_base.keras", compile=False, safe_mode=True)
out["grader_load_s"] = round(time.perf_counter() - started, 2)
started = time.perf_counter()
fresh = base_fingerprints(loaded)
known = file_fingerprints(weights)
out["grader_fingerprints_s"] = round(time.perf_counter() - started, 2)
out["fresh_holds_file"] = all(f in known for f in fresh.values())
import resource  # noqa: E402
out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
