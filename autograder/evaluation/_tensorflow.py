"""Importing Keras in the grading process without TensorFlow's start-up noise.

TensorFlow 2.21 writes its start-up lines (oneDNN, CPU features, absl) to file
descriptor 2 before its own log level is read, so ``TF_CPP_MIN_LOG_LEVEL`` cannot hide
them. They are not errors; the first import runs with that descriptor pointed at
/dev/null so that an instructor's terminal and batch logs show only grading output.
Python exceptions raised by the import are unaffected.
"""

from __future__ import annotations

import os
import sys

__all__ = ["import_tensorflow", "import_keras"]


def import_tensorflow():
    """Returns the ``tensorflow`` module (with Keras loaded), imported quietly the first time."""
    if "keras" not in sys.modules or "tensorflow" not in sys.modules:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        sys.stderr.flush()
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            import tensorflow  # noqa: F401  (loads the native library, the noisy part)
            import keras  # noqa: F401
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)
    return sys.modules["tensorflow"]


def import_keras():
    """Returns the ``keras`` module, imported quietly the first time."""
    import_tensorflow()
    return sys.modules["keras"]
