"""The library at 10,000 posts, each figure against a baseline measured in the same run.

Usage: python bench/library.py [N]   (default 10000)

- cold import, on all cores and in one process, vs a loop of `frontmatter.load` over the
  same files (goal <= 10x);
- refresh with nothing changed vs an `os.scandir` + `stat` walk (goal <= 2x);
- search p50/p95 for 2-, 3- and 5-letter Korean queries vs `grep -rlF` (goal >= 20x faster);
- database size vs the folder's size (goal <= 2x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import frontmatter

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

from reader_tui.library import Library, importing, search

QUERIES = {
    2: ["카카", "네이", "플랫"],
    3: ["네이버", "카카오", "초거대"],
    5: ["하이퍼클로", "스마트팩토", "삼성전자는"],
}


def walk(folder: Path) -> int:
    count = 0
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir():
                    stack.append(Path(entry.path))
                elif entry.name.endswith((".md", ".markdown")):
                    entry.stat()
                    count += 1
    return count


def timed(work) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notes"
        paths = generate(folder, n)
        folder_size = sum(p.stat().st_size for p in paths)
        db_path = Path(tmp) / "library.db"
        print(f"{n} posts, {folder_size / 1e6:.1f} MB")

        # The baseline before, between and after the imports (the median): on this shared
        # machine one run of it moved by a fifth between runs of the bench.
        loads = [timed(lambda: [frontmatter.load(str(p)) for p in paths])]
        with Library(Path(tmp) / "one-process.db") as library:
            alone = timed(lambda: importing.import_paths(library, [folder], workers=1))
        loads.append(timed(lambda: [frontmatter.load(str(p)) for p in paths]))
        with Library(db_path) as library:
            ours = timed(lambda: importing.import_paths(library, [folder]))
        loads.append(timed(lambda: [frontmatter.load(str(p)) for p in paths]))
        base = statistics.median(loads)
        print(
            f"frontmatter.load loop: {base:.2f} s (median of"
            f" {', '.join(f'{t:.2f}' for t in loads)})"
        )
        print(
            f"cold import in one process: {alone:.2f} s = {alone / base:.2f}x"
            " the frontmatter.load loop"
        )
        print(
            f"cold import: {ours:.2f} s on {os.cpu_count()} cores"
            f" vs frontmatter.load loop {base:.2f} s = {ours / base:.2f}x (goal <= 10x)"
        )

        with Library(db_path) as library:
            walks, refreshes = [], []
            for _ in range(5):
                walks.append(timed(lambda: walk(folder)))
                refreshes.append(timed(lambda: importing.import_paths(library, [folder])))
            w, r = statistics.median(walks), statistics.median(refreshes)
            print(
                f"refresh, nothing changed: {r * 1e3:.0f} ms"
                f" vs scandir+stat walk {w * 1e3:.0f} ms = {r / w:.2f}x (goal <= 2x)"
            )

            for length, queries in QUERIES.items():
                ours_ms, grep_ms = [], []
                for query in queries:
                    for _ in range(7):
                        ours_ms.append(
                            timed(lambda q=query: search.search(library, q, limit=20)) * 1e3
                        )
                    grep_ms.append(
                        timed(
                            lambda q=query: subprocess.run(
                                ["grep", "-rlF", q, str(folder)], capture_output=True
                            )
                        )
                        * 1e3
                    )
                ours_ms.sort()
                p50, p95 = statistics.median(ours_ms), ours_ms[int(len(ours_ms) * 0.95) - 1]
                g = statistics.median(grep_ms)
                print(
                    f"search {length}-letter: p50 {p50:.2f} ms, p95 {p95:.2f} ms"
                    f" vs grep -rlF {g:.0f} ms"
                    f" = {g / p50:.0f}x / {g / p95:.0f}x faster (goal >= 20x)"
                )
        import sqlite3

        conn = sqlite3.connect(db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        size = db_path.stat().st_size
        print(
            f"database: {size / 1e6:.1f} MB vs folder {folder_size / 1e6:.1f} MB"
            f" = {size / folder_size:.2f}x (goal <= 2x)"
        )


if __name__ == "__main__":
    main()
