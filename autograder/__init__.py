"""Autograder for "Convolutional Neural Networks in TensorFlow".

The road a submission takes: notebook → execute (own kernel, limits) → artifacts (model,
history, function outputs) → checks → results → reporters. See `autograder.pipeline`.
"""

import functools
import hashlib
from pathlib import Path

__version__ = "0.1.0"

__all__ = ["__version__", "grader_fingerprint"]


@functools.cache
def grader_fingerprint() -> str:
    """The version of the grader that made a result: ``"<version>+<first 12 hex of SHA-256>"``.

    The hash covers the package's own ``.py`` and ``.json`` files (sorted relative paths and
    their bytes), so any edit to the checks, the pipeline or the schema gives a new
    fingerprint, and a batch never reuses a result that another grader made. Computed once
    per process.

    Example:

        >>> grader_fingerprint()  # doctest: +SKIP
        '0.1.0+3f9a0c1d2e4b'
    """
    package = Path(__file__).resolve().parent
    files = sorted((path.relative_to(package).as_posix(), path)
                   for pattern in ("*.py", "*.json") for path in package.rglob(pattern)
                   if "__pycache__" not in path.parts)
    digest = hashlib.sha256()
    for name, path in files:
        content = path.read_bytes()
        # names and lengths delimit each file, so moving bytes between files changes the hash
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return f"{__version__}+{digest.hexdigest()[:12]}"
