"""Commands and options as Discord's client handles them before anything reaches the bot:
finding the command, checking who may use it, and turning typed values into option data.

A member may name a channel, role or member by name (`general`, `#general`, `@Moderators`,
`everyone`), by mention (`<#id>`, `<@&id>`, `<@id>`) or by id, or hand over the object itself.
Whatever the client would not send is an `InvocationError` saying why, never a crash.
"""

from __future__ import annotations

import re
from typing import Any

from .state import Channel, Guild, Member, Perm, Role, permission_names

OPTION_SUBCOMMAND, OPTION_GROUP = 1, 2
NESTING = (OPTION_SUBCOMMAND, OPTION_GROUP)
OPTION_STRING, OPTION_INTEGER, OPTION_BOOLEAN = 3, 4, 5
OPTION_USER, OPTION_CHANNEL, OPTION_ROLE, OPTION_NUMBER = 6, 7, 8, 10
STRING_MAX = 6000
_MENTION = {
    OPTION_USER: re.compile(r"<@!?(\d+)>"),
    OPTION_CHANNEL: re.compile(r"<#(\d+)>"),
    OPTION_ROLE: re.compile(r"<@&(\d+)>"),
}


class InvocationError(Exception):
    """What Discord's own client would stop a member from sending (unknown command, bad option).

    `hints` say what would work instead (the names that exist, say)."""

    def __init__(self, message: str, *hints: str) -> None:
        super().__init__(message)
        self.hints = list(hints)


def resolve_command(
    visible: dict[str, dict[str, Any]], command: str
) -> tuple[dict[str, Any], list[str]]:
    """The slash command a line names ("show add" → /show's definition, ["add"])."""
    words = command.strip().lstrip("/").split()
    name, path = (words[0], words[1:]) if words else ("", [])
    definition = visible.get(name)
    if definition is None or definition.get("type", 1) != 1:
        known = ", ".join(f"/{n}" for n in sorted(visible)) or "none (not synced)"
        raise InvocationError(f"/{name} is not a command here. Commands: {known}")
    return definition, path


def leaf_options(definition: dict[str, Any], path: list[str]) -> list[dict[str, Any]]:
    """The options of the subcommand `path` leads to."""
    options: list[dict[str, Any]] = definition.get("options") or []
    walked = [definition["name"]]
    for part in path:
        sub = next((o for o in options if o["name"] == part and o["type"] in NESTING), None)
        if sub is None:
            subs = [o["name"] for o in options if o["type"] in NESTING]
            raise InvocationError(
                f"/{' '.join(walked)} has no subcommand {part!r}. Try: {', '.join(subs)}"
            )
        walked.append(part)
        options = sub.get("options") or []
    if any(o["type"] in NESTING for o in options):
        names = ", ".join(o["name"] for o in options)
        raise InvocationError(f"/{' '.join(walked)} needs a subcommand: {names}")
    return options


def nest(path: list[str], leaf: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Wrap a subcommand's options in its subcommand and group, as interaction data has them."""
    for i, part in reversed(list(enumerate(path))):
        kind = OPTION_SUBCOMMAND if i == len(path) - 1 else OPTION_GROUP
        leaf = [{"name": part, "type": kind, "options": leaf}]
    return leaf


def check_can_use(
    guild: Guild, member: Member, channel: Channel, definition: dict[str, Any]
) -> None:
    """Refuse what Discord's client hides: a DM-only command in a server, or a command the
    member lacks the permissions for (unless the server's integration settings allow them)."""
    contexts = definition.get("contexts")
    if contexts is not None and 0 not in contexts:
        raise InvocationError(f"/{definition['name']} cannot be used in servers")
    required = definition.get("default_member_permissions")
    if required is None:
        return
    allowed_ids = guild.command_overrides.get(definition["name"], set())
    if allowed_ids & {member.id, *member.role_ids}:
        return
    perms = guild.base_permissions(member)
    if perms & Perm.ADMINISTRATOR or (int(required) and perms & int(required) == int(required)):
        return
    needed = " and ".join(permission_names(int(required))) or "permissions nobody has"
    raise InvocationError(
        f"{member.user.username} cannot see /{definition['name']}: it needs {needed} "
        "(Discord hides it from them)"
    )


def build_options(
    guild: Guild,
    invoker: Member,
    declared: list[dict[str, Any]],
    given: dict[str, Any],
    command: str,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Typed values → the interaction's options and its `resolved` users, channels and roles."""
    by_name = {o["name"]: o for o in declared}
    unknown = set(given) - set(by_name)
    if unknown:
        raise InvocationError(
            f"/{command} has no option {', '.join(sorted(unknown))}. "
            f"Options: {', '.join(by_name) or 'none'}"
        )
    missing = [o["name"] for o in declared if o.get("required") and o["name"] not in given]
    if missing:
        raise InvocationError(f"/{command} needs {', '.join(missing)}")
    out: list[dict[str, Any]] = []
    resolved: dict[str, Any] = {}
    for name, value in given.items():
        option = by_name[name]
        out.append(
            {
                "name": name,
                "type": option["type"],
                "value": option_value(guild, invoker, option, value, resolved),
            }
        )
    return out, resolved


def option_value(
    guild: Guild,
    invoker: Member,
    option: dict[str, Any],
    value: Any,
    resolved: dict[str, Any],
) -> Any:
    """One option's value as Discord sends it, checked against its declared bounds."""
    kind, name = option["type"], option["name"]
    if kind == OPTION_STRING:
        value = str(value)
        check_length(name, value, option.get("min_length", 0), option.get("max_length", STRING_MAX))
    elif kind in (OPTION_INTEGER, OPTION_NUMBER):
        try:
            value = int(value) if kind == OPTION_INTEGER else float(value)
        except (TypeError, ValueError):
            what = "a whole number" if kind == OPTION_INTEGER else "a number"
            raise InvocationError(f"{name} must be {what}, not {value!r}") from None
        check_range(name, value, option.get("min_value"), option.get("max_value"))
    elif kind == OPTION_BOOLEAN:
        value = value if isinstance(value, bool) else str(value).lower() in ("true", "yes", "1")
    elif kind in (OPTION_USER, OPTION_CHANNEL, OPTION_ROLE):
        return resolve_entity(guild, invoker, kind, name, value, resolved)
    choices = option.get("choices")
    if choices and value not in [c["value"] for c in choices]:
        names = ", ".join(c["name"] for c in choices)
        raise InvocationError(f"{name} must be one of: {names}")
    return value


def check_length(name: str, value: str, low: int, high: int) -> None:
    """Discord's client refuses text outside an option's length bounds, and says the bound."""
    if len(value) > high:
        raise InvocationError(
            f"{name} must be at most {high} characters long (this one is {len(value)})"
        )
    if len(value) < low:
        unit = "character" if low == 1 else "characters"
        raise InvocationError(f"{name} must be at least {low} {unit} long")


def check_range(name: str, value: float, low: float | None, high: float | None) -> None:
    """Discord's client refuses a number outside an option's range, and says the range."""
    if (low is None or value >= low) and (high is None or value <= high):
        return
    if low is not None and high is not None:
        raise InvocationError(f"{name} must be between {low} and {high}")
    if low is not None:
        raise InvocationError(f"{name} must be at least {low}")
    raise InvocationError(f"{name} must be at most {high}")


def resolve_entity(
    guild: Guild,
    invoker: Member,
    kind: int,
    name: str,
    value: Any,
    resolved: dict[str, Any],
) -> str:
    """A member, channel or role option: its id, with what Discord resolves it to."""
    if kind == OPTION_USER:
        member = value if isinstance(value, Member) else find_member(guild, value)
        if member is None:
            raise _no_such(name, value, member_names(guild))
        resolved.setdefault("users", {})[str(member.id)] = member.user.to_json()
        data = member.to_json()
        data.pop("user")
        resolved.setdefault("members", {})[str(member.id)] = {
            **data,
            "permissions": str(guild.base_permissions(member)),
        }
        return str(member.id)
    if kind == OPTION_CHANNEL:
        channel = value if isinstance(value, Channel) else find_channel(guild, value)
        if channel is None:
            raise _no_such(name, value, channel_names(guild))
        # Discord resolves a channel with the invoking member's permissions in it.
        resolved.setdefault("channels", {})[str(channel.id)] = {
            "id": str(channel.id),
            "name": channel.name,
            "type": channel.type,
            "permissions": str(guild.permissions_in(invoker, channel)),
            "parent_id": None,
        }
        return str(channel.id)
    role = value if isinstance(value, Role) else find_role(guild, value)
    if role is None:
        raise _no_such(name, value, role_names(guild))
    resolved.setdefault("roles", {})[str(role.id)] = role.to_json()
    return str(role.id)


def _no_such(option: str, value: Any, candidates: list[str]) -> InvocationError:
    return InvocationError(
        f"{option}: there is no {value} here.", f"Try one of: {', '.join(candidates)}"
    )


def _wanted(kind: int, value: Any, sigil: str) -> tuple[int | None, str]:
    """An id named by `value` (a number or a mention) if any, and the name it would be."""
    text = str(value).strip()
    if isinstance(value, int) or text.isdigit():
        return int(text), ""
    if mention := _MENTION[kind].fullmatch(text):
        return int(mention[1]), ""
    return None, text.removeprefix(sigil).strip().casefold()


def find_member(guild: Guild, value: Any) -> Member | None:
    """A member by id, mention (<@id>), @name or bare name (names ignore case)."""
    wanted_id, name = _wanted(OPTION_USER, value, "@")
    if wanted_id is not None:
        return guild.members.get(wanted_id)
    return next((m for m in guild.members.values() if m.user.username.casefold() == name), None)


def find_channel(guild: Guild, value: Any) -> Channel | None:
    """A channel by id, mention (<#id>), #name or bare name."""
    wanted_id, name = _wanted(OPTION_CHANNEL, value, "#")
    if wanted_id is not None:
        return guild.channels.get(wanted_id)
    return next((c for c in guild.channels.values() if c.name.casefold() == name), None)


def find_role(guild: Guild, value: Any) -> Role | None:
    """A role by id, mention (<@&id>), @name or bare name; `everyone` is the @everyone role."""
    wanted_id, name = _wanted(OPTION_ROLE, value, "@")
    if wanted_id is not None:
        return guild.roles.get(wanted_id)
    return next((r for r in guild.roles.values() if r.name.lstrip("@").casefold() == name), None)


def member_names(guild: Guild) -> list[str]:
    return [f"@{m.user.username}" for m in guild.members.values()]


def channel_names(guild: Guild) -> list[str]:
    return [f"#{c.name}" for c in guild.channels.values()]


def role_names(guild: Guild) -> list[str]:
    # The everyone role is already called "@everyone": no second @ in front of it.
    return [r.name if r.name.startswith("@") else f"@{r.name}" for r in guild.roles.values()]
