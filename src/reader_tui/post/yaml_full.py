"""Front matter that is not plain `key: value` lines, read with PyYAML. Pure.

Imported only for such front matter (see `front_matter`): PyYAML takes 20 ms to import.
python-frontmatter's safe loader (libyaml's) reads it when there can be no alias; YAML
from a post is untrusted, so with `&` or `*` the bounded loader below reads it, refusing
aliases that refer to themselves or expand beyond `ALIAS_BUDGET` values (a 400-byte
"billion laughs" would otherwise grow without bound when its value is walked). Every
error is a `ParseError` naming what was refused and where.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from reader_tui.post.errors import FIX_FRONT_MATTER, ParseError

_YAML = YAMLHandler()
ALIAS_BUDGET = 1000  # values all the aliases of one front matter may expand to


def load(raw: str) -> Any:
    """The front matter `raw` as YAML; raises `ParseError` if it cannot be read."""
    try:
        if "&" not in raw and "*" not in raw:
            return _YAML.load(raw)  # libyaml refuses surrogate escapes itself
        # PyYAML's own loader takes `\\ud83d\\ude00` as two halves: join them.
        return whole_characters(yaml.load(raw, Loader=BoundedLoader))
    except RecursionError:
        raise ParseError(f"front matter is nested too deeply to read; {FIX_FRONT_MATTER}") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "is not valid YAML"
        raise ParseError(f"front matter{where}: {problem}; {FIX_FRONT_MATTER}") from None


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
