"""A long post is on screen before it is all drawn: the first blocks before the first
frame, the rest a chunk at a time between frames, and the highlights list the same way.
Nothing waits for the rest that does not need it, and what needs it (End, find, going to
a highlight) gets all of it; quitting halfway loses nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from textual import events
from textual.widgets import Input

from reader_tui.library import edits, queries
from reader_tui.post.blocks import split_blocks
from reader_tui.screens.reading import ReadingScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.shown_text import Caret
from reader_tui.widgets.window import BlockScroll
from tests.ui.helpers import displayed, until
from tests.ui.test_window import (
    long_post,
    mounted,
    on_screen,
    open_post,
    rows_match_the_layout,
    styles_of,
)

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from reader_tui.app import ReaderApp
    from reader_tui.library import Library
    from tests.conftest import MakeLibrary

LONG = {"2022-03-15-long.md": long_post(600)}  # 4,800 blocks, 601 highlights


@pytest.fixture(autouse=True)
def a_chunk_a_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests look at a long post between frames while it is drawn: one chunk a
    frame (not as many as fit in `BETWEEN_FRAMES`), so a fast machine still has frames
    to look at."""
    monkeypatch.setattr(BlockScroll, "BETWEEN_FRAMES", 0)


async def first_frame(pilot: Pilot[None]) -> ArticleView:
    """The article view as soon as its first blocks are on screen (not a moment later:
    `until` sleeps; it does not wait for the app to finish what it is doing)."""
    await until(pilot, lambda: isinstance(pilot.app.screen, ReadingScreen))
    view = pilot.app.screen.query_one(ArticleView)
    await until(pilot, lambda: on_screen(view, "제목 0"))
    return view


def drawing(view: ArticleView) -> bool:
    return view.drawing


def ending(view: ArticleView) -> bool:
    return view.ending


def finding(view: ArticleView) -> str | None:
    return view.finding


async def test_the_top_shows_before_the_rest_is_drawn(make_library: MakeLibrary) -> None:
    library = make_library(LONG, seed=False)
    app = open_post(library, "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        assert view.drawing  # on screen, and more to draw
        height = view.virtual_size.height
        await until(pilot, lambda: not drawing(view))
        await pilot.pause()  # laid out at the height of the last blocks drawn
        assert view.virtual_size.height > 10 * height
        # Drawn a chunk at a time, every block is there once, in order.
        article = queries.article(library, view.highlights[0].article_id)
        text = Path(article.path).read_text(encoding="utf-8")
        start = text.index("## 제목 0")
        assert [r.block.start for r in view.shown] == [
            b.start for b in split_blocks(text, start, len(text))
        ]
        rows = view.measured_rows()
        assert rows is not None
        await pilot.pause()
        assert view.virtual_size.height == rows.total


async def test_end_while_drawing_goes_to_the_last_paragraph(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        assert view.drawing
        await pilot.press("end")  # the end of the article, not of what is drawn so far
        await until(pilot, lambda: on_screen(view, "마지막 문단"))
        assert len(mounted(view)) < 100


def marked_post(make_library: MakeLibrary) -> ReaderApp:
    """The app opening a post of 3,001 highlights, one a paragraph (the last one red)."""
    marked = "\n\n".join(f'{n}: <span style="color:blue">밑줄 {n}</span> 문단' for n in range(3000))
    end = '<span style="color:red">끝까지 온 밑줄</span>'
    post = f"---\ntitle: 밑줄들\n---\n\n## 제목 0\n\n{marked}\n\n{end}\n"
    return open_post(make_library({"2022-03-15-marked.md": post}, seed=False), "marked.md")


async def test_going_to_a_late_highlight_while_the_list_fills(make_library: MakeLibrary) -> None:
    app = marked_post(make_library)
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        pane = pilot.app.screen.query_one(HighlightsPane)
        assert pane.option_count < len(pane.items)  # the list is still being made
        await pilot.press("p")  # from none: the last highlight
        last = pane.items[-1]
        await until(pilot, lambda: pane.highlighted == len(pane.items) - 1)
        assert pane.option_count == len(pane.items)
        assert view.active == last.id
        await until(pilot, lambda: on_screen(view, "끝까지 온 밑줄"))


async def test_find_while_drawing_finds_the_last_paragraph(make_library: MakeLibrary) -> None:
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        assert view.drawing
        await pilot.press("slash", *"찾을말여기", "enter")
        await until(pilot, lambda: on_screen(view, "찾을말여기"))


async def test_quitting_while_drawing_keeps_the_place_and_a_fair_progress(
    make_library: MakeLibrary,
) -> None:
    library = make_library(LONG, seed=False)
    app = open_post(library, "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        assert view.drawing
        article_id = view.highlights[0].article_id
        view.scroll_to(y=3 * view.size.height, animate=False, immediate=True)  # 3 pages on
        top = view.top_offset()
        assert view.drawing
        assert top > 0
        await pilot.press("q")
        await pilot.pause()
    place = queries.place(library, article_id)
    assert place is not None
    assert place.position == top
    assert place.read < 0.05  # one screen of 4,800 blocks, not all of them


async def test_a_resize_while_drawing_leaves_every_row_where_textual_lays_it(
    make_library: MakeLibrary,
) -> None:
    app = open_post(make_library({"2022-03-15-long.md": long_post(100)}, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        assert view.drawing
        await pilot.resize_terminal(80, 24)  # the rest is drawn at the new width
        await until(pilot, lambda: not drawing(view))
        assert await rows_match_the_layout(pilot, view) == len(view.shown)


async def test_thousands_of_highlights_show_the_first_at_once_then_all(
    make_library: MakeLibrary,
) -> None:
    """The post is drawn with the highlights at its top (read first), and every one is
    in the view and the list a moment later; `p` pressed at once reaches the last one."""
    app = marked_post(make_library)
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        pane = pilot.app.screen.query_one(HighlightsPane)
        (top,) = [v for v in mounted(view) if v.rendered.content.plain.startswith("0: 밑줄 0")]
        assert "blue" in styles_of(top)  # coloured in the first frame
        await pilot.press("p")  # the previous highlight, from none: the very last
        await until(pilot, lambda: on_screen(view, "끝까지 온 밑줄"))
        assert view.active == view.highlights[-1].id
        assert len(view.highlights) == 3001
        await until(pilot, lambda: len(pane.items) == 3001)


async def test_the_rest_of_the_highlights_redraws_nothing_already_drawn(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rest of a long post's highlights, read after its first frame, change none of
    the paragraphs on screen or the passages listed: none is drawn or listed again."""
    before: dict[str, Any] = {}
    read_the_rest = ReadingScreen.all_highlights

    def noting_what_is_drawn(screen: ReadingScreen) -> None:
        if screen.some_highlights and not before:
            view = screen.query_one(ArticleView)
            pane = screen.query_one(HighlightsPane)
            before["drawn"] = {v: v.rendered for v in mounted(view)}
            before["listed"] = [pane.get_option_at_index(n) for n in range(pane.option_count)]
            before["count"] = len(view.highlights)
        read_the_rest(screen)

    monkeypatch.setattr(ReadingScreen, "all_highlights", noting_what_is_drawn)
    app = marked_post(make_library)
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        pane = pilot.app.screen.query_one(HighlightsPane)
        await until(pilot, lambda: pane.option_count == 3001)
        assert before["count"] < len(view.highlights) == 3001
        assert before["drawn"]
        assert all(v.rendered is was for v, was in before["drawn"].items())
        listed = before["listed"]
        assert listed
        assert all(pane.get_option_at_index(n) is o for n, o in enumerate(listed))


FAR = "* 항목 290 하나"  # block 2,320 or so of 2,400


def left_far_down(make_library: MakeLibrary) -> tuple[ReaderApp, Library, int, int]:
    """The app opening the long post, left last time at a list item near its end."""
    library = make_library(LONG, seed=False)
    app = open_post(library, "long.md")
    article = next(a for a in queries.articles(library) if a.path.endswith("long.md"))
    position = Path(article.path).read_text(encoding="utf-8").index(FAR)
    edits.remember_place(library, article.id, position, None, 0.9)
    return app, library, article.id, position


async def test_a_place_far_down_is_reached_after_the_top_is_shown(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a long post where it was left does not wait for every block before it to
    be drawn: the top shows, and the view goes to the place once it is drawn."""
    monkeypatch.setattr(BlockScroll, "REACH", 0)  # none drawn toward it before a frame
    at_restore: list[tuple[int | None, bool, bool]] = []
    restore = ReadingScreen.restore_place

    def noting_where_it_is(screen: ReadingScreen) -> None:
        restore(screen)
        view = screen.query_one(ArticleView)
        at_restore.append((view.going_to, view.drawing, on_screen(view, "제목 0")))

    monkeypatch.setattr(ReadingScreen, "restore_place", noting_where_it_is)
    app, _library, _article_id, position = left_far_down(make_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: bool(at_restore))
        assert at_restore == [(position, True, True)]  # waiting, at the top, still drawing
        view = pilot.app.screen.query_one(ArticleView)
        await until(pilot, lambda: on_screen(view, FAR[2:]))
        assert view.going_to is None
        assert view.top_offset() == position


async def test_quitting_before_the_place_is_reached_keeps_it(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BlockScroll, "REACH", 0)
    monkeypatch.setattr(BlockScroll, "CHUNK", 1)  # a block a frame: the place is far off
    app, library, article_id, position = left_far_down(make_library)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        await until(pilot, lambda: view.going_to == position)
        await pilot.press("q")
        await pilot.pause()
    place = queries.place(library, article_id)
    assert place is not None
    assert place.position == position


async def test_scrolling_before_the_place_is_reached_stays_where_the_reader_went(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BlockScroll, "REACH", 0)
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app, _library, _article_id, position = left_far_down(make_library)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        await until(pilot, lambda: view.going_to == position)
        await pilot.press("space")  # a page on, from the top
        await until(pilot, lambda: not drawing(view))
        await pilot.pause()
        assert view.going_to is None
        assert 0 < view.scroll_y <= view.size.height
        assert not on_screen(view, FAR[2:])


async def test_end_before_the_end_is_drawn_goes_there_once_it_is(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End in a long post still being drawn does not hold the keys while the rest is
    drawn: the view goes to the end once it is; a scroll first stays where it went."""
    monkeypatch.setattr(BlockScroll, "REACH", 0)
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        view.action_scroll_end()  # End, as its key does, seen before the next frame
        assert ending(view)
        assert view.drawing
        assert view.scroll_y == 0
        await until(pilot, lambda: on_screen(view, "마지막 문단"))
        assert not ending(view)
    app = open_post(make_library(LONG, seed=False, db="again.db"), "long.md")
    async with app.run_test(size=(80, 24)) as pilot:
        view = await first_frame(pilot)
        view.action_scroll_end()
        assert ending(view)
        await pilot.press("space")  # a page on from where the view is
        assert not ending(view)
        await until(pilot, lambda: not drawing(view))
        await pilot.pause()
        assert not on_screen(view, "마지막 문단")
        assert 0 < view.scroll_y <= view.size.height


async def finding_while_drawn(pilot: Pilot[None]) -> ArticleView:
    """The long post's view once a find of its last paragraph's word waits for the rest
    (asked as Enter in the find box asks, seen before the next frame)."""
    view = await first_frame(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    screen.find_in_article("찾을말여기")
    assert finding(view) == "찾을말여기"
    assert view.drawing
    assert view.found == []
    return view


async def test_find_in_a_post_still_being_drawn_marks_every_match_once_it_is(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A find in a long post still being drawn does not draw the rest before the next
    frame: its matches are marked once it is drawn, and the view goes to the first from
    where the reader is; Escape first drops the find; and a find waiting is marked when
    the caret draws the rest at once."""
    monkeypatch.setattr(BlockScroll, "REACH", 0)
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await finding_while_drawn(pilot)
        await until(pilot, lambda: len(view.found) == 1)
        assert finding(view) is None
        await until(pilot, lambda: on_screen(view, "찾을말여기"))
        assert view.found_at == 0
    app = open_post(make_library(LONG, seed=False, db="again.db"), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await finding_while_drawn(pilot)
        view.action_leave_caret()  # Escape drops the find waiting for the rest
        assert finding(view) is None
        await until(pilot, lambda: not view.drawing)
        await pilot.pause()
        assert view.found == []
        assert not on_screen(view, "찾을말여기")
    app = open_post(make_library(LONG, seed=False, db="third.db"), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await finding_while_drawn(pilot)
        view.draw(None)  # as something that needs every block draws them
        await until(pilot, lambda: len(view.found) == 1)


async def test_the_find_box_is_ready_before_slash_while_a_long_post_is_drawn(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The find box is there, hidden, from just after the first frame, so that `/` only
    shows it and what is typed next goes into it. (Made on `/`, it took a dozen frames of
    a 50 MB post's drawing, about 2 s, and keys typed meanwhile went to the article.)"""
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, ReadingScreen)
        await until(pilot, lambda: bool(screen.query("FindBox")))
        box = screen.query_one("FindBox")
        assert not displayed(box)
        assert view.drawing
        drawn = len(view._shown)
        screen.action_find()  # `/`
        await until(pilot, lambda: box.has_focus)
        assert displayed(box)
        # A turn or two of drawing, not the dozen it took (3 once, the suite on 3 workers
        # on a busy machine: each wait for the focus lets a turn run).
        assert len(view._shown) - drawn <= 4 * BlockScroll.CHUNK


async def test_the_caret_in_a_post_still_being_drawn_draws_only_what_it_moves_into(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        view.action_caret()  # v
        view.action_move("word", 1)  # w
        caret = view.caret_at
        assert caret is not None
        assert (caret.block, caret.index) > (0, 0)
        assert view.drawing  # not the rest at once
        last = len(view._shown) - 1
        view.caret_at = Caret(last, 0)  # the caret at the last block drawn so far
        view.action_move("block", 1)  # ↓: the next, drawn for it
        caret = view.caret_at
        assert caret is not None
        assert caret.block == last + 1
        assert view.drawing
        assert len(view._shown) <= last + 1 + BlockScroll.CHUNK


async def test_keys_typed_right_after_slash_go_into_the_find_box(
    make_library: MakeLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A terminal sends keys as they are typed; while a long post is drawn, the ones
    after `/` reached the app before `/` had moved the focus, went to the article, and
    were lost."""
    monkeypatch.setattr(BlockScroll, "CHUNK", 20)
    app = open_post(make_library(LONG, seed=False), "long.md")
    async with app.run_test(size=(160, 45)) as pilot:
        view = await first_frame(pilot)
        screen = pilot.app.screen
        await until(pilot, lambda: bool(screen.query("FindBox")))
        for key, character in [("slash", "/"), ("가", "가"), ("나", "나")]:
            pilot.app.post_message(events.Key(key, character))  # at once, as typed fast
        box = screen.query_one("#find", Input)
        await until(pilot, lambda: box.value == "가나")
        assert view.drawing
