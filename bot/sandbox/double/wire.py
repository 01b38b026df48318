"""HTTP pieces every route shares: Discord's JSON answers and error bodies, request keys."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

API_PREFIX = "/api/v10"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
Route = tuple[str, str, Handler]  # (method, path under API_PREFIX, handler)

# The parsed request body (JSON, or multipart's payload_json) and when the request arrived.
BODY: web.RequestKey[Any] = web.RequestKey("body")
ARRIVED: web.RequestKey[float] = web.RequestKey("arrived", float)


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    # Exactly "application/json": discord.py only parses that, not "...; charset=utf-8".
    return web.Response(
        body=json.dumps(data).encode(),
        status=status,
        headers={"Content-Type": "application/json", **(headers or {})},
    )


def error_response(status: int, code: int, message: str, errors: Any = None) -> web.Response:
    body: dict[str, Any] = {"message": message, "code": code}
    if errors is not None:
        body["errors"] = errors
    return json_response(body, status)


def limit_refusal(
    report: Callable[[str], None], where: str, errors: list[str]
) -> web.Response | None:
    """Discord's 400 for a body that breaks its limits (and a problem reported), or None."""
    if not errors:
        return None
    report(f"{where}: {'; '.join(errors)}")
    return error_response(400, 50035, "Invalid Form Body", {"limits": errors})


def body_of(request: web.Request) -> Any:
    """The request's parsed body; None when it had none."""
    return request[BODY]


def match_int(request: web.Request, name: str) -> int | None:
    """A numeric path parameter; None when it is not a number (an unknown id to Discord)."""
    raw = request.match_info.get(name, "")
    return int(raw) if raw.isdigit() else None
