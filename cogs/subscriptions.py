"""/subscribe, /unsubscribe, /subscriptions list|clear, and the Subscribe/Unsubscribe buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.domain.subscriptions import Delivery
from bot.render import components
from bot.render import subscriptions as render
from cogs._autocomplete import show_choices
from cogs._typing import Interaction
from cogs._ui import IdButton

if TYPE_CHECKING:
    from bot.app import PremiereBot

DELIVERY_CHOICES = [
    app_commands.Choice(name="mention me in the server's posts", value=Delivery.CHANNEL.value),
    app_commands.Choice(name="send me a direct message", value=Delivery.DM.value),
]


async def server_of(interaction: Interaction, show_id: int) -> int:
    """The server the click is about: where it was pressed, or, for a button on a reminder in
    the member's DMs, the show's own server."""
    if interaction.guild_id is not None:
        return interaction.guild_id
    return await interaction.client.services.shows.server_of(show_id)


async def subscribe(
    interaction: Interaction, show_id: int, delivery: Delivery | None, *, news: bool | None = None
) -> None:
    """Shared by /subscribe and the button. A click keeps the member's delivery and news
    choices."""
    services = interaction.client.services
    guild_id = await server_of(interaction, show_id)
    if delivery is None:
        current = await services.shows.details(guild_id, show_id, interaction.user.id)
        mine = current.viewer_subscription
        delivery = mine.delivery if mine else Delivery.CHANNEL
    result = await services.subscriptions.subscribe(
        guild_id, show_id, interaction.user.id, delivery, news=news
    )
    settings = await services.settings.get(guild_id)
    text = render.subscribed(
        result.show,
        result.delivery,
        result.change,
        has_channel=settings.announce_channel_id is not None,
        news=result.news,
    )
    await interaction.response.send_message(text, ephemeral=True)


async def unsubscribe(interaction: Interaction, show_id: int) -> None:
    show, removed = await interaction.client.services.subscriptions.unsubscribe(
        await server_of(interaction, show_id), show_id, interaction.user.id
    )
    await interaction.response.send_message(render.unsubscribed(show, removed), ephemeral=True)


class SubscribeButton(IdButton, template=components.SUBSCRIBE_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        await subscribe(interaction, self.target_id, None)


class UnsubscribeButton(IdButton, template=components.UNSUBSCRIBE_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        await unsubscribe(interaction, self.target_id)


class Subscriptions(commands.Cog):
    """Members follow the shows they care about. Everything here is private to the member.
    Subscribing and unsubscribing act only on a show picked or named exactly."""

    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot

    mine = app_commands.Group(
        name="subscriptions", description="Your own subscriptions in this server"
    )

    @app_commands.command(name="subscribe")
    @app_commands.describe(
        show="The show to follow",
        delivery="How to tell you (default: mention)",
        news="Also tell you of premiere news about it from the server's feeds (default: no)",
    )
    @app_commands.autocomplete(show=show_choices)
    @app_commands.choices(delivery=DELIVERY_CHOICES)
    async def subscribe_command(
        self,
        interaction: Interaction,
        show: str,
        delivery: app_commands.Choice[str] | None = None,
        news: bool | None = None,
    ) -> None:
        """Get reminders for a show, as a mention or a direct message."""
        assert interaction.guild_id is not None
        target = await self.bot.services.shows.pick(interaction.guild_id, show)
        await subscribe(
            interaction,
            target.id,
            Delivery(delivery.value) if delivery else Delivery.CHANNEL,
            news=news,
        )

    @app_commands.command(name="unsubscribe")
    @app_commands.describe(show="The show to stop following")
    @app_commands.autocomplete(show=show_choices)
    async def unsubscribe_command(self, interaction: Interaction, show: str) -> None:
        """Stop getting reminders for a show."""
        assert interaction.guild_id is not None
        target = await self.bot.services.shows.pick(interaction.guild_id, show)
        await unsubscribe(interaction, target.id)

    @mine.command(name="list")
    async def list_(self, interaction: Interaction) -> None:
        """The shows you follow here, and how you're told."""
        assert interaction.guild_id is not None
        pairs = await self.bot.services.subscriptions.of_member(
            interaction.guild_id, interaction.user.id
        )
        await interaction.response.send_message(
            embed=render.member_subscriptions(pairs), ephemeral=True
        )

    @mine.command(name="clear")
    async def clear(self, interaction: Interaction) -> None:
        """Delete your subscriptions and event Interested marks in this server."""
        assert interaction.guild_id is not None
        subscriptions, interests = await self.bot.services.subscriptions.forget_member(
            interaction.guild_id, interaction.user.id
        )
        await interaction.response.send_message(
            render.forgotten(subscriptions, interests), ephemeral=True
        )


async def setup(bot: PremiereBot) -> None:
    bot.add_dynamic_items(SubscribeButton, UnsubscribeButton)
    await bot.add_cog(Subscriptions(bot))
