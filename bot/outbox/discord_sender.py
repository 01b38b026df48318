"""The Sender, with discord.py: channel posts and DMs, with exact mentions and a fixed nonce."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp
import discord

from bot.outbox.sender import DmClosed, Pacer, Transient, Unreachable

CANNOT_DM = 50007
THREAD_ALREADY_MADE = 160004


# Discord allows a bot 50 requests a second; leave room for commands and for timing jitter.
DEFAULT_SEND_RATE = 49


class DiscordSender:
    def __init__(self, client: discord.Client, *, send_rate: float = DEFAULT_SEND_RATE) -> None:
        self._client = client
        self.pacer = Pacer(send_rate)
        # DM channel ids never change: opened once per member, then posted to directly.
        self._dm_channels: dict[int, int] = {}

    async def to_channel(
        self,
        channel_id: int,
        *,
        content: str,
        embed: discord.Embed | None,
        view: discord.ui.View | None,
        role_id: int | None,
        user_ids: tuple[int, ...],
        nonce: str,
    ) -> int:
        channel = self._client.get_partial_messageable(channel_id)
        allowed = discord.AllowedMentions(
            everyone=False,
            users=[discord.Object(u) for u in user_ids],
            roles=[discord.Object(role_id)] if role_id else [],
            replied_user=False,
        )
        await self.pacer.wait()
        async with _translated_errors(f"channel {channel_id}"):
            message = await channel.send(
                content=content or None,
                embed=discord.utils.MISSING if embed is None else embed,
                view=view or discord.utils.MISSING,
                allowed_mentions=allowed,
                nonce=nonce,
            )
        return message.id

    async def to_user(
        self, user_id: int, *, embed: discord.Embed, view: discord.ui.View | None, nonce: str
    ) -> int:
        async with _translated_errors(f"user {user_id}"):
            channel = await self._dm_channel(user_id)
            await self.pacer.wait()
            message = await channel.send(
                embed=embed,
                view=view or discord.utils.MISSING,
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=nonce,
            )
        return message.id

    async def to_user_many(self, user_id: int, *, embeds: list[discord.Embed], nonce: str) -> int:
        async with _translated_errors(f"user {user_id}"):
            channel = await self._dm_channel(user_id)
            await self.pacer.wait()
            message = await channel.send(
                embeds=embeds, allowed_mentions=discord.AllowedMentions.none(), nonce=nonce
            )
        return message.id

    async def _dm_channel(self, user_id: int) -> discord.PartialMessageable:
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:  # opening a DM channel is a request of its own
            await self.pacer.wait()
            channel_id = (await self._client.create_dm(discord.Object(user_id))).id
            self._dm_channels[user_id] = channel_id
        return self._client.get_partial_messageable(channel_id)

    async def start_thread(
        self, channel_id: int, message_id: int, *, guild_id: int, name: str, archive_minutes: int
    ) -> int:
        if self._client.get_guild(guild_id) is None and not self._client.is_ready():
            await self._client.wait_until_ready()  # after a restart: servers load first
        channel = self._client.get_partial_messageable(
            channel_id, guild_id=guild_id, type=discord.ChannelType.text
        )
        message = channel.get_partial_message(message_id)
        if message.guild is None:  # not one of this bot's servers any more, or unavailable
            raise Transient(f"server {guild_id} is not loaded")
        await self.pacer.wait()
        try:
            async with _translated_errors(f"channel {channel_id}"):
                try:
                    thread = await message.create_thread(
                        name=name,
                        # One of the four durations Discord takes: the setting offers no other.
                        auto_archive_duration=archive_minutes,  # type: ignore[arg-type]
                    )
                except discord.HTTPException as error:
                    if error.code == THREAD_ALREADY_MADE:
                        return message_id  # a thread started on a message has its id
                    raise
        except Unreachable as error:
            raise Unreachable(f"{error} (starting a thread needs Create Public Threads)") from error
        return thread.id

    async def edit_in_channel(
        self, channel_id: int, message_id: int, *, embed: discord.Embed
    ) -> None:
        message = self._client.get_partial_messageable(channel_id).get_partial_message(message_id)
        await self.pacer.wait()  # an edit is a request like a post: the same budget
        async with _translated_errors(f"message {message_id} in channel {channel_id}"):
            await message.edit(embed=embed, allowed_mentions=discord.AllowedMentions.none())


@contextlib.asynccontextmanager
async def _translated_errors(where: str) -> AsyncIterator[None]:
    """discord.py's errors, sorted into what the engine does next."""
    try:
        yield
    except discord.Forbidden as error:
        if error.code == CANNOT_DM:
            raise DmClosed("their DMs are closed") from error
        raise Unreachable(f"missing permission to post in {where}") from error
    except discord.NotFound as error:
        raise Unreachable(f"{where} no longer exists") from error
    except discord.RateLimited as error:
        raise Transient("rate limited for too long") from error
    except discord.HTTPException as error:
        if error.status == 429 or error.status >= 500:
            raise Transient(f"Discord error {error.status}") from error
        raise Unreachable(f"Discord refused the message: {error.text[:120]}") from error
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise Transient(f"network error: {error.__class__.__name__}") from error
