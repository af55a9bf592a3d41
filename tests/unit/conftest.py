"""The library the unit tests start from: an empty one on a real file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader_tui.library import Library
    from tests.conftest import MakeLibrary


@pytest.fixture
def library(make_library: MakeLibrary) -> Library:
    return make_library(seed=False, db="data/library.db")
