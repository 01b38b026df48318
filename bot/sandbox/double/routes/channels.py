"""Routes for channels and their messages, with Discord's permission and nonce rules."""

from __future__ import annotations

import time

from aiohttp import web

from .. import limits
from ..state import PUBLIC_THREAD, Channel, Message, Perm
from ..wire import Route, body_of, error_response, json_response, limit_refusal, match_int
from ..world import World
from .interactions import edited

NONCE_WINDOW_SECONDS = 300
DM = 1  # channel type


class ChannelRoutes:
    def __init__(self, world: World) -> None:
        self.world = world
        # (channel id, nonce) → (message id, when): Discord returns the same message again.
        self._nonces: dict[tuple[int, str], tuple[int, float]] = {}

    def routes(self) -> list[Route]:
        channel, message = "/channels/{channel_id}", "/channels/{channel_id}/messages/{message_id}"
        return [
            ("GET", channel, self.get_channel),
            ("GET", f"{channel}/messages", self.get_messages),
            ("POST", f"{channel}/messages", self.create_message),
            ("GET", message, self.get_message),
            ("PATCH", message, self.edit_message),
            ("DELETE", message, self.delete_message),
            ("POST", f"{message}/threads", self.start_thread),
        ]

    def _channel(self, request: web.Request) -> Channel | web.Response:
        channel = self.world.channels.get(match_int(request, "channel_id") or 0)
        if channel is None:
            return error_response(404, 10003, "Unknown Channel")
        if channel.guild_id is not None:
            guild = self.world.guilds[channel.guild_id]
            if not guild.permissions_in(self.world.bot_member(guild), channel) & Perm.VIEW_CHANNEL:
                return error_response(403, 50001, "Missing Access")
        return channel

    async def get_channel(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        return json_response(channel.to_json(self.world.users))

    async def get_messages(self, request: web.Request) -> web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        raw_limit = request.query.get("limit", "50")
        limit = min(100, int(raw_limit) if raw_limit.isdigit() else 50)
        newest_first = list(reversed(self.world.channel_messages(channel)))[:limit]
        return json_response([m.to_json() for m in newest_first])

    async def create_message(self, request: web.Request) -> web.Response:
        world = self.world
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        body = body_of(request) or {}
        if refusal := limit_refusal(world.problem, "message", limits.message_errors(body)):
            return refusal
        if not (body.get("content") or body.get("embeds") or body.get("components")):
            return error_response(400, 50006, "Cannot send an empty message")
        if channel.type == DM:
            recipient = world.users[channel.recipient_id or 0]
            if recipient.dms_closed:
                return error_response(403, 50007, "Cannot send messages to this user")
        else:
            guild = world.guild_of(channel)
            perms = guild.permissions_in(world.bot_member(guild), channel)
            needed = Perm.SEND_MESSAGES | (Perm.EMBED_LINKS if body.get("embeds") else 0)
            if perms & needed != needed:
                return error_response(403, 50013, "Missing Permissions")
        nonce = body.get("nonce")
        if body.get("enforce_nonce") and nonce is not None:
            known = self._nonces.get((channel.id, str(nonce)))
            if known and time.time() - known[1] < NONCE_WINDOW_SECONDS:
                return json_response(world.messages[known[0]].to_json())
        message = world.store_message(channel.id, body)
        if nonce is not None:
            self._nonces[(channel.id, str(nonce))] = (message.id, time.time())
        return json_response(message.to_json())

    def _channel_message(self, request: web.Request) -> Message | web.Response:
        channel = self._channel(request)
        if isinstance(channel, web.Response):
            return channel
        message = self.world.messages.get(match_int(request, "message_id") or 0)
        if message is None or message.channel_id != channel.id or message.deleted:
            return error_response(404, 10008, "Unknown Message")
        return message

    async def get_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        return message if isinstance(message, web.Response) else json_response(message.to_json())

    async def edit_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if isinstance(message, web.Response):
            return message
        if message.author.id != self.world.bot_user.id:
            return error_response(403, 50005, "Cannot edit a message authored by another user")
        return edited(self.world, message, body_of(request) or {})

    async def delete_message(self, request: web.Request) -> web.Response:
        message = self._channel_message(request)
        if isinstance(message, web.Response):
            return message
        message.deleted = True
        return web.Response(status=204)

    async def start_thread(self, request: web.Request) -> web.Response:
        """A public thread from a message, as Discord makes one: its id is the message's, and a
        message has one thread at most."""
        world = self.world
        message = self._channel_message(request)
        if isinstance(message, web.Response):
            return message
        channel = world.channels[message.channel_id]
        if channel.guild_id is None or channel.type != 0:
            return error_response(400, 50024, "Cannot execute action on this channel type")
        body = body_of(request) or {}
        if refusal := limit_refusal(world.problem, "thread", limits.thread_errors(body)):
            return refusal
        guild = world.guild_of(channel)
        if not guild.permissions_in(world.bot_member(guild), channel) & Perm.CREATE_PUBLIC_THREADS:
            return error_response(403, 50013, "Missing Permissions")
        if message.id in world.channels:
            return error_response(400, 160004, "A thread has already been created for this message")
        thread = Channel(
            message.id,
            str(body["name"]),
            guild.id,
            type=PUBLIC_THREAD,
            parent_id=channel.id,
            owner_id=world.bot_user.id,
            auto_archive_duration=int(body.get("auto_archive_duration") or 1440),
        )
        guild.channels[thread.id] = thread
        world.channels[thread.id] = thread
        world.send_event("THREAD_CREATE", {**thread.to_json(), "newly_created": True})
        return json_response(thread.to_json())
