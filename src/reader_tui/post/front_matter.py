"""The YAML front matter of a post and the facts read from it (title, dates, tags). Pure.

Plain `key: value` lines are read by `plain_yaml`; anything else by python-frontmatter's
safe loader (`yaml_full`, imported only then: PyYAML takes 20 ms to import). Offsets are
computed on the raw text. YAML from a post is untrusted: front matter above
`MAX_FRONT_MATTER` characters is refused, and `yaml_full` refuses aliases that refer to
themselves or expand too far, each with a `ParseError` naming what was refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

from reader_tui.post.errors import ParseError
from reader_tui.post.plain_yaml import plain_mapping

MAX_FRONT_MATTER = 64 * 1024  # characters
FM_CLOSE = re.compile(r"\n(?:---|\.\.\.)[ \t]*\r?$", re.M)
"""The line that closes front matter, found from the line break before it (a literal)."""
FILE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:-|$)")
SUBTITLE_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")


def read_front_matter(text: str) -> tuple[tuple[int, int] | None, dict[str, Any], int]:
    start = 1 if text.startswith("\ufeff") else 0
    if not text.startswith("---", start):
        return None, {}, 0
    first_nl = text.find("\n", start)
    if first_nl < 0 or text[start + 3 : first_nl].strip():
        return None, {}, 0
    close = FM_CLOSE.search(text, first_nl)
    if close is None:
        return None, {}, 0
    raw = text[first_nl + 1 : close.start() + 1]
    if len(raw) > MAX_FRONT_MATTER:
        raise ParseError(
            f"front matter is {len(raw) // 1024} KB, more than the {MAX_FRONT_MATTER // 1024} KB "
            "reader-tui reads; shorten it"
        )
    meta = load_yaml(raw) if raw.strip() else {}
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ParseError(
            "front matter is not a list of `key: value` lines; make it one and save the post"
        )
    end = close.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return (0, end), {str(key): value for key, value in meta.items()}, end


def load_yaml(raw: str) -> Any:
    """Front matter's YAML, safely: `key: value` lines of plain values without PyYAML,
    else with it (`yaml_full.load`). Raises `ParseError` for YAML that cannot be read."""
    plain = plain_mapping(raw)
    if plain is not None:
        return plain
    from reader_tui.post.yaml_full import load

    return load(raw)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def as_list(value: Any) -> tuple[str, ...]:
    """Tags or categories as Jekyll reads them: a string split at spaces, a list with
    lists in it flattened (`- [Spring]` is `Spring`), blanks left out."""
    if value is None:
        return ()
    if type(value) is str:  # (split at whitespace: no blank parts)
        return tuple(value.split())
    if isinstance(value, (list, tuple)):
        flat: list[str] = []
        for item in value:
            flat += as_list(item) if isinstance(item, (list, tuple)) else [str(item).strip()]
        return tuple(item for item in flat if item)
    return tuple(part for part in str(value).split() if part)


def jsonable(value: Any) -> Any:
    if type(value) is str:  # (most values: asked first)
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def file_date(path: str | None) -> dt.date | None:
    if not path:
        return None
    m = FILE_DATE.match(os.path.basename(path))
    return _valid_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def meta_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if m:
            return _valid_date(int(m[1]), int(m[2]), int(m[3]))
    return None


def subtitle_date(subtitle: str) -> dt.date | None:
    for m in SUBTITLE_DATE.finditer(subtitle):
        date = _valid_date(2000 + int(m[1]), int(m[2]), int(m[3]))
        if date:
            return date
    return None
