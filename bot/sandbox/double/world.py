"""The double's world: users, servers, roles, channels, messages, and building them for a test.

`World` holds everything the double knows and the ways a test (or the sandbox) sets it up, as a
server admin would in Discord's client. The HTTP routes, the gateway and a member's actions all
read and change this one object; tests read it to see what the bot did.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .config import DoubleConfig
from .state import (
    DEFAULT_EVERYONE,
    Channel,
    Guild,
    Interaction,
    Member,
    Message,
    Overwrite,
    Perm,
    Pings,
    Role,
    SnowflakeFactory,
    User,
    iso_now,
)

log = logging.getLogger(__name__)

SendEvent = Callable[[str, Any], None]


# How often a wait re-checks a condition nothing announces (the bot's own state).
TICK = 0.05


def _nowhere(event: str, data: Any) -> None:
    """Events sent before a gateway is attached reach nobody (GUILD_CREATE carries the state)."""


class World:
    """One Discord, one bot application, as many servers as a test builds."""

    def __init__(self, config: DoubleConfig | None = None) -> None:
        self.config = config or DoubleConfig()
        self.token = self.config.token
        self.privileged_intents = self.config.privileged_intents
        self.snowflake: Callable[[], int] = SnowflakeFactory()
        self.application_id = self.config.application_id or self.snowflake()
        self.bot_user = User(self.application_id, "Premiere Bot", bot=True)
        self.owner = User(self.snowflake(), "app-owner")
        self.users: dict[int, User] = {self.bot_user.id: self.bot_user, self.owner.id: self.owner}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.interactions: dict[int, Interaction] = {}
        self.global_commands: dict[str, dict[str, Any]] = {}
        self.guild_commands: dict[int, dict[str, dict[str, Any]]] = {}
        self.command_syncs: list[tuple[int | None, list[str]]] = []
        self.problems: list[str] = []
        self.dm_channels: dict[int, Channel] = {}  # recipient's user id → the bot's DM with them
        self.send_event: SendEvent = _nowhere
        self._changed = asyncio.Event()

    # ------------------------------------------------------------------ building a world

    @contextlib.contextmanager
    def fixed_ids(self, start: int) -> Iterator[None]:
        """Ids drawn inside come from a counter at `start`, so a world built the same way gets
        the same ids on every run (the sandbox keeps its database across runs)."""
        clock, counter = self.snowflake, itertools.count(start)
        self.snowflake = counter.__next__
        try:
            yield
        finally:
            self.snowflake = clock

    def add_user(self, name: str, *, dms_closed: bool = False, id: int | None = None) -> User:
        user = User(id or self.snowflake(), name, dms_closed=dms_closed)
        self.users[user.id] = user
        return user

    def add_guild(
        self,
        name: str = "Test Server",
        *,
        bot_permissions: int | None = None,
        id: int | None = None,
    ) -> Guild:
        """A server with an owner, a #general channel and the bot in it."""
        owner = self.add_user(f"{name} owner")
        guild = Guild(id=id or self.snowflake(), name=name, owner_id=owner.id)
        guild.roles[guild.id] = Role(guild.id, guild.id, "@everyone", int(DEFAULT_EVERYONE), 0)
        self.guilds[guild.id] = guild
        guild.members[owner.id] = Member(owner, guild.id)
        bot_role = self.add_role(
            guild,
            "Premiere Bot",
            DEFAULT_EVERYONE | Perm.MANAGE_EVENTS if bot_permissions is None else bot_permissions,
        )
        guild.members[self.bot_user.id] = Member(self.bot_user, guild.id, [bot_role.id])
        self.add_channel(guild, "general")
        return guild

    def add_role(
        self, guild: Guild, name: str, permissions: int = 0, *, mentionable: bool = True
    ) -> Role:
        role = Role(
            self.snowflake(), guild.id, name, int(permissions), len(guild.roles), mentionable
        )
        guild.roles[role.id] = role
        self.send_event("GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": role.to_json()})
        return role

    def set_role_permissions(self, role: Role, permissions: int) -> None:
        """Change what a role may do, as an admin would in Server Settings → Roles."""
        role.permissions = int(permissions)
        self.send_event(
            "GUILD_ROLE_UPDATE", {"guild_id": str(role.guild_id), "role": role.to_json()}
        )

    def add_member(
        self,
        guild: Guild,
        name: str,
        *,
        roles: Iterable[Role] = (),
        dms_closed: bool = False,
        id: int | None = None,
    ) -> Member:
        user = self.add_user(name, dms_closed=dms_closed, id=id)
        member = Member(user, guild.id, [r.id for r in roles])
        guild.members[user.id] = member
        self.send_event("GUILD_MEMBER_ADD", {**member.to_json(), "guild_id": str(guild.id)})
        return member

    def add_channel(self, guild: Guild, name: str, overwrites: Iterable[Overwrite] = ()) -> Channel:
        channel = Channel(self.snowflake(), name, guild.id, overwrites=list(overwrites))
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        self.send_event("CHANNEL_CREATE", channel.to_json())
        return channel

    def set_overwrites(self, channel: Channel, overwrites: Iterable[Overwrite]) -> None:
        """Change a channel's permission overwrites, as an admin would in its settings."""
        channel.overwrites = list(overwrites)
        self.send_event("CHANNEL_UPDATE", channel.to_json())

    def deny_bot(self, channel: Channel, permissions: int) -> None:
        """Deny the bot's role some permissions in one channel."""
        guild = self.guild_of(channel)
        [role_id] = self.bot_member(guild).role_ids
        self.set_overwrites(
            channel,
            [*channel.overwrites, Overwrite(role_id, is_member=False, deny=int(permissions))],
        )

    def post_as_bot(
        self, channel: Channel, content: str = "", components: list[dict[str, Any]] | None = None
    ) -> Message:
        """A message from the bot that the bot did not send in this run (e.g. from an earlier
        deployment, or copied across servers), for testing how old buttons behave."""
        return self.store_message(channel.id, {"content": content, "components": components or []})

    def channel_named(self, guild: Guild, name: str) -> Channel:
        return next(c for c in guild.channels.values() if c.name == name)

    def bot_member(self, guild: Guild) -> Member:
        return guild.members[self.bot_user.id]

    def guild_of(self, channel: Channel) -> Guild:
        """The server a server channel belongs to (not for DMs)."""
        assert channel.guild_id is not None, "a DM channel belongs to no server"
        return self.guilds[channel.guild_id]

    def dm_channel(self, recipient: User) -> Channel:
        """The bot's DM channel with `recipient`, opened on first use."""
        channel = self.dm_channels.get(recipient.id)
        if channel is None:
            channel = Channel(self.snowflake(), "", None, type=1, recipient_id=recipient.id)
            self.dm_channels[recipient.id] = channel
            self.channels[channel.id] = channel
        return channel

    def commands_for(self, guild: Guild) -> dict[str, dict[str, Any]]:
        """What a member of `guild` can see: global commands, shadowed by guild ones."""
        return {**self.global_commands, **self.guild_commands.get(guild.id, {})}

    # ------------------------------------------------------------------ waiting, recording

    def notify(self) -> None:
        """Wake every waiter: something the tests may be waiting for has changed."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until predicate() is truthy, re-checking on every change; returns its value."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            changed = self._changed
            if result := predicate():
                return result
            left = deadline - loop.time()
            if left <= 0:
                raise TimeoutError(f"still waiting after {timeout} s")
            # Woken by any change here; the short tick also catches predicates about the bot's
            # own state, which changes without the double hearing of it. One timeout at a time:
            # on Python 3.11 a wait_for nested in another timeout can swallow the outer one's
            # cancellation, and the wait then never ends.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(TICK, left)):
                    await changed.wait()

    def thread_of(self, message: Message) -> Channel | None:
        """The thread started from a message (Discord gives it the message's id), if any."""
        thread = self.channels.get(message.id)
        return thread if thread is not None and thread.parent_id is not None else None

    def channel_messages(self, channel: Channel) -> list[Message]:
        """What members see in a channel, oldest first (ephemeral replies excluded)."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel.id and not m.deleted and not m.ephemeral
        ]

    def dms_to(self, user: User | Member) -> list[Message]:
        channel = self.dm_channels.get(user.id)
        return [] if channel is None else self.channel_messages(channel)

    def problem(self, text: str) -> None:
        """Record something the bot did that Discord would refuse (the fixtures fail on it)."""
        log.warning("double: %s", text)
        self.problems.append(text)

    # ------------------------------------------------------------------ the bot's messages

    def store_message(
        self,
        channel_id: int,
        data: dict[str, Any],
        *,
        flags: int = 0,
        interaction: Interaction | None = None,
    ) -> Message:
        """Keep a message the bot sent, as Discord would return it."""
        channel = self.channels[channel_id]
        message = Message(
            id=self.snowflake(),
            channel_id=channel_id,
            guild_id=channel.guild_id,
            author=self.bot_user,
            content=data.get("content") or "",
            embeds=[{"type": "rich", **e} for e in data.get("embeds") or []],
            components=numbered_components(data.get("components") or []),
            flags=flags,
            nonce=data.get("nonce"),
            pings=self.pings(channel, data),
            interaction_id=interaction.id if interaction else None,
            webhook_id=self.application_id if interaction else None,
        )
        self.messages[message.id] = message
        return message

    def edit_message(self, message: Message, data: dict[str, Any]) -> None:
        """Apply an edit's fields; a "thinking…" message stops loading once edited."""
        if "content" in data:
            message.content = data["content"] or ""
        if "embeds" in data:
            message.embeds = [{"type": "rich", **e} for e in data["embeds"] or []]
        if "components" in data:
            message.components = numbered_components(data["components"] or [])
        if "allowed_mentions" in data or "content" in data:
            message.pings = self.pings(self.channels[message.channel_id], data)
        message.flags &= ~128
        message.edited_timestamp = iso_now()

    def pings(self, channel: Channel, data: dict[str, Any]) -> Pings:
        """Who a message body really notifies in `channel`, given the bot's permissions there."""
        pings = Pings.compute(data.get("content") or "", data.get("allowed_mentions"))
        if channel.guild_id is None:
            return pings
        guild = self.guilds[channel.guild_id]
        can_everyone = guild.permissions_in(self.bot_member(guild), channel) & Perm.MENTION_EVERYONE
        roles = frozenset(
            r
            for r in pings.roles
            if r in guild.roles and (can_everyone or guild.roles[r].mentionable)
        )
        return Pings(pings.users, roles, pings.everyone and bool(can_everyone))


def numbered_components(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discord numbers components in the message it returns."""
    counter = 0
    out = []
    for row in rows:
        counter += 1
        children = []
        for child in row.get("components", []):
            counter += 1
            children.append({**child, "id": counter})
        out.append({**row, "id": counter - len(children), "components": children})
    return out
