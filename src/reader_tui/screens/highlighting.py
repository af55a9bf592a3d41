"""A screen that shows an article whose passages can be highlighted: the keys and actions
to walk the highlights, make one from a selection, write its note and remove it.

The reading screen is one; it saves through its `ReadingSession` and says what happens
after a change (`changed`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen

from reader_tui.library import LibraryError
from reader_tui.post import EditError
from reader_tui.screens.choices import ColorScreen, NoteScreen
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.form import STILL_HERE
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.window import BlockView

if TYPE_CHECKING:
    from collections.abc import Callable

    from reader_tui.models import StoredHighlight
    from reader_tui.session import ReadingSession


class HighlightingScreen(Screen[None]):
    """An article view, its highlights pane, and the highlight keys."""

    some_highlights = False  # only the first are shown yet (a post with many, just opened)

    BINDINGS: ClassVar[list[BindingType]] = [
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
            tooltip="Highlight the selection in a chosen colour; no selection: recolour the "
            "current highlight",
            show=False,
        ),
        Binding(
            "greater_than_sign",
            "resize(1)",
            "Grow",
            tooltip="Grow the current highlight by a word",
            show=False,
        ),
        Binding(
            "less_than_sign",
            "resize(-1)",
            "Shrink",
            tooltip="Shrink the current highlight by a word",
            show=False,
        ),
        Binding(
            "e", "edit_note", "Note", tooltip="Write a note on the current highlight", show=False
        ),
        Binding(
            "a",
            "attach",
            "Attach",
            tooltip="Put the orphan chosen in the list on the selected passage",
            show=False,
        ),
        Binding(
            "x",
            "remove_highlight",
            "Remove",
            tooltip="Remove the current highlight (asks first)",
            show=False,
        ),
    ]

    session: ReadingSession

    def changed(self) -> None:
        """After anything is saved (the reading screen writes back, if asked to)."""

    @on(ArticleView.HighlightShown)
    def follow_in_list(self, event: ArticleView.HighlightShown) -> None:
        self.query_one(HighlightsPane).select_id(event.highlight_id)

    def _step(self, direction: int) -> None:
        self.all_highlights()
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

    def _selection(self) -> tuple[int, int] | str:
        """The source range selected with the keyboard or the mouse, or why there is none."""
        view = self.query_one(ArticleView)
        keyboard = view.keyboard_selection()
        if isinstance(keyboard, str):
            return keyboard
        if keyboard is not None:
            rendered, start, end = keyboard
        else:
            chosen = [
                (w.rendered, s) for w, s in self.selections.items() if isinstance(w, BlockView)
            ]
            if not chosen:
                return (
                    "Select a passage first: v shows a caret (w/b words, )/( sentences, "
                    "arrows), v again starts the selection; or drag with the mouse."
                )
            if len(chosen) > 1:
                return "A highlight must stay within one paragraph."
            rendered, selection = chosen[0]
            start = 0 if selection.start is None else rendered.char_index(*selection.start)
            end = (
                len(rendered.content.plain)
                if selection.end is None
                else rendered.char_index(*selection.end)
            )
        source = rendered.source_range(start, end)
        return "The selection has no text to highlight." if source is None else source

    def _has_selection(self) -> bool:
        view = self.query_one(ArticleView)
        return view.select_from is not None or any(
            isinstance(widget, BlockView) for widget in self.selections
        )

    def action_highlight(self, color: str) -> None:
        """Make the selected text a highlight in `color` ('' asks which); without a
        selection, `c` recolours the current highlight."""
        if not color and not self._has_selection() and self._current() is not None:
            self.action_recolor()
            return
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
            made = self.session.add_highlight(*source, color)
        except (EditError, LibraryError) as error:
            self.notify(f"Cannot highlight that: {error}.", severity="warning")
            return
        self.clear_selection()
        view.clear_caret()
        self._show(made)

    def _show(self, made: StoredHighlight) -> None:
        """After a highlight changed: show them all as saved (and written back, if the
        user asked for that) and mark this one where it is now, the view staying where it
        is if that is on screen (it jumped to put its paragraph on top)."""
        self.refresh_highlights()
        self.changed()
        view = self.query_one(ArticleView)
        view.go_to(next((h for h in view.highlights if h.id == made.id), made), stay=True)

    def action_recolor(self) -> None:
        """Choose another colour for the current highlight."""
        target = self._current()
        if target is None:
            self.notify("Choose a highlight first (n/p or the list).")
            return

        def chosen(picked: str | None) -> None:
            if picked:
                self._reshaped(lambda: self.session.recolor_highlight(target.id, picked))

        self.app.push_screen(ColorScreen(), chosen)

    def action_resize(self, words: int) -> None:
        """Grow (`>`) or shrink (`<`) the current highlight by a word at its end."""
        target = self._current()
        if target is None:
            self.notify("Choose a highlight first (n/p or the list).")
            return
        source = self.query_one(ArticleView).resized(target, words)
        if isinstance(source, str):
            self.notify(source)
            return
        self._reshaped(lambda: self.session.resize_highlight(target.id, *source))

    def action_attach(self) -> None:
        """An orphan chosen in the highlights list goes on the selected passage, with its
        note and review card."""
        pane = self.query_one(HighlightsPane)
        index = pane.highlighted
        orphan = pane.items[index] if index is not None and index < len(pane.items) else None
        if orphan is None or orphan.status != "orphan":
            self.notify(
                "Choose a highlight marked “no longer in the post” in the list first, "
                "then select where its passage is now."
            )
            return
        source = self._selection()
        if isinstance(source, str):
            self.notify(source)
            return
        self.clear_selection()
        self.query_one(ArticleView).clear_caret()
        self._reshaped(lambda: self.session.reattach_highlight(orphan.id, *source))

    def _reshaped(self, change: Callable[[], StoredHighlight]) -> None:
        try:
            made = change()
        except (EditError, LibraryError) as error:
            self.notify(f"Cannot change that highlight: {error}.", severity="warning")
            return
        self._show(made)

    def _current(self) -> StoredHighlight | None:
        view = self.query_one(ArticleView)
        return next((h for h in view.highlights if h.id == view.active), None)

    def action_edit_note(self) -> None:
        """Write, change or clear the current highlight's own note."""
        target = self._current()
        if target is None:
            self.notify("Choose a highlight first (n/p or the list).")
            return

        def save(note: str) -> bool:
            try:
                self.session.set_highlight_note(target.id, note)
            except LibraryError as error:
                self.notify(f"{error}. {STILL_HERE}", severity="error")
                return False
            self.refresh_highlights()
            return True

        self.app.push_screen(
            NoteScreen(" ".join(target.text.split()), target.note).saving_with(save)
        )

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
            if not yes:
                return
            try:
                self.session.remove_highlight(target.id)
            except LibraryError as error:
                self.notify(f"{error}. The highlight stays.", severity="error")
                return
            view.active = None
            self.refresh_highlights()
            self.changed()

        self.app.push_screen(ConfirmScreen(question), answer)

    def refresh_highlights(self) -> None:
        """Show the article's highlights as the library has them now."""
        self.some_highlights = False
        highlights = self.session.all_highlights()
        self.query_one(ArticleView).set_highlights([h for h in highlights if h.status == "active"])
        self.query_one(HighlightsPane).show_highlights(highlights)

    def all_highlights(self) -> None:
        """Every highlight in the view and the list, when the post was first drawn with
        its first ones only (`some_highlights`): before anything walks them."""
        if self.some_highlights:
            self.refresh_highlights()
