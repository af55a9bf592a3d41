"""The command palette's own commands: open any article by its title; the reading
screen's commands."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader_tui.messages import OpenArticle
from reader_tui.terminal import safe

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.fuzzy import Matcher

    from reader_tui.models import LibraryEntry


def highlighted(matcher: Matcher, candidate: str) -> Content:
    """`candidate` with the letters the query matched marked; as text, never markup
    (Textual's `Matcher.highlight` parses the candidate as markup)."""
    content = Content(candidate)
    score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    if not score:
        return content
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def article_commands(entries: Callable[[], Sequence[LibraryEntry]]) -> type[Provider]:
    """A provider of `Open: <title>` for each of `entries()` (read when the palette opens)."""

    class ArticleCommands(Provider):
        """`Open: <title>` for every article in the library."""

        async def startup(self) -> None:
            self.entries = [(e.id, safe(e.title), e.date) for e in entries()]

        def _open(self, article_id: int) -> None:
            self.app.post_message(OpenArticle(article_id))

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for article_id, title, date in self.entries:
                command = f"Open: {title}"
                score = matcher.match(command)
                if score > 0:
                    yield Hit(
                        score,
                        highlighted(matcher, command),
                        partial(self._open, article_id),
                        help=date.isoformat() if date else None,
                    )

        async def discover(self) -> Hits:
            for article_id, title, date in self.entries[:20]:
                yield DiscoveryHit(
                    Content(f"Open: {title}"),
                    partial(self._open, article_id),
                    help=date.isoformat() if date else None,
                )

    return ArticleCommands


class ReadingCommands(Provider):
    """The palette's commands of the reading screen it was opened on."""

    COMMANDS = (
        ("Toggle side panes", "Show or hide highlights and notes", "toggle_panes"),
        ("Note on the highlight", "Write a note on the current one", "edit_note"),
        (
            "Study this article now",
            "This article's cards, all its new ones whatever today's limit",
            "review_article",
        ),
        (
            "Convert notes to your form",
            "Notes read from another blog's headings: a block in your form, editable here",
            "convert_notes",
        ),
    )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, action in self.COMMANDS:
            score = matcher.match(name)
            if score > 0:
                run = partial(self.screen.run_action, action)
                yield Hit(score, matcher.highlight(name), run, help=help_text)

    async def discover(self) -> Hits:
        for name, help_text, action in self.COMMANDS:
            yield DiscoveryHit(name, partial(self.screen.run_action, action), help=help_text)
