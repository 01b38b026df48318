"""What every REST request goes through before its route: recording, body parsing, the token,
injected faults, rate limits and the API spec, in the order Discord's edge applies them."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import BodyPartReader, web

from .ratelimit import RateLimiter
from .schema import SpecValidator, load_spec_validator
from .wire import API_PREFIX, ARRIVED, BODY, Handler, error_response, json_response
from .world import World


@dataclass
class Fault:
    """Make a route misbehave: a status (500, 502, 429…), a delay, or accept-then-fail."""

    method: str
    route: str
    status: int = 500
    times: int = 1
    delay: float = 0.0
    retry_after: float = 0.5
    is_global: bool = False
    after_commit: bool = False  # do the work (store the message), then answer with the fault


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    route: str
    body: Any
    at: float


class RequestGate:
    """The aiohttp middleware in front of every route, and what it has seen and refused."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.requests: list[RecordedRequest] = []
        self.refusals: list[tuple[str, int, int]] = []  # (route, status, code) Discord would send
        self.rate_limited = 0
        self.faults: list[Fault] = []
        self.ratelimits = RateLimiter()
        self.spec: SpecValidator | None = load_spec_validator(world.config.spec_path)

    def inject_fault(self, method: str, route: str, **kwargs: Any) -> Fault:
        fault = Fault(method.upper(), route, **kwargs)
        self.faults.append(fault)
        return fault

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        request[ARRIVED] = time.monotonic()
        if request.path == "/" and request.method == "GET":
            return await handler(request)  # the gateway's websocket
        resource = request.match_info.route.resource
        route = (resource.canonical if resource else request.path).removeprefix(API_PREFIX)
        body = await self._read_body(request)
        self.requests.append(
            RecordedRequest(request.method, request.path, route, body, time.monotonic())
        )
        if isinstance(body, web.Response):
            return body
        request[BODY] = body
        interaction_route = route.startswith(("/interactions/", "/webhooks/"))
        # The interaction webhooks are authorised by their token in the path, not a header.
        authorised = request.headers.get("Authorization") == f"Bot {self.world.token}"
        if not interaction_route and not authorised:
            return error_response(401, 0, "401: Unauthorized")
        if (fault := self._take_fault(request.method, route)) and not fault.after_commit:
            return await self._fault_response(fault)
        major = next(
            (
                request.match_info[k]
                for k in ("channel_id", "guild_id", "webhook_id")
                if k in request.match_info
            ),
            "",
        )
        verdict = self.ratelimits.check(
            f"{request.method} {route}", major, counts_globally=not interaction_route
        )
        if not verdict.allowed:
            self.rate_limited += 1
            return _rate_limited(verdict.retry_after, verdict.is_global, verdict.headers)
        if (refusal := self._spec_refusal(request.method, route, request.path, body)) is not None:
            return refusal
        response = await handler(request)
        self.world.notify()
        if fault is not None:
            return await self._fault_response(fault)
        response.headers.update(verdict.headers)
        if response.status >= 400 and isinstance(response, web.Response) and response.body:
            # body is typed bytes | Payload; the double's own refusals are always bytes.
            code = json.loads(bytes(response.body)).get("code", 0)  # type: ignore[arg-type]
            self.refusals.append((f"{request.method} {route}", response.status, code))
        return response

    async def unserved(self, request: web.Request) -> web.Response:
        """Any route the double does not know: a problem, since the bot expected an answer."""
        self.world.problem(f"unserved route {request.method} {request.path}")
        return error_response(404, 0, f"the double does not serve {request.method} {request.path}")

    async def _read_body(self, request: web.Request) -> Any:
        if not request.body_exists:
            return None
        content_type = request.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            reader = await request.multipart()
            while (part := await reader.next()) is not None:
                if isinstance(part, BodyPartReader) and part.name == "payload_json":
                    return json.loads(await part.text())
            return {}
        if content_type != "application/json":
            self.world.problem(f"{request.method} {request.path}: Content-Type {content_type!r}")
            return error_response(400, 50035, "Invalid Form Body: send application/json")
        try:
            return json.loads(await request.read())
        except json.JSONDecodeError:
            self.world.problem(f"{request.method} {request.path}: body is not JSON")
            return error_response(400, 50109, "The request body contains invalid JSON.")

    def _spec_refusal(self, method: str, route: str, path: str, body: Any) -> web.Response | None:
        if self.spec is None or body is None:
            return None
        spec_route = route
        if route.endswith("/messages/{message_id}") and path.endswith("/@original"):
            spec_route = route.replace("{message_id}", "@original")
        errors = self.spec.errors(method, spec_route, body)
        if not errors:
            return None
        self.world.problem(f"{method} {route} breaks Discord's API spec: {errors}")
        return error_response(400, 50035, "Invalid Form Body", {"spec": errors})

    def _take_fault(self, method: str, route: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and fault.method == method and fault.route == route:
                fault.times -= 1
                return fault
        return None

    async def _fault_response(self, fault: Fault) -> web.Response:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.status == 429:
            self.rate_limited += 1
            scope = {"X-RateLimit-Scope": "global" if fault.is_global else "user"}
            return _rate_limited(fault.retry_after, fault.is_global, scope)
        return error_response(fault.status, 0, f"{fault.status}: injected by the double")


def _rate_limited(retry_after: float, is_global: bool, headers: dict[str, str]) -> web.Response:
    return json_response(
        {"message": "You are being rate limited.", "retry_after": retry_after, "global": is_global},
        429,
        {**headers, "Retry-After": str(max(1, round(retry_after))), "Via": "1.1 google"},
    )
