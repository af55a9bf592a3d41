"""After a crash the app exits non-zero, with one line naming where the report went."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import reader_tui
from reader_tui.app import ReaderApp
from reader_tui.cli.running import run_app

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
