"""Permission checks the cogs share."""

from __future__ import annotations

import discord
from discord import app_commands

ANNOUNCE_PERMISSIONS = ("view_channel", "send_messages", "embed_links")


def require_manager(interaction: discord.Interaction[discord.Client]) -> None:
    """Manage Server, checked by the bot itself: buttons and forms have no default permissions,
    and a server can override a command's."""
    if not interaction.permissions.manage_guild:
        raise app_commands.MissingPermissions(["manage_guild"])


def missing_in(channel: discord.abc.GuildChannel, me: discord.Member) -> list[str]:
    """The permissions the bot lacks to post announcements in `channel`."""
    granted = channel.permissions_for(me)
    return [p for p in ANNOUNCE_PERMISSIONS if not getattr(granted, p)]
