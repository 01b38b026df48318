"""/article post, the "Summarize article" message command, and the Track / Subscribe buttons."""

from __future__ import annotations

import re
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.articles.errors import ArticleError
from bot.articles.urls import normalise_url
from bot.errors import InvalidInput, MissingPermission, NotFound, UserError
from bot.render import articles as render
from bot.render import components
from bot.render import shows as show_render
from bot.services.articles import (
    ArticleService,
    PreviewLimitReached,
    SharingLimitReached,
    TrackPlan,
    posts_publicly,
    premiere_text,
    same_premiere,
)
from bot.services.once import Placed, post_once
from bot.tree import describe_error, reply_ephemeral
from cogs._checks import require_manager
from cogs._subscribing import subscribe
from cogs._typing import Interaction, ours
from cogs._ui import IdButton

if TYPE_CHECKING:
    from bot.app import PremiereBot

LINK = re.compile(r"https?://[^\s<>]+", re.IGNORECASE)
TEXT_MAX = 4000
T = TypeVar("T")


def articles(interaction: Interaction) -> ArticleService:
    return interaction.client.services.articles


def check_link(url: str) -> None:
    """Refuse, before anything is fetched or stored, a link that can't be read as one (a port
    past 65535, a broken [IPv6] host)."""
    try:
        normalise_url(url)
    except ArticleError as error:
        raise InvalidInput(str(error)) from None


async def publish(
    interaction: Interaction, *, url: str | None, text: str | None, spoiler_safe: bool = False
) -> None:
    """Read the article, then post its summary in the channel once per server (or show it
    privately to a member the server doesn't let post news)."""
    assert interaction.guild_id is not None
    guild_id, member_id = interaction.guild_id, interaction.user.id
    if url is not None:
        check_link(url)
    # Fetching can take seconds: answer Discord now, privately, so refusals stay private too.
    await interaction.response.defer(ephemeral=True, thinking=True)
    service = articles(interaction)
    settings = await interaction.client.services.settings.get(guild_id)
    public = posts_publicly(settings.articles_who, manager=interaction.permissions.manage_guild)
    if public:
        await within_sharing_limit(service.ensure_may_share(guild_id, member_id))
    else:
        try:
            service.ensure_may_preview(guild_id, member_id)
        except PreviewLimitReached as limit:
            raise UserError(render.preview_limit_text(limit.retry_at)) from None
    await service.ensure_new(guild_id, url=url, text=text)
    article = await service.read(url=url, text=text, spoiler_safe=spoiler_safe)
    tracked = await service.already_tracked(guild_id, article.facts)
    if tracked is not None and same_premiere(article.facts, tracked):
        await interaction.edit_original_response(
            content=f"Already tracked here, with this date: {show_render.show_line(tracked)}, "
            f"{show_render.premiere_text(tracked)}. See /show info; not posted again."
        )
        return
    if not public:
        # Nothing is claimed: the story stays free for a manager to post.
        await interaction.edit_original_response(
            content=render.MANAGERS_ONLY_PREVIEW,
            embed=render.article_embed(article, tracked=tracked),
        )
        return
    claim = await within_sharing_limit(
        service.reserve(guild_id, article, url=url, text=text, posted_by=member_id)
    )
    channel = interaction.channel
    assert isinstance(channel, discord.abc.Messageable)
    buttons = render.article_buttons(claim.article.id, about_a_show=article.facts.trackable)
    sent: list[discord.Message] = []

    async def post() -> Placed:
        try:
            message = await channel.send(
                content=render.shared_by(member_id),
                embed=render.article_embed(article, tracked=tracked),
                view=buttons or discord.utils.MISSING,
                # The sharer is named, not notified.
                allowed_mentions=discord.AllowedMentions.none(),
            )
        except discord.Forbidden:
            raise MissingPermission(
                "I can't post in this channel (I need View Channel, Send Messages and Embed "
                "Links). Try another channel, or ask an admin to grant them."
            ) from None
        sent.append(message)
        return Placed(message.channel.id, message.id)

    # Not posted after all: the claim is given back so the member can simply try again.
    await post_once(claim, post)
    await interaction.edit_original_response(content=f"Posted: {sent[0].jump_url}")


async def within_sharing_limit(step: Awaitable[T]) -> T:
    """Run a step that may find the member over the hourly limit; say when they can post."""
    try:
        return await step
    except SharingLimitReached as limit:
        raise UserError(render.sharing_limit_text(limit.retry_at)) from None


class TrackForm(discord.ui.Modal, title="Track this show"):
    """The article's facts, to confirm or correct before tracking: some were unsure."""

    def __init__(self, plan: TrackPlan) -> None:
        super().__init__(custom_id=f"article:form:{plan.article.id}")
        facts = plan.facts
        self.show: discord.ui.TextInput[TrackForm] = discord.ui.TextInput(
            label="Show",
            custom_id="show",
            max_length=100,
            default=(facts.show if facts else None) or None,
        )
        self.season: discord.ui.TextInput[TrackForm] = discord.ui.TextInput(
            label="Season (a number, or empty)",
            custom_id="season",
            required=False,
            max_length=3,
            default=str(facts.season) if facts and facts.season else None,
        )
        self.network: discord.ui.TextInput[TrackForm] = discord.ui.TextInput(
            label="Network",
            custom_id="network",
            required=False,
            max_length=50,
            default=(facts.network if facts else None) or None,
        )
        self.premiere: discord.ui.TextInput[TrackForm] = discord.ui.TextInput(
            label="Premiere",
            custom_id="premiere",
            max_length=100,
            placeholder="March 8 2027, 2027-03-08 21:00 ET",
            default=premiere_text(facts) if facts and facts.premiere else None,
        )
        for field in (self.show, self.season, self.network, self.premiere):
            self.add_item(field)

    async def on_submit(self, interaction: discord.Interaction[discord.Client], /) -> None:
        await self.submitted(ours(interaction))

    async def submitted(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        require_manager(interaction)
        season = self.season.value.strip()
        # Digits as int() reads them, ASCII only: "²" is a digit to str.isdigit, not to int().
        if season and not (season.isascii() and season.isdigit()):
            raise InvalidInput(f'"{season[:10]}" is not a season number. Use a number like 2.')
        show = await interaction.client.services.shows.add(
            interaction.guild_id,
            title=self.show.value,
            premiere=self.premiere.value,
            season=int(season) if season else None,
            network=self.network.value or None,
            added_by=interaction.user.id,
        )
        await interaction.response.send_message(
            embed=show_render.show_added(show), view=components.subscription_buttons(show.id)
        )

    async def on_error(
        self,
        interaction: discord.Interaction[discord.Client],
        error: Exception,
        # discord.py passes none for a form; the item keeps the signature a view's too.
        item: discord.ui.Item[Any] | None = None,
        /,
    ) -> None:
        await reply_ephemeral(interaction, describe_error(error))


class TrackButton(IdButton, template=render.TRACK_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        article_id = self.target_id
        require_manager(interaction)
        plan = await articles(interaction).plan_track(interaction.guild_id, article_id)
        if plan.same_premiere:
            assert plan.tracked is not None
            await interaction.response.send_message(
                f"Already tracked: {show_render.show_line(plan.tracked)}, "
                f"{show_render.premiere_text(plan.tracked)}.",
                ephemeral=True,
            )
        elif plan.tracked is not None and plan.facts and plan.facts.premiere:
            await interaction.response.send_message(
                f"This server already tracks {show_render.show_line(plan.tracked)}, premiering "
                f"{show_render.premiere_text(plan.tracked)}. The article says "
                f"{render.facts_premiere(plan.facts)}.",
                view=render.update_button(article_id),
                ephemeral=True,
            )
        elif plan.needs_confirmation:
            await interaction.response.send_modal(TrackForm(plan))
        else:
            show = await articles(interaction).track(
                interaction.guild_id, article_id, interaction.user.id
            )
            await interaction.response.send_message(
                embed=show_render.show_added(show), view=components.subscription_buttons(show.id)
            )


class UpdateButton(IdButton, template=render.UPDATE_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        require_manager(interaction)
        edit = await articles(interaction).update_tracked(interaction.guild_id, self.target_id)
        await interaction.response.send_message(
            embed=show_render.show_edited(edit.before, edit.after)
        )


class SubscribeButton(IdButton, template=render.SUBSCRIBE_PATTERN):
    async def clicked(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        plan = await articles(interaction).plan_track(interaction.guild_id, self.target_id)
        if plan.tracked is None:
            raise NotFound("This show isn't tracked here yet. A manager can click Track first.")
        await subscribe(interaction, plan.tracked.id, None)


class Articles(commands.GroupCog, group_name="article", group_description="Premiere news"):
    def __init__(self, bot: PremiereBot) -> None:
        self.bot = bot
        self.summarize = app_commands.ContextMenu(
            name="Summarize article", callback=self.summarize_message
        )

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.summarize)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.summarize.name, type=self.summarize.type)

    @app_commands.command(name="post")
    @app_commands.describe(
        url="A link to the article",
        text="Or the article's text, pasted",
        spoiler_safe="Hide plot details behind spoiler tags",
    )
    async def post(
        self,
        interaction: Interaction,
        url: app_commands.Range[str, 1, 2000] | None = None,
        text: app_commands.Range[str, 1, TEXT_MAX] | None = None,
        spoiler_safe: bool = False,
    ) -> None:
        """Summarise premiere news here, with its facts and a Track button."""
        if (url is None) == (text is None):
            raise InvalidInput(
                "Give either url (a link to the article) or text (pasted), not both or neither."
            )
        if url is not None and not LINK.fullmatch(url.strip()):
            raise InvalidInput("That isn't a web link. Give one starting with https://.")
        await publish(
            interaction, url=url.strip() if url else None, text=text, spoiler_safe=spoiler_safe
        )

    async def summarize_message(self, interaction: Interaction, message: discord.Message) -> None:
        link = LINK.search(message.content or "")
        if link is None and not (message.content or "").strip():
            raise InvalidInput("That message has no link or text to summarise.")
        if link is not None:
            await publish(interaction, url=link.group().rstrip(").,>"), text=None)
        else:
            await publish(interaction, url=None, text=message.content[:TEXT_MAX])


async def setup(bot: PremiereBot) -> None:
    bot.add_dynamic_items(TrackButton, UpdateButton, SubscribeButton)
    await bot.add_cog(Articles(bot))
