"""The class report page: every section from real gradings, student text shown as text, and
the page loaded in headless Chromium with no console error and no request."""

from __future__ import annotations

from autograder.reporters.classreport import (
    read_results, render_class_report, summarize_class, write_class_report)
from tests.reporters.browser import open_in_chromium
from tests.reporters.classreport.classes import made, real_results
from tests.reporters.leaks import assert_terminal_safe, embedded_pngs

HOSTILE = ("Expected <b>x</b>. Found <script>document.title='pwned'</script>"
           "<img src=x onerror=\"document.title='pwned'\">\x1b[2J\u202e")


def _made():
    return [made("mallory<img src=x onerror=alert(1)>/C2W1/n",
                 failed={"model_binary_head": HOSTILE}, history={"accuracy": [0.1, 0.2]},
                 status="cell_errors", message="<iframe src=\"https://example.com\"></iframe>"),
            made("eve/C2W1/n", status="grader_error", seconds=4),
            made("zed/C2W1/n", sha="a" * 64), made("yan/C2W1/n", sha="a" * 64)]


def _class(tmp_path):
    """Week 1's 40 real gradings and the four made ones."""
    return summarize_class([*read_results(real_results(tmp_path / "results")).entries,
                            *_made()])


def test_student_text_is_escaped_never_markup():
    page = render_class_report(summarize_class(_made()))
    assert "<script>" not in page and "<img src=x" not in page and "<iframe" not in page
    assert "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;" in page
    assert "mallory&lt;img src=x onerror=alert(1)&gt;" in page
    assert "&lt;iframe src=&#34;https://example.com&#34;&gt;" in page
    assert "\x1b" not in page and "\u202e" not in page


def test_every_section_is_there(tmp_path):
    page = render_class_report(_class(tmp_path), source="results")
    for heading in ("Checks", "Submissions whose notebook did not run to its end",
                    "Grader errors", "Slowest gradings", "Flagged for a human look"):
        assert f"<h3>{heading}</h3>" in page
    assert "A signal, not a verdict" in page
    assert "2 submissions with the same notebook file (SHA-256 aaaaaaaaaaaa…)" in page
    assert "RuntimeError: the grader broke" in page  # the instructor's reason
    assert "made by 3 grader versions" in page  # two real graders and the made results
    assert len(embedded_pngs(page)) == 1  # the histogram, nothing else


def test_an_empty_class_still_renders(tmp_path):
    page = render_class_report(summarize_class([]))
    assert "0 submissions of 0 assignments" in page


def test_loads_in_chromium_with_no_console_error(tmp_path):
    page = write_class_report(_class(tmp_path), tmp_path / "class.html", source="results")
    facts = open_in_chromium(page, tmp_path / "class.png")
    assert facts.console_errors == []
    assert facts.requests == []  # self-contained: no script, no network, no file beside it
    assert facts.title == "Class report: 44 submissions"  # no student script ran
    assert [(image["complete"], image["naturalWidth"] > 300) for image in facts.images] == [
        (True, True)]
    assert "Flagged for a human look" in facts.text
    assert "tests/hostile/hand-made-history-untrained-model" in facts.text
    assert_terminal_safe(facts.text.replace("\u200b", ""))
    assert (tmp_path / "class.png").stat().st_size > 10_000


def test_student_pages_are_linked_by_a_path_never_a_url_scheme(tmp_path):
    entries = [made("javascript:alert(1)/C2W1/n"), made("alice/C2W1/n")]
    pages = {entry.key: tmp_path / "out" / f"{entry.key}.html" for entry in entries}
    page = write_class_report(summarize_class(entries + [made("bob/C2W1/n")]),
                              tmp_path / "out" / "class.html", pages=pages).read_text()
    assert '<a href="javascript%3Aalert%281%29/C2W1/n.html">javascript:alert(1)/C2W1/n</a>' in page
    assert '<a href="alice/C2W1/n.html">alice/C2W1/n</a>' in page
    assert "bob/C2W1/n</a>" not in page  # no page, no link
