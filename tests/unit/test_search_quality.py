"""Search finds what was meant, over the real corpus: the article sets below were made
with grep over each post's visible text (link targets and URLs left out; a Latin query at
the start of a word, Korean anywhere) and checked by hand; search must give exactly them."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, importing, search
from tests.conftest import SEED, corpus_dir

if TYPE_CHECKING:
    from collections.abc import Iterator

needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    root = corpus_dir()
    assert root is not None
    with Library(tmp_path_factory.mktemp("corpus") / "library.db") as library:
        importing.import_paths(library, [root])
        yield library


def articles(library: Library, query: str) -> set[str]:
    found = search.search(library, query, limit=0)
    assert len(found.hits) == found.total
    return {Path(hit.path).name for hit in found.hits}


EXPECTED = {
    # Korean, 2 to 6 syllables, inside words.
    "카카": {
        "2021-10-12-VCNC.markdown",
        "2021-10-21-SHbank.markdown",
        "2021-10-23-Algorithm.markdown",
        "2021-10-29-AI.markdown",
        "2021-11-08-EcommerceCoupangNaver.markdown",
        "2021-11-09-11st.markdown",
        "2021-11-18-TossCreditRating.markdown",
        "2021-11-24-KbankLoan.markdown",
        "2021-11-30-11stCustomer1st.markdown",
        "2021-12-15-LGAI.markdown",
        "2021-12-16-Data.markdown",
        "2021-12-20-Anom.markdown",
        "2021-12-21-KAKAOAI.markdown",
        "2021-12-23-ScatterLAB.markdown",
        "2022-02-23-BigAI.markdown",
        "2022-03-13-SocarSuperapp.markdown",
        "2022-03-15-AIgroup.markdown",
        "2022-03-21-LGAI.markdown",
        "2022-03-24-NFT.markdown",
    },
    "챗봇": {
        "2021-11-04-SSG.markdown",
        "2021-12-02-AIethics.markdown",
        "2021-12-15-LGAI.markdown",
        "2021-12-23-ScatterLAB.markdown",
        "2022-02-22-LGAI.markdown",
        "2022-03-21-LGAI.markdown",
        "2022-03-25-LGCNS.markdown",
    },
    "초거대": {
        "2021-11-17-LGAI.markdown",
        "2021-12-15-LGAI.markdown",
        "2021-12-16-Data.markdown",
        "2021-12-21-KAKAOAI.markdown",
        "2022-02-16-LGexa copy.markdown",
        "2022-02-22-LGAI.markdown",
        "2022-02-23-BigAI.markdown",
        "2022-03-15-AIgroup.markdown",
        "2022-03-21-LGAI.markdown",
    },
    "하이퍼클로바": {
        "2021-12-21-KAKAOAI.markdown",
        "2022-02-23-BigAI.markdown",
        "2022-03-15-AIgroup.markdown",
        "2022-03-21-LGAI.markdown",
    },
    # A Latin word's beginning (HyperCLOVA), and a word in Korean text (쿠팡INC: INC).
    "Hyper": {"2022-02-23-BigAI.markdown"},
    "in": {
        "2021-10-13-BaseRate.markdown",
        "2021-10-20-CJstartup.markdown",
        "2021-11-01-Dram.markdown",
        "2021-11-09-11st.markdown",
        "2021-11-19-KPMG.markdown",
        "2021-12-16-Data.markdown",
        "2021-12-27-BertisAI.markdown",
        "2022-01-06-CESSamsung.markdown",
        "2022-02-09-DS.markdown",
        "2022-02-21-RiiidAI.markdown",
        "2022-03-08-ecommerce.markdown",
        "2022-03-12-SocarLotte.markdown",
        "2022-03-14-MolocoPrice.markdown",
        "2022-03-17-newyear.markdown",
        "2022-03-21-LGES.markdown",
        "clean-code-2022-01-27.md",
    },
    # Mixed: both words, each its own way.
    "AI 반도체": {"2021-10-06-semiconductor_issue1.markdown", "2022-02-22-SKTAI.markdown"},
    # Only in link targets (news.naver.com/main/…): nowhere a reader sees it.
    "main": set(),
}


@needs_corpus
@pytest.mark.parametrize("query", list(EXPECTED))
def test_precision_and_recall_over_the_corpus(corpus: Library, query: str) -> None:
    assert articles(corpus, query) == EXPECTED[query]


@needs_corpus
def test_ai_is_a_word_not_letters_in_a_link_or_inside_words(corpus: Library) -> None:
    found = articles(corpus, "AI")
    assert len(found) == 70
    # Only in URLs (news.naver.com/main/read…&aid=…), and only inside words (domain, claim).
    assert not found & {
        "2021-10-28-Bigtech.markdown",
        "2021-11-04-SSG.markdown",
        "2022-02-09-DS.markdown",
    }
    assert "README.md" not in found  # not a post: no front matter


@needs_corpus
def test_totals_pages_and_counts(corpus: Library) -> None:
    first = search.search(corpus, "네이버", limit=5)
    second = search.search(corpus, "네이버", limit=5, offset=5)
    assert first.total == second.total > 10
    assert len(first.hits) == len(second.hits) == 5
    assert not {id(h) for h in first.hits} & {id(h) for h in second.hits}
    assert [(h.path, h.kind) for h in first.hits] != [(h.path, h.kind) for h in second.hits]
    everything = search.search(corpus, "네이버", limit=0)
    assert len(everything.hits) == everything.total
    kinds = [hit.kind for hit in everything.hits]
    # Titles first, then highlights, notes and questions, then the text.
    order = {"title": 0, "highlight": 1, "note": 1, "question": 1, "body": 2}
    raw = [order[k] for k in kinds if k != "highlight"]  # a body hit may report its highlight
    assert raw == sorted(raw)
    assert search.counted(1, "match", "matches") == "1 match"
    assert search.counted(2, "match", "matches") == "2 matches"


@needs_corpus
@pytest.mark.parametrize("by_column_from", [0, 10**9])
def test_pages_of_any_size_make_the_whole_list(
    corpus: Library, by_column_from: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "BY_COLUMN_FROM", by_column_from)
    everything = [
        (h.path, h.kind, h.highlight_id) for h in search.search(corpus, "네이버", limit=0).hits
    ]
    assert {"title", "note", "body"} <= {kind for _, kind, _ in everything}  # pages cross them
    for size in (1, 3, 7, 20):
        pages: list[tuple[str, str, int | None]] = []
        while page := search.search(corpus, "네이버", limit=size, offset=len(pages)).hits:
            pages += [(h.path, h.kind, h.highlight_id) for h in page]
        assert pages == everything, size


@needs_corpus
def test_many_hits_ranked_a_column_at_a_time_come_in_the_same_order(
    corpus: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    def listed(query: str, limit: int = 20, offset: int = 0) -> list[tuple[str, str, int | None]]:
        found = search.search(corpus, query, limit, offset)
        return [(h.path, h.kind, h.highlight_id) for h in found.hits]

    queries = ["네이버", "AI", "카카오", "반도체", "플랫폼", "데이터"]
    at_once = {query: listed(query, limit=0) for query in queries}
    monkeypatch.setattr(search, "BY_COLUMN_FROM", 0)  # as for a big library
    for query in queries:
        assert listed(query, limit=0) == at_once[query], query
        assert listed(query, limit=4, offset=3) == at_once[query][3:7], query


def test_a_decomposed_post_is_found_by_composed_words(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    nfd = unicodedata.normalize("NFD", SEED.read_text(encoding="utf-8"))
    (notes / SEED.name).write_text(nfd, encoding="utf-8")
    shutil.copyfile(SEED, notes / "2022-03-15-composed.markdown")
    with Library(tmp_path / "library.db") as library:
        importing.import_paths(library, [notes])
        for typed in ("하이퍼클로바", unicodedata.normalize("NFD", "하이퍼클로바")):
            found = {Path(h.path).name for h in search.search(library, typed, limit=0).hits}
            assert found == {SEED.name, "2022-03-15-composed.markdown"}, typed
