"""Every palette command on every screen, and every key that `?` lists, run on the seed,
and again while another process holds the library's write lock: none may raise (an
exception in a handler fails the test when the app closes)."""

from __future__ import annotations

import inspect
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

import pytest
from textual.command import Provider
from textual.widgets import Input

from reader_tui.app import ReaderApp
from reader_tui.screens.library import LibraryScreen
from reader_tui.screens.reading import ReadingScreen
from reader_tui.screens.review import ReviewScreen
from reader_tui.screens.stats import StatsScreen
from tests.conftest import write_lock_held

if TYPE_CHECKING:
    from textual.pilot import Pilot
    from textual.screen import Screen

    from reader_tui.library import Library

SCREENS: dict[str, type[Screen[Any]]] = {
    "library": LibraryScreen,
    "reading": ReadingScreen,
    "review": ReviewScreen,
    "stats": StatsScreen,
}
# These end the app or write outside the test's folder; each is tested on its own.
LEFT_OUT_COMMANDS = {"Quit", "Screenshot"}
LEFT_OUT_KEYS = {"ctrl+q", "ctrl+c"}


async def go_to(pilot: Pilot[None], name: str) -> Screen[object]:
    """From wherever the app is, back to the library, then to the screen named."""
    app = pilot.app
    while len(app.screen_stack) > 1:
        await app.workers.wait_for_complete()
        app.pop_screen()
        await pilot.pause()
    await pilot.press("escape")  # the library's list, not a search box, has the keys
    keys = {"library": [], "reading": ["enter"], "review": ["r"], "stats": ["t"]}[name]
    await pilot.press(*keys)
    await pilot.pause()
    assert isinstance(app.screen, SCREENS[name]), app.screen
    return app.screen


async def settle(pilot: Pilot[None], screen: Screen[object], name: str) -> Screen[object]:
    """Back to `screen` (closing what a key or command opened), or to a new one of its
    kind when the key left it."""
    app = pilot.app
    if screen not in app.screen_stack:
        return await go_to(pilot, name)
    while app.screen is not screen:
        # Closed as a user closes it: once what it started has finished, Escape.
        top = app.screen
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        if app.screen is top:
            app.pop_screen()
            await pilot.pause()
    for box in screen.query(Input):  # a search or filter box a key opened
        box.display = False
    screen.focus_next()
    return screen


@pytest.mark.parametrize("busy", [False, True], ids=["free", "busy"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_palette_command_runs(seed_library: Library, name: str, busy: bool) -> None:
    app = ReaderApp(seed_library, save_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to(pilot, name)
        ran: list[str] = []
        with write_lock_held(seed_library) if busy else nullcontext():
            while True:
                # The commands of the screen as it is now (a command may have replaced it).
                commands = [
                    (c.title, c.callback)
                    for c in app.get_system_commands(screen)
                    if c.title not in LEFT_OUT_COMMANDS
                ]
                for provider in screen.COMMANDS:
                    assert isinstance(provider, type)
                    assert issubclass(provider, Provider)
                    hits = [h async for h in provider(screen).discover()]
                    commands += [(str(h.text), h.command) for h in hits]
                todo = [(title, run) for title, run in commands if title not in ran]
                if not todo:
                    break
                title, run = todo[0]
                result = run()
                if inspect.isawaitable(result):
                    await result
                await pilot.pause()  # a command that posts a message: let the app act on it
                ran.append(title)
                screen = await settle(pilot, screen, name)
        assert "Review" in ran
        assert "Search the library" in ran
        if name == "reading":
            assert "Study this article now" in ran


@pytest.mark.parametrize("busy", [False, True], ids=["free", "busy"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_key_listed_by_question_mark_runs(
    seed_library: Library, name: str, busy: bool
) -> None:
    app = ReaderApp(seed_library, save_delay=0)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await go_to(pilot, name)
        # One key per action (`n` and `]` do the same), as the help panel lists them.
        by_action = {
            active.binding.action: key
            for key, active in reversed(screen.active_bindings.items())
            if active.binding.description and key not in LEFT_OUT_KEYS
        }
        keys = list(by_action.values())
        assert "question_mark" in keys
        with write_lock_held(seed_library) if busy else nullcontext():
            for key in keys:
                await pilot.press(key)
                screen = await settle(pilot, screen, name)
        assert isinstance(app.screen, SCREENS[name])
