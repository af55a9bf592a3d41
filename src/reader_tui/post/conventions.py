"""Notes written in other common Korean study-note forms, read (never rewritten). Pure.

The user's own form is `### 2. 키워드 : …` after the closing `* * *` (see `notes`). Other
blogs keep the same notes under headings anywhere in the post: `## 🤔 궁금한 점` with a
list, `# 요약` at the top, `#### **오늘 TIL 3줄 요약**`, `### 키워드` with
``- `Redis Lua`, `WRONGTYPE` ``. A heading is recognised by its text once numbers, emoji,
bold and a closing colon are set aside, when it is (or ends with) one of the names of a
kind; the names are a mapping the user can extend (`reader-tui config notes-headings`).
What is read from them is shown and searched, but a post whose notes are in such a form
is not rewritten: the user edits it there, or asks for it to be converted.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

from reader_tui.post.notes import normalize_keywords, normalize_questions, normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from reader_tui.post.blocks import Block

DEFAULT_NAMES: dict[str, tuple[str, ...]] = {
    "keywords": ("키워드", "keywords", "keyword", "tags"),
    "summary": ("요약", "summary", "tl;dr", "정리"),
    "questions": ("궁금한 점", "궁금한점", "궁금증", "질문", "questions"),
}
NUMBER = re.compile(r"^\s*(?:\d+\s*[.)]|[①-⑳])\s*")
ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(.*)$")
CHECKBOX = re.compile(r"^\[[ xX]\][ \t]*")


def names_from(setting: str) -> dict[str, tuple[str, ...]]:
    """The default names with the user's own added, or taken out with a `-`
    (`keywords:태그,주제;summary:-정리`)."""
    names = {kind: list(words) for kind, words in DEFAULT_NAMES.items()}
    for part in setting.split(";"):
        kind, _, words = part.partition(":")
        kind = kind.strip().lower()
        if kind not in names:
            continue
        for word in (w.strip().lower() for w in words.split(",")):
            if word.startswith("-"):
                names[kind] = [name for name in names[kind] if name != word[1:].strip()]
            elif word:
                names[kind].append(word)
    return {kind: tuple(words) for kind, words in names.items()}


_MAY_DROP = re.compile(r"[^\w .,:;!?()'\"\[\]/&%#@：-]|_")
"""A character `heading_words` may leave out (a symbol, a control character, `*_`~`):
any but a letter, a digit, a space and common punctuation. Most headings have none."""


def heading_words(heading: str) -> str:
    """A heading's text without `#`, numbers, emoji, bold and a closing colon, in lower
    case and NFC: `## 🤔 궁금한 점` and `#### **3. 요약:**` as `궁금한 점` and `요약`."""
    text = unicodedata.normalize("NFC", heading).strip().lstrip("#").strip()
    if _MAY_DROP.search(text):
        text = "".join(
            ch
            for ch in text
            if not unicodedata.category(ch).startswith(("S", "C")) and ch not in "*_`~"
        )
    text = NUMBER.sub("", text).strip().rstrip(":：").strip()
    return " ".join(text.split()).lower()


def kind_of(heading: str, names: Mapping[str, Iterable[str]]) -> str | None:
    """Which notes section a heading names, if any: its words are a name, or end with one
    (`오늘 til 3줄 요약`)."""
    words = heading_words(heading)
    if not words:
        return None
    for kind, known in names.items():
        for name in known:
            # A Korean name may end a longer heading even without a space (3줄요약).
            joined = not name.isascii() and words.endswith(name)
            if words == name or words.endswith(" " + name) or joined:
                return kind
    return None


def may_have_notes(text: str, start: int, names: Mapping[str, Iterable[str]]) -> bool:
    """Whether a heading line after `start` could name a notes section (a cheap look
    before the post's blocks are split)."""
    pattern = _any_name(names)
    first = _HEADING.match(text, start) if start == 0 or text[start - 1] == "\n" else None
    # Only the heading lines are looked at (found from their line break: a scan for a
    # literal is fast, one for a line's start over a long post is not).
    for line in (first, *_HEADING_AFTER_BREAK.finditer(text, start)):
        if line is not None and pattern.search(unicodedata.normalize("NFC", line.group(1))):
            return True
    return False


def _any_name(names: Mapping[str, Iterable[str]]) -> re.Pattern[str]:
    """A pattern for any of `names`, kept for the names last asked about (the same,
    post after post: the user's setting)."""
    if _LAST_NAMES and _LAST_NAMES[0][0] == names:
        return _LAST_NAMES[0][1]
    words = "|".join(re.escape(name) for known in names.values() for name in known)
    pattern = re.compile(words, re.I)
    _LAST_NAMES[:] = [(dict(names), pattern)]
    return pattern


_LAST_NAMES: list[tuple[dict[str, Iterable[str]], re.Pattern[str]]] = []
_HEADING = re.compile(r" {0,3}#{1,6}[ \t]([^\n]*)")
_HEADING_AFTER_BREAK = re.compile(r"\n {0,3}#{1,6}[ \t]([^\n]*)")


def read_foreign(
    text: str, blocks: list[Block], names: Mapping[str, Iterable[str]] = DEFAULT_NAMES
) -> tuple[dict[str, Any], list[str]]:
    """The notes under recognised headings in the article's `blocks` (each kind once,
    the first), and those headings as written."""
    notes: dict[str, Any] = {}
    found: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind != "heading":
            continue
        heading = text[block.start : block.end].strip()
        words = text[block.content_start : block.content_end].replace("：", ":")
        name, colon, inline = words.partition(":")  # `## 키워드 : \#AI` holds its value
        kind = kind_of(name if colon else words, names)
        if kind is None or kind in notes:
            continue
        end = len(blocks)
        for later in range(index + 1, len(blocks)):
            other = blocks[later]
            if other.kind == "break" or (other.kind == "heading" and other.level <= block.level):
                end = later
                break
        content = blocks[index + 1 : end]
        raw = text[content[0].start : content[-1].end] if content else ""
        if colon and inline.strip():
            raw = inline.strip() + ("\n" + raw if raw else "")
        value = _value(kind, raw)
        if value:
            notes[kind] = value
            found.append(heading)
    return notes, found


def _items(raw: str) -> list[str]:
    """A section's lines as items: a list's items (continuation lines joined), or each
    non-blank line."""
    items: list[str] = []
    for line in raw.splitlines():
        if not line.strip():
            continue
        item = ITEM.match(line)
        if item:
            items.append(CHECKBOX.sub("", item.group(1).strip()))
        elif items and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
        else:
            items.append(line.strip())
    return items


def _value(kind: str, raw: str) -> Any:
    if kind == "summary":
        lines = [line for line in raw.splitlines() if line.strip()]
        if lines and all(ITEM.match(line) or line.startswith((" ", "\t")) for line in lines):
            return normalize_text("\n".join(_items(raw)))  # a summary written as a list
        return normalize_text(raw)
    if kind == "questions":
        return normalize_questions(_items(raw))
    words: list[str] = []
    for item in _items(raw):
        for part in re.split(r"[,，、]|(?<=`)\s+(?=`)|\s+(?=\\?#)", item):
            words.append(part.strip().strip("`").replace("\\#", "#").lstrip("#").strip("`"))
    return normalize_keywords(words)
