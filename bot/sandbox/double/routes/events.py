"""Routes for scheduled events, with Discord's rules for names, places and times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from ..state import Perm, ScheduledEvent
from ..wire import Route, body_of, error_response, json_response, limit_refusal, match_int
from ..world import World
from .guilds import find_guild

EXTERNAL = 3  # entity type: somewhere outside Discord, which needs a location and an end


class EventRoutes:
    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        events = "/guilds/{guild_id}/scheduled-events"
        event = f"{events}/{{guild_scheduled_event_id}}"
        return [
            ("GET", events, self.list_events),
            ("POST", events, self.create_event),
            ("GET", event, self.get_event),
            ("PATCH", event, self.edit_event),
            ("DELETE", event, self.delete_event),
            ("GET", f"{event}/users", self.event_users),
        ]

    def _event(self, request: web.Request, *, manage: bool) -> ScheduledEvent | web.Response:
        guild = find_guild(self.world, request)
        if isinstance(guild, web.Response):
            return guild
        if manage and not guild.base_permissions(self.world.bot_member(guild)) & Perm.MANAGE_EVENTS:
            return error_response(403, 50013, "Missing Permissions")
        event = guild.scheduled_events.get(match_int(request, "guild_scheduled_event_id") or 0)
        if event is None:
            return error_response(404, 10070, "Unknown Guild Scheduled Event")
        return event

    async def list_events(self, request: web.Request) -> web.Response:
        guild = find_guild(self.world, request)
        if isinstance(guild, web.Response):
            return guild
        return json_response([e.to_json() for e in guild.scheduled_events.values()])

    async def create_event(self, request: web.Request) -> web.Response:
        world = self.world
        guild = find_guild(world, request)
        if isinstance(guild, web.Response):
            return guild
        if not guild.base_permissions(world.bot_member(guild)) & Perm.MANAGE_EVENTS:
            return error_response(403, 50013, "Missing Permissions")
        body: dict[str, Any] = body_of(request) or {}
        problems = event_errors(body) + event_time_errors(body, body)
        if refusal := limit_refusal(world.problem, "scheduled event", problems):
            return refusal
        event = ScheduledEvent(world.snowflake(), guild.id, world.bot_user.id, dict(body))
        guild.scheduled_events[event.id] = event
        world.send_event("GUILD_SCHEDULED_EVENT_CREATE", event.to_json())
        return json_response(event.to_json())

    async def get_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=False)
        return event if isinstance(event, web.Response) else json_response(event.to_json())

    async def edit_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=True)
        if isinstance(event, web.Response):
            return event
        changes: dict[str, Any] = body_of(request) or {}
        merged = {**event.body, **changes}
        problems = event_errors(merged) + event_time_errors(merged, changes)
        if refusal := limit_refusal(self.world.problem, "scheduled event", problems):
            return refusal
        event.body.update({k: v for k, v in changes.items() if k != "status"})
        event.status = int(changes.get("status", event.status))
        self.world.send_event("GUILD_SCHEDULED_EVENT_UPDATE", event.to_json())
        return json_response(event.to_json())

    async def delete_event(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=True)
        if isinstance(event, web.Response):
            return event
        del self.world.guilds[event.guild_id].scheduled_events[event.id]
        self.world.send_event("GUILD_SCHEDULED_EVENT_DELETE", event.to_json())
        return web.Response(status=204)

    async def event_users(self, request: web.Request) -> web.Response:
        event = self._event(request, manage=False)
        if isinstance(event, web.Response):
            return event
        guild = self.world.guilds[event.guild_id]
        with_member = request.query.get("with_member") in ("true", "1")
        users = []
        for user_id in sorted(event.interested):
            entry: dict[str, Any] = {
                "guild_scheduled_event_id": str(event.id),
                "user": self.world.users[user_id].to_json(),
            }
            if with_member and user_id in guild.members:
                entry["member"] = guild.members[user_id].to_json()
            users.append(entry)
        return json_response(users)


def event_errors(body: dict[str, Any]) -> list[str]:
    """The limits an event's name, description and place break."""
    errors = []
    if not 1 <= len(body.get("name") or "") <= 100:
        errors.append("name: 1–100 characters")
    if len(body.get("description") or "") > 1000:
        errors.append("description: at most 1000 characters")
    if body.get("entity_type") == EXTERNAL:
        location = (body.get("entity_metadata") or {}).get("location") or ""
        if not 1 <= len(location) <= 100:
            errors.append("entity_metadata.location: external events need a 1–100 char location")
        if not body.get("scheduled_end_time"):
            errors.append("scheduled_end_time: external events need an end time")
    return errors


def event_time_errors(body: dict[str, Any], sent: dict[str, Any]) -> list[str]:
    """Discord refuses a start in the past (when one is sent) and an end before the start."""
    try:
        start = _instant(body.get("scheduled_start_time"))
        end = _instant(body.get("scheduled_end_time"))
    except ValueError:
        return ["scheduled_start_time/scheduled_end_time: not ISO 8601 timestamps"]
    errors = []
    if start is not None and "scheduled_start_time" in sent and start < datetime.now(UTC):
        errors.append("scheduled_start_time: Cannot schedule event in the past.")
    if start is not None and end is not None and end <= start:
        errors.append("scheduled_end_time: the end must come after the start")
    return errors


def _instant(text: str | None) -> datetime | None:
    if not text:
        return None
    instant = datetime.fromisoformat(text)
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)
