"""A new reading-note post in the user's own convention (no Textual here).

    ---
    layout: post
    title: '[AI 핫이슈 읽기] 국내 AI 연합체 무엇이 있나'
    subtitle: '220315Tue AIgroup'
    categories: doc
    tags: article
    comments: true
    ---

    [링크](https://byline.network/2022/03/4-128/)
    (the article text)

    * * *

    ### 2. 키워드 : -
    ### 3. 요약 : -
    ### 4. 궁금한 점 : -

saved as `YYYY-MM-DD-Slug.markdown` in the notes folder.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

from reader_tui.library import Library, importing, queries
from reader_tui.writeback import atomic_write

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
URL = re.compile(r"https?://\S+")
SLUG_WORD = re.compile(r"[A-Za-z0-9]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


class NewPostError(ValueError):
    """The post was not created; the message says why."""


def yaml_quoted(value: str) -> str:
    """A YAML single-quoted scalar, as the user writes titles: `'` doubled inside."""
    return "'" + " ".join(value.split()).replace("'", "''") + "'"


def romanised(text: str) -> str:
    """Hangul in the Revised Romanization of Korean (국내 연합체 -> guknae yeonhapche), the
    rest as it is: a Korean title gives a file name a reader can recognise."""
    if not HANGUL.search(text):
        return text
    from korean_romanizer.romanizer import Romanizer  # only for a Korean title

    return " ".join(Romanizer(word).romanize() for word in text.split())


def slug_for(title: str, topic: str | None, url: str) -> str:
    """The file name's last part: ASCII words of the topic, else of the title, else of
    the link's path, run together in CamelCase (`AIgroup`, `BertisIPO`)."""
    # the link's path, without host, query or file extension: /main/read.naver -> main read
    link_path = url.split("://", 1)[-1].partition("/")[2].split("?")[0].split("#")[0]
    path_words = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", link_path)
    for source in (topic or "", title, romanised(title), path_words):
        words = SLUG_WORD.findall(source)
        if words:
            slug = "".join(w if w[:1].isupper() or w.isdigit() else w.capitalize() for w in words)
            return slug[:40]
    return "post"


def subtitle_for(date: dt.date, topic: str | None, slug: str) -> str:
    """`220315Tue AIgroup`: the date, its weekday, and the topic (the slug without one)."""
    return f"{date:%y%m%d}{DAYS[date.weekday()]} {' '.join((topic or slug).split())}"


def render_post(url: str, title: str, text: str, subtitle: str) -> str:
    body = text.replace("\r\n", "\n").strip("\n")
    lines = [
        "---",
        "layout: post",
        f"title: {yaml_quoted(title)}",
        f"subtitle: {yaml_quoted(subtitle)}",
        "categories: doc",
        "tags: article",
        "comments: true",
        "---",
        "",
        f"[링크]({url})",
        *([body] if body else []),
        "",
        "* * *",
        "",
        "### 2. 키워드 : -",
        "### 3. 요약 : -",
        "### 4. 궁금한 점 : -",
    ]
    return "\n".join(lines) + "\n"


def create_post(
    folder: str | Path,
    url: str,
    title: str,
    topic: str | None = None,
    text: str = "",
    date: dt.date | None = None,
    slug: str | None = None,
) -> Path:
    """Write a new post into `folder` and return its path. Never overwrites a file and
    never writes outside `folder`."""
    url = url.strip()
    if not URL.fullmatch(url) or any(ch in url for ch in "()<>"):
        raise NewPostError(f"{url!r} is not a web link (http://… or https://…)")
    if not title.strip():
        raise NewPostError("a post needs a title (--title)")
    home = Path(folder).expanduser()
    if not home.is_dir():
        raise NewPostError(f"{home}: no such folder")
    date = date or dt.date.today()
    name = slug_for(slug, None, "") if slug else slug_for(title, topic, url)
    subtitle = subtitle_for(date, topic, name)
    post = render_post(url, title, text, subtitle)
    for n in range(1, 100):
        candidate = home / f"{date.isoformat()}-{name}{'' if n == 1 else f'-{n}'}.markdown"
        if candidate.resolve().parent != home.resolve():
            raise NewPostError(f"{candidate.name}: would be written outside {home}")
        try:
            with candidate.open("x", encoding="utf-8"):
                pass  # claimed: no other post has this name
        except FileExistsError:
            continue
        try:
            atomic_write(candidate, post)
        except BaseException:
            candidate.unlink(missing_ok=True)  # no empty post left behind
            raise
        return candidate
    raise NewPostError(f"{home}: too many posts named {date.isoformat()}-{name}")


def clipboard_text() -> str | None:
    """The clipboard's text when a clipboard tool is there (Wayland, X11, macOS), else None."""
    for command in (
        ["wl-paste", "--no-newline"],
        ["xclip", "-o", "-selection", "clipboard"],
        ["xsel", "--clipboard", "--output"],
        ["pbpaste"],
    ):
        if shutil.which(command[0]):
            try:
                done = subprocess.run(command, capture_output=True, timeout=5, check=True)
            except (OSError, subprocess.SubprocessError):
                continue
            return done.stdout.decode("utf-8", errors="replace")
    return None


def add_post(
    library: Library, folder: str | Path, url: str, title: str, topic: str, text: str
) -> tuple[Path, int]:
    """Create a post (see `create_post`) and import it; returns its path and article id.
    Either both are done or neither: a post the library did not take (a busy library) is
    removed again, so the same save later makes it once."""
    path = create_post(folder, url, title, topic or None, text)
    try:
        importing.import_paths(library, [path])
        article_id = queries.article_id_for(library, path)
    except BaseException:
        path.unlink(missing_ok=True)  # the name was claimed for this post alone
        raise
    if article_id is None:  # the import refused it: say why
        path.unlink(missing_ok=True)
        raise NewPostError(f"{path.name} could not be read back as a post; nothing was created")
    return path, article_id
