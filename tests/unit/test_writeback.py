"""Write-back into real posts copied to a temporary folder: nothing changes that was not
edited, the edits come back when the post is parsed again, and a post is never lost."""

from __future__ import annotations

import gc
import os
import re
import shutil
from pathlib import Path
from unittest import mock

import pytest

from reader_tui import writeback
from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.models import StoredHighlight
from reader_tui.post import check_highlight_range, parse
from reader_tui.post.notes import question_form
from reader_tui.writeback import WriteBackError, prepare, write_back
from tests.conftest import (
    SEED,
    MakeLibrary,
    corpus_dir,
    corpus_files,
    run_cli,
    write_lock_held,
)

needs_corpus = pytest.mark.skipif(corpus_dir() is None, reason="READER_TUI_CORPUS is not set")
PLAIN_RUN = re.compile(r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9 ]{5,30}[가-힣A-Za-z0-9]")


def plain_range(text: str, library: Library, article_id: int) -> tuple[int, int] | None:
    """Some plain words of the post that a new highlight may cover."""
    article = edits.edit_model(library, article_id, text)
    start, end = article.source.body_start, article.source.article_end
    for match in PLAIN_RUN.finditer(text, start, end):
        if check_highlight_range(text, article, match.start(), match.end()) is None:
            return match.start(), match.end()
    return None


@pytest.fixture
def seed(tmp_path: Path, make_library: MakeLibrary) -> tuple[Library, Path, int]:
    library = make_library(db="data/library.db")
    return library, tmp_path / "notes" / SEED.name, queries.articles(library)[0].id


def edit(library: Library, article_id: int, text: str) -> dict[str, object]:
    """Edits of every kind, made as the app makes them; what the post should then hold."""
    edits.set_notes(library, article_id, keywords=["AI", "산학협력"], summary="첫 줄\n둘째 줄")
    asked = edits.add_question(library, article_id, "누가 먼저였나?")
    edits.update_question(library, asked.id, answer="[네이버](https://e.com/a)", status="answered")
    expected: dict[str, object] = {
        "keywords": ("AI", "산학협력"),
        "summary": "첫 줄\n둘째 줄",
        # Each question with its answer, as the user writes them (`question ->answer`).
        "questions": tuple(
            question_form(q.text, q.answer) for q in queries.questions_for(library, article_id)
        ),
    }
    file_highlights = [h for h in queries.highlights_for(library, article_id) if h.origin == "file"]
    removed = file_highlights[0] if file_highlights else None
    if removed:
        edits.remove_highlight(library, removed.id)
    expected["removed"] = removed
    chosen = plain_range(text, library, article_id)
    if chosen:
        edits.add_highlight(library, article_id, text, *chosen, "red")
    expected["added"] = text[chosen[0] : chosen[1]] if chosen else None
    return expected


def check(path: Path, before: str, expected: dict[str, object]) -> None:
    after = parse(path.read_text(encoding="utf-8"), str(path))
    original = parse(before, str(path))
    assert after.keywords == expected["keywords"]
    assert after.summary == expected["summary"]
    assert tuple(question_form(q) for q in after.questions) == expected["questions"]
    texts = [h.text for h in after.highlights]
    old_texts = [h.text for h in original.highlights]
    removed, added = expected["removed"], expected["added"]
    want = list(old_texts)
    if removed is not None:
        assert isinstance(removed, StoredHighlight)
        want.remove(removed.text)
    if added is not None:
        assert isinstance(added, str)
        want.append(added)
        assert any(h.text == added and h.color == "red" for h in after.highlights)
    assert sorted(texts) == sorted(want)
    assert after.title == original.title
    assert after.front_matter == original.front_matter


def test_unchanged_article_is_not_rewritten(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    assert not prepare(library, article_id).changed
    assert queries.articles_with_changes(library) == []
    done, errors = write_back(library)
    assert (done, errors) == ([], [])
    assert path.read_bytes() == SEED.read_bytes()


def test_edits_come_back_in_the_users_own_convention(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    before = path.read_text(encoding="utf-8")
    expected = edit(library, article_id, before)
    assert queries.articles_with_changes(library) == [article_id]
    done, errors = write_back(library)
    assert errors == []
    assert [c.path for c in done] == [str(path)]
    check(path, before, expected)
    text = path.read_text(encoding="utf-8")
    assert "### 2. 키워드 : \\#AI \\#산학협력" in text
    assert f'<span style="color:red">{expected["added"]}</span>' in text
    # only the edited places changed: the lines outside them are byte for byte the same
    kept = [line for line in before.splitlines() if "키워드" not in line and "요약" not in line]
    changed = set(before.splitlines()) ^ set(text.splitlines())
    assert len(changed) < 12
    assert sum(line in text for line in kept) >= len(kept) - 4
    # the library now agrees with the post; the app's highlight kept its id
    assert queries.articles_with_changes(library) == []
    assert not prepare(library, article_id).changed
    backups = list((path.parent.parent / "data" / "backups").iterdir())
    assert [b.read_text(encoding="utf-8") for b in backups] == [before]


def test_a_post_changed_on_disk_is_never_overwritten(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="앱에서 쓴 요약")
    path.write_text(path.read_text(encoding="utf-8") + "\n밖에서 고침\n", encoding="utf-8")
    changed = path.read_bytes()
    with pytest.raises(WriteBackError, match="changed on disk since it was last imported"):
        prepare(library, article_id)
    assert gc.isenabled()
    done, errors = write_back(library)
    assert done == []
    assert len(errors) == 1
    assert str(path) in errors[0]
    assert path.read_bytes() == changed
    assert gc.isenabled()  # the collector, paused while writing, is back
    gc.disable()
    try:
        assert write_back(library)[0] == []
        assert not gc.isenabled()  # and left off where it was off
    finally:
        gc.enable()


def test_a_pending_conflict_blocks_the_write(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="앱 요약")
    path.write_text(
        path.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "파일 요약"), encoding="utf-8"
    )
    importing.import_paths(library, [path])
    with pytest.raises(WriteBackError, match="choose a version first"):
        prepare(library, article_id)


def test_a_crash_between_write_and_rename_leaves_the_old_post(
    seed: tuple[Library, Path, int],
) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="새 요약")
    with (
        mock.patch("reader_tui.writeback.os.replace", side_effect=OSError(28, "No space left")),
        pytest.raises(WriteBackError, match="No space left"),
    ):
        writeback.apply(library, prepare(library, article_id))
    assert path.read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == [SEED.name]  # no temporary left
    assert queries.article(library, article_id).summary == "새 요약"  # nothing lost in the library


def test_atomic_write_keeps_the_files_permissions(tmp_path: Path) -> None:
    target = tmp_path / "post.md"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    writeback.atomic_write(target, "새 내용\r\n")
    assert target.read_bytes() == "새 내용\r\n".encode()
    assert target.stat().st_mode & 0o777 == 0o600


def test_write_back_cli_dry_run_prints_the_diff_and_writes_nothing(
    seed: tuple[Library, Path, int],
) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="CLI로 쓴 요약")
    db = library.path
    library.close()
    command = ["write-back", "--db", db]
    result = run_cli(*command, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "-### 3. 요약 : 국내 AI 그룹 소개" in result.stdout
    assert "+### 3. 요약 : CLI로 쓴 요약" in result.stdout
    assert path.read_bytes() == SEED.read_bytes()
    result = run_cli(*command)
    assert result.returncode == 0, result.stderr
    assert "wrote 1 post" in result.stdout
    assert "### 3. 요약 : CLI로 쓴 요약" in path.read_text(encoding="utf-8")


@needs_corpus
def test_write_back_over_the_whole_corpus(tmp_path: Path) -> None:
    root = corpus_dir()
    assert root is not None
    notes = tmp_path / "corpus"
    shutil.copytree(root, notes)
    for copy in notes.rglob("*"):  # the shared corpus is read-only; a user's posts are not
        copy.chmod(copy.stat().st_mode | 0o200)
    (notes / "README.md").unlink()
    originals = {p: p.read_bytes() for p in notes.rglob("*") if p.is_file()}
    with Library(tmp_path / "library.db") as library:
        report = importing.import_paths(library, [notes])
        assert report.added == len(corpus_files())
        # unchanged: not one byte
        done, errors = write_back(library, [e.id for e in queries.articles(library)])
        assert (done, errors) == ([], [])
        assert all(p.read_bytes() == data for p, data in originals.items())
        # edited: every edit is there when the post is parsed again
        expectations = {}
        for entry in queries.articles(library):
            path = Path(entry.path)
            text = path.read_text(encoding="utf-8")
            expectations[path] = (text, edit(library, entry.id, text))
        # A post whose notes are in another blog's form is not rewritten, and says so;
        # converting it adds a block in the user's form.
        foreign = {
            path: entry.id
            for entry in queries.articles(library)
            if parse((path := Path(entry.path)).read_text(encoding="utf-8")).foreign_notes
        }
        done, errors = write_back(library)
        assert len(errors) == len(foreign)
        assert all("in its own form" in error for error in errors)
        assert all(path.read_bytes() == originals[path] for path in foreign)
        converted, errors = write_back(library, list(foreign.values()), convert_notes=True)
        assert errors == []
        assert len(done) + len(converted) == len(expectations)
        for path, (before, expected) in expectations.items():
            check(path, before, expected)
        assert queries.articles_with_changes(library) == []
        # What the library holds of each post written is what reading it afresh gives.
        with Library(tmp_path / "afresh.db") as afresh:
            importing.import_paths(afresh, [notes])
            for entry in queries.articles(library):
                assert held(library, entry.path) == held(afresh, entry.path), entry.path
        # Read back, each answer is the one given (the app's and the user's own).
        for entry in queries.articles(library):
            questions = queries.questions_for(library, entry.id)
            assert questions[-1].text == "누가 먼저였나?"
            assert (questions[-1].answer, questions[-1].status) == (
                "[네이버](https://e.com/a)",
                "answered",
            )


def held(library: Library, path: str) -> tuple[object, ...]:
    """What the library holds of a post's content: its highlights where they are, and its
    notes."""
    article_id = queries.article_id_for(library, Path(path))
    assert article_id is not None
    stored = queries.article(library, article_id)
    return (
        [
            (h.start, h.end, h.color, h.text)
            for h in queries.highlights_for(library, article_id)
            if h.status == "active"
        ],
        stored.keywords,
        stored.summary,
        [(q.text, q.answer) for q in stored.questions],
    )


def test_a_crlf_post_is_written_back_keeping_its_newlines(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    crlf = SEED.read_bytes().replace(b"\n", b"\r\n")
    (tmp_path / "notes").mkdir()
    path = tmp_path / "notes" / SEED.name
    path.write_bytes(crlf)
    library = make_library(seed=False)
    article_id = queries.articles(library)[0].id
    edits.set_notes(library, article_id, summary="윈도에서 쓴 글")
    done, errors = write_back(library)
    assert errors == []
    assert len(done) == 1
    written = path.read_bytes()
    assert written == crlf.replace("국내 AI 그룹 소개".encode(), "윈도에서 쓴 글".encode())
    assert queries.articles_with_changes(library) == []


def test_a_read_only_post_is_refused_with_a_clear_line(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="못 쓰는 요약")
    path.chmod(0o444)
    try:
        with pytest.raises(WriteBackError, match="is read-only"):
            prepare(library, article_id)
    finally:
        path.chmod(0o644)
    assert path.read_bytes() == SEED.read_bytes()


def test_a_symlinked_post_is_written_through_to_its_target(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    real = tmp_path / "elsewhere" / SEED.name
    real.parent.mkdir()
    real.write_bytes(SEED.read_bytes())
    (tmp_path / "notes").mkdir()
    link = tmp_path / "notes" / "link.md"
    link.symlink_to(real)
    library = make_library(seed=False)
    importing.import_paths(library, [link])  # named directly: its target is the article
    (entry,) = queries.articles(library)
    assert entry.path == str(real)
    edits.set_notes(library, entry.id, summary="링크 너머")
    assert write_back(library)[1] == []
    assert link.is_symlink()
    assert "### 3. 요약 : 링크 너머" in real.read_text(encoding="utf-8")


def test_backups_have_unique_names_and_are_pruned(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    settings.save(library, backups_per_post=3)
    for n in range(5):  # five write-backs within a second
        edits.set_notes(library, article_id, summary=f"요약 {n}")
        assert write_back(library)[1] == []
    kept = writeback.backups_of(library, str(path))
    assert len(kept) == 3
    summaries = [parse(b.read_text(encoding="utf-8")).summary for b in kept]
    assert summaries == ["요약 1", "요약 2", "요약 3"]  # each the version a write replaced


def test_backups_of_two_posts_of_one_name_never_share_a_file(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    library = make_library(seed=False)
    paths = []
    for folder in ("a", "b"):
        target = tmp_path / folder / SEED.name
        target.parent.mkdir()
        target.write_bytes(SEED.read_bytes())
        paths.append(target)
    importing.import_paths(library, paths)
    for entry in queries.articles(library):
        edits.set_notes(library, entry.id, summary=f"요약 {entry.id}")
    assert write_back(library)[1] == []
    assert [len(writeback.backups_of(library, str(p))) for p in paths] == [1, 1]


def test_a_backup_is_listed_and_restored_from_the_cli(seed: tuple[Library, Path, int]) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="나중 요약")
    assert write_back(library)[1] == []
    listed = run_cli("backups", str(path), "--db", library.path)
    assert listed.returncode == 0
    assert listed.stdout.startswith("1  ")
    restored = run_cli("backups", str(path), "--restore", "1", "--db", library.path)
    assert restored.returncode == 0, restored.stderr
    assert path.read_bytes() == SEED.read_bytes()
    assert queries.article(library, article_id).summary == "국내 AI 그룹 소개"
    assert len(writeback.backups_of(library, str(path))) == 2  # the restore kept one too


def test_mixed_newlines_stay_as_they_are(make_library: MakeLibrary, tmp_path: Path) -> None:
    lines = SEED.read_bytes().split(b"\n")
    mixed = b"".join(line + (b"\r\n" if n % 3 == 0 else b"\n") for n, line in enumerate(lines))
    (tmp_path / "notes").mkdir()
    path = tmp_path / "notes" / SEED.name
    path.write_bytes(mixed)
    library = make_library(seed=False)
    article_id = queries.articles(library)[0].id
    edits.set_notes(library, article_id, summary="섞인 줄바꿈")
    assert write_back(library)[1] == []
    written = path.read_bytes()
    before, _, after = mixed.partition("국내 AI 그룹 소개".encode())
    assert written.startswith(before)
    assert written.endswith(after)


def test_one_backup_a_reading_session_however_often_it_writes(
    seed: tuple[Library, Path, int],
) -> None:
    from reader_tui.session import ReadingSession

    library, path, article_id = seed
    session = ReadingSession(library, article_id)
    session.load()
    loaded = {"keywords": ["AI"], "summary": "국내 AI 그룹 소개"}
    for n in range(3):  # automatic write-back after three saves
        loaded = session.save_notes(loaded, None, f"요약 {n}")
        change, _ = session.write_back()
        assert change.changed
    (backup,) = writeback.backups_of(library, str(path))
    assert backup.read_bytes() == SEED.read_bytes()  # the post as the session found it


def test_a_session_saving_notes_keeps_its_highlights_without_reading_them_again(
    seed: tuple[Library, Path, int],
) -> None:
    from reader_tui.session import ReadingSession

    library, _path, article_id = seed
    session = ReadingSession(library, article_id)
    session.load(first_highlights=2)  # as the reading screen opens a post
    assert session.article is not None
    assert len(session.article.highlights) == 2
    every = session.all_highlights()
    assert len(every) == 6
    with mock.patch.object(queries, "highlights_for", wraps=queries.highlights_for) as read:
        loaded = session.save_notes(
            {"keywords": ["AI"], "summary": "국내 AI 그룹 소개"}, None, "새"
        )
    assert [call.kwargs.get("first") for call in read.call_args_list] == [0]
    assert session.article.summary == "새" == loaded["summary"]
    assert list(session.article.highlights) == every


def test_a_posts_own_answers_are_read_as_answers_and_written_as_they_were(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    (tmp_path / "notes").mkdir()
    path = tmp_path / "notes" / SEED.name
    asked = "3년전에도 매각이슈 있었는데, 왜안팔렸을까?"
    answer = "[점주들의반발](https://biz.chosun.com/a/)"
    original = SEED.read_text(encoding="utf-8").replace(
        "### 4. 궁금한 점 : -", f"### 4. 궁금한 점 : {asked}  ->{answer}"
    )
    path.write_text(original, encoding="utf-8")
    library = make_library(seed=False)
    article_id = queries.articles(library)[0].id
    (question,) = queries.questions_for(library, article_id)
    assert (question.text, question.answer, question.status) == (asked, answer, "answered")
    edits.set_notes(library, article_id, summary="요약만 고침")
    assert write_back(library)[1] == []
    written = path.read_text(encoding="utf-8")
    assert written == original.replace("국내 AI 그룹 소개", "요약만 고침")  # spacing kept


def test_answers_stay_in_the_app_when_the_user_says_so(
    seed: tuple[Library, Path, int],
) -> None:
    library, path, article_id = seed
    settings.save(library, write_answers=False)
    asked = edits.add_question(library, article_id, "누가 먼저였나?")
    edits.update_question(library, asked.id, answer="네이버", status="answered")
    assert write_back(library)[1] == []
    written = path.read_text(encoding="utf-8")
    assert "### 4. 궁금한 점 : 누가 먼저였나?\n" in written + "\n"
    assert "네이버 ->" not in written
    assert "->네이버" not in written
    assert queries.questions_for(library, article_id)[0].answer == "네이버"  # still here
    assert queries.article(library, article_id).conflicts == ()
    assert queries.articles_with_changes(library) == []


def test_a_write_back_whose_library_is_busy_says_the_post_is_written(
    seed: tuple[Library, Path, int],
) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="바쁠 때 쓴 요약")
    with write_lock_held(library):
        done, errors = write_back(library)
    # The post is written; the library could not read it back yet, and says so.
    assert "### 3. 요약 : 바쁠 때 쓴 요약" in path.read_text(encoding="utf-8")
    (error,) = errors
    assert error.startswith(f"{path}: written back, but ")
    assert "busy" in error
    assert "try again" not in error  # the write is done: a second one is not the way
    assert error.endswith(f"reader-tui import {path} reads it now")
    assert [c.path for c in done] == [str(path)]
    importing.import_paths(library, [path])  # as the next refresh does
    assert queries.articles_with_changes(library) == []
    assert queries.article(library, article_id).summary == "바쁠 때 쓴 요약"


def test_a_restore_on_a_busy_library_says_the_post_is_restored_in_one_line(
    seed: tuple[Library, Path, int],
) -> None:
    library, path, article_id = seed
    edits.set_notes(library, article_id, summary="나중 요약")
    assert write_back(library)[1] == []
    with write_lock_held(library.path):  # (the command's own library waits, then gives up)
        restored = run_cli("backups", str(path), "--restore", "1", "--db", library.path)
    assert restored.returncode == 1
    (line,) = restored.stderr.splitlines()
    assert line.startswith(f"reader-tui: {path}: restored, but ")
    assert "busy" in line
    assert path.read_bytes() == SEED.read_bytes()  # the post is back as it was
    importing.import_paths(library, [path])
    assert queries.article(library, article_id).summary == "국내 AI 그룹 소개"
