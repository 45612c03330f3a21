"""The manual: the README stays a short manual with a table of contents, and every relative
link of the README and docs/ leads to a file of this repository (issue 29)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_the_readme_is_a_manual_under_3000_words_with_contents():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(text.split()) < 3000
    assert "## Contents" in text
    for anchor in re.findall(r"\]\(#([a-z0-9-]+)\)", text):  # each entry names a heading
        headings = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
                    for h in re.findall(r"(?m)^#{2,3} (.+)$", text)}
        assert anchor in headings, anchor


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_leads_to_a_file(page):
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"(https?:|mailto:|#)", target):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        if not path.exists():
            broken.append(target)
    assert not broken, f"{page.name}: {broken}"
