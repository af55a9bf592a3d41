"""The notes convention, read and written side by side (so its escapes live once). Pure.

`### 2. 키워드 : \\#AI \\#LLM`, `### 3. 요약 : …`, `### 4. 궁금한 점 : …` (`-` for none)
after the `* * *` that closes the article. Reading gives each section's source span;
writing replaces one section's value, or adds a missing section beside its neighbours in
their own style.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from typing import TYPE_CHECKING, Any, NamedTuple

from reader_tui.models import Article, ExtraSection, Section
from reader_tui.post.splices import Splice

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from reader_tui.post.blocks import Block
from reader_tui.post.blocks import split_blocks
from reader_tui.post.errors import EditError

SECTION_HEADING = re.compile(
    r"(?P<hashes>[ ]{0,3}#{1,6})[ \t]*(?:(?P<number>\d+)[ \t]*[.)][ \t]*)?"
    r"(?P<name>키워드|요약|궁금한[ \t]*점|keywords?|summary|questions?)"
    r"(?=[ \t]*(?:[:：]|$))[ \t]*(?P<colon>[:：])?",
    re.I,
)
SECTION_KINDS = {
    "키워드": "keywords",
    "keyword": "keywords",
    "keywords": "keywords",
    "요약": "summary",
    "summary": "summary",
    "궁금한점": "questions",
    "question": "questions",
    "questions": "questions",
}
KIND_ORDER = ("keywords", "summary", "questions")
KOREAN_NAMES = {"keywords": "키워드", "summary": "요약", "questions": "궁금한 점"}
ENGLISH_NAMES = {"keywords": "Keywords", "summary": "Summary", "questions": "Questions"}
DEFAULT_NUMBERS = {"keywords": 2, "summary": 3, "questions": 4}
QUESTION_ITEM = re.compile(r"(?:[-*+]|\d+[.)]?)[ \t]+(.*)")
# Lines that would change the block structure if written as they are into a section.
BLOCKY = re.compile(r" {0,3}(?:#|([-*_])(?:[ \t]*\1){2,}[ \t]*$|=+[ \t]*$|-+[ \t]*$|`{3,}|~{3,})")
# ... and, in a list of questions, lines that would start a new question.
ITEM_LIKE = re.compile(BLOCKY.pattern + r"|(?:[-*+]|\d+[.)]?)[ \t]")


# Reading


class Heading(NamedTuple):
    """A notes heading matched in the post: its name (in NFC) and where, in the post's own
    text, its name starts and ends and its value starts. (A named tuple: one is made for
    each heading a parse meets, and a tuple is made in C.)"""

    name: str
    hashes: str
    number: str | None
    name_start: int
    name_end: int
    value_start: int
    colon: bool


def notes_heading(text: str, start: int, end: int) -> Heading | None:
    """The notes heading on `text[start:end]`, if that line is one. Korean typed on some
    systems arrives decomposed (NFD: 키 as ᄏ+ᅵ); it is matched as composed, and the
    offsets are the post's own."""
    m = SECTION_HEADING.match(text, start, end)
    if m is not None:
        value = m.end() if m.group("colon") else m.end("name")
        return Heading(
            m.group("name"), m.group("hashes"), m.group("number"),
            m.start("name"), m.end("name"), value, bool(m.group("colon")),
        )  # fmt: skip
    line = text[start:end]
    if unicodedata.is_normalized("NFC", line):
        return None
    composed = unicodedata.normalize("NFC", line)
    m = SECTION_HEADING.match(composed)
    if m is None:
        return None

    def back(index: int) -> int:
        """Where the composed line's `index` falls in the post's own text."""
        for length in range(len(line) + 1):
            if unicodedata.normalize("NFC", line[:length]) == composed[:index]:
                return start + length
        return start + len(line)

    value = m.end() if m.group("colon") else m.end("name")
    return Heading(
        m.group("name"), m.group("hashes"), m.group("number"),
        back(m.start("name")), back(m.end("name")), back(value), bool(m.group("colon")),
    )  # fmt: skip


def read_sections(
    text: str, blocks: list[Block], known: dict[int, Heading | None] | None = None
) -> tuple[list[Section], dict[str, Any], list[ExtraSection]]:
    """The notes sections of `blocks` (`known`: their headings matched already, by the
    block's start)."""
    known = known or {}
    headings = [block for block in blocks if block.kind == "heading"]
    sections: list[Section] = []
    notes: dict[str, Any] = {}
    extras: list[ExtraSection] = []
    for index, block in enumerate(headings):
        following = headings[index + 1].start if index + 1 < len(headings) else len(text)
        line_end = text.find("\n", block.start)
        line_end = following if line_end < 0 or line_end > following else line_end
        section_end = _trim_end(text, block.start, following)
        end = min(line_end, block.end)  # (a setext heading's first line)
        m = (
            known[block.start]
            if end == block.end and block.start in known
            else notes_heading(text, block.start, end)
        )
        kind = SECTION_KINDS.get("".join(m.name.split()).lower()) if m else None
        if m is None or kind is None or kind in notes:
            heading_text = text[block.content_start : block.content_end].strip()
            extras.append(ExtraSection(heading_text, text[block.start : section_end]))
            continue
        value_start = m.value_start
        raw = text[value_start:section_end] if section_end > value_start else ""
        sections.append(
            Section(
                kind=kind,
                heading=text[block.start : m.name_end],
                line_start=block.start,
                value_start=value_start,
                value_end=max(section_end, value_start),
                has_colon=m.colon,
            )
        )
        notes[kind] = _read_value(kind, raw)
    return sections, notes, extras


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _value_lines(raw: str) -> tuple[str, list[str]]:
    first, _, rest = raw.partition("\n")
    following = [line.rstrip(" \t\r") for line in rest.split("\n")] if rest else []
    return first.strip(), following


def _unescape(line: str, pattern: re.Pattern[str] = BLOCKY) -> str:
    if line.startswith("\\") and pattern.match(line[1:]):
        return line[1:]
    return line


def _read_value(kind: str, raw: str) -> Any:
    if kind == "keywords":
        return parse_keywords(raw)
    if kind == "summary":
        first, following = _value_lines(raw)
        return normalize_text("\n".join([first, *(_unescape(line) for line in following)]))
    return _parse_questions(raw)


_HASH = re.compile(r"\\?#")
_COMMAS = re.compile(r"[,，、]")


def parse_keywords(raw: str) -> tuple[str, ...]:
    """`\\#AI \\#LLM`, `\\# 마케팅`, `#tag`, `AI, LLM` and `-` (none) as a list of keywords."""
    value = " ".join(raw.split())
    if value in ("", "-"):
        return ()
    if "#" in value:
        parts = _HASH.split(value)
        head, tags = parts[0], parts[1:]
        found = list(_COMMAS.split(head)) + tags
    elif _COMMAS.search(value):
        found = _COMMAS.split(value)
    else:
        found = value.split()
    return normalize_keywords(found)


def _parse_questions(raw: str) -> tuple[str, ...]:
    first, following = _value_lines(raw)
    questions: list[list[str]] = []
    current: list[str] | None = None
    if first and first != "-":
        current = [first]
        questions.append(current)
    for line in following:
        if not line.strip():
            current = None
            continue
        item = QUESTION_ITEM.fullmatch(line)
        if item:
            current = [_unescape(item.group(1).strip(), ITEM_LIKE)]
            questions.append(current)
        elif current is not None:
            current.append(_unescape(line.strip(), ITEM_LIKE))
        else:
            current = [_unescape(line.strip(), ITEM_LIKE)]
            questions.append(current)
    return normalize_questions("\n".join(question) for question in questions)


ANSWER = re.compile(r"(?:\?[ \t]*|[ \t]+)->(?=\S)")
"""Where a question's answer starts, as the user writes it: `왜 안 팔렸을까? ->[점주들의
반발](https://…)`: `->` right before the answer, after the question mark or a space.
`1100원->1200원` and `늘리는 것 -> 무슨 활동일까?` are part of the question."""


def split_answer(question: str) -> tuple[str, str]:
    """A question as the post has it, as (question, answer); no answer: ("…", "")."""
    marks = list(ANSWER.finditer(question))
    if not marks:
        return question, ""
    mark = marks[-1]
    asked = question[: mark.start()] + ("?" if mark.group().startswith("?") else "")
    return asked.rstrip(), question[mark.end() :].strip()


def with_answer(question: str, answer: str) -> str:
    """A question and its answer as the user writes them (`question ->answer`)."""
    answer = " ".join(answer.split())
    return f"{question} ->{answer}" if answer else question


def question_form(question: str, answer: str = "") -> str:
    """A question (and answer) as compared and written: the same however it was spaced."""
    return with_answer(*split_answer(with_answer(question, answer)))


# Normalising notes the way a post stores them


def normalize_keywords(keywords: Iterable[str]) -> tuple[str, ...]:
    """Keywords as the post keeps them: no `#`, single spaces, no blanks or repeats."""
    seen: dict[str, None] = {}
    for keyword in keywords:
        clean = " ".join(keyword.replace("#", " ").replace("\\", " ").split()).strip(" ,，、")
        if clean and clean != "-":
            seen.setdefault(clean, None)
    return tuple(seen)


def normalize_text(value: str) -> str:
    """A summary as the post keeps it: no trailing spaces, no blank first or last lines."""
    text_lines = [line.rstrip() for line in value.replace("\r\n", "\n").split("\n")]
    while text_lines and not text_lines[0].strip():
        text_lines.pop(0)
    while text_lines and not text_lines[-1].strip():
        text_lines.pop()
    if text_lines:
        text_lines[0] = text_lines[0].strip()
    result = "\n".join(text_lines)
    return "" if result == "-" else result


def normalize_questions(questions: Iterable[str]) -> tuple[str, ...]:
    """Questions as the post keeps them: stripped lines, no blank lines, no `-`."""
    result = []
    for question in questions:
        parts = [line.strip() for line in question.replace("\r\n", "\n").split("\n")]
        clean = "\n".join(part for part in parts if part)
        if clean and clean != "-":
            result.append(clean)
    return tuple(result)


def with_notes(
    article: Article,
    *,
    keywords: Sequence[str] | None = None,
    summary: str | None = None,
    questions: Sequence[str] | None = None,
) -> Article:
    """A copy of `article` with some notes replaced, normalised as the post will keep them."""
    return replace(
        article,
        keywords=article.keywords if keywords is None else normalize_keywords(keywords),
        summary=article.summary if summary is None else normalize_text(summary),
        questions=article.questions if questions is None else normalize_questions(questions),
    )


# Writing


def _format_value(kind: str, article: Article, nl: str) -> str:
    """The text after the colon of a section, in the user's own form."""
    if kind == "keywords":
        keywords = article.keywords
        return " " + (" ".join(f"\\#{keyword}" for keyword in keywords) if keywords else "-")
    if kind == "summary":
        if not article.summary:
            return " -"
        first, *rest = article.summary.split("\n")
        return " " + nl.join([first, *(_escape(line) for line in rest)])
    questions = article.questions
    if not questions:
        return " -"
    if len(questions) == 1 and "\n" not in questions[0]:
        return " " + questions[0]
    items = []
    for question in questions:
        first, *rest = question.split("\n")
        rest = [f"  {_escape(line, ITEM_LIKE)}" for line in rest]
        items.append(nl.join([f"- {first}", *rest]))
    return nl + nl.join(items)


def _escape(line: str, pattern: re.Pattern[str] = BLOCKY) -> str:
    return "\\" + line if pattern.match(line) else line


def _section_name(kind: str, neighbour: Section | None) -> str:
    english = neighbour is not None and not re.search(r"[가-힣]", neighbour.heading)
    return (ENGLISH_NAMES if english else KOREAN_NAMES)[kind]


def _heading_for(kind: str, neighbour: Section | None, offset: int) -> str:
    hashes, number = "###", None
    if neighbour is not None:
        m = SECTION_HEADING.match(neighbour.heading)
        if m:
            hashes = m.group("hashes").strip()
            if m.group("number"):
                number = int(m.group("number")) + offset
    else:
        number = DEFAULT_NUMBERS[kind]
    prefix = f"{hashes} {number}. " if number is not None and number >= 0 else f"{hashes} "
    return f"{prefix}{_section_name(kind, neighbour)} :"


LOOKS_LIKE_NOTES = re.compile(r"키워드|요약|궁금|keyword|summary|question", re.I)


def _half_recognised(text: str, body_start: int) -> str | None:
    """The heading line of a notes block reader-tui did not recognise, if the post seems to
    have one: its last break's first heading names a notes section, but not in the form
    read. Writing a second block after it would leave the user two; better refuse."""
    blocks = split_blocks(text, body_start)
    breaks = [i for i, b in enumerate(blocks) if b.kind == "break"]
    if not breaks:
        return None
    first = next((b for b in blocks[breaks[-1] + 1 :] if b.kind == "heading"), None)
    if first is None:
        return None
    line = unicodedata.normalize("NFC", text[first.start : first.end]).strip()
    return line if LOOKS_LIKE_NOTES.search(line) else None


def notes_splices(
    text: str, original: Article, edited: Article, convert: bool = False
) -> list[Splice]:
    """The splices that write `edited`'s notes into the post, in the post's own form (a
    post written in decomposed Korean gets its new text decomposed too). Notes read from
    another blog's headings (`## 🤔 궁금한 점`) are not rewritten: with `convert`, a block
    in the user's form is added after the article (the other headings stay as they are);
    without, a change to them is refused."""
    if original.foreign_notes:
        changed = any(getattr(edited, kind) != getattr(original, kind) for kind in KIND_ORDER)
        if not convert and changed:
            headings = ", ".join(repr(h) for h in original.foreign_notes)
            raise EditError(
                f"its notes are written in its own form ({headings}); reader-tui reads them "
                "but does not rewrite them: edit them in the post, or convert them to your "
                "form (reader-tui write-back --convert-notes)"
            )
        if convert:
            bare = replace(original, keywords=(), summary="", questions=(), foreign_notes=())
            return _nfd_like(text, bare, _notes_splices(text, bare, edited, beside=True))
    return _nfd_like(text, original, _notes_splices(text, original, edited))


def _nfd_like(text: str, original: Article, splices: list[Splice]) -> list[Splice]:
    """Splices in the post's own normal form (decomposed Korean stays decomposed)."""
    region = text[original.source.notes_start or original.source.article_end :]
    if splices and not unicodedata.is_normalized("NFC", region):
        splices = [
            replace(s, replacement=unicodedata.normalize("NFD", s.replacement)) for s in splices
        ]
    return splices


def _notes_splices(
    text: str, original: Article, edited: Article, beside: bool = False
) -> list[Splice]:
    """`beside`: a new block goes after the article even if headings the reader cannot
    read end it (the user asked to convert notes written there in another form)."""
    source = original.source
    nl = source.newline
    changed = [kind for kind in KIND_ORDER if getattr(edited, kind) != getattr(original, kind)]
    if not changed:
        return []
    by_kind = {section.kind: section for section in source.sections}
    if source.notes_start is None:
        seen = None if beside else _half_recognised(text, source.body_start)
        if seen is not None:
            raise EditError(
                f"the post ends with notes reader-tui cannot read ({seen!r}); write the notes "
                "there by hand, or give its headings the usual form (### 2. 키워드 : …)"
            )
        block = nl.join(
            f"{_heading_for(kind, None, 0)}{_format_value(kind, edited, nl)}" for kind in KIND_ORDER
        )
        if text.endswith(nl * 2) or not text:
            lead = ""
        elif text.endswith(nl):
            lead = nl
        else:
            lead = nl * 2
        tail = nl if source.ends_with_newline or not text else ""
        return [Splice(len(text), 3, 0, len(text), f"{lead}* * *{nl}{nl}{block}{tail}")]
    splices = []
    for kind in changed:
        value = _format_value(kind, edited, nl)
        section = by_kind.get(kind)
        if section is not None:
            if not section.has_colon:
                value = " :" + value
            splices.append(Splice(section.value_start, 3, 0, section.value_end, value))
            continue
        position = KIND_ORDER.index(kind)
        before = [by_kind[k] for k in KIND_ORDER[:position] if k in by_kind]
        after = [by_kind[k] for k in KIND_ORDER[position + 1 :] if k in by_kind]
        if before:
            anchor = before[-1]
            offset = position - KIND_ORDER.index(anchor.kind)
            line = _heading_for(kind, anchor, offset) + value
            splices.append(Splice(anchor.value_end, 4 + position, 0, anchor.value_end, nl + line))
        else:
            anchor = after[0]
            offset = position - KIND_ORDER.index(anchor.kind)
            line = _heading_for(kind, anchor, offset) + value
            splices.append(Splice(anchor.line_start, 1, position, anchor.line_start, line + nl))
    return splices
