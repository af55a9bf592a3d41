"""How often a long import's progress is told: not for a quick refresh, then now and then."""

from __future__ import annotations

from reader_tui import refresh_news


def test_progress_is_told_after_half_a_second_then_four_times_a_second() -> None:
    clock = [100.0]
    told: list[tuple[int, int]] = []
    progress = refresh_news.now_and_then(
        lambda done, total: told.append((done, total)), clock=lambda: clock[0]
    )
    for done, at in [(1, 100.1), (2, 100.4), (3, 100.6), (4, 100.7), (5, 100.9), (9, 100.95)]:
        clock[0] = at
        progress(done, 9)
    assert told == [(3, 9), (5, 9), (9, 9)]  # the last post is told at once


def test_a_refresh_over_within_half_a_second_says_nothing() -> None:
    clock = [5.0]
    told: list[tuple[int, int]] = []
    progress = refresh_news.now_and_then(
        lambda done, total: told.append((done, total)), clock=lambda: clock[0]
    )
    for done in (1, 2, 3):
        clock[0] += 0.1
        progress(done, 3)
    assert told == []
