"""A reading screen's notes: keywords and a summary that save themselves, questions,
conflicts between the post's notes and the app's, and notes in another blog's form
(read-only until converted). The reading screen is one.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from textual import on

from reader_tui.library import LibraryError
from reader_tui.screens.choices import ConflictScreen, Resolution
from reader_tui.screens.form import STILL_HERE
from reader_tui.screens.highlighting import HighlightingScreen
from reader_tui.screens.question import QuestionEdit, QuestionScreen
from reader_tui.widgets.notes import NotesPane
from reader_tui.writeback import (
    ChangedOnDiskError,
    PendingConflictError,
    WriteBack,
    WriteBackError,
)

if TYPE_CHECKING:
    from pathlib import Path

    from textual.timer import Timer
    from textual.widgets import Label

    from reader_tui.models import StoredArticle
    from reader_tui.widgets.article import ArticleView


class NotingScreen(HighlightingScreen):
    """The notes pane's side of a reading screen (which sets the attributes below)."""

    notes: NotesPane
    conflict_bar: Label
    view: ArticleView
    save_delay: float
    loaded_notes: dict[str, Any]
    _save_timer: Timer | None
    _save_due: float

    @property
    def article(self) -> StoredArticle | None:
        return self.session.article

    def load(self, keep: tuple[str, int, int | None] | None = None) -> None:
        """Show the article again (the reading screen reads the post)."""

    def show_conflicts(self) -> None:
        bar = self.conflict_bar  # kept: a save while the screen closes shows it too
        conflicts = self.article.conflicts if self.article else ()
        bar.display = bool(conflicts)
        if conflicts:
            sections = " and ".join(c.section for c in conflicts)
            them = "it" if len(conflicts) == 1 else "them"
            bar.update(
                f"⚠ The post's {sections} changed while you edited {them} here. "
                "Press C to compare and choose."
            )

    def action_resolve_conflict(self) -> None:
        """Show the first conflicting notes section with both versions; keep one."""
        if self.article is None or not self.article.conflicts:
            self.notify("Nothing to resolve: the post and the app agree.")
            return
        self.action_save()
        conflict = self.article.conflicts[0]

        def keep(chosen: Resolution) -> bool:
            try:
                self.session.resolve_conflict(conflict.section, *chosen)
            except LibraryError as error:
                self.notify(f"{error}. {STILL_HERE}", severity="error")
                return False
            return True

        def kept(chosen: Resolution | None) -> None:  # (once the screen has closed)
            article = self.article
            if chosen is None or article is None:
                return
            self.notes.show_notes(article.keywords, article.summary, article.questions)
            self.loaded_notes = {"keywords": list(article.keywords), "summary": article.summary}
            self.show_conflicts()
            if article.conflicts:
                self.action_resolve_conflict()

        self.app.push_screen(ConflictScreen(conflict).saving_with(keep), kept)

    def _notes_locked(self) -> bool:
        """Notes in another blog's form are read-only here: say so."""
        if self.session.foreign_notes:
            self.notify(
                "This post's notes are in its own form: edit them in the post, or "
                "“Convert notes to your form” (ctrl+p).",
                severity="warning",
            )
        return bool(self.session.foreign_notes)

    def action_convert_notes(self) -> None:
        """Notes read from another blog's headings: add a block in the user's form holding
        them (the headings stay), after which they are edited here like any other."""
        if not self.session.foreign_notes:
            self.notify("This post's notes are already in your form.")
            return
        top = self.view.top_offset()
        place = (self.session.text[top : top + 40], top, self.view.active)
        written = self.write_post(convert_notes=True)
        if written is not None:
            self.load(keep=place)
            self.notify(f"Wrote the notes into {written[0].path} in your form; edit them here now.")

    def write_post(self, convert_notes: bool = False) -> tuple[WriteBack, Path | None] | None:
        """Write the article into its post (what was written and the backup kept), or say
        why not and return None; a post changed on disk is shown as it is now."""
        try:
            return self.session.write_back(convert_notes)
        except (ChangedOnDiskError, PendingConflictError) as error:
            self.notify(str(error), severity="warning", timeout=10)
            self.load()  # the post's new version, and any conflict, on screen
        except WriteBackError as error:
            self.notify(str(error), severity="warning", timeout=10)
        except LibraryError as error:
            self.notify(str(error), severity="error")
        return None

    # -- notes -----------------------------------------------------------------------

    @on(NotesPane.Edited)
    def schedule_save(self) -> None:
        """Save `save_delay` after the first keystroke not yet saved: typing on and on
        still saves that often, so a crash loses at most the last moment of typing."""
        due = time.monotonic() + self.save_delay
        if self._save_timer is not None and self._save_due <= due:
            return  # a save is already due sooner
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_due = due
        self._save_timer = self.set_timer(self.save_delay, self._autosave)

    def _autosave(self) -> None:
        self._save_timer = None
        if self.notes.unsaved and self.action_save():
            self.changed()

    def action_save(self) -> bool:
        """Save keywords and summary now (autosave calls this too); False if it failed."""
        notes = self.notes
        if not notes.unsaved:
            return True
        typed_keywords, typed_summary = notes.changed
        try:
            now = self.session.save_notes(
                self.loaded_notes,
                notes.keywords if typed_keywords else None,
                notes.summary if typed_summary else None,
            )
        except LibraryError as error:
            self.notify(
                f"{error}. Your text is still here; it will be saved again.", severity="error"
            )
            return False
        self.loaded_notes = now
        notes.take_saved(now["keywords"], now["summary"])
        self.show_conflicts()
        return True

    @on(NotesPane.QuestionAdded)
    def add_question(self, event: NotesPane.QuestionAdded) -> None:
        self.keep_new_question()

    def keep_new_question(self, closing: bool = False) -> bool:
        """Add the question typed in its box (Enter, or leaving the screen with it typed);
        False if the library would not take it (it stays in the box, and the user is told).
        `closing`: the screen is going, its widgets with it (nothing more is shown)."""
        box = self.notes.new_question
        text = box.value.strip()
        if not text:
            return True
        try:
            self.session.add_question(text)
        except LibraryError as error:
            self.notify(f"{error}. Your question is still in its box.", severity="error")
            return False
        box.value = ""
        if not closing:
            self.notes.show_questions(self.session.questions())
            self.changed()
        return True

    @on(NotesPane.QuestionChosen)
    def edit_question(self, event: NotesPane.QuestionChosen) -> None:
        if self._notes_locked():
            return
        question = event.question

        def settle(edit: QuestionEdit) -> bool:
            try:
                self.session.update_question(question.id, edit.text, edit.answer)
            except LibraryError as error:
                self.notify(f"{error}. {STILL_HERE}", severity="error")
                return False
            self.notes.show_questions(self.session.questions())
            self.changed()
            return True

        self.app.push_screen(QuestionScreen(question).saving_with(settle))

    @on(NotesPane.QuestionDeleted)
    def delete_question(self, event: NotesPane.QuestionDeleted) -> None:
        if self._notes_locked():
            return
        try:
            self.session.delete_question(event.question.id)
        except LibraryError as error:
            self.notify(str(error), severity="error")
        self.query_one(NotesPane).show_questions(self.session.questions())
        self.changed()
