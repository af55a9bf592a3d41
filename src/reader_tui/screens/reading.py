"""The reading screen: the article beside its highlights and the notes pane."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Label

from reader_tui.models import StoredArticle, StoredHighlight
from reader_tui.parsing import EditError, ParseError, parse
from reader_tui.screens.choices import ColorScreen, ConflictScreen, NoteScreen
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.question import QuestionEdit, QuestionScreen
from reader_tui.store import Store, StoreError
from reader_tui.terminal import safe
from reader_tui.widgets.article import ArticleView, BlockView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.notes import NotesPane

SAVE_DELAY = 0.8  # seconds after the last keystroke


class ReadingScreen(Screen[None]):
    """One article: text | highlights | notes. Notes save themselves."""

    # The footer shows the keys used most; `?` lists every one (each footer key costs a
    # restyle on every focus change, a good part of opening an article).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", tooltip="Back to the library (notes are saved)"),
        Binding(
            "n,right_square_bracket",
            "next_highlight",
            "Next highlight",
            tooltip="Jump to the next highlight",
        ),
        Binding(
            "p,left_square_bracket",
            "previous_highlight",
            "Prev highlight",
            tooltip="Jump to the previous highlight",
            show=False,
        ),
        Binding("ctrl+s", "save", "Save", tooltip="Save the notes now", show=False),
        Binding(
            "h", "highlight('blue')", "Highlight", tooltip="Highlight the selected text in blue"
        ),
        Binding(
            "H", "highlight('red')", "Red", tooltip="Highlight the selected text in red", show=False
        ),
        Binding(
            "c",
            "highlight('')",
            "Colour…",
            tooltip="Highlight the selection in a chosen colour",
            show=False,
        ),
        Binding(
            "e", "edit_note", "Note", tooltip="Write a note on the current highlight", show=False
        ),
        Binding(
            "w",
            "write_back",
            "Write back",
            tooltip="Write the notes and highlights into the post (a backup is kept)",
        ),
        Binding(
            "C",
            "resolve_conflict",
            "Conflict",
            tooltip="Compare both versions of changed notes",
            show=False,
        ),
        Binding(
            "x",
            "remove_highlight",
            "Remove",
            tooltip="Remove the current highlight (asks first)",
            show=False,
        ),
        Binding(
            "f2",
            "toggle_panes",
            "Panes",
            tooltip="Wide: show or hide the side panes. Narrow: article, highlights, notes in turn",
            show=False,
        ),
        Binding("tab", "next_pane", "Next pane", show=False, tooltip="Narrow: the next pane"),
    ]

    def __init__(self, store: Store, article_id: int, highlight_id: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.article_id = article_id
        self.start_at = highlight_id
        self.article: StoredArticle | None = None
        self._save_timer: Timer | None = None
        self.notes = NotesPane(id="notes")
        self.side_panes = True  # wide terminals: highlights and notes beside the article
        self.narrow_pane = "article"  # narrow terminals: the one pane shown

    def compose(self) -> ComposeResult:
        yield Label("", id="article-title")
        yield Label("", id="conflict-bar")
        with Horizontal(id="panes"):
            yield ArticleView(id="article")
            yield HighlightsPane(id="highlights")
            yield self.notes
        yield KeyBar()

    def on_mount(self) -> None:
        self.load()
        self.query_one(ArticleView).focus()

    def on_resize(self) -> None:
        self.lay_out_panes()

    def lay_out_panes(self) -> None:
        """Wide: article | highlights | notes. Below 100 columns one pane fills the screen
        and Tab (or F2) goes to the next."""
        narrow = self.size.width < 100
        self.set_class(narrow, "narrow")
        panes = {
            "article": self.query_one(ArticleView),
            "highlights": self.query_one(HighlightsPane),
            "notes": self.notes,
        }
        for name, pane in panes.items():
            pane.display = (
                (name == self.narrow_pane) if narrow else (name == "article" or self.side_panes)
            )

    def load(self) -> None:
        """Read the post (refreshing the library first if the file changed) and show it."""
        try:
            article = self.store.article(self.article_id)
            if not article.missing:
                report = self.store.import_paths([article.path])
                if report.unchanged != 1:  # the file changed (or went away) since
                    article = self.store.article(self.article_id)
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        self.article = article
        date = article.date.isoformat() if article.date else ""
        self.query_one("#article-title", Label).update(
            safe(f"{article.title}  {date}  {article.source_url or ''}")
        )
        text, start, end = self._text(article)
        highlights = [h for h in article.highlights if h.status == "active"]
        self.query_one(ArticleView).show_article(text, start, end, highlights)
        self.query_one(HighlightsPane).show_highlights(article.highlights)
        self.query_one(NotesPane).show_notes(article.keywords, article.summary, article.questions)
        self.show_conflicts()
        if self.start_at is not None:
            target = next((h for h in highlights if h.id == self.start_at), None)
            if target:
                self.call_after_refresh(self.query_one(ArticleView).go_to, target)

    def _text(self, article: StoredArticle) -> tuple[str, int, int]:
        """The post's text and where its article part lies, from the file if it can be read."""
        if not article.missing:
            try:
                text = Path(article.path).read_text(encoding="utf-8")
                parsed = parse(text, article.path)
                return text, parsed.source.body_start, parsed.source.article_end
            except (OSError, UnicodeDecodeError, ParseError) as error:
                self.notify(
                    f"{article.path}: cannot be read ({error}); showing the library's copy",
                    severity="warning",
                )
        else:
            self.notify(
                f"{article.path} is missing; showing the library's copy", severity="warning"
            )
        return article.body, 0, len(article.body)

    # -- highlights ------------------------------------------------------------------

    @on(HighlightsPane.Selected)
    def show_highlight(self, event: HighlightsPane.Selected) -> None:
        if event.highlight.status == "active":
            if self.narrow_pane != "article":
                self.narrow_pane = "article"
                self.lay_out_panes()
                self.query_one(ArticleView).focus()
            self.query_one(ArticleView).go_to(event.highlight)
        else:
            self.notify("This passage is no longer in the post.", severity="warning")

    @on(ArticleView.HighlightShown)
    def follow_in_list(self, event: ArticleView.HighlightShown) -> None:
        self.query_one(HighlightsPane).select_id(event.highlight_id)

    def _step(self, direction: int) -> None:
        view = self.query_one(ArticleView)
        active = list(view.highlights)
        if not active:
            self.notify("This article has no highlights.")
            return
        ids = [h.id for h in active]
        index = (
            ids.index(view.active) + direction
            if view.active in ids
            else (0 if direction > 0 else -1)
        )
        view.go_to(active[index % len(active)])

    def action_next_highlight(self) -> None:
        self._step(1)

    def action_previous_highlight(self) -> None:
        self._step(-1)

    def action_next_pane(self) -> None:
        """Tab: on a narrow screen, the next pane, except inside the notes, where it goes
        from field to field as it does everywhere else (F2 always switches panes)."""
        focused = self.focused
        in_notes = focused is not None and self.notes in focused.ancestors_with_self
        if self.has_class("narrow") and not in_notes:
            self.action_toggle_panes()
        else:
            self.focus_next()

    def action_toggle_panes(self) -> None:
        if self.has_class("narrow"):
            order = ["article", "highlights", "notes"]
            self.narrow_pane = order[(order.index(self.narrow_pane) + 1) % len(order)]
            self.lay_out_panes()
            shown = {
                "article": self.query_one(ArticleView),
                "highlights": self.query_one(HighlightsPane),
            }
            shown.get(self.narrow_pane, self.notes.keywords_input).focus()
        else:
            self.side_panes = not self.side_panes
            self.lay_out_panes()

    def _selection(self) -> tuple[int, int] | str:
        """The source range selected with the keyboard or the mouse, or why there is none."""
        view = self.query_one(ArticleView)
        keyboard = view.keyboard_selection()
        if isinstance(keyboard, str):
            return keyboard
        if keyboard is not None:
            block, start, end = keyboard
        else:
            chosen = [(w, s) for w, s in self.selections.items() if isinstance(w, BlockView)]
            if not chosen:
                return (
                    "Select a passage first: v shows a caret (w/b words, )/( sentences, "
                    "arrows), v again starts the selection; or drag with the mouse."
                )
            if len(chosen) > 1:
                return "A highlight must stay within one paragraph."
            block, selection = chosen[0]
            rendered = block.rendered
            start = 0 if selection.start is None else rendered.char_index(*selection.start)
            end = (
                len(rendered.content.plain)
                if selection.end is None
                else rendered.char_index(*selection.end)
            )
        source = block.rendered.source_range(start, end)
        return "The selection has no text to highlight." if source is None else source

    def action_highlight(self, color: str) -> None:
        """Make the selected text a highlight in `color` ('' asks which)."""
        source = self._selection()
        if isinstance(source, str):
            self.notify(source)
            return
        if not color:

            def chosen(picked: str | None) -> None:
                if picked:
                    self._make_highlight(source, picked)

            self.app.push_screen(ColorScreen(), chosen)
            return
        self._make_highlight(source, color)

    def _make_highlight(self, source: tuple[int, int], color: str) -> None:
        view = self.query_one(ArticleView)
        try:
            made = self.store.add_highlight(self.article_id, view.text, *source, color)
        except (EditError, StoreError) as error:
            self.notify(f"Cannot highlight that: {error}.", severity="warning")
            return
        self.clear_selection()
        view.clear_caret()
        self.refresh_highlights()
        self._changed()
        view.go_to(made)

    def _current(self) -> StoredHighlight | None:
        view = self.query_one(ArticleView)
        return next((h for h in view.highlights if h.id == view.active), None)

    def action_edit_note(self) -> None:
        """Write, change or clear the current highlight's own note."""
        target = self._current()
        if target is None:
            self.notify("Choose a highlight first (n/p or the list).")
            return

        def save(note: str | None) -> None:
            if note is None:
                return
            try:
                self.store.set_highlight_note(target.id, note)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            self.refresh_highlights()

        self.app.push_screen(NoteScreen(" ".join(target.text.split()), target.note), save)

    def show_conflicts(self) -> None:
        bar = self.query_one("#conflict-bar", Label)
        conflicts = self.article.conflicts if self.article else ()
        bar.display = bool(conflicts)
        if conflicts:
            sections = ", ".join(c.section for c in conflicts)
            bar.update(
                f"⚠ The post's {sections} changed while you edited them here. "
                "Press C to compare and choose."
            )

    def action_resolve_conflict(self) -> None:
        """Show the first conflicting notes section with both versions; keep one."""
        if self.article is None or not self.article.conflicts:
            self.notify("Nothing to resolve: the post and the app agree.")
            return
        self.action_save()
        conflict = self.article.conflicts[0]

        def keep(which: str | None) -> None:
            if which is None:
                return
            try:
                self.store.resolve_conflict(self.article_id, conflict.section, which)
                self.article = self.store.article(self.article_id)
            except StoreError as error:
                self.notify(str(error), severity="error")
                return
            article = self.article
            self.notes.show_notes(article.keywords, article.summary, article.questions)
            self.show_conflicts()
            if article.conflicts:
                self.action_resolve_conflict()

        self.app.push_screen(ConflictScreen(conflict), keep)

    def action_write_back(self, quiet: bool = False) -> None:
        """Write this article's notes and highlights into its post."""
        from reader_tui.writeback import WriteBackError, apply, prepare

        if not self.action_save():
            return
        try:
            change = prepare(self.store, self.article_id)
            backup = apply(self.store, change)
        except WriteBackError as error:
            self.notify(str(error), severity="warning", timeout=10)
            if "changed on disk" in str(error) or "choose a version" in str(error):
                self.load()  # the post's new version, and any conflict, on screen
            return
        except StoreError as error:
            self.notify(str(error), severity="error")
            return
        if backup is None:
            if not quiet:
                self.notify("The post already has everything; nothing to write.")
            return
        # The post now holds new tags: show it as it is, where the reader was.
        view = self.query_one(ArticleView)
        where, active = view.scroll_y, view.active
        self.article = self.store.article(self.article_id)
        text, start, end = self._text(self.article)
        view.show_article(
            text, start, end, [h for h in self.article.highlights if h.status == "active"]
        )
        view.active = active
        self.query_one(HighlightsPane).show_highlights(self.article.highlights)
        self.call_after_refresh(view.scroll_to, y=where, animate=False)
        if not quiet:
            self.notify(
                f"Wrote {safe(change.path)}; the previous version is in {safe(str(backup.parent))}"
            )

    def _changed(self) -> None:
        """After anything is saved: write back at once if the user asked for it."""
        from reader_tui.writeback import auto_enabled

        if auto_enabled(self.store):
            self.action_write_back(quiet=True)

    def action_remove_highlight(self) -> None:
        view = self.query_one(ArticleView)
        target = self._current()
        if target is None:
            self.notify("Choose a highlight first (n/p or the list).")
            return
        text = " ".join(target.text.split())
        question = (
            f"Remove the highlight “{text[:60]}{'…' if len(text) > 60 else ''}”? Its text stays."
        )

        def answer(yes: bool | None) -> None:
            if yes:
                self.store.remove_highlight(target.id)
                view.active = None
                self.refresh_highlights()
                self._changed()

        self.app.push_screen(ConfirmScreen(safe(question)), answer)

    def refresh_highlights(self) -> None:
        """Show the article's highlights as the library has them now."""
        highlights = self.store.highlights_for(self.article_id)
        self.query_one(ArticleView).set_highlights([h for h in highlights if h.status == "active"])
        self.query_one(HighlightsPane).show_highlights(highlights)

    # -- notes -----------------------------------------------------------------------

    @on(NotesPane.Edited)
    def schedule_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self._autosave)

    def _autosave(self) -> None:
        if self.notes.status != "saved" and self.action_save():
            self._changed()

    def action_save(self) -> bool:
        """Save keywords and summary now (autosave calls this too); False if it failed."""
        notes = self.notes
        if notes.status == "saved":
            return True
        try:
            self.store.set_notes(self.article_id, keywords=notes.keywords, summary=notes.summary)
        except StoreError as error:
            self.notify(
                f"{error}. Your text is still here; it will be saved again.", severity="error"
            )
            return False
        notes.mark_saved()
        return True

    @on(NotesPane.QuestionAdded)
    def add_question(self, event: NotesPane.QuestionAdded) -> None:
        try:
            self.store.add_question(self.article_id, event.text)
        except StoreError as error:
            self.notify(str(error), severity="error")
        self.query_one(NotesPane).show_questions(self.store.questions_for(self.article_id))
        self._changed()

    @on(NotesPane.QuestionChosen)
    def edit_question(self, event: NotesPane.QuestionChosen) -> None:
        question = event.question

        def settle(edit: QuestionEdit | None) -> None:
            if edit is None:
                return
            try:
                self.store.update_question(
                    question.id,
                    text=edit.text,
                    answer=edit.answer,
                    status="answered" if edit.answer else "open",
                )
            except StoreError as error:
                self.notify(str(error), severity="error")
            self.notes.show_questions(self.store.questions_for(self.article_id))
            self._changed()

        self.app.push_screen(QuestionScreen(question), settle)

    @on(NotesPane.QuestionDeleted)
    def delete_question(self, event: NotesPane.QuestionDeleted) -> None:
        self.store.delete_question(event.question.id)
        self.query_one(NotesPane).show_questions(self.store.questions_for(self.article_id))
        self._changed()

    def on_descendant_blur(self) -> None:
        self._autosave()

    def on_unmount(self) -> None:
        self.action_save()

    def action_back(self) -> None:
        self.action_save()
        self.dismiss(None)
