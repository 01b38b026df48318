"""/subscribe, /unsubscribe, /subscriptions list|clear, and the Subscribe/Unsubscribe buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from discord import app_commands
from discord.ext import commands

from bot.domain.subscriptions import Delivery
from bot.render import components
from bot.render import subscriptions as render
from cogs._autocomplete import show_choices, timezone_choices
from cogs._subscribing import subscribe, unsubscribe
from cogs._typing import Interaction
from cogs._ui import IdButton

if TYPE_CHECKING:
    from bot.app import PremiereBot

DELIVERY_CHOICES = [
    app_commands.Choice(name="mention me in the server's posts", value=Delivery.CHANNEL.value),
    app_commands.Choice(name="send me a direct message", value=Delivery.DM.value),
]


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
        episodes="Also tell you of every episode (or finale) the server announces (default: no)",
    )
    @app_commands.autocomplete(show=show_choices)
    @app_commands.choices(delivery=DELIVERY_CHOICES)
    async def subscribe_command(
        self,
        interaction: Interaction,
        show: str,
        delivery: app_commands.Choice[str] | None = None,
        news: bool | None = None,
        episodes: bool | None = None,
    ) -> None:
        """Get reminders for a show, as a mention or a direct message."""
        assert interaction.guild_id is not None
        target = await self.bot.services.shows.pick(interaction.guild_id, show)
        await subscribe(
            interaction,
            target.id,
            Delivery(delivery.value) if delivery else Delivery.CHANNEL,
            news=news,
            episodes=episodes,
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
        services = self.bot.services
        pairs = await services.subscriptions.of_member(interaction.guild_id, interaction.user.id)
        quiet = await services.subscriptions.quiet_hours(interaction.guild_id, interaction.user.id)
        await interaction.response.send_message(
            embed=render.member_subscriptions(pairs, quiet=quiet), ephemeral=True
        )

    @mine.command(name="quiet")
    @app_commands.describe(
        start="When your quiet hours begin, 24-hour HH:MM, e.g. 23:00 (leave start and end "
        "empty to turn them off)",
        end="When they end, e.g. 08:00",
        timezone="Your timezone, e.g. Europe/Berlin (default: the server's)",
    )
    @app_commands.autocomplete(timezone=timezone_choices)
    async def quiet(
        self,
        interaction: Interaction,
        start: app_commands.Range[str, 1, 10] | None = None,
        end: app_commands.Range[str, 1, 10] | None = None,
        timezone: app_commands.Range[str, 1, 64] | None = None,
    ) -> None:
        """No direct messages from the bot during these hours: they wait, and arrive together."""
        assert interaction.guild_id is not None
        quiet = await self.bot.services.subscriptions.set_quiet_hours(
            interaction.guild_id, interaction.user.id, start=start, end=end, timezone=timezone
        )
        await interaction.response.send_message(render.quiet_hours(quiet), ephemeral=True)

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
