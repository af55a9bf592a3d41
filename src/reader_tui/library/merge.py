"""The three-way merge of an article's notes: the post's and the app's changes. Pure.

`base` is the notes as the post had them at the last import, `ours` the library's (the
app's edits), `theirs` the post's now. A section only one side changed takes that side; a
section both changed alike is settled; one both changed differently is a conflict, kept
with the post's version until the user chooses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Mapping

SECTIONS = ("keywords", "summary", "questions")


@dataclass(frozen=True, slots=True)
class Merge:
    """What a merge decided: sections the library takes from the post, and conflicts
    (section -> the post's version) still open after it."""

    take: dict[str, Any] = field(default_factory=dict)
    conflicts: dict[str, Any] = field(default_factory=dict)


def merge_notes(
    base: Mapping[str, Any],
    ours: Mapping[str, Any],
    theirs: Mapping[str, Any],
    conflicts: Mapping[str, Any] | None = None,
) -> Merge:
    """Merge the post's notes (`theirs`) into the app's (`ours`) since `base`; open
    `conflicts` from before stay unless this merge settles them."""
    take: dict[str, Any] = {}
    still = dict(conflicts or {})
    for section in SECTIONS:
        if theirs[section] == base.get(section):
            continue  # the post did not change this section
        if ours[section] == base.get(section):
            take[section] = theirs[section]
            still.pop(section, None)
        elif ours[section] == theirs[section]:
            still.pop(section, None)
        else:
            still[section] = theirs[section]
    return Merge(take, still)


def draft(section: str, ours: Any, theirs: Any) -> Any:
    """Where editing a conflict by hand starts: both versions, nothing dropped. Keywords
    and questions: ours, then those only the post has; a summary: the words both share
    once and each side's own in place (ours first), or both texts one after the other
    when they share too little to interleave."""
    if section != "summary":
        return list(dict.fromkeys([*ours, *theirs]))
    mine, post = str(ours or ""), str(theirs or "")
    a, b = _words(mine), _words(post)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return "\n\n".join(text for text in (mine.strip(), post.strip()) if text)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        out += a[i1:i2]
        if tag in ("replace", "insert"):
            if out and not out[-1].isspace():
                out.append(" ")
            out += b[j1:j2]
            if i2 < len(a) and not b[j2 - 1].isspace() and not a[i2].isspace():
                out.append(" ")
    return "".join(out).strip()


def differences(ours: str, theirs: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The character ranges of words in `ours` that `theirs` lacks, and the other way."""
    a, b = _words(ours), _words(theirs)
    only_a: list[tuple[int, int]] = []
    only_b: list[tuple[int, int]] = []
    starts_a = _starts(a)
    starts_b = _starts(b)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            only_a.append((starts_a[i1], starts_a[i2]))
        if j2 > j1:
            only_b.append((starts_b[j1], starts_b[j2]))
    return only_a, only_b


def _words(text: str) -> list[str]:
    """Words and the spaces between them, in order (joined, they are `text`)."""
    return re.findall(r"\s+|\S+", text)


def _starts(tokens: list[str]) -> list[int]:
    starts = [0]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts
