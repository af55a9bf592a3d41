"""The reading screen remembers where each article was left (across a restart, in the
library file), the library shows how far each was read and offers to continue, and `/`
finds words in the article; a library search hit opens at its match."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input, TextArea

from reader_tui.app import ReaderApp
from reader_tui.library import Library, queries
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.reading import ReadingScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.rows import RowList
from reader_tui.widgets.window import BlockView
from tests.ui.helpers import displayed, focus_on, open_seed, until

if TYPE_CHECKING:
    import pytest


async def test_an_article_opens_where_it_was_left_after_a_restart(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("space", "space", "n", "n", "n")  # two pages on, the third highlight
        await pilot.pause()
        current = view.active
        left_at = view.top_offset()
        assert current is not None
        assert left_at > 0
        await pilot.press("q")  # back to the library
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        rows = app.screen.query_one(RowList)
        read = rows.rows[0].cells[4].plain
        assert read.endswith("%")
        assert 0 < int(read[:-1]) < 100
        assert "continue" in str(app.screen.query_one("#continue").render())
    again = Library(library.path)  # a new start, the same library file
    app = ReaderApp(again)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("c")  # continue: the article read last
            await until(pilot, lambda: isinstance(app.screen, ReadingScreen))
            view = app.screen.query_one(ArticleView)
            await until(pilot, lambda: view.scroll_y > 0)
            assert view.top_offset() == left_at
            assert view.active == current
    finally:
        again.close()


async def test_slash_finds_every_match_and_n_walks_them(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("slash")
        box = screen.query_one("#find", Input)
        assert box.has_focus
        await pilot.press(*"네이버", "enter")
        await pilot.pause()
        assert view.has_focus
        text = "\n".join(v.rendered.content.plain for v in view.query(BlockView))
        assert len(view.found) == text.count("네이버") > 2
        first = view.found_at
        assert first == 0
        await pilot.press("n", "n")
        assert view.found_at == 2
        await pilot.press("N")
        assert view.found_at == 1
        block, start, end = view.found[1]
        shown = view.query(BlockView)[block].rendered.content.plain
        assert shown[start:end] == "네이버"
        keys = str(screen.query_one("KeyBar").render())
        assert "Next match" in keys
        await pilot.press("escape")  # clears the marks: n is the next highlight again
        assert view.found == []
        assert "Next match" not in str(screen.query_one("KeyBar").render())
        await pilot.press("n")
        assert view.active == view.highlights[0].id


async def test_a_find_typed_ahead_of_the_app_finds_once_the_post_is_open(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/네이버` and Enter typed before the app started, opening a post by name: they reach
    the app before its reading screen is mounted, and Enter comes as a line feed (the
    terminal was not yet in raw mode). The screen's mount took the focus from the find
    box, and the line feed did nothing: the words sat in the box, never found."""
    mounted = ReaderApp.on_mount

    def typed_ahead(app: ReaderApp) -> None:
        mounted(app)
        for character in "/네이버\n":
            key = {"/": "slash", "\n": "ctrl+j"}.get(character, character)
            app.post_message(events.Key(key, character))

    monkeypatch.setattr(ReaderApp, "on_mount", typed_ahead)
    app = ReaderApp(library, open_article=queries.articles(library)[0].id)
    async with app.run_test(size=(160, 45)) as pilot:
        await until(pilot, lambda: isinstance(pilot.app.screen, ReadingScreen))
        view = pilot.app.screen.query_one(ArticleView)
        await until(pilot, lambda: len(view.found) > 2)
        assert view.has_focus
        assert not displayed(pilot.app.screen.query_one("#find", Input))


async def test_a_search_hit_in_the_text_opens_at_the_match(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash", *"연합체", "enter")
        await pilot.pause()
        library_screen = app.screen
        assert isinstance(library_screen, LibraryScreen)
        body = next(n for n, hit in enumerate(library_screen.hits) if hit.kind == "body")
        rows = library_screen.query_one(RowList)
        rows.cursor_row = body
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadingScreen))
        view = app.screen.query_one(ArticleView)
        await until(pilot, lambda: view.found_at >= 0)
        block, start, end = view.found[view.found_at]
        shown = view.query(BlockView)[block]
        assert shown.rendered.content.plain[start:end] == "연합체"
        # the match is on screen
        top, bottom = view.scroll_y, view.scroll_y + view.size.height
        assert shown.virtual_region.y < bottom
        assert shown.virtual_region.bottom > top


async def test_words_typed_into_a_find_box_opened_again_replace_the_last_ones(
    library: Library,
) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"네이버", "enter")  # the library's search
        await pilot.pause()
        await pilot.press("slash")
        search = app.screen.query_one("#search", Input)
        await pilot.press(*"협력", "enter")
        assert search.value == "협력"
        await pilot.press("escape")
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("slash", *"네이버", "enter")
        await pilot.pause()
        box = screen.query_one("#find", Input)
        await pilot.press("slash")
        assert box.has_focus
        assert box.selected_text == "네이버"  # shown, and Enter finds them again
        await pilot.press(*"협력", "enter")
        await pilot.pause()
        assert box.value == "협력"
        assert len(view.found) >= 1
        await pilot.press("slash", "end", *"사업", "enter")  # or they are added to
        assert box.value == "협력사업"


async def test_a_slash_typed_into_a_note_is_a_slash_not_a_find(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        summary = await focus_on(pilot, screen.query_one("#summary", TextArea))
        summary.select_all()
        await pilot.press(*"LG/KT")
        assert summary.text == "LG/KT"
        keywords = await focus_on(pilot, screen.query_one("#keywords", Input))
        await pilot.press("end", "space", *"A/B")
        assert keywords.value.endswith(" A/B")
        assert not screen.query_one("#find", Input).has_focus
        await focus_on(pilot, screen.query_one(ArticleView))
        await pilot.press("slash")  # from the article, a find
        assert screen.query_one("#find", Input).has_focus
