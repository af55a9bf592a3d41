"""The library out to other tools: a Markdown digest, JSON, Readwise CSV, an Anki deck.

The JSON shape (version 1), every id stable for the life of the library:

    {"format": "reader-tui", "version": 1, "exported_at": "2026-11-28T07:00:00+00:00",
     "articles": [{"id": 1, "path": "...", "title": "...", "subtitle": "...",
                   "date": "2022-03-15", "url": "https://...", "keywords": ["AI"],
                   "summary": "...",
                   "questions": [{"id": 1, "text": "...", "answer": "...",
                                  "status": "open|answered"}],
                   "highlights": [{"id": 1, "color": "blue", "text": "...", "note": "...",
                                   "start": 0, "end": 10, "status": "active|orphan",
                                   "origin": "file|app"}]}]}

`start` and `end` are offsets into the post's text as last imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader_tui.library import Library, queries
from reader_tui.models import shown_title

if TYPE_CHECKING:
    from reader_tui.models import StoredArticle

FORMATS = ("md", "json", "csv", "apkg")
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WEB_LINK = re.compile(r"https?://[^/\s]", re.I)
# Anki knows a deck and a note type by these numbers: fixed, so that a second export
# updates the first one's cards instead of adding a copy of each.
ANKI_MODEL_ID = 1_607_392_319
ANKI_DECK_ID = 2_059_400_110


@dataclass(frozen=True, slots=True)
class Selection:
    """Which articles and highlights go out."""

    article_path: str | None = None
    since: dt.date | None = None
    keyword: str | None = None
    color: str | None = None

    def describe(self) -> str:
        """What was asked for, in words: `the keyword #AI, red highlights`."""
        parts = []
        if self.article_path:
            parts.append(f"the post {self.article_path}")
        if self.keyword:
            parts.append(f"the keyword #{self.keyword.lstrip('#')}")
        if self.color:
            parts.append(f"{self.color} highlights")
        if self.since:
            parts.append(f"a date from {self.since.isoformat()} on")
        return ", ".join(parts)


def selected(library: Library, only: Selection) -> list[StoredArticle]:
    """The articles chosen (newest first), each with only the highlights chosen."""
    target = Path(only.article_path).expanduser().resolve() if only.article_path else None
    keyword = only.keyword.lstrip("#") if only.keyword else None
    out = []
    for entry in queries.articles(library, keyword=keyword, color=only.color):
        if target is not None and Path(entry.path) != target:
            continue
        if only.since and (entry.date is None or entry.date < only.since):
            continue
        article = queries.article(library, entry.id)
        highlights = tuple(
            h
            for h in article.highlights
            if h.status != "removed" and (only.color is None or h.color == only.color)
        )
        out.append(replace(article, highlights=highlights))
    return out


def _oneline(text: str) -> str:
    return " ".join(text.split())


def web_link(url: str | None) -> str | None:
    """`url` when it is an http(s) link; exports write only those as links (a
    `javascript:` or `file:` link from a post stays plain text)."""
    if url and WEB_LINK.match(url) and not any(ch in url for ch in "\"'<> \t\n\\"):
        return url
    return None


def spreadsheet_cell(value: str) -> str:
    """A CSV cell a spreadsheet will not run: one that starts with `=`, `+`, `-`, `@`, a
    tab or a carriage return gets a leading `'` (OWASP's advice on CSV injection)."""
    return "'" + value if value[:1] in FORMULA_STARTS else value


def to_markdown(articles: list[StoredArticle]) -> str:
    """A study digest: per article its title, date, link, highlights with their notes,
    keywords, summary, questions and answers."""
    out = ["# Reading notes", ""]
    for article in articles:
        out.append(f"## {_oneline(shown_title(article.title, article.path))}")
        out.append("")
        facts = [article.date.isoformat() if article.date else ""]
        link = web_link(article.source_url)
        if link:
            facts.append(f"[링크](<{link}>)" if "(" in link or ")" in link else f"[링크]({link})")
        elif article.source_url:
            shown = _oneline(article.source_url).replace("`", "'")
            facts.append(f"링크: `{shown}`")  # as code: not a link a reader can follow
        out += [" · ".join(f for f in facts if f), ""]
        for h in article.highlights:
            mark = f" ({h.color})" if h.color not in ("blue", "") else ""
            gone = " *(no longer in the post)*" if h.status == "orphan" else ""
            out.append(f"> {_oneline(h.text)}{mark}{gone}")
            if h.note:
                out += [">", f"> ✎ {_oneline(h.note)}"]
            out.append("")
        if article.keywords:
            out += ["**키워드**: " + " ".join(f"#{k}" for k in article.keywords), ""]
        if article.summary:
            out += ["**요약**: " + article.summary.replace("\n", "  \n"), ""]
        for q in article.questions:
            out.append(f"- **Q.** {_oneline(q.text)}")
            if q.answer:
                out.append(f"  **A.** {_oneline(q.answer)}")
        if article.questions:
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def to_json(articles: list[StoredArticle], now: dt.datetime | None = None) -> str:
    data = {
        "format": "reader-tui",
        "version": 1,
        "exported_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "subtitle": a.subtitle,
                "date": a.date.isoformat() if a.date else None,
                "url": a.source_url,
                "keywords": list(a.keywords),
                "summary": a.summary,
                "questions": [
                    {"id": q.id, "text": q.text, "answer": q.answer, "status": q.status}
                    for q in a.questions
                ],
                "highlights": [
                    {
                        "id": h.id,
                        "color": h.color,
                        "text": h.text,
                        "note": h.note,
                        "start": h.start,
                        "end": h.end,
                        "status": h.status,
                        "origin": h.origin,
                    }
                    for h in a.highlights
                ],
            }
            for a in articles
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_readwise_csv(articles: list[StoredArticle]) -> str:
    """One row per highlight, in the columns Readwise's CSV import reads."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(READWISE_COLUMNS)
    for article in articles:
        for location, h in enumerate(article.highlights, 1):
            row = (
                _oneline(h.text),
                _oneline(shown_title(article.title, article.path)),
                "",  # the posts name no author in a field of their own
                article.source_url or "",
                h.note,
                str(location),
                article.date.isoformat() if article.date else "",
            )
            writer.writerow([spreadsheet_cell(value) for value in row])
    return buffer.getvalue()


def write_anki(articles: list[StoredArticle], path: str | Path) -> int:
    """An Anki deck: a card per highlight (the passage; on the back its note and source)
    and per question (the answer on the back). Returns the number of cards."""
    import genanki

    model = genanki.Model(
        ANKI_MODEL_ID,
        "reader-tui note",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[
            {
                "name": "Card",
                "qfmt": "{{Front}}",
                "afmt": '{{FrontSide}}<hr id="answer">{{Back}}<br><small>{{Source}}</small>',
            }
        ],
    )
    deck = genanki.Deck(ANKI_DECK_ID, "reader-tui")
    for article in articles:
        date = article.date.isoformat() if article.date else ""
        source = html.escape(f"{_oneline(shown_title(article.title, article.path))} {date}".strip())
        link = web_link(article.source_url)
        if link:
            source = f'<a href="{html.escape(link)}">{source}</a>'
        tags = [k.replace(" ", "_") for k in article.keywords]
        for h in article.highlights:
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[html.escape(_oneline(h.text)), html.escape(h.note), source],
                    tags=tags,
                    # The library's own id: an edited passage updates its Anki note, and
                    # two posts with one link never share one.
                    guid=genanki.guid_for("reader-tui", "highlight", h.id),
                )
            )
        for q in article.questions:
            deck.add_note(
                genanki.Note(
                    model=model,
                    fields=[html.escape(q.text), html.escape(q.answer), source],
                    tags=tags,
                    guid=genanki.guid_for("reader-tui", "question", q.id),
                )
            )
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
