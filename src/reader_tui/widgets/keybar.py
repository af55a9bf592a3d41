"""The keys of the current screen and mode, drawn as text on one line (two when the
terminal is too narrow for one; the app's own keys, quit and the palette, only where they
fit).

Textual's Footer is a widget per key, and each is restyled whenever the focus moves: with
a reading screen's keys that was a good part of the time to open an article. This is one
widget; `?` still lists every key with its description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual.content import Content
from textual.widgets import Static

if TYPE_CHECKING:
    from collections.abc import Sequence

    from textual.screen import Screen


class KeyBar(Static):
    """The screen's shown bindings, `key description`, and the palette's key at the end."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
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

    def on_resize(self) -> None:
        self.show_keys()

    def show_keys(self) -> None:
        """`key description` for each key shown, on as many lines as the width needs (a
        key and its description never part). A focused widget in a mode of its own (the
        article's caret) gives the keys of that mode instead of the screen's. `^q Quit`
        and the palette's key end the bar when they fit on its last line."""
        keys: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        palette = self.app.COMMAND_PALETTE_BINDING
        quits = False
        focused = self.screen.focused
        # A widget with a mode of its own has `mode_keys()`: (key, what it does) for the
        # mode it is in, or None to show the screen's keys.
        mode_keys = getattr(focused, "mode_keys", None)
        mode: Sequence[tuple[str, str]] | None = mode_keys() if callable(mode_keys) else None
        if mode is not None:
            keys += [(key, description, True) for key, description in mode]
        else:
            # A screen may name some keys by what they do now (`3 Good 2d`): `key_labels()`.
            key_labels = getattr(self.screen, "key_labels", None)
            labels: dict[str, str] = key_labels() if callable(key_labels) else {}
            for key, (_node, binding, enabled, _tooltip) in self.screen.active_bindings.items():
                if not binding.show or binding.action in seen or key == palette:
                    continue
                seen.add(binding.action)
                quits = quits or binding.action in ("quit", "app.quit")
                description = labels.get(binding.action, binding.description)
                keys.append((self.app.get_key_display(binding), description, enabled))
        # The app's own keys end the bar where there is room for them: never a line of
        # their own (on a 24-row terminal, a row of the article); `?` lists them.
        shared: list[tuple[str, str, bool]] = [] if quits else [("^q", "Quit", True)]
        if self.app.ENABLE_COMMAND_PALETTE:
            shared.append(("^p", "palette", True))
        width = self.size.width or self.app.size.width
        parts: list[tuple[str, str] | str] = []
        used = 0
        for index, (key, description, enabled) in enumerate([*keys, *shared]):
            cells = cell_len(key) + cell_len(description) + 2
            if used and used + cells > width:
                if index >= len(keys):
                    break
                parts.append("\n")
                used = 0
            dim = "" if enabled else " dim"
            parts.append((f" {key} ", f"bold $footer-key-foreground{dim}"))
            parts.append((description, f"$footer-description-foreground{dim}"))
            used += cells
        self.update(Content.assemble(*parts))
