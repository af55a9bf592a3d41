"""`reader-tui import --watch PATH`: a library kept in sync from the command line, in a
real subprocess, until ctrl+c."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from typing import TYPE_CHECKING

from reader_tui.library import Library, queries

if TYPE_CHECKING:
    from pathlib import Path


def read_until(stream: object, text: str, timeout: float = 20) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    fd = stream.fileno()  # type: ignore[attr-defined]
    while text not in seen:
        assert time.monotonic() < deadline, f"never printed {text!r}; printed {seen!r}"
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            seen += os.read(fd, 65536).decode("utf-8", "replace")
    return seen


def test_import_watch_imports_each_change_until_interrupted(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2022-04-01-a.md").write_text("---\ntitle: 처음 글\n---\n본문\n", encoding="utf-8")
    db = tmp_path / "library.db"
    process = subprocess.Popen(
        [sys.executable, "-m", "reader_tui", "import", "--watch", str(notes), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        read_until(process.stdout, "added 1")
        read_until(process.stderr, "watching")  # said once the watch is set up
        (notes / "2022-04-02-b.md").write_text("---\ntitle: 나중 글\n---\n본문\n", encoding="utf-8")
        read_until(process.stdout, "added 1")
        (notes / "2022-04-01-a.md").unlink()
        read_until(process.stdout, "missing 1")
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=20) == 0
    with Library(db) as library:
        entries = {e.title: e.missing for e in queries.articles(library)}
    assert entries == {"처음 글": True, "나중 글": False}
