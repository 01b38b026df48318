"""When to sync the command tree: to the dev server at every start, globally only on change.

Global syncs are rate-limited by Discord and take a while to reach every client, so the bot
keeps a hash of what it last synced and leaves Discord alone when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
from enum import StrEnum

import discord
from discord import app_commands

from bot.db.connection import Database
from bot.db.meta import MetaRepository

log = logging.getLogger(__name__)


class SyncResult(StrEnum):
    DEV_GUILD = "synced to the dev server"
    GLOBAL = "synced globally"
    UNCHANGED = "unchanged, not synced"


def tree_hash(tree: app_commands.CommandTree) -> str:
    payload = sorted(
        (command.to_dict(tree) for command in tree.get_commands()),
        key=lambda c: (c.get("type", 1), c["name"]),
    )
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


async def sync_commands(
    tree: app_commands.CommandTree, db: Database, *, application_id: int, dev_guild_id: int | None
) -> SyncResult:
    if dev_guild_id is not None:
        guild = discord.Object(dev_guild_id)
        tree.copy_global_to(guild=guild)
        await tree.sync(guild=guild)
        log.info("Commands synced to dev server %s", dev_guild_id)
        return SyncResult.DEV_GUILD
    meta = MetaRepository(db)
    key = f"synced_tree:{application_id}"
    current = tree_hash(tree)
    if await meta.get(key) == current:
        log.info("Command tree unchanged since the last sync; not syncing")
        return SyncResult.UNCHANGED
    await tree.sync()
    await meta.put(key, current)
    log.info("Command tree synced globally")
    return SyncResult.GLOBAL
