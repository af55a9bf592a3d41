"""What the screens, the CLI and the exports read from the library. No Textual."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from reader_tui import models
from reader_tui.library import settings
from reader_tui.library.anchors import relocate
from reader_tui.library.connection import Library, LibraryError
from reader_tui.library.merge import SECTIONS
from reader_tui.library.records import answers_written, app_notes, compared, unpack
from reader_tui.models import (
    Conflict,
    LibraryEntry,
    Place,
    Question,
    StoredArticle,
    StoredHighlight,
    shown_title,
)

SHOWN_TITLE = (
    "CASE a.title WHEN '' THEN replace(a.path, rtrim(a.path, replace(a.path, '/', '')), '') "
    "ELSE a.title END"
)
"""An article's title as the list shows it: a post without one by its file's name."""


def articles(
    library: Library,
    *,
    sort: str = "date",
    keyword: str | None = None,
    color: str | None = None,
    folder: str | None = None,
    article_id: int | None = None,
    limit: int = -1,
    offset: int = 0,
) -> list[LibraryEntry]:
    """Every article, newest first (or by title), optionally with a keyword or colour, or
    under a folder, or the one `article_id`; `limit` and `offset` give one page of that list."""
    order = {
        "date": f"a.date DESC, {SHOWN_TITLE}",  # no date sorts last
        "title": f"{SHOWN_TITLE} COLLATE NOCASE, a.date DESC",
    }[sort]
    where: list[str] = []
    params: list[Any] = []
    if keyword:
        where.append("a.id IN (SELECT article_id FROM keywords WHERE keyword = ? COLLATE NOCASE)")
        params.append(keyword)
    if color:
        where.append(
            "a.id IN (SELECT article_id FROM highlights WHERE color = ? AND status = 'active')"
        )
        params.append(color)
    if article_id is not None:
        where.append("a.id = ?")
        params.append(article_id)
    if folder:
        inside = str(Path(folder).expanduser().resolve()).rstrip("/") + "/"
        where.append("substr(a.path, 1, ?) = ?")
        params += [len(inside), inside]
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    # The article columns come from articles_listing, in its order when sorted by
    # date; the counts from one index lookup per row shown.
    rows = library.rows(
        "SELECT a.id, a.path, a.title, a.date, a.status, a.conflict, "
        "(SELECT count(*) FROM highlights "
        " WHERE article_id = a.id AND status = 'active') AS highlights, "
        "(SELECT count(*) FROM questions "
        " WHERE article_id = a.id AND status = 'open') AS open_questions, "
        "(SELECT group_concat(keyword, char(31)) FROM (SELECT keyword FROM keywords "
        " WHERE article_id = a.id ORDER BY position)) AS keywords, "
        "(SELECT read FROM reading WHERE article_id = a.id) AS read "
        "FROM articles a INDEXED BY articles_listing "
        f"{clause} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return [
        LibraryEntry(
            id=row["id"],
            path=row["path"],
            title=shown_title(row["title"], row["path"]),
            date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
            highlights=row["highlights"],
            open_questions=row["open_questions"],
            keywords=tuple(row["keywords"].split("\x1f")) if row["keywords"] else (),
            missing=row["status"] == "missing",
            conflict=bool(row["conflict"]),
            read=row["read"],
        )
        for row in rows
    ]


def place(library: Library, article_id: int) -> Place | None:
    """Where the article was left, if it was ever opened."""
    found = library.rows(
        "SELECT article_id, position, highlight_id, read FROM reading WHERE article_id = ?",
        (article_id,),
    )
    return Place(**found[0]) if found else None


def last_opened(library: Library) -> tuple[LibraryEntry, Place] | None:
    """The article opened last (that is still in the library) and where it was left."""
    found = library.rows(
        "SELECT article_id, position, highlight_id, read FROM reading "
        "ORDER BY opened_at DESC LIMIT 1"
    )
    if not found:
        return None
    left = Place(**found[0])
    entry = articles(library, article_id=left.article_id)
    return (entry[0], left) if entry else None


def colors(library: Library) -> list[str]:
    """The colours the library's highlights use, most used first."""
    return [
        row["color"]
        for row in library.rows(
            "SELECT color, count(*) AS n FROM highlights WHERE status = 'active' "
            "GROUP BY color ORDER BY n DESC"
        )
    ]


def article_id_for(library: Library, path: str | Path) -> int | None:
    row = library.conn.execute(
        "SELECT id FROM articles WHERE path = ?", (str(Path(path).expanduser().resolve()),)
    ).fetchone()
    return int(row[0]) if row else None


def article(
    library: Library, article_id: int, *, body: bool = True, highlights: int | None = None
) -> StoredArticle:
    """Everything the library keeps for one article; without `body`, its copy of the
    post's body is left empty (`stored_body` reads it: the reading view has the file,
    and a long post's copy costs milliseconds to unpack); with `highlights`, only so many
    of its highlights, the first in the text."""
    packed = "body_zlib" if body else "NULL AS body_zlib"
    rows = library.rows(
        f"SELECT id, path, title, subtitle, date, source_url, {packed}, status, conflict, "
        "warnings FROM articles WHERE id = ?",
        (article_id,),
    )
    if not rows:
        raise LibraryError(f"no article with id {article_id} in the library")
    row = rows[0]
    notes = app_notes(library, article_id)
    conflict = json.loads(row["conflict"]) if row["conflict"] else {}
    return StoredArticle(
        id=row["id"],
        path=row["path"],
        title=row["title"],
        subtitle=row["subtitle"],
        date=dt.date.fromisoformat(row["date"]) if row["date"] else None,
        source_url=row["source_url"],
        body=unpack(row["body_zlib"]) if body else "",
        keywords=tuple(notes["keywords"]),
        summary=notes["summary"],
        questions=tuple(questions_for(library, article_id)),
        highlights=tuple(highlights_for(library, article_id, first=highlights)),
        extra_sections=tuple(
            models.ExtraSection(r["title"], r["text"])
            for r in library.rows(
                "SELECT title, text FROM extra_sections WHERE article_id = ? ORDER BY position",
                (article_id,),
            )
        ),
        missing=row["status"] == "missing",
        conflicts=tuple(
            Conflict(section, notes[section], value) for section, value in conflict.items()
        ),
        warnings=tuple(json.loads(row["warnings"])),
    )


def stored_body(library: Library, article_id: int) -> str:
    """The library's copy of an article's body (its text where the post is missing)."""
    row = library.conn.execute("SELECT body_zlib FROM articles WHERE id = ?", (article_id,))
    packed = row.fetchone()
    return unpack(packed[0]) if packed else ""


def highlights_for(
    library: Library, article_id: int, *, include_removed: bool = False, first: int | None = None
) -> list[StoredHighlight]:
    """An article's highlights in the order of its text (`first`: only so many)."""
    clause = "" if include_removed else "AND status != 'removed'"
    rows = library.tuples(
        'SELECT id, article_id, color, text, start, "end", note, origin, status '
        f'FROM highlights WHERE article_id = ? {clause} ORDER BY start, "end" DESC LIMIT ?',
        (article_id, -1 if first is None else first),
    )
    return list(map(StoredHighlight._make, rows))  # the columns in its fields' order


def questions_for(library: Library, article_id: int) -> list[Question]:
    return [
        Question(**row)
        for row in library.rows(
            "SELECT id, text, answer, status FROM questions WHERE article_id = ? ORDER BY position",
            (article_id,),
        )
    ]


def import_log(library: Library) -> list[dict[str, Any]]:
    return library.rows("SELECT * FROM import_log ORDER BY id")


def passage(library: Library, highlight_id: int) -> tuple[str, int, int] | None:
    """The library's copy of the article's text and where the highlight is in it."""
    row = library.conn.execute(
        "SELECT a.body_zlib, h.text, h.quote, h.prefix, h.suffix, h.start "
        "FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.id = ?",
        (highlight_id,),
    ).fetchone()
    if row is None:
        return None
    body = unpack(row[0])
    quote = row[2] if row[2] is not None else row[1]
    at = relocate(body, quote, row[3], row[4], row[5])
    return None if at is None else (body, at, at + len(quote))


def content_hash(library: Library, article_id: int) -> str:
    """The SHA-256 of the post as last imported."""
    row = library.conn.execute(
        "SELECT content_hash FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        raise LibraryError(f"no article with id {article_id} in the library")
    return str(row[0])


def post_file(library: Library, article_id: int) -> tuple[str, bool] | None:
    """Where an article's post is, and whether it is missing (None: no such article)."""
    row = library.conn.execute(
        "SELECT path, status FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return None if row is None else (str(row[0]), row[1] != "ok")


def path_for_url(library: Library, url: str) -> str | None:
    """The post of an article with this link, if the library has one."""
    row = library.conn.execute(
        "SELECT path FROM articles WHERE source_url = ? ORDER BY id LIMIT 1", (url,)
    ).fetchone()
    return str(row[0]) if row else None


def folders(library: Library) -> list[str]:
    """The folders imports have walked, as they were given, newest first (those that still
    exist): what `reader-tui` with no folder refreshes."""
    seen: dict[str, None] = {}
    for (roots,) in library.conn.execute("SELECT roots FROM import_log ORDER BY id DESC"):
        for root in json.loads(roots):
            if Path(root).is_dir():
                seen.setdefault(root, None)
    return list(seen)


def _notes_written(library: Library) -> bool:
    return settings.load(library).write_highlight_notes


def articles_with_changes(library: Library) -> list[int]:
    """Articles whose notes or highlights in the library may differ from their post:
    notes edited in the app, highlights made or removed in it (and, when highlight notes
    are written into posts, any with a note: write-back compares and skips the same)."""
    # With highlight notes written into posts, an article with a note may need writing:
    # write-back compares it with the post and leaves it alone if it has the note.
    noted = " OR (status = 'active' AND note != '')" if _notes_written(library) else ""
    changed = {
        row[0]
        for row in library.conn.execute(
            "SELECT DISTINCT article_id FROM highlights WHERE "
            "(origin = 'app' AND status = 'active') OR (origin = 'file' AND status = 'removed')"
            + noted
        )
    }
    keywords: dict[int, list[str]] = {}
    for article_id, keyword in library.conn.execute(
        "SELECT article_id, keyword FROM keywords ORDER BY article_id, position"
    ):
        keywords.setdefault(article_id, []).append(keyword)
    questions: dict[int, list[str]] = {}
    answers = answers_written(library)
    for article_id, text, answer in library.conn.execute(
        "SELECT article_id, text, answer FROM questions ORDER BY article_id, position"
    ):
        questions.setdefault(article_id, []).append(compared(text, answer, answers))
    for article_id, summary, base, status in library.conn.execute(
        "SELECT id, summary, notes_base, status FROM articles"
    ):
        if status == "missing":
            continue
        notes = {
            "keywords": keywords.get(article_id, []),
            "summary": summary,
            "questions": questions.get(article_id, []),
        }
        known = json.loads(base)
        if any(notes[k] != known.get(k, notes[k]) for k in SECTIONS):
            changed.add(article_id)
    return sorted(changed)
