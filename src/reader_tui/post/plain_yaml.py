"""Front matter of the plainest form, read without PyYAML's node-by-node constructor. Pure.

Most posts' front matter is `key: value` lines whose values are single words, quoted
strings, `[a, b]` lists or `- item` lists. `plain_mapping` reads exactly that and gives
what `yaml.safe_load` gives for it; anything else (a tab, an escape, a comment after a
value, a nested list, a line it does not know, a value PyYAML could not make) makes it
answer None, and the caller asks PyYAML. `true` and `~` are typed as PyYAML types them
(tables checked against it in the tests); numbers and dates (`012`, `2022-03-15`) by
PyYAML's own resolver and functions, imported only for them.
"""

from __future__ import annotations

import re
from typing import Any

# How PyYAML types a plain scalar (its `Resolver`'s rules, by first character): a few
# words are booleans or null, as here (the tests check them against it); one that starts
# with a digit, `+`, `-` or `.` may be a number or a date, and PyYAML types it, imported
# then (it takes 20 ms to import); `<<` and `=` are left to it whole.
_BOOLS = {
    word: value
    for value, words in (
        (True, "yes Yes YES true True TRUE on On ON"),
        (False, "no No NO false False FALSE off Off OFF"),
    )
    for word in words.split()
}
_NULLS = frozenset(("~", "null", "Null", "NULL"))
_NUMBER_FIRST = frozenset("0123456789+-.")
_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_.\-]*)[ ]*:(?:[ ]+(.*))?")  # value: rstrip it
_ITEM_LINE = re.compile(r"([ ]*)-[ ]+(.*)")
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
# Anything YAML would not take as it is: control characters, tabs, line breaks other
# than `\n`, a byte-order mark, surrogates. PyYAML then says what is wrong, if anything.
# (Named as what is refused: the class of what is allowed, up to U+10FFFF, takes 7 ms
# to compile.)
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_NO_VALUE = object()
KEY_MAX = 1000
# The commonest front matter, read whole by one pattern: lines of a key and a value that
# is a quoted string, or a word that starts with a letter and holds no `:`, `#` or quote
# (text, or a word of `_BOOLS` or `_NULLS`; never a number, a date or an indicator).
_SIMPLE_LINE = (
    r"([A-Za-z_][A-Za-z0-9_.\-]{0,200})[ ]*:[ ]+"
    r"""(?:'([^'\n]*)'|"([^"\\\n]*)"|([A-Za-z\uac00-\ud7a3][^\n:#'"]*?))[ ]*(?:\n|\Z)"""
)
_SIMPLE_LINES = re.compile(_SIMPLE_LINE)
_WORDS = {**_BOOLS, **dict.fromkeys(_NULLS)}
_SEEN: dict[str, Any] = {}  # numbers and dates already typed (most posts share them)
SEEN_MAX = 512


def plain_mapping(raw: str) -> dict[str, Any] | None:
    """The front matter `raw` as `yaml.safe_load` reads it, or None if it is not plain."""
    if "\r" in raw:
        raw = raw.replace("\r\n", "\n")
    if _UNUSUAL.search(raw):
        return None
    simple = _simple_mapping(raw)
    if simple is not None:
        return simple
    result: dict[str, Any] = {}
    key: str | None = None  # a key whose value is a `- item` list still being read
    items: list[Any] = []
    indent = -1
    for line in raw.split("\n"):
        content = line.lstrip(" ")
        if not content or content[0] == "#":
            continue
        if key is not None:
            item = _ITEM_LINE.fullmatch(line)
            if item is not None and (indent < 0 or len(item.group(1)) == indent):
                value = _value(item.group(2).rstrip(" "), flow=False)
                if value is _NO_VALUE:
                    return None
                items.append(value)
                indent = len(item.group(1))
                continue
            result[key] = items if indent >= 0 else None
            key, items, indent = None, [], -1
        m = _KEY_LINE.fullmatch(line)
        if m is None or line.find(":") > KEY_MAX:  # (a longer key is an error to YAML)
            return None
        name = _scalar(m.group(1))
        if not isinstance(name, str):
            return None
        written = (m.group(2) or "").rstrip(" ")
        if not written:
            key = name  # an empty value, unless `- item` lines follow
            continue
        value = _value(written, flow=True)
        if value is _NO_VALUE:
            return None
        result[name] = value
    if key is not None:
        result[key] = items if indent >= 0 else None
    return result or None


def _simple_mapping(raw: str) -> dict[str, Any] | None:
    """`plain_mapping` of front matter made of lines `_SIMPLE_LINES` matches, one after
    the other (None: it is not, or a key is one YAML types). One split finds the lines
    and tells whether anything lies between them."""
    parts = _SIMPLE_LINES.split(raw)
    if len(parts) == 1 or any(parts[0::5]):
        return None
    result: dict[str, Any] = {}
    groups = zip(parts[1::5], parts[2::5], parts[3::5], parts[4::5], strict=True)
    for key, single, double, word in groups:
        if key in _WORDS:  # (`true: x`: not a text key)
            return None
        if word is not None:
            result[key] = _WORDS.get(word, word)
        else:
            result[key] = single if single is not None else double
    return result


def _value(text: str, flow: bool) -> Any:
    """One value written on one line, or `_NO_VALUE` when it is not a plain one."""
    if not text:
        return _NO_VALUE
    first = text[0]
    if first == "'":
        m = _SINGLE.fullmatch(text)
        return m.group(1).replace("''", "'") if m else _NO_VALUE
    if first == '"':
        m = _DOUBLE.fullmatch(text)
        return m.group(1) if m else _NO_VALUE
    if first == "[" and flow and text[-1] == "]":
        inner = text[1:-1]
        if not inner.strip(" "):
            return []
        words = [word.strip(" ") for word in inner.split(",")]
        if any(not word or not _plain(word, ",?[]{}:#'\"") for word in words):
            return _NO_VALUE
        values = [_scalar(word) for word in words]
        return _NO_VALUE if _NO_VALUE in values else values
    if not _plain(text, ""):
        return _NO_VALUE
    return _scalar(text)


def _plain(text: str, forbidden: str) -> bool:
    """Whether `text` reads as one plain scalar (in a flow list, without `forbidden`)."""
    return (
        text[0] not in _INDICATORS
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not (forbidden and any(char in text for char in forbidden))
    )


def _scalar(text: str) -> Any:
    """A plain scalar typed as PyYAML types it, or `_NO_VALUE` for `<<` and `=`."""
    if text in _BOOLS:
        return _BOOLS[text]
    if text in _NULLS:
        return None
    if text[0] in _NUMBER_FIRST:
        return _number(text)
    if text[0] in "<=":
        return _NO_VALUE
    return text


def _number(text: str) -> Any:
    """A plain scalar that may be a number or a date, typed by PyYAML's own rules and
    made by its own functions."""
    known = _SEEN.get(text, _NO_VALUE)
    if known is not _NO_VALUE:
        return known
    from yaml.constructor import SafeConstructor
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    # As `Resolver.resolve` types a plain scalar (it has no wildcard or path resolvers).
    rules = Resolver.yaml_implicit_resolvers.get(text[0], ())
    tag = next((tag for tag, rule in rules if rule.match(text)), "tag:yaml.org,2002:str")
    if tag == "tag:yaml.org,2002:str":
        value: Any = text
    elif tag.rsplit(":", 1)[1] in ("int", "float", "timestamp"):
        try:
            value = SafeConstructor.yaml_constructors[tag](SafeConstructor(), ScalarNode(tag, text))
        except (ValueError, OverflowError):  # `2021-13-45`: PyYAML says so, if it reads it
            value = _NO_VALUE
    else:
        value = _NO_VALUE
    if len(_SEEN) >= SEEN_MAX:
        _SEEN.clear()
    _SEEN[text] = value  # all immutable: str, int, float, date, datetime
    return value
