"""Highlight colours stay readable: the text on every highlight colour, as the reading
screen draws it in the dark and the light theme, keeps a WCAG contrast ratio of at least
4.5:1, and the current highlight is underlined, not only a shade apart."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from reader_tui.app import ReaderApp
from reader_tui.screens.choices import COLORS
from reader_tui.widgets.article import ArticleView
from tests.ui.helpers import open_seed

if TYPE_CHECKING:
    from reader_tui.library import Library

# The colours offered, and some a pasted post brings: pale yellow, black, white.
SHOWN = (*COLORS, "yellow", "#fff5b1", "black", "white", "cyan")


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_text_on_every_highlight_colour_reads_at_4_5_to_1(
    library: Library, theme: str
) -> None:
    app = ReaderApp(library)
    async with app.run_test(size=(160, 45)) as pilot:
        app.theme = theme
        screen = await open_seed(pilot)
        view = screen.query_one(ArticleView)
        first = view.highlights[0]
        for color in SHOWN:
            for current in (False, True):
                view.active = None
                view.set_highlights([first._replace(color=color)])
                if current:
                    view.go_to(view.highlights[0])
                await pilot.pause()
                block = view.view_for(first.start)
                assert block is not None
                segments = [
                    segment
                    for y in range(block.size.height)
                    for segment in block.render_line(y)
                    if segment.text.strip() and first.text[:4] in segment.text
                ]
                assert segments, f"{color}: the highlight is not drawn"
                style = segments[0].style
                assert style is not None
                assert style.color is not None
                assert style.bgcolor is not None
                fg = style.color.get_truecolor()
                bg = style.bgcolor.get_truecolor()
                ratio = contrast((fg.red, fg.green, fg.blue), (bg.red, bg.green, bg.blue))
                assert ratio >= 4.5, f"{theme}, {color}: {ratio:.2f}:1"
                assert bool(style.underline) == current, f"{color}: current one not underlined"
