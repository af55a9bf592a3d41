"""Posts written for the library tests."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reader_tui.library import Library, queries

if TYPE_CHECKING:
    from pathlib import Path

FRONT = "---\ntitle: '{title}'\nsubtitle: '220315Tue x'\n---\n\n[링크](https://e.com/{title})\n"
NOTES = (
    "\n\n* * *\n\n### 2. 키워드 : {keywords}\n### 3. 요약 : {summary}\n"
    "### 4. 궁금한 점 : {question}"
)


def write_post(
    folder: Path,
    name: str,
    body: str,
    *,
    title: str = "제목",
    keywords: str = "\\#AI",
    summary: str = "요약",
    question: str = "-",
) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    text = (
        FRONT.format(title=title)
        + body
        + NOTES.format(keywords=keywords, summary=summary, question=question)
    )
    path.write_text(text, encoding="utf-8")
    return path


def bump(path: Path) -> None:
    """Make sure a rewrite is seen even within the file system's mtime resolution."""
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + 2))


def only_article(library: Library) -> int:
    (entry,) = queries.articles(library)
    return entry.id
