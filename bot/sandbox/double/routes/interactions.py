"""Routes for answering interactions: the callback, then followups and edits by webhook."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from .. import limits
from ..state import Interaction, Message
from ..wire import ARRIVED, Route, body_of, error_response, json_response, limit_refusal
from ..world import World

INTERACTION_TOKEN_SECONDS = 15 * 60
# Interaction types (the keys) and the response types each may be answered with.
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
ALLOWED_RESPONSES = {
    APPLICATION_COMMAND: {4, 5, 9},
    MESSAGE_COMPONENT: {4, 5, 6, 7, 9},
    AUTOCOMPLETE: {8},
    MODAL_SUBMIT: {4, 5, 6, 7},
}
RESPONSE_LIMITS: dict[int, Callable[[dict[str, Any]], list[str]]] = {
    4: limits.message_errors,
    7: limits.message_errors,
    8: limits.autocomplete_errors,
    9: limits.modal_errors,
}
EPHEMERAL, LOADING = 64, 128  # message flags


class InteractionRoutes:
    def __init__(self, world: World) -> None:
        self.world = world

    def routes(self) -> list[Route]:
        webhook = "/webhooks/{webhook_id}/{webhook_token}"
        return [
            (
                "POST",
                "/interactions/{interaction_id}/{interaction_token}/callback",
                self.callback,
            ),
            ("POST", webhook, self.followup),
            ("GET", f"{webhook}/messages/{{message_id}}", self.get_message),
            ("PATCH", f"{webhook}/messages/{{message_id}}", self.edit_message),
            ("DELETE", f"{webhook}/messages/{{message_id}}", self.delete_message),
        ]

    def _interaction_for(self, request: web.Request) -> Interaction | None:
        raw_id = request.match_info.get("interaction_id")
        token = request.match_info.get("interaction_token") or request.match_info.get(
            "webhook_token"
        )
        if raw_id is not None:
            interaction = self.world.interactions.get(int(raw_id) if raw_id.isdigit() else 0)
            return interaction if interaction and interaction.token == token else None
        return next((i for i in self.world.interactions.values() if i.token == token), None)

    async def callback(self, request: web.Request) -> web.Response:
        world = self.world
        interaction = self._interaction_for(request)
        if interaction is None:
            world.problem("interaction callback with an unknown id or token")
            return error_response(404, 10062, "Unknown interaction")
        if interaction.acknowledged:
            world.problem(f"interaction {interaction.id} acknowledged twice")
            return error_response(400, 40060, "Interaction has already been acknowledged.")
        interaction.answered_monotonic = request[ARRIVED]
        waited = request[ARRIVED] - interaction.created_monotonic
        if waited > world.config.response_deadline:
            world.problem(f"interaction {interaction.id} answered after {waited:.2f}s")
            return error_response(404, 10062, "Unknown interaction")
        body = body_of(request) or {}
        kind, data = body.get("type"), body.get("data") or {}
        if kind not in ALLOWED_RESPONSES[interaction.type]:
            world.problem(f"response type {kind} to interaction type {interaction.type}")
            return error_response(400, 50035, "Invalid Form Body", {"type": "not allowed here"})
        errors = RESPONSE_LIMITS[kind](data) if kind in RESPONSE_LIMITS else []
        if refusal := limit_refusal(world.problem, f"interaction response type {kind}", errors):
            return refusal
        interaction.response_type, interaction.response = kind, body
        message = self._apply_response(interaction, kind, data)
        result: dict[str, Any] = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "activity_instance_id": None,
                "response_message_id": str(message.id) if message else None,
                "response_message_loading": kind == 5,
                "response_message_ephemeral": bool(message and message.ephemeral),
            }
        }
        if message is not None and kind in (4, 5, 7):
            result["resource"] = {"type": kind, "message": message.to_json()}
        return json_response(result)

    def _apply_response(
        self, interaction: Interaction, kind: int, data: dict[str, Any]
    ) -> Message | None:
        source_id = interaction.source_message_id
        if kind in (4, 5):
            flags = int(data.get("flags") or 0) & EPHEMERAL | (LOADING if kind == 5 else 0)
            message = self.world.store_message(
                interaction.channel_id, data, flags=flags, interaction=interaction
            )
            interaction.original_message_id = message.id
            return message
        if kind in (6, 7) and source_id is not None:
            message = self.world.messages[source_id]
            if kind == 7:
                self.world.edit_message(message, data)
            interaction.original_message_id = message.id
            return message
        return None

    def _webhook_interaction(self, request: web.Request) -> Interaction | web.Response:
        world = self.world
        if request.match_info["webhook_id"] != str(world.application_id):
            return error_response(404, 10015, "Unknown Webhook")
        interaction = self._interaction_for(request)
        if interaction is None:
            world.problem("followup with an unknown interaction token")
            return error_response(404, 10015, "Unknown Webhook")
        if time.monotonic() - interaction.created_monotonic > INTERACTION_TOKEN_SECONDS:
            world.problem(f"interaction {interaction.id} token used after 15 minutes")
            return error_response(401, 50027, "Invalid Webhook Token")
        if not interaction.acknowledged:
            world.problem(f"followup before interaction {interaction.id} was acknowledged")
            return error_response(404, 10015, "Unknown Webhook")
        return interaction

    def _webhook_message(self, request: web.Request) -> Message | web.Response:
        interaction = self._webhook_interaction(request)
        if isinstance(interaction, web.Response):
            return interaction
        raw = request.match_info["message_id"]
        if raw == "@original":
            message_id = interaction.original_message_id
        else:
            message_id = int(raw) if raw.isdigit() else None
        if message_id is None or message_id not in self.world.messages:
            return error_response(404, 10008, "Unknown Message")
        return self.world.messages[message_id]

    async def followup(self, request: web.Request) -> web.Response:
        interaction = self._webhook_interaction(request)
        if isinstance(interaction, web.Response):
            return interaction
        body = body_of(request) or {}
        original = self.world.messages.get(interaction.original_message_id or 0)
        if original is not None and original.loading:
            # Discord fills the "thinking…" message with the first followup after a defer, and
            # it keeps the defer's visibility: an ephemeral defer makes a private answer.
            return edited(self.world, original, body)
        if refusal := limit_refusal(self.world.problem, "followup", limits.message_errors(body)):
            return refusal
        message = self.world.store_message(
            interaction.channel_id,
            body,
            flags=int(body.get("flags") or 0) & EPHEMERAL,
            interaction=interaction,
        )
        interaction.followup_ids.append(message.id)
        return json_response(message.to_json())

    async def get_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        return message if isinstance(message, web.Response) else json_response(message.to_json())

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        if isinstance(message, web.Response):
            return message
        return edited(self.world, message, body_of(request) or {})

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._webhook_message(request)
        if isinstance(message, web.Response):
            return message
        message.deleted = True
        return web.Response(status=204)


def edited(world: World, message: Message, body: dict[str, Any]) -> web.Response:
    """Apply an edit, unless the message it would leave breaks Discord's limits."""
    merged = {
        "content": message.content,
        "embeds": message.embeds,
        "components": message.components,
        **body,
    }
    if refusal := limit_refusal(world.problem, "edit", limits.message_errors(merged)):
        return refusal
    world.edit_message(message, body)
    return json_response(message.to_json())
