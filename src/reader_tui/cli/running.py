"""Running the app from the command line: its exit status, and a crash as one line.

Textual prints an unhandled error's traceback over the terminal and exits 0 from `run`.
Here the traceback goes to a file beside the library, the user reads one line naming it,
and the command exits with the app's status (1 after a crash).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from pathlib import Path

    from textual.app import App


def crash_file(library_path: Path, now: dt.datetime | None = None) -> Path:
    """Where a crash's traceback goes: `crashes/` beside the library file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    return library_path.expanduser().resolve().parent / "crashes" / f"crash-{stamp}.txt"


def run_app(app: App[None], library_path: Path, *, headless: bool = False) -> int:
    """Run `app`; after a crash, save the traceback and print one line naming the file.
    Returns the app's exit status."""
    captured = io.StringIO()
    app.error_console = Console(
        file=captured, width=120, markup=False, highlight=False, color_system=None
    )
    app.run(headless=headless)
    status = app.return_code or 0
    report = captured.getvalue()
    if status and report.strip():
        target = crash_file(library_path)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(report, encoding="utf-8")
        except OSError as error:
            print(
                f"reader-tui: the app stopped on an error, and its report could not be "
                f"saved in {target} ({error.strerror or error}):\n{report}",
                file=sys.stderr,
            )
            return status
        print(
            f"reader-tui: the app stopped on an error; what was saved before it is kept. "
            f"The report is in {target} (please send it with a bug report).",
            file=sys.stderr,
        )
    return status
