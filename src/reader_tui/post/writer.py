"""An edited `Article` back into its post's text, changing only what the edit changed. Pure.

`frontmatter.dumps` is never used to write a post: it re-sorts keys, re-quotes values
and folds long lines. The writer applies the few splices an edit needs to the original.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader_tui.post.conventions import DEFAULT_NAMES
from reader_tui.post.highlights import highlight_splices
from reader_tui.post.notes import notes_splices
from reader_tui.post.reader import parse
from reader_tui.post.splices import apply_splices

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from reader_tui.models import Article
    from reader_tui.post.splices import Splice


def write(
    text: str,
    edited: Article,
    convert_notes: bool = False,
    names: Mapping[str, Iterable[str]] = DEFAULT_NAMES,
    original: Article | None = None,
) -> str:
    """`text` with the edits that `edited` makes to `parse(text)`, and nothing else changed.

    `edited` is `parse(text)` changed through `with_notes`, `add_highlight`,
    `remove_highlight` and `recolor_highlight` (or `dataclasses.replace`). Notes read
    from another blog's headings are only written with `convert_notes` (as a new block in
    the user's form). `original`: `parse(text)`, when the caller has it.
    """
    return edit(text, edited, convert_notes, names, original)[0]


def edit(
    text: str,
    edited: Article,
    convert_notes: bool = False,
    names: Mapping[str, Iterable[str]] = DEFAULT_NAMES,
    original: Article | None = None,
) -> tuple[str, list[Splice]]:
    """`write`, and the splices it made (what `reader.reparse` needs to read the text
    written without reading it all again)."""
    original = original or parse(text, edited.path, names)
    splices = highlight_splices(text, original, edited)
    splices += notes_splices(text, original, edited, convert_notes)
    return (apply_splices(text, splices) if splices else text), splices
