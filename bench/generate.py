"""A deterministic synthetic library in the user's format, for benchmarks.

Usage: python bench/generate.py OUT_DIR [N]   (default N = 10000)

Korean-like text: words of common syllables with particles attached, drawn with a
Zipf-like law, some Latin words and numbers, ~8 KB a post like the real ones; each
post has highlights in blue and red, and a notes block. Same N, same files.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

SYLLABLES = [
    "가",
    "나",
    "다",
    "라",
    "마",
    "바",
    "사",
    "아",
    "자",
    "차",
    "카",
    "타",
    "파",
    "하",
    "고",
    "노",
    "도",
    "로",
    "모",
    "보",
    "소",
    "오",
    "조",
    "구",
    "누",
    "두",
    "루",
    "무",
    "부",
    "수",
    "우",
    "주",
    "기",
    "니",
    "디",
    "리",
    "미",
    "비",
    "시",
    "이",
    "지",
    "치",
    "한",
    "국",
    "대",
    "전",
    "정",
    "업",
    "산",
    "기",
    "술",
    "데",
    "이",
    "터",
    "시",
    "장",
    "서",
    "비",
    "스",
    "개",
    "발",
    "연",
    "구",
    "회",
    "사",
    "금",
    "융",
    "플",
    "랫",
    "폼",
    "경",
    "제",
    "성",
    "장",
    "투",
    "자",
    "인",
    "공",
    "지",
    "능",
    "반",
    "도",
    "체",
    "유",
    "통",
    "물",
    "류",
    "은",
    "행",
    "카",
    "드",
    "결",
    "제",
]
PARTICLES = [
    "는",
    "은",
    "이",
    "가",
    "를",
    "을",
    "에",
    "의",
    "로",
    "와",
    "과",
    "에서",
    "으로",
    "도",
    "",
]
NAMED = ["네이버", "카카오", "쿠팡", "삼성전자", "하이퍼클로바", "초거대", "스마트팩토리", "엑사원"]
LATIN = ["AI", "LG", "SKT", "API", "CJ", "NFT", "ESG", "IT", "DT", "B2B"]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.choice([2, 2, 3, 3, 4]))))
    ranked = sorted(words)
    rng.shuffle(ranked)
    return ranked


def zipf_weights(size: int, exponent: float = 0.9) -> list[float]:
    total, cumulative = 0.0, []
    for rank in range(1, size + 1):
        total += 1 / rank**exponent
        cumulative.append(total)
    return cumulative


_WEIGHTS: dict[int, list[float]] = {}


def sentence(rng: random.Random, vocab: list[str]) -> str:
    weights = _WEIGHTS.get(len(vocab))
    if weights is None:
        weights = _WEIGHTS[len(vocab)] = zipf_weights(len(vocab))
    words = []
    for _ in range(rng.randint(6, 14)):
        roll = rng.random()
        if roll < 0.003:
            word = rng.choice(NAMED)  # each named word in roughly one post in ten
        elif roll < 0.04:
            word = rng.choice(LATIN)
        elif roll < 0.10:
            word = str(rng.randint(1, 2030))
        else:
            word = rng.choices(vocab, cum_weights=weights)[0]
        words.append(word + rng.choice(PARTICLES))
    return " ".join(words) + rng.choice([".", ".", ".", "다.", "했다."])


def post(rng: random.Random, vocab: list[str], number: int) -> tuple[str, str]:
    year = 2019 + number % 6
    month = 1 + number % 12
    day = 1 + number % 28
    slug = f"post{number:05d}"
    title = " ".join(rng.choice(vocab) for _ in range(rng.randint(3, 6)))
    paragraphs = []
    for _ in range(rng.randint(10, 18)):
        sentences = [sentence(rng, vocab) for _ in range(rng.randint(2, 4))]
        if rng.random() < 0.4:
            k = rng.randrange(len(sentences))
            color = "blue" if rng.random() < 0.8 else "red"
            sentences[k] = f'<span style="color:{color}">{sentences[k]}</span>'
        paragraphs.append(" ".join(sentences))
    keywords = " ".join("\\#" + rng.choice(vocab) for _ in range(rng.randint(1, 4)))
    question = sentence(rng, vocab) if rng.random() < 0.3 else "-"
    text = (
        "---\nlayout: post\n"
        f"title: '{title}'\n"
        f"subtitle: '{year % 100:02d}{month:02d}{day:02d}Mon {slug}'\n"
        "categories: doc\ntags: article\ncomments: true\n---\n\n"
        f"[링크](https://news.example.com/{number})\n"
        + "\n\n".join(paragraphs)
        + "\n\n* * *\n\n"
        + f"### 2. 키워드 : {keywords}\n"
        + f"### 3. 요약 : {sentence(rng, vocab)}\n"
        + f"### 4. 궁금한 점 : {question}"
    )
    return f"{year}-{month:02d}-{day:02d}-{slug}.markdown", text


def generate(out: Path, n: int = 10000, seed: int = 20221128) -> list[Path]:
    """Write `n` posts under `out` (in year folders) and return their paths."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    paths = []
    for number in range(n):
        name, text = post(rng, vocab, number)
        folder = out / name[:4]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    made = generate(target, count)
    size = sum(p.stat().st_size for p in made)
    print(f"{len(made)} posts, {size / 1e6:.1f} MB in {target}")
