"""Bar charts drawn with block characters: reviews per day, cards due per day."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

EIGHTHS = " ▁▂▃▄▅▆▇█"


def bar_chart(values: Sequence[int], height: int = 6, width: int = 2) -> list[str]:
    """Rows of a vertical bar chart, top first: one bar of `width` cells per value,
    scaled so the largest fills `height` rows (eighths of a row for the remainder)."""
    top = max(values, default=0)
    rows = []
    for row in range(height - 1, -1, -1):
        cells = []
        for value in values:
            eighths = round(value / top * height * 8) if top else 0
            if value and not eighths:
                eighths = 1  # a day with any review shows
            filled = max(0, min(8, eighths - row * 8))
            cells.append(EIGHTHS[filled] * width)
        rows.append(" ".join(cells))
    return rows
