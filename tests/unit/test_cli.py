"""The command line: in-process where a subprocess adds nothing, a real subprocess for the
installed script, the environment, exit statuses and what reaches a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED, run_cli


def run_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader_tui", *args], capture_output=True, text=True, timeout=60
    )


run = run_cli


def test_show_json_of_the_seed() -> None:
    result = run("show", str(SEED), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["title"] == "[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나"
    assert data["date"] == "2022-03-15"
    assert data["source_url"] == "https://byline.network/2022/03/4-128/"
    assert data["keywords"] == ["AI"]
    assert data["summary"] == "국내 AI 그룹 소개"
    assert data["questions"] == []
    assert data["warnings"] == []
    assert len(data["highlights"]) == 6
    text = SEED.read_text(encoding="utf-8")
    for h in data["highlights"]:
        assert set(h) == {"color", "text", "start", "end"}
        assert (
            text[h["start"] - len('<span style="color:blue">') : h["start"]]
            == '<span style="color:blue">'
        )


def test_show_readable_summary() -> None:
    result = run("show", str(SEED))
    assert result.returncode == 0
    assert "highlights (6):" in result.stdout
    assert "keywords: #AI" in result.stdout
    assert "summary: 국내 AI 그룹 소개" in result.stdout


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "reader-tui"
    result = subprocess.run(
        [str(script), "show", str(SEED), "--json"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["keywords"] == ["AI"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"---\ntitle: [broken\n---\nbody\n", "front matter"),
        (b"\xff\xfe\x00bad", "not UTF-8"),
    ],
)
def test_unreadable_posts_give_one_line_and_exit_1(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    bad = tmp_path / "bad post.md"
    bad.write_bytes(content)
    result = run_process("show", str(bad))
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert str(bad) in lines[0]
    assert reason in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = run("show", str(tmp_path / "nope.md"))
    assert missing.returncode == 1
    assert "no such file" in missing.stderr
    folder = run("show", str(tmp_path))
    assert folder.returncode == 1
    assert "is a folder" in folder.stderr
    assert "Traceback" not in missing.stderr + folder.stderr


def test_control_sequences_in_a_post_are_shown_not_obeyed(tmp_path: Path) -> None:
    post = tmp_path / "evil.md"
    post.write_text('---\ntitle: "\\e]0;pwned\\a\\e[31mred"\n---\n본문\n', encoding="utf-8")
    result = run_process("show", str(post))
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\\x1b]0;pwned" in result.stdout


def test_opening_a_path_that_does_not_exist_is_one_clear_line(tmp_path: Path) -> None:
    result = run(str(tmp_path / "no-notes-here"), "--db", str(tmp_path / "lib.db"))
    assert result.returncode == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_import_and_search_through_the_cli(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    (notes / "broken.md").write_text("---\ntitle: [x\n---\n", encoding="utf-8")
    db = tmp_path / "lib.db"
    result = run("import", str(notes), "--db", str(db), "--json")
    assert result.returncode == 1  # one file was rejected, after importing the other
    data = json.loads(result.stdout)
    assert data["added"] == 1
    assert [r["path"] for r in data["rejected"]] == [str((notes / "broken.md").resolve())]
    again = run("import", str(notes), "--db", str(db))
    assert again.stdout.startswith("added 0, updated 0, unchanged 1,")
    assert "broken.md" in again.stderr
    found = json.loads(run("search", "하이퍼클로바", "--db", str(db), "--json").stdout)
    hits = found["hits"]
    assert found["total"] == len(hits) > 0
    assert set(hits[0]) == {"path", "title", "kind", "snippet", "highlight_id"}
    assert hits[0]["kind"] == "highlight"
    assert "«하이퍼클로바»" in hits[0]["snippet"]
    plain_out = run("search", "AI", "--db", str(db), "--limit", "2").stdout
    assert "[AI 핫이슈 읽기]" in plain_out
    assert plain_out.count("\n    ") == 2  # two hits, each with its snippet line
    total = json.loads(run("search", "AI", "--db", str(db), "--json", "--limit", "0").stdout)
    assert len(total["hits"]) == total["total"] > 2  # 0: all of them
    assert plain_out.startswith(f"2 of {total['total']} matches (--limit 0 shows them all)\n")
    one = run("search", "하이퍼클로바", "--db", str(db)).stdout
    assert one.startswith("1 match\n")


def test_library_location_from_the_environment(tmp_path: Path) -> None:
    db = tmp_path / "env" / "lib.db"
    env = {**os.environ, "READER_TUI_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "reader_tui", "import", str(SEED)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert db.exists()


def test_search_with_nothing_to_search_is_one_clear_line(tmp_path: Path) -> None:
    assert run("import", str(SEED), "--db", str(tmp_path / "lib.db")).returncode == 0
    result = run("search", '"', "--db", str(tmp_path / "lib.db"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nothing to search" in result.stderr


def test_unusable_library_file_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "lib.db"
    bad.write_bytes(b"garbage" * 1000)
    result = run("search", "네이버", "--db", str(bad))
    assert result.returncode == 1
    assert "not a reader-tui library" in result.stderr
    assert "Traceback" not in result.stderr


def test_stats_through_the_cli(tmp_path: Path) -> None:
    from reader_tui.library import Library
    from reader_tui.review import Review

    db = tmp_path / "library.db"
    assert run("import", str(SEED.parent), "--db", str(db)).returncode == 0
    with Library(db) as library:
        review = Review(library, fuzz=False)
        review.sync()
        for card in review.queue()[:2]:
            review.rate(card.id, 3)
    result = run("stats", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["by_state"] == {"new": 4, "learning": 2, "review": 0, "relearning": 0}
    assert data["ratings"]["good"] == 2
    assert data["reviews_per_day"][-1]["reviews"] == 2
    assert data["streak"] == 1
    readable = run("stats", "--db", str(db))
    assert (
        readable.stdout.splitlines()[0]
        == "cards: 4 new, 2 learning, 0 review, 0 relearning, 0 retired"
    )


def test_review_of_a_post_not_in_the_library_is_one_clear_line(tmp_path: Path, notes: Path) -> None:
    db = str(tmp_path / "library.db")
    other = tmp_path / "2022-01-01-other.md"
    other.write_text("---\ntitle: 다른 글\n---\n본문\n", encoding="utf-8")
    assert run("import", str(other), "--db", db).returncode == 0
    result = run("review", "--article", str(notes / SEED.name), "--db", db)
    assert result.returncode == 1
    expected = f"reader-tui: {notes / SEED.name}: not in the library (import it first)"
    assert result.stderr.strip() == expected


@pytest.mark.parametrize(
    "args",
    [
        ("stats",),
        ("search", "네이버"),
        ("export", "--format", "json"),
        ("backups",),
        ("config",),
        ("review",),
        ("write-back",),
    ],
)
def test_commands_that_only_read_never_create_a_library(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    db = tmp_path / "none" / "library.db"
    result = run(*args, "--db", str(db))
    assert result.returncode == 1
    assert "no library here yet" in result.stderr
    assert not db.exists()
    assert not db.parent.exists()


def test_version_and_options_before_or_after_the_command(tmp_path: Path) -> None:
    assert run("--version").stdout.startswith("reader-tui ")
    assert run("--db", str(tmp_path / "x.db"), "--version").stdout.startswith("reader-tui ")
    db = str(tmp_path / "lib.db")
    assert run("--db", db, "import", str(SEED)).returncode == 0
    before = run("--db", db, "search", "네이버")
    after = run("search", "네이버", "--db", db)
    assert before.returncode == after.returncode == 0
    assert before.stdout == after.stdout != ""
    verbose = run("-v", "search", "네이버", "--db", db)
    assert f"library: {db} (1 article)" in verbose.stderr
    assert run("search", "-네이버", "--db", db).stdout == before.stdout  # a dash query


@pytest.mark.parametrize(("typed", "meant"), [("serach", "search"), ("stat", "stats")])
def test_a_mistyped_command_says_what_was_meant(typed: str, meant: str) -> None:
    result = run(typed, "네이버")
    assert result.returncode == 2
    assert f"did you mean {meant}?" in result.stderr


def test_write_back_auto_with_paths_is_an_error(tmp_path: Path) -> None:
    result = run("write-back", "--auto", "on", str(SEED), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 1
    assert "without paths" in result.stderr


def test_every_help_page_has_a_description_and_the_main_one_examples() -> None:
    from reader_tui.cli import COMMANDS

    main_help = run("--help").stdout
    assert "examples:" in main_help
    for command in COMMANDS:
        page = run(command, "--help")
        assert page.returncode == 0, command
        _, _, rest = page.stdout.partition("\n\n")
        assert rest.split("\n", 1)[0].strip(), f"{command} has no description"
        assert f"examples:\n  reader-tui {command}" in page.stdout, command


def test_import_counts_posts_gone_into_conflict(tmp_path: Path, notes: Path) -> None:
    db = str(tmp_path / "lib.db")
    assert run("import", str(notes), "--db", db).returncode == 0
    from reader_tui.library import Library, edits, queries

    with Library(db) as library:
        edits.set_notes(library, queries.articles(library)[0].id, summary="앱에서 고침")
    post = notes / SEED.name
    post.write_text(
        post.read_text(encoding="utf-8").replace("국내 AI 그룹 소개", "파일에서 고침"),
        encoding="utf-8",
    )
    result = run("import", str(notes), "--db", db)
    assert "updated 1 (1 in conflict)" in result.stdout
    assert f"in conflict: {post}" in result.stderr


def test_an_option_value_is_never_taken_for_a_mistyped_command(tmp_path: Path) -> None:
    db = tmp_path / "stats.db"  # close to "stats", but the value of --db
    result = run("--db", str(db), "search", "네이버")
    assert "did you mean" not in result.stderr
    assert "no library here yet" in result.stderr


def test_ctrl_c_stops_an_import_keeping_what_it_saved(tmp_path: Path) -> None:
    """ctrl+c in the middle of a big import (worker processes and all): one line says
    what happened, the library is whole, and the same import again reads the rest."""
    import signal
    import sqlite3
    import time

    notes = tmp_path / "notes"
    notes.mkdir()
    # (Enough that the import is still going when the first batch is seen saved, however
    # busy the machine: a faster import had finished first on a loaded one.)
    body = "본문의 문장입니다. " * 120
    total = 6000
    for n in range(total):
        (notes / f"2022-01-01-p{n}.md").write_text(
            f"---\ntitle: 글 {n}\n---\n\n{body}\n", encoding="utf-8"
        )
    db = tmp_path / "library.db"
    command = [sys.executable, "-m", "reader_tui", "import", str(notes), "--db", str(db)]
    running = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def saved() -> int:
        if not db.exists():  # (connecting would make it)
            return 0
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:  # not made yet
            return 0

    deadline = time.monotonic() + 60
    while saved() == 0 and time.monotonic() < deadline and running.poll() is None:
        time.sleep(0.02)
    running.send_signal(signal.SIGINT)
    out, err = running.communicate(timeout=60)
    assert running.returncode == 130, (out, err)
    assert err.strip().splitlines()[-1] == (
        "reader-tui: import stopped: the posts it saved are kept; the same import again "
        "reads the rest"
    )
    assert "Traceback" not in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        kept = int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert 0 < kept < total
    again = run_process("import", str(notes), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(f"added {total - kept}, updated 0, unchanged {kept},")
