"""A command either fully happens (stored and planned) or tells the member it did not: when the
reminders can't follow a change, the change is undone and the reply says so."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.app import PremiereBot
from bot.domain.settings import DEFAULT_OFFSETS
from tests.conftest import ON_BOTH_ENGINES, World

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]


class PlanningFails(Exception):
    pass


def break_planning(bot: PremiereBot, monkeypatch: pytest.MonkeyPatch, method: str) -> None:
    async def fail(*_: object) -> None:
        raise PlanningFails("the disk is full")

    monkeypatch.setattr(bot.reminders, method, fail)


async def test_a_show_whose_reminders_cant_be_planned_is_not_added(
    world: World, bot: PremiereBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_planning(bot, monkeypatch, "show_added")

    reply = await world.slash(
        world.admin, "show add", title="Jessica Jones", premiere="March 8 2027"
    )

    assert reply.ephemeral
    assert "not added" in reply.content and "went wrong" not in reply.content
    assert await bot.services.shows.upcoming(world.guild.id) == []
    assert await bot.reminders.store.count_pending() == 0


async def test_an_edit_whose_reminders_cant_follow_is_undone(
    world: World, bot: PremiereBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    await world.slash(world.admin, "show add", title="Jessica Jones", premiere="March 8 2027")
    [show] = await bot.services.shows.upcoming(world.guild.id)
    planned = await bot.reminders.store.count_pending()
    break_planning(bot, monkeypatch, "show_changed")

    reply = await world.slash(world.admin, "show edit", show=str(show.id), premiere="April 9 2027")

    assert reply.ephemeral and "left as it was" in reply.content
    [kept] = await bot.services.shows.upcoming(world.guild.id)
    assert kept.premiere == show.premiere
    assert await bot.reminders.store.count_pending() == planned


async def test_offsets_the_plan_cant_follow_are_not_kept(
    world: World, bot: PremiereBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_planning(bot, monkeypatch, "offsets_changed")

    reply = await world.slash(world.admin, "settings reminders", offsets="2d, 3h")

    assert reply.ephemeral and "left as they were" in reply.content
    settings = await bot.services.settings.get(world.guild.id)
    assert settings.reminder_offsets == DEFAULT_OFFSETS


async def test_new_offsets_while_shows_are_removed_plan_every_show_still_there(
    world: World, bot: PremiereBot
) -> None:
    """Re-planning reads the server's shows, then plans each: a show removed in between is
    skipped, not a foreign-key failure after the new offsets were saved."""
    for n in range(40):
        await world.slash(
            world.admin, "show add", title=f"Show {n:02d}", premiere=f"2027-03-{n % 28 + 1:02d}"
        )
    shows = await bot.services.shows.upcoming(world.guild.id)
    doomed = shows[::10]

    replies = await asyncio.gather(
        world.slash(world.admin, "settings reminders", offsets="2d, 3h"),
        *(world.slash(world.admin, "show remove", show=str(s.id)) for s in doomed),
    )

    assert all("went wrong" not in reply.content for reply in replies)
    offsets = (await bot.services.settings.get(world.guild.id)).reminder_offsets
    assert offsets == (timedelta(days=2), timedelta(hours=3))
    kept = await bot.services.shows.upcoming(world.guild.id)
    assert len(kept) == 36
    report = await bot.reminders.status(world.guild.id)
    assert all(r.offset in offsets for r, _ in report.upcoming)
