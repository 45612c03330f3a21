"""What in an HTML page would run a student's script: script elements holding the attack's
text, event-handler attributes, frames and embedded documents, ``javascript:`` links."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["live_html"]


class _Live(HTMLParser):
    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = marker
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        if tag in ("iframe", "frame", "svg", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on") or (value and "javascript:" in value.lower()):
                self.found.append(f"{tag} {name}={value}")

    def handle_data(self, data):
        if self._in_script and self.marker in data:
            self.found.append(f"script {data.strip()[:80]}")

    def handle_endtag(self, tag):
        self._in_script = False


def live_html(page: str, marker: str = "pwned") -> list[str]:
    """The live parts of `page` (empty when none): a script whose text holds `marker`, an
    ``on…`` attribute, a frame, SVG, object or embed, a ``javascript:`` URL."""
    parser = _Live(marker)
    parser.feed(page)
    parser.close()
    return parser.found
