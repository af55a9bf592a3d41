"""What an import does to one file before the library sees it: read, hash, decode, parse,
pack the body and, for a new post, cut it into the index's grams. No database here, so a
big import runs it in worker processes on every core (`read_all`) while the one writer
stores what they give back, batch by batch; a small one runs it in its own process.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from collections import deque
from concurrent.futures import BrokenExecutor, CancelledError
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from reader_tui.library import index
from reader_tui.library.records import (
    HighlightRow,
    as_json,
    file_notes,
    highlight_rows,
    pack,
    post_columns,
)
from reader_tui.library.walk import folder_categories
from reader_tui.models import NOT_A_POST, PickledByFields

if TYPE_CHECKING:
    from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
    from concurrent.futures import Future, ProcessPoolExecutor

    from reader_tui.library.index import Cut
    from reader_tui.models import Article

FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n")
"""What makes a file in a folder a post, as for Jekyll: YAML front matter on its first line."""
PARALLEL_FROM = 300
"""Files to read before worker processes pay for their start (about 0.3 s each)."""
AHEAD = 400  # files read ahead of the writer, at most (what waits is held in memory)
CHUNK = 16
"""Files a worker reads per task: a task costs a round trip between processes (for
10,000 files one at a time, 1.5 s of this process's time and 0.8 s of the workers')."""
TRIPS = (ValueError, RecursionError)
"""What reading a post no check foresaw may raise: it is refused with its reason when
imported, the rest go on."""


@dataclass(frozen=True, slots=True)
class Asked(PickledByFields):
    """One file to read, and what the library knew of it when the import began."""

    path: str
    size: int
    known_hash: str | None  # the stored content's hash; None: a new file
    named: bool  # given by name: read even without front matter
    max_bytes: int
    names: Mapping[str, Iterable[str]]
    answers: bool = True  # whether answers are written into posts (`settings`)
    # A text and its parse the caller has already (write-back: the post it just wrote),
    # taken instead of parsing the file when the file holds that text.
    parsed: tuple[str, Article] | None = None


@dataclass(frozen=True, slots=True)
class NewRows(PickledByFields):
    """A new post as the library stores it, made where it was read: an import's writer
    only writes these rows. (Plain values: making the workers' `Article`s again, and
    rows of them, took a fifth of the writer's time.)"""

    columns: dict[str, Any]  # the articles row, but for the file's (`sync.file_columns`)
    highlights: list[HighlightRow]
    keywords: tuple[str, ...]
    questions: list[tuple[str, str]]  # (text, answer)
    extras: list[tuple[str, str]]  # (title, text)
    index: Cut  # its documents cut into grams; a question's ref_id given when stored


@dataclass(frozen=True, slots=True)
class Read(PickledByFields):
    """What reading one file gave: for a new post, its rows (`new`); for a changed one,
    its text and article."""

    asked: Asked
    outcome: Literal["parsed", "same", "refused", "skipped"]
    digest: str = ""
    text: str = ""
    article: Article | None = None
    reason: str = ""  # why it was refused or skipped
    packed: bytes = b""  # the body, as stored
    new: NewRows | None = None


def read_file(path: str) -> bytes:
    """A file's bytes, read whole at once (unbuffered: half the time of
    `Path.read_bytes` for a post)."""
    with open(path, "rb", buffering=0) as file:
        return file.readall()


def read_post(asked: Asked) -> Read:
    """Read one file: refused (too big, unreadable, not UTF-8, not parsed: `reason` says
    why and what to do), skipped (not a post), the same as stored, or parsed."""
    if asked.size > asked.max_bytes:
        limit = asked.max_bytes // 1024 // 1024
        reason = (
            f"{asked.size / 1024 / 1024:.1f} MB, more than the {limit} MB "
            "reader-tui reads (reader-tui config max-post-mb N raises it)"
        )
        return Read(asked, "refused", reason=reason)
    try:
        data = read_file(asked.path)
    except OSError as error:
        return Read(asked, "refused", reason=f"cannot be read ({error.strerror or error})")
    digest = hashlib.sha256(data).hexdigest()
    if digest == asked.known_hash:
        return Read(asked, "same", digest)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text (byte {error.start}); save it as UTF-8"
        return Read(asked, "refused", digest, reason=reason)
    if asked.known_hash is None and not asked.named and not FRONT_MATTER.match(text):
        return Read(asked, "skipped", digest, reason=NOT_A_POST)
    if asked.parsed is not None and asked.parsed[0] == text:
        article = asked.parsed[1]
    else:
        from reader_tui.post import ParseError, parse  # (YAML: only when a post is read)

        try:
            article = parse(text, asked.path, asked.names)
        except ParseError as error:
            return Read(asked, "refused", digest, reason=str(error))
    from_folders = folder_categories(asked.path)
    if from_folders:  # as Jekyll: the folders' categories, then the front matter's
        merged = tuple(dict.fromkeys([*from_folders, *article.categories]))
        article = replace(article, categories=merged)
    body = text[article.source.body_start : article.source.article_end].strip("\n")
    if asked.known_hash is None:
        return Read(asked, "parsed", digest, new=new_rows(text, article, digest, body, asked))
    # A changed post is merged with what the app made: its index documents are compared
    # with what the index has first, and cut only if their text changed (index.reindexing).
    return Read(asked, "parsed", digest, text, article, packed=pack(body))


def new_rows(text: str, article: Article, digest: str, body: str, asked: Asked) -> NewRows:
    """The rows of a post the library does not have yet (`body`: its article's text)."""
    from reader_tui.post.notes import split_answer

    columns = post_columns(digest, article, text, pack(body))
    columns["summary"] = article.summary
    notes = file_notes(article, asked.answers)
    columns["notes_base"] = as_json(notes)
    questions = [split_answer(form) for form in article.questions]
    extras = [(extra.title, extra.text) for extra in article.extra_sections]
    docs = index.documents(
        article.title,
        article.subtitle,
        "",
        article.summary,
        article.keywords,
        [said for _, said in extras],
        [(None, question, answer) for question, answer in questions],
    )
    return NewRows(
        columns,
        highlight_rows(text, article.highlights),
        article.keywords,
        questions,
        extras,
        index.cut(docs, index.body_grams(body).encode()),
    )


def read_all(
    asked: Sequence[Asked], workers: int | None = None
) -> Generator[Read | Exception, None, None]:
    """Each file's reading, in order, or what reading it tripped over (`TRIPS`: raised when
    the post is imported, in its batch). Read in worker processes on every core, `CHUNK`
    files a task; in this one for a small import, on one core, with `workers` 1, or where
    worker processes could not start or died."""
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count < 2 or (workers is None and len(asked) < PARALLEL_FROM):
        yield from map(read_here, asked)
        return
    # Imported here: a big import needs them, the app's start does not.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    try:
        # spawn: the app's threads are not copied into the workers, as fork would.
        context = multiprocessing.get_context("spawn")
        with _no_stderr_descriptor():
            pool = ProcessPoolExecutor(count, mp_context=context, initializer=_quiet)
    except Exception:  # no workers here (no semaphores, say): read every file in this one
        yield from map(read_here, asked)
        return
    given = 0  # files whose reading was given out
    waiting: deque[tuple[Future[list[Read | Exception]], Sequence[Asked]]] = deque()
    try:
        for first in range(0, len(asked), CHUNK):
            part = asked[first : first + CHUNK]
            try:
                waiting.append((_submit(pool, part), part))
            except Exception:  # the workers could not start: the rest are read here
                break
            if len(waiting) * CHUNK >= AHEAD:
                given += len(waiting[0][1])
                # (What a worker raised that no check foresaw is raised here, as it
                # would be reading in this process: never a file's reading skipped.)
                yield from _results(*waiting.popleft())
        while waiting:
            given += len(waiting[0][1])
            yield from _results(*waiting.popleft())
        yield from map(read_here, asked[given:])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def read_here(asked: Asked) -> Read | Exception:
    """One file read in this process, or what reading it tripped over."""
    try:
        return read_post(asked)
    except TRIPS as error:
        return error


def read_each(part: Sequence[Asked]) -> list[Read | Exception]:
    """A worker's task: each of `part` read, or what reading it tripped over (one post
    that trips does not cost the others their reading)."""
    return [read_here(one) for one in part]


def _results(task: Future[list[Read | Exception]], part: Sequence[Asked]) -> list[Read | Exception]:
    """A task's readings; read in this process if its worker died."""
    try:
        return task.result()
    except (BrokenExecutor, CancelledError):
        return [read_here(one) for one in part]


def _submit(pool: ProcessPoolExecutor, part: Sequence[Asked]) -> Future[list[Read | Exception]]:
    with _no_stderr_descriptor():  # the first ones start the workers
        return pool.submit(read_each, part)


@contextmanager
def _no_stderr_descriptor() -> Iterator[None]:
    """Starting worker processes (and Python's resource tracker, with the pool's first
    lock) gives them this process's stderr; in the app it has no descriptor (Textual
    captures it, and says -1, which fails the start), so they are given none then."""
    stderr = sys.stderr
    try:
        bad = stderr.fileno() < 0
    except (OSError, ValueError):
        bad = False
    if bad:
        sys.stderr = _NoDescriptor(stderr)
    try:
        yield
    finally:
        sys.stderr = stderr


class _NoDescriptor:
    """A stream as it is, but with no file descriptor to give a child process."""

    def __init__(self, stream: object) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)

    def fileno(self) -> int:
        raise OSError("no file descriptor")


def _quiet() -> None:
    """A worker writes nothing to the terminal (it may be the app's screen)."""
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.close(null)
