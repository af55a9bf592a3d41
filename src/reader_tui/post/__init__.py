"""A reading-note post as text, to an `Article` and back. Pure: no files, no Textual.

`parse` records where every piece came from (`Article.source`); `write` applies only
the splices an edit needs to the original text, so every byte it was not asked to
change stays as it was. Modules: `blocks`, `markup`, `scanner` and `quick` (the block and
inline scanner, shared with the article view), `front_matter`, `layout`, `highlights`,
`notes` (the convention, read and written), `splices`, `reader` and `writer`.
"""

from reader_tui.post.errors import EditError, ParseError
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
