"""The one way the app shows text from a post, the library, a query or a file name:
control characters as pictures (see `terminal.safe`), Textual markup as plain text; and
how a folder and a share read are put in words."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from reader_tui.terminal import safe

if TYPE_CHECKING:
    from collections.abc import Iterable


def shown(text: str) -> Content:
    """User text as a `Content`: never parsed as markup, controls shown, not obeyed."""
    return Content(safe(text))


def cell(value: str) -> Text:
    """A table cell showing `value` as it is (DataTable reads plain strings as markup)."""
    return Text(safe(value), end="", no_wrap=True)


def short_folder(folder: str, room: int = 28) -> str:
    """A folder as a heading names it: `~` for home, and only its last two parts when
    the whole would crowd the heading (`…/external/korean`)."""
    path = Path(folder)
    home = Path.home()
    shown_path = f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
    if len(shown_path) <= room:
        return shown_path
    return "…/" + "/".join(path.parts[-2:])


def told_apart(titled: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For posts that share a title, (title, path) each: what tells each one apart, by
    path. It is the part of its path after the folders they all share, less the file
    name when every one has the same (`history/6a5d2e5`, `zoohoson/article/2021`)."""
    by_title: dict[str, set[str]] = {}
    for title, path in titled:
        by_title.setdefault(title, set()).add(path)
    apart: dict[str, str] = {}
    for paths in by_title.values():
        if len(paths) < 2:
            continue
        common = os.path.commonpath(list(paths))
        same_name = len({os.path.basename(path) for path in paths}) == 1
        for path in paths:
            rest = os.path.relpath(path, common)
            apart[path] = os.path.dirname(rest) if same_name else rest
    return apart


def read_mark(read: float | None) -> str:
    """How far an article has been read: nothing if never opened, a share, or ✓."""
    if read is None:
        return ""
    return "✓" if read >= 0.98 else f"{int(read * 100)}%"
