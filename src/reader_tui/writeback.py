"""Write the library's notes and highlights back into the user's posts (no Textual here).

Only through the parser's writer, so a post keeps its own convention (`### 2. 키워드 :
\\#AI`, `<span style="color:blue">`) and every byte the edit does not touch. Safe: a post
that changed on disk since its last import is never written; the file is replaced
atomically (a temporary file beside it, fsync, rename); the previous version is kept in
the data folder. Highlight notes have no place in the post's convention: they stay in
the library (and in the exports).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import gc
import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.library import Library, LibraryError, edits, importing, queries, settings
from reader_tui.post import EditError, ParseError, parse, with_notes
from reader_tui.post.conventions import names_from
from reader_tui.post.notes import question_form, split_answer
from reader_tui.post.reader import reparse
from reader_tui.post.writer import edit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from reader_tui.models import Article, StoredArticle
    from reader_tui.post.splices import Splice


class WriteBackError(Exception):
    """Nothing was written; the message names the post and what to do."""


class ChangedOnDiskError(WriteBackError):
    """The post changed on disk since the library last read it."""


class WrittenNotReadError(WriteBackError):
    """The post is written; the library could not read it back yet (a busy library)."""

    def __init__(self, path: str, why: str) -> None:
        self.path, self.why = path, why
        super().__init__(self.told("written back"))

    def told(self, done: str) -> str:
        """What happened, as one line: the post `done` (written back, restored), and why
        the library has not read it yet."""
        return (
            f"{self.path}: {done}, but {self.why}. The library reads the post at its next "
            f"refresh; reader-tui import {self.path} reads it now"
        )


class PendingConflictError(WriteBackError):
    """A notes section changed both in the post and in the app; the user must choose."""


@dataclass(frozen=True, slots=True)
class WriteBack:
    """One post before and after its write-back."""

    article_id: int
    path: str
    before: str
    after: str
    made: Made | None = field(default=None, compare=False, repr=False)

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def parsed(self) -> tuple[str, Article] | None:
        """`after` and its parse, when `prepare` made it (from the parse of `before` it
        has: the runs of lines the edit left alone are not read again)."""
        if self.made is None:
            return None
        made = self.made
        return self.after, reparse(self.after, self.before, made.original, made.splices, made.names)

    def diff(self) -> str:
        """The change as a unified diff (what `--dry-run` prints)."""
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=f"{self.path} (now)",
                tofile=f"{self.path} (written back)",
            )
        )


@dataclass(frozen=True, slots=True)
class Made:
    """How `prepare` made a post's text after: the parse of the text before (with the
    user's notes headings, `names`) and the splices the edit made in it."""

    original: Article
    splices: list[Splice]
    names: Mapping[str, Iterable[str]]


def writable(path: Path) -> bool:
    """Whether the user may write the post: its write bit, not only what root may do."""
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def prepare(library: Library, article_id: int, convert_notes: bool = False) -> WriteBack:
    """The post as it would be written back; raises `WriteBackError` when it must not be.
    `convert_notes`: notes in another blog's form get a block in the user's form."""
    try:
        article = queries.article(library, article_id)
    except LibraryError as error:
        raise WriteBackError(str(error)) from None
    path = article.path
    if article.missing:
        raise WriteBackError(f"{path}: missing; nothing to write back into")
    if Path(path).exists() and not writable(Path(path)):
        raise WriteBackError(
            f"{path}: is read-only; nothing written. Make it writable to write back into it"
        )
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise WriteBackError(f"{path}: cannot be read ({error.strerror or error})") from None
    if hashlib.sha256(data).hexdigest() != queries.content_hash(library, article_id):
        raise ChangedOnDiskError(
            f"{path}: changed on disk since it was last imported; nothing written. "
            "Open it in the app (or run reader-tui import) to see both versions"
        )
    if article.conflicts:
        sections = ", ".join(c.section for c in article.conflicts)
        raise PendingConflictError(
            f"{path}: the {sections} changed both in the post and in the app; "
            "choose a version first (C on the article)"
        )
    text = data.decode("utf-8")
    try:
        # The post as the app shows it: its own highlights made, the removed ones gone.
        chosen = settings.load(library)
        names = names_from(chosen.notes_headings)
        # once, for the edit model, the writer and the re-import (as the import parses)
        parsed = parse(text, path, names)
        model = edits.edit_model(library, article_id, text, names, parsed)
        edited = with_notes(
            _noted(model, article) if chosen.write_highlight_notes else model,
            keywords=article.keywords,
            summary=article.summary,
            questions=_questions(article, model, chosen.write_answers),
        )
        after, splices = edit(text, edited, convert_notes, names, parsed)
    except (ParseError, EditError) as error:
        raise WriteBackError(f"{path}: cannot be written back ({error})") from None
    return WriteBack(article_id, path, text, after, Made(parsed, splices, names))


def _noted(post: Article, article: StoredArticle) -> Article:
    """The post's highlights with the library's notes on them (written after each one)."""
    notes = {(h.start, h.end): h.note for h in article.highlights if h.status == "active"}
    return replace(
        post,
        highlights=tuple(
            replace(h, note=notes.get((h.start, h.end), h.note)) for h in post.highlights
        ),
    )


def _questions(article: StoredArticle, post: Article, answers: bool) -> list[str]:
    """The questions as write-back writes them, in the user's hand: `question ->answer`
    (without answers if the user chose so); a question the post already has in the same
    words keeps the post's spacing."""
    as_written = {question_form(raw): raw for raw in post.questions}
    by_text = {split_answer(raw)[0]: raw for raw in post.questions}
    forms = []
    for q in article.questions:
        if answers:
            form = question_form(q.text, q.answer)
            forms.append(as_written.get(form, form))
        else:
            forms.append(by_text.get(q.text, q.text))
    return forms


def atomic_write(path: str | Path, text: str) -> None:
    """Replace `path` with `text` so that a crash leaves either the old or the new file:
    a temporary file in the same folder, flushed to disk, then renamed over it."""
    target = Path(path)
    mode = target.stat().st_mode & 0o7777 if target.exists() else 0o644
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # the rename itself, on file systems that allow it
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def backups_folder(library: Library) -> Path:
    """Where previous versions go: beside the library file."""
    return Path(library.path).expanduser().resolve().parent / "backups"


def backup_name(path: str, now: dt.datetime) -> str:
    """A backup's file name: when (to the microsecond), a short id of the post's folder
    (two posts of one name in two folders never share a backup), and the post's name."""
    folder = hashlib.sha256(str(Path(path).parent).encode("utf-8", "surrogateescape"))
    return f"{now:%Y%m%d-%H%M%S-%f}-{folder.hexdigest()[:8]}-{Path(path).name}"


def backups_of(library: Library, path: str) -> list[Path]:
    """The backups of one post, oldest first."""
    folder = backups_folder(library)
    suffix = backup_name(path, dt.datetime.min)[len(f"{dt.datetime.min:%Y%m%d-%H%M%S-%f}") :]
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.endswith(suffix))


def apply(
    library: Library,
    change: WriteBack,
    now: dt.datetime | None = None,
    backup: bool = True,
) -> Path | None:
    """Write the post (keeping a copy of the previous version unless `backup` is False,
    and only the newest `backups_per_post`) and re-import it, so the library and the post
    agree. Returns the backup's path, or None if nothing changed or none was made."""
    if not change.changed:
        return None
    folder = backups_folder(library)
    kept: Path | None = None
    try:
        if backup:
            folder.mkdir(parents=True, exist_ok=True)
            kept = folder / backup_name(change.path, now or dt.datetime.now())
            with kept.open("x", encoding="utf-8", newline="") as out:
                out.write(change.before)
        # Checked again just before writing: the post may have changed since `prepare`.
        current = Path(change.path).read_bytes().decode("utf-8", "replace")
        if current != change.before:
            raise ChangedOnDiskError(
                f"{change.path}: changed on disk a moment ago; nothing written. Try again"
            )
        atomic_write(change.path, change.after)
    except OSError as error:
        raise WriteBackError(
            f"{change.path}: not written ({error.strerror or error}); the post is unchanged"
        ) from None
    try:
        importing.import_paths(library, [change.path], parsed=change.parsed())
    except LibraryError as error:
        why = re.sub(r"(;| and) try again$", "", str(error))  # (not the write: it is done)
        raise WrittenNotReadError(change.path, why) from None
    if backup:
        keep = settings.load(library).backups_per_post
        for old in backups_of(library, change.path)[:-keep]:
            with contextlib.suppress(OSError):
                old.unlink()
    return kept


def write_back(
    library: Library,
    article_ids: list[int] | None = None,
    dry_run: bool = False,
    convert_notes: bool = False,
) -> tuple[list[WriteBack], list[str]]:
    """Write back the given articles (default: every one with changes). Returns what was
    (or, with `dry_run`, would be) written and one error line per article that was not."""
    ids = queries.articles_with_changes(library) if article_ids is None else article_ids
    done: list[WriteBack] = []
    errors: list[str] = []
    for article_id in ids:
        try:
            with collector_paused():
                change = prepare(library, article_id, convert_notes)
                if change.changed and not dry_run:
                    apply(library, change)
        except WrittenNotReadError as error:
            errors.append(str(error))
            done.append(change)
            continue
        except WriteBackError as error:
            errors.append(str(error))
            continue
        if change.changed:
            done.append(change)
    return done, errors


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while one post is written back: a long post's
    parse makes objects by the hundred thousand, few in cycles, and each full
    pass the collector took meanwhile walked everything the app holds (an 8 MB post's
    write-back: 0.6 s, half of it in the collector). As it was afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
