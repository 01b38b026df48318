"""Routes for who the bot is: its user, its application, other users, DMs and the gateway."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from ..wire import Route, body_of, error_response, json_response, match_int
from ..world import World


class UserRoutes:
    def __init__(self, world: World, gateway_url: Callable[[], str]) -> None:
        self.world, self.gateway_url = world, gateway_url

    def routes(self) -> list[Route]:
        return [
            ("GET", "/users/@me", self.get_me),
            ("GET", "/users/{user_id}", self.get_user),
            ("POST", "/users/@me/channels", self.open_dm),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway),
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
        return json_response(
            {
                "url": self.gateway_url().rstrip("/"),
                "shards": 1,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 0,
                    "max_concurrency": 1,
                },
            }
        )

    async def open_dm(self, request: web.Request) -> web.Response:
        recipient_id = str((body_of(request) or {}).get("recipient_id", ""))
        recipient = self.world.users.get(int(recipient_id) if recipient_id.isdigit() else 0)
        if recipient is None:
            return error_response(400, 50033, "Invalid Recipient(s)")
        return json_response(self.world.dm_channel(recipient).to_json(self.world.users))
