"""Let the double send what Discord's own client would refuse: discord.py does not enforce an
option's declared bounds, and other clients (or a bug) may send anything."""

from __future__ import annotations

from typing import Any

from bot.sandbox.double import DiscordDouble, Guild

_BOUNDS = ("min_value", "max_value", "min_length", "max_length")


def drop_option_bounds(double: DiscordDouble, guild: Guild) -> None:
    """Forget the bounds of every option of every command visible in `guild`."""
    for definition in double.commands_for(guild).values():
        _drop(definition.get("options") or [])


def _drop(options: list[dict[str, Any]]) -> None:
    for option in options:
        for bound in _BOUNDS:
            option.pop(bound, None)
        _drop(option.get("options") or [])
