"""A whole review session, `o` to the article and back, and the stats screen, driven by
Pilot on a real library file with a fixed clock."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from textual.content import Content
from textual.widgets import Input, Label, Static

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, queries, settings
from reader_tui.review import Review
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.reading import ReadingScreen
from reader_tui.screens.review import ReviewScreen
from reader_tui.screens.stats import StatsScreen
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.rows import RowList
from tests.conftest import write_lock_held
from tests.ui.helpers import displayed, palette_ready, until

if TYPE_CHECKING:
    from pathlib import Path

    from textual.pilot import Pilot

    from reader_tui.models import ReviewCard

NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def library(seed_library: Library) -> Library:
    edits.add_question(seed_library, queries.articles(seed_library)[0].id, "왜 기업들은 연합할까?")
    return seed_library


class Clock:
    """A clock the test moves on."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def app_for(library: Library, now: dt.datetime = NOON, **options: object) -> ReaderApp:
    clock = options.pop("clock", None) or Clock(now)
    app = ReaderApp(library, clock=clock, **options)  # type: ignore[arg-type]
    app.review = Review(library, clock, fuzz=False)  # type: ignore[arg-type]
    return app


def current(screen: ReviewScreen) -> ReviewCard | None:
    """The card shown now (read through a function: it changes under the test)."""
    return screen.card


async def reviewing(pilot: Pilot[None]) -> ReviewScreen:
    """The review screen the app opened on, once it shows its first card."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


def progress(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-progress", Label).render())


def shown(app: ReaderApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def open_questions(app: ReaderApp) -> str:
    """The library's Q column for the first article."""
    return str(app.screen_stack[0].query_one(RowList).get_row_at(0)[3])


async def test_a_whole_session_over_the_seed(library: Library) -> None:
    clock = Clock(NOON)
    app = app_for(library, clock=clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # cards are made in the background
        await pilot.pause()
        assert "7 to review" in str(app.screen.query_one("#due", Label).render())
        await pilot.press("r")
        screen = await reviewing(pilot)
        assert "0 done · 7 to go" in progress(screen)
        kinds = [c.kind for c in screen.cards]
        assert sorted(kinds) == ["highlight"] * 6 + ["question"]
        ratings: dict[int, list[int]] = {}
        for n in range(7):
            card = screen.card
            assert card is not None
            if card.kind == "question":
                assert "왜 기업들은 연합할까?" in shown(app, "#card-front")
                await pilot.press("3")  # not before the answer is revealed
                assert screen.card is card
                assert open_questions(app) == "1"  # the library, below: one open question
                await pilot.press("a", *"협력해야 빨라서")
                await pilot.pause()
                # The bar says how to save it (ctrl+s, as in every form; Enter too).
                bar = str(screen.query_one(KeyBar).render())
                assert "^s Save answer" in bar
                assert "Leave the answer" in bar
                await pilot.press("ctrl+s")
                await pilot.pause()
                assert "협력해야 빨라서" in shown(app, "#card-back")
                await until(pilot, lambda: open_questions(app) == "")  # at once
            else:
                # Recall: the passage is blanked on the front, shown once revealed.
                passage = " ".join(card.passage.split())
                assert passage[-8:] not in " ".join(shown(app, "#card-front").split())
                await pilot.press("space")
                assert passage[:20] in " ".join(shown(app, "#card-front").split())
            rating = 1 if not ratings else 3
            ratings.setdefault(card.id, []).append(rating)
            await pilot.press(str(rating))
            await pilot.pause()
            if n < 6:  # each card rated is learning, back later: not counted as to go
                assert f"{n + 1} done · {6 - n} to go · {n + 1} coming back" in progress(screen)
        # Every card is learning now: the one rated Again comes back once its step (a
        # minute) is up, the others after theirs (10 minutes); the session waits for them.
        (again,) = [card_id for card_id, given in ratings.items() if given == [1]]
        assert current(screen) is None
        assert "7 learning cards come back in this session: the next in 1:00" in shown(
            app, "#card-front"
        )
        clock.advance(seconds=61)
        await until(pilot, lambda: current(screen) is not None)
        assert getattr(current(screen), "id", None) == again
        while current(screen) is not None or screen.waiting_until is not None:
            if current(screen) is None:
                clock.advance(minutes=10)
                await until(pilot, lambda: current(screen) is not None)
                continue
            card = current(screen)
            assert card is not None
            await pilot.press("space", "3")
            await pilot.pause()
            ratings[card.id].append(3)
        summary = shown(app, "#card-front")
        # Each card graduated (Good twice), the one rated Again once more.
        assert "Reviewed 15 cards: 1 again, 0 hard, 14 good, 0 easy." in summary
        assert "The next card is due in 1 day." in summary
        (question,) = queries.questions_for(library, queries.articles(library)[0].id)
        assert (question.answer, question.status) == ("협력해야 빨라서", "answered")
        logged: dict[int, list[int]] = {}
        for card_id, rating in library.conn.execute(
            "SELECT card_id, rating FROM review_log ORDER BY id"
        ):
            logged.setdefault(card_id, []).append(rating)
        assert logged == ratings
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert str(app.screen.query_one("#due", Label).render()) == ""


async def test_o_opens_the_article_at_the_passage_and_comes_back(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("space", "3", "space", "3")  # to the third card
        card = review.card
        assert card is not None
        assert card.highlight_id is not None
        await pilot.press("o")
        await pilot.pause()
        reading = app.screen
        assert isinstance(reading, ReadingScreen)
        await pilot.pause()
        assert reading.query_one(ArticleView).active == card.highlight_id
        await pilot.press("escape")
        await pilot.pause()
        assert review.is_current
        assert review.card == card
        assert "2 done" in progress(review)


async def test_skip_retire_and_undo(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reviewing(pilot)
        first = screen.card
        await pilot.press("s")
        assert screen.queue[-1] == first
        second = screen.card
        assert second is not None
        await pilot.press("x")
        await pilot.pause()
        assert second not in screen.queue
        assert screen.card != second
        assert app.review.card(second.id) is not None
        assert second.id not in [c.id for c in app.review.queue()]
        await pilot.press("u")
        assert screen.card == second
        assert second.id in [c.id for c in app.review.queue()]


async def test_ratings_are_undone_several_steps_back_exactly(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reviewing(pilot)
        before = library.conn.execute("SELECT * FROM cards ORDER BY id").fetchall()
        first, second = screen.card, None
        await pilot.press("space", "1")
        second = screen.card
        await pilot.press("space", "4")
        assert library.conn.execute("SELECT count(*) FROM review_log").fetchone() == (2,)
        await pilot.press("u")
        assert screen.card == second
        await pilot.press("u")
        assert screen.card is not None
        assert first is not None
        assert screen.card.id == first.id
        assert library.conn.execute("SELECT * FROM cards ORDER BY id").fetchall() == before
        assert library.conn.execute("SELECT count(*) FROM review_log").fetchone() == (0,)
        assert screen.learning == []  # the Again no longer brings it back
        await pilot.press("u")  # nothing more to undo: said, nothing changes
        assert screen.card.id == first.id


async def test_rating_keys_show_the_interval_each_would_give(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        bar = str(app.screen.query_one(KeyBar).render())
        # A new card: Again in a minute, Hard in 6, Good in 10 (its learning steps), Easy days.
        for label in ("1 Again 1m", "2 Hard 6m", "3 Good 10m", "4 Easy "):
            assert label in bar, bar


async def test_a_note_on_the_highlight_from_review(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reviewing(pilot)
        card = screen.card
        assert card is not None
        await pilot.press("space", "e")  # the passage revealed, then a note on it
        await pilot.pause()
        await pilot.press(*"다시 볼 것")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "다시 볼 것" in shown(app, "#card-back")
        notes = {h.id: h.note for h in queries.highlights_for(library, card.article_id)}
        assert card.highlight_id is not None
        assert notes[card.highlight_id] == "다시 볼 것"


def reviewed_good(library: Library, days_ago: int, cards: int) -> None:
    """The first `cards` of a session rated Good, `days_ago` days before NOON."""
    review = Review(library, lambda: NOON - dt.timedelta(days=days_ago), fuzz=False)
    review.sync()
    for card in review.queue()[:cards]:
        review.rate(card.id, 3)


async def test_stats_screen_counts_what_was_reviewed(library: Library) -> None:
    reviewed_good(library, days_ago=1, cards=3)
    app = app_for(library, start="stats")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        summary = shown(app, "#stats-summary")
        assert "Streak: 1 day" in summary
        assert "4 new, 3 learning" in summary
        assert "3 good" in summary
        assert "(total 3, most in a day 3)" in shown(app, "#reviews-chart")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)


def test_review_screen_snapshot(snap_compare: object, library: Library) -> None:
    """A highlight card blanked for recall, then the next one revealed, the rating keys
    with the interval each would give."""
    assert snap_compare(  # type: ignore[operator]
        app_for(library, start="review"),
        press=["_", "space", "3", "space"],
        terminal_size=(120, 30),
    )


def test_review_card_blanked_snapshot(snap_compare: object, library: Library) -> None:
    assert snap_compare(app_for(library, start="review"), press=["_"], terminal_size=(120, 30))  # type: ignore[operator]


def test_stats_screen_snapshot(snap_compare: object, library: Library) -> None:
    reviewed_good(library, days_ago=2, cards=5)
    assert snap_compare(app_for(library, start="stats"), press=["_"], terminal_size=(120, 40))  # type: ignore[operator]


async def test_the_stats_charts_fit_80_columns(library: Library) -> None:
    reviewed_good(library, days_ago=2, cards=5)
    app = app_for(library, start="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        chart = app.screen.query_one("#reviews-chart", Static)
        lines = chart.render_lines(chart.region.reset_offset)
        drawn = [strip.text.rstrip() for strip in lines if strip.text.strip()]
        bars = [line for line in drawn if set(line.strip()) <= set(" ▁▂▃▄▅▆▇█")]
        assert bars, drawn
        assert chart.region.x + max(len(line) for line in bars) <= app.size.width
        # a title, five rows of bars, the dates: no row wrapped onto another line
        assert chart.region.height == 7


def test_a_one_off_new_card_limit_does_not_change_the_setting(
    library: Library, tmp_path: Path
) -> None:
    from tests.conftest import run_cli
    from tests.terminal import Terminal

    terminal = Terminal("review", "--new-per-day", "2", "--db", library.path)
    terminal.expect("0 done · 2 to go")  # two new cards today, for this review
    assert terminal.close() == 0
    shown_settings = run_cli("config", "--db", library.path).stdout
    assert "review-new-per-day" in shown_settings
    assert settings.load(library).review_new_per_day == settings.NEW_PER_DAY


async def test_settings_are_changed_in_one_place_the_palette_s_settings(
    library: Library,
) -> None:
    app = app_for(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"settings")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        # The first field has the focus: what is typed goes in (it went nowhere before).
        assert app.screen.query_one("#set-auto_write_back", Input).has_focus
        await pilot.press("tab", "backspace", "backspace", "3")
        assert app.screen.query_one("#set-review_new_per_day", Input).value == "3"
        retention = app.screen.query_one("#set-review_retention", Input)
        retention.value = "150"  # out of range: said, nothing saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert settings.load(library).review_new_per_day == settings.NEW_PER_DAY
        retention.value = "85"
        await pilot.press("ctrl+s")
        await pilot.pause()
        chosen = settings.load(library)
        assert (chosen.review_new_per_day, chosen.review_retention) == (3, 85)
        assert (app.review.new_per_day, app.review.retention) == (3, 0.85)  # in use at once


async def test_review_of_a_folder_on_a_fresh_library_shows_its_cards(
    tmp_path: Path, notes: Path
) -> None:
    with Library(tmp_path / "fresh.db") as fresh:
        app = app_for(fresh, start="review", refresh=[str(notes)])
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            assert isinstance(screen, ReviewScreen)
            # The folder is imported in the background: its cards come when it is done.
            await until(pilot, lambda: current(screen) is not None)
            assert "to go" in progress(screen)


async def test_the_settings_at_80_columns_show_each_field_with_all_of_its_hint(
    library: Library,
) -> None:
    """At 80x24 the first field's hint was scrolled off the top, and every long hint was
    cut at the dialog's edge."""
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p", *"settings")
        await palette_ready(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        text = app.export_screenshot().replace("&#160;", " ")
        assert "auto-write-back: write notes and highlights into the post after" in text
        assert "each save (on/off)" in text  # its second line
        assert app.screen.query_one("#set-auto_write_back", Input).has_focus


async def test_an_answer_typed_in_review_is_not_dropped_without_asking(library: Library) -> None:
    from reader_tui.screens.confirm import ConfirmScreen

    app = app_for(library, start="review")

    def asking() -> bool:
        return isinstance(app.screen, ConfirmScreen)

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reviewing(pilot)
        while screen.card is not None and screen.card.kind != "question":
            await pilot.press("s")
        assert screen.card is not None
        box = screen.query_one("#card-answer", Input)
        await pilot.press("a", *"초안")
        await pilot.press("escape")  # leaving the box would drop the answer: asked first
        await pilot.pause()
        assert asking()
        await pilot.press("n")
        await pilot.pause()
        assert not asking()
        assert displayed(box)
        assert box.value == "초안"
        await pilot.press("tab")  # out of the box, and back: what was typed stays
        assert app.focused is not box
        await pilot.press("space", "3")  # a rating would change the card under it: not now
        assert screen.card.kind == "question"
        await pilot.press("a")
        assert app.focused is box
        assert box.value == "초안"
        await pilot.press("ctrl+q")  # quitting would lose it too
        await pilot.pause()
        assert asking()
        assert "the answer typed in review" in str(app.screen.query_one("#question").render())
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "y")  # dropped when the reader says so
        await pilot.pause()
        assert not displayed(box)
        (question,) = queries.questions_for(library, screen.card.article_id)
        assert question.answer == ""
        await pilot.press("a")  # the answer as saved, not the dropped draft
        assert not box.value
        await pilot.press("escape")  # nothing typed: nothing to ask
        await pilot.pause()
        assert not asking()
        assert not displayed(box)


async def test_an_undo_the_library_will_not_take_can_be_tried_again(library: Library) -> None:
    app = app_for(library, start="review")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await reviewing(pilot)
        first = screen.card
        assert first is not None
        await pilot.press("space", "3")
        with write_lock_held(library):
            await pilot.press("u")  # not taken back: said so, and kept to try again
            await pilot.pause()
        assert library.conn.execute("SELECT count(*) FROM review_log").fetchone() == (1,)
        await pilot.press("u")
        await pilot.pause()
        assert library.conn.execute("SELECT count(*) FROM review_log").fetchone() == (0,)
        assert screen.card is not None
        assert screen.card.id == first.id


@pytest.mark.parametrize("key", ["r", "t"])
async def test_the_keys_panel_offers_no_sideways_scroll_on_text_that_wraps(
    library: Library, key: str
) -> None:
    app = app_for(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, (ReviewScreen, StatsScreen))
        listed = {
            active.binding.description
            for active in app.screen.active_bindings.values()
            if not active.binding.system  # what the keys panel lists
        }
        assert "Back" in listed
        assert not listed & {"Scroll Left", "Scroll Right", "Page Left", "Page Right"}


async def test_a_question_card_keeps_its_closing_question_mark_with_its_last_word(
    seed_library: Library,
) -> None:
    """Seen in tmux: a question written `차이는 ?` that just fills the card's width showed
    its `?` alone on the next line."""
    question = "AI와 검색 엔진은 어떻게 다르고 둘을 함께 쓰면 무엇이 더 좋아지나 그 차이는 ?"
    edits.add_question(seed_library, queries.articles(seed_library)[0].id, question)
    app = app_for(seed_library, start="review")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await reviewing(pilot)
        while screen.card is not None and screen.card.kind != "question":
            await pilot.press("s")
        await pilot.pause()
        front = screen.query_one("#card-front", Static)
        width = front.content_size.width
        # (the question just fills the card: Textual's own wrapping leaves `?` alone)
        assert Content.assemble(("? ", "bold"), question).wrap(width)[-1].plain == "?"
        lines = [strip.text.rstrip() for strip in front.render_lines(front.size.region)]
        assert [line for line in lines if line] == [
            "? AI와 검색 엔진은 어떻게 다르고 둘을 함께 쓰면 무엇이 더 좋아지나 그",
            "차이는 ?",
        ]
