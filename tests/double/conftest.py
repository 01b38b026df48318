"""Fixtures for testing the double itself: raw HTTP, and a minimal discord.py client."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import discord
import pytest
import yarl
from discord import app_commands

from bot.sandbox.double import DiscordDouble


class Raw:
    """Talk to the double as a bot would, without discord.py in between."""

    def __init__(self, double: DiscordDouble, session: aiohttp.ClientSession) -> None:
        self.double, self.session = double, session

    async def call(
        self, method: str, path: str, body: Any = None, *, auth: bool = True
    ) -> tuple[int, Any, aiohttp.ClientResponse]:
        headers = {"Authorization": f"Bot {self.double.token}"} if auth else {}
        async with self.session.request(
            method, self.double.api_base + path, json=body, headers=headers
        ) as response:
            data = await response.json(content_type=None) if response.status != 204 else None
            return response.status, data, response


@pytest.fixture
async def raw(double: DiscordDouble) -> AsyncIterator[Raw]:
    async with aiohttp.ClientSession() as session:
        yield Raw(double, session)


class TinyClient(discord.Client):
    """A bare discord.py client with two commands, to see the double through the real library."""

    def __init__(self, **options: Any) -> None:
        intents = options.pop("intents", discord.Intents.none())
        intents.guilds = True
        super().__init__(intents=intents, guild_ready_timeout=0.05, **options)
        self.tree = app_commands.CommandTree(self)
        self.events: list[tuple[str, Any]] = []

        @self.tree.command(description="Say hello")
        async def hello(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("hello")

        @self.tree.command(description="Answer twice (a bug)")
        async def twice(interaction: discord.Interaction) -> None:
            await interaction.response.send_message("one")
            try:
                await interaction.response.send_message("two")
            except discord.InteractionResponded:
                await interaction.followup.send("followup is fine")

        @self.tree.command(description="Think privately, then follow up twice")
        async def ponder(interaction: discord.Interaction) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send("first")
            await interaction.followup.send("second")

    async def setup_hook(self) -> None:
        await self.tree.sync()

    async def on_resumed(self) -> None:
        self.events.append(("resumed", None))


@pytest.fixture
async def tiny(double: DiscordDouble, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Any]:
    monkeypatch.setattr(discord.http.Route, "BASE", double.api_base)
    monkeypatch.setattr(
        discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(double.gateway_url)
    )
    started: list[tuple[TinyClient, asyncio.Task[None]]] = []

    async def start(**options: Any) -> TinyClient:
        client = TinyClient(**options)
        task = asyncio.create_task(client.start(double.token))
        started.append((client, task))
        ready = asyncio.create_task(client.wait_until_ready())
        done, _ = await asyncio.wait({task, ready}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
        if ready not in done:
            ready.cancel()
            task.result() if task in done else None
            raise TimeoutError("client not ready")
        return client

    yield start
    for client, task in started:
        await client.close()
        task.cancel()
        with contextlib.suppress(BaseException):
            await task
