"""The app driven by Pilot on a real library file: library, reading, notes, search."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.command import CommandList
from textual.widgets import Input, TextArea

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.reading import ReadingScreen
from reader_tui.widgets.article import ArticleView, BlockView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.notes import NotesPane
from reader_tui.widgets.rows import RowList
from tests.conftest import SEED, MakeLibrary
from tests.ui.helpers import caret, displayed, paste, until

if TYPE_CHECKING:
    from textual.pilot import Pilot


@pytest.fixture
def library(seed_library: Library) -> Library:
    return seed_library


async def palette_ready(pilot: Pilot[None]) -> None:
    """Wait until the command palette shows its best match."""
    await until(pilot, lambda: pilot.app.screen.query_one(CommandList).highlighted is not None)


async def open_seed(pilot: Pilot[None]) -> ReadingScreen:
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReadingScreen)
    return screen


async def test_library_lists_the_seed_and_enter_opens_it(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(RowList)
        assert table.row_count == 1
        assert "국내 AI 연합체" in str(table.get_row_at(0)[1])
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        shown = "\n".join(str(block.rendered.content.plain) for block in view.query(BlockView))
        assert "산학 협력 방식을 가장 적극적으로 활용하는 기업은 네이버다." in shown
        assert "<span" not in shown
        assert len(screen.query_one(HighlightsPane).items) == 6


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


async def test_summary_is_saved_shortly_after_typing_stops(library: Library) -> None:
    app = ReaderApp(library, save_delay=3600)  # while typing: nothing saved yet
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        article_id = screen.article_id
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.pause()
        summary.select_all()
        await pilot.press(*"LG KT SKT")
        await pilot.pause()
        assert screen.query_one(NotesPane).status == "unsaved…"
        assert queries.article(library, article_id).summary == "국내 AI 그룹 소개"
        screen.save_delay = 0.05  # then a pause in the typing: saved by itself
        await pilot.press("!")
        await until(pilot, lambda: queries.article(library, article_id).summary == "LG KT SKT!")
        assert screen.query_one(NotesPane).status == "saved"


async def test_question_added_in_the_notes_pane_is_stored(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        box = screen.query_one("#new-question", Input)
        box.focus()
        await pilot.pause()
        await pilot.press(*"왜 연합할까?")
        await pilot.press("enter")
        await pilot.pause()
        assert [q.text for q in queries.questions_for(library, screen.article_id)] == [
            "왜 연합할까?"
        ]


async def test_leaving_the_screen_saves_unsaved_keywords(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        article_id = screen.article_id
        keywords = screen.query_one("#keywords", Input)
        keywords.focus()
        keywords.value = "#AI #연합체"
        await pilot.press("escape")
        await pilot.pause()
        assert queries.article(library, article_id).keywords == ("AI", "연합체")


async def test_search_finds_naver_with_its_particle_and_opens_the_hit(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"네이버")
        await pilot.press("enter")
        await pilot.pause()
        table = app.screen.query_one(RowList)
        assert table.row_count >= 1
        assert "highlight" in [str(c) for c in table.get_row_at(0)]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        view = screen.query_one(ArticleView)
        assert view.active is not None


async def test_markup_and_escape_sequences_in_a_post_are_shown_as_text(
    make_library: MakeLibrary,
) -> None:
    evil = "---\ntitle: '[bold]굵게?[/bold]'\n---\n\n[red]빨강[/red] 글 \x1b[31m색\x1b[0m 끝\n"
    library = make_library({"2022-01-01-evil.md": evil}, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = app.export_screenshot().replace("&#160;", " ")
        assert "[bold]굵게?[/bold]" in shown  # the title as written, not made bold
        screen = await open_seed(pilot)
        (block,) = screen.query_one(ArticleView).query(BlockView)
        plain = block.rendered.content.plain
        assert "[red]빨강[/red]" in plain
        assert "\x1b" not in plain
        assert "␛[31m색" in plain


async def test_narrow_terminal_shows_one_pane_at_a_time(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_seed(pilot)
        await pilot.pause()
        assert screen.has_class("narrow")
        article = screen.query_one(ArticleView)
        pane = screen.query_one(HighlightsPane)
        notes = screen.query_one(NotesPane)
        assert displayed(article)
        assert not displayed(pane)
        assert not displayed(notes)
        assert article.region.width >= 78
        assert article.region.height >= 18
        await pilot.press("tab")
        assert displayed(pane)
        assert not displayed(article)
        assert pane.has_focus
        await pilot.press("down", "down", "enter")  # the second: back to the article at it
        await pilot.pause()
        assert displayed(article)
        assert not displayed(pane)
        assert article.active == pane.items[1].id
        await pilot.press("tab", "tab")
        assert displayed(notes)
        assert notes.keywords_input.has_focus
        await pilot.press("tab")  # inside the notes Tab goes from field to field
        assert displayed(notes)
        assert notes.summary_area.has_focus
        await pilot.press("f2")  # F2 always goes on: back to the article
        assert displayed(article)
        assert not displayed(notes)
        # widening the terminal brings all three back side by side
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert not screen.has_class("narrow")
        assert displayed(article)
        assert displayed(pane)
        assert displayed(notes)
        assert article.region.x < pane.region.x < notes.region.x


async def test_selected_text_becomes_a_highlight_with_exact_offsets(library: Library) -> None:
    from textual.geometry import Offset
    from textual.selection import Selection

    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        target = "LG는 최근 국내외 13개 기업이 모인 민간 연합체를 구성했다."
        block = next(b for b in view.query(BlockView) if target in b.rendered.content.plain)
        at = block.rendered.content.plain.index(target)
        # What a mouse drag over the sentence gives: character offsets on line 0.
        screen.selections = {block: Selection(Offset(at, 0), Offset(at + len(target), 0))}
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
    from textual.geometry import Offset
    from textual.selection import Selection

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


async def test_question_mark_lists_the_keys_of_the_screen(library: Library) -> None:
    from textual.widgets import HelpPanel

    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        before = app.export_screenshot().replace("&#160;", " ")
        assert "Save" not in before  # ctrl+s is not in the footer
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen.query(HelpPanel)
        shown = app.export_screenshot().replace("&#160;", " ")
        for description in ("Save", "Next highlight", "Prev highlight", "Red", "Remove", "Back"):
            assert description in shown, description
        await pilot.press("question_mark")
        await pilot.pause()
        assert not screen.query(HelpPanel)


async def test_a_question_is_answered_from_the_notes_pane(library: Library) -> None:
    from textual.widgets import OptionList

    article_id = queries.articles(library)[0].id
    edits.add_question(library, article_id, "왜 연합할까?")
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        questions = screen.query_one("#questions", OptionList)
        questions.focus()
        questions.highlighted = 0
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(*"혼자 하기 어려워서")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (question,) = queries.questions_for(library, article_id)
        assert (question.text, question.answer, question.status) == (
            "왜 연합할까?",
            "혼자 하기 어려워서",
            "answered",
        )
        assert "✓ 왜 연합할까?" in str(questions.get_option_at_index(0).prompt)


async def test_library_filters_by_keyword_and_by_colour(make_library: MakeLibrary) -> None:
    other = (
        "---\ntitle: 다른 글\n---\n\n<span style='color:red'>빨강</span>\n\n* * *\n\n"
        "### 2. 키워드 : \\#경제\n"
    )
    library = make_library({"2022-01-01-other.md": other})
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        table = app.screen.query_one(RowList)
        assert table.row_count == 2
        await pilot.press("f", *"#경제", "enter")
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["다른 글"]
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2
        await pilot.press("f", *"blue", "enter")
        await pilot.pause()
        assert table.row_count == 1
        assert "국내 AI 연합체" in str(table.get_row_at(0)[1])


async def test_a_long_library_shows_at_once_and_fills_in(make_library: MakeLibrary) -> None:
    from reader_tui.screens import library as library_screen

    posts = {f"2022-01-01-p{n:03d}.md": f"---\ntitle: 글{n}\n---\n본문\n" for n in range(250)}
    library = make_library(posts, seed=False)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(RowList)
        assert table.row_count >= library_screen.FIRST_ROWS
        await app.workers.wait_for_complete()  # the rest is read in a thread
        await pilot.pause()
        assert table.row_count == 250
        await pilot.press("G")
        assert table.cursor_row == 249
        titles = [str(table.get_row_at(i)[1]) for i in range(250)]
        assert sorted(titles) == sorted(f"글{n}" for n in range(250))


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


async def test_a_notes_conflict_is_shown_with_both_versions_and_the_user_picks(
    library: Library,
) -> None:
    from textual.widgets import Label

    article = queries.articles(library)[0]
    edits.set_notes(library, article.id, summary="앱에서 고친 요약")
    path = Path(queries.article(library, article.id).path)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("국내 AI 그룹 소개", "파일에서 고친 요약"), encoding="utf-8")
    importing.import_paths(library, [path.parent])
    assert [c.section for c in queries.article(library, article.id).conflicts] == ["summary"]
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        bar = screen.query_one("#conflict-bar", Label)
        assert displayed(bar)
        assert "summary" in str(bar.content)
        await pilot.press("C")
        await pilot.pause()
        assert str(app.screen.query_one("#mine", Label).content) == "앱에서 고친 요약"
        assert str(app.screen.query_one("#theirs", Label).content) == "파일에서 고친 요약"
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is screen
        assert not displayed(bar)
        assert screen.query_one(NotesPane).summary == "파일에서 고친 요약"
        stored = queries.article(library, article.id)
        assert (stored.summary, stored.conflicts) == ("파일에서 고친 요약", ())


async def test_command_palette_opens_an_article_by_title_and_toggles_panes(
    library: Library,
) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"연합체")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.article is not None
        assert "연합체" in screen.article.title
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"toggle side")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert not screen.query_one(HighlightsPane).display
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"search the lib")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert app.screen.query_one("#search", Input).has_focus


async def test_opening_an_article_is_not_an_edit(library: Library) -> None:
    app = ReaderApp(library, save_delay=0)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        await pilot.pause()
        assert screen.notes.status == "saved"
        assert screen._save_timer is None  # no save was even scheduled


async def test_w_writes_the_notes_and_a_new_highlight_into_the_post(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        path = Path(queries.article(library, screen.article_id).path)
        view = screen.query_one(ArticleView)
        await pilot.press("v", "down", "down", "v", "w", "H")  # a red highlight
        await pilot.pause()
        (made,) = [
            h for h in queries.highlights_for(library, screen.article_id) if h.origin == "app"
        ]
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        summary.select_all()
        await pilot.press(*"써서 돌려놓기")
        await pilot.press("w")  # typed into the summary: not the key
        view.focus()
        await pilot.press("w")
        await pilot.pause()
        text = path.read_text(encoding="utf-8")
        assert "### 3. 요약 : 써서 돌려놓기w" in text
        assert f'<span style="color:red">{made.text}</span>' in text
        # the screen shows the post as it now is, the new highlight still marked
        assert made.id in [h.id for h in view.highlights]
        assert queries.articles_with_changes(library) == []
        backups = list((Path(library.path).parent / "backups").iterdir())
        assert len(backups) == 1


async def test_automatic_write_back_after_a_save(library: Library) -> None:
    settings.save(library, auto_write_back=True)
    app = ReaderApp(library, save_delay=0.05)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        path = Path(queries.article(library, screen.article_id).path)
        keywords = screen.query_one("#keywords", Input)
        keywords.focus()
        await pilot.press("end", *" #협력")
        await until(pilot, lambda: "\\#AI \\#협력" in path.read_text(encoding="utf-8"))
        assert "### 2. 키워드 : \\#AI \\#협력" in path.read_text(encoding="utf-8")


async def test_write_back_refuses_a_post_changed_on_disk_and_shows_it(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        path = Path(queries.article(library, screen.article_id).path)
        edits.set_notes(library, screen.article_id, summary="앱에서 쓴 요약")
        changed = path.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "밖에서 쓴 요약")
        path.write_text(changed, encoding="utf-8")
        await pilot.press("w")
        await pilot.pause()
        assert path.read_text(encoding="utf-8") == changed
        assert any("changed on disk" in str(n.message) for n in app._notifications)
        assert screen.query_one("#conflict-bar").display


async def test_a_new_post_from_the_app_is_created_imported_and_opened(
    library: Library, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    app = ReaderApp(library, refresh=[str(notes)])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("n")
        await pilot.pause()
        await paste(pilot, "https://e.com/news/ai-story")
        await pilot.press("tab", *"앱에서 만든 '새' 글", "tab", *"AI 소식", "tab")
        await paste(pilot, "붙여 넣은 본문.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        assert screen.article is not None
        assert screen.article.title == "앱에서 만든 '새' 글"
        path = Path(screen.article.path)
        assert path.parent == notes
        assert path.name.endswith("-AI.markdown")
        assert "붙여 넣은 본문." in path.read_text(encoding="utf-8")
        assert len(queries.articles(library)) == 2
