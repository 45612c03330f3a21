"""The whole-notebook time budget (no kernel, fake clock)."""

from __future__ import annotations

from autograder.execute.budget import Budget, CellLimit


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_per_cell_limit_applies_while_time_is_plentiful():
    budget = Budget(1800, clock=FakeClock())

    assert budget.cell_limit(600) == CellLimit(600, set_by_budget=False)


def test_time_left_caps_the_cell_limit():
    clock = FakeClock()
    budget = Budget(1800, clock=clock)
    clock.now += 1500

    assert budget.cell_limit(600) == CellLimit(300, set_by_budget=True)


def test_spent_budget_gives_no_limit():
    clock = FakeClock()
    budget = Budget(10, clock=clock)
    clock.now += 10

    assert budget.cell_limit(600) is None
