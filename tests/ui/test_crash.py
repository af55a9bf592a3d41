"""After a crash the app exits non-zero, with one line naming where the report went."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

import reader_tui
from reader_tui.app import ReaderApp
from reader_tui.cli.running import run_app
from reader_tui.library import queries
from reader_tui.widgets.article import ArticleView

if TYPE_CHECKING:
    import pytest

    from reader_tui.library import Library


APP_CSS = str(Path(reader_tui.__file__).parent / "app.tcss")  # beside the app, not the test


class FallingApp(ReaderApp):
    CSS_PATH = APP_CSS

    def on_mount(self) -> None:
        raise RuntimeError("a bug nobody caught")


def test_a_crash_is_one_line_naming_its_saved_report(
    seed_library: Library, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run_app(FallingApp(seed_library), tmp_path / "library.db", headless=True)
    assert status == 1
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    (report,) = (tmp_path / "crashes").iterdir()
    assert str(report) in lines[0]
    saved = report.read_text(encoding="utf-8")
    assert "a bug nobody caught" in saved
    assert "RuntimeError" in saved


def test_a_clean_exit_is_status_0_and_saves_nothing(seed_library: Library, tmp_path: Path) -> None:
    class Quitting(ReaderApp):
        CSS_PATH = APP_CSS

        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(self.exit)

    assert run_app(Quitting(seed_library), tmp_path / "library.db", headless=True) == 0
    assert not (tmp_path / "crashes").exists()


def test_quitting_as_soon_as_an_article_shows_is_a_clean_exit(
    seed_library: Library, tmp_path: Path
) -> None:
    """Its panes go while a resize is still on its way to the reading screen: it found
    no highlights pane to lay out and crashed on the way out."""

    class QuickReader(ReaderApp):
        CSS_PATH = APP_CSS

        def on_mount(self) -> None:
            super().on_mount()
            self.set_interval(0.002, self.check)

        def check(self) -> None:
            views = self.screen.query(ArticleView)
            if views and views.first().children:
                self.call_after_refresh(self.exit)

    article_id = queries.articles(seed_library)[0].id
    app = QuickReader(seed_library, open_article=article_id)
    assert run_app(app, tmp_path / "library.db", headless=True) == 0
    assert not (tmp_path / "crashes").exists()


async def test_an_app_that_ended_leaves_nothing_out_of_the_collector(
    seed_library: Library,
) -> None:
    """The app freezes what is alive when it mounts (the collector then skips it) and
    thaws it when it ends: a process that runs apps one after another (the tests) would
    otherwise never collect the garbage of the first."""
    async with ReaderApp(seed_library).run_test() as pilot:
        assert gc.get_freeze_count() > 0
        await pilot.press("ctrl+q")
    assert gc.get_freeze_count() == 0
