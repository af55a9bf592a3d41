"""The library most app tests start from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader_tui.library import Library


@pytest.fixture
def library(seed_library: Library) -> Library:
    return seed_library
