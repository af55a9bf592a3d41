"""Each export read back by its own tool's reader: json, csv, Anki's package (zip + SQLite)."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from reader_tui import export
from reader_tui.library import Library, edits, queries
from tests.conftest import MakeLibrary, run_cli


@pytest.fixture
def library(make_library: MakeLibrary) -> Library:
    old = (
        "---\ntitle: '옛 글'\n---\n\n[링크](https://e.com/old)\n"
        '<span style="color:red">빨간 밑줄</span> 본문\n\n* * *\n\n'
        "### 2. 키워드 : \\#경제\n### 3. 요약 : 옛 요약\n### 4. 궁금한 점 : 왜?\n"
    )
    library = make_library({"2021-01-02-old.md": old})
    seed_id = next(e.id for e in queries.articles(library) if e.title.startswith("[AI"))
    first = queries.highlights_for(library, seed_id)[0]
    edits.set_highlight_note(library, first.id, '핵심, "인용" 포함')
    question = edits.add_question(library, seed_id, "누가 먼저?")
    edits.update_question(library, question.id, answer="네이버", status="answered")
    return library


run = run_cli


def test_json_has_everything_with_stable_ids(library: Library) -> None:
    result = run("export", "--format", "json", "--db", library.path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["format"], data["version"]) == ("reader-tui", 1)
    titles = [a["title"] for a in data["articles"]]
    assert titles == ["[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나", "옛 글"]
    seed = data["articles"][0]
    assert seed["keywords"] == ["AI"]
    assert seed["url"] == "https://byline.network/2022/03/4-128/"
    assert len(seed["highlights"]) == 6
    assert seed["highlights"][0]["note"] == '핵심, "인용" 포함'
    assert seed["questions"] == [
        {"id": seed["questions"][0]["id"], "text": "누가 먼저?", "answer": "네이버",
         "status": "answered"}
    ]  # fmt: skip
    again = json.loads(run("export", "--format", "json", "--db", library.path).stdout)
    ids = [[h["id"] for h in a["highlights"]] for a in data["articles"]]
    assert ids == [[h["id"] for h in a["highlights"]] for a in again["articles"]]


def test_readwise_csv_reads_back_with_its_columns(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "readwise.csv"
    result = run("export", "--format", "csv", "--out", str(out), "--db", library.path)
    assert result.returncode == 0, result.stderr
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == export.READWISE_COLUMNS
    assert len(rows) == 7
    first = rows[0]
    assert first["Title"] == "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"
    assert first["Note"] == '핵심, "인용" 포함'
    assert first["URL"] == "https://byline.network/2022/03/4-128/"
    assert (first["Location"], first["Date"]) == ("1", "2022-03-15")
    assert rows[-1]["Highlight"] == "빨간 밑줄"


def test_filters_by_keyword_colour_date_and_article(library: Library) -> None:
    def titles(*args: str) -> list[str]:
        data = json.loads(run("export", "--format", "json", "--db", library.path, *args).stdout)
        return [a["title"] for a in data["articles"]]

    assert titles("--keyword", "#경제") == ["옛 글"]
    assert titles("--since", "2022-01-01") == ["[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"]
    assert titles("--color", "red") == ["옛 글"]
    assert titles("--article", str(Path(queries.articles(library)[1].path))) == ["옛 글"]
    bad = run("export", "--format", "json", "--since", "어제", "--db", library.path)
    assert (bad.returncode, bad.stderr.strip()) == (1, "reader-tui: 어제: not a date (YYYY-MM-DD)")


def test_an_export_that_matches_nothing_says_so_and_writes_nothing(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "deck.md"
    out.write_text("an earlier export\n", encoding="utf-8")
    args = ("--keyword", "없는말", "--color", "red", "--out", str(out), "--force")
    result = run("export", "--format", "md", "--db", library.path, *args)
    assert (result.returncode, result.stderr.strip()) == (
        1,
        "reader-tui: no article in the library matches the keyword #없는말, red highlights:"
        " nothing exported",
    )
    assert out.read_text(encoding="utf-8") == "an earlier export\n"
    late = run("export", "--format", "json", "--since", "2030-01-01", "--db", library.path)
    assert (late.returncode, late.stdout) == (1, "")
    assert "a date from 2030-01-01 on" in late.stderr


def test_markdown_digest(library: Library) -> None:
    text = export.to_markdown(export.selected(library, export.Selection()))
    assert text.startswith("# Reading notes\n\n## [AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나\n")
    assert "2022-03-15 · [링크](https://byline.network/2022/03/4-128/)" in text
    assert '> ✎ 핵심, "인용" 포함' in text
    assert "**키워드**: #AI" in text
    assert "- **Q.** 누가 먼저?\n  **A.** 네이버" in text
    assert "> 빨간 밑줄 (red)" in text


def test_anki_deck_reads_back_and_a_second_export_keeps_the_ids(
    library: Library, tmp_path: Path
) -> None:
    def notes_in(deck: Path) -> dict[str, list[str]]:
        with zipfile.ZipFile(deck) as package:
            assert "collection.anki2" in package.namelist()
            package.extract("collection.anki2", tmp_path / deck.stem)
        conn = sqlite3.connect(tmp_path / deck.stem / "collection.anki2")
        try:
            return {
                guid: flds.split("\x1f")
                for guid, flds in conn.execute("SELECT guid, flds FROM notes")
            }
        finally:
            conn.close()

    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    result = run("export", "--format", "apkg", "--out", str(first), "--db", library.path)
    assert result.returncode == 0, result.stderr
    assert "wrote 9 cards from 2 articles" in result.stdout
    cards = notes_in(first)
    fronts = sorted(fields[0] for fields in cards.values())
    assert "누가 먼저?" in fronts
    assert any(fields[1] == "핵심, &quot;인용&quot; 포함" for fields in cards.values())
    # An edited passage (shortened in the app) is the same note in the second export:
    # Anki updates it instead of adding a card.
    article_id = queries.articles(library)[0].id
    grown = queries.highlights_for(library, article_id)[0]
    text = Path(queries.article(library, article_id).path).read_text(encoding="utf-8")
    edits.resize_highlight(library, article_id, text, grown.id, grown.start, grown.end - 3)
    run("export", "--format", "apkg", "--out", str(second), "--db", library.path)
    again = notes_in(second)
    assert set(again) == set(cards)  # same guids: Anki updates, no duplicates
    changed = [guid for guid in cards if cards[guid][0] != again[guid][0]]
    assert len(changed) == 1
    assert run("export", "--format", "apkg", "--db", library.path).returncode == 1


def test_two_posts_with_one_link_make_distinct_anki_notes(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    same = (
        "---\ntitle: {t}\n---\n\n[링크](https://e.com/a)\n"
        '<span style="color:red">같은 구절</span>\n'
    )
    library = make_library(
        {"2022-01-01-a.md": same.format(t="가"), "2022-01-02-b.md": same.format(t="나")},
        seed=False,
    )
    deck = tmp_path / "deck.apkg"
    assert export.write_anki(export.selected(library, export.Selection()), deck) == 2
    with zipfile.ZipFile(deck) as package:
        collection = tmp_path / "collection.anki2"
        collection.write_bytes(package.read("collection.anki2"))
    guids = [row[0] for row in sqlite3.connect(collection).execute("SELECT guid FROM notes")]
    assert len(set(guids)) == 2


HOSTILE = (
    "---\ntitle: '=HYPERLINK(\"http://evil\")'\n---\n\n[링크](javascript:alert(1))\n"
    '<span style="color:red">+SUM(1)</span> 본문 <span style="color:red">@cmd</span>\n'
)


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(
    make_library: MakeLibrary, tmp_path: Path
) -> None:
    library = make_library({"2022-01-01-evil.md": HOSTILE}, seed=False)
    edits.set_highlight_note(library, queries.highlights_for(library, 1)[0].id, "-2+3")
    out = tmp_path / "out.csv"
    assert run("export", "--format", "csv", "--out", str(out), "--db", library.path).returncode == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cells = [value for row in rows for value in row.values() if value]
    assert {cell[0] for cell in cells} & set("=+-@\t\r") == set()
    assert rows[0]["Highlight"] == "'+SUM(1)"
    assert rows[0]["Title"] == '\'=HYPERLINK("http://evil")'
    assert rows[0]["Note"] == "'-2+3"
    assert rows[1]["Highlight"] == "'@cmd"


def test_only_web_links_are_written_as_links(make_library: MakeLibrary, tmp_path: Path) -> None:
    library = make_library({"2022-01-01-evil.md": HOSTILE})
    articles = export.selected(library, export.Selection())
    digest = export.to_markdown(articles)
    assert "(javascript:" not in digest
    assert "링크: `javascript:alert(1`" in digest  # as text (the link line ends at its `)`)
    assert "[링크](https://byline.network/2022/03/4-128/)" in digest
    deck = tmp_path / "deck.apkg"
    export.write_anki(articles, deck)
    with zipfile.ZipFile(deck) as package:
        collection = tmp_path / "collection.anki2"
        collection.write_bytes(package.read("collection.anki2"))
    fields = [row[0] for row in sqlite3.connect(collection).execute("SELECT flds FROM notes")]
    assert not any("javascript:" in f and "href" in f for f in fields)
    assert any('href="https://byline.network/2022/03/4-128/"' in f for f in fields)


def test_export_never_overwrites_without_force_nor_the_library_or_a_post(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "digest.md"
    out.write_text("내 파일", encoding="utf-8")
    refused = run("export", "--format", "md", "--out", str(out), "--db", library.path)
    assert refused.returncode == 1
    assert "exists; give --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "내 파일"
    forced = run("export", "--format", "md", "--out", str(out), "--force", "--db", library.path)
    assert forced.returncode == 0
    assert out.read_text(encoding="utf-8").startswith("# Reading notes")
    post = queries.articles(library)[0].path
    for target in (library.path, post):
        before = Path(target).read_bytes()
        result = run("export", "--format", "json", "--out", target, "--force", "--db", library.path)
        assert result.returncode == 1
        assert "export to another file" in result.stderr
        assert Path(target).read_bytes() == before
