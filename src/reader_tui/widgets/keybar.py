"""The keys of the current screen on one line, drawn as text.

Textual's Footer is a widget per key, and each is restyled whenever the focus moves: with
a reading screen's keys that was a good part of the time to open an article. This is one
widget; `?` still lists every key with its description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.screen import Screen


class KeyBar(Static):
    """The screen's shown bindings, `key description`, and the palette's key at the end."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        parts: list[tuple[str, str] | str] = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
            if not binding.show or binding.action in seen or key == palette:
                continue
            seen.add(binding.action)
            dim = "" if enabled else " dim"
            parts.append(
                (f" {self.app.get_key_display(binding)} ", f"bold $footer-key-foreground{dim}")
            )
            parts.append((binding.description, f"$footer-description-foreground{dim}"))
        if self.app.ENABLE_COMMAND_PALETTE:
            parts.append(("  ^p ", "bold $footer-key-foreground"))
            parts.append(("palette", "$footer-description-foreground"))
        self.update(Content.assemble(*parts))
