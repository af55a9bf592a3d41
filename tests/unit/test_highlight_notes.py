"""Highlight notes in the post (a setting, off by default): written right after the
highlight as an HTML comment, which Jekyll does not show, and read back the same; every
other byte stays."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.post import parse
from reader_tui.writeback import write_back
from tests.conftest import SEED, corpus_files

if TYPE_CHECKING:
    from tests.conftest import MakeLibrary

NOTE = "왜 중요한가 --> 연합의 이유\n둘째 줄 & 끝"


def test_notes_are_written_after_their_highlights_and_read_back_over_the_corpus(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    posts = [SEED, *corpus_files()]
    for post in posts:
        shutil.copyfile(post, notes / post.name)
    with Library(tmp_path / "library.db") as library:
        importing.import_paths(library, [notes])
        settings.save(library, write_highlight_notes=True)
        done, errors = write_back(library)  # no note yet: not one post touched
        assert (done, errors) == ([], [])
        before = {p: p.read_text(encoding="utf-8") for p in notes.iterdir()}
        noted = {}
        for entry in queries.articles(library):
            # A highlight whose tag is never closed ends with its paragraph: no place for
            # a comment after it (its note stays in the library).
            closed = {
                (h.start, h.end)
                for h in parse(before[Path(entry.path)], entry.path).highlights
                if h.closed
            }
            active = [
                h
                for h in queries.highlights_for(library, entry.id)
                if h.status == "active" and (h.start, h.end) in closed
            ]
            if active:
                edits.set_highlight_note(library, active[0].id, f"{NOTE} {entry.id}")
                noted[entry.path] = (active[0].text, f"{NOTE} {entry.id}")
        done, errors = write_back(library)
        assert errors == []
        assert {c.path for c in done} == set(noted)
        for path, old in before.items():
            new = path.read_text(encoding="utf-8")
            if str(path) not in noted:
                assert new == old
                continue
            # Only the comment was added, and it is one line, right after a closing tag.
            (comment,) = re.findall(r"<!-- note: .*? -->", new)
            assert "\n" not in comment
            assert new.replace(comment, "", 1) == old
            assert re.search(r"(</span>|</mark>|</font>|==)<!-- note:", new)
            highlight, note = noted[str(path)]
            read = parse(new, str(path))
            assert next(h.note for h in read.highlights if h.text == highlight) == note
            # What a reader sees is unchanged: the same highlights with the same text.
            assert [h.text for h in read.highlights] == [
                h.text for h in parse(old, str(path)).highlights
            ]
        assert write_back(library) == ([], [])  # read back, the notes agree: nothing to write
        importing.import_paths(library, [notes])
        for entry in queries.articles(library):
            if entry.path in noted:
                highlight, note = noted[entry.path]
                kept = [
                    h.note for h in queries.highlights_for(library, entry.id) if h.text == highlight
                ]
                assert kept[0] == note


def test_notes_stay_in_the_library_by_default(make_library: MakeLibrary, tmp_path: Path) -> None:
    library = make_library()
    article_id = queries.articles(library)[0].id
    first = queries.highlights_for(library, article_id)[0]
    edits.set_highlight_note(library, first.id, "앱에만 있는 메모")
    edits.set_notes(library, article_id, summary="바뀐 요약")
    assert write_back(library)[1] == []
    written = (tmp_path / "notes" / SEED.name).read_text(encoding="utf-8")
    assert "<!--" not in written
    assert "바뀐 요약" in written


def test_a_note_written_in_the_post_by_hand_is_read(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    (tmp_path / "notes").mkdir()
    text = SEED.read_text(encoding="utf-8")
    first_close = text.index("</span>") + len("</span>")
    (tmp_path / "notes" / SEED.name).write_text(
        text[:first_close] + "<!-- note: 손으로 쓴 메모 -->" + text[first_close:],
        encoding="utf-8",
    )
    library = make_library(seed=False)
    article_id = queries.articles(library)[0].id
    assert queries.highlights_for(library, article_id)[0].note == "손으로 쓴 메모"


def test_a_note_on_a_highlight_gone_from_the_library_is_refused_not_dropped(
    make_library: MakeLibrary,
) -> None:
    import pytest

    from reader_tui.library import LibraryError

    library = make_library()
    article_id = queries.articles(library)[0].id
    gone = queries.highlights_for(library, article_id)[0]
    library.conn.execute("DELETE FROM highlights WHERE id = ?", (gone.id,))
    with pytest.raises(LibraryError, match="no longer in the library"):
        edits.set_highlight_note(library, gone.id, "어디에도 없는 메모")
