"""Reporters: render `GradeResult` files for students and instructors.

All of them read the same result object: the text feedback and tables (`text`), the HTML
report (`html`), the CI result formats (`formats`) and the job summary (`markdown`).
"""

from autograder.reporters.formats import (
    classroom_result, gradescope_results, reporter_base64, reporter_payload, write_result_formats)
from autograder.reporters.html import render_html_report, write_html_report
from autograder.reporters.markdown import markdown_summary
from autograder.reporters.text import batch_table, score_table, student_feedback

__all__ = ["batch_table", "score_table", "student_feedback", "render_html_report",
           "write_html_report", "markdown_summary", "classroom_result", "reporter_payload",
           "reporter_base64", "gradescope_results", "write_result_formats"]
