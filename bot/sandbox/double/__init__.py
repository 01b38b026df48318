"""A Discord-compatible server for tests and the sandbox: REST, gateway, and a member's hands."""

from .config import DoubleConfig
from .gateway import guild_id_on_shard, shard_of
from .middleware import Fault
from .options import InvocationError
from .server import DiscordDouble
from .state import Channel, Guild, Interaction, Member, Message, Overwrite, Perm, Role, User

__all__ = [
    "Channel",
    "DiscordDouble",
    "DoubleConfig",
    "Fault",
    "Guild",
    "Interaction",
    "InvocationError",
    "Member",
    "Message",
    "Overwrite",
    "Perm",
    "Role",
    "User",
    "guild_id_on_shard",
    "shard_of",
]
