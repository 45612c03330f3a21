"""Opening a report page in headless Chromium (Debian's package, driven by Playwright)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["PageFacts", "open_in_chromium"]


@dataclass(frozen=True)
class PageFacts:
    """What the browser saw."""

    console_errors: list[str]
    """Console messages of type error and uncaught page errors."""
    images: list[dict]
    """Per <img>: its ``alt``, ``naturalWidth`` and ``complete``."""
    text: str
    """The page's visible text."""
    requests: list[str]
    """URLs the page asked for besides itself (a self-contained page asks for none)."""
    title: str = ""
    """The page's title once it loaded (after its scripts ran)."""


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is not installed: run `make setup` (installs Debian's chromium).")
    return path


def open_in_chromium(page_path: Path, screenshot: Path) -> PageFacts:
    """Loads `page_path` in headless Chromium, saves a full-page `screenshot`, returns facts."""
    from playwright.sync_api import sync_playwright

    errors, requests = [], []
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(),
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda r: requests.append(r.url) if r.url != url
                    and not r.url.startswith("data:") else None)
            page.goto(url, wait_until="load")
            images = page.evaluate("Array.from(document.images).map(i => ({alt: i.alt, "
                                   "naturalWidth: i.naturalWidth, complete: i.complete}))")
            text = page.inner_text("body")
            title = page.title()
            page.screenshot(path=str(screenshot), full_page=True)
        finally:
            browser.close()
    return PageFacts(console_errors=errors, images=images, text=text, requests=requests,
                     title=title)
