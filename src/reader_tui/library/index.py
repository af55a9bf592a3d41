"""The search index's upkeep: what each article puts in it, and one re-indexing path.

`search_fts` is an FTS5 table over Korean-aware grams (see `grams.py`); it stores no copy
of the text (the posts' bodies are in `articles.body_zlib` once), so rows are removed from
it by giving back the grams they were indexed with: every write that touches indexed text
goes through `reindexing`, which takes out the documents whose text the change changed
and puts them back as they are after it. No Textual.
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import contextmanager
from typing import TYPE_CHECKING

from reader_tui import grams
from reader_tui.library.records import unpack
from reader_tui.library.schema import FTS_TABLES
from reader_tui.post.blocks import contains
from reader_tui.post.markup import HTML_TAG

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from reader_tui.library.connection import Library

GRAMS_MODE: grams.Mode = "bigram"
INDEX_VERSION = "3"
"""How text is indexed (what `_doc_texts` takes, how `grams` cuts it). The index gives
back an article's grams to remove it, so a library indexed another way is re-indexed
whole, once, before the index is touched (`current`). 2: link targets and URLs left out,
text in NFC. 3: a column per tier (schema 6)."""
COLUMNS = {"body": 0, "highlight": 1, "note": 1, "question": 1, "title": 2}
"""Each kind of document goes into one of the index's columns: body, notes, title."""


Row = tuple["str | bytes", str, str]
"""A document's grams as the index's columns (body, notes, title) take them: the body's
may be UTF-8 bytes (what an import's worker sends back: not decoded and encoded again)."""
Cut = list[tuple[str, "int | None", Row]]
"""An article's documents cut into grams: (kind, ref_id, row) each."""


def _row(kind: str, text: str) -> Row:
    """The index row of a document: its grams in its kind's column, the others empty."""
    row = ["", "", ""]
    row[COLUMNS[kind]] = grams.index_text(text, GRAMS_MODE)
    return row[0], row[1], row[2]


def cut(docs: Iterable[tuple[str, int | None, str]], body: bytes | None = None) -> Cut:
    """`documents` cut into grams (`body`: the body's, cut already as `body_grams` and
    encoded)."""
    return [
        (kind, ref, (body, "", "") if kind == "body" and body is not None else _row(kind, text))
        for kind, ref, text in docs
    ]


def current(library: Library) -> bool:
    """Re-index the library if it was indexed another way (checked once per connection);
    whether it was re-indexed now."""
    if library.index_current:
        return False
    conn = library.conn
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'search_index'").fetchone()
    except sqlite3.OperationalError:  # a library being upgraded: no settings table yet
        return False
    library.index_current = True
    if row is not None and row[0] == INDEX_VERSION:
        return False
    if conn.in_transaction:
        _rebuild(library)
    else:
        with library.writing():
            _rebuild(library)
    return True


_LINK_TEXT = r"\[((?:[^\[\]\n]|\[[^\]\n]*\])*)"
_LINK_TARGET = r"\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"]*\")?\)"
LINK = re.compile("!" + _LINK_TEXT + _LINK_TARGET + "|" + _LINK_TEXT + _LINK_TARGET)
"""A Markdown image or link (its alt text or text: the last group it matched): only that
text is what a reader reads. Written as two branches that each start with a character
(`!`, `[`), not as one starting with an optional `!`: `re` then skips to where one of
them is, instead of trying the pattern at every position (twice as slow on a post)."""
LINK_ONLY = re.compile(_LINK_TEXT + _LINK_TARGET)
"""`LINK` for text with no image (no `![`): starting with one character, it is found
four times faster still."""
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
URL = re.compile(
    r"<(?:https?|ftp)://[^\s<>]*>?"
    r"|h(?<!\wh)ttps?://[^\s<>]*>?"
    r"|f(?<!\wf)tp://[^\s<>]*>?"
    r"|w(?<!\ww)ww\.[^\s<>]+"
)
"""A URL: `http://`, `https://` or `ftp://` (maybe after a `<`) or `www.`, after no letter
or digit, up to a space or an angle bracket (and a closing `>`). Written as branches
that each start with a character, as `LINK` is: a word boundary before the first letter
is a look back from after it."""


def plain(markdown: str) -> str:
    """Markdown as a reader sees it, roughly: tags and their attributes gone, a link's
    or image's target gone (its text stays), URLs gone, whitespace collapsed."""
    return " ".join(readable(markdown).split())


def _link_text(link: re.Match[str]) -> str:
    return link[link.lastindex or 0]


def readable(markdown: str) -> str:
    """`plain` with its whitespace as written: what the index is given of a body. (The
    index splits words at any whitespace, so collapsing it changes no word or position,
    and on a long post cost more than the rest together.)"""
    # (Each marker looked for by a character first: see `contains`.)
    if "<" in markdown:
        markdown = HTML_TAG.sub("", markdown)
    if contains(markdown, "]("):
        markdown = (LINK if contains(markdown, "![") else LINK_ONLY).sub(_link_text, markdown)
    if contains(markdown, "]:"):
        markdown = REFERENCE.sub("", markdown)
    if contains(markdown, "://") or contains(markdown, "www."):
        markdown = URL.sub("", markdown)
    for marker in ("**", "__", "`", "\\"):
        if contains(markdown, marker):
            markdown = markdown.replace(marker, "")
    return markdown


def body_grams(body: str) -> str:
    """The index's grams of a post's body (as stored)."""
    return grams.index_text(readable(body), GRAMS_MODE)


def _doc_texts(
    library: Library, article_id: int, with_body: bool = True
) -> list[tuple[str, int | None, str]]:
    """What the index holds for an article: (kind, ref_id, text) per document (the body's
    text left empty unless `with_body`)."""
    conn = library.conn
    column = "body_zlib" if with_body else "NULL"
    row = conn.execute(
        f"SELECT title, subtitle, {column}, summary FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return []
    title, subtitle, packed, summary = row
    body = unpack(packed) if with_body else ""
    keywords = [
        r[0]
        for r in conn.execute(
            "SELECT keyword FROM keywords WHERE article_id = ? ORDER BY position", (article_id,)
        )
    ]
    extras = [
        r[0]
        for r in conn.execute(
            "SELECT text FROM extra_sections WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]
    # A highlight's passage is in the body; only orphans (no longer there) need their own.
    orphans = conn.execute(
        "SELECT id, text FROM highlights WHERE article_id = ? AND status = 'orphan'",
        (article_id,),
    ).fetchall()
    questions = conn.execute(
        "SELECT id, text, answer FROM questions WHERE article_id = ?", (article_id,)
    ).fetchall()
    return documents(title, subtitle, readable(body), summary, keywords, extras, questions, orphans)


def documents(
    title: str,
    subtitle: str,
    body: str,
    summary: str,
    keywords: Iterable[str],
    extras: Iterable[str],
    questions: Iterable[tuple[int | None, str, str]],
    orphans: Iterable[tuple[int, str]] = (),
) -> list[tuple[str, int | None, str]]:
    """An article's documents, (kind, ref_id, text) each, from what the library holds of
    it (`body` as `readable` makes it; questions as (id, text, answer), orphaned
    highlights as (id, text)): the one place their text is made, for an article read
    back from the library and for one just stored alike."""
    docs: list[tuple[str, int | None, str]] = [
        ("title", None, f"{title} {subtitle}"),
        ("body", None, body),
        ("note", None, " ".join([*keywords, summary, *extras])),
    ]
    docs += [("highlight", hid, htext) for hid, htext in orphans]
    docs += [("question", qid, f"{qtext} {answer}") for qid, qtext, answer in questions]
    return docs


def index(library: Library, article_id: int) -> None:
    """Add an article's documents, as the library holds them, to the index."""
    if current(library):
        return  # indexed afresh with every other article
    _add(library, article_id, cut(_doc_texts(library, article_id)))


def index_cut(library: Library, article_id: int, docs: Cut) -> None:
    """`index` with the documents cut already (as `cut` gives them)."""
    if not current(library):
        _add(library, article_id, docs)


FTS_VALUES = "(?, CAST(? AS TEXT), ?, ?)"
"""An index row's values: a body given as UTF-8 bytes is its text."""


def _add(library: Library, article_id: int, docs: Cut) -> None:
    conn = library.conn
    first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM search_docs").fetchone()[0]
    ids = range(first, first + len(docs))
    conn.executemany(
        "INSERT INTO search_docs (id, article_id, kind, ref_id) VALUES (?, ?, ?, ?)",
        [(doc_id, article_id, kind, ref) for doc_id, (kind, ref, _) in zip(ids, docs, strict=True)],
    )
    rows = [(doc_id, *row) for doc_id, (_, _, row) in zip(ids, docs, strict=True)]
    if library.index_held is not None:  # in bulk: written at the end, in one statement
        library.index_held.extend(rows)
    else:
        conn.executemany(
            f"INSERT INTO search_fts (rowid, body, notes, title) VALUES {FTS_VALUES}", rows
        )


HELD_ROWS = 2000  # index rows written by one statement, at most


def _write_held(library: Library) -> None:
    """Write the index rows held back (see `in_bulk`), many rows a statement: FTS5 writes
    its pending rows out at the end of each statement, so one per row made many small
    segments to merge. (The rows as the statement's values, not through a temporary
    table: that wrote every row twice more.)"""
    held = library.index_held
    if held:
        conn = library.conn
        limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // 4
        per = max(1, min(HELD_ROWS, limit))
        for first in range(0, len(held), per):
            part = held[first : first + per]
            conn.execute(
                "INSERT INTO search_fts (rowid, body, notes, title) VALUES "
                + ", ".join([FTS_VALUES] * len(part)),
                [value for row in part for value in row],
            )
        held.clear()


@contextmanager
def in_bulk(library: Library) -> Iterator[None]:
    """Inside one write transaction (an import's batch): the search index's new rows, and
    the rows added to the word-search tables (`FTS_TABLES`), are written at its end in one
    statement each, not one by one. (On an error the transaction is rolled back, the
    marks with it.)"""
    conn = library.conn
    try:
        library.index_held = []
        for table in FTS_TABLES:
            conn.execute(
                "INSERT INTO words_pending (tbl, above) "
                f'SELECT ?, coalesce(max(rowid), 0) FROM "{table}"',
                (table,),
            )
        yield
        _write_held(library)
    finally:
        library.index_held = None  # whatever happened: held rows never outlive the batch
    for table, columns in FTS_TABLES.items():
        cols = ", ".join(f'"{c}"' for c in columns)
        conn.execute(
            f'INSERT INTO "{table}_fts" (rowid, {cols}) SELECT rowid, {cols} FROM "{table}" '
            "WHERE rowid > (SELECT above FROM words_pending WHERE tbl = ?)",
            (table,),
        )
    conn.execute("DELETE FROM words_pending")


@contextmanager
def reindexing(library: Library, article_id: int, body: bool = True) -> Iterator[None]:
    """Around any change to indexed text: the article's documents whose text changed
    are taken out of the index and put back as they are now; the others stay (a note
    edited on a long post does not cut its body into grams twice). `body=False`: the
    change cannot touch the body (an edit in the app), which is not even read."""
    current(library)
    _write_held(library)  # a document is in the index before it is taken out
    before = _doc_texts(library, article_id, with_body=body)
    yield
    after = {
        (kind, ref_id): text
        for kind, ref_id, text in _doc_texts(library, article_id, with_body=body)
    }
    conn = library.conn
    ids = {
        (kind, ref_id): doc_id
        for doc_id, kind, ref_id in conn.execute(
            "SELECT id, kind, ref_id FROM search_docs WHERE article_id = ?", (article_id,)
        )
    }
    keep = {(k, r) for k, r, text in before if after.get((k, r)) == text and (k, r) in ids}
    if not body:
        keep.add(("body", None))
    for kind, ref_id, text in before:  # out: the index needs the texts it was given back
        doc_id = ids.get((kind, ref_id))
        if doc_id is not None and (kind, ref_id) not in keep:
            conn.execute(
                "INSERT INTO search_fts (search_fts, rowid, body, notes, title) "
                "VALUES ('delete', ?, ?, ?, ?)",
                (doc_id, *_row(kind, text)),
            )
    conn.executemany(
        "DELETE FROM search_docs WHERE id = ?",
        [(doc_id,) for key, doc_id in ids.items() if key not in keep],
    )
    _add(library, article_id, cut([(k, r, t) for (k, r), t in after.items() if (k, r) not in keep]))


def rebuild(library: Library) -> None:
    """Index every article afresh."""
    with library.writing():
        _rebuild(library)


def _rebuild(library: Library) -> None:
    conn = library.conn
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_docs")
    for (article_id,) in conn.execute("SELECT id FROM articles").fetchall():
        index(library, article_id)
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('search_index', ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (INDEX_VERSION,),
    )
