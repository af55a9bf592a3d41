"""Re-anchoring: a highlighted passage edited in the post (in an editor) keeps its
highlight, note and review card; only a passage with nothing close enough left becomes
an orphan. Random edits of the corpus posts' highlights, and of highlights made in the
app, checked on a real library file."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader_tui.library import Library, edits, importing, queries
from reader_tui.review import Review
from tests.conftest import SEED, corpus_files

HANGUL = re.compile(r"[가-힣]")

# Posts with at least one highlight of ten syllables or more (a passage worth editing).
POSTS = [
    path
    for path in [SEED, *corpus_files()]
    if "color" in (text := path.read_text(encoding="utf-8"))
][:40]


def syllables(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in HANGUL.finditer(text, start, end)]


def imported(post: Path, folder: Path) -> tuple[Library, Path]:
    copy = folder / post.name
    shutil.copyfile(post, copy)
    library = Library(folder / "library.db")
    importing.import_paths(library, [copy])
    return library, copy


@st.composite
def edit(draw: st.DrawFn) -> tuple[Path, int, str, list[int], str]:
    """A post, one of its highlights (by rank), and an edit inside the passage: some of
    its syllables replaced, removed, or new ones put between them (at most a fifth)."""
    post = draw(st.sampled_from(POSTS))
    rank = draw(st.integers(min_value=0, max_value=30))
    kind = draw(st.sampled_from(["replace", "delete", "insert"]))
    picks = draw(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=4))
    new = draw(st.text(alphabet="가나다라마바사아자차카타파하", min_size=1, max_size=3))
    return post, rank, kind, picks, new


@pytest.mark.skipif(len(POSTS) < 2, reason="READER_TUI_CORPUS is not set")
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edit())
def test_an_edited_post_highlight_keeps_its_note_and_card(
    case: tuple[Path, int, str, list[int], str],
) -> None:
    post, rank, kind, picks, new = case
    with tempfile.TemporaryDirectory() as folder:
        library, path = imported(post, Path(folder))
        with library:
            article_id = queries.articles(library)[0].id
            text = path.read_text(encoding="utf-8")
            long = [h for h in queries.highlights_for(library, article_id) if len(h.text) >= 10]
            if not long:
                return
            target = long[rank % len(long)]
            inside = syllables(text, target.start, target.end)
            if len(inside) < 10:
                return
            chosen = sorted({inside[p % len(inside)] for p in picks})[: max(1, len(inside) // 5)]
            for at in reversed(chosen):
                if kind == "replace":
                    text = text[:at] + new[0] + text[at + 1 :]
                elif kind == "delete":
                    text = text[:at] + text[at + 1 :]
                else:
                    text = text[:at] + new + text[at:]
            edits.set_highlight_note(library, target.id, "내 메모")
            Review.from_settings(library).sync()
            card = library.conn.execute(
                "SELECT id FROM cards WHERE highlight_id = ?", (target.id,)
            ).fetchone()
            path.write_text(text, encoding="utf-8")
            importing.import_paths(library, [path])
            after = {h.id: h for h in queries.highlights_for(library, article_id)}
            assert target.id in after, (post.name, target.text)
            kept = after[target.id]
            assert kept.status == "active", (post.name, target.text, kept)
            assert kept.note == "내 메모"
            assert text[kept.start : kept.end]  # it covers the edited passage
            assert not [h for h in after.values() if h.status == "orphan"]
            Review.from_settings(library).sync()
            assert (
                library.conn.execute(
                    "SELECT id FROM cards WHERE highlight_id = ? AND state >= 0", (target.id,)
                ).fetchone()
                == card
            )


APP_PASSAGE = "상상력을 구현하는 데 도움이 되는 창의적인 AI를 만들겠다는"
REWRITTEN = "전혀 다른 이야기로 바뀐 문장"


@pytest.mark.parametrize(
    ("old", "new", "kept"),
    [
        ("도움이 되는", "도움을 주는", "상상력을 구현하는 데 도움을 주는 창의적인 AI를 만들겠다는"),
        ("창의적인 ", "", "상상력을 구현하는 데 도움이 되는 AI를 만들겠다는"),
        (
            "구현하는",
            "실제로 구현하는",
            "상상력을 실제로 구현하는 데 도움이 되는 창의적인 AI를 만들겠다는",
        ),
        ("", "", APP_PASSAGE),  # only the text above it changed: it moved
        (APP_PASSAGE, REWRITTEN, None),  # nothing close enough is left: an orphan
    ],
    ids=["words replaced", "a word removed", "a word added", "moved", "rewritten"],
)
def test_an_edited_app_highlight_moves_with_its_passage(
    tmp_path: Path, old: str, new: str, kept: str | None
) -> None:
    library, path = imported(SEED, tmp_path)
    with library:
        article_id = queries.articles(library)[0].id
        text = path.read_text(encoding="utf-8")
        start = text.index(APP_PASSAGE)
        made = edits.add_highlight(library, article_id, text, start, start + len(APP_PASSAGE))
        edits.set_highlight_note(library, made.id, "앱에서 단 메모")
        edited = (text.replace(old, new) if old else text).replace("[링크]", "[링크] 위에 더한 말")
        path.write_text(edited, encoding="utf-8")
        importing.import_paths(library, [path])
        after = {h.id: h for h in queries.highlights_for(library, article_id)}
        moved = after[made.id]
        if kept is None:
            assert (moved.status, moved.note) == ("orphan", "앱에서 단 메모")
            return
        assert (moved.status, moved.note, moved.text) == ("active", "앱에서 단 메모", kept)
        assert edited[moved.start : moved.end] == kept
