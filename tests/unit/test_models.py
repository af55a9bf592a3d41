"""The parsed models are made by `slot_init`'s `__init__`: the same frozen objects, with
the same parameters and defaults, as the `__init__` `dataclass` writes."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from reader_tui.models import Article, ExtraSection, Highlight, Section, SourceMap
from reader_tui.post import parse
from tests.conftest import SEED

MODELS = [Article, ExtraSection, Highlight, Section, SourceMap]


@pytest.mark.parametrize("model", MODELS)
def test_a_model_takes_the_parameters_its_fields_say(model: type) -> None:
    params = list(inspect.signature(model).parameters.values())
    fields = dataclasses.fields(model)
    assert [p.name for p in params] == [f.name for f in fields]
    for param, f in zip(params, fields, strict=True):
        if f.default is not dataclasses.MISSING:
            assert param.default == f.default
        elif f.default_factory is dataclasses.MISSING:
            assert param.default is inspect.Parameter.empty


def test_by_position_by_name_and_by_default_alike() -> None:
    by_position = Highlight(3, 9, "blue", "본문", "span", 1, 16, "메모", 30)
    by_name = Highlight(
        start=3, end=9, color="blue", text="본문", kind="span", tag_start=1, tag_end=16,
        note="메모", note_end=30,
    )  # fmt: skip
    assert by_position == by_name
    assert (by_position.tag_start, by_position.note, by_position.note_end) == (1, "메모", 30)
    plain = Highlight(3, 9, "blue", "본문")
    assert (plain.kind, plain.tag_start, plain.tag_end, plain.note, plain.note_end) == (
        "span", -1, -1, "", -1,
    )  # fmt: skip
    with pytest.raises(TypeError):
        Highlight(3, 9, "blue")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Highlight(3, 9, "blue", "본문", colour="red")  # type: ignore[call-arg]


def test_each_article_gets_its_own_front_matter_and_source_map() -> None:
    one, two = Article(), Article()
    assert one.front_matter == {}
    assert one.source == SourceMap()
    assert one.front_matter is not two.front_matter
    given = {"title": "t"}
    assert Article(front_matter=given).front_matter is given


def test_a_model_stays_frozen_and_is_replaced_and_pickled_whole() -> None:
    article = parse(SEED.read_text(encoding="utf-8"), str(SEED))
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "다른"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.highlights[0].color = "red"  # type: ignore[misc]
    renamed = dataclasses.replace(article, title="다른")
    assert renamed.title == "다른"
    assert renamed.highlights == article.highlights
    again = pickle.loads(pickle.dumps(article))
    assert again == article
    assert again.source == article.source
    assert hash(article.highlights[0]) == hash(again.highlights[0])
