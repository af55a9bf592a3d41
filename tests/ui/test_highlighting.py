"""Highlights on the reading screen, driven by Pilot: walking them, making them with the
mouse and the keyboard (offsets checked against the file), colours, notes, removal."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.geometry import Offset
from textual.selection import Selection

from reader_tui.app import ReaderApp
from reader_tui.library import Library, queries
from reader_tui.screens.library import LibraryScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.window import BlockView
from tests.conftest import SEED
from tests.ui.helpers import caret, open_seed

if TYPE_CHECKING:
    from textual.screen import Screen


def paragraph_starting(view: ArticleView, words: str) -> int:
    """The number of the article's block that starts with `words`."""
    return next(
        i
        for i, block in enumerate(view.query(BlockView))
        if block.rendered.content.plain.startswith(words)
    )


def drag_over(screen: Screen[None], target: str) -> None:
    """What a mouse drag over `target` gives: character offsets on the block's line 0."""
    view = screen.query_one(ArticleView)
    block = next(b for b in view.query(BlockView) if target in b.rendered.content.plain)
    at = block.rendered.content.plain.index(target)
    screen.selections = {block: Selection(Offset(at, 0), Offset(at + len(target), 0))}


async def test_choosing_the_fourth_highlight_scrolls_the_article_to_it(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        pane = screen.query_one(HighlightsPane)
        fourth = pane.items[3]
        assert view.scroll_y == 0
        pane.focus()
        pane.highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        assert view.active == fourth.id
        block = view.view_for(fourth.start)
        assert block is not None
        assert view.scroll_y > 0
        assert view.scroll_y <= block.virtual_region.y <= view.scroll_y + view.size.height
        # and the passage is marked in the text shown
        assert "해당 대학은 고려대" in block.rendered.content.plain


async def test_tab_to_the_highlights_then_enter_goes_to_the_first(library: Library) -> None:
    """Tab to the list, Enter: nothing happened until ↓ had highlighted one."""
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        pane = screen.query_one(HighlightsPane)
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert view.active == pane.items[0].id


async def test_n_and_p_walk_through_the_highlights(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        ids = [h.id for h in view.highlights]
        await pilot.press("n")
        await pilot.press("n")
        assert view.active == ids[1]
        await pilot.press("p")
        assert view.active == ids[0]
        await pilot.press("p")
        assert view.active == ids[-1]


async def test_selected_text_becomes_a_highlight_with_exact_offsets(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        target = "LG는 최근 국내외 13개 기업이 모인 민간 연합체를 구성했다."
        drag_over(screen, target)
        await pilot.press("H")
        await pilot.pause()
        made = [h for h in queries.highlights_for(library, screen.article_id) if h.origin == "app"]
        assert len(made) == 1
        text = Path(queries.article(library, screen.article_id).path).read_text(encoding="utf-8")
        assert text[made[0].start : made[0].end] == target
        assert (made[0].color, made[0].text) == ("red", target)
        assert len(screen.query_one(HighlightsPane).items) == 7
        assert view.active == made[0].id
        # the post itself is not touched until write-back
        assert text == SEED.read_text(encoding="utf-8")


async def test_selection_across_paragraphs_is_refused_with_a_message(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        first, second = list(screen.query_one(ArticleView).query(BlockView))[2:4]
        screen.selections = {
            first: Selection(Offset(0, 0), None),
            second: Selection(None, Offset(5, 0)),
        }
        await pilot.press("h")
        await pilot.pause()
        assert len(queries.highlights_for(library, screen.article_id)) == 6
        assert any("one paragraph" in str(n.message) for n in app._notifications)


async def test_removing_a_highlight_asks_first_and_keeps_the_text(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("n")
        first = view.active
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("n")  # "no": nothing happens
        await pilot.pause()
        assert len(queries.highlights_for(library, screen.article_id)) == 6
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        remaining = queries.highlights_for(library, screen.article_id)
        assert first not in [h.id for h in remaining]
        assert len(remaining) == 5
        shown = "\n".join(b.rendered.content.plain for b in view.query(BlockView))
        assert "‘서울대-네이버 초대규모 AI 연구센터’의 연구 주제는 초거대 AI다." in shown


async def test_keyboard_alone_makes_a_highlight_with_exact_offsets(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        target = "LG는 최근 국내외 13개 기업이 모인 민간 연합체를 구성했다."
        blocks = list(view.query(BlockView))
        number = next(i for i, b in enumerate(blocks) if target in b.rendered.content.plain)
        await pilot.press("v")  # a caret at the top of the view
        assert view.caret_at is not None
        assert view.caret_at.block == 0
        await pilot.press(*["down"] * number)  # paragraph by paragraph
        await pilot.press("right_parenthesis")  # the next sentence: the target
        plain = blocks[number].rendered.content.plain
        assert view.caret_at.index == plain.index(target)
        await pilot.press("v")  # start selecting
        await pilot.press("right_parenthesis")  # to the next sentence
        await pilot.press("b", "w")  # a word back and on again: same place
        await pilot.press("left")  # one back: the space after the full stop
        await pilot.press("h")
        await pilot.pause()
        made = [h for h in queries.highlights_for(library, screen.article_id) if h.origin == "app"]
        assert len(made) == 1
        text = Path(queries.article(library, screen.article_id).path).read_text(encoding="utf-8")
        assert text[made[0].start : made[0].end] == target
        assert made[0].color == "blue"
        assert caret(view) is None  # the caret goes once the highlight is made
        assert view.active == made[0].id


async def test_a_highlight_made_on_screen_leaves_the_view_where_it_is(library: Library) -> None:
    """Tried in tmux at 80x24: highlighting words in the middle of the screen scrolled
    their paragraph to the top, as choosing a highlight far off does."""
    app = ReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("j", "j", "j")  # read on a little
        await pilot.pause()
        before = view.scroll_y
        assert before > 0
        paragraph = paragraph_starting(view, "두 기업 간 협약을")
        await pilot.press("v")  # a caret at the top of the view, then down to it
        assert view.caret_at is not None
        await pilot.press(*["down"] * (paragraph - view.caret_at.block))
        await pilot.press("v", "w", "w", "h")
        await pilot.pause()
        (made,) = [
            h for h in queries.highlights_for(library, screen.article_id) if h.origin == "app"
        ]
        assert made.text == "두 기업"
        assert view.active == made.id
        assert view.scroll_y == before


async def test_colour_choice_note_and_escape_leaving_caret_mode(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        await pilot.press("v", "down", "down", "v", "w", "w")
        selected = view.selection_span()
        assert selected is not None
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("3")  # green
        await pilot.pause()
        (made,) = [
            h for h in queries.highlights_for(library, screen.article_id) if h.origin == "app"
        ]
        assert made.color == "green"
        plain = view.query(BlockView)[2].rendered.content.plain
        assert made.text == plain[selected[1] : selected[2]].strip()
        # a note on it, shown under the passage in the list
        await pilot.press("e")
        await pilot.pause()
        await pilot.press(*"[bold]첫 문장")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (noted,) = [
            h for h in queries.highlights_for(library, screen.article_id) if h.id == made.id
        ]
        assert noted.note == "[bold]첫 문장"
        pane = screen.query_one(HighlightsPane)
        index = [h.id for h in pane.items].index(made.id)
        assert "✎ [bold]첫 문장" in str(pane.get_option_at_index(index).prompt)
        # Escape leaves caret mode first, and only then the screen
        await pilot.press("v", "escape")
        assert caret(view) is None
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


async def test_a_keyboard_highlight_ends_where_the_caret_is_not_a_character_later(
    library: Library,
) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        paragraph = paragraph_starting(view, "인공지능(AI)이란")
        await pilot.press("v", *["down"] * paragraph, "v", "w", "h")  # the first word
        await pilot.press("home")  # the view's top, where the next caret starts
        await pilot.press("v", *["down"] * paragraph, "w", "v", ")", "H")  # then the sentence
        await pilot.pause()
        await pilot.press("w")  # written back, to check against the file's own bytes
        await pilot.pause()
        text = Path(queries.article(library, screen.article_id).path).read_text(encoding="utf-8")
        assert '<span style="color:blue">인공지능(AI)이란</span> ' in text
        assert (
            '<span style="color:red">주제 아래 대규모 협의체가 구성됐다는 소식이 잇달아 '
            "들려온다.</span> LG는"
        ) in text


async def test_highlights_grow_shrink_recolour_and_merge_never_nest(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        paragraph = paragraph_starting(view, "인공지능(AI)이란")
        await pilot.press("v", *["down"] * paragraph, "v", "w", "h")  # 인공지능(AI)이란
        made = view.active
        await pilot.press("greater_than_sign", "greater_than_sign")  # + 주제 아래
        await pilot.press("less_than_sign")  # - 아래
        await pilot.press("c", "2")  # no selection: recolour the current one, red
        await pilot.pause()
        assert view.active == made
        current = next(h for h in view.highlights if h.id == made)
        assert (current.text, current.color) == ("인공지능(AI)이란 주제", "red")
        # A selection from inside it to two words on takes it in: one highlight, same id.
        await pilot.press("home", "v", *["down"] * paragraph, "w", "v", "w", "w", "w", "h")
        await pilot.pause()
        assert view.active == made
        current = next(h for h in view.highlights if h.id == made)
        assert (current.text, current.color) == ("인공지능(AI)이란 주제 아래 대규모", "blue")
        await pilot.press("w")  # written back, to check against the file's own bytes
        await pilot.pause()
        text = Path(queries.article(library, screen.article_id).path).read_text(encoding="utf-8")
        assert '<span style="color:blue">인공지능(AI)이란 주제 아래 대규모</span> 협의체' in text
        assert text.count("<span") == SEED.read_text(encoding="utf-8").count("<span") + 1
        ids = [h.id for h in queries.highlights_for(library, screen.article_id)]
        assert made in ids
        assert len(ids) == len(set(ids))


async def test_an_orphan_is_attached_to_a_selected_passage_with_its_note(
    library: Library,
) -> None:
    from reader_tui.library import edits, importing

    article_id = queries.articles(library)[0].id
    path = Path(queries.article(library, article_id).path)
    text = path.read_text(encoding="utf-8")
    first = queries.highlights_for(library, article_id)[0]
    edits.set_highlight_note(library, first.id, "지킬 메모")
    # The passage is rewritten in an editor beyond recognition: the highlight is an orphan.
    rewritten = '<span style="color:blue">연구 주제가 완전히 새로 쓰였다</span>'
    opening, closing = first.start - len('<span style="color:blue">'), first.end + len("</span>")
    assert text[opening:closing].startswith("<span")
    assert text[opening:closing].endswith("</span>")
    path.write_text(text[:opening] + rewritten + text[closing:], encoding="utf-8")
    importing.import_paths(library, [path])
    assert {h.id: h.status for h in queries.highlights_for(library, article_id)}[first.id] == (
        "orphan"
    )
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        pane = screen.query_one(HighlightsPane)
        pane.focus()
        pane.highlighted = next(i for i, h in enumerate(pane.items) if h.id == first.id)
        await pilot.press("enter")  # says how to keep it
        target = "인공지능(AI)이란 주제 아래 대규모 협의체가 구성됐다는 소식"
        drag_over(screen, target)
        await pilot.press("a")
        await pilot.pause()
        after = {h.id: h for h in queries.highlights_for(library, article_id)}
        attached = after[first.id]
        assert (attached.status, attached.note, attached.text) == ("active", "지킬 메모", target)
        assert view.active == first.id
        assert "no longer" not in str(pane.get_option_at_index(pane.highlighted or 0).prompt)
        await pilot.press("w")  # into the post, the rewritten span left as it is
        await pilot.pause()
    written = path.read_text(encoding="utf-8")
    assert f'<span style="color:blue">{target}</span>' in written
    assert '<span style="color:blue">연구 주제가 완전히 새로 쓰였다</span>' in written


async def test_shift_with_an_arrow_selects_as_in_a_text_editor(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        paragraph = paragraph_starting(view, "인공지능(AI)이란")
        await pilot.press("v", *["down"] * paragraph, *["shift+right"] * 4, "h")
        await pilot.pause()
        (made,) = [h for h in view.highlights if h.origin == "app"]
        assert (made.text, made.color) == ("인공지능", "blue")
        assert view.caret_at is None  # made: the caret goes, as after `v` … `h`
        # With no caret, shift and an arrow show one where the view starts, and select.
        await pilot.press("home", "shift+right", "shift+right")
        selected = view.keyboard_selection()
        assert not isinstance(selected, str)
        assert selected is not None
        rendered, start, end = selected
        assert rendered.content.plain[start:end] == rendered.content.plain[:2]
        await pilot.press("escape", "escape")
        assert (view.caret_at, view.select_from) == (None, None)
