"""The command palette's own commands: open any article by its title."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader_tui.terminal import safe

if TYPE_CHECKING:
    from reader_tui.app import ReaderApp


class ArticleCommands(Provider):
    """`Open: <title>` for every article in the library."""

    async def startup(self) -> None:
        app: ReaderApp = self.app  # type: ignore[assignment]
        self.entries = [(e.id, safe(e.title), e.date) for e in app.store.articles()]

    def _open(self, article_id: int) -> None:
        app: ReaderApp = self.app  # type: ignore[assignment]
        app.open_reading(article_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for article_id, title, date in self.entries:
            command = f"Open: {title}"
            score = matcher.match(command)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command),
                    partial(self._open, article_id),
                    help=date.isoformat() if date else None,
                )

    async def discover(self) -> Hits:
        for article_id, title, date in self.entries[:20]:
            yield DiscoveryHit(
                f"Open: {title}",
                partial(self._open, article_id),
                help=date.isoformat() if date else None,
            )
