"""One server never sees or changes another's shows, subscriptions or settings.

Hypothesis runs random command sequences across three servers that share a member, through the
double against the real bot, and checks each server against a model fed only its own commands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.domain.settings import parse_offsets
from bot.sandbox.double import DiscordDouble, Member
from tests.conftest import ON_BOTH_ENGINES, World, build_world

pytestmark = [pytest.mark.usefixtures("at_t0"), ON_BOTH_ENGINES]

TITLES = ("Alpha Show", "Beta Show", "Gamma Show")
ZONES = ("UTC", "Europe/London", "Asia/Tokyo")
OFFSETS = ("7d,1d,1h,0", "2d,0", "1h")
SERVERS = 3

server = st.integers(0, SERVERS - 1)
title = st.sampled_from(TITLES)
who = st.integers(0, 1)  # 0: the member all servers share, 1: a member of that server only
operation = st.one_of(
    st.tuples(st.just("add"), server, title, st.sampled_from(["Netflix", "HBO"])),
    st.tuples(st.just("edit"), server, title, st.sampled_from(["Hulu", "Apple TV+"])),
    st.tuples(st.just("remove"), server, title),
    st.tuples(st.just("subscribe"), server, who, title, st.sampled_from(["channel", "dm"])),
    st.tuples(st.just("unsubscribe"), server, who, title),
    st.tuples(st.just("clear"), server, who),
    st.tuples(st.just("timezone"), server, st.sampled_from(ZONES)),
    st.tuples(st.just("offsets"), server, st.sampled_from(OFFSETS)),
)


@dataclass
class Model:
    """What one server should hold, from its own commands alone."""

    shows: dict[str, str] = field(default_factory=dict)  # title → network
    subscriptions: dict[tuple[int, str], str] = field(default_factory=dict)
    timezone: str = "UTC"
    offsets: str = "7d,1d,1h,0"

    def apply(self, op: tuple, member: int) -> None:  # type: ignore[type-arg]
        match op:
            case ("add", _, title, network) if title not in self.shows:
                self.shows[title] = network
            case ("edit", _, title, network) if title in self.shows:
                self.shows[title] = network
            case ("remove", _, title) if title in self.shows:
                del self.shows[title]
                self.subscriptions = {k: v for k, v in self.subscriptions.items() if k[1] != title}
            case ("subscribe", _, _, title, delivery) if title in self.shows:
                self.subscriptions[(member, title)] = delivery
            case ("unsubscribe", _, _, title):
                self.subscriptions.pop((member, title), None)
            case ("clear", _, _):
                self.subscriptions = {k: v for k, v in self.subscriptions.items() if k[0] != member}
            case ("timezone", _, zone):
                self.timezone = zone
            case ("offsets", _, offsets):
                self.offsets = offsets


def command_for(op: tuple, world: World, member: Member) -> tuple[Member, str, dict]:  # type: ignore[type-arg]
    """The slash command a person would type for a generated operation."""
    match op:
        case ("add", _, title, network):
            return (
                world.admin,
                "show add",
                {"title": title, "premiere": "March 8 2027", "network": network},
            )
        case ("edit", _, title, network):
            return world.admin, "show edit", {"show": title, "network": network}
        case ("remove", _, title):
            return world.admin, "show remove", {"show": title}
        case ("subscribe", _, _, title, delivery):
            return member, "subscribe", {"show": title, "delivery": delivery}
        case ("unsubscribe", _, _, title):
            return member, "unsubscribe", {"show": title}
        case ("clear", _, _):
            return member, "subscriptions clear", {}
        case ("timezone", _, zone):
            return world.admin, "settings timezone", {"timezone": zone}
        case ("offsets", _, offsets):
            return world.admin, "settings reminders", {"offsets": offsets}
    raise AssertionError(op)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=st.lists(operation, min_size=1, max_size=20))
async def test_servers_are_isolated(double: DiscordDouble, bot, operations: list[tuple]) -> None:  # type: ignore[type-arg]
    worlds = [build_world(double, f"Server {n}") for n in range(SERVERS)]
    shared = worlds[0].member
    for world in worlds[1:]:
        world.guild.members[shared.id] = Member(shared.user, world.guild.id)
    locals_ = [double.add_member(w.guild, f"local {n}") for n, w in enumerate(worlds)]
    models = [Model() for _ in worlds]
    # Every server starts with the same titles, followed by the member they share and by one
    # local member each, so a command that leaked would disturb another server's state.
    seeded = [("add", n, t, "Netflix") for n in range(SERVERS) for t in TITLES]
    seeded += [("subscribe", n, 0, t, "dm") for n in range(SERVERS) for t in TITLES]
    seeded += [("subscribe", n, 1, TITLES[n], "channel") for n in range(SERVERS)]

    for op in [*seeded, *operations]:
        n = op[1]
        world = worlds[n]
        acts_as_shared = op[0] in ("subscribe", "unsubscribe", "clear") and op[2] == 0
        member = world.guild.members[shared.id] if acts_as_shared else locals_[n]
        actor, command, options = command_for(op, world, member)
        await double.slash(actor, world.channel, command, **options)
        models[n].apply(op, member.id)

    for world, model, local in zip(worlds, models, locals_, strict=True):
        guild_id = world.guild.id
        shows = await bot.services.shows.upcoming(guild_id)
        assert {s.title: s.network for s in shows} == model.shows
        choices = await double.autocomplete(
            world.admin, world.channel, "show info", focused="show", value=""
        )
        assert sorted(c["name"] for c in choices) == sorted(model.shows)
        held = {}
        for member_id in (shared.id, local.id):
            for show, sub in await bot.services.subscriptions.of_member(guild_id, member_id):
                held[(member_id, show.title)] = sub.delivery.value
        assert held == model.subscriptions
        stored = await bot.services.settings.get(guild_id)
        assert stored.timezone == model.timezone
        assert stored.reminder_offsets == parse_offsets(model.offsets)
