"""How /status looks: what is coming, what went wrong, what the bot lacks, and its shards."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import discord
from discord.utils import format_dt

from bot.domain.digests import DigestFailure
from bot.domain.events import EventProblem
from bot.domain.feeds import Feed
from bot.domain.reminders import Kind, Reminder, StatusReport
from bot.domain.settings import describe_offset
from bot.domain.shards import describe_shard_ids
from bot.domain.shows import Show
from bot.render.feeds import paused_lines
from bot.render.settings import permission_names
from bot.render.shows import BRAND
from bot.render.text import safe

FIELD_MAX = 1024
REASON_MAX = 200


@dataclass(frozen=True, slots=True)
class PermissionGaps:
    """What the bot lacks, as permission names (`send_messages`, `manage_events`…)."""

    channel_id: int | None  # the announcement channel; None when none is set
    channel_exists: bool
    in_channel: tuple[str, ...]
    in_server: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShardReport:
    """Where a server is among the bot's shards, and what the answering process runs."""

    server_shard: int
    shard_count: int
    process_shards: tuple[int, ...]  # the shards this process runs
    latencies: tuple[tuple[int, float], ...] = ()  # (shard id, seconds) of this process's shards
    # Messages a second this process posts at, of the budget every process of the bot shares.
    send_rate: float | None = None
    send_budget: float | None = None
    # The work of no server (the TVmaze refresh): done here, or by which other process.
    shared_work_here: bool | None = None
    shared_work_holder: str | None = None


def which_reminder(reminder: Reminder) -> str:
    """ "1 day before", "at the premiere", or the notice that the date changed."""
    if reminder.kind is Kind.MOVED:
        return "date change notice"
    if reminder.kind is Kind.EPISODE:
        return "episode post"
    return describe_offset(reminder.offset)


def _label(show: Show | None) -> str:
    return f"**{safe(show.label, limit=100)}**" if show else "a removed show"


def _field(lines: Sequence[str], empty: str) -> str:
    """The lines that fit in one embed field, saying how many did not."""
    if not lines:
        return empty
    kept: list[str] = []
    for index, line in enumerate(lines):
        rest = len(lines) - index
        more = f"\n…and {rest - 1} more" if rest > 1 else ""
        if len("\n".join([*kept, line])) + len(more) > FIELD_MAX:
            kept.append(f"…and {rest} more")
            break
        kept.append(line)
    return "\n".join(kept)


def upcoming_lines(report: StatusReport) -> list[str]:
    return [
        f"• {_label(show)} · {which_reminder(reminder)} · {format_dt(reminder.due, 'R')}"
        for reminder, show in report.upcoming
    ]


def failure_lines(
    report: StatusReport,
    event_problems: Sequence[EventProblem],
    digest_failures: Sequence[DigestFailure] = (),
) -> list[str]:
    lines = [
        f"• {_label(show)} · {which_reminder(reminder)} ({format_dt(reminder.due, 'f')}): "
        f"{safe(reason, limit=REASON_MAX)}"
        for reminder, show, reason in report.failures
    ]
    lines += [
        f"• **{safe(problem.label, limit=100)}** ({format_dt(problem.at, 'R')}): "
        f"{safe(problem.problem, limit=REASON_MAX)}"
        for problem in event_problems
    ]
    lines += [
        f"• Weekly digest ({format_dt(failure.week_start, 'f')}): "
        f"{safe(failure.outcome, limit=REASON_MAX)}"
        for failure in digest_failures
    ]
    return lines


def permission_lines(gaps: PermissionGaps) -> list[str]:
    lines = []
    if gaps.channel_id is None:
        lines.append("No announcement channel yet — run /settings channel.")
    elif not gaps.channel_exists:
        lines.append("The announcement channel no longer exists — run /settings channel.")
    elif gaps.in_channel:
        line = f"In <#{gaps.channel_id}> I'm missing {permission_names(gaps.in_channel)}."
        if "mention_everyone" in gaps.in_channel:
            line += " Without Mention Everyone, the reminder role isn't mentionable."
        if "create_public_threads" in gaps.in_channel:
            line += " Without Create Public Threads, posts go out without their thread."
        lines.append(line)
    if "manage_events" in gaps.in_server:
        lines.append(
            f"In this server I'm missing {permission_names(['manage_events'])}, so premieres "
            "get no Discord events. Grant it, then run /settings events enabled:true."
        )
    if not lines:
        lines.append(f"I have everything I need in <#{gaps.channel_id}>.")
    return lines


def _milliseconds(seconds: float) -> str:
    # discord.py reports no latency (infinite or NaN) until a shard's first heartbeat answer.
    return f"{seconds * 1000:.0f} ms" if math.isfinite(seconds) else "not measured yet"


def shard_lines(report: ShardReport) -> list[str]:
    """Which shard holds this server, which shards this process runs, and how quickly
    Discord answers them (bounded: a process may run hundreds of shards)."""
    count, own = report.shard_count, report.process_shards
    if count == 1:
        lines = ["One shard runs the whole bot, in this process."]
    else:
        lines = [f"This server is on shard {report.server_shard} of {count} (numbered from 0)."]
        if len(own) == count:
            lines.append("This process runs every shard.")
        else:
            shards = "shard" if len(own) == 1 else "shards"
            lines.append(
                f"This process runs {shards} {describe_shard_ids(own)}; other processes run "
                "the rest."
            )
    by_shard = dict(report.latencies)
    if report.server_shard in by_shard:
        lines.append(f"Latency: {_milliseconds(by_shard[report.server_shard])}.")
    measured = [(s, t) for s, t in report.latencies if math.isfinite(t)]
    if len(report.latencies) > 1 and measured:
        slowest_shard, slowest = max(measured, key=lambda pair: pair[1])
        average = sum(t for _, t in measured) / len(measured)
        lines.append(
            f"Across this process's {len(report.latencies)} shards: "
            f"{_milliseconds(average)} on average, {_milliseconds(slowest)} at most "
            f"(shard {slowest_shard})."
        )
    return lines + process_lines(report)


def process_lines(report: ShardReport) -> list[str]:
    """How this process shares the bot's work with the others: its part of Discord's request
    budget, and who does the work that belongs to no server. A process running every shard
    shares nothing: nothing to say."""
    if len(report.process_shards) >= report.shard_count:
        return []
    lines = []
    if report.send_rate is not None and report.send_budget is not None:
        lines.append(
            f"This process posts up to {report.send_rate:g} messages a second, its share "
            f"of the {report.send_budget:g} a second all of the bot's processes share."
        )
    if report.shared_work_here:
        lines.append("The TVmaze refresh runs in this process.")
    elif report.shared_work_here is not None:
        lines.append(
            f"The TVmaze refresh runs in another process ({report.shared_work_holder})."
            if report.shared_work_holder
            else "No process runs the TVmaze refresh right now; one takes it over within a minute."
        )
    return lines


def feed_lines(feeds: Sequence[Feed]) -> list[str]:
    if not feeds:
        return []
    paused = sorted(
        (f for f in feeds if f.paused_at is not None), key=lambda f: f.paused_at or f.added_at
    )
    lines = [f"{len(feeds)} followed, {len(feeds) - len(paused)} working. See /feed list."]
    return lines + paused_lines(paused)


def status(
    report: StatusReport,
    event_problems: Sequence[EventProblem],
    gaps: PermissionGaps,
    *,
    feeds: Sequence[Feed] = (),
    shards: ShardReport | None = None,
    digest_failures: Sequence[DigestFailure] = (),
) -> discord.Embed:
    embed = discord.Embed(title="Premiere bot status", colour=BRAND)
    embed.add_field(
        name="Next reminders",
        value=_field(upcoming_lines(report), "Nothing scheduled."),
        inline=False,
    )
    embed.add_field(
        name="Recent failures",
        value=_field(failure_lines(report, event_problems, digest_failures), "None."),
        inline=False,
    )
    if feeds:
        embed.add_field(name="News feeds", value=_field(feed_lines(feeds), ""), inline=False)
    embed.add_field(name="Permissions", value=_field(permission_lines(gaps), ""), inline=False)
    if shards is not None:
        embed.add_field(name="Shards", value=_field(shard_lines(shards), ""), inline=False)
    return embed
