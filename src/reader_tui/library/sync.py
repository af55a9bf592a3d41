"""A changed post taken into the library without losing what the app made. No Textual.

Notes are merged three ways (`merge.py`); highlights are matched to the stored ones by
offsets first and anchor second, so ids, notes and review cards survive edits of the post;
a highlight the post no longer has becomes an orphan when anything is attached to it.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING, Any

from reader_tui.library.anchors import (
    CLOSE_ENOUGH,
    anchor,
    anchor_row,
    best_twin,
    likeness,
    quote_of,
    refind,
)
from reader_tui.library.connection import Library, now
from reader_tui.library.index import reindexing
from reader_tui.library.merge import merge_notes
from reader_tui.library.records import (
    answers_written,
    app_notes,
    file_notes,
    insert_highlights,
    post_columns,
    set_section,
    write_extras,
)
from reader_tui.post.highlights import visible_text

if TYPE_CHECKING:
    from collections.abc import Mapping

    from reader_tui.models import Article, Highlight


RACY_NS = 2_000_000_000  # a file changed this close to its import may change again unseen


def stored_mtime(mtime: int) -> int:
    """The modification time to remember for a file just read. One modified within
    `RACY_NS` of now could be changed again within the same timestamp and size, unseen
    by the next refresh's stat (git's "racy" files): it is remembered as 0, so the next
    refresh reads it again and compares its content."""
    return 0 if time.time_ns() - mtime < RACY_NS else mtime


def article_columns(
    path: str, mtime: int, size: int, digest: str, article: Article, text: str, packed: bytes = b""
) -> dict[str, Any]:
    """The articles row of a parsed post (`packed`: its body packed already)."""
    return file_columns(path, mtime, size) | post_columns(digest, article, text, packed)


def file_columns(path: str, mtime: int, size: int) -> dict[str, Any]:
    """What the articles row says of the file a post was read from, and when."""
    return {
        "path": path,
        "mtime_ns": stored_mtime(mtime),
        "size": size,
        "status": "ok",
        "updated_at": now(),
    }


def sync_article(
    library: Library, article_id: int, columns: dict[str, Any], text: str, article: Article
) -> bool:
    """Take a changed post's new text (its `article_columns`) without losing anything
    made in the app. Returns whether a notes section went into conflict."""
    with reindexing(library, article_id):
        assignments = ", ".join(f'"{name}" = ?' for name in columns)
        library.conn.execute(
            f"UPDATE articles SET {assignments} WHERE id = ?",
            (*columns.values(), article_id),
        )
        _sync_highlights(library, article_id, text, article)
        clash = _sync_notes(library, article_id, article)
        write_extras(library, article_id, article.extra_sections)
    return clash


def _sync_notes(library: Library, article_id: int, article: Article) -> bool:
    row = library.conn.execute(
        "SELECT notes_base, conflict FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    theirs = file_notes(article, answers_written(library))
    merged = merge_notes(
        json.loads(row[0]),
        app_notes(library, article_id),
        theirs,
        json.loads(row[1]) if row[1] else {},
    )
    for section, value in merged.take.items():
        set_section(library, article_id, section, value)
    conflict = merged.conflicts
    library.conn.execute(
        "UPDATE articles SET notes_base = ?, conflict = ? WHERE id = ?",
        (
            json.dumps(theirs, ensure_ascii=False),
            json.dumps(conflict, ensure_ascii=False) if conflict else None,
            article_id,
        ),
    )
    return bool(set(conflict) - set(json.loads(row[1]) if row[1] else {}))


def _sync_highlights(library: Library, article_id: int, text: str, article: Article) -> None:
    stored = library.rows(
        'SELECT id, color, text, start, "end", quote, prefix, suffix, origin, status, note '
        "FROM highlights WHERE article_id = ? ORDER BY start",
        (article_id,),
    )
    stamp = now()
    # A highlight the app changed leaves a `removed` row where it was: rows in use first.
    # Rows are looked up by key, never by scanning (10,000 highlights: linear, not n²).
    unmatched = {r["id"]: r for r in sorted(stored, key=lambda r: r["status"] == "removed")}
    at_place: dict[tuple[int, int, str | None], list[int]] = {}
    by_quote: dict[str, list[int]] = {}
    by_text: dict[str, list[int]] = {}
    for r in unmatched.values():
        at_place.setdefault((r["start"], r["end"], quote_of(r)), []).append(r["id"])
        by_quote.setdefault(quote_of(r), []).append(r["id"])
        if r["origin"] == "app":
            by_text.setdefault(r["text"], []).append(r["id"])

    def still(ids: list[int]) -> list[dict[str, Any]]:
        return [unmatched[i] for i in ids if i in unmatched]

    pending = []
    # Offsets first: the same passage at the same place.
    for h in article.highlights:
        quote = text[h.start : h.end]
        twins = still(at_place.get((h.start, h.end, quote), []))
        if not twins:
            pending.append(h)
            continue
        del unmatched[twins[0]["id"]]
        _update_highlight_from_file(library, twins[0], h, text, stamp)
    # Then the anchor: the same passage, moved.
    edited = []
    for h in pending:
        quote = text[h.start : h.end]
        # The same source, or (an app highlight written back over tags it took in) the
        # same visible text.
        candidates = still(by_quote.get(quote, [])) or still(by_text.get(h.text, []))
        if candidates:
            prefix, suffix = anchor(text, h.start, h.end)[1:]
            moved = best_twin(candidates, prefix, suffix, h.start)
            del unmatched[moved["id"]]
            _update_highlight_from_file(library, moved, h, text, stamp)
            continue
        edited.append(h)
    # Then a passage edited in the post: the most alike of the rest, nearest first; its
    # note and review history stay with it.
    for h in edited:
        alike = max(
            (
                (likeness(r["text"], h.text), -abs(r["start"] - h.start), r)
                for r in unmatched.values()
                if r["status"] != "removed"
            ),
            key=lambda found: found[:2],
            default=None,
        )
        if alike is not None and alike[0] >= CLOSE_ENOUGH:
            del unmatched[alike[2]["id"]]
            _update_highlight_from_file(library, alike[2], h, text, stamp)
            continue
        insert_highlights(library, article_id, text, [h], "file")
    # What the post no longer has.
    for row in unmatched.values():
        if row["origin"] == "app":
            found = refind(text, quote_of(row), row["prefix"], row["suffix"], row["start"])
            visible = None if found is None else visible_text(text, article, *found)
            if found is not None and visible:
                library.conn.execute(
                    'UPDATE highlights SET start = ?, "end" = ?, text = ?, quote = ?, '
                    "prefix = ?, suffix = ?, "
                    "status = CASE status WHEN 'orphan' THEN 'active' ELSE status END, "
                    "updated_at = ? WHERE id = ?",
                    (*found, *_anchored(text, found, visible), stamp, row["id"]),
                )
                continue
            library.conn.execute(
                "UPDATE highlights SET status = 'orphan', updated_at = ? WHERE id = ?",
                (stamp, row["id"]),
            )
        elif row["status"] != "removed" and (
            row["note"] or row["status"] == "orphan" or _reviewed(library, row["id"])
        ):
            library.conn.execute(
                "UPDATE highlights SET status = 'orphan', updated_at = ? WHERE id = ?",
                (stamp, row["id"]),
            )
        else:
            library.conn.execute("DELETE FROM highlights WHERE id = ?", (row["id"],))


def _anchored(text: str, found: tuple[int, int], visible: str) -> tuple[str, str | None, str, str]:
    """(text, quote, prefix, suffix) of a passage found again."""
    return (visible, *anchor_row(text, *found, visible))


def _reviewed(library: Library, highlight_id: int) -> bool:
    """Whether a highlight's card has been reviewed (its history keeps it)."""
    return (
        library.conn.execute(
            "SELECT 1 FROM cards WHERE highlight_id = ? AND last_review IS NOT NULL",
            (highlight_id,),
        ).fetchone()
        is not None
    )


def _update_highlight_from_file(
    library: Library, row: Mapping[str, Any], h: Highlight, text: str, stamp: str
) -> None:
    status = "removed" if row["status"] == "removed" else "active"
    quote, prefix, suffix = anchor_row(text, h.start, h.end, h.text)
    values = {
        "color": h.color,
        "text": h.text,
        "start": h.start,
        "end": h.end,
        "quote": quote,
        "prefix": prefix,
        "suffix": suffix,
        "origin": "file",
        "status": status,
        "note": h.note or row["note"],  # a note written in the post is the post's word
    }
    if all(row.get(name) == value for name, value in values.items()):
        return  # as it was (most of a post's highlights, when one changed): not rewritten
    library.conn.execute(
        'UPDATE highlights SET color = ?, text = ?, start = ?, "end" = ?, quote = ?, '
        "prefix = ?, suffix = ?, origin = ?, status = ?, note = ?, updated_at = ? "
        "WHERE id = ?",
        (*values.values(), stamp, row["id"]),
    )
