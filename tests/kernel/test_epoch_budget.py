"""The week's epoch budget, as the grader's prelude installs it in the student's kernel:
``fit`` trains at most that many epochs, says so, and the history says what was asked."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from autograder.pipeline import prelude_code

_SCRIPT = textwrap.dedent('''
    import json
    import numpy as np
    import keras
    from autograder.kernel import fit_record
    from autograder.kernel.exporters import export_history

    fit_record.install(3)
    x, y = np.random.rand(16, 4), np.random.randint(0, 2, 16)

    def model():
        made = keras.Sequential([keras.Input((4,)), keras.layers.Dense(1, activation="sigmoid")])
        made.compile("sgd", "binary_crossentropy", metrics=["accuracy"])
        return made

    class StopAtTwo(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, logs=None):
            self.model.stop_training = epoch == 1

    out = {}
    m = model()
    h = m.fit(x, y, epochs=100, verbose=0)
    out["keyword"] = [len(h.history["loss"]), export_history({"history": h}, None)["params"]]
    h = m.fit(x, y, 16, np.int64(50), 0)  # batch_size, epochs, verbose given by position
    out["positional"] = [len(h.history["loss"]), export_history({"history": h}, None)["params"]]
    h = m.fit(x, y, epochs=12, initial_epoch=10, verbose=0)  # 2 epochs: within the budget
    out["within"] = [len(h.history["loss"]), export_history({"history": h}, None)["params"]]
    h = model().fit(x, y, epochs=100, verbose=0, callbacks=[StopAtTwo()])
    out["callback"] = [len(h.history["loss"]), export_history({"history": h}, None)["params"]]
    print("RESULT" + json.dumps(out))
''')


def _run() -> tuple[dict, str]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True,
                          timeout=300, env={"PATH": "/usr/bin:/bin", "CUDA_VISIBLE_DEVICES": "",
                                            "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(l for l in done.stdout.splitlines() if l.startswith("RESULT"))
    return json.loads(line[len("RESULT"):]), done.stdout


def test_fit_trains_at_most_the_budget_and_says_so():
    out, printed = _run()
    assert out["keyword"][0] == 3
    assert out["keyword"][1]["epochs"] == 3 and out["keyword"][1]["asked_epochs"] == 100
    assert out["positional"][0] == 3 and out["positional"][1]["asked_epochs"] == 50
    # an initial_epoch counts: 10 -> 12 is two epochs, not capped, and the earlier ask is gone
    assert out["within"][0] == 2 and "asked_epochs" not in out["within"][1]
    # the notebook's callback still stops it first
    assert out["callback"][0] == 2 and out["callback"][1]["asked_epochs"] == 100
    assert printed.count("graded on at most 3 epochs per training run") == 3
    assert "fit(epochs=100) trains 3 epochs here" in printed


def test_the_prelude_installs_the_weeks_budget():
    assert "_install(20)" in prelude_code(1, epoch_budget=20)
    assert "_install(None)" in prelude_code(1)
