"""Reporters: render `GradeResult` files for students and instructors."""

from autograder.reporters.text import batch_table, score_table, student_feedback

__all__ = ["batch_table", "score_table", "student_feedback"]
