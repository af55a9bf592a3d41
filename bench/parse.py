"""Parse throughput over the corpus against `frontmatter.loads` alone, in the same run.

Usage: python bench/parse.py [CORPUS]   (default: $READER_TUI_CORPUS or ../shared/corpus)
Prints files per second for both and the ratio (goal: parse <= 2x frontmatter alone).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import frontmatter

from reader_tui.post import parse

if TYPE_CHECKING:
    from collections.abc import Callable


def corpus_texts(root: Path) -> list[tuple[str, str]]:
    files = sorted(
        p for p in root.rglob("*") if p.suffix in (".md", ".markdown") and p.name != "README.md"
    )
    return [(str(p), p.read_text(encoding="utf-8")) for p in files]


def best_of(rounds: int, work: Callable[[], None]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    default = os.environ.get("READER_TUI_CORPUS") or str(
        Path(__file__).resolve().parents[2] / "shared" / "corpus"
    )
    root = Path(sys.argv[1] if len(sys.argv) > 1 else default)
    texts = corpus_texts(root)
    rounds = 15

    def baseline() -> None:
        for _, text in texts:
            frontmatter.loads(text)

    def ours() -> None:
        for path, text in texts:
            parse(text, path)

    # interleave so that machine noise hits both alike
    base_times, our_times = [], []
    for _ in range(rounds):
        base_times.append(best_of(1, baseline))
        our_times.append(best_of(1, ours))
    base, mine = statistics.median(base_times), statistics.median(our_times)
    n = len(texts)
    print(f"files: {n} from {root}")
    print(f"frontmatter.loads alone: {n / base:8.0f} files/s ({base / n * 1e3:.3f} ms/file)")
    print(f"reader_tui.post.parse: {n / mine:7.0f} files/s ({mine / n * 1e3:.3f} ms/file)")
    print(f"ratio parse / frontmatter: {mine / base:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()
