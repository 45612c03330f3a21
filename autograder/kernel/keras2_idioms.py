"""The Keras 2 idioms the course's older edition was written in, inside a Keras 3 kernel.

The older (Colab, 2022–2024) notebooks ran on TensorFlow 2.x with Keras 2, where their own
template code worked: ``output_of_last_layer`` prints ``last_desired_layer.output_shape``,
learners wrote ``RMSprop(lr=1e-4)`` and ``model.fit_generator(...)``. Keras 3, which grades
them, dropped all three, so a sound older notebook crashed on the course's own line and lost
the points of every later part. For notebooks graded as an older edition
(`Edition.legacy_keras`), the grader's prelude gives them back as Keras 2 meant them (a
layer's output shape, ``lr`` as the learning rate, the ``*_generator`` methods as ``fit``,
``evaluate`` and ``predict``); the current edition runs Keras 3 as the course's platform does.

Nothing here decides a grade: it only lets the notebook's own code run. Each idiom is added
only where Keras lacks it, once.
"""

from __future__ import annotations

__all__ = ["install"]


def _output_shape(layer):
    """Keras 2's ``Layer.output_shape``: the shape of the layer's output (a list for several)."""
    output = layer.output
    if isinstance(output, (list, tuple)):
        return [tuple(tensor.shape) for tensor in output]
    return tuple(output.shape)


def _accept_lr(optimizer_class) -> None:
    """Optimizers take Keras 2's ``lr=`` as ``learning_rate``."""
    original = optimizer_class.__init__
    if getattr(original, "_autograder_lr", False):
        return

    def __init__(self, *args, **kwargs):
        if "lr" in kwargs:
            rate = kwargs.pop("lr")
            if args:
                args = (rate, *args[1:])
            else:
                kwargs["learning_rate"] = rate
        original(self, *args, **kwargs)

    __init__._autograder_lr = True
    __init__.__doc__ = original.__doc__
    optimizer_class.__init__ = __init__


def install() -> None:
    """Adds the Keras 2 idioms Keras 3 lacks (idempotent)."""
    import keras

    if not hasattr(keras.layers.Layer, "output_shape"):
        keras.layers.Layer.output_shape = property(_output_shape)
    for name, replacement in (("fit_generator", "fit"), ("evaluate_generator", "evaluate"),
                              ("predict_generator", "predict")):
        if not hasattr(keras.Model, name):
            def method(self, generator, *args, _to=replacement, **kwargs):
                return getattr(self, _to)(generator, *args, **kwargs)

            method.__name__ = name
            setattr(keras.Model, name, method)
    for optimizer in vars(keras.optimizers).values():
        if isinstance(optimizer, type) and issubclass(optimizer, keras.optimizers.Optimizer):
            _accept_lr(optimizer)
