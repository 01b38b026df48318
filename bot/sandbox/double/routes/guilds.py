"""Routes for servers and their members."""

from __future__ import annotations

from aiohttp import web

from ..state import Guild
from ..wire import Route, error_response, json_response, match_int
from ..world import World


def find_guild(world: World, request: web.Request) -> Guild | web.Response:
    """The server the path names, or Discord's Unknown Guild."""
    guild = world.guilds.get(match_int(request, "guild_id") or 0)
    return guild if guild is not None else error_response(404, 10004, "Unknown Guild")


class GuildRoutes:
    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        return [
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
        ]

    async def get_guild(self, request: web.Request) -> web.Response:
        guild = find_guild(self.world, request)
        return guild if isinstance(guild, web.Response) else json_response(guild.to_json())

    async def get_member(self, request: web.Request) -> web.Response:
        guild = find_guild(self.world, request)
        if isinstance(guild, web.Response):
            return guild
        member = guild.members.get(match_int(request, "user_id") or 0)
        if member is None:
            return error_response(404, 10007, "Unknown Member")
        return json_response(member.to_json())
