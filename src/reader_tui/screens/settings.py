"""The settings screen (the palette's "Settings"): every setting kept in the library, one
field each, checked as `reader-tui config` checks them, saved together."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label

from reader_tui.library import settings
from reader_tui.screens.form import FormScreen
from reader_tui.widgets.fields import TextInput

if TYPE_CHECKING:
    from textual.app import ComposeResult


class SettingsScreen(FormScreen[dict[str, Any]]):
    """The settings, editable; dismissed with the changed ones (name -> value)."""

    def __init__(self, chosen: settings.Settings) -> None:
        super().__init__()
        self.chosen = chosen

    def compose(self) -> ComposeResult:
        with Vertical(id="settings", classes="modal"):
            yield Label("Settings (kept in the library file; also reader-tui config)")
            with VerticalScroll(id="settings-fields"):
                for field in dataclasses.fields(settings.Settings):
                    name = field.name.replace("_", "-")
                    yield Label(f"{name}: {settings.HELP.get(field.name, '')}", classes="hint")
                    yield TextInput(
                        settings.shown(getattr(self.chosen, field.name)), id=f"set-{field.name}"
                    )
            yield from self.buttons()

    def on_mount(self) -> None:
        super().on_mount()
        # The first field's label in view: focusing the field scrolled it off the top.
        self.call_after_refresh(self.query_one("#settings-fields").scroll_home, animate=False)

    def action_save(self) -> None:
        changed: dict[str, Any] = {}
        for box in self.query(Input):
            name = (box.id or "").removeprefix("set-")
            try:
                value = settings.parse_value(name, box.value.strip())
            except (KeyError, ValueError) as error:
                self.notify(str(error.args[0]), severity="warning")
                box.focus()
                return
            if value != getattr(self.chosen, name):
                changed[name] = value
        self.finish(changed)
