"""Tests collected by ``pytest autograder --submission NOTEBOOK`` (one per check)."""
