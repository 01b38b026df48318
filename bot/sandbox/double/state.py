"""What the double knows: users, servers, channels, roles, messages and interactions.

Plain dataclasses with a little behaviour (permission maths, JSON shapes). The HTTP and gateway
layers read and change them; tests read them to see what the bot did.
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import IntFlag
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000


class Perm(IntFlag):
    """The permission bits the double reasons about (Discord's values)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_EVENTS = 1 << 33
    CREATE_PUBLIC_THREADS = 1 << 35
    SEND_MESSAGES_IN_THREADS = 1 << 38

    @classmethod
    def all(cls) -> int:
        return (1 << 53) - 1


# Each permission as Discord's client names it (Server Settings → Roles).
PERMISSION_NAMES = {
    Perm.CREATE_INSTANT_INVITE: "Create Invite",
    Perm.KICK_MEMBERS: "Kick Members",
    Perm.BAN_MEMBERS: "Ban Members",
    Perm.ADMINISTRATOR: "Administrator",
    Perm.MANAGE_CHANNELS: "Manage Channels",
    Perm.MANAGE_GUILD: "Manage Server",
    Perm.ADD_REACTIONS: "Add Reactions",
    Perm.VIEW_CHANNEL: "View Channels",
    Perm.SEND_MESSAGES: "Send Messages",
    Perm.MANAGE_MESSAGES: "Manage Messages",
    Perm.EMBED_LINKS: "Embed Links",
    Perm.ATTACH_FILES: "Attach Files",
    Perm.READ_MESSAGE_HISTORY: "Read Message History",
    Perm.MENTION_EVERYONE: "Mention @everyone, @here, and All Roles",
    Perm.USE_APPLICATION_COMMANDS: "Use Application Commands",
    Perm.MANAGE_EVENTS: "Manage Events",
    Perm.CREATE_PUBLIC_THREADS: "Create Public Threads",
    Perm.SEND_MESSAGES_IN_THREADS: "Send Messages in Threads",
}


def permission_names(bits: int) -> list[str]:
    """The names of the permissions set in `bits` ("Manage Server"), lowest bit first."""
    names = []
    for bit in range(bits.bit_length()):
        if bits >> bit & 1:
            flag = 1 << bit
            names.append(PERMISSION_NAMES.get(Perm(flag), f"permission bit {bit}"))
    return names


# What @everyone can do in a fresh Discord server, roughly.
DEFAULT_EVERYONE = (
    Perm.CREATE_PUBLIC_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.ADD_REACTIONS
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.CREATE_INSTANT_INVITE
)


class SnowflakeFactory:
    """Discord-shaped ids that grow with the clock (discord.py derives created_at from them)."""

    def __init__(self) -> None:
        self._last = 0
        self._counter = itertools.count()

    def __call__(self) -> int:
        candidate = ((int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22) | (
            next(self._counter) & 0xFFF
        )
        self._last = max(self._last + 1, candidate)
        return self._last


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


@dataclass
class User:
    id: int
    username: str
    bot: bool = False
    dms_closed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.username,
            "avatar": None,
            "bot": self.bot,
            "flags": 0,
            "public_flags": 0,
        }


@dataclass
class Role:
    id: int
    guild_id: int
    name: str
    permissions: int = 0
    position: int = 1
    mentionable: bool = True

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": False,
            "mentionable": self.mentionable,
            "flags": 0,
        }


@dataclass
class Overwrite:
    target_id: int
    is_member: bool
    allow: int = 0
    deny: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.target_id),
            "type": 1 if self.is_member else 0,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


@dataclass
class Channel:
    id: int
    name: str
    guild_id: int | None = None
    type: int = 0  # 0 text, 1 DM, 11 a public thread
    recipient_id: int | None = None
    overwrites: list[Overwrite] = field(default_factory=list)
    parent_id: int | None = None  # a thread's channel
    owner_id: int | None = None  # who started a thread
    auto_archive_duration: int = 1440  # a thread's, in minutes

    def to_json(self, users: dict[int, User] | None = None) -> dict[str, Any]:
        if self.type == 1:
            recipients = [users[self.recipient_id].to_json()] if users and self.recipient_id else []
            return {
                "id": str(self.id),
                "type": 1,
                "recipients": recipients,
                "last_message_id": None,
                "flags": 0,
            }
        if self.type == PUBLIC_THREAD:
            return {
                "id": str(self.id),
                "type": PUBLIC_THREAD,
                "guild_id": str(self.guild_id),
                "parent_id": str(self.parent_id),
                "owner_id": str(self.owner_id),
                "name": self.name,
                "last_message_id": None,
                "rate_limit_per_user": 0,
                "message_count": 0,
                "member_count": 1,
                "total_message_sent": 0,
                "flags": 0,
                "thread_metadata": {
                    "archived": False,
                    "auto_archive_duration": self.auto_archive_duration,
                    "archive_timestamp": iso_now(),
                    "locked": False,
                    "create_timestamp": iso_now(),
                },
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": 0,
            "permission_overwrites": [o.to_json() for o in self.overwrites],
            "nsfw": False,
            "parent_id": None,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }


PUBLIC_THREAD = 11


@dataclass
class Member:
    user: User
    guild_id: int
    role_ids: list[int] = field(default_factory=list)
    joined_at: str = field(default_factory=iso_now)

    @property
    def id(self) -> int:
        return self.user.id

    def to_json(self) -> dict[str, Any]:
        return {
            "user": self.user.to_json(),
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "avatar": None,
            "pending": False,
        }


@dataclass
class ScheduledEvent:
    id: int
    guild_id: int
    creator_id: int
    body: dict[str, Any]
    interested: set[int] = field(default_factory=set)
    status: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "guild_id": str(self.guild_id),
            "creator_id": str(self.creator_id),
            "name": self.body.get("name"),
            "description": self.body.get("description"),
            "channel_id": self.body.get("channel_id"),
            "entity_id": None,
            "entity_type": self.body.get("entity_type", 3),
            "entity_metadata": self.body.get("entity_metadata"),
            "privacy_level": self.body.get("privacy_level", 2),
            "scheduled_start_time": self.body.get("scheduled_start_time"),
            "scheduled_end_time": self.body.get("scheduled_end_time"),
            "status": self.status,
            "image": None,
            "user_count": len(self.interested),
        }


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    channels: dict[int, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    scheduled_events: dict[int, ScheduledEvent] = field(default_factory=dict)
    # Per-server command permission overrides (Server Settings → Integrations): command name →
    # member or role ids allowed despite default_member_permissions.
    command_overrides: dict[str, set[int]] = field(default_factory=dict)

    @property
    def everyone(self) -> Role:
        return self.roles[self.id]

    def base_permissions(self, member: Member) -> int:
        if member.id == self.owner_id:
            return Perm.all()
        perms = self.everyone.permissions
        for role_id in member.role_ids:
            perms |= self.roles[role_id].permissions
        if perms & Perm.ADMINISTRATOR:
            return Perm.all()
        return perms

    def permissions_in(self, member: Member, channel: Channel) -> int:
        """Discord's algorithm: base, then @everyone, role and member overwrites in that order."""
        perms = self.base_permissions(member)
        if perms == Perm.all():
            return perms
        by_target = {o.target_id: o for o in channel.overwrites}
        if everyone := by_target.get(self.id):
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for role_id in member.role_ids:
            if overwrite := by_target.get(role_id):
                allow |= overwrite.allow
                deny |= overwrite.deny
        perms = (perms & ~deny) | allow
        if (own := by_target.get(member.id)) and own.is_member:
            perms = (perms & ~own.deny) | own.allow
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        return perms

    def to_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self.owner_id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "features": [],
            "emojis": [],
            "stickers": [],
            "roles": [r.to_json() for r in self.roles.values()],
            "channels": [c.to_json() for c in self.channels.values()],
            "members": [m.to_json() for m in self.members.values()],
            "member_count": len(self.members),
            "large": False,
            "unavailable": False,
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [e.to_json() for e in self.scheduled_events.values()],
            "soundboard_sounds": [],
            "joined_at": iso_now(),
            "system_channel_id": None,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
        }


_USER_MENTION = re.compile(r"<@!?(\d+)>")
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


@dataclass(frozen=True)
class Pings:
    """Who a message really notifies, after Discord applies allowed_mentions."""

    users: frozenset[int] = frozenset()
    roles: frozenset[int] = frozenset()
    everyone: bool = False

    @classmethod
    def compute(cls, content: str, allowed: dict[str, Any] | None) -> Pings:
        # With no allowed_mentions, Discord parses every kind of mention in the content.
        parse = {"users", "roles", "everyone"} if allowed is None else set(allowed.get("parse", []))
        written_users = {int(u) for u in _USER_MENTION.findall(content)}
        written_roles = {int(r) for r in _ROLE_MENTION.findall(content)}
        users = written_users if "users" in parse else written_users & _ids(allowed, "users")
        roles = written_roles if "roles" in parse else written_roles & _ids(allowed, "roles")
        everyone = "everyone" in parse and ("@everyone" in content or "@here" in content)
        return cls(frozenset(users), frozenset(roles), everyone)


def _ids(allowed: dict[str, Any] | None, key: str) -> set[int]:
    return {int(x) for x in (allowed or {}).get(key, [])}


@dataclass
class Message:
    id: int
    channel_id: int
    guild_id: int | None
    author: User
    content: str = ""
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    flags: int = 0
    nonce: str | None = None
    pings: Pings = field(default_factory=Pings)
    interaction_id: int | None = None
    webhook_id: int | None = None
    timestamp: str = field(default_factory=iso_now)
    edited_timestamp: str | None = None
    deleted: bool = False
    created_monotonic: float = field(default_factory=time.monotonic)

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & 64)

    @property
    def loading(self) -> bool:
        return bool(self.flags & 128)

    @property
    def embed(self) -> dict[str, Any]:
        """The first embed; most bot replies carry exactly one."""
        return self.embeds[0]

    def buttons(self) -> list[dict[str, Any]]:
        return [c for row in self.components for c in row.get("components", []) if c["type"] == 2]

    def text(self) -> str:
        """Everything a person would read: content, embed titles, descriptions, fields, footers."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title", ""), embed.get("description", "")]
            for f in embed.get("fields", []):
                parts += [f.get("name", ""), f.get("value", "")]
            parts.append((embed.get("footer") or {}).get("text", ""))
        return "\n".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author.to_json(),
            "content": self.content,
            "timestamp": self.timestamp,
            "edited_timestamp": self.edited_timestamp,
            "tts": False,
            "mention_everyone": self.pings.everyone,
            "mentions": [
                {"id": str(u), "username": "", "discriminator": "0", "avatar": None}
                for u in sorted(self.pings.users)
            ],
            "mention_roles": [str(r) for r in sorted(self.pings.roles)],
            "attachments": [],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "type": 0 if self.interaction_id is None else 20,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
            data["application_id"] = str(self.webhook_id)
        return data


@dataclass
class Interaction:
    """One interaction the double created, and what the bot answered."""

    id: int
    token: str
    type: int
    guild_id: int | None
    channel_id: int
    user_id: int
    payload: dict[str, Any]
    source_message_id: int | None = None  # the message whose component was used
    created_monotonic: float = field(default_factory=time.monotonic)
    answered_monotonic: float | None = None  # when the bot's callback reached the double
    response_type: int | None = None
    response: dict[str, Any] | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)

    @property
    def acknowledged(self) -> bool:
        return self.response_type is not None
