"""How to search Korean: four ways to index the same bodies, measured in one run.

Usage: python bench/search_compare.py [N]   (default 10000 synthetic posts)

For each way: build time, index size, query time (p50/p95 over 2-, 3- and 5-letter
Korean queries) and correctness against a plain substring scan (recall: share of the
posts that contain the query that are found; precision: share of those found that do).
- unicode61: SQLite's default tokenizer over the text (the baseline);
- trigram: SQLite's trigram tokenizer (3+ characters; 2-letter queries fall back to LIKE);
- bigram: reader-tui's two-syllable grams in a contentless FTS5 table (grams.py);
- unigram: single-syllable grams, the same way.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from typing import TYPE_CHECKING

from generate import generate

from reader_tui import grams
from reader_tui.library.index import plain
from reader_tui.post import parse

if TYPE_CHECKING:
    from collections.abc import Callable

QUERIES = {
    2: ["카카", "네이", "지능", "플랫", "반도"],
    3: ["네이버", "카카오", "초거대", "엑사원", "삼성전"],
    5: ["하이퍼클로", "스마트팩토", "삼성전자는", "네이버에서", "카카오와"],
}


def fts_size(db: sqlite3.Connection, table: str) -> int:
    rows = db.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE ?", (table + "%",)).fetchone()
    return int(rows[0] or 0)


def build(kind: str, docs: list[str]) -> tuple[sqlite3.Connection, float]:
    db = sqlite3.connect(":memory:")
    start = time.perf_counter()
    if kind == "unicode61":
        db.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        db.executemany("INSERT INTO t (rowid, body) VALUES (?, ?)", enumerate(docs, 1))
    elif kind == "trigram":
        db.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT)")
        db.execute(
            "CREATE VIRTUAL TABLE t USING fts5(body, content='docs', content_rowid='id',"
            " tokenize='trigram')"
        )
        db.executemany("INSERT INTO docs (id, body) VALUES (?, ?)", enumerate(docs, 1))
        db.execute("INSERT INTO t (t) VALUES ('rebuild')")
    else:
        db.execute("CREATE VIRTUAL TABLE t USING fts5(grams, content='')")
        db.executemany(
            "INSERT INTO t (rowid, grams) VALUES (?, ?)",
            ((n, grams.index_text(doc, kind)) for n, doc in enumerate(docs, 1)),  # type: ignore[arg-type]
        )
    db.commit()
    return db, time.perf_counter() - start


def searcher(kind: str, db: sqlite3.Connection) -> Callable[[str], set[int]]:
    def run(query: str) -> set[int]:
        if kind == "unicode61":
            sql, arg = "SELECT rowid FROM t WHERE t MATCH ?", '"' + query + '"'
        elif kind == "trigram":
            if len(query) >= 3:
                sql, arg = "SELECT rowid FROM t WHERE t MATCH ?", '"' + query + '"'
            else:
                sql, arg = "SELECT rowid FROM t WHERE body LIKE ?", f"%{query}%"
        else:
            expression = grams.query_expression(query, kind)  # type: ignore[arg-type]
            sql, arg = "SELECT rowid FROM t WHERE t MATCH ?", expression
        return {row[0] for row in db.execute(sql, (arg,))}

    return run


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
    with tempfile.TemporaryDirectory() as tmp:
        paths = generate(Path(tmp), n)
        docs = []
        for path in paths:
            text = path.read_text(encoding="utf-8")
            article = parse(text, str(path))
            docs.append(plain(text[article.source.body_start : article.source.article_end]))
    text_bytes = sum(len(d.encode()) for d in docs)
    truth = {
        q: {i for i, d in enumerate(docs, 1) if q.lower() in d.lower()}
        for qs in QUERIES.values()
        for q in qs
    }
    print(f"{n} posts, {text_bytes / 1e6:.1f} MB of body text\n")
    header = f"{'index':10s} {'build s':>8s} {'size MB':>8s} {'x text':>7s} " + " ".join(
        f"{f'{k}-letter p50/p95 ms':>22s} {'recall':>6s} {'prec':>5s}" for k in QUERIES
    )
    print(header)
    for kind in ("unicode61", "trigram", "bigram", "unigram"):
        db, built = build(kind, docs)
        index_only = fts_size(db, "t")
        run = searcher(kind, db)
        cells = []
        for queries in QUERIES.values():
            times, found, relevant, right = [], 0, 0, 0
            for _ in range(5):
                for q in queries:
                    t0 = time.perf_counter()
                    hits = run(q)
                    times.append((time.perf_counter() - t0) * 1e3)
            for q in queries:
                hits = run(q)
                found += len(hits)
                relevant += len(truth[q])
                right += len(hits & truth[q])
            times.sort()
            p50 = statistics.median(times)
            p95 = times[int(len(times) * 0.95) - 1]
            recall = right / relevant if relevant else 1.0
            precision = right / found if found else 1.0
            cells.append(f"{p50:10.2f} / {p95:8.2f} {recall:6.2f} {precision:5.2f}")
        print(
            f"{kind:10s} {built:8.2f} {index_only / 1e6:8.1f} {index_only / text_bytes:7.2f} "
            + " ".join(cells)
        )
        db.close()


if __name__ == "__main__":
    main()
