"""The three-way merge of notes, pure: no SQLite, no files."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader_tui.library.merge import SECTIONS, merge_notes

BASE: dict[str, Any] = {"keywords": ["AI"], "summary": "요약", "questions": ["왜?"]}


def notes(**changes: Any) -> dict[str, Any]:
    return {**BASE, **changes}


def test_nothing_changed_takes_nothing() -> None:
    merged = merge_notes(BASE, BASE, BASE)
    assert (merged.take, merged.conflicts) == ({}, {})


def test_a_section_changed_only_in_the_post_is_taken() -> None:
    merged = merge_notes(BASE, BASE, notes(summary="파일 요약"))
    assert merged.take == {"summary": "파일 요약"}
    assert merged.conflicts == {}


def test_a_section_changed_only_in_the_app_is_kept() -> None:
    merged = merge_notes(BASE, notes(keywords=["AI", "LLM"]), BASE)
    assert (merged.take, merged.conflicts) == ({}, {})


def test_both_changed_alike_is_settled() -> None:
    same = notes(questions=["누가?"])
    merged = merge_notes(BASE, same, same)
    assert (merged.take, merged.conflicts) == ({}, {})


def test_both_changed_differently_is_a_conflict_with_the_posts_version() -> None:
    merged = merge_notes(BASE, notes(summary="앱 요약"), notes(summary="파일 요약"))
    assert merged.take == {}
    assert merged.conflicts == {"summary": "파일 요약"}


def test_an_open_conflict_stays_until_a_merge_settles_it() -> None:
    open_conflict = {"summary": "파일 요약"}
    kept = merge_notes(BASE, notes(summary="앱 요약"), BASE, open_conflict)
    assert kept.conflicts == open_conflict
    settled = merge_notes(
        BASE, notes(summary="같은 요약"), notes(summary="같은 요약"), kept.conflicts
    )
    assert settled.conflicts == {}


@pytest.mark.parametrize("section", SECTIONS)
def test_the_post_taken_clears_that_sections_conflict(section: str) -> None:
    theirs = notes(**{section: "새 값" if section == "summary" else ["새 값"]})
    merged = merge_notes(BASE, BASE, theirs, {section: "옛 충돌"})
    assert merged.take == {section: theirs[section]}
    assert section not in merged.conflicts


values = st.sampled_from(["a", "b", "c"])


@given(base=values, ours=values, theirs=values)
def test_nothing_either_side_wrote_is_lost(base: str, ours: str, theirs: str) -> None:
    """After a merge, the app's version is what the library keeps (unless taken from the
    post), and the post's version is either taken, equal to the app's, or a conflict."""
    merged = merge_notes(notes(summary=base), notes(summary=ours), notes(summary=theirs))
    kept = merged.take.get("summary", ours)
    if kept != ours:  # the app's text was replaced: only when the app had not changed it
        assert ours == base
    assert theirs in (kept, merged.conflicts.get("summary"), base)
