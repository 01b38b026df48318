"""Turning one claimed reminder into messages, exactly once.

The messages are written down first (deliveries, each with its own nonce), then sent one by
one, each marked sent as soon as Discord answers. A crash anywhere leaves the unsent ones
pending; the next start sends them with the same nonces, and Discord drops a repeat of one
that had in fact gone out.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import discord

from bot.clock import Clock
from bot.db.episodes import EpisodeRepository
from bot.db.reminders import ReminderRepository
from bot.db.settings import SettingsRepository
from bot.db.shows import ShowRepository
from bot.db.subscriptions import SubscriptionRepository
from bot.domain.episodes import (
    EPISODE_OFFLINE_WINDOW,
    Announce,
    Episode,
    announced,
    opening_episodes,
)
from bot.domain.reminders import (
    COUNTDOWN_PRECISIONS,
    OFFLINE_WINDOW,
    Delivery,
    DeliveryStatus,
    Kind,
    Reminder,
    ReminderStatus,
    Style,
    Target,
)
from bot.domain.settings import ServerSettings
from bot.domain.shows import Show
from bot.outbox.mentions import MentionBatch, mention_batches
from bot.outbox.sender import DmClosed, Sender, Transient, Unreachable
from bot.render import components
from bot.render.episodes import add_opening_episodes, episode_embed
from bot.render.reminders import dm_fallback_note, reminder_embed
from bot.render.threads import episode_thread, premiere_thread

log = logging.getLogger(__name__)

# Asks Discord who is Interested in a show's event (guild id, show id), before its reminder.
RefreshInterest = Callable[[int, int], Awaitable[None]]

EMBEDS_PER_MESSAGE = 10  # Discord's limits on one message: more held DMs make more messages
EMBED_CHARS = 6000
NO_THREAD = 0  # recorded when a post's thread cannot be made: it is not tried again
RETRY_DELAYS = (
    timedelta(seconds=15),
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(minutes=30),
)


@dataclass(frozen=True, slots=True)
class _HeldDm:
    """A DM held for quiet hours: a reminder's (in the ledger) or a feed story's."""

    embed: discord.Embed
    delivery: Delivery | None = None
    news_id: int | None = None

    @property
    def nonce(self) -> str:
        """The nonce of a message this DM opens: fixed by its own row, so a retry repeats it."""
        return f"pq{self.delivery.id}" if self.delivery is not None else f"pn{self.news_id}"


@dataclass(frozen=True, slots=True)
class _Post:
    """One reminder, rendered, and where its channel messages go."""

    show: Show
    reminder: Reminder
    embed: discord.Embed
    channel_id: int | None
    thread_archive_minutes: int


class Deliverer:
    def __init__(
        self,
        store: ReminderRepository,
        shows: ShowRepository,
        settings: SettingsRepository,
        episodes: EpisodeRepository,
        subscriptions: SubscriptionRepository,
        sender: Sender,
        clock: Clock,
        refresh_interest: RefreshInterest | None = None,
    ) -> None:
        self._store = store
        self._shows = shows
        self._settings = settings
        self._episodes = episodes
        self._subscriptions = subscriptions
        self._held_locks: defaultdict[tuple[int, int], asyncio.Lock] = defaultdict(asyncio.Lock)
        self._sender = sender
        self._clock = clock
        self._refresh_interest = refresh_interest

    async def deliver(self, reminder: Reminder, style: Style) -> ReminderStatus | None:
        """Send what is still to send for this reminder; returns its final status, or None
        while some message waits to be retried."""
        show = await self._shows.get(reminder.guild_id, reminder.show_id)
        if show is None:  # removed: its reminders went with it
            return ReminderStatus.CANCELLED
        if reminder.kind is Kind.COUNTDOWN and (
            show.premiere != reminder.premiere or show.precision not in COUNTDOWN_PRECISIONS
        ):
            await self._store.cancel_deliveries(reminder.id, "the premiere moved")
            await self._store.skip(reminder.id, "the premiere moved", self._clock.now())
            return ReminderStatus.SKIPPED
        settings = await self._settings.get(reminder.guild_id)
        rendered = await self._render(show, reminder, style, settings)
        if rendered is None:
            reason = "its episode moved or is no longer announced"
            await self._store.cancel_deliveries(reminder.id, reason)
            await self._store.skip(reminder.id, reason, self._clock.now())
            return ReminderStatus.SKIPPED
        embed, episodes = rendered
        thread: str | None = None
        if reminder.kind is Kind.EPISODE:
            recipients = await self._store.episode_recipients(reminder.guild_id, show.id)
            if show.announce is Announce.EPISODES:
                thread = episode_thread(show, episodes)
        else:
            if self._refresh_interest is not None:
                await self._refresh_interest(reminder.guild_id, reminder.show_id)
            recipients = await self._store.recipients(reminder.guild_id, reminder.show_id)
            if reminder.kind is Kind.COUNTDOWN and not reminder.offset:
                thread = premiere_thread(show)
        deliveries = await self._store.plan_deliveries(
            reminder.id,
            settings.announce_channel_id,
            [
                (batch.role_id, batch.user_ids)
                for batch in mention_batches(settings.mention_role_id, recipients.channel_user_ids)
            ],
            recipients.dm_user_ids,
            # Written down with the post, so a restart opens the thread the post was meant
            # to have, once, whatever the setting says by then.
            thread_name=thread if settings.threads_enabled else None,
        )
        post = _Post(
            show,
            reminder,
            embed,
            settings.announce_channel_id,
            int(settings.thread_archive.total_seconds()) // 60,
        )
        for delivery in deliveries:
            await self._send(delivery, post)
        return await self._store.finish(reminder.id, self._clock.now())

    async def _render(
        self, show: Show, reminder: Reminder, style: Style, settings: ServerSettings
    ) -> tuple[discord.Embed, list[Episode]] | None:
        """The post's embed, and for an episode post its episodes; None when the episode it
        was planned for moved or is no longer announced."""
        if reminder.kind is Kind.EPISODE:
            episodes = await self._episodes_to_post(show, reminder, style)
            if not episodes:
                return None
            names_hidden = settings.episode_names_hidden
            return episode_embed(show, episodes, style, names_hidden=names_hidden), episodes
        embed = reminder_embed(show, reminder, style)
        if reminder.kind is Kind.COUNTDOWN and not reminder.offset:
            add_opening_episodes(
                embed,
                await self._opening_episodes(show),
                names_hidden=settings.episode_names_hidden,
            )
        return embed, []

    async def _episodes_to_post(
        self, show: Show, reminder: Reminder, style: Style
    ) -> list[Episode]:
        """The episodes this post announces, read now: none when the episode moved or went,
        or the show no longer announces it. After downtime, every episode missed that day."""
        if show.tvmaze_id is None or show.season is None:
            return []
        of_season = await self._episodes.of_season(show.tvmaze_id, show.season)
        kept = announced(of_season, show.season, show.announce)
        if not any(e.airs_at == reminder.premiere for e in kept):
            return []
        if style is Style.OFFLINE:
            # What aired while the bot was away: not what it had already posted before.
            since = self._clock.now() - EPISODE_OFFLINE_WINDOW
            posted = await self._store.episode_moments_sent(show.id, since)
            return [
                e
                for e in kept
                if since <= e.airs_at <= reminder.premiere
                and (e.airs_at == reminder.premiere or e.airs_at not in posted)
            ]
        return [e for e in kept if e.airs_at == reminder.premiere]

    async def _opening_episodes(self, show: Show) -> list[Episode]:
        """The episodes a season premiere's post names, for shows whose episodes are kept."""
        if show.tvmaze_id is None or show.season is None or show.announce is Announce.PREMIERES:
            return []
        episodes = await self._episodes.of_season(show.tvmaze_id, show.season)
        return [e for e in opening_episodes(episodes, show.season) if e.airs_at == show.premiere]

    async def _send(self, delivery: Delivery, post: _Post) -> None:
        if not await self._store.still_pending(delivery.id):
            return  # cancelled (the premiere moved) or gone (the show was removed) meanwhile
        if delivery.target is Target.DM and await self._held(delivery, post.reminder.guild_id):
            return
        embed = post.embed
        view = components.subscription_buttons(post.show.id)
        try:
            if delivery.target is Target.DM:
                assert delivery.user_id is not None
                message_id = await self._sender.to_user(
                    delivery.user_id, embed=embed, view=view, nonce=delivery.nonce
                )
            else:
                assert delivery.channel_id is not None
                batch = MentionBatch(delivery.mention_role_id, delivery.mention_user_ids)
                # Part 0 carries the reminder; later parts only the mentions that did not fit.
                carries_embed = delivery.part <= 0
                message_id = await self._sender.to_channel(
                    delivery.channel_id,
                    content=delivery.note or batch.content,
                    embed=embed if carries_embed else None,
                    view=view if carries_embed else None,
                    role_id=batch.role_id,
                    user_ids=batch.user_ids,
                    nonce=delivery.nonce,
                )
        except DmClosed as error:
            await self._store.mark_failed(delivery.id, str(error))
            await self._dm_closed(delivery, post)
        except Unreachable as error:
            log.warning("Reminder %s: %s", post.reminder.id, error)
            await self._store.mark_failed(delivery.id, str(error))
        except Transient as error:
            await self._retry_or_give_up(delivery, post.reminder, str(error))
        else:
            await self._store.mark_sent(delivery.id, message_id)
            if delivery.wants_thread:
                await self.open_thread(
                    delivery, message_id, post.reminder.guild_id, post.thread_archive_minutes
                )

    async def open_thread(
        self, delivery: Delivery, message_id: int, guild_id: int, archive_minutes: int
    ) -> None:
        """The post's discussion thread, once: recorded as made, or as impossible (missing
        Create Public Threads: /status says so). A passing failure leaves it to be tried
        again (open_missing_threads, every few minutes and at each start)."""
        assert delivery.channel_id is not None
        assert delivery.thread_name is not None
        try:
            thread_id = await self._sender.start_thread(
                delivery.channel_id,
                message_id,
                guild_id=guild_id,
                name=delivery.thread_name,
                archive_minutes=archive_minutes,
            )
        except Unreachable as error:
            log.warning("No thread on message %s: %s", message_id, error)
            await self._store.thread_made(delivery.id, NO_THREAD)
        except Transient as error:
            log.info("The thread on message %s is tried again shortly: %s", message_id, error)
        else:
            await self._store.thread_made(delivery.id, thread_id)

    async def open_missing_threads(self) -> None:
        """Threads of posts sent before a crash came between the post and its thread."""
        for delivery, guild_id in await self._store.threads_to_make():
            assert delivery.message_id is not None
            settings = await self._settings.get(guild_id)
            await self.open_thread(
                delivery,
                delivery.message_id,
                guild_id,
                int(settings.thread_archive.total_seconds()) // 60,
            )

    async def _held(self, delivery: Delivery, guild_id: int) -> bool:
        """Quiet hours: a DM due inside the member's quiet hours waits for their end; once it
        ends, every DM held for them goes out as one message. True when this delivery is
        taken care of (held, or sent with the others)."""
        assert delivery.user_id is not None
        now = self._clock.now()
        if delivery.held_until is not None:
            if delivery.held_until > now:
                return True  # still quiet for them (another member's hold woke the reminder)
            await self.send_held(guild_id, delivery.user_id)
            return True
        quiet = await self._subscriptions.quiet_hours(guild_id, delivery.user_id)
        if quiet is None or not quiet.covers(now):
            return False
        await self._store.hold(delivery.id, quiet.ends_after(now))
        return True

    async def send_held(self, guild_id: int, user_id: int) -> None:
        """Every DM held for this member in this server whose quiet hours are over, reminders'
        and feed news alike, as one message (Discord takes ten embeds in one), in the order they
        were due. Each is written down before, so a retry after a crash sends the same message
        with the same nonce; one member's held DMs go out one batch at a time."""
        async with self._held_locks[(guild_id, user_id)]:
            await self._send_held(guild_id, user_id)

    async def _held_embed(
        self, guild_id: int, delivery: Delivery, settings: ServerSettings
    ) -> discord.Embed | None:
        """A held reminder's DM as it was when due, saying when that was; None when its show
        or episode is gone."""
        reminder = await self._store.get(delivery.reminder_id)
        show = await self._shows.get(guild_id, reminder.show_id) if reminder else None
        if reminder is None or show is None:
            return None
        rendered = await self._render(show, reminder, reminder.style or Style.ON_TIME, settings)
        if rendered is None:
            return None
        embed, _ = rendered
        embed.set_footer(
            text="Held for your quiet hours: this was due "
            + reminder.due.strftime("%d %b %Y, %H:%M UTC").lstrip("0")
        )
        return embed

    async def _send_held(self, guild_id: int, user_id: int) -> None:
        now = self._clock.now()
        settings = await self._settings.get(guild_id)
        held: list[_HeldDm] = []
        for delivery in await self._store.held_for(guild_id, user_id, now):
            embed = await self._held_embed(guild_id, delivery, settings)
            if embed is None:
                await self._store.mark_failed(delivery.id, "its show or episode is gone")
                continue
            held.append(_HeldDm(embed, delivery=delivery))
        for news_id, embed_json in await self._store.held_news_for(guild_id, user_id, now):
            held.append(_HeldDm(discord.Embed.from_dict(json.loads(embed_json)), news_id=news_id))
        for chunk in _messages_of(held):
            news = [item.news_id for item in chunk if item.news_id is not None]
            try:
                message_id = await self._sender.to_user_many(
                    user_id, embeds=[item.embed for item in chunk], nonce=chunk[0].nonce
                )
            except (DmClosed, Unreachable) as error:
                log.info("Held DMs for %s not sent: %s", user_id, error)
                for item in chunk:
                    if item.delivery is not None:
                        await self._store.mark_failed(item.delivery.id, str(error))
                await self._store.news_sent(news)  # a closed DM only costs them the news
            except Transient as error:
                for item in chunk:
                    if item.delivery is None:
                        continue
                    if item.delivery.attempts >= len(RETRY_DELAYS):
                        await self._store.mark_failed(item.delivery.id, f"gave up: {error}")
                    else:
                        retry_at = now + RETRY_DELAYS[item.delivery.attempts]
                        await self._store.retry_later(item.delivery.id, str(error), retry_at)
                await self._store.postpone_news(news, now + RETRY_DELAYS[0])
            else:
                for item in chunk:
                    if item.delivery is not None:
                        await self._store.mark_sent(item.delivery.id, message_id)
                await self._store.news_sent(news)
        for reminder_id in sorted({i.delivery.reminder_id for i in held if i.delivery}):
            await self._store.finish(reminder_id, now)

    async def _dm_closed(self, delivery: Delivery, post: _Post) -> None:
        """Mention them in the channel instead, tell them why once, and stop trying DMs."""
        assert delivery.user_id is not None
        await self._store.block_dms(post.reminder.guild_id, delivery.user_id, self._clock.now())
        if post.channel_id is None:
            return
        fallback = await self._store.add_fallback(
            post.reminder.id,
            post.channel_id,
            delivery.user_id,
            dm_fallback_note(delivery.user_id, post.show),
        )
        if fallback.status is DeliveryStatus.PENDING:
            await self._send(fallback, post)

    async def _retry_or_give_up(self, delivery: Delivery, reminder: Reminder, error: str) -> None:
        now = self._clock.now()
        # An episode post may be due a day after its airtime (the server's delay).
        moment = max(reminder.premiere, reminder.due)
        if delivery.attempts >= len(RETRY_DELAYS) or now - moment > OFFLINE_WINDOW:
            log.warning(
                "Reminder %s: giving up on delivery %s: %s", reminder.id, delivery.id, error
            )
            await self._store.mark_failed(delivery.id, f"gave up: {error}")
            return
        retry_at: datetime = now + RETRY_DELAYS[delivery.attempts]
        log.info(
            "Reminder %s: delivery %s will retry at %s (%s)",
            reminder.id,
            delivery.id,
            retry_at,
            error,
        )
        await self._store.retry_later(delivery.id, error, retry_at)


def _messages_of(held: list[_HeldDm]) -> list[list[_HeldDm]]:
    """Held DMs split into messages Discord takes: ten embeds at most, 6,000 characters in all."""
    messages: list[list[_HeldDm]] = []
    size = 0
    for item in held:
        length = len(item.embed)
        if not messages or len(messages[-1]) == EMBEDS_PER_MESSAGE or size + length > EMBED_CHARS:
            messages.append([])
            size = 0
        messages[-1].append(item)
        size += length
    return messages
