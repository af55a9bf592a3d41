"""The parser: the seed post, and every quirk of the real posts as its own small case."""

from __future__ import annotations

import datetime as dt

import pytest

from reader_tui.post import ParseError, parse


def post(body: str, front: str = "title: 'T'\nsubtitle: '220315Tue AIgroup'\n") -> str:
    return f"---\n{front}---\n\n{body}"


NOTES = "\n\n* * *\n\n### 2. 키워드 : \\#AI\n### 3. 요약 : 요약문\n### 4. 궁금한 점 : -"


# -- the seed -----------------------------------------------------------------------------


def test_seed_post_has_what_the_user_wrote(seed_text: str) -> None:
    article = parse(seed_text, "notes/2022-03-15-AIgroup.markdown")
    assert article.title == "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"
    assert article.subtitle == "220315Tue AIgroup"
    assert article.categories == ("doc",)
    assert article.tags == ("article",)
    assert article.front_matter["comments"] is True
    assert article.date == dt.date(2022, 3, 15)
    assert article.source_url == "https://byline.network/2022/03/4-128/"
    assert len(article.highlights) == 6
    assert {h.color for h in article.highlights} == {"blue"}
    assert article.keywords == ("AI",)
    assert article.summary == "국내 AI 그룹 소개"
    assert article.questions == ()
    assert article.warnings == ()


def test_seed_highlight_offsets_point_between_the_tags(seed_text: str) -> None:
    article = parse(seed_text)
    for h in article.highlights:
        assert seed_text[h.tag_start : h.start] == '<span style="color:blue">'
        assert seed_text[h.end : h.tag_end] == "</span>"
    first = article.highlights[0]
    assert first.text.startswith("‘서울대-네이버 초대규모 AI 연구센터’의 연구 주제는")
    assert first.text.endswith("후속 연구를 진행")
    assert (
        article.highlights[3].text
        == "해당 대학은 고려대, 서울대, 포스텍, 한양대, 카이스트, 유니스트(UNIST) 6곳"
    )


# -- front matter and dates -------------------------------------------------------------


def test_tags_given_as_a_list_or_a_string_are_a_list() -> None:
    assert parse(post("x", "tags: [a, b]\n")).tags == ("a", "b")
    assert parse(post("x", "tags: article\ncategories: doc\n")).tags == ("article",)
    assert parse(post("x", "categories: doc\n")).categories == ("doc",)


def test_other_front_matter_keys_are_kept() -> None:
    article = parse(post("x", "title: T\nlayout: post\ncomments: true\nparent: '[[club]]'\n"))
    assert article.front_matter == {
        "title": "T",
        "layout": "post",
        "comments": True,
        "parent": "[[club]]",
    }


def test_date_from_front_matter_first_as_jekyll_reads_it() -> None:
    text = post("x", "date: 2020-01-01\nsubtitle: '211006'\n")
    assert parse(text, "posts/2022-03-15-AIgroup.markdown").date == dt.date(2020, 1, 1)
    plain = post("x", "subtitle: '211006'\n")
    assert parse(plain, "posts/2022-03-15-AIgroup.markdown").date == dt.date(2022, 3, 15)
    assert parse(plain, "posts/2017-2-5-zeroes.md").date == dt.date(2017, 2, 5)
    assert parse(plain, "posts/note.md").date == dt.date(2021, 10, 6)  # the subtitle's
    zoned = post("x", "date: 2024-07-04 00:34:00 +09:00\n")  # its own day, not UTC's
    assert parse(zoned, "posts/2024-07-03-late.md").date == dt.date(2024, 7, 4)


def test_tags_and_categories_flattened_as_jekyll_does() -> None:
    text = post("x", "tags:\n  - [Spring]\n  - Java\ncategories: dev notes\n")
    article = parse(text, "posts/2022-03-15-a.md")
    assert (article.tags, article.categories) == (("Spring", "Java"), ("dev", "notes"))


def test_date_key_when_the_name_has_none() -> None:
    text = post("x", "date: 2022-01-21 09:59:33 +0900\n")
    assert parse(text, "wiki/clean-code.md").date == dt.date(2022, 1, 21)


def test_date_from_subtitle_when_nothing_else() -> None:
    assert parse(post("x", "subtitle: '220315Tue AIgroup'\n"), "x.md").date == dt.date(2022, 3, 15)


def test_no_date_at_all_is_none() -> None:
    assert parse(post("x", "title: T\n"), "x.md").date is None


def test_subtitle_date_that_disagrees_with_file_name_is_information() -> None:
    article = parse(post("x", "subtitle: '211207Tue CJ'\n"), "2021-12-08-CJ.markdown")
    assert article.date == dt.date(2021, 12, 8)
    assert article.subtitle_date == dt.date(2021, 12, 7)
    assert article.warnings == ()


def test_malformed_subtitle_quote_from_an_old_commit_parses() -> None:
    article = parse(post("x", "subtitle: 반도체 이슈 211006'\n"), "2021-10-06-semi.markdown")
    assert article.subtitle == "반도체 이슈 211006'"
    assert article.subtitle_date == dt.date(2021, 10, 6)


def test_bad_yaml_is_a_parse_error_that_says_so() -> None:
    with pytest.raises(ParseError, match="front matter"):
        parse("---\ntitle: [unclosed\n---\nbody\n")


def test_front_matter_that_is_not_a_mapping_is_an_error() -> None:
    with pytest.raises(ParseError, match="key: value"):
        parse("---\n- a\n- b\n---\nbody\n")


def test_post_without_front_matter_is_still_an_article() -> None:
    article = parse("[링크](https://e.com/a)\n\n<span style='color:red'>빨강</span> 글\n")
    assert article.title == ""
    assert article.source_url == "https://e.com/a"
    assert [(h.color, h.text) for h in article.highlights] == [("red", "빨강")]


def test_byte_order_mark_does_not_hide_front_matter() -> None:
    article = parse("\ufeff---\ntitle: 제목\n---\n\n본문\n")
    assert article.title == "제목"


def test_crlf_post_parses_like_lf() -> None:
    text = post('a <span style="color:blue">파란</span> b' + NOTES).replace("\n", "\r\n")
    article = parse(text)
    assert [h.text for h in article.highlights] == ["파란"]
    assert article.keywords == ("AI",)
    assert article.summary == "요약문"


# -- source link -------------------------------------------------------------------------


def test_first_link_line_counts_when_there_is_no_link_line_named_so() -> None:
    assert parse(post("[기사 원문](https://e.com/x)\n\n본문")).source_url == "https://e.com/x"
    assert parse(post("<https://e.com/y>\n\n본문")).source_url == "https://e.com/y"


def test_a_highlighted_link_line_is_still_the_source() -> None:
    body = '<span style="color:blue">[기사](https://e.com/h)</span>\n\n본문'
    assert parse(post(body)).source_url == "https://e.com/h"


def test_a_link_inside_the_text_is_not_the_source() -> None:
    assert parse(post("본문에 [링크 아님](https://e.com/z) 있다")).source_url is None


def test_source_link_after_a_setext_headline_is_found() -> None:
    body = "# 1. 기사\n\n헤드라인\n==========\n[링크](https://e.com/h)\n\n본문"
    article = parse(post(body))
    assert article.source_url == "https://e.com/h"
    assert article.highlights == ()


# -- highlights --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "color"),
    [
        ('<span style="color:blue">', "blue"),
        ("<span style='color:red'>", "red"),
        ('<span style="color: #1E90FF">', "#1e90ff"),
        ('<span style = " color : Blue ; font-weight:bold ">', "blue"),
        ('<span style="background-color:yellow">', "yellow"),
        ('<SPAN style="color:green">', "green"),
    ],
)
def test_span_colours_in_any_spelling(tag: str, color: str) -> None:
    article = parse(post(f"앞 {tag}강조</span> 뒤"))
    assert [(h.color, h.text) for h in article.highlights] == [(color, "강조")]


def test_mark_and_double_equals_are_highlights() -> None:
    article = parse(post("<mark>표시</mark> 그리고 ==형광펜== 끝"))
    assert [(h.kind, h.text) for h in article.highlights] == [
        ("mark", "표시"),
        ("equals", "형광펜"),
    ]


def test_setext_underline_is_not_a_highlight() -> None:
    article = parse(post("제목\n==========\n\n본문 a == b 이고 x ==y 아님"))
    assert article.highlights == ()


def test_span_crossing_a_line_break() -> None:
    text = post(
        '이런 <span style="color:blue">반도체 D1을 공개했다.\n이 반도체는 TSMC에서 생산</span>한다.'
    )
    (h,) = parse(text).highlights
    assert h.text == "반도체 D1을 공개했다.\n이 반도체는 TSMC에서 생산"
    assert text[h.start : h.end] == "반도체 D1을 공개했다.\n이 반도체는 TSMC에서 생산"


def test_trailing_spaces_at_line_ends_are_not_in_the_text() -> None:
    (h,) = parse(post('<span style="color:red">첫 줄   \n둘째 줄</span>')).highlights
    assert h.text == "첫 줄\n둘째 줄"


def test_bold_around_a_span_and_inside_one() -> None:
    body = (
        '**<span style="color:blue">굵은 강조</span>**와 '
        '<span style="color:red">**굵게** 일부</span>'
    )
    article = parse(post(body))
    assert [h.text for h in article.highlights] == ["굵은 강조", "굵게 일부"]


def test_links_and_code_inside_a_span_show_their_text() -> None:
    body = '<span style="color:blue">[네이버](https://naver.com) 의 `API` 와 &amp; \\*별\\*</span>'
    (h,) = parse(post(body)).highlights
    assert h.text == "네이버 의 API 와 & *별*"


def test_nested_spans_are_two_highlights() -> None:
    text = post('<span style="color:blue">바깥 <span style="color:red">안쪽</span> 끝</span>')
    outer, inner = parse(text).highlights
    assert (outer.color, outer.text) == ("blue", "바깥 안쪽 끝")
    assert (inner.color, inner.text) == ("red", "안쪽")
    assert outer.start < inner.start < inner.end < outer.end


def test_a_span_without_a_colour_is_not_a_highlight_but_balances_tags() -> None:
    text = post('<span style="color:blue">a <span class="x">b</span> c</span>')
    (h,) = parse(text).highlights
    assert h.text == "a b c"


def test_unclosed_span_ends_with_its_paragraph_and_warns() -> None:
    text = post('<span style="color:blue">\n열린 채 끝나는 문단\n\n다음 문단')
    article = parse(text)
    (h,) = article.highlights
    assert h.text == "열린 채 끝나는 문단"
    assert text[h.end :].startswith("\n\n다음 문단")
    assert len(article.warnings) == 1
    assert "line 6" in article.warnings[0]
    assert "never closed" in article.warnings[0]


def test_stray_closing_tag_is_ignored_with_a_warning() -> None:
    article = parse(post('<span style="color:blue">a</span>\n\nb</span> c'))
    assert [h.text for h in article.highlights] == ["a"]
    assert len(article.warnings) == 1
    assert "no opening tag" in article.warnings[0]


def test_tags_in_code_are_text() -> None:
    body = (
        '`<span style="color:red">x</span>` 그리고\n\n'
        '```html\n<span style="color:blue">y</span>\n```\n'
    )
    assert parse(post(body)).highlights == ()


def test_escaped_angle_bracket_is_not_a_tag() -> None:
    assert parse(post('\\<span style="color:red">x\\</span>')).highlights == ()


def test_angle_bracketed_korean_and_email_are_text() -> None:
    text = post("<AI타임스> 기사, 박성은 기자<sage@byline.network>")
    article = parse(text)
    assert article.highlights == ()
    assert article.warnings == ()


# -- notes block -------------------------------------------------------------------------


def test_notes_block_keywords_summary_questions() -> None:
    text = post("본문" + NOTES.replace("-", "왜 그럴까?"))
    article = parse(text)
    assert article.keywords == ("AI",)
    assert article.summary == "요약문"
    assert article.questions == ("왜 그럴까?",)


@pytest.mark.parametrize(
    ("line", "keywords"),
    [
        ("\\#AI \\#LLM", ("AI", "LLM")),
        ("\\#data \\# LGCNS \\#마이데이터", ("data", "LGCNS", "마이데이터")),
        ("\\#쏘카  \\#토스   \\# 마케팅", ("쏘카", "토스", "마케팅")),
        ("#tag #다른태그", ("tag", "다른태그")),
        ("AI, LLM, 검색", ("AI", "LLM", "검색")),
        ("-", ()),
        ("", ()),
    ],
)
def test_keyword_spellings(line: str, keywords: tuple[str, ...]) -> None:
    text = post(f"본문\n\n* * *\n\n### 2. 키워드 : {line}\n### 3. 요약 : -\n")
    assert parse(text).keywords == keywords


@pytest.mark.parametrize(
    "heading",
    [
        "### 3. 요약 :",
        "### 요약 :",
        "### 7. 요약:",
        "## 3) 요약 ：",
        "### Summary:",
        "### 3. summary :",
    ],
)
def test_section_heading_spellings(heading: str) -> None:
    text = post(f"본문\n\n* * *\n\n{heading} 한 줄 요약\n")
    assert parse(text).summary == "한 줄 요약"


def test_english_section_names() -> None:
    text = post("x\n\n* * *\n\n### Keywords: #a #b\n### Summary: s\n### Questions: q?\n")
    article = parse(text)
    assert (article.keywords, article.summary, article.questions) == (("a", "b"), "s", ("q?",))


def test_dash_means_no_question_and_no_summary() -> None:
    article = parse(post("x" + NOTES.replace("요약문", "-")))
    assert article.summary == ""
    assert article.questions == ()


def test_question_with_numbered_lines_under_it() -> None:
    body = (
        "x\n\n* * *\n\n### 2. 키워드 : \\#a\n### 3. 요약 : s\n"
        "### 4. 궁금한 점 : 데이터를 써도 되는지 궁금하다.\n"
        "1 기업 내부 데이터라 써도 되는지..\n"
        "2 연결된 경우 서로 데이터를 쓸 수 있는지.. 궁금하다!"
    )
    assert parse(post(body)).questions == (
        "데이터를 써도 되는지 궁금하다.",
        "기업 내부 데이터라 써도 되는지..",
        "연결된 경우 서로 데이터를 쓸 수 있는지.. 궁금하다!",
    )


def test_question_with_a_continuation_line() -> None:
    body = (
        "x\n\n* * *\n\n### 4. 궁금한 점 : 올리브영 온라인사업은 누가 할까.\n"
        "올리브네트웍스 [분할](https://e.com)했다는데 궁금."
    )
    assert parse(post(body)).questions == (
        "올리브영 온라인사업은 누가 할까.\n올리브네트웍스 [분할](https://e.com)했다는데 궁금.",
    )


def test_questions_as_list_items() -> None:
    body = "x\n\n* * *\n\n### 4. 궁금한 점 :\n- 첫째?\n- 둘째?\n  이어서\n* 셋째?"
    assert parse(post(body)).questions == ("첫째?", "둘째?\n이어서", "셋째?")


def test_extra_section_is_kept_verbatim() -> None:
    text = post("x" + NOTES + "\n### 5. 추가 : 더 읽을 것\n- [a](https://e.com)\n")
    article = parse(text)
    assert article.questions == ()
    (extra,) = article.extra_sections
    assert extra.title == "5. 추가 : 더 읽을 것"
    assert extra.text == "### 5. 추가 : 더 읽을 것\n- [a](https://e.com)"


def test_notes_come_after_the_last_break_only() -> None:
    body = "위\n\n* * *\n\n가운데 글\n\n* * *\n\n### 3. 요약 : 진짜 요약"
    article = parse(post(body))
    assert article.summary == "진짜 요약"
    assert "가운데 글" not in article.summary


def test_a_break_followed_by_no_notes_is_part_of_the_article() -> None:
    article = parse(post('글\n\n* * *\n\n<span style="color:red">더</span> 글'))
    assert article.summary == ""
    assert [h.text for h in article.highlights] == ["더"]


def test_highlights_in_the_notes_block_are_not_article_highlights() -> None:
    text = post("글" + NOTES.replace("요약문", '<span style="color:red">요약</span>'))
    assert parse(text).highlights == ()


def test_post_without_notes_block() -> None:
    article = parse(post("그냥 글"))
    assert (article.keywords, article.summary, article.questions) == ((), "", ())
    assert article.source.notes_start is None


@pytest.mark.parametrize(
    ("tag", "color"),
    [
        ('<span style="color:blue">', "blue"),
        ('<span style="background:#fff5b1">', "#fff5b1"),
        ('<span style="background: #FFF5B1 ;">', "#fff5b1"),
        ('<span style="background-color:#fff5b1; font-weight:700;">', "#fff5b1"),
        ('<span style="color:#FF0000">', "red"),
        ('<span style="color: rgb(255, 0, 0)">', "red"),
        ('<span style="color:Grey">', "gray"),
        ("<mark>", "yellow"),
        ('<mark style="background:orange">', "orange"),
        ('<font color="#0000ff">', "blue"),
        ('<span style="color: rgb(0, 0, 0)">', None),  # the page's text, pasted
        ('<span style="color:#222">', None),
        ('<span style="font-weight:700">', None),
    ],
)
def test_highlights_in_every_common_form(tag: str, color: str | None) -> None:
    closing = "</" + tag[1:].split(" ", 1)[0].rstrip(">") + ">"
    text = f"앞 {tag}구절{closing} 뒤\n"
    highlights = parse(text).highlights
    assert [h.color for h in highlights] == ([color] if color else [])
    assert all(h.text == "구절" for h in highlights)
