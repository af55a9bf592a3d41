"""The watched notes folder: how soon a post written by another program shows, and what
watching costs while nothing changes.

Usage: python bench/watch.py [RUNS]   (default 20)

1. Latency: the app runs headless on a folder of the seed post; a new post is written
   into the folder, and the time until the library lists it (and, with the post open,
   until the reading screen shows an edit of it) is measured, median of RUNS. The figure
   is reported against the debounce interval chosen (`watching.DEBOUNCE_MS`): goal within
   debounce + 0.3 s.
2. Idle CPU: the app on the same folder, left alone for 10 s after it settled, against a
   one-label Textual app in the same run (CPU seconds from /proc). Goal: below 1% of a core.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader_tui.app import ReaderApp
from reader_tui.library import Library, importing
from reader_tui.watching import DEBOUNCE_MS
from reader_tui.widgets.article import ArticleView, BlockView
from reader_tui.widgets.rows import RowList

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "notes" / "2022-03-15-AIgroup.markdown"
IDLE = 10.0  # seconds left alone for the CPU figure


def post(title: str) -> str:
    return f"---\ntitle: {title}\n---\n\n본문입니다.\n\n* * *\n\n### 3. 요약 : -\n"


def titles(app: ReaderApp) -> list[str]:
    table = app.screen_stack[0].query_one(RowList)
    return [str(table.get_row_at(i)[1]) for i in range(table.row_count)]


async def latencies(folder: Path, db: Path, runs: int) -> tuple[list[float], list[float]]:
    app = ReaderApp(Library(db), refresh=[str(folder)])
    added, reloaded = [], []
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.watching:
            await pilot.pause(0.05)
        for n in range(runs):
            await pilot.pause(0.3)  # the previous import settled
            path = folder / f"2022-05-{n + 1:02d}-new.md"
            started = time.perf_counter()
            path.write_text(post(f"새 글 {n}"), encoding="utf-8")
            while f"새 글 {n}" not in titles(app):
                await pilot.pause(0.005)
            added.append(time.perf_counter() - started)
        await pilot.press("end", "enter")  # the seed, the oldest post, open
        await pilot.pause(0.5)
        view = app.screen.query_one(ArticleView)
        seed = folder / SEED.name
        for n in range(runs):
            await pilot.pause(0.3)
            text = seed.read_text(encoding="utf-8")
            marker = f"편집 {n}번째"
            started = time.perf_counter()
            seed.write_text(text.replace("[링크]", f"[링크] {marker}", 1), encoding="utf-8")
            while not any(marker in b.rendered.content.plain for b in view.query(BlockView)):
                await pilot.pause(0.005)
            reloaded.append(time.perf_counter() - started)
    return added, reloaded


IDLE_APP = """
import sys, time
from reader_tui.app import ReaderApp
from reader_tui.library import Library
app = ReaderApp(Library(sys.argv[1]), refresh=[sys.argv[2]])
app.run(headless=True, size=(120, 40))
"""
IDLE_BASELINE = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("idle")
Bare().run(headless=True, size=(120, 40))
"""


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100  # utime + stime, in clock ticks


def idle_cpu(code: str, *args: str) -> float:
    """CPU share of one core used over IDLE seconds once the process has settled."""
    process = subprocess.Popen([sys.executable, "-c", code, *args])
    try:
        time.sleep(4)  # started, first import and the watch set up
        before = cpu_seconds(process.pid)
        time.sleep(IDLE)
        return (cpu_seconds(process.pid) - before) / IDLE
    finally:
        process.kill()
        process.wait()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        folder.mkdir()
        shutil.copyfile(SEED, folder / SEED.name)
        db = Path(tmp) / "library.db"
        with Library(db) as library:
            importing.import_paths(library, [folder])
        added, reloaded = asyncio.run(latencies(folder, db, runs))
        ours = idle_cpu(IDLE_APP, str(db), str(folder))
        bare = idle_cpu(IDLE_BASELINE)
    debounce = DEBOUNCE_MS / 1000
    goal = debounce + 0.3
    for name, times in (("new post in the library", added), ("open article reloaded", reloaded)):
        median = statistics.median(times)
        print(
            f"{name}: median {median:.3f} s of {runs} (max {max(times):.3f} s), against "
            f"debounce {debounce:.1f} s + 0.3 s = {median / goal:.2f}x (goal <= 1x)"
        )
    print(
        f"idle CPU over {IDLE:.0f} s: {ours * 100:.2f}% of a core (a one-label Textual app: "
        f"{bare * 100:.2f}%) = {ours / 0.01:.2f}x the budget of 1% (goal <= 1x)"
    )


if __name__ == "__main__":
    main()
