"""The library every app test starts from: the seed post imported into a real file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, importing
from tests.conftest import SEED

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture
def seed_library(tmp_path: Path) -> Iterator[Library]:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    library = Library(tmp_path / "library.db")
    importing.import_paths(library, [notes])
    yield library
    library.close()
