"""The real posts in READER_TUI_CORPUS (CI sets it to ../shared/corpus)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader_tui.post import parse, write
from tests.conftest import corpus_dir, corpus_files

needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")


def ids(paths: list[Path]) -> list[str]:
    root = corpus_dir()
    return [str(p.relative_to(root)) if root else p.name for p in paths]


@needs_corpus
@pytest.mark.parametrize("path", corpus_files(), ids=ids(corpus_files()))
def test_every_post_parses_and_writes_back_byte_for_byte(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    article = parse(text, str(path))
    assert write(text, article) == text
    for h in article.highlights:
        assert 0 <= h.tag_start <= h.start <= h.end <= h.tag_end <= len(text)
        assert h.text, f"empty highlight at {h.start}"


@needs_corpus
def test_all_113_articles_have_a_summary_and_a_highlight() -> None:
    root = corpus_dir()
    assert root is not None
    articles = sorted((root / "zoohoson" / "article").rglob("*.markdown"))
    assert len(articles) == 113
    lacking = []
    for path in articles:
        article = parse(path.read_text(encoding="utf-8"), str(path))
        if not article.summary or not article.highlights:
            lacking.append(path.name)
    assert lacking == []


@needs_corpus
def test_the_four_unbalanced_posts_are_reported() -> None:
    root = corpus_dir()
    assert root is not None
    warned = {
        path.name
        for path in (root / "zoohoson" / "article").rglob("*.markdown")
        if parse(path.read_text(encoding="utf-8"), str(path)).warnings
    }
    assert {
        "2021-10-12-VCNC.markdown",
        "2021-10-19-retailBig3.markdown",
        "2021-11-18-TossCreditRating.markdown",
        "2021-11-22-ShinHan.markdown",
    } <= warned


@needs_corpus
def test_the_seed_in_notes_is_the_users_own_post() -> None:
    root = corpus_dir()
    assert root is not None
    seed = Path(__file__).resolve().parents[2] / "notes" / "2022-03-15-AIgroup.markdown"
    original = root / "zoohoson" / "article" / "2022" / "2022-03-15-AIgroup.markdown"
    assert seed.read_bytes() == original.read_bytes()
