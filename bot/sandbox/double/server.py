"""A Discord-compatible server on 127.0.0.1 for the real discord.py client.

It serves REST under /api/v10 and the gateway websocket, keeps servers, channels, members and
roles, and enforces what Discord enforces (content type, one acknowledgement in three seconds,
payload limits, rate limits, synced commands, permissions, nonces, closed DMs). Whatever the bot
does that Discord would refuse is refused here too and written to `problems`, which the test
fixtures turn into a failure.

Tests and the sandbox console drive it as a member of a server through the methods under
"Acting as a member" and read what the bot did from `messages`, `interactions` and `requests`.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

from . import limits
from .gateway import Gateway
from .ratelimit import RateLimiter
from .schema import SpecValidator, default_spec_path, load_spec_validator
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
    ScheduledEvent,
    SnowflakeFactory,
    User,
    iso_now,
)

log = logging.getLogger(__name__)

API_PREFIX = "/api/v10"
NONCE_WINDOW_SECONDS = 300
INTERACTION_TOKEN_SECONDS = 15 * 60
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024

# Interaction types and what each may be answered with.
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
ALLOWED_RESPONSES = {
    APPLICATION_COMMAND: {4, 5, 9},
    MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    AUTOCOMPLETE: {8},
    MODAL_SUBMIT: {4, 5, 6, 7},
}
OPTION_STRING, OPTION_INTEGER, OPTION_BOOLEAN = 3, 4, 5
OPTION_USER, OPTION_CHANNEL, OPTION_ROLE, OPTION_NUMBER = 6, 7, 8, 10
BODY = web.RequestKey("body", object)
ARRIVED = web.RequestKey("arrived", float)
COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")


class InvocationError(Exception):
    """What Discord's own client would stop a member from sending (unknown command, bad option)."""


@dataclass
class Fault:
    """Make a route misbehave: a status (500, 502, 429…), a delay, or accept-then-fail."""

    method: str
    route: str
    status: int = 500
    times: int = 1
    delay: float = 0.0
    retry_after: float = 0.5
    is_global: bool = False
    after_commit: bool = False  # do the work (store the message), then answer with the fault


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    route: str
    body: Any
    at: float


@dataclass
class DoubleConfig:
    token: str = "double-bot-token"  # noqa: S105 - not a secret, the double's own
    response_deadline: float = 3.0
    privileged_intents: set[str] = field(default_factory=set)
    application_id: int | None = None  # fixed ids let a sandbox keep its data across runs
    spec_path: Path | None = field(default_factory=default_spec_path)


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": discord.py only parses that, not "...; charset=utf-8".
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def _error(status: int, code: int, message: str, errors: Any = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors is not None:
        body["errors"] = errors
    return _json(body, status)


class DiscordDouble:
    """One Discord, one bot application, as many servers as a test builds."""

    def __init__(self, config: DoubleConfig | None = None) -> None:
        self.config = config or DoubleConfig()
        self.token = self.config.token
        self.privileged_intents = self.config.privileged_intents
        self.snowflake = SnowflakeFactory()
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
        self.requests: list[RecordedRequest] = []
        self.problems: list[str] = []
        self.refusals: list[tuple[str, int, int]] = []  # (route, status, code) Discord would send
        self.rate_limited = 0
        self.faults: list[Fault] = []
        self.ratelimits = RateLimiter()
        self.gateway = Gateway(self)
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}
        self._dm_channels: dict[int, Channel] = {}
        self._changed = asyncio.Event()
        self._spec: SpecValidator | None = load_spec_validator(self.config.spec_path)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(middlewares=[self._middleware], client_max_size=32 * 1024**2)
        self._add_routes(app.router)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.host = host

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_base(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/"

    @property
    def spec_checked(self) -> bool:
        """Whether request bodies are being checked against Discord's OpenAPI spec."""
        return self._spec is not None

    # ------------------------------------------------------------------ building a world

    @contextlib.contextmanager
    def fixed_ids(self, start: int) -> Iterator[None]:
        """Ids drawn inside come from a counter at `start`, so a world built the same way gets
        the same ids on every run (the sandbox keeps its database across runs)."""
        clock, counter = self.snowflake, itertools.count(start)
        self.snowflake = counter.__next__  # type: ignore[assignment]
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
        self.gateway.dispatch(
            "GUILD_ROLE_CREATE", {"guild_id": str(guild.id), "role": role.to_json()}
        )
        return role

    def set_role_permissions(self, role: Role, permissions: int) -> None:
        """Change what a role may do, as an admin would in Server Settings → Roles."""
        role.permissions = int(permissions)
        self.gateway.dispatch(
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
        self.gateway.dispatch("GUILD_MEMBER_ADD", {**member.to_json(), "guild_id": str(guild.id)})
        return member

    def add_channel(self, guild: Guild, name: str, overwrites: Iterable[Overwrite] = ()) -> Channel:
        channel = Channel(self.snowflake(), name, guild.id, overwrites=list(overwrites))
        guild.channels[channel.id] = channel
        self.channels[channel.id] = channel
        self.gateway.dispatch("CHANNEL_CREATE", channel.to_json())
        return channel

    def set_overwrites(self, channel: Channel, overwrites: Iterable[Overwrite]) -> None:
        """Change a channel's permission overwrites, as an admin would in its settings."""
        channel.overwrites = list(overwrites)
        self.gateway.dispatch("CHANNEL_UPDATE", channel.to_json())

    def deny_bot(self, channel: Channel, permissions: int) -> None:
        """Deny the bot's role some permissions in one channel."""
        guild = self.guilds[channel.guild_id]  # type: ignore[index]
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
        return self._store_message(channel.id, {"content": content, "components": components or []})

    def channel_named(self, guild: Guild, name: str) -> Channel:
        return next(c for c in guild.channels.values() if c.name == name)

    def bot_member(self, guild: Guild) -> Member:
        return guild.members[self.bot_user.id]

    # ------------------------------------------------------------------ waiting, recording

    def notify(self) -> None:
        """Wake every waiter: something the tests may be waiting for has changed."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until predicate() is truthy, re-checking on every change; returns its value."""
        async with asyncio.timeout(timeout):
            while True:
                changed = self._changed
                if result := predicate():
                    return result
                # Woken by any change here; the short tick also catches predicates about the
                # bot's own state, which changes without the double hearing of it.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait(), 0.05)

    def channel_messages(self, channel: Channel) -> list[Message]:
        """What members see in a channel, oldest first (ephemeral replies excluded)."""
        return [
            m
            for m in self.messages.values()
            if m.channel_id == channel.id and not m.deleted and not m.ephemeral
        ]

    def dms_to(self, user: User | Member) -> list[Message]:
        channel = self._dm_channels.get(user.id)
        return [] if channel is None else self.channel_messages(channel)

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.route == route]

    def _problem(self, text: str) -> None:
        log.warning("double: %s", text)
        self.problems.append(text)

    # ------------------------------------------------------------------ acting as a member

    async def invoke(
        self, member: Member, channel: Channel, command: str, /, **options: Any
    ) -> Interaction:
        """Send a slash command as `member`, the way Discord's client would (checks included)."""
        guild = self.guilds[member.guild_id]
        definition, path = self._resolve_command(guild, command)
        self._check_can_use(guild, member, channel, definition)
        leaf_options = self._leaf_options(definition, path)
        data_options, resolved = self._build_options(guild, member, leaf_options, options, command)
        data = {
            "id": definition["id"],
            "name": definition["name"],
            "type": 1,
            "options": self._nest(path, data_options),
        }
        if resolved:
            data["resolved"] = resolved
        if definition.get("guild_id"):
            data["guild_id"] = definition["guild_id"]
        return await self._create_interaction(APPLICATION_COMMAND, member, channel, data)

    def post_as(self, member: Member, channel: Channel, content: str) -> Message:
        """A member's own message in a channel (to use a message command on it)."""
        message = Message(self.snowflake(), channel.id, channel.guild_id, member.user, content)
        self.messages[message.id] = message
        return message

    async def invoke_on_message(self, member: Member, message: Message, name: str) -> Interaction:
        """Use a message command (right-click → Apps → name) on `message`."""
        guild = self.guilds[member.guild_id]
        channel = self.channels[message.channel_id]
        definition = self.commands_for(guild).get(name)
        if definition is None or definition.get("type") != 3:
            menus = [n for n, d in self.commands_for(guild).items() if d.get("type") == 3]
            raise InvocationError(
                f"no message command {name!r} here. Message commands: {', '.join(menus) or 'none'}"
            )
        self._check_can_use(guild, member, channel, definition)
        data = {
            "id": definition["id"],
            "name": name,
            "type": 3,
            "target_id": str(message.id),
            "resolved": {"messages": {str(message.id): message.to_json()}},
        }
        return await self._create_interaction(APPLICATION_COMMAND, member, channel, data)

    async def autocomplete(
        self,
        member: Member,
        channel: Channel,
        command: str,
        /,
        focused: str,
        value: str = "",
        **options: Any,
    ) -> list[dict[str, Any]]:
        """Type into an autocomplete option; returns the choices the bot offered."""
        guild = self.guilds[member.guild_id]
        definition, path = self._resolve_command(guild, command)
        self._check_can_use(guild, member, channel, definition)
        by_name = {o["name"]: o for o in self._leaf_options(definition, path)}
        if not by_name.get(focused, {}).get("autocomplete"):
            raise InvocationError(f"/{command} has no autocomplete option {focused!r}")
        typed = [
            {"name": k, "type": by_name[k]["type"], "value": str(v)} for k, v in options.items()
        ]
        typed.append(
            {"name": focused, "type": by_name[focused]["type"], "value": value, "focused": True}
        )
        data = {
            "id": definition["id"],
            "name": definition["name"],
            "type": 1,
            "options": self._nest(path, typed),
        }
        interaction = await self._create_interaction(AUTOCOMPLETE, member, channel, data)
        await self.wait_for(lambda: interaction.acknowledged)
        return interaction.response["data"]["choices"]  # type: ignore[index]

    async def click(self, member: Member | User, message: Message, button: str) -> Interaction:
        """Press a button on a message, named by its label or its custom_id."""
        buttons = message.buttons()
        match = next((b for b in buttons if button in (b.get("label"), b.get("custom_id"))), None)
        if match is None:
            labels = ", ".join(b.get("label") or b.get("custom_id", "?") for b in buttons)
            raise InvocationError(f"no button {button!r} on that message (buttons: {labels})")
        if match.get("disabled"):
            raise InvocationError(f"the {button!r} button is disabled")
        if "custom_id" not in match:
            raise InvocationError(f"{button!r} is a link button: {match.get('url')}")
        data = {"custom_id": match["custom_id"], "component_type": 2}
        channel = self.channels[message.channel_id]
        return await self._create_interaction(MESSAGE_COMPONENT, member, channel, data, message)

    async def submit_modal(
        self, member: Member, interaction: Interaction, values: dict[str, str]
    ) -> Interaction:
        """Fill in and submit the modal the bot opened in answer to `interaction`."""
        if interaction.response_type != 9:
            raise InvocationError("the bot did not open a modal for that interaction")
        modal = interaction.response["data"]  # type: ignore[index]
        rows = []
        for row in modal["components"]:
            inputs = [
                {
                    "type": 4,
                    "custom_id": c["custom_id"],
                    "value": values.get(c["custom_id"], c.get("value", "")),
                }
                for c in row["components"]
            ]
            rows.append({"type": 1, "components": inputs})
        data = {"custom_id": modal["custom_id"], "components": rows}
        channel = self.channels[interaction.channel_id]
        return await self._create_interaction(MODAL_SUBMIT, member, channel, data)

    async def reply(self, interaction: Interaction, timeout: float = 5.0) -> Message:
        """The message the bot answered with (after a defer, once it is filled in)."""

        def answered() -> Message | None:
            if interaction.original_message_id is None:
                return None
            message = self.messages[interaction.original_message_id]
            return None if message.loading else message

        return await self.wait_for(answered, timeout)

    async def slash(
        self, member: Member, channel: Channel, command: str, /, **options: Any
    ) -> Message:
        """invoke() and wait for the reply."""
        return await self.reply(await self.invoke(member, channel, command, **options))

    async def drop_connection(self, code: int = 4000) -> None:
        await self.gateway.drop(code)

    def inject_fault(self, method: str, route: str, **kwargs: Any) -> Fault:
        fault = Fault(method.upper(), route, **kwargs)
        self.faults.append(fault)
        return fault

    async def mark_interested(self, member: Member, event_id: int) -> None:
        guild = self.guilds[member.guild_id]
        event = guild.scheduled_events[event_id]
        event.interested.add(member.id)
        self.gateway.dispatch(
            "GUILD_SCHEDULED_EVENT_USER_ADD",
            {
                "guild_scheduled_event_id": str(event_id),
                "user_id": str(member.id),
                "guild_id": str(guild.id),
            },
        )

    async def unmark_interested(self, member: Member, event_id: int) -> None:
        guild = self.guilds[member.guild_id]
        guild.scheduled_events[event_id].interested.discard(member.id)
        self.gateway.dispatch(
            "GUILD_SCHEDULED_EVENT_USER_REMOVE",
            {
                "guild_scheduled_event_id": str(event_id),
                "user_id": str(member.id),
                "guild_id": str(guild.id),
            },
        )

    async def delete_event(self, member: Member, event_id: int) -> None:
        """Delete a scheduled event in Discord's client, as a member with Manage Events."""
        guild = self.guilds[member.guild_id]
        if not guild.base_permissions(member) & Perm.MANAGE_EVENTS:
            raise InvocationError(f"{member.user.username} may not delete events (Manage Events)")
        event = guild.scheduled_events.pop(event_id)
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event.to_json())
        self.notify()

    # ------------------------------------------------------------------ commands, as the client

    def commands_for(self, guild: Guild) -> dict[str, dict[str, Any]]:
        """What a member of `guild` can see: global commands, shadowed by guild ones."""
        return {**self.global_commands, **self.guild_commands.get(guild.id, {})}

    def _resolve_command(self, guild: Guild, command: str) -> tuple[dict[str, Any], list[str]]:
        name, *path = command.strip().lstrip("/").split()
        visible = self.commands_for(guild)
        definition = visible.get(name)
        if definition is None or definition.get("type", 1) != 1:
            known = ", ".join(f"/{n}" for n in sorted(visible)) or "none (not synced)"
            raise InvocationError(f"/{name} is not a command here. Commands: {known}")
        return definition, path

    def _leaf_options(self, definition: dict[str, Any], path: list[str]) -> list[dict[str, Any]]:
        options = definition.get("options") or []
        walked = [definition["name"]]
        for part in path:
            sub = next((o for o in options if o["name"] == part and o["type"] in (1, 2)), None)
            if sub is None:
                subs = [o["name"] for o in options if o["type"] in (1, 2)]
                raise InvocationError(
                    f"/{' '.join(walked)} has no subcommand {part!r}. Try: {', '.join(subs)}"
                )
            walked.append(part)
            options = sub.get("options") or []
        if any(o["type"] in (1, 2) for o in options):
            subs = ", ".join(o["name"] for o in options)
            raise InvocationError(f"/{' '.join(walked)} needs a subcommand: {subs}")
        return options

    @staticmethod
    def _nest(path: list[str], leaf: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for i, part in reversed(list(enumerate(path))):
            leaf = [{"name": part, "type": 1 if i == len(path) - 1 else 2, "options": leaf}]
        return leaf

    def _check_can_use(
        self, guild: Guild, member: Member, channel: Channel, definition: dict[str, Any]
    ) -> None:
        contexts = definition.get("contexts")
        if contexts is not None and 0 not in contexts:
            raise InvocationError(f"/{definition['name']} cannot be used in servers")
        required = definition.get("default_member_permissions")
        if required is None:
            return
        allowed_ids = guild.command_overrides.get(definition["name"], set())
        if allowed_ids & {member.id, *member.role_ids}:
            return
        perms = guild.base_permissions(member)
        if perms & Perm.ADMINISTRATOR or (int(required) and perms & int(required) == int(required)):
            return
        raise InvocationError(
            f"{member.user.username} cannot see /{definition['name']}: it needs permissions "
            f"{required} (Discord hides it from them)"
        )

    def _build_options(
        self,
        guild: Guild,
        invoker: Member,
        declared: list[dict[str, Any]],
        given: dict[str, Any],
        command: str,
    ) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        by_name = {o["name"]: o for o in declared}
        unknown = set(given) - set(by_name)
        if unknown:
            raise InvocationError(
                f"/{command} has no option {', '.join(sorted(unknown))}. "
                f"Options: {', '.join(by_name) or 'none'}"
            )
        missing = [o["name"] for o in declared if o.get("required") and o["name"] not in given]
        if missing:
            raise InvocationError(f"/{command} needs {', '.join(missing)}")
        out: list[dict[str, Any]] = []
        resolved: dict[str, dict[str, Any]] = {}
        for name, value in given.items():
            option = by_name[name]
            out.append(
                {
                    "name": name,
                    "type": option["type"],
                    "value": self._option_value(guild, invoker, option, value, resolved),
                }
            )
        return out, resolved

    def _option_value(
        self,
        guild: Guild,
        invoker: Member,
        option: dict[str, Any],
        value: Any,
        resolved: dict[str, Any],
    ) -> Any:
        kind, name = option["type"], option["name"]
        if kind == OPTION_STRING:
            value = str(value)
            if not option.get("min_length", 0) <= len(value) <= option.get("max_length", 6000):
                raise InvocationError(f"{name}: length must be within the option's bounds")
        elif kind in (OPTION_INTEGER, OPTION_NUMBER):
            try:
                value = int(value) if kind == OPTION_INTEGER else float(value)
            except (TypeError, ValueError):
                raise InvocationError(f"{name} must be a number") from None
            low, high = option.get("min_value"), option.get("max_value")
            if (low is not None and value < low) or (high is not None and value > high):
                raise InvocationError(f"{name} must be between {low} and {high}")
        elif kind == OPTION_BOOLEAN:
            value = value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1")
        elif kind in (OPTION_USER, OPTION_CHANNEL, OPTION_ROLE):
            return self._resolve_entity(guild, invoker, kind, name, value, resolved)
        choices = option.get("choices")
        if choices and value not in [c["value"] for c in choices]:
            names = ", ".join(c["name"] for c in choices)
            raise InvocationError(f"{name} must be one of: {names}")
        return value

    def _resolve_entity(
        self,
        guild: Guild,
        invoker: Member,
        kind: int,
        name: str,
        value: Any,
        resolved: dict[str, Any],
    ) -> str:
        if kind == OPTION_USER:
            member = value if isinstance(value, Member) else guild.members.get(int(value))
            if member is None:
                raise InvocationError(f"{name}: no such member")
            resolved.setdefault("users", {})[str(member.id)] = member.user.to_json()
            data = member.to_json()
            data.pop("user")
            resolved.setdefault("members", {})[str(member.id)] = {
                **data,
                "permissions": str(guild.base_permissions(member)),
            }
            return str(member.id)
        if kind == OPTION_CHANNEL:
            channel = value if isinstance(value, Channel) else guild.channels.get(int(value))
            if channel is None:
                raise InvocationError(f"{name}: no such channel")
            # Discord resolves a channel with the invoking member's permissions in it.
            resolved.setdefault("channels", {})[str(channel.id)] = {
                "id": str(channel.id),
                "name": channel.name,
                "type": channel.type,
                "permissions": str(guild.permissions_in(invoker, channel)),
                "parent_id": None,
            }
            return str(channel.id)
        role = value if isinstance(value, Role) else guild.roles.get(int(value))
        if role is None:
            raise InvocationError(f"{name}: no such role")
        resolved.setdefault("roles", {})[str(role.id)] = role.to_json()
        return str(role.id)

    async def _create_interaction(
        self,
        kind: int,
        actor: Member | User,
        channel: Channel,
        data: dict[str, Any],
        message: Message | None = None,
    ) -> Interaction:
        if self.gateway.active is None:
            raise InvocationError("the bot has not connected to the gateway yet")
        interaction_id = self.snowflake()
        token = secrets.token_urlsafe(32)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(self.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "locale": "en-US",
            "entitlements": [],
            "channel_id": str(channel.id),
            "channel": channel.to_json(self.users),
        }
        guild = self.guilds.get(channel.guild_id) if channel.guild_id else None
        if guild is not None and isinstance(actor, Member):
            payload |= {
                "guild_id": str(guild.id),
                "guild_locale": "en-US",
                "member": actor.to_json()
                | {"permissions": str(guild.permissions_in(actor, channel))},
                "app_permissions": str(guild.permissions_in(self.bot_member(guild), channel)),
                "authorizing_integration_owners": {"0": str(guild.id)},
                "context": 0,
            }
        else:
            user = actor.user if isinstance(actor, Member) else actor
            payload |= {
                "user": user.to_json(),
                "app_permissions": str(int(DEFAULT_EVERYONE)),
                "authorizing_integration_owners": {"0": str(user.id)},
                "context": 1,
            }
        if message is not None:
            payload["message"] = message.to_json()
        interaction = Interaction(
            id=interaction_id,
            token=token,
            type=kind,
            guild_id=guild.id if guild else None,
            channel_id=channel.id,
            user_id=actor.id,
            payload=payload,
            source_message_id=message.id if message else None,
        )
        self.interactions[interaction_id] = interaction
        self.gateway.dispatch("INTERACTION_CREATE", payload)
        return interaction

    # ------------------------------------------------------------------ HTTP plumbing

    def _add_routes(self, router: web.UrlDispatcher) -> None:
        routes: list[tuple[str, str, Callable[[web.Request], Awaitable[web.StreamResponse]]]] = [
            ("GET", "/users/@me", self._get_me),
            ("GET", "/users/{user_id}", self._get_user),
            ("POST", "/users/@me/channels", self._open_dm),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway),
            ("GET", "/applications/{application_id}/commands", self._get_commands),
            ("PUT", "/applications/{application_id}/commands", self._put_commands),
            (
                "GET",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self._get_commands,
            ),
            (
                "PUT",
                "/applications/{application_id}/guilds/{guild_id}/commands",
                self._put_commands,
            ),
            (
                "POST",
                "/interactions/{interaction_id}/{interaction_token}/callback",
                self._interaction_callback,
            ),
            ("POST", "/webhooks/{webhook_id}/{webhook_token}", self._followup),
            (
                "GET",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self._get_webhook_message,
            ),
            (
                "PATCH",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self._edit_webhook_message,
            ),
            (
                "DELETE",
                "/webhooks/{webhook_id}/{webhook_token}/messages/{message_id}",
                self._delete_webhook_message,
            ),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("GET", "/channels/{channel_id}/messages", self._get_messages),
            ("POST", "/channels/{channel_id}/messages", self._create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message),
            ("GET", "/guilds/{guild_id}", self._get_guild),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_member),
            ("GET", "/guilds/{guild_id}/scheduled-events", self._list_events),
            ("POST", "/guilds/{guild_id}/scheduled-events", self._create_event),
            (
                "GET",
                "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}",
                self._get_event,
            ),
            (
                "PATCH",
                "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}",
                self._edit_event,
            ),
            (
                "DELETE",
                "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}",
                self._delete_event,
            ),
            (
                "GET",
                "/guilds/{guild_id}/scheduled-events/{guild_scheduled_event_id}/users",
                self._event_users,
            ),
        ]
        for method, path, handler in routes:
            router.add_route(method, API_PREFIX + path, handler)
        router.add_get("/", self.gateway.handle)
        router.add_route("*", "/{tail:.*}", self._unserved)

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        request[ARRIVED] = time.monotonic()
        if request.path == "/" and request.method == "GET":
            return await handler(request)
        route = request.match_info.route.resource.canonical  # type: ignore[union-attr]
        route = route.removeprefix(API_PREFIX)
        body = await self._read_body(request)
        self.requests.append(
            RecordedRequest(request.method, request.path, route, body, time.monotonic())
        )
        if isinstance(body, web.Response):
            return body
        request[BODY] = body
        interaction_route = route.startswith(("/interactions/", "/webhooks/"))
        if not interaction_route and request.headers.get("Authorization") != f"Bot {self.token}":
            return _error(401, 0, "401: Unauthorized")
        if (fault := self._take_fault(request.method, route)) and not fault.after_commit:
            return await self._fault_response(fault)
        major = next(
            (
                request.match_info[k]
                for k in ("channel_id", "guild_id", "webhook_id")
                if k in request.match_info
            ),
            "",
        )
        verdict = self.ratelimits.check(
            f"{request.method} {route}", major, counts_globally=not interaction_route
        )
        if not verdict.allowed:
            self.rate_limited += 1
            return _json(
                {
                    "message": "You are being rate limited.",
                    "retry_after": verdict.retry_after,
                    "global": verdict.is_global,
                },
                429,
                {
                    **verdict.headers,
                    "Retry-After": str(max(1, round(verdict.retry_after))),
                    "Via": "1.1 google",
                },
            )
        if (refusal := self._spec_refusal(request.method, route, request.path, body)) is not None:
            return refusal
        response = await handler(request)
        self.notify()
        if fault is not None:
            return await self._fault_response(fault)
        response.headers.update(verdict.headers)
        if response.status >= 400 and isinstance(response, web.Response) and response.body:
            code = json.loads(response.body).get("code", 0)  # type: ignore[arg-type]
            self.refusals.append((f"{request.method} {route}", response.status, code))
        return response

    async def _read_body(self, request: web.Request) -> Any:
        if not request.body_exists:
            return None
        content_type = request.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if getattr(part, "name", None) == "payload_json":
                    return json.loads(await part.text())  # type: ignore[union-attr]
            return {}
        if content_type != "application/json":
            self._problem(f"{request.method} {request.path}: Content-Type {content_type!r}")
            return _error(400, 50035, "Invalid Form Body: send application/json")
        try:
            return json.loads(await request.read())
        except json.JSONDecodeError:
            self._problem(f"{request.method} {request.path}: body is not JSON")
            return _error(400, 50109, "The request body contains invalid JSON.")

    def _spec_refusal(self, method: str, route: str, path: str, body: Any) -> web.Response | None:
        if self._spec is None or body is None:
            return None
        spec_route = route
        if route.endswith("/messages/{message_id}") and path.endswith("/@original"):
            spec_route = route.replace("{message_id}", "@original")
        errors = self._spec.errors(method, spec_route, body)
        if not errors:
            return None
        self._problem(f"{method} {route} breaks Discord's API spec: {errors}")
        return _error(400, 50035, "Invalid Form Body", {"spec": errors})

    def _take_fault(self, method: str, route: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and fault.route == route:
                fault.times -= 1
                return fault
        return None

    async def _fault_response(self, fault: Fault) -> web.Response:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 429:
            self.rate_limited += 1
            return _json(
                {
                    "message": "You are being rate limited.",
                    "retry_after": fault.retry_after,
                    "global": fault.is_global,
                },
                429,
                {
                    "Via": "1.1 google",
                    "Retry-After": str(max(1, round(fault.retry_after))),
                    "X-RateLimit-Scope": "global" if fault.is_global else "user",
                },
            )
        return _error(fault.status, 0, f"{fault.status}: injected by the double")

    async def _unserved(self, request: web.Request) -> web.Response:
        self._problem(f"unserved route {request.method} {request.path}")
        return _error(404, 0, f"the double does not serve {request.method} {request.path}")

    def _limit_refusal(self, where: str, errors: list[str]) -> web.Response | None:
        if not errors:
            return None
        self._problem(f"{where}: {'; '.join(errors)}")
        return _error(400, 50035, "Invalid Form Body", {"limits": errors})

    # ------------------------------------------------------------------ users, app, gateway

    async def _get_me(self, request: web.Request) -> web.Response:
        return _json(self.bot_user.to_json())

    async def _get_user(self, request: web.Request) -> web.Response:
        user = self.users.get(int(request.match_info["user_id"]))
        if user is None:
            return _error(404, 10013, "Unknown User")
        return _json(user.to_json())

    async def _get_application(self, request: web.Request) -> web.Response:
        return _json(
            {
                "id": str(self.application_id),
                "name": self.bot_user.username,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.owner.to_json(),
                "verify_key": "0" * 64,
                "flags": 0,
                "interactions_endpoint_url": None,
                "team": None,
                "summary": "",
            }
        )

    async def _get_gateway(self, request: web.Request) -> web.Response:
        return _json(
            {
                "url": self.gateway_url.rstrip("/"),
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def _open_dm(self, request: web.Request) -> web.Response:
        recipient = self.users.get(int(request[BODY]["recipient_id"]))
        if recipient is None:
            return _error(400, 50033, "Invalid Recipient(s)")
        channel = self._dm_channels.get(recipient.id)
        if channel is None:
            channel = Channel(self.snowflake(), "", None, type=1, recipient_id=recipient.id)
            self._dm_channels[recipient.id] = channel
            self.channels[channel.id] = channel
        return _json(channel.to_json(self.users))

    # ------------------------------------------------------------------ application commands

    async def _get_commands(self, request: web.Request) -> web.Response:
        guild_id = request.match_info.get("guild_id")
        store = self.guild_commands.get(int(guild_id), {}) if guild_id else self.global_commands
        return _json(list(store.values()))

    async def _put_commands(self, request: web.Request) -> web.Response:
        if int(request.match_info["application_id"]) != self.application_id:
            return _error(403, 50001, "Missing Access")
        guild_id = int(request.match_info["guild_id"]) if "guild_id" in request.match_info else None
        if guild_id is not None and guild_id not in self.guilds:
            return _error(403, 50001, "Missing Access")
        body = request[BODY] or []
        if refusal := self._limit_refusal("command sync", _command_errors(body)):
            return refusal
        old = self.guild_commands.get(guild_id, {}) if guild_id else self.global_commands
        stored: dict[str, dict[str, Any]] = {}
        for command in body:
            previous = old.get(command["name"])
            stored[command["name"]] = {
                "description": "",  # Discord answers context menus with an empty one
                **command,
                "id": previous["id"] if previous else str(self.snowflake()),
                "application_id": str(self.application_id),
                "version": str(self.snowflake()),
                **({"guild_id": str(guild_id)} if guild_id else {}),
            }
        if guild_id is None:
            self.global_commands = stored
        else:
            self.guild_commands[guild_id] = stored
        self.command_syncs.append((guild_id, sorted(stored)))
        return _json(list(stored.values()))

    # ------------------------------------------------------------------ interactions

    def _interaction_for(self, request: web.Request) -> Interaction | None:
        raw_id = request.match_info.get("interaction_id")
        token = request.match_info.get("interaction_token") or request.match_info.get(
            "webhook_token"
        )
        if raw_id is not None:
            interaction = self.interactions.get(int(raw_id))
            return interaction if interaction and interaction.token == token else None
        return next((i for i in self.interactions.values() if i.token == token), None)

    async def _interaction_callback(self, request: web.Request) -> web.Response:
        interaction = self._interaction_for(request)
        if interaction is None:
            self._problem("interaction callback with an unknown id or token")
            return _error(404, 10062, "Unknown interaction")
        if interaction.acknowledged:
            self._problem(f"interaction {interaction.id} acknowledged twice")
            return _error(400, 40060, "Interaction has already been acknowledged.")
        interaction.answered_monotonic = request[ARRIVED]
        waited = request[ARRIVED] - interaction.created_monotonic
        if waited > self.config.response_deadline:
            self._problem(f"interaction {interaction.id} answered after {waited:.2f}s")
            return _error(404, 10062, "Unknown interaction")
        body = request[BODY]
        kind, data = body.get("type"), body.get("data") or {}
        if kind not in ALLOWED_RESPONSES[interaction.type]:
            self._problem(f"response type {kind} to interaction type {interaction.type}")
            return _error(400, 50035, "Invalid Form Body", {"type": "not allowed here"})
        errors = {
            4: limits.message_errors,
            7: limits.message_errors,
            8: limits.autocomplete_errors,
            9: limits.modal_errors,
        }.get(kind, lambda _data: [])(data)
        if refusal := self._limit_refusal(f"interaction response type {kind}", errors):
            return refusal
        interaction.response_type, interaction.response = kind, body
        message = self._apply_response(interaction, kind, data)
        result: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "activity_instance_id": None,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(message and message.ephemeral),
            }
        }
        if message is not None and kind in (4, 5, 7):
            result["resource"] = {"type": kind, "message": message.to_json()}
        return _json(result)

    def _apply_response(
        self, interaction: Interaction, kind: int, data: dict[str, Any]
    ) -> Message | None:
        source_id = interaction.source_message_id
        if kind in (4, 5):
            flags = int(data.get("flags") or 0) & 64 | (128 if kind == 5 else 0)
            message = self._store_message(
                interaction.channel_id, data, flags=flags, interaction=interaction
            )
            interaction.original_message_id = message.id
            return message
        if kind in (6, 7) and source_id is not None:
            message = self.messages[source_id]
            if kind == 7:
                self._edit(message, data)
            interaction.original_message_id = message.id
            return message
        return None

    def _store_message(
        self,
        channel_id: int,
        data: dict[str, Any],
        *,
        flags: int = 0,
        interaction: Interaction | None = None,
    ) -> Message:
        channel = self.channels[channel_id]
        message = Message(
            id=self.snowflake(),
            channel_id=channel_id,
            guild_id=channel.guild_id,
            author=self.bot_user,
            content=data.get("content") or "",
            embeds=[{"type": "rich", **e} for e in data.get("embeds") or []],
            components=_with_ids(data.get("components") or []),
            flags=flags,
            nonce=data.get("nonce"),
            pings=self._pings(channel, data),
            interaction_id=interaction.id if interaction else None,
            webhook_id=self.application_id if interaction else None,
        )
        self.messages[message.id] = message
        return message

    def _pings(self, channel: Channel, data: dict[str, Any]) -> Pings:
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

    def _edit(self, message: Message, data: dict[str, Any]) -> None:
        if "content" in data:
            message.content = data["content"] or ""
        if "embeds" in data:
            message.embeds = [{"type": "rich", **e} for e in data["embeds"] or []]
        if "components" in data:
            message.components = _with_ids(data["components"] or [])
        if "allowed_mentions" in data or "content" in data:
            message.pings = self._pings(self.channels[message.channel_id], data)
        message.flags &= ~128
        message.edited_timestamp = iso_now()

    def _webhook_interaction(self, request: web.Request) -> Interaction | web.Response:
        if int(request.match_info["webhook_id"]) != self.application_id:
            return _error(404, 10015, "Unknown Webhook")
        interaction = self._interaction_for(request)
        if interaction is None:
            self._problem("followup with an unknown interaction token")
            return _error(404, 10015, "Unknown Webhook")
        if time.monotonic() - interaction.created_monotonic > INTERACTION_TOKEN_SECONDS:
            self._problem(f"interaction {interaction.id} token used after 15 minutes")
            return _error(401, 50027, "Invalid Webhook Token")
        if not interaction.acknowledged:
            self._problem(f"followup before interaction {interaction.id} was acknowledged")
            return _error(404, 10015, "Unknown Webhook")
        return interaction

    def _webhook_message(self, request: web.Request) -> Message | web.Response:
        interaction = self._webhook_interaction(request)
        if isinstance(interaction, web.Response):
            return interaction
        raw = request.match_info["message_id"]
        message_id = interaction.original_message_id if raw == "@original" else int(raw)
        if message_id is None or message_id not in self.messages:
            return _error(404, 10008, "Unknown Message")
        return self.messages[message_id]

    async def _followup(self, request: web.Request) -> web.Response:
        interaction = self._webhook_interaction(request)
        if isinstance(interaction, web.Response):
            return interaction
        body = request[BODY] or {}
        original = self.messages.get(interaction.original_message_id or 0)
        if original is not None and original.loading:
            # Discord fills the "thinking…" message with the first followup after a defer, and
            # it keeps the defer's visibility: an ephemeral defer makes a private answer.
            return self._edited(original, body)
        if refusal := self._limit_refusal("followup", limits.message_errors(body)):
            return refusal
        message = self._store_message(
            interaction.channel_id,
            body,
            flags=int(body.get("flags") or 0) & 64,
            interaction=interaction,
        )
        interaction.followup_ids.append(message.id)
        return _json(message.to_json())

    async def _get_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        return message if isinstance(message, web.Response) else _json(message.to_json())

    async def _edit_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        if isinstance(message, web.Response):
            return message
        return self._edited(message, request[BODY] or {})

    def _edited(self, message: Message, body: dict[str, Any]) -> web.Response:
        """Apply an edit, unless the message it would leave breaks Discord's limits."""
        merged = {
            "content": message.content,
            "embeds": message.embeds,
            "components": message.components,
            **body,
        }
        if refusal := self._limit_refusal("edit", limits.message_errors(merged)):
            return refusal
        self._edit(message, body)
        return _json(message.to_json())

    async def _delete_webhook_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        if isinstance(message, web.Response):
            return message
        message.deleted = True
        return web.Response(status=204)

    # ------------------------------------------------------------------ channels and messages

    def _channel(self, request: web.Request) -> Channel | web.Response:
        channel = self.channels.get(int(request.match_info["channel_id"]))
        if channel is None:
            return _error(404, 10003, "Unknown Channel")
        if channel.guild_id is not None:
            guild = self.guilds[channel.guild_id]
            if not guild.permissions_in(self.bot_member(guild), channel) & Perm.VIEW_CHANNEL:
                return _error(403, 50001, "Missing Access")
        return channel

    async def _get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        return channel if isinstance(channel, web.Response) else _json(channel.to_json(self.users))

    async def _get_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        limit = min(100, int(request.query.get("limit", 50)))
        newest_first = list(reversed(self.channel_messages(channel)))[:limit]
        return _json([m.to_json() for m in newest_first])

    async def _create_message(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        body = request[BODY] or {}
        if refusal := self._limit_refusal("message", limits.message_errors(body)):
            return refusal
        if not (body.get("content") or body.get("embeds") or body.get("components")):
            return _error(400, 50006, "Cannot send an empty message")
        if channel.type == 1:
            recipient = self.users[channel.recipient_id]  # type: ignore[index]
            if recipient.dms_closed:
                return _error(403, 50007, "Cannot send messages to this user")
        else:
            guild = self.guilds[channel.guild_id]  # type: ignore[index]
            perms = guild.permissions_in(self.bot_member(guild), channel)
            needed = Perm.SEND_MESSAGES | (Perm.EMBED_LINKS if body.get("embeds") else 0)
            if perms & needed != needed:
                return _error(403, 50013, "Missing Permissions")
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and nonce is not None:
            key = (channel.id, str(nonce))
            known = self._nonces.get(key)
            if known and time.time() - known[1] < NONCE_WINDOW_SECONDS:
                return _json(self.messages[known[0]].to_json())
        message = self._store_message(channel.id, body)
        if nonce is not None:
            self._nonces[(channel.id, str(nonce))] = (message.id, time.time())
        return _json(message.to_json())

    def _channel_message(self, request: web.Request) -> Message | web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        message = self.messages.get(int(request.match_info["message_id"]))
        if message is None or message.channel_id != channel.id or message.deleted:
            return _error(404, 10008, "Unknown Message")
        return message

    async def _get_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        return message if isinstance(message, web.Response) else _json(message.to_json())

    async def _edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if isinstance(message, web.Response):
            return message
        if message.author.id != self.bot_user.id:
            return _error(403, 50005, "Cannot edit a message authored by another user")
        return self._edited(message, request[BODY] or {})

    async def _delete_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if isinstance(message, web.Response):
            return message
        message.deleted = True
        return web.Response(status=204)

    # ------------------------------------------------------------------ guilds and events

    def _guild(self, request: web.Request) -> Guild | web.Response:
        guild = self.guilds.get(int(request.match_info["guild_id"]))
        return guild if guild is not None else _error(404, 10004, "Unknown Guild")

    async def _get_guild(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        return guild if isinstance(guild, web.Response) else _json(guild.to_json())

    async def _get_member(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        member = guild.members.get(int(request.match_info["user_id"]))
        return _error(404, 10007, "Unknown Member") if member is None else _json(member.to_json())

    def _event(self, request: web.Request, *, manage: bool) -> ScheduledEvent | web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        if manage and not guild.base_permissions(self.bot_member(guild)) & Perm.MANAGE_EVENTS:
            return _error(403, 50013, "Missing Permissions")
        event = guild.scheduled_events.get(int(request.match_info["guild_scheduled_event_id"]))
        return event if event is not None else _error(404, 10070, "Unknown Guild Scheduled Event")

    async def _list_events(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        return _json([e.to_json() for e in guild.scheduled_events.values()])

    async def _create_event(self, request: web.Request) -> web.Response:
        guild = self._guild(request)
        if isinstance(guild, web.Response):
            return guild
        if not guild.base_permissions(self.bot_member(guild)) & Perm.MANAGE_EVENTS:
            return _error(403, 50013, "Missing Permissions")
        body = request[BODY]
        problems = _event_errors(body) + _event_time_errors(body, body)
        if refusal := self._limit_refusal("scheduled event", problems):
            return refusal
        event = ScheduledEvent(self.snowflake(), guild.id, self.bot_user.id, dict(body))
        guild.scheduled_events[event.id] = event
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_CREATE", event.to_json())
        return _json(event.to_json())

    async def _get_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=False)
        return event if isinstance(event, web.Response) else _json(event.to_json())

    async def _edit_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=True)
        if isinstance(event, web.Response):
            return event
        changes = request[BODY] or {}
        merged = {**event.body, **changes}
        problems = _event_errors(merged) + _event_time_errors(merged, changes)
        if refusal := self._limit_refusal("scheduled event", problems):
            return refusal
        event.body.update({k: v for k, v in changes.items() if k != "status"})
        event.status = int(changes.get("status", event.status))
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_UPDATE", event.to_json())
        return _json(event.to_json())

    async def _delete_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=True)
        if isinstance(event, web.Response):
            return event
        del self.guilds[event.guild_id].scheduled_events[event.id]
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event.to_json())
        return web.Response(status=204)

    async def _event_users(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=False)
        if isinstance(event, web.Response):
            return event
        guild = self.guilds[event.guild_id]
        with_member = request.query.get("with_member") in ("true", "1")
        users = []
        for user_id in sorted(event.interested):
            entry: dict[str, Any] = {
                "guild_scheduled_event_id": str(event.id),
                "user": self.users[user_id].to_json(),
            }
            if with_member and user_id in guild.members:
                entry["member"] = guild.members[user_id].to_json()
            users.append(entry)
        return _json(users)


def _with_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
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


def _command_errors(commands: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    seen: set[tuple[int, str]] = set()
    for command in commands:
        name, kind = command.get("name", ""), command.get("type", 1)
        if (kind, name) in seen:
            errors.append(f"{name}: duplicate command name")
        seen.add((kind, name))
        if kind == 1:
            errors += _option_errors(name, command)
        elif not 1 <= len(name) <= 32:
            errors.append(f"{name}: context menu names are 1–32 characters")
    chat = sum(1 for c in commands if c.get("type", 1) == 1)
    if chat > 100:
        errors.append(f"{chat} slash commands, at most 100")
    return errors


def _option_errors(where: str, node: dict[str, Any]) -> list[str]:
    errors = []
    name = node.get("name", "")
    if not COMMAND_NAME.match(name) or name != name.lower():
        errors.append(f"{where}: names are 1–32 lowercase letters, digits, - or _")
    if not 1 <= len(node.get("description") or "") <= 100:
        errors.append(f"{where}: descriptions are 1–100 characters")
    options = node.get("options") or []
    if len(options) > 25:
        errors.append(f"{where}: at most 25 options")
    seen_optional = False
    for option in options:
        if option["type"] in (1, 2):
            errors += _option_errors(f"{where} {option['name']}", option)
            continue
        errors += _option_errors(f"{where}.{option['name']}", {**option, "options": []})
        if option.get("required"):
            if seen_optional:
                errors.append(f"{where}.{option['name']}: required options come first")
        else:
            seen_optional = True
        if len(option.get("choices") or []) > 25:
            errors.append(f"{where}.{option['name']}: at most 25 choices")
        if option.get("choices") and option.get("autocomplete"):
            errors.append(f"{where}.{option['name']}: choices and autocomplete are exclusive")
    return errors


def _event_errors(body: dict[str, Any]) -> list[str]:
    errors = []
    if not 1 <= len(body.get("name") or "") <= 100:
        errors.append("name: 1–100 characters")
    if len(body.get("description") or "") > 1000:
        errors.append("description: at most 1000 characters")
    if body.get("entity_type") == 3:
        location = (body.get("entity_metadata") or {}).get("location") or ""
        if not 1 <= len(location) <= 100:
            errors.append("entity_metadata.location: external events need a 1–100 char location")
        if not body.get("scheduled_end_time"):
            errors.append("scheduled_end_time: external events need an end time")
    return errors


def _event_time_errors(body: dict[str, Any], sent: dict[str, Any]) -> list[str]:
    """Discord refuses a start in the past (when one is sent) and an end before the start."""
    try:
        start = _instant(body.get("scheduled_start_time"))
        end = _instant(body.get("scheduled_end_time"))
    except ValueError:
        return ["scheduled_start_time/scheduled_end_time: not ISO 8601 timestamps"]
    errors = []
    if start is not None and "scheduled_start_time" in sent and start < datetime.now(UTC):
        errors.append("scheduled_start_time: Cannot schedule event in the past.")
    if start is not None and end is not None and end <= start:
        errors.append("scheduled_end_time: the end must come after the start")
    return errors


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
