"""The YAML front matter of a post and the facts read from it (title, dates, tags). Pure.

python-frontmatter's safe loader reads the YAML; offsets are computed on the raw text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader_tui.post.errors import ParseError

_YAML = YAMLHandler()
FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
FILE_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:-|$)")
SUBTITLE_DATE = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)")


def read_front_matter(text: str) -> tuple[tuple[int, int] | None, dict[str, Any], int]:
    start = 1 if text.startswith("\ufeff") else 0
    if not text.startswith("---", start):
        return None, {}, 0
    first_nl = text.find("\n", start)
    if first_nl < 0 or text[start + 3 : first_nl].strip():
        return None, {}, 0
    close = FM_CLOSE.search(text, first_nl + 1)
    if close is None:
        return None, {}, 0
    raw = text[first_nl + 1 : close.start()]
    try:
        meta = _YAML.load(raw) if raw.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "is not valid YAML"
        raise ParseError(f"front matter{where}: {problem}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ParseError("front matter is not a list of `key: value` lines")
    end = close.end()
    if end < len(text) and text[end] == "\n":
        end += 1
    return (0, end), {str(key): value for key, value in meta.items()}, end


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def as_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(str(item).strip() for item in value if str(item).strip())
    return tuple(part for part in str(value).split() if part)


def jsonable(value: Any) -> Any:
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
