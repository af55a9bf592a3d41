"""One article open for reading and editing, without Textual: what the reading screen does
to the library, and the write-back policy.

The screen shows and asks; the session loads the post (refreshing the library first when
the file changed), makes and removes highlights, saves notes and questions, and writes the
article back into its post when asked or, with automatic write-back on, after each change.
Errors are typed: `LibraryError`, `EditError`, and the `WriteBackError` family
(`ChangedOnDiskError`, `PendingConflictError`).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader_tui.library import Library, edits, importing, queries, settings
from reader_tui.post import ParseError
from reader_tui.post.reader import outline
from reader_tui.writeback import WriteBack, apply, prepare

SAVE_DELAY = 0.8  # seconds after the last keystroke before notes save themselves

if TYPE_CHECKING:
    from collections.abc import Sequence

    from reader_tui.models import Place, Question, StoredArticle, StoredHighlight


class ReadingSession:
    """An article of the library, its post's text, and the edits made to them."""

    def __init__(self, library: Library, article_id: int) -> None:
        self.library = library
        self.article_id = article_id
        self.article: StoredArticle | None = None
        self.text = ""  # what the article view shows: the post, or the library's copy
        self.on_disk: str | None = None  # the post's text as last read (None: could not be)
        self.body = (0, 0)  # where the article (not its front matter or notes) lies in it
        self.backed_up = False  # a backup of the post was kept this session
        # The headings the notes were read from, when they are in another blog's form: such
        # notes are read-only until converted.
        self.foreign_notes: tuple[str, ...] = ()

    def load(self, first_highlights: int | None = None) -> list[str]:
        """Read the article (re-importing its post first if the file changed) and its
        text. Returns warnings for the user (the post could not be read, ...); raises
        `LibraryError`. `first_highlights`: only so many of its highlights are read, the
        first in the text (`all_highlights` reads every one)."""
        first = first_highlights
        article = queries.article(self.library, self.article_id, body=False, highlights=first)
        if not article.missing:
            report = importing.import_paths(self.library, [article.path])
            if report.unchanged != 1:  # the file changed (or went away) since
                article = queries.article(
                    self.library, self.article_id, body=False, highlights=first
                )
        self.article = article
        return self._read_text(article)

    def post_changed(self) -> bool:
        """Whether the post is no longer what is shown: written by an editor, moved or
        deleted since the article was loaded (raises `LibraryError`)."""
        article = self.article
        where = queries.post_file(self.library, self.article_id)
        if article is None or where is None:
            return False
        path, missing = where
        if path != article.path or missing != article.missing:
            return True
        if missing:
            return False
        # Against the text last read, not the text shown: a post that could not be read
        # (its library copy shown, and said why) is not read again at every change of the
        # library, saying so each time, until it changes on disk.
        try:
            now: str | None = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            now = None
        return now != self.on_disk

    def _read_text(self, article: StoredArticle) -> list[str]:
        self.foreign_notes, self.on_disk = (), None
        if article.missing:
            warning = f"{article.path} is missing; showing the library's copy"
        else:
            try:
                text = self.on_disk = Path(article.path).read_text(encoding="utf-8")
                # The bounds only: the view renders the blocks, the library has the rest.
                body_start, article_end, foreign = outline(text, settings.note_names(self.library))
            except (OSError, UnicodeDecodeError, ParseError) as error:
                warning = f"{article.path}: cannot be read ({error}); showing the library's copy"
            else:
                self.text = text
                self.body = (body_start, article_end)
                self.foreign_notes = foreign
                return []
        self.text = queries.stored_body(self.library, self.article_id)
        self.body = (0, len(self.text))
        return [warning]

    # -- highlights --------------------------------------------------------------------

    def highlights(self) -> list[StoredHighlight]:
        """Every highlight of the article (orphans too), in the order of the text."""
        return queries.highlights_for(self.library, self.article_id)

    def all_highlights(self) -> list[StoredHighlight]:
        """`highlights`, kept in `article` too (after a `load` that read the first only)."""
        highlights = self.highlights()
        if self.article is not None:
            self.article = replace(self.article, highlights=tuple(highlights))
        return highlights

    def add_highlight(self, start: int, end: int, color: str) -> StoredHighlight:
        """A new highlight on `text[start:end]`, taking in the ones it overlaps; raises
        `EditError` when it cannot be."""
        return edits.add_highlight(self.library, self.article_id, self.text, start, end, color)

    def resize_highlight(self, highlight_id: int, start: int, end: int) -> StoredHighlight:
        """Move a highlight's ends (grow or shrink it); raises `EditError`."""
        return edits.resize_highlight(
            self.library, self.article_id, self.text, highlight_id, start, end
        )

    def reattach_highlight(self, highlight_id: int, start: int, end: int) -> StoredHighlight:
        """An orphan put on the passage `[start, end)`, with its note and card."""
        return edits.reattach_highlight(
            self.library, self.article_id, self.text, highlight_id, start, end
        )

    def recolor_highlight(self, highlight_id: int, color: str) -> StoredHighlight:
        return edits.recolor_highlight(
            self.library, self.article_id, self.text, highlight_id, color
        )

    def remove_highlight(self, highlight_id: int) -> None:
        edits.remove_highlight(self.library, highlight_id)

    def set_highlight_note(self, highlight_id: int, note: str) -> None:
        edits.set_highlight_note(self.library, highlight_id, note)

    # -- the place ---------------------------------------------------------------------

    def place(self) -> Place | None:
        """Where the article was left last time, if it was opened before."""
        return queries.place(self.library, self.article_id)

    def remember(self, position: int, highlight_id: int | None, read: float) -> None:
        """Keep where the reader is (raises `LibraryError`)."""
        edits.remember_place(self.library, self.article_id, position, highlight_id, read)

    # -- notes -------------------------------------------------------------------------

    def save_notes(
        self, loaded: dict[str, Any], keywords: Sequence[str] | None, summary: str | None
    ) -> dict[str, Any]:
        """Save the fields the user changed since `loaded` (None: not changed), merged with
        what changed in the library meanwhile; returns the notes as the library has them
        now (a section changed on both sides keeps the user's text and becomes a
        conflict, shown with both versions)."""
        now = edits.save_notes(
            self.library, self.article_id, loaded, keywords=keywords, summary=summary
        )
        self._notes_saved()
        return {"keywords": now["keywords"], "summary": now["summary"]}

    def questions(self) -> list[Question]:
        return queries.questions_for(self.library, self.article_id)

    def add_question(self, text: str) -> None:
        edits.add_question(self.library, self.article_id, text)

    def update_question(self, question_id: int, text: str, answer: str) -> None:
        """Change a question and its answer (an answer marks it answered); one gone from
        the library meanwhile (its post changed) is added again, so the typing is kept."""
        if all(question.id != question_id for question in self.questions()):
            question_id = edits.add_question(self.library, self.article_id, text).id
        edits.update_question(
            self.library,
            question_id,
            text=text,
            answer=answer,
            status="answered" if answer.strip() else "open",
        )

    def delete_question(self, question_id: int) -> None:
        edits.delete_question(self.library, question_id)

    def resolve_conflict(self, section: str, keep: str, merged: Any = None) -> StoredArticle:
        """Keep the `app`'s or the `file`'s version of a section, or a `merged` one made
        of both; the article as it is now."""
        edits.resolve_conflict(self.library, self.article_id, section, keep, merged)
        self._notes_saved()
        assert self.article is not None
        return self.article

    def _notes_saved(self) -> None:
        """The article read again after a change to its notes only: its highlights, the
        same, are kept, not read again (typing a summary on a post with thousands of
        highlights saves every moment)."""
        if self.article is None:  # not loaded yet: all of it
            self.article = queries.article(self.library, self.article_id, body=False)
            return
        article = queries.article(self.library, self.article_id, body=False, highlights=0)
        self.article = replace(article, highlights=self.article.highlights)

    # -- write-back --------------------------------------------------------------------

    @property
    def writes_back_by_itself(self) -> bool:
        """Whether each change goes into the post at once (the user's setting)."""
        return settings.load(self.library).auto_write_back

    def write_back(self, convert_notes: bool = False) -> tuple[WriteBack, Path | None]:
        """Write the article into its post; returns the change and the backup kept (one a
        session: the post as it was when the session first wrote it). Raises a
        `WriteBackError`; `ChangedOnDiskError` and `PendingConflictError` mean the screen
        should load the article again. `convert_notes`: notes in another blog's form get
        a block in the user's form."""
        change = prepare(self.library, self.article_id, convert_notes)
        backup = apply(self.library, change, backup=not self.backed_up)
        if change.changed:
            self.backed_up = True
            self.article = queries.article(self.library, self.article_id, body=False)
            self._read_text(self.article)
        return change, backup
