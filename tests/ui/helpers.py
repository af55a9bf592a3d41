"""Helpers for the app tests: waiting for what the user would wait for, never a fixed time."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.command import CommandList
from textual.widgets import OptionList

from reader_tui.library import edits, importing, queries
from reader_tui.screens.reading import ReadingScreen

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.pilot import Pilot
    from textual.widget import Widget

    from reader_tui.library import Library
    from reader_tui.widgets.article import ArticleView
    from reader_tui.widgets.shown_text import Caret

W = TypeVar("W", bound="Widget")


async def until(pilot: Pilot[None], condition: Callable[[], object], timeout: float = 10) -> None:
    """Let the app run until `condition()` holds (fails after `timeout` seconds)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.01)


# The app changes these between two looks at them; read through a function, each look is
# a new value (an attribute read twice would keep the first answer for the type checker).


async def paste(pilot: Pilot[None], text: str) -> None:
    """Paste `text` into the focused field, as a terminal delivers a paste."""
    await until(pilot, lambda: pilot.app.focused is not None)
    focused = pilot.app.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


def current(pilot: Pilot[None]) -> object:
    """The screen on top now."""
    return pilot.app.screen


def displayed(widget: Widget) -> bool:
    """Whether the widget is shown now."""
    return widget.display


async def focus_on(pilot: Pilot[None], widget: W) -> W:
    """Give `widget` the focus, as a click or Tab would, and let it take it."""
    widget.focus()
    await pilot.pause()
    return widget


def caret(view: ArticleView) -> Caret | None:
    """Where the article view's keyboard caret is now."""
    return view.caret_at


async def palette_ready(pilot: Pilot[None]) -> None:
    """Wait until the command palette shows its best match."""
    await until(pilot, lambda: pilot.app.screen.query_one(CommandList).highlighted is not None)


async def open_seed(pilot: Pilot[None]) -> ReadingScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    return screen


async def open_first_question(pilot: Pilot[None], screen: ReadingScreen) -> None:
    """Enter on the notes pane's first question: its editor opens."""
    questions = screen.query_one("#questions", OptionList)
    questions.focus()
    questions.highlighted = 0
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


def summary_conflict(library: Library, mine: str, theirs: str) -> Path:
    """The seed's summary changed in the app (`mine`) and in the post (`theirs`), the post
    then imported: a conflict to settle. Returns the post's path."""
    article_id = queries.articles(library)[0].id
    edits.set_notes(library, article_id, summary=mine)
    path = Path(queries.article(library, article_id).path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("국내 AI 그룹 소개", theirs), encoding="utf-8")
    importing.import_paths(library, [path])
    return path
