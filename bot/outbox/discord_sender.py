"""The Sender, with discord.py: channel posts and DMs, with exact mentions and a fixed nonce."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp
import discord

from bot.outbox.sender import DmClosed, Pacer, Transient, Unreachable

CANNOT_DM = 50007


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
            channel_id = self._dm_channels.get(user_id)
            if channel_id is None:  # opening a DM channel is a request of its own
                await self.pacer.wait()
                channel_id = (await self._client.create_dm(discord.Object(user_id))).id
                self._dm_channels[user_id] = channel_id
            channel = self._client.get_partial_messageable(channel_id)
            await self.pacer.wait()
            message = await channel.send(
                embed=embed,
                view=view or discord.utils.MISSING,
                allowed_mentions=discord.AllowedMentions.none(),
                nonce=nonce,
            )
        return message.id


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
