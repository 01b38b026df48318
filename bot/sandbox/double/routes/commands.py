"""Routes for application commands: what the bot syncs, checked against Discord's rules."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from ..wire import Route, body_of, error_response, json_response, limit_refusal, match_int
from ..world import World

COMMAND_NAME = re.compile(r"^[-_\w]{1,32}$")
MAX_SLASH_COMMANDS = 100
MAX_OPTIONS = 25
MAX_CHOICES = 25


class CommandRoutes:
    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        app, guild = "/applications/{application_id}", "/guilds/{guild_id}"
        return [
            ("GET", f"{app}/commands", self.get_commands),
            ("PUT", f"{app}/commands", self.put_commands),
            ("GET", f"{app}{guild}/commands", self.get_commands),
            ("PUT", f"{app}{guild}/commands", self.put_commands),
        ]

    async def get_commands(self, request: web.Request) -> web.Response:
        world = self.world
        guild_id = match_int(request, "guild_id")
        store = world.guild_commands.get(guild_id, {}) if guild_id else world.global_commands
        return json_response(list(store.values()))

    async def put_commands(self, request: web.Request) -> web.Response:
        world = self.world
        if match_int(request, "application_id") != world.application_id:
            return error_response(403, 50001, "Missing Access")
        scoped = "guild_id" in request.match_info
        guild_id = match_int(request, "guild_id")
        if scoped and guild_id not in world.guilds:
            return error_response(403, 50001, "Missing Access")
        body: list[dict[str, Any]] = body_of(request) or []
        if refusal := limit_refusal(world.problem, "command sync", command_errors(body)):
            return refusal
        old = world.guild_commands.get(guild_id, {}) if guild_id else world.global_commands
        stored: dict[str, dict[str, Any]] = {}
        for command in body:
            previous = old.get(command["name"])
            stored[command["name"]] = {
                "description": "",  # Discord answers context menus with an empty one
                **command,
                "id": previous["id"] if previous else str(world.snowflake()),
                "application_id": str(world.application_id),
                "version": str(world.snowflake()),
                **({"guild_id": str(guild_id)} if guild_id else {}),
            }
        if guild_id is None:
            world.global_commands = stored
        else:
            world.guild_commands[guild_id] = stored
        world.command_syncs.append((guild_id, sorted(stored)))
        return json_response(list(stored.values()))


def command_errors(commands: list[dict[str, Any]]) -> list[str]:
    """Every rule a command sync breaks (names, descriptions, counts, option order)."""
    errors: list[str] = []
    seen: set[tuple[int, str]] = set()
    for command in commands:
        name, kind = command.get("name", ""), command.get("type", 1)
        if (kind, name) in seen:
            errors.append(f"{name}: duplicate command name")
        seen.add((kind, name))
        if kind == 1:
            errors += option_errors(name, command)
        elif not 1 <= len(name) <= 32:
            errors.append(f"{name}: context menu names are 1–32 characters")
    chat = sum(1 for c in commands if c.get("type", 1) == 1)
    if chat > MAX_SLASH_COMMANDS:
        errors.append(f"{chat} slash commands, at most {MAX_SLASH_COMMANDS}")
    return errors


def option_errors(where: str, node: dict[str, Any]) -> list[str]:
    """The rules a command, subcommand or option (and what it contains) breaks."""
    errors = []
    name = node.get("name", "")
    if not COMMAND_NAME.match(name) or name != name.lower():
        errors.append(f"{where}: names are 1–32 lowercase letters, digits, - or _")
    if not 1 <= len(node.get("description") or "") <= 100:
        errors.append(f"{where}: descriptions are 1–100 characters")
    options = node.get("options") or []
    if len(options) > MAX_OPTIONS:
        errors.append(f"{where}: at most {MAX_OPTIONS} options")
    seen_optional = False
    for option in options:
        if option["type"] in (1, 2):
            errors += option_errors(f"{where} {option['name']}", option)
            continue
        errors += option_errors(f"{where}.{option['name']}", {**option, "options": []})
        if option.get("required"):
            if seen_optional:
                errors.append(f"{where}.{option['name']}: required options come first")
        else:
            seen_optional = True
        if len(option.get("choices") or []) > MAX_CHOICES:
            errors.append(f"{where}.{option['name']}: at most {MAX_CHOICES} choices")
        if option.get("choices") and option.get("autocomplete"):
            errors.append(f"{where}.{option['name']}: choices and autocomplete are exclusive")
    return errors
