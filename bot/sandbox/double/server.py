"""A Discord-compatible server on 127.0.0.1 for the real discord.py client.

`DiscordDouble` is the world (servers, channels, members, roles, messages; see `world`) with the
parts that make it Discord around it: the REST routes (`routes/`), the middleware in front of
them (`middleware`), the gateway websocket (`gateway`) and a member's hands (`actions`). It
enforces what Discord enforces (content type, one acknowledgement in three seconds, payload
limits, rate limits, synced commands, permissions, nonces, closed DMs); whatever the bot does
that Discord would refuse is refused here too and written to `problems`, which the test fixtures
turn into a failure.
"""

from __future__ import annotations

from aiohttp import web

from .actions import MemberActions
from .config import DoubleConfig
from .gateway import Gateway
from .middleware import Fault, RecordedRequest, RequestGate
from .ratelimit import RateLimiter
from .routes.channels import ChannelRoutes
from .routes.commands import CommandRoutes
from .routes.events import EventRoutes
from .routes.guilds import GuildRoutes
from .routes.interactions import InteractionRoutes
from .routes.users import UserRoutes
from .wire import API_PREFIX, Route
from .world import World

MAX_REQUEST_BYTES = 32 * 1024**2


class DiscordDouble(World):
    """One Discord, one bot application, as many servers as a test builds; the one object tests
    and the sandbox use."""

    def __init__(self, config: DoubleConfig | None = None) -> None:
        super().__init__(config)
        self.gateway = Gateway(self)
        self.send_event = self.gateway.dispatch
        self.gate = RequestGate(self)
        self.actions = MemberActions(self, self.gateway)
        # Acting as a member: the methods tests call on the double itself.
        self.invoke = self.actions.invoke
        self.slash = self.actions.slash
        self.post_as = self.actions.post_as
        self.invoke_on_message = self.actions.invoke_on_message
        self.autocomplete = self.actions.autocomplete
        self.click = self.actions.click
        self.submit_modal = self.actions.submit_modal
        self.reply = self.actions.reply
        self.mark_interested = self.actions.mark_interested
        self.unmark_interested = self.actions.unmark_interested
        self.delete_event = self.actions.delete_event
        self.inject_fault = self.gate.inject_fault
        self._runner: web.AppRunner | None = None
        self.host = "127.0.0.1"
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        app = web.Application(middlewares=[self.gate.middleware], client_max_size=MAX_REQUEST_BYTES)
        for method, path, handler in self._routes():
            app.router.add_route(method, API_PREFIX + path, handler)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_route("*", "/{tail:.*}", self.gate.unserved)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.host = host
        self.port = self._runner.addresses[0][1]
        self.gateway.url = self.gateway_url

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _routes(self) -> list[Route]:
        return [
            *UserRoutes(self, self.gateway).routes(),
            *CommandRoutes(self).routes(),
            *InteractionRoutes(self).routes(),
            *ChannelRoutes(self).routes(),
            *GuildRoutes(self).routes(),
            *EventRoutes(self).routes(),
        ]

    @property
    def api_base(self) -> str:
        return f"http://{self.host}:{self.port}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}/"

    # ------------------------------------------------------------------ what the double saw

    @property
    def spec_checked(self) -> bool:
        """Whether request bodies are being checked against Discord's OpenAPI spec."""
        return self.gate.spec is not None

    @property
    def requests(self) -> list[RecordedRequest]:
        return self.gate.requests

    @property
    def refusals(self) -> list[tuple[str, int, int]]:
        """(route, status, code) of every refusal Discord would have sent the bot."""
        return self.gate.refusals

    @property
    def rate_limited(self) -> int:
        """How many requests were answered 429."""
        return self.gate.rate_limited

    @property
    def faults(self) -> list[Fault]:
        return self.gate.faults

    @property
    def ratelimits(self) -> RateLimiter:
        return self.gate.ratelimits

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.method == method and r.route == route]

    async def drop_connection(self, code: int = 4000, *, shard_id: int | None = None) -> None:
        await self.gateway.drop(code, shard_id=shard_id)
