"""The three-way merge of an article's notes: the post's and the app's changes. Pure.

`base` is the notes as the post had them at the last import, `ours` the library's (the
app's edits), `theirs` the post's now. A section only one side changed takes that side; a
section both changed alike is settled; one both changed differently is a conflict, kept
with the post's version until the user chooses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
