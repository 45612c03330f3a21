"""`autograder.kernel.capture`: what a call into the notebook's code says when its inputs were
never made."""

from __future__ import annotations

import pytest

from autograder.kernel.capture import Guarded, call_in


def _final(base, cut):
    return (base, cut)


def test_a_variable_the_notebook_never_made_is_absent():
    # The older Week 3 notebook's output_of_last_layer raised, so `last_output` was never
    # assigned: create_final_model's export must say it was never made (after a failed cell
    # the check is then "not graded: cell N failed first"), not blame a cell left unrun.
    with pytest.raises(Guarded) as raised:
        call_in({"create_final_model": _final, "pre_trained_model": 1},
                "create_final_model", ("pre_trained_model", "last_output"))
    assert raised.value.absent
    assert "`last_output` is not defined" in raised.value.feedback


def test_a_function_the_notebook_never_defined_is_absent():
    with pytest.raises(Guarded) as raised:
        call_in({}, "create_final_model", ())
    assert raised.value.absent


def test_a_function_that_raises_is_not_absent():
    def broken(base):
        raise AttributeError("'Concatenate' object has no attribute 'output_shape'")

    with pytest.raises(Guarded) as raised:
        call_in({"output_of_last_layer": broken, "pre_trained_model": 1},
                "output_of_last_layer", ("pre_trained_model",))
    assert not raised.value.absent


def test_the_notebook_s_variables_are_passed():
    assert call_in({"create_final_model": _final, "pre_trained_model": 1, "last_output": 2},
                   "create_final_model", ("pre_trained_model", "last_output")) == ((1, 2), "")
