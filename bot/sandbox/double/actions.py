"""A member's hands: what tests and the sandbox do in Discord's client, as the bot would see it.

Each action goes through the checks Discord's client makes (see `options`) and reaches the bot
as a gateway event: an INTERACTION_CREATE for commands, buttons and modals, or the scheduled
event dispatches for marking an event as Interested.
"""

from __future__ import annotations

import secrets
from typing import Any

from .gateway import Gateway, guild_of_event
from .options import (
    InvocationError,
    build_options,
    check_can_use,
    leaf_options,
    nest,
    resolve_command,
)
from .state import DEFAULT_EVERYONE, Channel, Interaction, Member, Message, Perm, User
from .world import World

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
# Interaction types.
APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
CHAT_INPUT, MESSAGE_COMMAND = 1, 3  # application command types


class MemberActions:
    """Acting as a member of a server (or as a user, in DMs)."""

    def __init__(self, world: World, gateway: Gateway) -> None:
        self.world, self.gateway = world, gateway

    async def invoke(
        self, member: Member, channel: Channel, command: str, /, **options: Any
    ) -> Interaction:
        """Send a slash command as `member`, the way Discord's client would (checks included)."""
        guild = self.world.guilds[member.guild_id]
        definition, path = resolve_command(self.world.commands_for(guild), command)
        check_can_use(guild, member, channel, definition)
        leaf = leaf_options(definition, path)
        data_options, resolved = build_options(guild, member, leaf, options, command)
        data: dict[str, Any] = {
            "id": definition["id"],
            "name": definition["name"],
            "type": CHAT_INPUT,
            "options": nest(path, data_options),
        }
        if resolved:
            data["resolved"] = resolved
        if definition.get("guild_id"):
            data["guild_id"] = definition["guild_id"]
        return await self.create_interaction(APPLICATION_COMMAND, member, channel, data)

    async def slash(
        self, member: Member, channel: Channel, command: str, /, **options: Any
    ) -> Message:
        """invoke() and wait for the reply."""
        return await self.reply(await self.invoke(member, channel, command, **options))

    def post_as(self, member: Member, channel: Channel, content: str) -> Message:
        """A member's own message in a channel (to use a message command on it)."""
        world = self.world
        message = Message(world.snowflake(), channel.id, channel.guild_id, member.user, content)
        world.messages[message.id] = message
        world.notify()
        return message

    async def invoke_on_message(self, member: Member, message: Message, name: str) -> Interaction:
        """Use a message command (right-click → Apps → name) on `message`."""
        guild = self.world.guilds[member.guild_id]
        channel = self.world.channels[message.channel_id]
        visible = self.world.commands_for(guild)
        definition = visible.get(name)
        if definition is None or definition.get("type") != MESSAGE_COMMAND:
            menus = [n for n, d in visible.items() if d.get("type") == MESSAGE_COMMAND]
            raise InvocationError(
                f"no message command {name!r} here. Message commands: {', '.join(menus) or 'none'}"
            )
        check_can_use(guild, member, channel, definition)
        data = {
            "id": definition["id"],
            "name": name,
            "type": MESSAGE_COMMAND,
            "target_id": str(message.id),
            "resolved": {"messages": {str(message.id): message.to_json()}},
        }
        return await self.create_interaction(APPLICATION_COMMAND, member, channel, data)

    async def autocomplete(
        self,
        member: Member,
        channel: Channel,
        command: str,
        /,
        focused: str,
        value: str = "",
        **options: Any,
    ) -> list[dict[str, Any]]:
        """Type into an autocomplete option; returns the choices the bot offered."""
        guild = self.world.guilds[member.guild_id]
        definition, path = resolve_command(self.world.commands_for(guild), command)
        check_can_use(guild, member, channel, definition)
        by_name = {o["name"]: o for o in leaf_options(definition, path)}
        if not by_name.get(focused, {}).get("autocomplete"):
            raise InvocationError(f"/{command} has no autocomplete option {focused!r}")
        unknown = sorted(set(options) - set(by_name))
        if unknown:
            raise InvocationError(f"/{command} has no option {', '.join(unknown)}")
        typed = [
            {"name": k, "type": by_name[k]["type"], "value": str(v)} for k, v in options.items()
        ]
        typed.append(
            {"name": focused, "type": by_name[focused]["type"], "value": value, "focused": True}
        )
        data = {
            "id": definition["id"],
            "name": definition["name"],
            "type": CHAT_INPUT,
            "options": nest(path, typed),
        }
        interaction = await self.create_interaction(AUTOCOMPLETE, member, channel, data)
        await self.world.wait_for(lambda: interaction.acknowledged)
        assert interaction.response is not None
        choices: list[dict[str, Any]] = interaction.response["data"]["choices"]
        return choices

    async def click(self, member: Member | User, message: Message, button: str) -> Interaction:
        """Press a button on a message, named by its label or its custom_id."""
        buttons = message.buttons()
        match = next((b for b in buttons if button in (b.get("label"), b.get("custom_id"))), None)
        if match is None:
            labels = ", ".join(b.get("label") or b.get("custom_id", "?") for b in buttons)
            raise InvocationError(f"no button {button!r} on that message (buttons: {labels})")
        if match.get("disabled"):
            raise InvocationError(f"the {button!r} button is disabled")
        if "custom_id" not in match:
            raise InvocationError(f"{button!r} is a link button: {match.get('url')}")
        data = {"custom_id": match["custom_id"], "component_type": 2}
        channel = self.world.channels[message.channel_id]
        return await self.create_interaction(MESSAGE_COMPONENT, member, channel, data, message)

    async def submit_modal(
        self, member: Member, interaction: Interaction, values: dict[str, str]
    ) -> Interaction:
        """Fill in and submit the modal the bot opened in answer to `interaction`."""
        if interaction.response_type != 9 or interaction.response is None:
            raise InvocationError("the bot did not open a modal for that interaction")
        modal = interaction.response["data"]
        rows = []
        for row in modal["components"]:
            inputs = [
                {
                    "type": 4,
                    "custom_id": c["custom_id"],
                    "value": values.get(c["custom_id"], c.get("value", "")),
                }
                for c in row["components"]
            ]
            rows.append({"type": 1, "components": inputs})
        data = {"custom_id": modal["custom_id"], "components": rows}
        channel = self.world.channels[interaction.channel_id]
        return await self.create_interaction(MODAL_SUBMIT, member, channel, data)

    async def reply(self, interaction: Interaction, timeout: float = 5.0) -> Message:
        """The message the bot answered with (after a defer, once it is filled in)."""

        def answered() -> Message | None:
            if interaction.original_message_id is None:
                return None
            message = self.world.messages[interaction.original_message_id]
            return None if message.loading else message

        message: Message = await self.world.wait_for(answered, timeout)
        return message

    async def mark_interested(self, member: Member, event_id: int) -> None:
        guild = self.world.guilds[member.guild_id]
        guild.scheduled_events[event_id].interested.add(member.id)
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_USER_ADD", _event_user(member, event_id))

    async def unmark_interested(self, member: Member, event_id: int) -> None:
        guild = self.world.guilds[member.guild_id]
        guild.scheduled_events[event_id].interested.discard(member.id)
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_USER_REMOVE", _event_user(member, event_id))

    async def delete_event(self, member: Member, event_id: int) -> None:
        """Delete a scheduled event in Discord's client, as a member with Manage Events."""
        guild = self.world.guilds[member.guild_id]
        if not guild.base_permissions(member) & Perm.MANAGE_EVENTS:
            raise InvocationError(f"{member.user.username} may not delete events (Manage Events)")
        event = guild.scheduled_events.pop(event_id)
        self.gateway.dispatch("GUILD_SCHEDULED_EVENT_DELETE", event.to_json())
        self.world.notify()

    async def create_interaction(
        self,
        kind: int,
        actor: Member | User,
        channel: Channel,
        data: dict[str, Any],
        message: Message | None = None,
    ) -> Interaction:
        """Record an interaction and send it to the bot as INTERACTION_CREATE, on the shard
        that holds its server (shard 0 in DMs)."""
        world = self.world
        interaction_id = world.snowflake()
        token = secrets.token_urlsafe(32)
        payload: dict[str, Any] = {
            "id": str(interaction_id),
            "application_id": str(world.application_id),
            "type": kind,
            "data": data,
            "token": token,
            "version": 1,
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "locale": "en-US",
            "entitlements": [],
            "channel_id": str(channel.id),
            "channel": channel.to_json(world.users),
        }
        guild = world.guilds.get(channel.guild_id) if channel.guild_id else None
        if guild is not None and isinstance(actor, Member):
            payload |= {
                "guild_id": str(guild.id),
                "guild_locale": "en-US",
                "member": actor.to_json()
                | {"permissions": str(guild.permissions_in(actor, channel))},
                "app_permissions": str(guild.permissions_in(world.bot_member(guild), channel)),
                "authorizing_integration_owners": {"0": str(guild.id)},
                "context": 0,
            }
        else:
            user = actor.user if isinstance(actor, Member) else actor
            payload |= {
                "user": user.to_json(),
                "app_permissions": str(int(DEFAULT_EVERYONE)),
                "authorizing_integration_owners": {"0": str(user.id)},
                "context": 1,
            }
        if message is not None:
            payload["message"] = message.to_json()
        if not self.gateway.reaches(guild_of_event(payload)):
            raise InvocationError(
                "the bot has not connected to the gateway yet"
                if not self.gateway.shards
                else "no shard of the bot that holds this server has connected"
            )
        interaction = Interaction(
            id=interaction_id,
            token=token,
            type=kind,
            guild_id=guild.id if guild else None,
            channel_id=channel.id,
            user_id=actor.id,
            payload=payload,
            source_message_id=message.id if message else None,
        )
        world.interactions[interaction_id] = interaction
        self.gateway.dispatch("INTERACTION_CREATE", payload)
        return interaction


def _event_user(member: Member, event_id: int) -> dict[str, str]:
    return {
        "guild_scheduled_event_id": str(event_id),
        "user_id": str(member.id),
        "guild_id": str(member.guild_id),
    }
