"""The reading screen: the article beside its highlights and the notes pane."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Input, Label, TextArea

from reader_tui.commands import ReadingCommands
from reader_tui.library import Library, LibraryError
from reader_tui.messages import LibraryChanged, LibraryEdited, OpenReview
from reader_tui.models import ReviewFilter, shown_title
from reader_tui.screens.confirm import ConfirmScreen
from reader_tui.screens.highlighting import HighlightingScreen
from reader_tui.screens.noting import NotingScreen
from reader_tui.session import SAVE_DELAY, ReadingSession
from reader_tui.widgets.article import ArticleView
from reader_tui.widgets.fields import FindBox, box_on_first_use, field_keys, focus_now
from reader_tui.widgets.highlights import HighlightsPane
from reader_tui.widgets.keybar import KeyBar
from reader_tui.widgets.notes import NotesPane
from reader_tui.widgets.text import shown

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import ComposeResult
    from textual.command import Provider
    from textual.timer import Timer


FIRST_HIGHLIGHTS = 200
"""Highlights read before a post is first drawn (more than a screen holds); the rest are
read right after the first frame (10,000 of them took longer than the rest of opening)."""


class ReadingScreen(NotingScreen, inherit_bindings=False):
    """One article: text | highlights | notes. Notes save themselves."""

    # The article has the focus when the screen shows, unless keys typed ahead (`/협력`)
    # gave it to the find box first.
    AUTO_FOCUS = "ArticleView"

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {ReadingCommands}

    # The footer shows the keys used most; `?` lists every one (each footer key costs a
    # restyle on every focus change, a good part of opening an article).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "back", "Back", tooltip="Back to the library (notes are saved)"),
        # A priority binding: seen as it is typed, so the keys after it go to the find box
        # (otherwise each is on its way to the article before `/` has moved the focus).
        Binding("slash", "find", "Find", tooltip="Find words in this article", priority=True),
        Binding("n", "next_match(1)", "Next match", tooltip="The next match of the find"),
        Binding("N", "next_match(-1)", "Prev match", tooltip="The previous match of the find"),
        *HighlightingScreen.BINDINGS,
        Binding("ctrl+s", "save", "Save", tooltip="Save the notes now", show=False),
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
            "f2",
            "toggle_panes",
            "Panes",
            tooltip="Wide: show or hide the side panes. Narrow: article, highlights, notes in turn",
            show=False,
        ),
        # (shift+Tab is not inherited from Screen, with inherit_bindings=False.)
        *field_keys("next_pane", "Next pane", "Narrow: the next pane"),
    ]

    def __init__(
        self,
        library: Library,
        article_id: int,
        highlight_id: int | None = None,
        save_delay: float | None = None,
        find: str = "",
    ) -> None:
        super().__init__()
        self.session = ReadingSession(library, article_id)
        self.save_delay = SAVE_DELAY if save_delay is None else save_delay
        # The keywords and summary as last loaded or saved: a save writes only what the
        # user changed since, merged with what changed in the library meanwhile.
        self.loaded_notes: dict[str, Any] = {"keywords": [], "summary": ""}
        self.article_id = article_id
        self.start_at = highlight_id
        self._save_timer: Timer | None = None
        self._save_due = 0.0  # when the scheduled save runs (time.monotonic)
        self.let_go = False  # the reader chose to leave text the library would not take
        self.notes = NotesPane(id="notes")
        self.conflict_bar = Label("", id="conflict-bar")
        self.view = ArticleView(id="article")  # kept: where the reader was, after unmount too
        # Kept too: a resize may reach the screen while its panes are being taken down.
        self.highlights_pane = HighlightsPane(id="highlights")
        self.find = find  # words to find and land on (a library search's hit)
        self._furthest = 0.0  # how far the article has been read (0-1)
        self._left_at = 0  # the source offset of the block at the top, as last seen
        self.side_panes = True  # wide terminals: highlights and notes beside the article
        self.narrow_pane = "article"  # narrow terminals: the one pane shown

    def compose(self) -> ComposeResult:
        yield Label("", id="article-title")
        yield self.conflict_bar
        with Horizontal(id="panes"):
            yield self.view
            yield self.highlights_pane
            yield self.notes
        yield KeyBar()

    def on_mount(self) -> None:
        view = self.view
        self.watch(view, "scroll_y", self._note_progress, init=False)
        if view.is_attached:
            self.load()
        else:  # pushed while the app itself starts: its panes are mounted a moment later
            self.call_after_refresh(self.load)
        self.call_after_refresh(self._ready_find_box)

    def on_resize(self) -> None:
        self.lay_out_panes()

    def lay_out_panes(self) -> None:
        """Wide: article | highlights | notes. Below 100 columns one pane fills the screen
        and Tab (or F2) goes to the next."""
        narrow = self.size.width < 100
        self.set_class(narrow, "narrow")
        panes = {
            "article": self.view,
            "highlights": self.highlights_pane,
            "notes": self.notes,
        }
        for name, pane in panes.items():
            pane.display = (
                (name == self.narrow_pane) if narrow else (name == "article" or self.side_panes)
            )

    def load(self, keep: tuple[str, int, int | None] | None = None, quiet: bool = False) -> None:
        """Read the post (refreshing the library first if the file changed) and show it;
        `keep`: the place to stay at (see `reload_in_place`), not the one remembered;
        `quiet`: why it cannot be read is not told (the title still says when the
        library's copy is shown)."""
        if not self.view.is_attached:  # the screen went (the app quit) before it was shown
            return
        # Opened at its top or where it was left, a post with many highlights is drawn
        # with its first ones; the rest are read just after (before its place is found).
        first = FIRST_HIGHLIGHTS if keep is None and self.start_at is None else None
        try:
            warnings = self.session.load(first_highlights=first)
        except LibraryError as error:
            self.notify(str(error), severity="error")
            return
        for warning in [] if quiet else warnings:
            self.notify(warning, severity="warning")
        article = self.session.article
        assert article is not None
        self.some_highlights = first is not None and len(article.highlights) >= first
        if self.some_highlights:
            self.call_after_refresh(self.all_highlights)
        date = article.date.isoformat() if article.date else ""
        # While the post cannot be read (a toast said why), the title says so as long as
        # the library's copy is what is shown.
        copy = "(the library's copy) " if warnings else ""
        self.query_one("#article-title", Label).update(
            shown(
                f"{copy}{shown_title(article.title, article.path)}  {date}  "
                f"{article.source_url or ''}"
            )
        )
        highlights = [h for h in article.highlights if h.status == "active"]
        self.view.show_article(self.session.text, *self.session.body, highlights)
        self.highlights_pane.show_highlights(article.highlights)
        self.notes.show_notes(article.keywords, article.summary, article.questions)
        foreign = self.session.foreign_notes
        self.notes.read_only(", ".join(f"“{h}”" for h in foreign) if foreign else None)
        self.loaded_notes = {"keywords": list(article.keywords), "summary": article.summary}
        self.show_conflicts()
        if keep is not None:
            self.call_after_refresh(self._stay, *keep)
            return
        if self.start_at is not None:
            target = next((h for h in highlights if h.id == self.start_at), None)
            if target:
                self.call_after_refresh(self.view.go_to, target)
                return
        if self.find:
            self.call_after_refresh(self.find_in_article, self.find)
            return
        self.call_after_refresh(self.restore_place)

    @on(LibraryChanged)
    def _post_changed(self, message: LibraryChanged) -> None:
        """The library changed: if the post itself did (written in an editor, moved,
        deleted), show it as it is now (not saying again why it cannot be read when the
        refresh's toast just did)."""
        try:
            changed = self.session.post_changed()
        except LibraryError:
            return
        if changed:
            article = self.session.article
            path = os.path.abspath(article.path) if article else None
            self.reload_in_place(quiet=path in message.told_why)

    def reload_in_place(self, quiet: bool = False) -> None:
        """Show the post as it is now, where the reader was, with the same highlight
        current. Notes typed and not yet saved are saved first, merged with the post's
        change (a section changed on both sides becomes a conflict, shown in the bar).
        `quiet`: why the post cannot be read is not told (it was just told)."""
        self.action_save()
        top = self.view.top_offset()
        self.load(keep=(self.session.text[top : top + 40], top, self.view.active), quiet=quiet)

    def _stay(self, words: str, offset: int, active: int | None) -> None:
        self.all_highlights()
        text, view = self.session.text, self.view
        found = [m for m in (text.rfind(words, 0, offset + 1), text.find(words, offset)) if m >= 0]
        view.show_offset(min(found, key=lambda m: abs(m - offset)) if words and found else offset)
        if active is not None and any(h.id == active for h in view.highlights):
            view.active = active
            view.set_highlights(view.highlights)
            self.highlights_pane.select_id(active)

    # -- find ------------------------------------------------------------------------

    def action_find(self) -> None:
        """`/`: the find box."""
        focus_now(self._find_box(show=True))

    def _ready_find_box(self) -> None:
        if self.is_attached:  # (not if the app quit before its first frame)
            self._find_box(show=False)

    def _find_box(self, show: bool) -> FindBox:
        """The find box, made the first time it is asked for: just after the article's
        first frame (it opens sooner without it), hidden, so that it is there to take
        what is typed the moment `/` is pressed (mounting it then takes several frames,
        a long post's drawing between each, and what was typed meanwhile went astray)."""
        return box_on_first_use(self, "FindBox", FindBox, FindBox, self.query_one(KeyBar), show)

    @on(FindBox.Find)
    def _find_typed(self, event: FindBox.Find) -> None:
        self.view.focus()
        self.find_in_article(event.words)

    def find_in_article(self, words: str) -> None:
        """Mark every match of `words` and go to the first one from where the reader is
        (in a long post still being drawn, once it is)."""
        count = self.view.find(words)
        if count is None:
            self.notify(f"Finding “{shown(words)}” as the rest of the article is drawn…")
        elif words.strip():
            self._found(words, count)

    @on(ArticleView.Found)
    def _found_at_last(self, event: ArticleView.Found) -> None:
        self._found(event.words, event.count)

    def _found(self, words: str, count: int) -> None:
        if not count:
            self.notify(f"“{shown(words)}” is not in this article.", severity="warning")
            return
        self.view.next_match(1, nearest=True)
        matches = "1 match" if count == 1 else f"{count} matches"
        self.notify(f"{matches}: n next, N previous, Escape clears.", timeout=3)

    def action_next_match(self, direction: int) -> None:
        self.view.next_match(direction)

    @on(ArticleView.FindChanged)
    def _find_changed(self) -> None:
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # n and N walk a find's matches while there are any; otherwise n is the next
        # highlight, as the key bar shows.
        if action == "next_match":
            return bool(self.view.found)
        if action == "find":  # `/` typed into a note or the find box is a `/`
            return not isinstance(self.app.focused, (Input, TextArea))
        return True

    # -- the place -------------------------------------------------------------------

    def restore_place(self) -> None:
        """Back where the reader left the article last time (its current highlight too)."""
        try:
            place = self.session.place()
        except LibraryError:
            return
        if place is None:
            return
        self._stay("", place.position, place.highlight_id)
        self._left_at = place.position
        self._furthest = place.read

    def _note_progress(self) -> None:
        """On each scroll: how far the reader has come, and the block at the top."""
        self._furthest = max(self._furthest, self.view.read_so_far())
        self._left_at = self.view.top_offset()

    def remember_place(self) -> None:
        """Keep where the reader is, for the next time the article opens (after the
        screen is gone, where it was last seen)."""
        if self.article is None:
            return
        if self.view.is_attached:
            self._note_progress()
        with contextlib.suppress(LibraryError):  # not worth an error on the way out
            self.session.remember(self._left_at, self.view.active, self._furthest)

    # -- highlights ------------------------------------------------------------------

    @on(HighlightsPane.Selected)
    def show_highlight(self, event: HighlightsPane.Selected) -> None:
        if event.highlight.status == "active":
            if self.narrow_pane != "article":
                self.narrow_pane = "article"
                self.lay_out_panes()
                self.view.focus()
            self.view.go_to(event.highlight)
        else:
            self.notify(
                "This passage is no longer in the post. To keep the highlight (its note "
                "and card too), select where the passage is now and press a.",
                severity="warning",
                timeout=8,
            )

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
                "article": self.view,
                "highlights": self.highlights_pane,
            }
            focus_now(shown.get(self.narrow_pane, self.notes.keywords_input))
        else:
            self.side_panes = not self.side_panes
            self.lay_out_panes()

    def action_write_back(self, quiet: bool = False) -> None:
        """Write this article's notes and highlights into its post."""
        if not self.action_save():
            return
        written = self.write_post()
        if written is None:
            return
        change, backup = written
        if not change.changed:
            if not quiet:
                self.notify("The post already has everything; nothing to write.")
            return
        # The post now holds new tags: show it as it is, where the reader was.
        view = self.view
        where, active = view.scroll_y, view.active
        assert self.article is not None
        highlights = self.article.highlights
        view.show_article(
            self.session.text, *self.session.body, [h for h in highlights if h.status == "active"]
        )
        view.active = active
        self.highlights_pane.show_highlights(highlights)
        self.call_after_refresh(view.scroll_to, y=where, animate=False)
        if not quiet:
            kept = f"; the previous version is in {backup.parent}" if backup else ""
            self.notify(f"Wrote {change.path}{kept}")

    def changed(self) -> None:
        """After anything is saved: write back at once if the user asked for it."""
        if self.session.writes_back_by_itself:
            self.action_write_back(quiet=True)

    def on_descendant_blur(self) -> None:
        self._autosave()

    def on_unmount(self) -> None:
        if not self.let_go:
            self.action_save()
            self.keep_new_question(closing=True)  # (gone for another article, the search)
        self.remember_place()
        self.app.post_message(LibraryEdited())  # the library shows the counts as they are

    def keep_text(self) -> str | None:
        """Save the notes and a question typed but not entered; what closing now would
        lose if the library does not take them."""
        self.remember_place()
        lost = [
            what
            for what, kept in (
                ("the notes", self.action_save()),
                ("the question", self.keep_new_question()),
            )
            if not kept
        ]
        return f"{' and '.join(lost)} typed here (the library did not take them)" if lost else None

    def action_review_article(self) -> None:
        """Review only this article's cards."""
        # Studying this article: all its new cards, whatever today's limit says.
        self.post_message(OpenReview(ReviewFilter(article_id=self.article_id), study_now=True))

    def action_back(self) -> None:
        """Escape: out of a notes field to the article first; from the article, back."""
        if isinstance(self.focused, Input | TextArea):
            for box in self.query(FindBox):
                box.display = False
            self.action_save()
            self.view.focus()
            return
        lost = self.keep_text()
        if not lost:
            self.dismiss(None)
            return

        def leave(yes: bool | None) -> None:
            if yes:
                self.let_go = True
                self.dismiss(None)

        # Never dropped without asking (the error said why).
        self.app.push_screen(ConfirmScreen(f"Go back and lose {lost}?"), leave)
