"""The command tree: one error handler for every app command and component."""

from __future__ import annotations

import logging
import math
import secrets
from typing import Any

import discord
from discord import app_commands

from bot.errors import ShowNotPicked, UserError

log = logging.getLogger(__name__)

_PERMISSION_NAMES = {"manage_guild": "Manage Server", "manage_events": "Manage Events"}


def describe_error(error: BaseException) -> str:
    """The sentence a member sees for an error; unexpected errors get an id that is logged."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ if isinstance(error, app_commands.TransformerError) else None
        error = inner if isinstance(inner, UserError) else getattr(error, "original", error)
    if isinstance(error, ShowNotPicked):
        return error.sentence(quote=_display)
    if isinstance(error, UserError | OptionOutOfBounds):
        return str(error)
    if isinstance(error, app_commands.MissingPermissions):
        needed = ", ".join(
            _PERMISSION_NAMES.get(p, p.replace("_", " ").title()) for p in error.missing_permissions
        )
        return (
            f"You need the **{needed}** permission for this. "
            "Ask a server admin to run it, or to give you that permission."
        )
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = ", ".join(p.replace("_", " ").title() for p in error.missing_permissions)
        return f"I am missing the **{needed}** permission here. Ask a server admin to grant it."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command works in servers only. Run it in a server channel."
    if isinstance(error, app_commands.CommandOnCooldown):
        return f"Slow down a little: try again in {error.retry_after:.0f} seconds."
    if isinstance(error, app_commands.TransformerError):
        return f'I couldn\'t understand "{str(error.value)[:60]}". Check that option and retry.'
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    error_id = secrets.token_hex(4)
    log.error("Unexpected error %s", error_id, exc_info=error)
    return (
        f"Something went wrong on our side (error id `{error_id}`). "
        "It has been logged; please try again in a moment."
    )


def _display(text: str) -> str:
    """A stored title shown back as plain words (no formatting, no mention syntax)."""
    return discord.utils.escape_markdown(discord.utils.escape_mentions(text), as_needed=False)


_NUMBERS = (discord.AppCommandOptionType.integer, discord.AppCommandOptionType.number)


class OptionOutOfBounds(app_commands.CheckFailure):
    """An option outside the bounds the command declares. Discord's client enforces them, but
    discord.py does not, and other clients may send anything."""


def bounds_problem(parameter: app_commands.Parameter, value: Any) -> str | None:
    """What is wrong with `value` for `parameter`'s declared bounds, or None if nothing."""
    low, high = parameter.min_value, parameter.max_value
    name = parameter.display_name
    if parameter.type is discord.AppCommandOptionType.string and isinstance(value, str):
        size = len(value)
        if (low is not None and size < low) or (high is not None and size > high):
            return (
                f"**{name}** must be {_span(low, high)} characters long (yours is {size}). "
                "Shorten it and try again."
            )
    elif parameter.type in _NUMBERS and isinstance(value, int | float):
        finite = not isinstance(value, float) or math.isfinite(value)
        if not finite or (low is not None and value < low) or (high is not None and value > high):
            return f"**{name}** must be a number {_span(low, high)}. Change it and try again."
    return None


def _span(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f"from {low:g} to {high:g}"
    if low is not None:
        return f"of at least {low:g}"
    return f"of at most {high:g}" if high is not None else "that is finite"


async def reply_ephemeral(interaction: discord.Interaction[discord.Client], text: str) -> None:
    """Answer privately, whether or not the interaction was already answered or deferred."""
    try:
        if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
            # "Thinking…" is waiting for exactly this answer; a followup would leave it hanging.
            await interaction.edit_original_response(content=text, embed=None, view=None)
        elif interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True)
        else:
            await interaction.response.send_message(text, ephemeral=True)
    except discord.HTTPException:
        log.warning("Could not deliver an error reply for interaction %s", interaction.id)


class PremiereTree(app_commands.CommandTree):
    def __init__(self, client: discord.Client, **options: Any) -> None:
        # Everything the bot does belongs to a server: every command is usable in servers only,
        # unless a command says otherwise.
        options.setdefault("allowed_contexts", app_commands.AppCommandContext(guild=True))
        super().__init__(client, **options)

    async def interaction_check(self, interaction: discord.Interaction[discord.Client], /) -> bool:
        """Every option within the bounds its command declares, before the command runs."""
        command = interaction.command
        if interaction.type is discord.InteractionType.application_command and isinstance(
            command, app_commands.Command
        ):
            for parameter in command.parameters:
                value = getattr(interaction.namespace, parameter.display_name, None)
                if problem := bounds_problem(parameter, value):
                    raise OptionOutOfBounds(problem)
        return True

    async def on_error(
        self,
        interaction: discord.Interaction[discord.Client],
        error: app_commands.AppCommandError,
        /,
    ) -> None:
        await reply_ephemeral(interaction, describe_error(error))
