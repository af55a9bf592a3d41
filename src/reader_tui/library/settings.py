"""The user's settings, typed, kept in the library file's `settings` table. No Textual.

One `Settings` value instead of string keys spread over the modules that use them; a stored
value that does not read as its type falls back to the default.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader_tui.library.connection import Library

NEW_PER_DAY = 10
MAX_POST_MB = 5


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can set (each field's name is its key in the table)."""

    auto_write_back: bool = False  # write notes and highlights into the post after each save
    review_new_per_day: int = NEW_PER_DAY  # new review cards introduced a day
    review_cloze: bool = False  # keywords blanked in highlights become cards too
    review_retention: int = 90  # FSRS's target: the chance (%) to recall a card when due
    review_learn_ahead: int = 20  # minutes a session waits for a learning card due soon
    review_recall_highlights: bool = True  # a highlight card blanks its passage (off: shows it)
    max_post_mb: int = MAX_POST_MB  # posts larger than this are not imported
    backups_per_post: int = 10  # write-back keeps this many previous versions of a post
    write_answers: bool = True  # write-back writes answers after their question (q ->answer)
    write_highlight_notes: bool = False  # ... and highlight notes after them (<!-- note: -->)
    # Headings read as notes besides the defaults: `keywords:태그,주제;questions:의문`.
    notes_headings: str = ""


HELP = {
    "auto_write_back": "write notes and highlights into the post after each save (on/off)",
    "review_new_per_day": "new review cards a day (0-1000)",
    "review_cloze": "also cards with an article's keyword blanked in its highlights (on/off)",
    "review_retention": "the chance (%) to recall a card when it is due, 70-99 (FSRS)",
    "review_learn_ahead": "minutes a review waits for a learning card due soon (0-240)",
    "review_recall_highlights": "highlight cards blank the passage (off: show it to re-read)",
    "max_post_mb": "posts larger than this many MB are not imported (1-1000)",
    "backups_per_post": "previous versions of each post write-back keeps (1-1000)",
    "write_answers": "write answers into posts after their question: q ->answer (on/off)",
    "write_highlight_notes": "write highlight notes into posts as <!-- note: --> (on/off)",
    "notes_headings": "headings read as notes: keywords:태그;questions:의문 adds, "
    "summary:-정리 takes out",
}
"""What each setting does, as `reader-tui config` and the settings screen say."""


def shown(value: Any) -> str:
    """A setting's value as the user types it: on/off, a number, text."""
    return _write(value)


RANGES = {
    "review_new_per_day": (0, 1000),
    "max_post_mb": (1, 1000),
    "backups_per_post": (1, 1000),
    "review_retention": (70, 99),
    "review_learn_ahead": (0, 240),
}


def parse_value(name: str, text: str) -> Any:
    """A setting's value typed by the user (`on`, `12`), or `ValueError` saying what fits
    (`KeyError` for a name that is no setting)."""
    fields = {f.name: f for f in dataclasses.fields(Settings)}
    if name not in fields:
        known = ", ".join(key.replace("_", "-") for key in fields)
        raise KeyError(f"no such setting: {name.replace('_', '-')} (the settings: {known})")
    kind = fields[name].type
    low, high = RANGES.get(name, (0, 1_000_000))
    name = name.replace("_", "-")
    if kind in (bool, "bool"):
        if text not in ("on", "off"):
            raise ValueError(f"{name} is on or off, not {text!r}")
        return text == "on"
    if kind in (str, "str"):
        return text
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"{name} is a whole number from {low} to {high}, not {text!r}") from None
    if not low <= value <= high:
        raise ValueError(f"{name} is a whole number from {low} to {high}, not {value}")
    return value


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


def note_names(library: Library) -> dict[str, tuple[str, ...]]:
    """The headings read as notes (`conventions.DEFAULT_NAMES` and the user's own)."""
    # Here, not at the top: the library screen reads settings before any post is read.
    from reader_tui.post.conventions import names_from

    return names_from(load(library).notes_headings)


def load(library: Library) -> Settings:
    """The library's settings, defaults for what was never set."""
    try:
        stored = dict(library.conn.execute("SELECT key, value FROM settings").fetchall())
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):  # a library of schema 3 or older: defaults
            raise
        stored = {}
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
