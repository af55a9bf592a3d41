"""The library screen's rows: an article, a search hit. Text as text, never markup."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.content import Content

from reader_tui.terminal import safe
from reader_tui.widgets.rows import Column, Row
from reader_tui.widgets.text import read_mark, told_apart

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader_tui.models import LibraryEntry, SearchHit

ARTICLE_COLUMNS = (
    Column("Date", 10),
    Column("Title", share=3),
    Column("Hl", 3, right=True),
    Column("Q", 3, right=True),
    Column("Read", 4, right=True),
    Column("Keywords", share=1),
    Column("", 8),
)
HIT_COLUMNS = (Column("Found in", 9), Column("Article and passage"))


def article_row(entry: LibraryEntry, where: str = "") -> Row:
    """An article as a row of the library (`where`: what tells it apart from another
    article of its title, shown before it: see `told_apart`)."""
    mark = "missing" if entry.missing else ("conflict" if entry.conflict else "")
    return Row(
        str(entry.id),
        (
            Content(entry.date.isoformat() if entry.date else ""),
            titled(entry.title, where),
            Content(str(entry.highlights)),
            Content(str(entry.open_questions) if entry.open_questions else ""),
            Content(read_mark(entry.read)),
            Content(safe(" ".join(f"#{k}" for k in entry.keywords))),
            Content.styled(mark, "bold") if mark else Content(""),
        ),
    )


def article_rows(entries: Sequence[LibraryEntry], shown: int) -> tuple[list[Row], dict[int, Row]]:
    """The rows of `entries` after the first `shown`, and those of the first `shown` to
    make again (by index): their title is another's further down."""
    apart = told_apart((entry.title, entry.path) for entry in entries)
    rest = [article_row(entry, apart.get(entry.path, "")) for entry in entries[shown:]]
    again = {
        index: article_row(entry, apart[entry.path])
        for index, entry in enumerate(entries[:shown])
        if entry.path in apart
    }
    return rest, again


def hit_row(key: str, hit: SearchHit, words: Sequence[str], where: str = "") -> Row:
    """A search hit: where it was found, its article's title and its snippet, the words
    found marked."""
    snippet = Content(safe(" ".join(hit.snippet.split())))
    for word in words:
        snippet = snippet.highlight_regex(re.escape(safe(word)), style="bold underline")
    passage = Content.assemble(titled(hit.title, where, "bold"), "\n  ", snippet)
    return Row(key, (Content(hit.kind), passage))


def titled(title: str, where: str, style: str = "") -> Content:
    """A title, after what tells its article apart from another's, dimmed (before it:
    a narrow column cuts a title's end)."""
    shown = Content.styled(safe(title), style) if style else Content(safe(title))
    return Content.styled(f"{safe(where)} — ", "dim") + shown if where else shown
