"""What can go wrong talking to TVmaze. str(error) is a sentence fit to show a member as is."""

from __future__ import annotations

UNAVAILABLE = (
    "TVmaze isn't answering right now. Try again in a few minutes, "
    "or give the premiere date yourself."
)
BUSY = (
    "TVmaze is busy and asked us to slow down. Try again in a minute, "
    "or give the premiere date yourself."
)
QUEUED = (
    "I'm busy with a lot of TVmaze lookups right now. Try again in a few seconds, "
    "or give the premiere date yourself."
)
UNREADABLE = (
    "TVmaze sent an answer we couldn't read. Try again later, or give the premiere date yourself."
)
NOT_FOUND = "TVmaze has no show with that id."


class TvmazeUnavailable(Exception):
    """TVmaze could not be asked or did not answer usefully; `detail` says why, for logs."""

    def __init__(self, message: str = UNAVAILABLE, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class TvmazeQueueFull(TvmazeUnavailable):
    """The bot's own queue of TVmaze requests was too long to wait in: TVmaze was not asked,
    and may be answering fine."""

    def __init__(self, message: str = QUEUED, *, detail: str = "") -> None:
        super().__init__(message, detail=detail)


class TvmazeNotFound(Exception):
    """TVmaze answered 404 for a show id."""

    def __init__(self, message: str = NOT_FOUND) -> None:
        super().__init__(message)
