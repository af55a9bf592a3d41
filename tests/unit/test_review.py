"""Review cards and FSRS scheduling on a real library file, with a clock the test sets."""

from __future__ import annotations

import datetime as dt
import shutil
from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.models import ReviewFilter, blank
from reader_tui.review import Review
from tests.conftest import SEED

if TYPE_CHECKING:
    from pathlib import Path

NOON = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)  # noon UTC: the same day in most zones


class Clock:
    def __init__(self, now: dt.datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def post(n: int, highlights: int) -> str:
    spans = "\n\n".join(
        f'문단 {i}. <span style="color:blue">글 {n}의 {i}번째 밑줄 AI 문장.</span> 나머지.'
        for i in range(highlights)
    )
    return (
        f"---\ntitle: '글 {n}'\nsubtitle: '2203{n:02d}Tue test'\n---\n\n"
        f"{spans}\n\n* * *\n\n### 2. 키워드 : \\#AI\n\n### 3. 요약 : 요약 {n}\n\n"
        "### 4. 궁금한 점 : -\n"
    )


@pytest.fixture
def library(seed_library: Library) -> Library:
    return seed_library


@pytest.fixture
def clock() -> Clock:
    return Clock()


def test_every_active_highlight_and_question_becomes_one_card(
    library: Library, clock: Clock
) -> None:
    article_id = queries.articles(library)[0].id
    edits.add_question(library, article_id, "왜 연합할까?")
    review = Review(library, clock, fuzz=False)
    review.sync()
    review.sync()  # twice: still one card each
    cards = review.queue()
    assert sorted(c.kind for c in cards) == ["highlight"] * 6 + ["question"]
    highlight_texts = {h.text for h in queries.highlights_for(library, article_id)}
    assert {c.passage for c in cards if c.kind == "highlight"} == highlight_texts
    (question,) = [c for c in cards if c.kind == "question"]
    assert question.front == "왜 연합할까?"
    assert all(c.title.startswith("[AI 핫이슈 읽기]") for c in cards)


def test_new_cards_enter_at_most_the_daily_limit(
    library: Library, notes: Path, clock: Clock
) -> None:
    for n in range(1, 4):
        (notes / f"2022-03-0{n}-post{n}.md").write_text(post(n, 5), encoding="utf-8")
    importing.import_paths(library, [notes])
    review = Review(library, clock, new_per_day=10, fuzz=False)
    review.sync()
    first = review.queue()
    assert len(first) == 10  # 21 cards wait, ten come today
    assert review.due_count() == 10
    for card in first:
        review.rate(card.id, 3)
    # the same day: the ten are learning (due in minutes), no more new ones
    assert review.new_left_today() == 0
    assert not [c for c in review.queue() if c.is_new]
    clock.advance(minutes=15)
    again = review.queue()
    assert again
    assert {c.id for c in again} <= {c.id for c in first}
    assert review.due_count() == len(again)  # learning cards due, no new ones left today
    # the next day ten more new ones come
    clock.advance(days=1)
    fresh = [c for c in review.queue() if c.is_new]
    assert len(fresh) == 10
    assert review.due_count() == len(review.queue())
    assert not {c.id for c in fresh} & {c.id for c in first}


def test_good_comes_back_later_than_hard_and_easy_later_than_good(
    library: Library, clock: Clock
) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    a, b, c = review.queue()[:3]
    for card in (a, b, c):
        review.rate(card.id, 3)  # first sight: learning
    clock.advance(days=1)
    hard = review.rate(a.id, 2).due
    good = review.rate(b.id, 3).due
    easy = review.rate(c.id, 4).due
    assert hard < good < easy
    assert good - clock.now >= dt.timedelta(days=1)


def test_again_brings_a_card_back_in_minutes(library: Library, clock: Clock) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = review.queue()[0]
    due = review.rate(card.id, 1).due
    assert due - clock.now <= dt.timedelta(minutes=10)
    clock.advance(minutes=11)
    assert card.id in [c.id for c in review.queue()]


def test_retired_card_never_comes_back_until_restored(library: Library, clock: Clock) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = review.queue()[0]
    review.rate(card.id, 3)
    review.retire(card.id)
    for _ in range(5):
        clock.advance(days=90)
        review.sync()
        assert card.id not in [c.id for c in review.queue()]
    review.restore(card.id)
    assert card.id in [c.id for c in review.queue()]


def test_rating_must_be_one_to_four(library: Library, clock: Clock) -> None:
    review = Review(library, clock)
    review.sync()
    with pytest.raises(ValueError, match="1 to 4"):
        review.rate(review.queue()[0].id, 5)


def test_a_card_survives_reimport_and_a_moved_file(
    library: Library, notes: Path, clock: Clock
) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = review.queue()[0]
    due = review.rate(card.id, 3).due
    # the post is edited elsewhere, then renamed
    path = notes / SEED.name
    path.write_text(
        path.read_text(encoding="utf-8").replace("22.03.05.", "2022.03.05."), encoding="utf-8"
    )
    importing.import_paths(library, [notes])
    moved = notes / "renamed.markdown"
    shutil.move(path, moved)
    report = importing.import_paths(library, [notes])
    assert report.moved == 1
    review.sync()
    kept = review.card(card.id)
    assert (kept.passage, kept.due, kept.state) == (card.passage, due, 1)
    assert queries.article(library, kept.article_id).path == str(moved)


def test_a_reviewed_highlight_that_leaves_the_post_keeps_its_card(
    library: Library, notes: Path, clock: Clock
) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    reviewed, untouched = [c for c in review.queue() if c.kind == "highlight"][:2]
    review.rate(reviewed.id, 3)
    path = notes / SEED.name
    text = path.read_text(encoding="utf-8")
    for card in (reviewed, untouched):
        text = text.replace(card.passage, "")  # both passages deleted from the post
    path.write_text(text, encoding="utf-8")
    importing.import_paths(library, [notes])
    review.sync()
    kept = review.card(reviewed.id)
    assert kept.orphan
    assert kept.passage == reviewed.passage
    clock.advance(days=30)
    assert kept.id in [c.id for c in review.queue(ReviewFilter(article_id=kept.article_id))]
    # the never-reviewed one is retired, not lost
    assert review.card(untouched.id).id == untouched.id
    assert untouched.id not in [c.id for c in review.queue()]


def test_removing_a_highlight_in_the_app_retires_its_card(library: Library, clock: Clock) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = next(c for c in review.queue() if c.kind == "highlight")
    review.rate(card.id, 3)
    assert card.highlight_id is not None
    edits.remove_highlight(library, card.highlight_id)
    review.sync()
    assert card.id not in [c.id for c in review.queue()]
    assert review.stats().retired == 1
    assert review.stats().ratings["good"] == 1  # its history stays


def test_answering_a_question_card_answers_it_in_the_notes(library: Library, clock: Clock) -> None:
    article_id = queries.articles(library)[0].id
    edits.add_question(library, article_id, "누가 가장 적극적인가?")
    review = Review(library, clock)
    review.sync()
    (card,) = [c for c in review.queue() if c.kind == "question"]
    review.answer(card, "네이버")
    (question,) = queries.questions_for(library, article_id)
    assert (question.answer, question.status) == ("네이버", "answered")
    assert review.card(card.id).answer == "네이버"


def test_cloze_cards_blank_the_keyword_in_the_passage(
    library: Library, notes: Path, clock: Clock
) -> None:
    (notes / "2022-03-01-cloze.md").write_text(post(1, 2), encoding="utf-8")
    importing.import_paths(library, [notes])
    review = Review(library, clock, cloze=True, new_per_day=100)
    review.sync()
    cloze = [c for c in review.queue() if c.kind == "cloze"]
    # the seed's keyword AI is in three of its highlights; the new post's in both
    seed_id = next(e.id for e in queries.articles(library) if e.title.startswith("[AI"))
    seed_ai = [h for h in queries.highlights_for(library, seed_id) if "ai" in h.text.lower()]
    assert len(cloze) == len(seed_ai) + 2
    card = next(c for c in cloze if c.title == "글 1")
    assert card.front == "글 1의 0번째 밑줄 [___] 문장."
    assert blank("Ai와 AI", "AI") == "[___]와 [___]"


def test_filters_by_article_keyword_and_colour(library: Library, notes: Path, clock: Clock) -> None:
    red = post(2, 2).replace("color:blue", "color:red").replace("\\#AI", "\\#경제")
    (notes / "2022-03-02-red.md").write_text(red, encoding="utf-8")
    importing.import_paths(library, [notes])
    review = Review(library, clock, new_per_day=100)
    review.sync()
    assert len(review.queue()) == 8
    assert {c.title for c in review.queue(ReviewFilter(keyword="#경제"))} == {"글 2"}
    assert {c.color for c in review.queue(ReviewFilter(color="red"))} == {"red"}
    seed_id = next(e.id for e in queries.articles(library) if e.title.startswith("[AI"))
    assert len(review.queue(ReviewFilter(article_id=seed_id))) == 6


def test_stats_count_reviews_per_day_streak_due_days_and_states(
    library: Library, clock: Clock
) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    cards = review.queue()
    for day in range(3):  # three days in a row, two reviews a day
        for card in cards[2 * day : 2 * day + 2]:
            review.rate(card.id, 3)
        clock.advance(days=1)
    stats = review.stats(days=7)
    assert [n for _, n in stats.reviews_per_day] == [0, 0, 0, 2, 2, 2, 0]
    assert stats.streak == 3  # today has none yet: the streak counts up to yesterday
    assert stats.by_state["new"] == 0
    assert stats.by_state["learning"] == 6
    assert sum(n for _, n in stats.due_per_day) == 6
    assert stats.ratings == {"again": 0, "hard": 0, "good": 6, "easy": 0}
    assert stats.per_article[0]["highlights"] == 6
    data = stats.to_json()
    yesterday = (stats.today - dt.timedelta(days=1)).isoformat()
    assert data["reviews_per_day"][-2] == {"day": yesterday, "reviews": 2}


def test_settings_give_the_daily_limit_and_cloze(library: Library, clock: Clock) -> None:
    settings.save(library, review_new_per_day=2, review_cloze=True)
    review = Review.from_settings(library, clock)
    review.sync()
    assert len(review.queue()) == 2
    kinds = {row[0] for row in library.conn.execute("SELECT kind FROM cards")}
    assert kinds == {"highlight", "cloze"}
    with library.writing():  # a bad value in the file falls back to 10
        library.conn.execute("UPDATE settings SET value = 'many' WHERE key = 'review_new_per_day'")
    assert Review.from_settings(library, clock).new_per_day == 10


def three_posts(library: Library, notes: Path, highlights: int = 5) -> None:
    for n in range(1, 4):
        (notes / f"2022-03-0{n}-post{n}.md").write_text(post(n, highlights), encoding="utf-8")
    importing.import_paths(library, [notes])


def test_new_cards_come_in_turn_from_each_article_newest_first(
    library: Library, notes: Path, clock: Clock
) -> None:
    three_posts(library, notes)
    review = Review(library, clock, new_per_day=8, fuzz=False)
    review.sync()
    titles = [c.title for c in review.queue()]
    # Newest article first (the seed, 2022-03-15), then 글 3, 2, 1; one card each, in turn.
    assert titles[:4] == ["[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나", "글 3", "글 2", "글 1"]
    assert titles[4:8] == titles[:4]
    first_of_3 = [c.passage for c in review.queue() if c.title == "글 3"]
    assert first_of_3 == sorted(first_of_3, key=lambda p: int(p.split("의 ")[1][0]))


def test_studying_one_article_takes_all_its_new_cards_and_the_limit_stays(
    library: Library, notes: Path, clock: Clock
) -> None:
    three_posts(library, notes)
    article = next(e for e in queries.articles(library) if e.title == "글 2")
    review = Review(library, clock, new_per_day=2, fuzz=False)
    review.sync()
    only = ReviewFilter(article_id=article.id)
    assert len(review.queue(only)) == 2  # today's limit
    assert len(review.queue(only, study_now=True)) == 5  # all of them, studied now
    assert settings.load(library).review_new_per_day == settings.NEW_PER_DAY


def test_nothing_left_says_why_for_each_reason(library: Library, notes: Path, clock: Clock) -> None:
    three_posts(library, notes, highlights=2)
    review = Review(library, clock, new_per_day=3, fuzz=False)
    review.sync()
    for card in review.queue():
        review.rate(card.id, 4)  # Easy: days away
    # New cards held back by the limit, and when the next card is due.
    (held, due) = review.nothing_left()
    assert held == "9 new cards held back by today's limit of 3 a day: press n to study them now."
    assert due.startswith("The next card is due in ")
    assert "day" in due
    # A filter: its own count and its own next due card (not another article's).
    article = next(e for e in queries.articles(library) if e.title == "글 1")
    only = ReviewFilter(article_id=article.id)
    lines = review.nothing_left(only)
    assert lines[0].startswith("2 new cards in one article held back")
    assert lines[1:] == []  # none of its cards reviewed yet: nothing due later either
    # A filter that keeps nothing.
    assert review.nothing_left(ReviewFilter(keyword="없는말")) == ["No cards in #없는말."]
    # Studying now: nothing held back.
    assert not any("held back" in line for line in review.nothing_left(study_now=True))


def test_a_rating_undone_leaves_the_card_and_log_as_they_were(
    library: Library, clock: Clock
) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = review.queue()[0]
    cards_before = library.conn.execute("SELECT * FROM cards WHERE id = ?", (card.id,)).fetchall()
    first = review.rate(card.id, 3)
    clock.advance(minutes=11)
    second = review.rate(card.id, 3)
    review.undo(second)
    review.undo(first)
    assert library.conn.execute("SELECT * FROM cards WHERE id = ?", (card.id,)).fetchall() == (
        cards_before
    )
    assert library.conn.execute("SELECT count(*) FROM review_log").fetchone() == (0,)


def test_interval_previews_are_what_the_rating_gives(library: Library, clock: Clock) -> None:
    review = Review(library, clock, fuzz=False)
    review.sync()
    card = review.queue()[0]
    previews = review.preview(card.id)
    assert previews[1] < previews[2] < previews[3] < previews[4]
    assert review.rate(card.id, 3).due - clock.now == previews[3]
