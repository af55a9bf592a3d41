"""What the screens look like, as SVG snapshots (`pytest --snapshot-update` after a
deliberate change; look at the new SVGs before committing them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader_tui.app import ReaderApp
from reader_tui.store import Store
from tests.conftest import SEED


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Store]:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    store = Store(tmp_path / "library.db")
    store.import_paths([notes])
    article_id = store.articles()[0].id
    store.add_question(article_id, "왜 기업들은 혼자 하지 않고 연합할까?")
    yield store
    store.close()


def test_library(snap_compare: Any, library: Store) -> None:
    assert snap_compare(ReaderApp(library), terminal_size=(120, 30))


def test_search(snap_compare: Any, library: Store) -> None:
    assert snap_compare(
        ReaderApp(library), press=["slash", *"네이버", "enter", "_"], terminal_size=(120, 30)
    )


def test_reading_wide(snap_compare: Any, library: Store) -> None:
    assert snap_compare(ReaderApp(library), press=["enter", "_", "n", "n"], terminal_size=(160, 45))


def test_reading_80x24(snap_compare: Any, library: Store) -> None:
    assert snap_compare(ReaderApp(library), press=["enter", "_", "n"], terminal_size=(80, 24))


def test_help(snap_compare: Any, library: Store) -> None:
    assert snap_compare(
        ReaderApp(library), press=["enter", "_", "question_mark", "_"], terminal_size=(160, 45)
    )


def test_keyboard_selection(snap_compare: Any, library: Store) -> None:
    assert snap_compare(
        ReaderApp(library),
        press=["enter", "_", "v", "down", "down", "right_parenthesis", "v", "w", "w", "w"],
        terminal_size=(120, 30),
    )
