"""Routes for who the bot is: its user, its application, other users, DMs and the gateway."""

from __future__ import annotations

from aiohttp import web

from ..gateway import Gateway
from ..wire import Route, body_of, error_response, json_response, match_int
from ..world import World

# Sessions a bot may start a day (session_start_limit.total), as Discord gives most bots.
SESSIONS_PER_DAY = 1000


class UserRoutes:
    def __init__(self, world: World, gateway: Gateway) -> None:
        self.world, self.gateway = world, gateway

    def routes(self) -> list[Route]:
        return [
            ("GET", "/users/@me", self.get_me),
            ("GET", "/users/{user_id}", self.get_user),
            ("POST", "/users/@me/channels", self.open_dm),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_bot_gateway),
        ]

    async def get_me(self, request: web.Request) -> web.Response:
        return json_response(self.world.bot_user.to_json())

    async def get_user(self, request: web.Request) -> web.Response:
        user = self.world.users.get(match_int(request, "user_id") or 0)
        if user is None:
            return error_response(404, 10013, "Unknown User")
        return json_response(user.to_json())

    async def get_application(self, request: web.Request) -> web.Response:
        return json_response(
            {
                "id": str(self.world.application_id),
                "name": self.world.bot_user.username,
                "description": "",
                "icon": None,
                "bot_public": True,
                "bot_require_code_grant": False,
                "owner": self.world.owner.to_json(),
                "verify_key": "0" * 64,
                "flags": 0,
                "interactions_endpoint_url": None,
                "team": None,
                "summary": "",
            }
        )

    async def get_gateway(self, request: web.Request) -> web.Response:
        return json_response({"url": self.gateway.url.rstrip("/")})

    async def get_bot_gateway(self, request: web.Request) -> web.Response:
        """Where to connect, how many shards Discord recommends, and how many sessions the bot
        may still start (and how many at once)."""
        return json_response(
            {
                "url": self.gateway.url.rstrip("/"),
                "shards": self.gateway.recommended_shards(),
                "session_start_limit": {
                    "total": SESSIONS_PER_DAY,
                    "remaining": max(0, SESSIONS_PER_DAY - self.gateway.identifies),
                    "reset_after": 24 * 60 * 60 * 1000,  # milliseconds until the day resets
                    "max_concurrency": self.world.config.max_concurrency,
                },
            }
        )

    async def open_dm(self, request: web.Request) -> web.Response:
        recipient_id = str((body_of(request) or {}).get("recipient_id", ""))
        recipient = self.world.users.get(int(recipient_id) if recipient_id.isdigit() else 0)
        if recipient is None:
            return error_response(400, 50033, "Invalid Recipient(s)")
        return json_response(self.world.dm_channel(recipient).to_json(self.world.users))
