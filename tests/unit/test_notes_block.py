"""Which part of a post is its notes block, in every form the user's own posts take, and
writing into it without ever rewriting the article or adding a second block."""

from __future__ import annotations

import unicodedata

import pytest

from reader_tui.post import EditError, parse, with_notes, write
from tests.conftest import SEED

BUSINESS_PLAN = (
    "---\ntitle: 사업계획\n---\n\n[링크](https://e.com)\n본문 첫 문단.\n\n---\n\n"
    "### 팀\n\n열 명이다.\n\n### 요약\n\n기사 속 요약 문단.\n"
)


def test_an_articles_own_subsections_are_not_the_notes_block() -> None:
    article = parse(BUSINESS_PLAN)
    assert article.summary == ""
    assert article.source.notes_start is None
    edited = write(BUSINESS_PLAN, with_notes(article, summary="내 요약"))
    assert edited.startswith(BUSINESS_PLAN)  # the article's text is never rewritten
    assert edited.endswith(
        "* * *\n\n### 2. 키워드 : -\n### 3. 요약 : 내 요약\n### 4. 궁금한 점 : -\n"
    )
    assert parse(edited).summary == "내 요약"


def test_the_notes_block_is_the_break_whose_first_heading_is_a_notes_heading() -> None:
    text = BUSINESS_PLAN + "\n* * *\n\n### 2. 키워드 : \\#AI\n### 3. 요약 : 진짜 요약\n"
    article = parse(text)
    assert (article.keywords, article.summary) == (("AI",), "진짜 요약")


def test_a_notes_heading_underlined_on_the_next_line_is_read_from_its_first_line() -> None:
    # `#요약` then `===`: one heading over two lines; its first line names the section
    # (matched once while the notes block is found, and again on that line alone).
    text = "---\ntitle: x\n---\n\n본문\n\n* * *\n\n### 2. 키워드 : a\n#요약\n===\n"
    article = parse(text)
    assert [section.kind for section in article.source.sections] == ["keywords", "summary"]
    assert article.extra_sections == ()


def test_decomposed_korean_headings_are_read_and_written_in_their_own_form() -> None:
    nfd = unicodedata.normalize("NFD", SEED.read_text(encoding="utf-8"))
    article = parse(nfd)
    assert article.keywords == (unicodedata.normalize("NFD", "AI"),)
    assert unicodedata.normalize("NFC", article.summary) == "국내 AI 그룹 소개"
    edited = write(nfd, with_notes(article, summary="새 요약", questions=["왜?"]))
    assert edited.count("* * *") == nfd.count("* * *")  # no second notes block
    assert unicodedata.is_normalized("NFD", edited)  # written in the file's own form
    again = parse(edited)
    assert unicodedata.normalize("NFC", again.summary) == "새 요약"
    assert [unicodedata.normalize("NFC", q) for q in again.questions] == ["왜?"]


def test_notes_in_another_blogs_form_are_read_and_never_rewritten_unless_converted() -> None:
    text = "---\ntitle: t\n---\n\n본문\n\n* * *\n\n#### 오늘의 **요약** 정리\n\n- 뭔가\n"
    article = parse(text)
    assert article.source.notes_start is None
    assert (article.summary, article.foreign_notes) == ("뭔가", ("#### 오늘의 **요약** 정리",))
    with pytest.raises(EditError, match="written in its own form"):
        write(text, with_notes(article, summary="새 요약"))
    assert write(text, article) == text  # nothing changed: nothing written
    converted = write(text, with_notes(article, summary="새 요약"), convert_notes=True)
    assert converted.startswith(text)  # their headings stay
    assert converted.endswith("### 2. 키워드 : -\n### 3. 요약 : 새 요약\n### 4. 궁금한 점 : -\n")
    assert parse(converted).summary == "새 요약"  # the user's block is read from now on
    assert parse(converted).foreign_notes == ()


def test_a_notes_block_that_cannot_be_read_is_never_doubled() -> None:
    text = "---\ntitle: t\n---\n\n본문\n\n* * *\n\n#### 오늘 배운 **키워드**들\n\n- 뭔가\n"
    article = parse(text)
    assert article.source.notes_start is None
    with pytest.raises(EditError, match="notes reader-tui cannot read"):
        write(text, with_notes(article, summary="새 요약"))
