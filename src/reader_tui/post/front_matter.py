"""The YAML front matter of a post and the facts read from it (title, dates, tags). Pure.

python-frontmatter's safe loader reads the YAML; offsets are computed on the raw text.
YAML from a post is untrusted: front matter above `MAX_FRONT_MATTER` characters is
refused, and so are aliases that refer to themselves or expand beyond `ALIAS_BUDGET`
values (a 400-byte "billion laughs" would otherwise grow without bound when its value
is walked), each with a `ParseError` naming what was refused.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader_tui.post.errors import ParseError
from reader_tui.post.plain_yaml import plain_mapping

_YAML = YAMLHandler()
MAX_FRONT_MATTER = 64 * 1024  # characters
ALIAS_BUDGET = 1000  # values all the aliases of one front matter may expand to
FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.M)
FILE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:-|$)")
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
    if len(raw) > MAX_FRONT_MATTER:
        raise ParseError(
            f"front matter is {len(raw) // 1024} KB, more than the {MAX_FRONT_MATTER // 1024} KB "
            "reader-tui reads; shorten it"
        )
    try:
        meta = load_yaml(raw) if raw.strip() else {}
    except RecursionError:
        raise ParseError("front matter is nested too deeply to read") from None
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


SURROGATES = re.compile(r"[\ud800-\udfff]")


def whole_characters(value: Any) -> Any:
    """`value` with YAML's `\\ud83d\\ude00` escapes joined into the character they stand for
    and a lone surrogate made U+FFFD (no file or database can hold one)."""
    if isinstance(value, str):
        if not SURROGATES.search(value):
            return value
        joined = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return SURROGATES.sub("\ufffd", joined)
    if isinstance(value, dict):
        return {whole_characters(key): whole_characters(item) for key, item in value.items()}
    if isinstance(value, list):
        return [whole_characters(item) for item in value]
    return value


class AliasError(yaml.YAMLError):
    """Aliases that refer to themselves or expand too far."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, counting what aliases expand to and refusing recursion."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.budget = ALIAS_BUDGET
        self.open_anchors: set[str] = set()  # anchors whose node is still being read
        self.sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        self.check_event(yaml.Event)  # reads the next event into `current_event`
        event = self.current_event
        if isinstance(event, yaml.AliasEvent):
            node = self.anchors.get(event.anchor)
            if node is not None:
                if event.anchor in self.open_anchors:
                    raise AliasError(f"the alias *{event.anchor} refers to itself")
                self.budget -= self.size(node)
                if self.budget < 0:
                    raise AliasError(f"aliases expand to more than {ALIAS_BUDGET} values")
            return super().compose_node(parent, index)
        anchor = getattr(event, "anchor", None)
        if anchor is None:
            return super().compose_node(parent, index)
        self.open_anchors.add(anchor)
        try:
            return super().compose_node(parent, index)
        finally:
            self.open_anchors.discard(anchor)

    def size(self, node: yaml.Node) -> int:
        """How many values `node` stands for, aliases expanded (counted once per node)."""
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        if isinstance(node, yaml.SequenceNode):
            total = 1 + sum(self.size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total = 1 + sum(self.size(k) + self.size(v) for k, v in node.value)
        else:
            total = 1
        self.sizes[id(node)] = total
        return total


def load_yaml(raw: str) -> Any:
    """Front matter's YAML, safely: `key: value` lines of plain values without PyYAML,
    else libyaml's fast loader when there can be no alias (no `&` or `*`), else the
    bounded one."""
    plain = plain_mapping(raw)
    if plain is not None:
        return plain
    if "&" not in raw and "*" not in raw:
        return _YAML.load(raw)  # libyaml refuses surrogate escapes itself
    # PyYAML's own loader takes `\\ud83d\\ude00` as two halves: join them.
    return whole_characters(yaml.load(raw, Loader=BoundedLoader))


def as_text(value: Any) -> str:
    if value is None:
        return ""
    return str(value).strip()


def as_list(value: Any) -> tuple[str, ...]:
    """Tags or categories as Jekyll reads them: a string split at spaces, a list with
    lists in it flattened (`- [Spring]` is `Spring`), blanks left out."""
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        flat: list[str] = []
        for item in value:
            flat += as_list(item) if isinstance(item, (list, tuple)) else [str(item).strip()]
        return tuple(item for item in flat if item)
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
