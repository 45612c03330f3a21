"""The grader's stand-in for gdown, where gdown is not installed.

The older course's notebooks fetch files from Google Drive by id (``!gdown --id ID``,
``gdown.download(id=ID, output=...)``). Inside the grader's sandbox this command and module
take their place: they ask ``https://drive.google.com/uc?id=ID`` through the sandbox's proxy
(the grader's offline downloads, which know the course's ids) and save the file under the
name the server gives, or `output`. Standard library only; nothing of the grader is imported.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from urllib.parse import parse_qs, urlsplit

__all__ = ["download", "main"]

__version__ = "offline"


def _drive_url(url: str | None, id: str | None) -> str:  # noqa: A002 - gdown's own name
    if id:
        return f"https://drive.google.com/uc?id={id}"
    if not url:
        raise ValueError("Expected a Drive URL or id. Received neither.")
    if "://" not in url:  # the command takes an id where a URL would be
        return f"https://drive.google.com/uc?id={url}"
    parts = urlsplit(url)
    found = parse_qs(parts.query).get("id") or re.findall(r"/d/([\w-]+)", parts.path)
    return f"https://drive.google.com/uc?id={found[0]}" if found else url


def _file_name(response, url: str) -> str:
    match = re.search(r'filename="?([^";]+)"?', response.headers.get("Content-Disposition", ""))
    return os.path.basename(match.group(1) if match else urlsplit(url).path) or "download"


def download(url: str | None = None, output: str | None = None, quiet: bool = False,
             id: str | None = None, **_ignored) -> str:  # noqa: A002 - gdown's own name
    """Downloads a Drive file like ``gdown.download``; returns the path it was saved to.

    Raises:
        urllib.error.URLError: if it cannot be fetched (the grader is offline and serves
            only the course's files).
    """
    url = _drive_url(url, id)
    with urllib.request.urlopen(url) as response:
        name = _file_name(response, url)
        if output is None:
            output = name
        elif output.endswith(os.sep) or os.path.isdir(output):
            output = os.path.join(output, name)
        if not quiet:
            print(f"Downloading...\nFrom: {url}\nTo: {os.path.abspath(output)}", file=sys.stderr)
        folder = os.path.dirname(os.path.abspath(output))
        with tempfile.NamedTemporaryFile(dir=folder, delete=False) as partial:
            shutil.copyfileobj(response, partial)
    os.replace(partial.name, output)  # over a link that was there, as gdown does
    return output


def main(argv: list[str] | None = None) -> int:
    """The ``gdown`` command: ``gdown [--id] ID_OR_URL [-O OUTPUT] [-q]``."""
    parser = argparse.ArgumentParser(prog="gdown")
    parser.add_argument("url_or_id")
    parser.add_argument("-O", "--output")
    parser.add_argument("-q", "--quiet", action="store_true")
    parser.add_argument("--id", action="store_true")
    for flag in ("--fuzzy", "--no-cookies", "--no-check-certificate", "--continue", "-c",
                 "--remaining-ok"):
        parser.add_argument(flag, action="store_true")
    options = parser.parse_args(argv)
    try:
        download(None if options.id else options.url_or_id, options.output, options.quiet,
                 id=options.url_or_id if options.id else None)
    except (urllib.error.URLError, OSError, ValueError) as error:
        print(f"Failed to retrieve file url: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
