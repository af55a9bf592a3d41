"""Opening the longest corpus post to first paint vs Textual's Markdown widget.

Usage: python bench/first_paint.py [CORPUS]   (default $READER_TUI_CORPUS or ../shared/corpus)

Both run headless in fresh processes at 160x45, timed from the start of the process to the
first paint after the text is on screen (a moment the process notes; its exit is left
out): ours is the reading screen of a library that holds the post (article, highlights
and notes panes, highlights in colour); the baseline is a bare app whose one
widget is `Markdown(text)` of the same file (which drops the `<span>` highlights).
Reports the median wall time of 7 runs each as a ratio (goal <= 1.2x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reader_tui.library import importing, queries

BASELINE = """
import sys, time
from pathlib import Path
from textual.app import App
from textual.widgets import Markdown
text = Path(sys.argv[1]).read_text(encoding="utf-8")
class Bare(App):
    def compose(self):
        yield Markdown(text)
    def on_mount(self):
        self.set_interval(0.002, self.check)
    def check(self):
        if self.query_one(Markdown).children:
            self.call_after_refresh(self.done)
    def done(self):
        painted.append(time.time())
        self.exit()
painted = []
Bare().run(headless=True, size=(160, 45))
print(painted[0])
"""

OURS = """
import sys, time
from pathlib import Path
import reader_tui
from reader_tui.app import ReaderApp
from reader_tui.library import Library
class Timed(ReaderApp):
    CSS_PATH = str(Path(reader_tui.__file__).parent / "app.tcss")
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.002, self.check)
    def check(self):
        from reader_tui.widgets.article import ArticleView
        views = self.screen.query(ArticleView)
        if views and views.first().children:
            self.call_after_refresh(self.done)
    def done(self):
        painted.append(time.time())
        self.exit()
painted = []
library = Library(sys.argv[1])
Timed(library, open_article=int(sys.argv[2])).run(headless=True, size=(160, 45))
print(painted[0])
"""


def run(code: str, *args: str) -> float:
    """Seconds from starting the process to the frame it notes (not its exit)."""
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, capture_output=True, text=True
    )
    return float(out.stdout.strip().splitlines()[-1]) - start


def main() -> None:
    default = os.environ.get("READER_TUI_CORPUS") or str(
        Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    )
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    posts = [p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown")]
    posts = [p for p in posts if p.name != "README.md"]
    longest = max(posts, key=lambda p: p.stat().st_size)
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(root / "src")],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(root / "src"))
    from reader_tui.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "library.db"
        with Library(db) as library:
            importing.import_paths(library, [longest])
            article_id = queries.article_id_for(library, longest)
        assert article_id is not None
        ours, base = [], []
        for _ in range(7):
            base.append(run(BASELINE, str(longest)))
            ours.append(run(OURS, str(db), str(article_id)))
    b, o = statistics.median(base), statistics.median(ours)
    size = longest.stat().st_size
    print(f"longest post: {longest.name} ({size / 1024:.0f} KB)")
    print(
        f"open to first paint: {o:.2f} s vs Markdown widget {b:.2f} s = {o / b:.2f}x (goal <= 1.2x)"
    )


if __name__ == "__main__":
    main()
