"""Start-up to the library shown, and memory, with N articles vs a minimal Textual app.

Usage: python bench/startup.py [N]   (default 10000)

Each run is a fresh process running headless; it is timed from its start to the first
moment its content is shown (the label, or the library table with its first screenful of
rows), a moment the process notes itself: how long it then takes to exit is left out.
Reports the median wall time of 5 runs each and the max RSS, as ratios (goals: time
<= 1.3x, memory <= 1.5x).

Both run at 80x24, as a terminal of that size reports it (as the other benches give a
size). Without one, Textual takes Rich's default of 80x25 for the app and the headless
driver's 80x24 for the screen, and each app lays its screen out again for the
difference, which no terminal makes it do.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

MINIMAL = """
import resource, sys
from textual.app import App
from textual.widgets import Label
import time
shown = []
class Minimal(App):
    def compose(self):
        yield Label("hello")
    def on_mount(self):
        self.call_after_refresh(self.done)
    def done(self):
        shown.append(time.time())
        self.exit()
Minimal().run(headless=True, size=(80, 24))
print(shown[0])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

OURS = """
import resource, sys, time
from pathlib import Path
import reader_tui
from reader_tui.app import ReaderApp
from reader_tui.library import Library
from reader_tui.widgets.rows import RowList
class Timed(ReaderApp):
    CSS_PATH = str(Path(reader_tui.__file__).parent / "app.tcss")
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(self.done)
    def done(self):
        # Shown: the list has its first screenful (the rest arrives after each paint).
        table = self.screen.query_one(RowList)
        assert table.row_count >= min(40, int(sys.argv[2]))
        if sys.argv[3] == "first" or table.row_count == int(sys.argv[2]):  # "all": every row
            shown.append(time.time())
            self.exit()
        else:
            self.set_timer(0.01, self.done)
shown = []
Timed(Library(sys.argv[1])).run(headless=True, size=(80, 24))
print(shown[0])
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def run(code: str, *args: str) -> tuple[float, int]:
    """Seconds from starting the process until its content is shown (the child notes the
    moment; how long Python then takes to exit is not start-up), and its max RSS."""
    start = time.time()
    command = [sys.executable, "-c", code, *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True)
    shown, rss = out.stdout.strip().splitlines()[-2:]
    return float(shown) - start, int(rss)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        generate(folder, n)
        db = Path(tmp) / "library.db"
        subprocess.run(
            [sys.executable, "-m", "reader_tui", "import", str(folder), "--db", str(db)],
            check=True,
            capture_output=True,
        )
        # As installed: the package's modules compiled once (this machine sets
        # PYTHONDONTWRITEBYTECODE, so an editable checkout would compile on every start).
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(Path(__file__).parent.parent / "src")],
            check=True,
            capture_output=True,
        )
        base_t, base_m, ours_t, ours_m, all_t, all_m = [], [], [], [], [], []
        for _ in range(5):
            t, m = run(MINIMAL)
            base_t.append(t)
            base_m.append(m)
            t, m = run(OURS, str(db), str(n), "first")
            ours_t.append(t)
            ours_m.append(m)
            t, m = run(OURS, str(db), str(n), "all")
            all_t.append(t)
            all_m.append(m)
        bt, ot = statistics.median(base_t), statistics.median(ours_t)
        bm, om = max(base_m), max(ours_m)
        print(json.dumps({"articles": n}))
        print(
            f"start-up to library shown: {ot:.2f} s vs minimal app {bt:.2f} s"
            f" = {ot / bt:.2f}x (goal <= 1.3x)"
        )
        print(
            f"max RSS at first paint: {om / 1024:.0f} MB vs minimal app {bm / 1024:.0f} MB"
            f" = {om / bm:.2f}x (goal <= 1.5x)"
        )
        at, am = statistics.median(all_t), max(all_m)
        print(
            f"with all {n} rows in the list: {at:.2f} s = {at / bt:.2f}x,"
            f" max RSS {am / 1024:.0f} MB = {am / bm:.2f}x"
        )


if __name__ == "__main__":
    main()
