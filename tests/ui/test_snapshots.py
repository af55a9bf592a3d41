"""What the screens look like, as SVG snapshots (`pytest --snapshot-update` after a
deliberate change; look at the new SVGs before committing them)."""

from __future__ import annotations

from typing import Any

import pytest

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, queries
from reader_tui.review import Review


@pytest.fixture
def library(seed_library: Library) -> Library:
    article_id = queries.articles(seed_library)[0].id
    edits.add_question(seed_library, article_id, "왜 기업들은 혼자 하지 않고 연합할까?")
    Review(seed_library).sync()  # the cards the app would make in the background: a steady count
    return seed_library


def test_library(snap_compare: Any, library: Library) -> None:
    assert snap_compare(ReaderApp(library), terminal_size=(120, 30))


def test_search(snap_compare: Any, library: Library) -> None:
    assert snap_compare(
        ReaderApp(library), press=["slash", *"네이버", "enter", "_"], terminal_size=(120, 30)
    )


def test_reading_wide(snap_compare: Any, library: Library) -> None:
    assert snap_compare(ReaderApp(library), press=["enter", "_", "n", "n"], terminal_size=(160, 45))


def test_reading_80x24(snap_compare: Any, library: Library) -> None:
    assert snap_compare(ReaderApp(library), press=["enter", "_", "n"], terminal_size=(80, 24))


def test_help(snap_compare: Any, library: Library) -> None:
    assert snap_compare(
        ReaderApp(library), press=["enter", "_", "question_mark", "_"], terminal_size=(160, 45)
    )


def test_keyboard_selection(snap_compare: Any, library: Library) -> None:
    assert snap_compare(
        ReaderApp(library),
        press=["enter", "_", "v", "down", "down", "right_parenthesis", "v", "w", "w", "w"],
        terminal_size=(120, 30),
    )


def test_library_80x24(snap_compare: Any, library: Library) -> None:
    assert snap_compare(ReaderApp(library), terminal_size=(80, 24))


def test_caret_mode_and_find_at_80x24(snap_compare: Any, library: Library) -> None:
    """The key bar with the caret's keys, then a find's marks."""
    assert snap_compare(
        ReaderApp(library),
        press=["enter", "_", "slash", *"네이버", "enter", "_", "v", "_"],
        terminal_size=(80, 24),
    )


def test_conflict_edited_from_both_at_80x24(snap_compare: Any, library: Library) -> None:
    """A summary changed in the post and in the app: both versions, their own words
    underlined, and the text made of both, ready to edit."""
    from tests.ui.helpers import summary_conflict

    summary_conflict(library, "앱에서 고친 국내 AI 그룹 소개", "국내 AI 연합체 소개")
    assert snap_compare(ReaderApp(library), press=["enter", "_", "C", "e"], terminal_size=(80, 24))
