"""The command tree: one error handler for every app command and component."""

from __future__ import annotations

import logging
import secrets

import discord
from discord import app_commands

from bot.errors import UserError

log = logging.getLogger(__name__)

_PERMISSION_NAMES = {"manage_guild": "Manage Server", "manage_events": "Manage Events"}


def describe_error(error: BaseException) -> str:
    """The sentence a member sees for an error; unexpected errors get an id that is logged."""
    if isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError):
        inner = error.__cause__ if isinstance(error, app_commands.TransformerError) else None
        error = inner if isinstance(inner, UserError) else getattr(error, "original", error)
    if isinstance(error, UserError):
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


async def reply_ephemeral(interaction: discord.Interaction, text: str) -> None:
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
    def __init__(self, client: discord.Client, **options: object) -> None:
        # Everything the bot does belongs to a server: every command is usable in servers only,
        # unless a command says otherwise.
        options.setdefault("allowed_contexts", app_commands.AppCommandContext(guild=True))
        super().__init__(client, **options)  # type: ignore[arg-type]

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await reply_ephemeral(interaction, describe_error(error))
