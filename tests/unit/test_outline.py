"""`outline`, what the reading view reads of a post (its bounds and another blog's notes
headings), says what `parse` says, for every post we have: the user's, the corpus's,
Jekyll's and other Korean study blogs'."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader_tui.post import ParseError, parse
from reader_tui.post.conventions import _MAY_DROP, NUMBER, heading_words, may_have_notes
from reader_tui.post.reader import outline
from tests.conftest import corpus_files, external_dir

if TYPE_CHECKING:
    from pathlib import Path

EXTERNAL = external_dir()


def _is_utf8(path: Path) -> bool:
    try:
        path.read_text(encoding="utf-8")
    except UnicodeDecodeError:  # neither reads it: the app reports the file
        return False
    return True


POSTS = [
    p
    for p in [
        *corpus_files(),
        *(
            sorted(EXTERNAL.rglob("*.md")) + sorted(EXTERNAL.rglob("*.markdown"))
            if EXTERNAL
            else []
        ),
    ]
    if p.name != "README.md" and _is_utf8(p)
]


def test_there_are_posts_to_compare() -> None:
    assert len(POSTS) > 100, "../shared/corpus and ../shared/external are needed"


@pytest.mark.parametrize("path", POSTS, ids=lambda p: p.name)
def test_outline_agrees_with_parse(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    try:
        article = parse(text, str(path))
    except ParseError:
        with pytest.raises(ParseError):
            outline(text)
        return
    source = article.source
    assert outline(text) == (source.body_start, source.article_end, article.foreign_notes)


def test_foreign_notes_and_the_users_notes_block() -> None:
    theirs = "---\ntitle: t\n---\n\n본문\n\n## 요약\n\n짧은 요약\n"
    assert outline(theirs)[2] == ("## 요약",)
    ours = "---\ntitle: t\n---\n\n[링크](https://a.b)\n\n본문\n\n* * *\n\n### 3. 요약 : 짧다\n"
    body_start, article_end, foreign = outline(ours)
    assert foreign == ()
    assert ours[article_end:].startswith("* * *")
    assert ours[body_start:].lstrip().startswith("[링크]")
    assert ours[:body_start].endswith("---\n")


def test_a_notes_heading_is_seen_only_on_a_heading_line_in_any_form() -> None:
    names = {"summary": ["요약"]}
    body = "본문 " * 50 + "\n\n"
    # decomposed Hangul (as some editors save it), far down a long post
    decomposed = unicodedata.normalize("NFD", "## 요약")
    assert decomposed != "## 요약"
    assert may_have_notes("---\n---\n" + body * 2000 + decomposed + "\n", 8, names)
    assert may_have_notes("## 요약\n내용\n", 0, names)  # on the first line
    assert may_have_notes(body + "   ### 3. 요약 : 짧게\n", 0, names)
    assert not may_have_notes(body + "요약은 없다\n\n####### 요약\n\n    # 요약\n", 0, names)
    assert not may_have_notes("## 요약\n" + body, 1, names)  # before where the body starts


@pytest.mark.parametrize("rule", ["* * *", "***", "---", "_ _ _", "  - - -  "])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("first", [True, False], ids=["first line", "after the article"])
def test_the_notes_block_opens_at_any_form_of_rule(rule: str, newline: str, first: bool) -> None:
    article = "" if first else "[링크](https://example.com)\n\n본문 문단입니다.\n\n"
    notes = f"{rule}\n\n### 2. 키워드 : \\#AI\n\n### 3. 요약 : 짧게\n"
    text = f"---\ntitle: 글\n---\n{article}{notes}".replace("\n", newline)
    _, article_end, _ = outline(text)
    assert text[article_end:].startswith(rule)
    assert parse(text).summary == "짧게"


def test_the_names_looked_for_are_the_ones_asked_for_each_time() -> None:
    text = "## 정리\n내용\n"
    names: dict[str, tuple[str, ...]] = {"summary": ("요약",)}
    assert not may_have_notes(text, 0, names)
    names["summary"] = ("정리",)  # (the same mapping, changed: a setting saved)
    assert may_have_notes(text, 0, names)
    assert not may_have_notes(text, 0, {"summary": ("요약",)})
    assert may_have_notes(text, 0, {"keywords": ("키워드",), "summary": ("정리",)})


def _words_one_by_one(heading: str) -> str:
    """`heading_words` as it was written first: every character looked up."""
    text = unicodedata.normalize("NFC", heading).strip().lstrip("#").strip()
    text = "".join(
        ch
        for ch in text
        if not unicodedata.category(ch).startswith(("S", "C")) and ch not in "*_`~"
    )
    text = NUMBER.sub("", text).strip().rstrip(":：").strip()
    return " ".join(text.split()).lower()


def test_no_character_a_heading_keeps_is_one_its_words_leave_out() -> None:
    """What `heading_words` reads a heading without looking up each character in: one
    holding only characters it keeps."""
    for code in range(0x30000):
        ch = chr(code)
        if _MAY_DROP.search(ch) is None:
            assert not unicodedata.category(ch).startswith(("S", "C")), hex(code)
            assert ch not in "*_`~"


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["## ", "3. ", "요약", "궁금한 점", "TIL", " ", ":", "：", "①"]),
            st.sampled_from(["🤔", "**", "_", "`", "~", "\t", "\u200b", "→", "$", "+", "é"]),
            st.characters(),
        ),
        max_size=12,
    ).map("".join)
)
def test_a_headings_words_are_the_same_read_either_way(heading: str) -> None:
    assert heading_words(heading) == _words_one_by_one(heading)
