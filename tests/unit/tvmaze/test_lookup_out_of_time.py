"""/show add's whole TVmaze lookup has a time limit: when it runs out, the member hears whether
the bot's own queue was the hold-up (busy, try again shortly) or TVmaze itself (not answering)."""

from __future__ import annotations

import asyncio
from typing import Any, cast

import pytest

from bot.errors import InvalidInput
from bot.services import tvmaze as service_module
from bot.services.tvmaze import TvmazeService
from bot.tvmaze import TvmazeClient
from bot.tvmaze.errors import QUEUED, UNAVAILABLE


class NeverAnswers:
    """A client whose show lookup never ends, with `queued` callers waiting behind it."""

    def __init__(self, queued: int) -> None:
        self.queued = queued

    async def show(self, show_id: int) -> Any:
        await asyncio.Event().wait()


def service(client: NeverAnswers) -> TvmazeService:
    unused: Any = None  # the lookup runs out of time before anything else is touched
    return TvmazeService(
        cast(TvmazeClient, client), unused, unused, unused, unused, unused, episodes=unused
    )


@pytest.mark.parametrize(("queued", "said"), [(3, QUEUED), (0, UNAVAILABLE)])
async def test_running_out_of_time_names_what_held_the_lookup_up(
    monkeypatch: pytest.MonkeyPatch, queued: int, said: str
) -> None:
    monkeypatch.setattr(service_module, "LOOKUP_SECONDS", 0.01)

    with pytest.raises(InvalidInput) as refusal:
        await service(NeverAnswers(queued)).add(1, "tvmaze:7", added_by=2)

    assert str(refusal.value) == said
