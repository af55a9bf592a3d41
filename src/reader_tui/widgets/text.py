"""The one way the app shows text from a post, the library, a query or a file name:
control characters as pictures (see `terminal.safe`), Textual markup as plain text."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from reader_tui.terminal import safe


def shown(text: str) -> Content:
    """User text as a `Content`: never parsed as markup, controls shown, not obeyed."""
    return Content(safe(text))


def cell(value: str) -> Text:
    """A table cell showing `value` as it is (DataTable reads plain strings as markup)."""
    return Text(safe(value), end="", no_wrap=True)
