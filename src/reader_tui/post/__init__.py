"""A reading-note post as text, to an `Article` and back. Pure: no files, no Textual.

`parse` records where every piece came from (`Article.source`); `write` applies only
the splices an edit needs to the original text, so every byte it was not asked to
change stays as it was. Modules: `model` (`Article` and its parts), `blocks`, `markup`,
`scanner` and `quick` (the block and inline scanner, shared with the article view),
`front_matter` (with `plain_yaml` and `yaml_full`), `layout`, `highlights`, `notes` (the
convention, read and written), `usual` (the user's usual notes block, in one match),
`splices`, `reader` and `writer`.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from reader_tui.post.errors import EditError, ParseError

if TYPE_CHECKING:
    from reader_tui.post.highlights import (
        add_highlight,
        check_highlight_range,
        recolor_highlight,
        remove_highlight,
    )
    from reader_tui.post.notes import (
        normalize_keywords,
        normalize_questions,
        normalize_text,
        parse_keywords,
        with_notes,
    )
    from reader_tui.post.reader import parse
    from reader_tui.post.writer import write

# Where each name lives: imported when first asked for, so that a module that needs only
# `conventions` (the settings) or `blocks` does not load the whole parser and YAML.
_LAZY = {
    "add_highlight": "highlights",
    "check_highlight_range": "highlights",
    "recolor_highlight": "highlights",
    "remove_highlight": "highlights",
    "normalize_keywords": "notes",
    "normalize_questions": "notes",
    "normalize_text": "notes",
    "parse_keywords": "notes",
    "with_notes": "notes",
    "parse": "reader",
    "write": "writer",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "EditError",
    "ParseError",
    "add_highlight",
    "check_highlight_range",
    "normalize_keywords",
    "normalize_questions",
    "normalize_text",
    "parse",
    "parse_keywords",
    "recolor_highlight",
    "remove_highlight",
    "with_notes",
    "write",
]
