"""Posts a refresh could not read: one toast says there are some, and the library's `!`
lists each, by the name the reader knows it by, with why and what to do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Label

from reader_tui.app import ReaderApp
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.not_read import NotReadScreen
from reader_tui.terminal import safe
from tests.ui.helpers import current, until

if TYPE_CHECKING:
    from pathlib import Path

    from tests.conftest import MakeLibrary

BAD_YAML = "---\ntitle: [unclosed\n---\n\n본문\n"
GOOD = "---\ntitle: 고친 글\n---\n\n본문\n"
LATIN = "2022-01-02-\x1b[2Jlatin.md"  # a name that would clear the screen if obeyed


async def test_refused_posts_are_one_toast_and_bang_lists_each_with_why(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    library = make_library()
    folder = tmp_path / "notes"
    (folder / "2022-01-01-[red]bad.md").write_text(BAD_YAML, encoding="utf-8")
    (folder / LATIN).write_bytes("---\ntitle: é\n---\n".encode("latin-1"))
    app = ReaderApp(library, refresh=[str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.watching and not app.sub_title)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: len(screen.not_read) == 2)
        warned = [n.message for n in app._notifications if n.severity == "warning"]
        assert warned == [
            f"2 posts not read: 2022-01-01-[red]bad.md, {safe(LATIN)}."
            " ! in the library says why and what to do"
        ]

        await pilot.press("exclamation_mark")
        assert isinstance(app.screen, NotReadScreen)
        said = [str(label.render()) for label in app.screen.query(Label)]
        assert said[0] == "2 posts not read"
        names = said[1:5:2]
        assert names == ["2022-01-01-[red]bad.md", safe(LATIN)]  # as text, controls shown
        assert "\x1b" not in "".join(said)
        assert "correct the YAML between the --- lines" in said[2]
        assert said[4] == "not UTF-8 text (byte 11); save it as UTF-8"
        await pilot.press("escape")
        assert current(pilot) is screen

        (folder / "2022-01-01-[red]bad.md").write_text(GOOD, encoding="utf-8")
        (folder / LATIN).write_text(GOOD, encoding="utf-8")
        await until(pilot, lambda: not screen.not_read)  # read by the watch
        await pilot.press("exclamation_mark")  # nothing left to tell: not offered
        assert current(pilot) is screen
        assert "exclamation_mark" not in [b.binding.key for b in screen.active_bindings.values()]


async def test_a_long_list_of_posts_not_read_scrolls_and_keeps_its_hint_in_view(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    """Tried in tmux with 31 broken posts at 80x24: the list pushed the hint (how to get
    a post read again, Escape to close) off the dialog."""
    library = make_library()
    folder = tmp_path / "notes"
    for day in range(10, 41):
        (folder / f"2022-01-{day}-bad.md").write_text(BAD_YAML, encoding="utf-8")
    app = ReaderApp(library, refresh=[str(folder)])
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await until(pilot, lambda: len(screen.not_read) == 31)
        await pilot.press("exclamation_mark")
        await pilot.pause()
        dialog = app.screen.query_one("#not-read")
        hint = app.screen.query_one("#not-read .hint", Label)
        assert dialog.region.bottom <= 24
        assert hint.region.height >= 1
        assert dialog.region.contains_region(hint.region)
