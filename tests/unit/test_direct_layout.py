"""`layout` finds the notes block from the last break line, without the body's runs, and
gives what walking the runs gives; and it does so for the user's own posts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader_tui.post import parse
from reader_tui.post.front_matter import read_front_matter
from reader_tui.post.layout import _from_last_break
from tests.conftest import (
    ROOT,
    SEED,
    corpus_dir,
    corpus_files,
    external_dir,
    external_posts,
    parsed_posts,
)
from tests.unit.test_fast_paths import reference_parse, same_article

HEAD = "---\ntitle: t\n---\n[링크](https://e.com)\n\n가나다 <span style='color:red'>빨강</span>\n"

# Notes blocks whose headings are not all ATX lines after the break, or whose break is
# not one: each read as the full layout reads it.
TAILS = [
    "\n* * *\n\n### 2. 키워드 : \\#a\n### 3. 요약 : 요약\n### 4. 궁금한 점 : -\n",
    "\n* * *\n### 2. 키워드 : a\n가나다\n===\n### 3. 요약 : b\n",  # a setext heading
    "\n* * *\n### 3. 요약 : 첫 줄\n둘째 줄\n-\n### 4. 궁금한 점 : -\n",  # `-` under text
    "\n* * *\n### 4. 궁금한 점 :\n-\n",  # `-` under a heading: an empty item
    "\n* * *\n### 4. 궁금한 점 :\n- 왜?\n--\n",  # `--` under an item
    "\n* * *\n### 3. 요약 :\n> 인용\n===\n",  # a quote's setext heading
    "글쓴이\n---\n### 2. 키워드 : a\n",  # `---` under text: a heading, not a break
    "글쓴이\n- - -\n### 2. 키워드 : a\n",
    "글쓴이\n* * *\n### 2. 키워드 : a\n",  # `* * *` under text: a break
    "\n* * *\n### 팀\n### 2. 키워드 : a\n",  # the first heading is not a note's
    "\n* * *\n### 2. 키워드 : a ###\n### 3. 요약 : b #\n## ##\n#해시\n    ### 4. 궁금한 점\n",
    "\n* * *\r\n\r\n### 2. 키워드 : a\r\n### 3. 요약 :\r\n요약\r\n",
    "\n---\n\n### 2. 키워드 : a\n\n* * *\n\n### 3. 요약 : b\n",  # two breaks
    "\n* * *\n\n<span style='color:blue'>노트 속</span>\n### 2. 키워드 : a\n",
    "\n<mark>둘째</mark>\n \t\n<span style='color:blue'>셋째</span>\n\n* * *\n### 2. 키워드 : a",
]


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("tail", TAILS)
def test_each_notes_block_reads_as_the_full_layout_reads_it(tail: str, crlf: bool) -> None:
    text = HEAD + tail
    text = text.replace("\n", "\r\n") if crlf else text
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


# Articles whose highlights the one pass over their tags leaves to the blocks, or reads
# itself: each read as the full scan of every block reads it.
ARTICLES = [
    "<span\n\nstyle='color:red'>건너</span> 빈 줄을 넘는 태그",
    "<span style='color:red'>가<b>굵게</b></span> 다른 태그",
    "<AI타임스> <span style='color:red'>기사</span>",
    "<span style='color:red'>메모</span><!-- note: 생각 -->",
    "**<span style='color:red'>굵은 강조</span>**",
    "- 항목 <span style='color:red'>목록</span>\n- 둘째",
    "> 인용 <span style='color:red'>안</span>\n> 계속 <mark>둘</mark>",
    "==형광== <span style='color:red'>함께</span>",
    "<span style='color:red'>열림\n\n</span> 닫힘",
    "첫 줄\n   <span style='color:blue'>들여쓴 줄</span>",
    "<span title='a<span>' style='color:red'>속</span>",
    "<span title='a==b' style='color:red'>속</span> 태그 안의 ==",
    "긴 " * 60 + "<mark>앞</mark>\n\n<span style='color:red'>가**</span>나**\n\n뒤 " + "글 " * 60,
    "앞 문단\n\n<span style='color:red'>가</span> 사이 `<mark>코드</mark>` 뒤 " + "글 " * 30,
    "==앞== 문단\n\n<span style='color:red'>뒤</span>",
    "앞 문단\n\n<span style='color:red'>뒤</span> ==형광==",
    "- 항목 <span style='color:red'>목록\n- 둘째</span> 항목",
    "> 인용 <span style='color:red'>안\n> 계속</span>",
    "1. 하나 <span style='color:red'>번호\n2. 둘</span>",
    "2022년 <span style='color:red'>숫자로\n2023년 시작하는</span> 줄",
]


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("first", ["- ", "> ", "1. ", "# ", "    ", "가 "])
def test_an_article_whose_first_highlight_opens_a_block_reads_as_the_full_scan(
    first: str, crlf: bool
) -> None:
    text = f"---\ntitle: t\n---\n{first}<span style='color:red'>가\n나</span>\n\n* * *\n"
    text = (text + "### 2. 키워드 : a\n").replace("\n", "\r\n" if crlf else "\n")
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


@pytest.mark.parametrize("crlf", [False, True])
@pytest.mark.parametrize("article", ARTICLES)
def test_each_article_reads_as_the_full_scan_reads_it(article: str, crlf: bool) -> None:
    text = f"{HEAD}\n{article}\n\n* * *\n### 2. 키워드 : a\n"
    text = text.replace("\n", "\r\n") if crlf else text
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


ARTICLE_PIECE = st.sampled_from(
    [
        *("가나다", " ", "\n", "\n\n", "\n \t\n", "\r\n", "- ", "> ", "1. ", "   "),
        *("<span style='color:red'>", "</span>", "<SPAN STYLE='COLOR:BLUE'>", "</SPAN>"),
        *("<mark>", "</mark>", "<span/>", "</span >", "</span x>", "<font color=red>"),
        *("</font>", '<span class="x">', "<span title='<'>", "<b>", "</b>", "<!-- note: 메모 -->"),
        *("*", "**", "_", "[", "](u)", "`", "\\", "&amp;", "~~", "==", "<AI타임스>"),
    ]
)


@settings(max_examples=1500)
@given(st.lists(ARTICLE_PIECE, min_size=1, max_size=24).map("".join))
def test_any_article_reads_as_the_full_scan_reads_it(article: str) -> None:
    text = f"{HEAD}\n{article}\n\n* * *\n### 2. 키워드 : a\n"
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


NOTES_LINE = st.sampled_from(
    [
        *("", "", "가나다", "* * *", "---", "- - -", "===", "=", "-", "--", "- 왜?", "> 인용"),
        *("### 2. 키워드 : \\#a", "### 3. 요약 : 요약", "### 4. 궁금한 점 : -", "### 5. 추가"),
        *("### 팀", "   ### 3. 요약 : b", "    ### 4. 궁금한 점", "#해시", "### 2. 키워드 : a #"),
        *("<span style='color:red'>빨강</span>", "`코드`", "1. 하나", "\\#a"),
    ]
)


@settings(max_examples=600)
@given(
    st.lists(NOTES_LINE, max_size=4).map("\n".join),
    st.sampled_from(["* * *", "---", "___", "- - -"]),
    st.lists(NOTES_LINE, min_size=1, max_size=10).map("\n".join),
    st.booleans(),
)
def test_a_notes_block_after_any_break_reads_as_the_full_layout_reads_it(
    before: str, rule: str, after: str, crlf: bool
) -> None:
    text = f"{HEAD}{before}\n{rule}\n{after}"
    text = text.replace("\n", "\r\n") if crlf else text
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


def test_a_highlight_across_a_crlf_line_break_reads_the_same_by_either_scan() -> None:
    quick = "<span style='color:red'>가나다 \n라마</span>"
    full = "<span style='color:red'>가나다 \n**라마**</span>"  # (emphasis: the full scan)
    for paragraph, text in ((quick, "가나다\n라마"), (full, "가나다\n라마")):
        post = f"{HEAD}\n{paragraph}\n\n* * *\n### 2. 키워드 : a\n".replace("\n", "\r\n")
        assert parse(post, "p.md").highlights[-1].text == text


NEWS = "[서울=뉴시스] 기자 = <span style='color:blue'>[단독] 본문</span>의 [017670] 괄호"


@pytest.mark.parametrize("text", [SEED.read_text(encoding="utf-8"), f"{HEAD}\n{NEWS}\n\n* * *\n"])
def test_the_users_highlighted_paragraphs_are_read_without_the_blocks(text: str) -> None:
    from unittest import mock

    from reader_tui.post import highlights

    text += "### 2. 키워드 : a\n" if text.endswith("* * *\n") else ""
    with mock.patch.object(highlights, "read_highlights", wraps=highlights.read_highlights) as read:
        article = parse(text, "p.md")
    assert len(article.highlights) >= 2
    assert read.call_count == 0  # (a `[` with no `](` is text: `[서울=뉴시스]`)
    same_article(article, reference_parse(text, "p.md"))


@pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")
def test_the_users_posts_with_notes_take_the_direct_path() -> None:
    own = sorted((ROOT / "notes").glob("*.markdown"))
    own += [p for p in corpus_files() if "zoohoson" in p.parts and "article" in p.parts]
    assert len(own) > 100
    for path in own:
        text = Path(path).read_text(encoding="utf-8")
        body = _from_last_break(text, read_front_matter(text)[2])
        assert body is not None, path
        assert body.notes, path


@pytest.mark.skipif(external_dir() is None, reason="../shared/external is not there")
def test_every_external_and_own_post_reads_as_the_full_layout_reads_it() -> None:
    posts = external_posts() + sorted((ROOT / "notes").glob("*.markdown"))
    assert len(posts) > 100
    for path, text, article in parsed_posts(posts):
        same_article(article, reference_parse(text, str(path)))


# The notes block as the user writes it, read from one match (`notes.USUAL_NOTES`): each
# value as the sections are read in full, and any block not quite in that form is too.
USUAL_VALUE = st.lists(
    st.sampled_from(
        [
            *(" ", "\t", "-", " - ", "\\#AI", "#a #b", "a, b", "가나", "\u3000", "\xa0", "\x85"),
            *(" #", "###", "->답", "왜?", "\\- 항목", "*", "`", "<span style='color:red'>x</span>"),
        ]
    ),
    max_size=5,
).map("".join)


@settings(max_examples=600)
@given(
    st.tuples(USUAL_VALUE, USUAL_VALUE, USUAL_VALUE),
    st.sampled_from([" :", ":", "  :", " \t:", " ：", ""]),
    st.sampled_from(["", "\n", "\n\n", "\r\n", "\n더\n", "\n더", "\n- 둘째"]),
    st.sampled_from(["* * *\n\n", "* * *\n", "***\n\n", "* * *\r\n\r\n", "* * *  \n\n"]),
    st.sampled_from(["", "```\n", "~~~\n", "```\n코드\n```\n"]),
)
def test_the_users_notes_block_reads_as_the_full_layout_reads_it(
    values: tuple[str, str, str], colon: str, end: str, rule: str, code: str
) -> None:
    names = ("### 2. 키워드", "### 3. 요약", "### 4. 궁금한 점")
    notes = "\n".join(f"{name}{colon}{value}" for name, value in zip(names, values, strict=True))
    text = f"{HEAD}{code}\n{rule}{notes}{end}"
    same_article(parse(text, "p.md"), reference_parse(text, "p.md"))


@pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")
def test_most_of_the_users_notes_blocks_are_read_from_one_match() -> None:
    from unittest import mock

    from reader_tui.post.notes import read_sections

    own = sorted((ROOT / "notes").glob("*.markdown"))
    own += [p for p in corpus_files() if "zoohoson" in p.parts and "article" in p.parts]
    with mock.patch("reader_tui.post.reader.read_sections", wraps=read_sections) as full:
        articles = [parse(Path(path).read_text(encoding="utf-8"), str(path)) for path in own]
    assert len(own) > 100
    assert full.call_count <= len(own) // 10  # (a block with a line more, or a fourth section)
    assert all(article.source.sections for article in articles)


def test_a_paragraph_beside_one_the_blocks_read_is_read_at_once() -> None:
    """Markup, another tag or a list elsewhere leaves the paragraphs without them to be
    read at once: only a run of lines that holds both a highlight and one of those is
    read on its own."""
    from unittest import mock

    from reader_tui.post import highlights

    article = (
        "앞 <span style='color:red'>하나</span>\n\n![그림](https://e.com/a_b.png)\n\n"
        "<img src='x'> 그림\n\n- 목록\n\n**굵게** 뒤 <span style='color:blue'>둘</span>\n\n"
        "끝 <mark>셋</mark>"
    )
    text = f"{HEAD}\n{article}\n\n* * *\n### 2. 키워드 : a\n"
    runs = highlights._run_highlights
    with mock.patch.object(highlights, "_run_highlights", wraps=runs) as on_its_own:
        found = parse(text, "p.md")
    assert [h.text for h in found.highlights] == ["빨강", "하나", "둘", "셋"]
    assert on_its_own.call_count == 1  # (the run with `**굵게**`)
    same_article(found, reference_parse(text, "p.md"))
