"""Cost that grows with the work: one post with 100, 1,000 and 10,000 highlights, and of
0.1, 1 and 8 MB, opened to first paint (and until all is drawn), quit, and written back.

Usage: python bench/scale.py [CORPUS]   (default $READER_TUI_CORPUS or ../shared/corpus)

Each post is imported into its own library; the app then runs headless at 160x45 in this
process: the time from opening the reading screen until the frame with the article's text
(the first frame drawn after its blocks are mounted), the time to quit once everything
is drawn (the rest of a long post and the highlights list come after that frame), and the
time to write a new highlight back into the post.
Each 10x step of the post should cost at most 12x (linear); the post with 10,000
highlights should open in under 1.5x the time of the longest corpus post (the baseline,
measured in the same run). Median of 3 runs each.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.screen import Screen

from reader_tui.app import ReaderApp
from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.widgets.window import BlockView
from reader_tui.writeback import write_back

RUNS = int(os.environ.get("SCALE_RUNS", "3"))
SENTENCE = "국내 AI 연합체가 초거대 모델을 함께 연구한다는 소식이 잇달아 들려온다. "


def with_highlights(n: int) -> str:
    paragraphs = [
        f'문단 {i}: <span style="color:blue">밑줄 {i}번 {SENTENCE.strip()}</span> {SENTENCE}'
        for i in range(n)
    ]
    return f"---\ntitle: 밑줄 {n}개\n---\n\n" + "\n\n".join(paragraphs) + "\n"


def of_size(megabytes: float) -> str:
    paragraph = SENTENCE * 6
    count = int(megabytes * 1024 * 1024 / len(paragraph.encode()))
    body = "\n\n".join(
        f'{paragraph}<span style="color:red">문단 {i}</span>' if i % 50 == 0 else paragraph
        for i in range(count)
    )
    return f"---\ntitle: {megabytes} MB\n---\n\n{body}\n"


PAINTED: list[float] = []  # when a screen first drew a frame with article text


def note_first_paint() -> None:
    """Note the time of the first frame drawn with the article's blocks on screen."""
    draw = Screen._compositor_refresh

    def noted(screen: Screen) -> None:
        draw(screen)
        if not PAINTED and screen.query(BlockView):
            PAINTED.append(time.perf_counter())

    Screen._compositor_refresh = noted  # type: ignore[method-assign,assignment]


async def open_and_quit(db: Path, article_id: int) -> tuple[float, float, float]:
    """Seconds to first paint with the text shown, until all is drawn, and to quit."""
    with Library(db) as library:
        app = ReaderApp(library, open_article=article_id)
        PAINTED.clear()
        started = time.perf_counter()
        async with app.run_test(size=(160, 45)) as pilot:
            while not PAINTED:
                await asyncio.sleep(0.005)
            opened = PAINTED[0] - started
            await pilot.pause()  # what is drawn after the first frame (the other blocks...)
            drawn = time.perf_counter() - started
            leaving = time.perf_counter()
            await pilot.press("ctrl+q")
        quit_time = time.perf_counter() - leaving
    return opened, drawn, quit_time


def written_back(db: Path, article_id: int, path: Path) -> float:
    """Seconds to write one new highlight back into the post."""
    with Library(db) as library:
        text = path.read_text(encoding="utf-8")
        start = text.rindex(SENTENCE.strip()[:10])
        edits.add_highlight(library, article_id, text, start, start + 10, "red")
        began = time.perf_counter()
        _done, errors = write_back(library, [article_id])
        took = time.perf_counter() - began
        assert not errors, errors
    return took


def measure(
    text: str, folder: Path, name: str, write: bool = True
) -> tuple[float, float, float, float]:
    opened, drawn, quits, writes = [], [], [], []
    for run in range(RUNS):
        where = folder / f"{name}-{run}"
        where.mkdir()
        path = where / "2022-03-15-post.md"
        path.write_text(text, encoding="utf-8")
        db = where / "library.db"
        with Library(db) as library:
            settings.save(library, max_post_mb=20)  # the 8 MB post is over the default 5
            importing.import_paths(library, [path])
            article_id = queries.article_id_for(library, path)
        assert article_id is not None
        seconds_open, seconds_drawn, seconds_quit = asyncio.run(open_and_quit(db, article_id))
        opened.append(seconds_open)
        drawn.append(seconds_drawn)
        quits.append(seconds_quit)
        writes.append(written_back(db, article_id, path) if write else 0.0)
    median = statistics.median
    return median(opened), median(drawn), median(quits), median(writes)


def main() -> None:
    note_first_paint()
    default = os.environ.get("READER_TUI_CORPUS") or str(
        Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
    )
    corpus = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    posts = [p for p in corpus.rglob("*") if p.suffix in (".md", ".markdown")]
    longest = max((p for p in posts if p.name != "README.md"), key=lambda p: p.stat().st_size)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base_open, _, _, _ = measure(
            longest.read_text(encoding="utf-8"), folder, "longest", write=False
        )
        print(f"baseline: the longest corpus post ({longest.name}) opens in {base_open:.2f} s")
        for label, texts in (
            ("highlights", [(n, with_highlights(n)) for n in (100, 1000, 10000)]),
            ("MB", [(mb, of_size(mb)) for mb in (0.1, 1, 8)]),
        ):
            figures = [(size, *measure(text, folder, f"{label}-{size}")) for size, text in texts]
            for size, opened, drawn, quit_time, write in figures:
                print(
                    f"{size} {label}: open {opened:.2f} s (all drawn {drawn:.2f} s), "
                    f"quit {quit_time:.2f} s, write-back {write:.2f} s"
                )
            for (small, *a), (big, *b) in itertools.pairwise(figures):
                factor = big / small
                for what, x, y in zip(
                    ("open", "all drawn", "quit", "write-back"), a, b, strict=True
                ):
                    print(
                        f"{label} {small} -> {big} ({factor:g}x bigger), {what}: "
                        f"{y / x:.1f}x (goal <= {factor * 1.2:g}x)"
                    )
            if label == "highlights":
                ten_thousand = figures[-1][1]
                print(
                    f"10,000 highlights open: {ten_thousand:.2f} s vs the longest corpus post "
                    f"{base_open:.2f} s = {ten_thousand / base_open:.2f}x (goal <= 1.5x)"
                )


if __name__ == "__main__":
    main()
