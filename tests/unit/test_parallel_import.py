"""A big import reads and parses in worker processes on every core; the library it makes
is the one a single process makes, row for row, and a worker that dies costs nothing."""

from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from reader_tui.library import Library, importing, queries, reading, search
from tests.conftest import corpus_dir, corpus_files

# What an import writes, without the columns that say when it was written.
TABLES = {
    "articles": "path, content_hash, size, title, subtitle, date, categories, tags, "
    "front_matter, source_url, body_zlib, status, warnings, summary, notes_base",
    "highlights": "article_id, start, end, text, color, status, note",
    "keywords": "article_id, position, keyword",
    "questions": "article_id, position, text, answer",
    "search_docs": "article_id, kind, ref_id",
}


def contents(library: Library) -> dict[str, list[tuple[Any, ...]]]:
    return {
        table: library.conn.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2, 3").fetchall()
        for table, columns in TABLES.items()
    }


def folder_of_posts(tmp_path: Path) -> Path:
    """The corpus, and a few files each import must refuse or skip."""
    folder = tmp_path / "posts"
    root = corpus_dir()
    assert root is not None
    shutil.copytree(root, folder)
    (folder / "2022-01-01-latin1.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    (folder / "2022-01-02-broken.md").write_text("---\ntitle: [unclosed\n---\n본문\n")
    (folder / "notes.md").write_text("front matter 없음\n")
    return folder


@pytest.mark.skipif(not corpus_files(), reason="needs the corpus (READER_TUI_CORPUS)")
def test_workers_make_the_library_one_process_makes(tmp_path: Path) -> None:
    folder = folder_of_posts(tmp_path)
    with Library(tmp_path / "one.db") as one, Library(tmp_path / "two.db") as two:
        alone = importing.import_paths(one, [folder], workers=1)
        shared = importing.import_paths(two, [folder], workers=2)
        assert alone.added > 100
        assert (shared.added, shared.rejected, shared.skipped) == (
            alone.added,
            alone.rejected,
            alone.skipped,
        )
        assert {reason[:12] for _path, reason in shared.rejected} >= {"not UTF-8 te"}
        assert contents(two) == contents(one)
        for query in ("네이버", "AI", "카카오 브레인"):
            found = search.search(two, query)
            assert found.total == search.search(one, query).total
            assert found.total > 0
        # Changed files are read by the workers too.
        for post in sorted(folder.rglob("*.markdown"))[:5]:
            post.write_text(post.read_text(encoding="utf-8") + "\n덧붙인 문단\n", encoding="utf-8")
        assert importing.import_paths(one, [folder], workers=1).updated == 5
        assert importing.import_paths(two, [folder], workers=2).updated == 5
        assert contents(two) == contents(one)


def test_a_dead_worker_costs_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    for n in range(12):
        (folder / f"2022-01-{n + 1:02d}-p.md").write_text(
            f'---\ntitle: 글 {n}\n---\n\n<span style="color:blue">밑줄 {n}</span>\n',
            encoding="utf-8",
        )
    monkeypatch.setattr(reading, "AHEAD", 4)
    monkeypatch.setenv("DIED_HERE", str(tmp_path / "died"))
    with Library(tmp_path / "library.db") as library:
        # Worker processes that die at once: the import reads every file itself.
        monkeypatch.setattr(reading, "read_each", _dies)
        report = importing.import_paths(library, [folder], workers=2)
        assert (report.added, report.rejected) == (12, ())
        assert search.search(library, "밑줄").total == 12
    assert (tmp_path / "died").exists()  # a worker did start, and died


def _dies(part: list[reading.Asked]) -> list[reading.Read]:
    Path(os.environ["DIED_HERE"]).touch()
    os._exit(1)


def _not_here(asked: reading.Asked) -> reading.Read:
    raise AssertionError(f"{asked.path} read in the importing process")


class _Captured:
    """stderr as Textual captures it in the app: written to, with no descriptor (-1)."""

    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, text: str) -> int:
        self.written.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return -1


def small_posts(folder: Path, count: int) -> tuple[list[Path], list[reading.Asked]]:
    """`count` small posts written in `folder` (`글 0`, `글 1`...), and each asked for."""
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(count):
        path = folder / f"2022-01-{n + 1:02d}-p.md"
        path.write_text(f"---\ntitle: 글 {n}\n---\n\n본문 {n}\n", encoding="utf-8")
        paths.append(path)
    asked = [reading.Asked(str(p), p.stat().st_size, None, False, 1 << 20, {}) for p in paths]
    return paths, asked


def test_workers_start_in_the_app_whose_stderr_has_no_descriptor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _paths, asked = small_posts(tmp_path / "posts", 6)
    captured = _Captured()
    monkeypatch.setattr("sys.stderr", captured)
    monkeypatch.setattr(reading, "read_here", _not_here)  # read by a worker, not in this process
    reads = list(reading.read_all(asked, workers=2))
    assert [r.new.columns["title"] for r in reads if isinstance(r, reading.Read) and r.new] == [
        f"글 {n}" for n in range(6)
    ]
    import sys

    assert sys.stderr is captured  # given back as it was


def test_a_post_that_trips_costs_the_others_in_its_task_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths, asked = small_posts(tmp_path, 3)
    real = reading.read_post

    def trips_on_the_second(one: reading.Asked) -> reading.Read:
        if one.path == str(paths[1]):
            raise RecursionError("nested too deeply")
        return real(one)

    monkeypatch.setattr(reading, "read_post", trips_on_the_second)
    first, second, third = reading.read_each(asked)
    assert isinstance(second, RecursionError)
    assert isinstance(first, reading.Read)
    assert isinstance(third, reading.Read)
    assert (first.new and first.new.columns["title"], third.new and third.new.columns["title"]) == (
        "글 0",
        "글 2",
    )


NOTED_POST = (
    "---\ntitle: 글\nsubtitle: '220315Tue AIgroup'\ntags: [AI]\n---\n\n"
    '<span style="color:blue">밑줄</span><!-- note: 메모 --> 본문\n\n* * *\n\n'
    "### 2. 키워드 : \\#AI\n\n### 3. 요약 : 요약\n\n### 4. 궁금한 점 : 왜? ->답\n"
)


def test_a_new_posts_rows_come_back_from_a_worker_whole(tmp_path: Path) -> None:
    """A new post comes back as the rows the library stores: the writer makes nothing
    of its own but ids and times."""
    path = tmp_path / "2022-03-15-post.md"
    path.write_text(NOTED_POST, encoding="utf-8")
    asked = reading.Asked(str(path), path.stat().st_size, None, False, 1 << 20, {})
    read = pickle.loads(pickle.dumps(reading.read_post(asked)))
    assert read.article is None
    assert read.text == ""
    new = read.new
    assert new is not None
    assert (new.columns["title"], new.columns["subtitle"], new.columns["summary"]) == (
        "글",
        "220315Tue AIgroup",
        "요약",
    )
    ((color, text, start, end, quote, prefix, suffix, note),) = new.highlights
    assert (color, text, NOTED_POST[start:end], quote, note) == (
        "blue",
        "밑줄",
        "밑줄",
        None,
        "메모",
    )
    assert prefix.endswith('<span style="color:blue">')
    assert suffix.startswith("</span>")
    assert (new.keywords, new.questions) == (("AI",), [("왜?", "답")])
    kinds = [kind for kind, _, _ in new.index]
    assert kinds == ["title", "body", "note", "question"]
    body = next(row for kind, _, row in new.index if kind == "body")
    assert isinstance(body[0], bytes)
    assert "본문" in body[0].decode()


def test_a_reading_comes_back_from_a_worker_whole(tmp_path: Path) -> None:
    """What a worker sends back of a changed post is pickled field by field: every
    field, the ones left out of comparisons (tag positions, notes, the source map) too."""
    path = tmp_path / "2022-03-15-post.md"
    path.write_text(NOTED_POST, encoding="utf-8")
    asked = reading.Asked(str(path), path.stat().st_size, "0" * 64, False, 1 << 20, {"x": ("y",)})
    read = reading.read_post(asked)
    back = pickle.loads(pickle.dumps(read))
    assert back == read
    assert back.article is not None
    assert read.article is not None
    assert back.article.source == read.article.source
    assert back.article.source.sections
    assert back.article.questions == ("왜? ->답",)
    (mark,) = back.article.highlights
    assert (mark.tag_start, mark.tag_end, mark.note, mark.note_end) == (
        read.article.highlights[0].tag_start,
        read.article.highlights[0].tag_end,
        "메모",
        read.article.highlights[0].note_end,
    )
    assert mark.tag_start >= 0
    assert mark.note_end > mark.tag_end


def test_what_a_worker_did_not_foresee_stops_the_import_as_it_would_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error no check foresaw (not a post's own trip) is raised by the import, as it
    is reading in one process; no file's reading is skipped and no post stored with
    another's."""
    small_posts(tmp_path / "posts", 40)
    monkeypatch.setattr(reading, "read_each", _unforeseen)
    monkeypatch.setattr(reading, "AHEAD", 16)
    with Library(tmp_path / "library.db") as library:
        with pytest.raises(KeyError, match="unforeseen"):
            importing.import_paths(library, [tmp_path / "posts"], workers=2)
        assert queries.articles(library) == []


def _unforeseen(part: list[reading.Asked]) -> list[reading.Read]:
    raise KeyError("unforeseen")


def test_an_import_asked_to_stop_ends_after_the_batch_it_is_in(tmp_path: Path) -> None:
    """What the app does when it quits during a big import: the batches saved are whole,
    the worker processes end, and the next import reads the rest."""
    small_posts(tmp_path / "posts", importing.BATCH * 2 + 10)
    asked: list[int] = []

    def stop() -> bool:  # asked before each batch: yes from the second on
        asked.append(1)
        return len(asked) > 1

    with Library(tmp_path / "library.db") as library:
        report = importing.import_paths(library, [tmp_path / "posts"], workers=2, stop=stop)
        assert (report.added, len(asked)) == (importing.BATCH, 2)
        assert len(queries.articles(library)) == importing.BATCH
        assert library.check() is None
        rest = importing.import_paths(library, [tmp_path / "posts"])
        assert (rest.added, rest.unchanged) == (importing.BATCH + 10, importing.BATCH)


def test_a_big_import_keeps_statement_journals_in_memory_and_only_while_it_runs(
    tmp_path: Path,
) -> None:
    """The search index's writes went through some 70 MB of temporary files a thousand
    posts; a big import keeps them in memory, and gives the setting back after, as a
    small one never changes it."""
    small_posts(tmp_path / "posts", importing.BATCH + 5)
    during: list[int] = []

    def progress(done: int, total: int) -> None:
        during.append(library.conn.execute("PRAGMA temp_store").fetchone()[0])

    with Library(tmp_path / "library.db") as library:
        importing.import_paths(library, [tmp_path / "posts"], progress, workers=1)
        assert set(during) == {2}  # MEMORY, for every post
        assert library.conn.execute("PRAGMA temp_store").fetchone()[0] == 0  # DEFAULT
        during.clear()
        small_posts(tmp_path / "more", 3)
        importing.import_paths(library, [tmp_path / "more"], progress, workers=1)
        assert set(during) == {0}
        assert len(queries.articles(library)) == importing.BATCH + 8
        assert library.check() is None
