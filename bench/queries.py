"""The worst queries a user (or a paste) can send, against an everyday one, on the corpus.

Usage: python bench/queries.py [FOLDER]   (default ../shared/corpus, else 2,000 synthetic)

Every query is capped (200 characters, 12 words); this measures the slowest query under
the caps and how fast a query over the caps is refused, each as a ratio against a
two-word Korean query measured in the same run (median of 5). Goal: every query under
~0.2 s on the corpus.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from generate import generate

from reader_tui.library import Library, importing, search

EVERYDAY = "초거대 네이버"
WORST = {
    "12 one-syllable words": "이 " * 12,
    "12 Latin letters": "a " * 12,
    "200 characters of Hangul": ("가나다라마바사아자차카타파하거너 " * 12)[:200],
    "12 long mixed words": ("초거대AI네이버카카오LG " * 12)[:200],
    "operators and markup": '[/x] NEAR( * " ^ AND OR [@click=app.quit]',
}
REFUSED = {"2,000 words": "단어 " * 2000, "100 KB": "x" * 100_000}


def timed(run: object) -> float:
    assert callable(run)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        with contextlib.suppress(search.SearchError):
            run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    with tempfile.TemporaryDirectory() as tmp:
        if not folder.is_dir():
            folder = Path(tmp) / "posts"
            generate(folder, 2000)
        with Library(Path(tmp) / "library.db") as library:
            importing.import_paths(library, [folder])
            base = timed(lambda: search.search(library, EVERYDAY, limit=50))
            print(f"everyday query {EVERYDAY!r}: {base * 1e3:.1f} ms (the baseline)")
            worst = 0.0
            for name, query in {**WORST, **REFUSED}.items():
                took = timed(lambda q=query: search.search(library, q, limit=50))
                worst = max(worst, took)
                print(f"{name}: {took * 1e3:.1f} ms = {took / base:.1f}x")
            print(f"slowest: {worst * 1e3:.1f} ms (goal <= 200 ms)")


if __name__ == "__main__":
    main()
