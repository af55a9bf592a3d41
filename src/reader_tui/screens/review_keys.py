"""The review screen's keys (its key bar names the rating keys with their waits)."""

from __future__ import annotations

from textual.binding import Binding, BindingType

REVIEW_BINDINGS: list[BindingType] = [
    Binding("space", "reveal", "Reveal", tooltip="Show the answer, the passage or more"),
    Binding("1", "rate(1)", "Again", tooltip="Forgotten: see it again in minutes"),
    Binding("2", "rate(2)", "Hard", tooltip="Recalled with effort"),
    Binding("3", "rate(3)", "Good", tooltip="Recalled"),
    Binding("4", "rate(4)", "Easy", tooltip="Recalled at once: a longer wait"),
    Binding("o", "open", "Open", tooltip="Read the article at this passage, then come back"),
    Binding("e", "note", "Note", tooltip="Write a note on this highlight"),
    Binding("a", "answer", "Answer", tooltip="Type an answer to this question"),
    Binding("m", "more", "More", tooltip="Show more of the text around the passage"),
    Binding("s", "skip", "Skip", tooltip="Put this card at the end of today's queue"),
    Binding("x", "retire", "Retire", tooltip="Never show this card again (u undoes)"),
    Binding("u", "undo", "Undo", tooltip="Take back the last rating or retirement"),
    Binding(
        "n",
        "study_new",
        "Study new",
        show=False,
        tooltip="Study the new cards today's limit held back, now",
    ),
    Binding("escape,q", "back", "Back", tooltip="End the review"),
    # Shown while an answer is typed (hidden otherwise): Enter saves it too.
    Binding("ctrl+s", "save_answer", "Save answer", tooltip="Save the answer in the notes"),
]
RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
RATING_KEYS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
ANSWER_HOLDS = frozenset({"rate", "skip", "retire", "undo", "study_new"})
"""What would change the card under an answer typed and not saved (disabled meanwhile)."""
