"""The article view's keys: its bindings, and what the key bar shows while a caret is
shown and while selecting."""

from __future__ import annotations

from textual.binding import Binding, BindingType

CARET_KEYS = (
    ("w b", "word"),
    (") (", "sentence"),
    ("← →", "char"),
    ("↑ ↓", "paragraph"),
    ("v ⇧→", "select from here"),
    ("esc", "no caret"),
)
SELECTING_KEYS = (
    ("w b ) ( ← → ↑ ↓", "extend"),
    ("h", "blue"),
    ("H", "red"),
    ("c", "colour…"),
    ("v", "unselect"),
    ("esc", "drop selection"),
)
ARTICLE_BINDINGS: list[BindingType] = [
    Binding("v", "caret", "Caret/select", tooltip="Show a caret; again: select"),
    Binding("space", "space", "Page/select", show=False, tooltip="Next page; with a caret: select"),
    Binding("left", "move('char', -1)", "Char back", show=False),
    Binding("right", "move('char', 1)", "Char on", show=False),
    # As in a text editor: shift with an arrow selects (showing the caret first if need
    # be). Named on the caret's key bar (`CARET_KEYS`), not in the keys panel: four more
    # lines there pushed the screen's own keys out of it.
    Binding("shift+left", "extend('char', -1)", "Select back", show=False, system=True),
    Binding("shift+right", "extend('char', 1)", "Select on", show=False, system=True),
    Binding("shift+up", "extend('block', -1)", "Select up", show=False, system=True),
    Binding("shift+down", "extend('block', 1)", "Select down", show=False, system=True),
    Binding("w", "move('word', 1)", "Word on", show=False, tooltip="Caret: next word"),
    Binding("b", "back", "Page back", show=False, tooltip="Page back; with a caret: word back"),
    Binding(
        "right_parenthesis",
        "move('sentence', 1)",
        "Sentence on",
        show=False,
        tooltip="Caret: next sentence",
    ),
    Binding(
        "left_parenthesis",
        "move('sentence', -1)",
        "Sentence back",
        show=False,
        tooltip="Caret: sentence back",
    ),
    Binding("down,j", "line(1)", "Line down", show=False, tooltip="Scroll; caret: next paragraph"),
    Binding("up,k", "line(-1)", "Line up", show=False, tooltip="Scroll; caret: paragraph back"),
    Binding(
        "escape",
        "leave_caret",
        "Leave",
        tooltip="Drop the selection, then the caret, then the find's marks",
    ),
]
