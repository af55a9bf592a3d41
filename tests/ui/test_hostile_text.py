"""Text is text: a post, a note, a query or a question full of Textual markup, escape
sequences, bidi controls and odd characters, taken through every screen. Nothing may
raise, no rendered line may hold a raw control character, and the text shows as written.

`make fuzz` runs the property test with many more examples (READER_TUI_FUZZ=N).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.widgets import Label

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, importing, queries
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.reading import ReadingScreen
from reader_tui.terminal import safe
from reader_tui.widgets.article import ArticleView
from tests.ui.helpers import paste, until

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from tests.conftest import MakeLibrary

FRAGMENTS = [
    "[", "[/", "]", "[/x]", "[/bold]", "[b]", "[@click=app.quit]", "[/]", "[link='x']",
    "[INST]", "[/INST]", "\x1b[2J", "\x1b]52;c;SEVJTA==\x07", "\x1b]8;;http://e\x07",
    "\x9b31m", "\x85", "\u202e", "\u2066", "\u2069", "\x00", "\x07", "\r", "e\u0301", "가",
    "中", "😀", " ", "<", "&", "\\", "*",
]  # fmt: skip
EVERYTHING = "".join(FRAGMENTS)
RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar: controls escaped, the rest as it is."""
    body = "".join(
        f"\\u{ord(ch):04x}" if RAW.match(ch) else ("\\" + ch if ch in '"\\' else ch) for ch in text
    )
    return f'"{body}"'


def post(hostile: str) -> str:
    """A post with `hostile` as its title, link, text, highlight and notes."""
    quoted = yaml_quoted(hostile)
    line = hostile.replace("\n", " ")
    return (
        f"---\ntitle: {quoted}\nsubtitle: {quoted}\n---\n\n[링크](https://e.com/{line})\n"
        f"앞 {line} 뒤\n\n"
        f'<span style="color:red">밑줄 {line}</span>\n\n* * *\n\n'
        f"### 2. 키워드 : \\#키워드 \\#{line}\n### 3. 요약 : {line}\n### 4. 궁금한 점 : {line}\n"
    )


def clean_screen(pilot: Pilot[None]) -> str:
    """The screen's rendered lines, checked free of raw control characters."""
    lines = [strip.text for strip in pilot.app.screen._compositor.render_strips()]
    for line in lines:
        assert not RAW.search(line), repr(line)
    return "\n".join(lines)


async def look(pilot: Pilot[None]) -> str:
    await pilot.pause()
    return clean_screen(pilot)


async def tour(pilot: Pilot[None], library: Library, hostile: str) -> None:
    """Every screen that shows the hostile text, and the dialogs that show it."""
    app = pilot.app
    await look(pilot)  # the library: title, keywords
    for key in ("slash", "f"):  # search and filter for it
        await pilot.press(key)
        await paste(pilot, hostile)
        await pilot.press("enter")
        await look(pilot)
        if key == "f":  # a review of that keyword names it in its header
            await pilot.press("r")
            await look(pilot)
            await pilot.press("escape")
        await pilot.press("escape")
    await pilot.press("ctrl+p")  # the palette lists titles
    await paste(pilot, hostile[:20])
    await look(pilot)
    await pilot.press("escape")
    await pilot.press("enter")  # the reading screen
    screen = app.screen
    assert isinstance(screen, ReadingScreen)
    assert screen.article is not None
    title = str(screen.query_one("#article-title", Label).render())
    assert title.startswith(safe(screen.article.title))  # as written, no markup obeyed
    await look(pilot)
    await pilot.press("n", "e")  # the highlight's note dialog
    await look(pilot)
    await pilot.press("escape", "x")  # removing it asks, quoting it
    await look(pilot)
    await pilot.press("n", "C")  # the conflict dialog, both versions
    await look(pilot)
    await pilot.press("escape")
    screen.query_one("#new-question").focus()  # a question typed with the text in it
    await paste(pilot, f"코드 {hostile} 는 무엇?")
    await pilot.press("enter")
    await look(pilot)
    screen.query_one(ArticleView).focus()
    await pilot.press("escape")
    await pilot.press("r")  # review: the card's source and passage
    await look(pilot)
    await pilot.press("space")
    await look(pilot)
    await pilot.press("escape", "t")  # statistics: titles per article
    await look(pilot)
    await pilot.press("escape")
    assert isinstance(app.screen, LibraryScreen)


def hostile_library(folder: Path, hostile: str) -> Library:
    """A library (close it) of one post full of `hostile`, with a highlight note, an
    answer and a question holding it, and a notes conflict over it."""
    notes = folder / "notes"
    notes.mkdir()
    path = notes / "2022-03-16-hostile.md"
    path.write_text(post(hostile), encoding="utf-8")
    library = Library(folder / "library.db")
    importing.import_paths(library, [notes])
    (entry,) = queries.articles(library)
    article = queries.article(library, entry.id)
    for h in article.highlights:
        edits.set_highlight_note(library, h.id, hostile)
    for q in article.questions:
        edits.update_question(library, q.id, answer=hostile, status="answered")
    edits.add_question(library, entry.id, f"코드 {hostile} 는 무엇?")
    # A conflict: the summary changed in the app and in the post.
    edits.set_notes(library, entry.id, summary=f"앱 {hostile}")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("### 3. 요약 : ", "### 3. 요약 : 파일 "), encoding="utf-8")
    importing.import_paths(library, [path])
    return library


async def test_everything_hostile_at_once_is_shown_as_text(tmp_path: Path) -> None:
    library = hostile_library(tmp_path, EVERYTHING)
    assert queries.article(library, 1).conflicts
    app = ReaderApp(library, save_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await tour(pilot, library, EVERYTHING)
    # Reopened: the question typed with markup in it does not stop the article opening.
    app = ReaderApp(library, save_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        shown = await look(pilot)
        assert "코드" in shown
    library.close()


async def test_a_click_on_markup_in_a_title_does_nothing(make_library: MakeLibrary) -> None:
    title = "---\ntitle: '[@click=app.quit]CLICKME[/]'\n---\n\n본문\n"
    library = make_library({"2022-03-16-click.md": title}, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        label = app.screen.query_one("#article-title", Label)
        assert str(label.render()).startswith("[@click=app.quit]CLICKME[/]")
        await pilot.click(label, offset=(3, 0))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReadingScreen)


pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3))


@settings(
    max_examples=int(os.environ.get("READER_TUI_FUZZ", "3")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(hostile=st.lists(pieces, min_size=1, max_size=8).map("".join))
async def test_any_hostile_text_is_shown_as_text(hostile: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        library = hostile_library(Path(folder), hostile)
        try:
            app = ReaderApp(library, save_delay=0)
            async with app.run_test(size=(100, 30)) as pilot:
                await tour(pilot, library, hostile)
        finally:
            library.close()
