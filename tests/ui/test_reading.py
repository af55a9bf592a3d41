"""The reading screen driven by Pilot: notes that save themselves, questions, narrow
terminals, the keys, conflicts and write-back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, queries, settings
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.question import QuestionScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.notes import NotesPane
from tests.ui.helpers import (
    caret,
    displayed,
    focus_on,
    open_first_question,
    open_seed,
    palette_ready,
    summary_conflict,
    until,
)

if TYPE_CHECKING:
    from tests.conftest import MakeLibrary


async def test_summary_is_saved_shortly_after_typing_stops(library: Library) -> None:
    app = ReaderApp(library, save_delay=3600)  # while typing: nothing saved yet
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        article_id = screen.article_id
        summary = screen.query_one("#summary", TextArea)
        await focus_on(pilot, summary)
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
        await focus_on(pilot, box)
        await pilot.press(*"왜 연합할까?")
        await pilot.press("enter")
        await pilot.pause()
        assert [q.text for q in queries.questions_for(library, screen.article_id)] == [
            "왜 연합할까?"
        ]


async def test_tab_from_the_summary_goes_to_the_new_question_box_with_no_questions_yet(
    library: Library,
) -> None:
    """With no question yet, Tab from the summary went to the empty list of questions:
    a question typed there and Enter did nothing, and the words were lost."""
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        assert queries.questions_for(library, screen.article_id) == []
        # With none, the list is not there (an empty box above the new question's).
        assert not screen.query_one("#questions").display
        await focus_on(pilot, screen.query_one("#summary"))
        await pilot.press("tab", *"왜 연합할까?", "enter")
        await pilot.pause()
        assert [q.text for q in queries.questions_for(library, screen.article_id)] == [
            "왜 연합할까?"
        ]
        assert screen.query_one("#questions").display
        await pilot.press("shift+tab")  # back: the list has a question now, and takes it
        assert screen.query_one("#questions").has_focus
        await pilot.press("enter")  # on it at once: no need to press ↓ first
        await until(pilot, lambda: isinstance(app.screen, QuestionScreen))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("down", "delete")  # the last one gone: the box has the focus again
        await until(pilot, lambda: not queries.questions_for(library, screen.article_id))
        await pilot.pause()
        assert screen.query_one("#new-question").has_focus
        assert not screen.query_one("#questions").display


async def test_tab_from_the_highlights_goes_into_the_notes_first_field(library: Library) -> None:
    """Tab, Tab from the article stopped on the notes pane itself: nothing showed the
    focus, and what was typed next went nowhere."""
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        await pilot.press("tab", "tab", "space", *"#연합체", "tab", *"앱에서")
        await pilot.pause()
        assert screen.query_one("#keywords", Input).value == "#AI #연합체"
        assert "앱에서" in screen.query_one("#summary", TextArea).text
        chain = [w.id for w in screen.focus_chain]
        assert "notes" not in chain  # the pane holds fields; it is not one
        assert chain.index("keywords") == chain.index("highlights") + 1


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
        await pilot.press("down", "enter")  # the second (the first is on): the article at it
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
        # The article wraps its lines: no key of it scrolls sideways.
        assert "Page Left" not in shown
        assert "Page Right" not in shown
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
        await open_first_question(pilot, screen)
        await pilot.press(*"혼자 하기 어려워서")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (question,) = queries.questions_for(library, article_id)
        assert (question.text, question.answer, question.status) == (
            "왜 연합할까?",
            "혼자 하기 어려워서",
            "answered",
        )
        questions = screen.query_one("#questions", OptionList)
        assert "✓ 왜 연합할까?" in str(questions.get_option_at_index(0).prompt)


async def test_a_notes_conflict_is_shown_with_both_versions_and_the_user_picks(
    library: Library,
) -> None:
    from textual.widgets import Label

    article = queries.articles(library)[0]
    summary_conflict(library, "앱에서 고친 요약", "파일에서 고친 요약")
    assert [c.section for c in queries.article(library, article.id).conflicts] == ["summary"]
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        bar = screen.query_one("#conflict-bar", Label)
        assert displayed(bar)
        assert "summary" in str(bar.content)
        await pilot.press("C")
        await pilot.pause()
        assert str(app.screen.query_one("#mine", Static).content) == "앱에서 고친 요약"
        assert str(app.screen.query_one("#theirs", Static).content) == "파일에서 고친 요약"
        await pilot.press("f")
        await pilot.pause()
        assert app.screen is screen
        assert not displayed(bar)
        assert screen.query_one(NotesPane).summary == "파일에서 고친 요약"
        stored = queries.article(library, article.id)
        assert (stored.summary, stored.conflicts) == ("파일에서 고친 요약", ())


async def test_long_versions_in_a_conflict_show_whole_and_scroll_at_80x24(
    library: Library,
) -> None:
    queries.articles(library)[0]
    mine = "앱에서 쓴 요약의 " + " ".join(f"{n}번째 문장입니다." for n in range(1, 40))
    theirs = "파일에서 고친 요약의 " + " ".join(f"{n}번째 줄입니다." for n in range(1, 40))
    summary_conflict(library, mine, theirs)
    app = ReaderApp(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_seed(pilot)
        await pilot.press("C")
        await pilot.pause()
        dialog = app.screen
        for name, value in (("#mine", mine), ("#theirs", theirs)):
            version = dialog.query_one(name, Static)
            lines = [strip.text.strip() for strip in version.render_lines(version.size.region)]
            assert " ".join(" ".join(lines).split()) == value  # the whole text, wrapped
        scroll = dialog.query_one("#versions-scroll")
        assert scroll.region.bottom <= 24
        assert scroll.max_scroll_y > 0
        await pilot.press("pagedown")
        assert scroll.scroll_y > 0  # the rest is a key away


async def test_opening_an_article_is_not_an_edit(library: Library) -> None:
    app = ReaderApp(library, save_delay=0)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        await pilot.pause()
        assert screen.notes.status == ""  # nothing typed, nothing saved: nothing said
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
        await focus_on(pilot, summary)
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


async def test_arrows_j_k_space_and_b_scroll_the_article(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        assert view.has_focus
        await pilot.press("j", "j", "down")
        assert view.scroll_y == 3
        await pilot.press("k", "up")
        assert view.scroll_y == 1
        await pilot.press("space")
        page = view.scroll_y
        assert page > 20
        await pilot.press("b")
        assert view.scroll_y < page
        await pilot.press("v", "down")  # with a caret the same keys move it, not the view
        assert caret(view) is not None


async def test_escape_in_a_notes_field_leaves_the_field_not_the_screen(library: Library) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        screen.query_one("#summary", TextArea).focus()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.query_one(ArticleView).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")  # q on the library quits
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize(
    ("keys", "kept"),
    [
        (["a"], "앱에서 고친 국내 AI 그룹 소개"),
        (["f"], "국내 AI 연합체 소개"),
        (["e", "end", *" 끝", "ctrl+s"], "앱에서 고친 국내 AI 그룹 연합체 소개 끝"),
    ],
    ids=["keep mine", "keep the post's", "edit both"],
)
async def test_a_conflict_is_settled_by_each_of_the_three_choices(
    library: Library, keys: list[str], kept: str
) -> None:
    article = queries.articles(library)[0]
    path = summary_conflict(library, "앱에서 고친 국내 AI 그룹 소개", "국내 AI 연합체 소개")
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_seed(pilot)
        await pilot.press("C")
        await pilot.pause()
        dialog = app.screen
        # The words only one side has are marked: 앱에서 고친, 그룹 / 연합체.
        for name, words in (("#mine", ["앱에서 고친", "그룹"]), ("#theirs", ["연합체"])):
            content = dialog.query_one(name, Static).content
            assert isinstance(content, Content)
            marked = [content.plain[s.start : s.end].strip() for s in content.spans]
            assert marked == words
        await pilot.press(*keys)
        await pilot.pause()
        assert app.screen is screen
        assert not displayed(screen.query_one("#conflict-bar"))
        assert screen.query_one(NotesPane).summary == kept
        stored = queries.article(library, article.id)
        assert (stored.summary, stored.conflicts) == (kept, ())
        await pilot.press("w")  # write back
        await pilot.pause()
    assert f"### 3. 요약 : {kept}\n" in path.read_text(encoding="utf-8")


def locked(notes: NotesPane) -> bool:
    """Whether the notes fields take no typing (read through a function: they change)."""
    return notes.keywords_input.disabled and notes.summary_area.read_only


async def test_notes_in_another_blogs_form_are_read_only_until_converted(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    post = (
        "---\ntitle: 캐시 구현\n---\n\n캐시를 붙였다.\n\n## 🤔 궁금한 점\n\n"
        "- 분산 환경에서 캐시 동기화는?\n- 캐시 hit 비율은?\n\n## 📝 내일 해볼 것\n\n- 통계\n"
    )
    library = make_library({"2025-08-22-cache.md": post}, seed=False)
    path = tmp_path / "notes" / "2025-08-22-cache.md"
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await open_seed(pilot)
        notes = screen.query_one(NotesPane)
        assert [q.text for q in notes.questions] == [
            "분산 환경에서 캐시 동기화는?",
            "캐시 hit 비율은?",
        ]
        assert locked(notes)
        assert "read-only" in notes.status
        # The whole of it shows, wrapped in the pane: the way out is its last words.
        status = notes.status_label
        assert status.outer_size.width <= notes.content_size.width
        assert status.size.height >= 3
        await pilot.press("ctrl+p", *"convert notes")
        await palette_ready(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: not locked(notes))
    written = path.read_text(encoding="utf-8")
    assert written.startswith(post)  # the post's own headings stay
    assert written.endswith(
        "* * *\n\n### 2. 키워드 : -\n### 3. 요약 : -\n"
        "### 4. 궁금한 점 :\n- 분산 환경에서 캐시 동기화는?\n- 캐시 hit 비율은?\n"
    )
