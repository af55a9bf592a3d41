"""Edits made in the app: notes, questions, highlights and their notes, conflicts. No Textual.

Every edit is one transaction, and every edit of indexed text goes through the search
index's `reindexing`, told to leave the body alone: no edit here changes the post's text.
"""

from __future__ import annotations

import datetime as dt
import json
from contextlib import nullcontext
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from reader_tui import post
from reader_tui.library import settings
from reader_tui.library.anchors import anchor_row
from reader_tui.library.connection import Library, LibraryError, now
from reader_tui.library.index import reindexing
from reader_tui.library.merge import merge_notes
from reader_tui.library.queries import highlights_for
from reader_tui.library.records import app_notes, insert_highlights, set_section, write_keywords
from reader_tui.models import Article, Question, StoredHighlight
from reader_tui.post import EditError, normalize_keywords, normalize_text, parse

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence


def set_notes(
    library: Library,
    article_id: int,
    *,
    keywords: Sequence[str] | None = None,
    summary: str | None = None,
) -> None:
    """Replace the app's keywords and/or summary of an article."""
    with library.writing(), reindexing(library, article_id, body=False):
        if keywords is not None:
            write_keywords(library, article_id, normalize_keywords(keywords))
        if summary is not None:
            set_section(library, article_id, "summary", normalize_text(summary))


def save_notes(
    library: Library,
    article_id: int,
    loaded: Mapping[str, Any],
    *,
    keywords: Sequence[str] | None = None,
    summary: str | None = None,
) -> dict[str, Any]:
    """Save what the user changed since the notes were `loaded` (keywords and/or summary,
    the others left alone), merged with what changed in the library meanwhile (an
    import of the post): a section changed on both sides keeps the user's text and records
    the library's as a conflict. Returns the notes as the library now has them."""
    ours = dict(loaded)
    if keywords is not None:
        ours["keywords"] = list(normalize_keywords(keywords))
    if summary is not None:
        ours["summary"] = normalize_text(summary)
    with library.writing():
        theirs = app_notes(library, article_id)
        row = library.conn.execute(
            "SELECT conflict FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise LibraryError(f"no article with id {article_id} in the library")
        # The user's edits are "the post" of this merge: taken where only they changed.
        merged = merge_notes(loaded, theirs, {**theirs, **_changed(loaded, ours)})
        if merged.take:
            with reindexing(library, article_id, body=False):
                for section, value in merged.take.items():
                    set_section(library, article_id, section, value)
        if merged.conflicts:
            conflict = json.loads(row[0]) if row[0] else {}
            with reindexing(library, article_id, body=False):
                for section in merged.conflicts:
                    # The post's version (already in conflict, or what the import took)
                    # waits for the user's choice; the user's text is what the app keeps.
                    conflict.setdefault(section, theirs[section])
                    set_section(library, article_id, section, ours[section])
            library.conn.execute(
                "UPDATE articles SET conflict = ? WHERE id = ?",
                (json.dumps(conflict, ensure_ascii=False), article_id),
            )
        return app_notes(library, article_id)


def _changed(loaded: Mapping[str, Any], ours: Mapping[str, Any]) -> dict[str, Any]:
    return {section: value for section, value in ours.items() if value != loaded.get(section)}


def add_question(library: Library, article_id: int, text: str) -> Question:
    with library.writing(), reindexing(library, article_id, body=False):
        position = library.conn.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM questions WHERE article_id = ?",
            (article_id,),
        ).fetchone()[0]
        cursor = library.conn.execute(
            "INSERT INTO questions (article_id, position, text) VALUES (?, ?, ?)",
            (article_id, position, text.strip()),
        )
    return Question(int(cursor.lastrowid or 0), text.strip())


def update_question(
    library: Library,
    question_id: int,
    *,
    text: str | None = None,
    answer: str | None = None,
    status: str | None = None,
) -> None:
    article_id = _question_article(library, question_id)
    with library.writing(), reindexing(library, article_id, body=False):
        if text is not None:
            library.conn.execute(
                "UPDATE questions SET text = ? WHERE id = ?", (text.strip(), question_id)
            )
        if answer is not None:
            library.conn.execute(
                "UPDATE questions SET answer = ? WHERE id = ?", (answer.strip(), question_id)
            )
        if status is not None:
            library.conn.execute(
                "UPDATE questions SET status = ? WHERE id = ?", (status, question_id)
            )


def delete_question(library: Library, question_id: int) -> None:
    article_id = _question_article(library, question_id)
    with library.writing(), reindexing(library, article_id, body=False):
        library.conn.execute("DELETE FROM questions WHERE id = ?", (question_id,))


def _question_article(library: Library, question_id: int) -> int:
    row = library.conn.execute(
        "SELECT article_id FROM questions WHERE id = ?", (question_id,)
    ).fetchone()
    if row is None:
        raise LibraryError(f"no question with id {question_id}")
    return int(row[0])


def add_highlight(
    library: Library, article_id: int, text: str, start: int, end: int, color: str = "blue"
) -> StoredHighlight:
    """A highlight made in the app on `text[start:end]` (`text` is the post as read).

    A passage that overlaps highlights takes them in: the result is one highlight over
    all of it, never one inside another, and it keeps the first one's id, note (the
    others' notes joined to it) and review card. A passage inside one highlight
    recolours it. Raises `EditError` when the passage cannot be a highlight."""
    return reshape_highlight(library, article_id, text, start, end, color)


def resize_highlight(
    library: Library, article_id: int, text: str, highlight_id: int, start: int, end: int
) -> StoredHighlight:
    """Move a highlight's ends to `[start, end)` (grow or shrink it), taking in the
    highlights it now overlaps; its id, note and card stay."""
    return reshape_highlight(library, article_id, text, start, end, None, keep=highlight_id)


def reattach_highlight(
    library: Library, article_id: int, text: str, highlight_id: int, start: int, end: int
) -> StoredHighlight:
    """Put an orphan (a highlight whose passage the post no longer has) on the passage
    `[start, end)`; its id, note and review card come with it."""
    return reshape_highlight(library, article_id, text, start, end, None, keep=highlight_id)


def recolor_highlight(
    library: Library, article_id: int, text: str, highlight_id: int, color: str
) -> StoredHighlight:
    """Show a highlight in another colour (written back as its span's colour)."""
    row = _highlight(library, highlight_id)
    return reshape_highlight(
        library, article_id, text, row.start, row.end, color, keep=highlight_id
    )


def _highlight(library: Library, highlight_id: int) -> StoredHighlight:
    found = library.rows(
        'SELECT id, article_id, color, text, start, "end", note, origin, status '
        "FROM highlights WHERE id = ?",
        (highlight_id,),
    )
    if not found:
        raise LibraryError(f"no highlight with id {highlight_id}")
    return StoredHighlight(**found[0])


def reshape_highlight(
    library: Library,
    article_id: int,
    text: str,
    start: int,
    end: int,
    color: str | None,
    keep: int | None = None,
) -> StoredHighlight:
    """The one way a highlight is made, grown, shrunk, merged or recoloured.

    `[start, end)` and every highlight it overlaps become one highlight in `color`
    (None: the kept one's colour). The kept row is `keep`, else the first overlapped one,
    else a new row. A kept or taken-in highlight that is in the post leaves a tombstone
    (a `removed` row at its old place) so write-back takes its tags out and the new span
    in; the kept row becomes the app's until then."""
    model = edit_model(library, article_id, text)
    stored = {
        (h.start, h.end): h for h in highlights_for(library, article_id) if h.status == "active"
    }
    kept = _highlight(library, keep) if keep is not None else None
    if kept is not None:
        model = replace(
            model,
            highlights=tuple(
                h for h in model.highlights if (h.start, h.end) != (kept.start, kept.end)
            ),
        )
    recolour = kept is not None and (start, end) == (kept.start, kept.end)
    taken = [] if recolour else [h for h in model.highlights if h.start < end and start < h.end]
    union = (min([start, *(h.start for h in taken)]), max([end, *(h.end for h in taken)]))
    rows = [stored[(h.start, h.end)] for h in taken if (h.start, h.end) in stored]
    if kept is None and rows:
        kept, rows = rows[0], rows[1:]
    color = color or (kept.color if kept is not None else "blue")
    if kept is not None and not rows and union == (kept.start, kept.end) and color == kept.color:
        if keep is None:
            raise EditError("that passage is already highlighted")
        return kept
    base = replace(model, highlights=tuple(h for h in model.highlights if h not in taken))
    made = post.add_highlight(text, base, *union, color)  # raises EditError
    new = next(h for h in made.highlights if (h.start, h.end) == union)
    with library.writing():
        for row in rows:
            if row.origin == "app":
                library.conn.execute("DELETE FROM highlights WHERE id = ?", (row.id,))
            else:
                _set_status(library, row.id, "removed")
        if kept is None:
            (highlight_id,) = insert_highlights(library, article_id, text, [new], "app")
            return StoredHighlight(
                highlight_id, article_id, new.color, new.text, *union, origin="app"
            )
        if kept.origin == "file" and kept.status != "orphan":  # an orphan's tags are gone
            _tombstone(library, kept.id)
        note = "\n".join(n for n in (kept.note, *(r.note for r in rows)) if n)
        library.conn.execute(
            'UPDATE highlights SET color = ?, text = ?, start = ?, "end" = ?, quote = ?, '
            "prefix = ?, suffix = ?, origin = 'app', status = 'active', note = ?, "
            "updated_at = ? WHERE id = ?",
            (
                new.color,
                new.text,
                *union,
                *anchor_row(text, *union, new.text),
                note,
                now(),
                kept.id,
            ),
        )
    return StoredHighlight(kept.id, article_id, new.color, new.text, *union, note, "app")


def _set_status(library: Library, highlight_id: int, status: str) -> None:
    library.conn.execute(
        "UPDATE highlights SET status = ?, updated_at = ? WHERE id = ?",
        (status, now(), highlight_id),
    )


def _tombstone(library: Library, highlight_id: int) -> None:
    """A `removed` copy of a post's highlight at its place: write-back takes its tags out."""
    library.conn.execute(
        'INSERT INTO highlights (article_id, color, text, start, "end", quote, prefix, suffix, '
        "origin, status, note, created_at, updated_at) "
        'SELECT article_id, color, text, start, "end", quote, prefix, suffix, '
        "'file', 'removed', '', created_at, ? FROM highlights WHERE id = ?",
        (now(), highlight_id),
    )


def edit_model(
    library: Library,
    article_id: int,
    text: str,
    names: Mapping[str, Iterable[str]] | None = None,
    parsed: Article | None = None,
) -> Article:
    """The post as parsed (its notes headings `names`, else the user's setting; `parsed`:
    that parse, when the caller has it), with the app's own highlights and without
    removed ones, so a new highlight is checked against what the user sees."""
    article = parsed or parse(text, names=settings.note_names(library) if names is None else names)
    stored = highlights_for(library, article_id, include_removed=True)
    removed = {(h.start, h.end) for h in stored if h.status == "removed"}
    article = replace(
        article,
        highlights=tuple(h for h in article.highlights if (h.start, h.end) not in removed),
    )
    for h in stored:
        if h.origin == "app" and h.status == "active":
            try:
                article = post.add_highlight(text, article, h.start, h.end, h.color)
            except EditError:
                continue  # a stale app highlight does not block new ones
    return article


def remove_highlight(library: Library, highlight_id: int) -> None:
    """Remove a highlight: gone if made in the app, marked removed if in the post."""
    row = library.conn.execute(
        "SELECT article_id, origin, status FROM highlights WHERE id = ?", (highlight_id,)
    ).fetchone()
    if row is None:
        raise LibraryError(f"no highlight with id {highlight_id}")
    # Only an orphan has a search document of its own (see _doc_texts).
    reindex = reindexing(library, row[0], body=False) if row[2] == "orphan" else nullcontext()
    with library.writing(), reindex:
        if row[1] == "app":
            library.conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
        else:
            library.conn.execute(
                "UPDATE highlights SET status = 'removed', updated_at = ? WHERE id = ?",
                (now(), highlight_id),
            )


def set_highlight_note(library: Library, highlight_id: int, note: str) -> None:
    """A highlight's note; a `LibraryError` (not a note saved nowhere) if the highlight
    is gone from the library."""
    with library.writing():
        changed = library.conn.execute(
            "UPDATE highlights SET note = ?, updated_at = ? WHERE id = ?",
            (note.strip(), now(), highlight_id),
        ).rowcount
    if not changed:
        raise LibraryError("that highlight is no longer in the library (its post changed)")


def resolve_conflict(
    library: Library, article_id: int, section: str, keep: str, merged: Any = None
) -> None:
    """Settle a conflict on one notes section by keeping the `app` or the `file` copy,
    or (`keep="merged"`) the `merged` value the user made of both."""
    row = library.conn.execute(
        "SELECT conflict FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    conflict = json.loads(row[0]) if row and row[0] else {}
    if section not in conflict:
        return
    with library.writing(), reindexing(library, article_id, body=False):
        value = conflict.pop(section)
        if keep == "file":
            set_section(library, article_id, section, value)
        elif keep == "merged":
            set_section(library, article_id, section, merged)
        library.conn.execute(
            "UPDATE articles SET conflict = ? WHERE id = ?",
            (json.dumps(conflict, ensure_ascii=False) if conflict else None, article_id),
        )


def remember_place(
    library: Library, article_id: int, position: int, highlight_id: int | None, read: float
) -> None:
    """Keep where the article was left; how far it was read only ever grows."""
    with library.writing():
        library.conn.execute(
            "INSERT INTO reading (article_id, position, highlight_id, read, opened_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
            "position = excluded.position, highlight_id = excluded.highlight_id, "
            "read = max(read, excluded.read), opened_at = excluded.opened_at",
            (
                article_id,
                position,
                highlight_id,
                max(0.0, min(1.0, read)),
                dt.datetime.now(dt.UTC).isoformat(),  # to the microsecond: the last one wins
            ),
        )
