"""Hostile and unlucky input on the command line: each case once hung, blew up or ended in
a traceback. Now each is a clean line (exit 1 where something was refused, 2 for a usage
error) and everything else is imported. Real subprocesses, each with a timeout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from reader_tui.library import Library, importing, queries, search
from tests.conftest import SEED, run_cli

if TYPE_CHECKING:
    from pathlib import Path

LAUGHS = (
    '---\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
    )
    + "---\n본문\n"
)
RECURSIVE = "---\ntitle: &x [*x]\n---\n본문\n"


def run(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader_tui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        errors="surrogateescape",
    )


def one_clear_line(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize(
    ("text", "reason"),
    [(LAUGHS, "aliases expand to more than"), (RECURSIVE, "refers to itself")],
)
def test_yaml_bombs_are_refused_by_show_and_import_and_the_rest_goes_on(
    tmp_path: Path, text: str, reason: str
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    bomb = notes / "2022-01-01-bomb.md"
    bomb.write_text(text, encoding="utf-8")
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    shown = run("show", str(bomb), timeout=10)
    assert shown.returncode == 1
    assert reason in one_clear_line(shown.stderr)
    assert str(bomb) in shown.stderr
    db = tmp_path / "library.db"
    imported = run("import", str(notes), "--db", str(db), "--json", timeout=20)
    assert imported.returncode == 1
    report = json.loads(imported.stdout)
    assert report["added"] == 1
    ((path, why),) = [(r["path"], r["reason"]) for r in report["rejected"]]
    assert path == str(bomb.resolve())
    assert reason in why


def test_front_matter_too_large_is_refused(tmp_path: Path) -> None:
    post = tmp_path / "big.md"
    post.write_text("---\ntitle: t\nx: '" + "가" * 70_000 + "'\n---\n본문\n", encoding="utf-8")
    result = run("show", str(post))
    assert result.returncode == 1
    assert "KB reader-tui reads" in one_clear_line(result.stderr)


def test_a_fifo_named_like_a_post_is_skipped_not_read(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    fifo = notes / "x.md"
    os.mkfifo(fifo)
    shown = run("show", str(fifo), timeout=10)
    assert shown.returncode == 1
    assert "not a regular file" in one_clear_line(shown.stderr)
    result = run("import", str(notes), "--db", str(tmp_path / "l.db"), "--json", timeout=10)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == 1
    assert [r["path"] for r in report["skipped"]] == [str(fifo)]


def test_devices_are_refused_by_show() -> None:
    result = run("show", "/dev/zero", timeout=10)
    assert result.returncode == 1
    assert "not a regular file" in one_clear_line(result.stderr)


def test_links_loop_and_leave_the_folder_safely(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    (notes / "sub").mkdir(parents=True)
    (notes / "sub" / SEED.name).write_bytes(SEED.read_bytes())
    os.symlink(notes, notes / "sub" / "again")  # a loop
    os.symlink(notes, notes / "twice")  # and another way in
    os.symlink(notes / "sub" / SEED.name, notes / "copy.md")  # a second link to one post
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: 비밀\n---\n비밀번호는 열려라참깨\n", encoding="utf-8")
    os.symlink(secret, notes / "leak.md")  # a link out of the folder
    started = time.monotonic()
    result = run("import", str(notes), "--db", str(tmp_path / "l.db"), "--json", timeout=20)
    assert time.monotonic() - started < 15
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["added"] == 1  # one article for the one real post
    ((path, reason),) = [(r["path"], r["reason"]) for r in report["skipped"]]
    assert path == str(notes / "leak.md")
    assert "outside the folder" in reason
    with Library(tmp_path / "l.db") as library:
        assert search.search(library, "열려라참깨").hits == []
        (entry,) = queries.articles(library)
        assert entry.path == str((notes / "sub" / SEED.name).resolve())


def test_a_file_name_that_is_not_utf8_is_skipped_with_a_warning(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / SEED.name).write_bytes(SEED.read_bytes())
    bad = os.path.join(os.fsencode(notes), b"caf\xe9.md")
    with open(bad, "wb") as out:
        out.write(SEED.read_bytes())
    result = run("import", str(notes), "--db", str(tmp_path / "l.db"))
    assert result.returncode == 0, result.stderr
    assert "added 1," in result.stdout
    assert "skipped 1" in result.stdout
    assert "caf\\xe9.md: the file name is not UTF-8" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_post_over_the_size_limit_is_refused_and_the_limit_is_a_setting(
    tmp_path: Path,
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    big = notes / "2022-01-01-big.md"
    big.write_text("---\ntitle: 큰 글\n---\n" + "가나다라 " * 300_000, encoding="utf-8")
    db = str(tmp_path / "l.db")
    assert run("config", "max-post-mb", "1", "--db", db).returncode == 0
    result = run("import", str(notes), "--db", db)
    assert result.returncode == 1
    assert "MB, more than the 1 MB" in result.stderr
    assert run("config", "max-post-mb", "10", "--db", db).returncode == 0
    assert run("import", str(notes), "--db", db).returncode == 0


def test_long_queries_are_refused_at_once(tmp_path: Path) -> None:
    db = tmp_path / "l.db"
    with Library(db) as library:
        importing.import_paths(library, [SEED])
    for query in ["단어 " * 2000, "x" * 100_000]:
        started = time.monotonic()
        result = run("search", query, "--db", str(db))
        assert time.monotonic() - started < 10
        assert result.returncode == 1
        assert "at most" in one_clear_line(result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("stats", "--days", "100000000"),
        ("stats", "--days", "-5"),
        ("search", "AI", "--limit", "99999999999999999999"),
        ("search", "AI", "--limit", "many"),
        ("review", "--new-per-day", "-1"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run_cli(*args, "--db", str(tmp_path / "l.db"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert f"error: argument {args[-2]}: " in message
    assert "is not from" in message or "is not a whole number" in message


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    post = tmp_path / "many.md"
    spans = "\n\n".join(f'<span style="color:blue">밑줄 {n}</span>' for n in range(20_000))
    post.write_text(f"---\ntitle: 많다\n---\n{spans}\n", encoding="utf-8")
    shell = f"{sys.executable} -m reader_tui show {post} | head -1"
    result = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {shell}"], capture_output=True, text=True, timeout=60
    )
    assert result.stdout == "많다\n"
    assert result.stderr == ""
    assert result.returncode == 141  # 128 + SIGPIPE, as other tools end


def test_control_characters_are_escaped_on_every_line_of_the_cli(tmp_path: Path) -> None:
    nasty = "\x1b]52;c;SEVJTA==\x07\x9b2J\u202e거꾸로"
    post = tmp_path / "notes" / "2022-01-01-nasty.md"
    post.parent.mkdir()
    title = json.dumps(nasty)  # YAML reads JSON's escapes
    post.write_text(
        f"---\ntitle: {title}\n---\n\n[링크](https://e.com)\n{nasty} 본문\n\n* * *\n\n"
        f"### 2. 키워드 : \\#키워드\n### 3. 요약 : {nasty}\n### 4. 궁금한 점 : -\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "l.db")
    outputs = [
        run("show", str(post)),
        run("show", str(post), "--json"),
        run("import", str(post.parent), "--db", db),
        run("search", "거꾸로", "--db", db),
        run("search", "거꾸로", "--db", db, "--json"),
    ]
    for result in outputs:
        assert result.returncode == 0, result.stderr
        for raw in ("\x1b", "\x9b", "\u202e", "\x07"):
            assert raw not in result.stdout + result.stderr
    assert json.loads(outputs[1].stdout)["title"] == nasty  # JSON escapes, exact text


def test_yaml_surrogate_escapes_become_whole_characters(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2022-01-01-emoji.md").write_text(
        '---\ntitle: "R&D \\ud83d\\ude00 \\ud800"\n---\n본문\n', encoding="utf-8"
    )
    with Library(tmp_path / "l.db") as library:
        report = importing.import_paths(library, [notes])
        assert (report.added, report.rejected) == (1, ())
        assert queries.articles(library)[0].title == "R&D 😀 \ufffd"
