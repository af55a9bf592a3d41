"""The notes block as the user writes it, read from one match. Pure.

113 of the user's 116 posts end the same way: `* * *`, a blank line, and the three
sections on a line each. `layout` looks for that block first, from the post's end, and
`usual_sections` reads it as `notes.read_sections` reads any block; anything else is
read by those.
"""

from __future__ import annotations

import re
from typing import Any

from reader_tui.models import ExtraSection, Section
from reader_tui.post.notes import parse_keywords

USUAL_NOTES = re.compile(
    r"\* \* \*\n\n"
    r"(### 2\. 키워드)[ \t]*:([^\r\n]*)\n"
    r"(### 3\. 요약)[ \t]*:([^\r\n]*)\n"
    r"(### 4\. 궁금한 점)[ \t]*:([^\r\n]*)\n?\Z"
)
"""The notes block as the user writes it, to the end of the post: the break, a blank
line, and the three sections on a line each (`layout` looks for it first)."""


def usual_sections(
    text: str, m: re.Match[str]
) -> tuple[list[Section], dict[str, Any], list[ExtraSection]]:
    """`notes.read_sections` of the notes block `USUAL_NOTES` matched: the same sections and
    notes, read from the match (a one-line value as `notes._read_value` reads it)."""
    sections: list[Section] = []
    values: list[str] = []
    for group, kind in ((1, "keywords"), (3, "summary"), (5, "questions")):
        value = m[group + 1].rstrip(" \t")  # (as `notes._trim_end` ends one)
        value_start = m.start(group + 1)
        values.append(value)
        sections.append(
            Section(kind, m[group], m.start(group), value_start, value_start + len(value), True)
        )
    keywords, summary, question = values[0], values[1].strip(), values[2].strip()
    notes = {
        "keywords": parse_keywords(keywords),
        "summary": "" if summary == "-" else summary,
        "questions": (question,) if question and question != "-" else (),
    }
    return sections, notes, []
