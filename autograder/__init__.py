"""Autograder for "Convolutional Neural Networks in TensorFlow".

The road a submission takes: notebook → execute (own kernel, limits) → artifacts (model,
history, function outputs) → checks → results → reporters. See `autograder.pipeline`.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
