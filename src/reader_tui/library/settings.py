"""The user's settings, typed, kept in the library file's `settings` table. No Textual.

One `Settings` value instead of string keys spread over the modules that use them; a stored
value that does not read as its type falls back to the default.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader_tui.library.connection import Library

NEW_PER_DAY = 10


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set (each field's name is its key in the table)."""

    auto_write_back: bool = False  # write notes and highlights into the post after each save
    review_new_per_day: int = NEW_PER_DAY  # new review cards introduced a day
    review_cloze: bool = False  # keywords blanked in highlights become cards too


def _read(kind: Any, text: str, default: Any) -> Any:
    if kind in (bool, "bool"):
        return {"on": True, "off": False}.get(text, default)
    if kind in (int, "int"):
        try:
            return max(0, int(text))
        except ValueError:
            return default
    return text


def _write(value: Any) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)


def load(library: Library) -> Settings:
    """The library's settings, defaults for what was never set."""
    stored = dict(library.conn.execute("SELECT key, value FROM settings").fetchall())
    defaults = Settings()
    values = {
        f.name: _read(f.type, stored[f.name], getattr(defaults, f.name))
        for f in dataclasses.fields(Settings)
        if f.name in stored
    }
    return dataclasses.replace(defaults, **values)


def save(library: Library, **changes: Any) -> Settings:
    """Change some settings (by field name) and return them all."""
    names = {f.name for f in dataclasses.fields(Settings)}
    unknown = set(changes) - names
    if unknown:
        raise ValueError(f"no such setting: {', '.join(sorted(unknown))}")
    with library.writing():
        library.conn.executemany(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [(key, _write(value)) for key, value in changes.items()],
        )
    return load(library)
