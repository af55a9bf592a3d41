"""The block-character bar chart of the stats screen."""

from reader_tui.widgets.chart import bar_chart


def test_bars_scale_to_the_largest_and_show_any_review() -> None:
    # 0, 1, 4 and 8 reviews on two rows: 8 fills both, 4 the lower one, 1 an eighth of it
    assert bar_chart([0, 1, 4, 8], height=2, width=1) == ["      █", "  ▂ █ █"]
    one_of_many = bar_chart([1, 1000], height=3, width=1)
    assert one_of_many[-1][0] == "▁"  # a day with one review still shows


def test_nothing_to_chart_is_blank() -> None:
    assert bar_chart([0, 0, 0], height=2, width=2) == ["        ", "        "]
