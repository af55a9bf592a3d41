"""kill -9 while typing into the summary: at most the last second of typing is lost, and
the library always passes SQLite's integrity check. The real app in a real terminal.

READER_TUI_KILL_RUNS sets how many runs (the suite does a few; `make soak` does 50).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from typing import TYPE_CHECKING

from reader_tui.library import Library, queries
from tests.conftest import SEED
from tests.terminal import Terminal

if TYPE_CHECKING:
    from pathlib import Path

RUNS = int(os.environ.get("READER_TUI_KILL_RUNS", "3"))
LOST_AT_MOST = 1.0  # seconds of typing


def test_kill_9_while_typing_loses_at_most_the_last_second(tmp_path: Path) -> None:
    post = tmp_path / "notes" / SEED.name
    post.parent.mkdir()
    post.write_bytes(SEED.read_bytes())
    db = tmp_path / "library.db"
    rng = random.Random(20261128)
    kept: list[str] = []  # every letter typed at least a second before its run's kill
    for run in range(RUNS):
        terminal = Terminal(str(post), "--db", str(db))
        terminal.expect("Summary")
        terminal.read(0.5)
        terminal.press(b"\t\t\t")  # on to the summary: highlights, keywords, summary
        terminal.read(0.3)
        terminal.press(b"\x1b[B" * 100 + b"\x05")  # down to its last line, then its end
        terminal.read(0.3)
        typed: list[tuple[float, str]] = []
        stop_at = time.monotonic() + rng.uniform(0.8, 2.5)
        letter = "abcdefghijklmnopqrstuvwxyz"[run % 26]
        while time.monotonic() < stop_at:
            terminal.press(letter.encode())
            typed.append((time.monotonic(), letter))
            terminal.read(rng.uniform(0.02, 0.12))
        killed_at = time.monotonic()
        os.kill(terminal.pid, signal.SIGKILL)
        os.waitpid(terminal.pid, 0)
        os.close(terminal.fd)
        kept += [letter for moment, letter in typed if moment < killed_at - LOST_AT_MOST]
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        with Library(db) as library:
            summary = queries.article(library, 1).summary
        saved = summary.removeprefix("국내 AI 그룹 소개")
        # Everything typed up to a second before each kill is there, in order.
        assert saved.startswith("".join(kept)), (run, saved, "".join(kept))
        kept = list(saved)
