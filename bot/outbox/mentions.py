"""Who to mention, split so each message stays within Discord's limits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

CONTENT_LIMIT = 2000
USERS_PER_MESSAGE = 100  # allowed_mentions.users takes at most 100 ids


@dataclass(frozen=True, slots=True)
class MentionBatch:
    role_id: int | None
    user_ids: tuple[int, ...]

    @property
    def content(self) -> str:
        parts = [f"<@&{self.role_id}>"] if self.role_id else []
        return " ".join(parts + [f"<@{u}>" for u in self.user_ids])


def mention_batches(role_id: int | None, user_ids: Sequence[int]) -> list[MentionBatch]:
    """Split the mentions over messages: at most 2000 characters and 100 users each. There is
    always at least one batch (possibly empty): it carries the reminder itself."""
    batches: list[MentionBatch] = []
    current: list[int] = []
    length = len(f"<@&{role_id}>") if role_id else 0
    role = role_id
    for user_id in user_ids:
        piece = len(f"<@{user_id}>") + (1 if length else 0)
        if current and (length + piece > CONTENT_LIMIT or len(current) == USERS_PER_MESSAGE):
            batches.append(MentionBatch(role, tuple(current)))
            current, length, role = [], 0, None
            piece -= 1
        current.append(user_id)
        length += piece
    batches.append(MentionBatch(role, tuple(current)))
    return batches
