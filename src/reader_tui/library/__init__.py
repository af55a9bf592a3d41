"""The library: every article, highlight, note and review card in one SQLite file.

No Textual here. `connection.Library` is the open file; each job is a module of functions
over it: `schema` (tables and upgrades), `importing` and `sync` (posts in), `anchors` and
`merge` (what survives an edit of the post), `records` (shared row writers), `index` and
`search`, `queries` (what the screens read), `edits` (what the app writes), `settings`,
and `cards` (review cards and their log).
"""

from reader_tui.library.connection import Library, LibraryError

__all__ = ["Library", "LibraryError"]
