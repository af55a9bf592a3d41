"""Nothing the user writes is lost or silently overwritten: in the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual import events
from textual.widgets import Input, TextArea

from reader_tui.app import ReaderApp
from reader_tui.library import Library, importing, queries
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.question import QuestionScreen
from reader_tui.writeback import write_back
from tests.conftest import write_lock_held
from tests.ui.helpers import current, open_first_question, open_seed, until

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from reader_tui.screens.reading import ReadingScreen


def edit_outside(library: Library, article_id: int, old: str, new: str) -> Path:
    """An editor changes the post; `reader-tui import` runs in another process."""
    path = Path(queries.article(library, article_id).path)
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    with Library(library.path) as other:
        importing.import_paths(other, [path])
    return path


async def test_an_outside_edit_is_not_undone_by_a_stale_screen(seed_library: Library) -> None:
    app = ReaderApp(seed_library, save_delay=0.05)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        path = edit_outside(seed_library, screen.article_id, "\\#AI", "\\#AI \\#연합")
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press("end", *" 더함")
        await until(pilot, lambda: queries.article(seed_library, 1).summary.endswith("더함"))
        assert queries.article(seed_library, 1).keywords == ("AI", "연합")
        assert screen.notes.keywords_input.value == "#AI #연합"  # shown, not overwritten
        assert not queries.article(seed_library, 1).conflicts
    _done, errors = write_back(seed_library)
    assert errors == []
    written = path.read_text(encoding="utf-8")
    assert "### 2. 키워드 : \\#AI \\#연합" in written
    assert "### 3. 요약 : 국내 AI 그룹 소개 더함" in written


async def test_the_same_section_edited_on_both_sides_is_a_conflict(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        edit_outside(seed_library, screen.article_id, "국내 AI 그룹 소개", "파일에서 고침")
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press("end", *" 앱에서")
        await pilot.press("ctrl+s")
        article = queries.article(seed_library, screen.article_id)
        assert article.summary == "국내 AI 그룹 소개 앱에서"  # the user's text is kept
        assert [(c.section, c.file_value) for c in article.conflicts] == [
            ("summary", "파일에서 고침")
        ]
        assert screen.query_one("#conflict-bar").display


async def test_a_key_typed_right_after_tab_does_not_replace_the_keywords(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library, save_delay=0.05)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        keywords = screen.query_one("#keywords", Input)
        for _ in range(6):
            if keywords.has_focus:
                break
            await pilot.press("tab")
        assert keywords.has_focus
        assert keywords.selection.is_empty
        await pilot.press(*" #둘")
        await until(pilot, lambda: queries.article(seed_library, 1).keywords == ("AI", "둘"))
        await pilot.press("tab", *" 더")  # the summary: typing goes on at its end
        await until(
            pilot, lambda: queries.article(seed_library, 1).summary == "국내 AI 그룹 소개 더"
        )


def typed_at_once(app: App[None], *keys: str) -> None:
    """Keys as a terminal sends them when typed fast: all queued before the first is read."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def test_keys_typed_at_once_after_tab_go_to_the_field_tab_moves_to(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library, save_delay=0.05)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        screen.notes.keywords_input.focus()
        await pilot.pause()
        typed_at_once(app, "tab", *" 더")  # keywords, then the summary
        await until(
            pilot, lambda: queries.article(seed_library, 1).summary == "국내 AI 그룹 소개 더"
        )
        assert queries.article(seed_library, 1).keywords == ("AI",)
        typed_at_once(app, "shift+tab", *" 둘")  # and back
        await until(pilot, lambda: queries.article(seed_library, 1).keywords == ("AI", "둘"))
    async with ReaderApp(seed_library, save_delay=0.05).run_test(size=(80, 24)) as pilot:
        screen = await open_seed(pilot)  # narrow: the article alone; Tab, the next pane
        typed_at_once(pilot.app, "tab", "tab", *" #셋")  # the highlights, then the notes
        await until(pilot, lambda: queries.article(seed_library, 1).keywords == ("AI", "둘", "셋"))
        assert screen.narrow_pane == "notes"
        assert len(queries.article(seed_library, 1).highlights) == 6  # (no `h` in the article)


async def test_keys_typed_at_once_after_tab_in_the_library_go_to_the_list(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.press("slash", *"네이")
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        typed_at_once(app, "tab", "s")  # the list: sorted by title, not `네이s` searched
        await until(pilot, lambda: screen.sort == "title")
        assert screen.query_one("#search", Input).value == "네이"


async def a_question_edited(pilot: Pilot[None]) -> ReadingScreen:
    """The seed open, a question `왜?` added to it, and its editor open with the focus on
    the answer; the reading screen below is returned."""
    screen: ReadingScreen = await open_seed(pilot)
    screen.query_one("#new-question", Input).focus()
    await pilot.press(*"왜?", "enter")
    await open_first_question(pilot, screen)
    editor = current(pilot)
    assert isinstance(editor, QuestionScreen)
    editor.query_one("#answer", TextArea).focus()
    return screen


async def test_a_dialog_with_typed_text_asks_before_it_closes(seed_library: Library) -> None:
    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await a_question_edited(pilot)
        await pilot.press(*"혼자는 어려워서")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(current(pilot), ConfirmScreen)  # asked, not dropped
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(current(pilot), QuestionScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        (question,) = queries.questions_for(seed_library, screen.article_id)
        assert (question.answer, question.status) == ("혼자는 어려워서", "answered")


async def test_quitting_with_notes_the_library_will_not_take_asks_first(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press("end", *" 꼭 남길 것")
        with write_lock_held(seed_library):
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(current(pilot), ConfirmScreen)  # asked, not dropped
            await pilot.press("n")
            await pilot.pause()
            assert app.is_running
            assert summary.text.endswith("꼭 남길 것")
        await pilot.press("ctrl+q")  # now the notes are saved, and the app quits
        await pilot.pause()
    assert queries.article(seed_library, 1).summary == "국내 AI 그룹 소개 꼭 남길 것"


@pytest.mark.parametrize("leaving", ["back", "search"])
async def test_a_question_typed_but_not_entered_is_kept_when_leaving(
    seed_library: Library, leaving: str
) -> None:
    """Escape twice (to the article, then back: no Enter), or the search taking the
    screen away (as the palette's "Search the library" does: the screen unmounts)."""
    from reader_tui.messages import OpenSearch

    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        screen.query_one("#new-question", Input).focus()
        await pilot.press(*"왜 지금 연합할까")
        if leaving == "back":
            await pilot.press("escape", "escape")
        else:
            app.post_message(OpenSearch())
        await until(pilot, lambda: current(pilot) is not screen)
        await pilot.pause()
    texts = [q.text for q in queries.questions_for(seed_library, 1)]
    assert "왜 지금 연합할까" in texts


async def test_leaving_with_text_the_library_will_not_take_asks_first(
    seed_library: Library,
) -> None:
    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        summary = screen.query_one("#summary", TextArea)
        summary.focus()
        await pilot.press("end", *" 꼭 남길 것")
        question = screen.query_one("#new-question", Input)
        question.focus()
        await pilot.press(*"잃으면 안 될 질문")
        with write_lock_held(seed_library):
            await pilot.press("enter")  # the question is not taken: it stays in its box
            await pilot.pause()
            assert question.value == "잃으면 안 될 질문"
            await pilot.press("escape", "escape")  # back to the library: asked, not dropped
            await pilot.pause()
            assert isinstance(current(pilot), ConfirmScreen)
            await pilot.press("n")
            await pilot.pause()
            assert current(pilot) is screen
            assert summary.text.endswith("꼭 남길 것")
        await pilot.press("escape")  # now both are saved, and the screen closes
        await pilot.pause()
        assert current(pilot) is not screen
    assert queries.article(seed_library, 1).summary == "국내 AI 그룹 소개 꼭 남길 것"
    texts = [q.text for q in queries.questions_for(seed_library, 1)]
    assert "잃으면 안 될 질문" in texts


async def test_text_the_reader_chose_to_lose_is_not_tried_again(seed_library: Library) -> None:
    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        screen.query_one("#new-question", Input).focus()
        await pilot.press(*"버릴 질문")
        with write_lock_held(seed_library):
            await pilot.press("escape", "escape", "y")  # lose it, as asked
            await pilot.pause()
            assert current(pilot) is not screen
        # Told once, when it was not taken; not again by a screen that is gone.
        told = [n for n in app._notifications if "still in its box" in n.message]
        assert len(told) == 1
    assert "버릴 질문" not in [q.text for q in queries.questions_for(seed_library, 1)]


async def a_conflict_shown(pilot: Pilot[None], library: Library) -> ReadingScreen:
    """The seed open, its summary changed both in the post and here, and `C` pressed: the
    conflict screen is on top of the reading screen returned."""
    from reader_tui.screens.choices import ConflictScreen

    screen: ReadingScreen = await open_seed(pilot)
    edit_outside(library, screen.article_id, "국내 AI 그룹 소개", "파일에서 고침")
    screen.query_one("#summary", TextArea).focus()
    await pilot.press("end", *" 앱에서", "ctrl+s", "escape", "C")
    await pilot.pause()
    assert isinstance(current(pilot), ConflictScreen)
    return screen


async def test_a_merge_typed_in_the_conflict_screen_is_not_dropped_unasked(
    seed_library: Library,
) -> None:
    from reader_tui.screens.choices import ConflictScreen

    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await a_conflict_shown(pilot, seed_library)
        await pilot.press("escape")  # nothing typed yet: later, at once
        await pilot.pause()
        assert current(pilot) is screen
        await pilot.press("C", "e", *"둘을 합친 요약")
        await pilot.press("escape")  # the merge typed: asked first
        await pilot.pause()
        assert isinstance(current(pilot), ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        merging = current(pilot)
        assert isinstance(merging, ConflictScreen)
        assert "둘을 합친 요약" in merging.query_one("#merged", TextArea).text
        await pilot.press("ctrl+q")  # quitting asks too
        await pilot.pause()
        assert isinstance(current(pilot), ConfirmScreen)
        await pilot.press("n", "escape", "y")  # later, dropping the merge: both versions stay
        await pilot.pause()
        assert current(pilot) is screen
    article = queries.article(seed_library, 1)
    assert [(c.section, c.file_value) for c in article.conflicts] == [("summary", "파일에서 고침")]


async def test_a_dialog_whose_text_the_library_will_not_take_stays_open(
    seed_library: Library,
) -> None:
    from reader_tui.screens.choices import NoteScreen

    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen: ReadingScreen = await open_seed(pilot)
        await pilot.press("n", "e")  # a note on the first highlight
        await pilot.pause()
        dialog = current(pilot)
        assert isinstance(dialog, NoteScreen)
        await pilot.press(*"잃을 수 없는 메모")
        with write_lock_held(seed_library):
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert current(pilot) is dialog  # not taken: the dialog and its text stay
            assert dialog.query_one(TextArea).text == "잃을 수 없는 메모"
        await pilot.press("ctrl+s")  # taken now
        await pilot.pause()
        assert current(pilot) is screen
    notes = [h.note for h in queries.highlights_for(seed_library, 1)]
    assert "잃을 수 없는 메모" in notes


async def test_a_setting_turned_from_the_palette_on_a_busy_library_is_told_not_a_crash(
    seed_library: Library,
) -> None:
    from reader_tui.library import settings
    from tests.ui.helpers import palette_ready

    before = settings.load(seed_library).review_cloze
    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        with write_lock_held(seed_library):
            await pilot.press("ctrl+p", *"cloze cards")
            await palette_ready(pilot)
            await pilot.press("enter")
            await pilot.pause()
        assert app.is_running
        told = [n.message for n in app._notifications if n.severity == "error"]
        assert any("busy" in message for message in told), told
    assert settings.load(seed_library).review_cloze == before


async def test_a_merge_the_library_will_not_take_keeps_the_conflict_screen_open(
    seed_library: Library,
) -> None:
    from reader_tui.screens.choices import ConflictScreen

    app = ReaderApp(seed_library, save_delay=3600)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await a_conflict_shown(pilot, seed_library)
        await pilot.press("e", *" 합침")
        await pilot.pause()
        merging = current(pilot)
        assert isinstance(merging, ConflictScreen)
        with write_lock_held(seed_library):
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert current(pilot) is merging  # not taken: open, with what was typed
            assert merging.query_one("#merged", TextArea).text.endswith(" 합침")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert current(pilot) is screen
    article = queries.article(seed_library, 1)
    assert article.conflicts == ()
    assert article.summary.endswith(" 합침")


async def test_removing_a_highlight_on_a_busy_library_keeps_it_and_says_so(
    seed_library: Library,
) -> None:
    before = len(queries.highlights_for(seed_library, 1))
    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        await open_seed(pilot)
        await pilot.press("n", "x")
        await pilot.pause()
        assert isinstance(current(pilot), ConfirmScreen)
        with write_lock_held(seed_library):
            await pilot.press("y")
            await pilot.pause()
        assert app.is_running
        told = [n.message for n in app._notifications if "The highlight stays" in n.message]
        assert told
    assert len(queries.highlights_for(seed_library, 1)) == before


async def test_a_question_edited_while_the_post_dropped_it_comes_back(
    seed_library: Library,
) -> None:
    from reader_tui.library import edits

    app = ReaderApp(seed_library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await a_question_edited(pilot)
        with Library(seed_library.path) as other:  # meanwhile: gone from the library
            (gone,) = queries.questions_for(other, screen.article_id)
            edits.delete_question(other, gone.id)
        await pilot.press(*"혼자는 어려워서", "ctrl+s")
        await pilot.pause()
        assert current(pilot) is screen  # saved: as a question again, with its answer
        (question,) = queries.questions_for(seed_library, screen.article_id)
        assert (question.text, question.answer) == ("왜?", "혼자는 어려워서")
