"""A student's Markdown and raw cells made inert before nbgrader renders them for anyone.

nbgrader's feedback page and formgrader render Markdown cells with nbconvert's Markdown
renderer, which passes raw HTML through (``<script>``, ``<img onerror=…>``, ``<iframe>``),
and they copy raw cells without a format into the page as they are. Here:

- in Markdown, every ``<`` outside code and math becomes ``&lt;`` (which Markdown shows as
  ``<``), so no tag, comment or autolink is left and the rest of the Markdown (headings,
  emphasis, lists, links, images, tables, code) renders as before. The result is then
  rendered as nbconvert renders it and held to what Markdown itself writes (`MARKDOWN_TAGS`,
  no event handler, links only to http, https, mailto, attachments or relative ones): if anything else is found, every ``<`` is escaped, code
  included (an indented code block, which is not told from a paragraph here, shows ``&lt;``),
  and if even that does not hold, the cell is shown as a block of plain text;
- raw cells have their text escaped as HTML (shown as written whatever format they claim).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["inert_markdown", "inert_raw", "renders_inert", "MARKDOWN_TAGS"]

MARKDOWN_TAGS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "code", "pre", "a", "img",
    "ul", "ol", "li", "blockquote", "hr", "br", "table", "thead", "tbody", "tr", "th", "td",
    "span", "div", "input"})
"""Tags nbconvert's Markdown renderer writes (``span``/``div``: its math and code blocks,
``input``: task lists)."""
_ATTRIBUTES = frozenset({"href", "src", "alt", "title", "class", "id", "start", "align",
                         "style", "type", "checked", "disabled"})
_LINKS = frozenset({"href", "src"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "attachment"})
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")  # browsers drop them (``java\tscript:``)
_UNSAFE_STYLE = re.compile(r"url\s*\(|expression\s*\(|@import", re.IGNORECASE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
#: Code spans, and math (``$…$``, ``$$…$$``), which the renderer escapes itself.
_KEPT_SPAN = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)"
                        r"|(?<![\\$])\$\$(?!\$).+?\$\$|(?<![\\$])\$(?![$\s])[^$\n]+?\$",
                        re.DOTALL)


def _safe_url(value: str) -> bool:
    scheme = _SCHEME.match(_IGNORED_IN_URLS.sub("", value))
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


class _Inspector(HTMLParser):
    """Collects what in rendered HTML Markdown would not have written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in MARKDOWN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if name not in _ATTRIBUTES or (name in _LINKS and not _safe_url(value)) \
                    or (name == "style" and _UNSAFE_STYLE.search(value)):
                self.found.append(f"<{tag} {name}>")

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.found.append("<!-- -->")

    def handle_decl(self, decl):
        self.found.append("<!…>")

    def handle_pi(self, data):
        self.found.append("<?…>")


def renders_inert(markdown: str) -> bool:
    """Whether `markdown`, rendered as nbconvert renders Markdown cells, holds only what
    Markdown writes: `MARKDOWN_TAGS`, no event handler or script link."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    inspector = _Inspector()
    inspector.feed(markdown2html_mistune(markdown))
    inspector.close()
    return not inspector.found


def _escape_line(line: str) -> str:
    """`line` with ``<`` escaped outside its code spans and math."""
    parts, end = [], 0
    for span in _KEPT_SPAN.finditer(line):
        parts.append(line[end:span.start()].replace("<", "&lt;"))
        parts.append(span.group())
        end = span.end()
    parts.append(line[end:].replace("<", "&lt;"))
    return "".join(parts)


def _closes(line: str, fence: str) -> bool:
    closing = _FENCE.match(line)
    return bool(closing) and closing.group(1)[0] == fence[0] \
        and len(closing.group(1)) >= len(fence) and not line.strip().strip(fence[0])


def _escape_outside_code(source: str) -> str:
    """`source` with ``<`` escaped outside fenced code blocks and code spans (a span may
    cross lines within a paragraph, so spans are found paragraph by paragraph)."""
    out, paragraph, fence = [], [], ""
    for line in source.splitlines(keepends=True):
        opened = _FENCE.match(line)
        if fence or opened:
            out.append(_escape_line("".join(paragraph)))
            paragraph = []
            out.append(line)
            if fence:
                fence = "" if _closes(line, fence) else fence
            else:
                fence = opened.group(1)
            continue
        paragraph.append(line)
        if not line.strip():
            out.append(_escape_line("".join(paragraph)))
            paragraph = []
    out.append(_escape_line("".join(paragraph)))
    return "".join(out)


def _as_text(source: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{source}\n{fence}\n"


def inert_markdown(source: str) -> str:
    """A Markdown cell's `source` with no raw HTML left to render (see the module's
    docstring): code and every other Markdown construct are kept as written."""
    if "<" not in source and renders_inert(source):
        return source
    for candidate in (_escape_outside_code(source), source.replace("<", "&lt;")):
        if renders_inert(candidate):
            return candidate
    return _as_text(source)


def inert_raw(source: str) -> str:
    """A raw cell's `source`, escaped as HTML: shown as written, never rendered."""
    import html

    return html.escape(source, quote=True)
