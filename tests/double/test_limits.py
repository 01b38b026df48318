"""The double refuses what Discord refuses, and says so in Discord's words."""

from __future__ import annotations

import pytest

from bot.sandbox.double import DiscordDouble, DoubleConfig, Perm
from tests.double.conftest import Raw


@pytest.fixture
async def double():
    """The double's own limit layer, with the OpenAPI check off (test_spec.py covers that)."""
    fake = DiscordDouble(DoubleConfig(spec_path=None))
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def channel_path(double: DiscordDouble) -> str:
    guild = double.add_guild()
    return f"/channels/{double.channel_named(guild, 'general').id}/messages"


async def test_responses_are_exactly_application_json(raw: Raw) -> None:
    status, _, response = await raw.call("GET", "/users/@me")
    assert status == 200
    assert response.headers["Content-Type"] == "application/json"


async def test_requests_without_the_bot_token_are_unauthorised(raw: Raw) -> None:
    status, body, _ = await raw.call("GET", "/users/@me", auth=False)
    assert status == 401
    assert body["message"] == "401: Unauthorized"


async def test_an_unserved_route_fails_loudly(raw: Raw, double: DiscordDouble) -> None:
    status, _, _ = await raw.call("GET", "/guilds/1/audit-logs")
    assert status == 404
    assert double.problems == ["unserved route GET /api/v10/guilds/1/audit-logs"]
    double.problems.clear()


def _embed(**overrides: object) -> dict[str, object]:
    return {"title": "t", "description": "d", **overrides}


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ({"content": "x" * 2001}, "content: 2001 characters"),
        ({"embeds": [_embed(title="x" * 257)]}, "title: 257"),
        ({"embeds": [_embed(description="x" * 4097)]}, "description: 4097"),
        ({"embeds": [_embed(fields=[{"name": "n", "value": "v"}] * 26)]}, "26 fields"),
        ({"embeds": [_embed(fields=[{"name": "n", "value": "v" * 1025}])]}, "value: 1025"),
        (
            {"embeds": [_embed(description="x" * 4000), _embed(description="x" * 2000)]},
            "characters in all",
        ),
        ({"embeds": [_embed()] * 11}, "11 embeds"),
        (
            {
                "content": "x",
                "components": [
                    {
                        "type": 1,
                        "components": [{"type": 2, "style": 1, "label": "b", "custom_id": f"b{i}"}],
                    }
                    for i in range(6)
                ],
            },
            "6 action rows",
        ),
    ],
)
async def test_message_limits(
    raw: Raw, double: DiscordDouble, channel_path: str, body: dict[str, object], complaint: str
) -> None:
    status, answer, _ = await raw.call("POST", channel_path, body)

    assert status == 400
    assert answer["code"] == 50035
    assert any(complaint in p for p in double.problems), double.problems
    assert not double.channel_messages(next(iter(double.channels.values())))
    double.problems.clear()


async def test_a_message_at_every_limit_is_accepted(raw: Raw, channel_path: str) -> None:
    fields = [{"name": "n", "value": "v" * 50} for _ in range(25)]
    body = {
        "content": "x" * 2000,
        "embeds": [_embed(title="x" * 256, description="x" * 3000, fields=fields)],
    }
    status, answer, _ = await raw.call("POST", channel_path, body)
    assert status == 200, answer


async def test_channel_messages_are_rate_limited_per_channel(
    raw: Raw, double: DiscordDouble, channel_path: str
) -> None:
    statuses = []
    for _ in range(6):
        status, body, response = await raw.call("POST", channel_path, {"content": "hi"})
        statuses.append(status)
    assert statuses == [200] * 5 + [429]
    assert response.headers["Via"]
    assert body["retry_after"] > 0
    assert body["global"] is False
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert float(response.headers["X-RateLimit-Reset-After"]) > 0

    other = double.add_channel(next(iter(double.guilds.values())), "other")
    status, _, _ = await raw.call("POST", f"/channels/{other.id}/messages", {"content": "hi"})
    assert status == 200  # a different channel has its own bucket


async def test_the_global_limit_applies_across_routes(raw: Raw, double: DiscordDouble) -> None:
    double.ratelimits.global_limit = (10, 60.0)
    statuses = [(await raw.call("GET", "/users/@me"))[0] for _ in range(11)]
    assert statuses[-1] == 429
    assert statuses.count(200) == 10


async def test_nonce_is_deduplicated_when_enforced(
    raw: Raw, double: DiscordDouble, channel_path: str
) -> None:
    body = {"content": "once", "nonce": "reminder-42", "enforce_nonce": True}
    _, first, _ = await raw.call("POST", channel_path, body)
    _, second, _ = await raw.call("POST", channel_path, body)
    _, third, _ = await raw.call("POST", channel_path, {**body, "enforce_nonce": False})

    assert first["id"] == second["id"] != third["id"]


async def test_dm_to_a_member_with_closed_dms_is_refused_with_50007(
    raw: Raw, double: DiscordDouble
) -> None:
    closed = double.add_user("private person", dms_closed=True)
    _, channel, _ = await raw.call("POST", "/users/@me/channels", {"recipient_id": str(closed.id)})
    status, body, _ = await raw.call(
        "POST", f"/channels/{channel['id']}/messages", {"content": "hi"}
    )
    assert status == 403
    assert body["code"] == 50007


async def test_scheduled_events_need_manage_events(raw: Raw, double: DiscordDouble) -> None:
    allowed = double.add_guild("Events OK")
    refused = double.add_guild("No Events", bot_permissions=0)
    event = {
        "name": "Premiere",
        "entity_type": 3,
        "privacy_level": 2,
        "scheduled_start_time": "2027-03-08T08:00:00+00:00",
        "scheduled_end_time": "2027-03-08T09:00:00+00:00",
        "entity_metadata": {"location": "Netflix"},
    }

    status, created, _ = await raw.call("POST", f"/guilds/{allowed.id}/scheduled-events", event)
    denied, _, _ = await raw.call("POST", f"/guilds/{refused.id}/scheduled-events", event)
    path = f"/guilds/{allowed.id}/scheduled-events/{created['id']}"
    _, edited, _ = await raw.call("PATCH", path, {"name": "Premiere moved"})
    removed, _, _ = await raw.call("DELETE", path)

    assert status == 200
    assert denied == 403
    assert edited["name"] == "Premiere moved"
    assert removed == 204
    assert not allowed.scheduled_events


async def test_an_external_event_without_a_location_is_refused(
    raw: Raw, double: DiscordDouble
) -> None:
    guild = double.add_guild()
    status, _, _ = await raw.call(
        "POST",
        f"/guilds/{guild.id}/scheduled-events",
        {
            "name": "Premiere",
            "entity_type": 3,
            "privacy_level": 2,
            "scheduled_start_time": "2027-03-08T08:00:00+00:00",
        },
    )
    assert status == 400
    double.problems.clear()


async def test_injected_faults_fire_the_given_number_of_times(
    raw: Raw, double: DiscordDouble, channel_path: str
) -> None:
    double.inject_fault("POST", "/channels/{channel_id}/messages", status=502, times=2)
    statuses = [(await raw.call("POST", channel_path, {"content": "x"}))[0] for _ in range(3)]
    assert statuses == [502, 502, 200]


async def test_accept_then_fail_stores_the_message_but_answers_500(
    raw: Raw, double: DiscordDouble, channel_path: str
) -> None:
    double.inject_fault("POST", "/channels/{channel_id}/messages", status=500, after_commit=True)
    status, _, _ = await raw.call("POST", channel_path, {"content": "x"})
    assert status == 500
    assert [m.content for m in double.messages.values()] == ["x"]


async def test_command_sync_refuses_invalid_definitions(raw: Raw, double: DiscordDouble) -> None:
    path = f"/applications/{double.application_id}/commands"
    bad = [
        {"name": "Bad Name", "description": "x", "type": 1},
        {"name": "ok", "description": "", "type": 1},
    ]
    status, _, _ = await raw.call("PUT", path, bad)
    assert status == 400
    assert not double.global_commands
    double.problems.clear()


async def test_threads_follow_discords_rules(raw: Raw, double: DiscordDouble) -> None:
    guild = double.add_guild()
    general = double.channel_named(guild, "general")
    _, message, _ = await raw.call(
        "POST", f"/channels/{general.id}/messages", {"content": "Premiering now"}
    )
    threads = f"/channels/{general.id}/messages/{message['id']}/threads"

    status, body, _ = await raw.call("POST", threads, {"name": "x" * 101})
    assert (status, body["code"]) == (400, 50035)
    assert "name: 101 characters" in str(body["errors"])
    status, body, _ = await raw.call("POST", threads, {"name": "ok", "auto_archive_duration": 5})
    assert (status, body["code"]) == (400, 50035)
    double.problems.clear()

    status, thread, _ = await raw.call(
        "POST", threads, {"name": "Severance S2 · premiere discussion", "auto_archive_duration": 60}
    )
    assert status == 200 and thread["id"] == message["id"] and thread["type"] == 11
    assert thread["parent_id"] == str(general.id)
    assert thread["thread_metadata"]["auto_archive_duration"] == 60
    status, body, _ = await raw.call("POST", threads, {"name": "again"})
    assert (status, body["code"]) == (400, 160004)  # one thread per message


async def test_a_thread_needs_create_public_threads(raw: Raw, double: DiscordDouble) -> None:
    guild = double.add_guild()
    general = double.channel_named(guild, "general")
    double.deny_bot(general, Perm.CREATE_PUBLIC_THREADS)  # @everyone has it by default
    _, message, _ = await raw.call("POST", f"/channels/{general.id}/messages", {"content": "x"})
    status, body, _ = await raw.call(
        "POST", f"/channels/{general.id}/messages/{message['id']}/threads", {"name": "talk"}
    )
    assert (status, body["code"]) == (403, 50013)
    assert double.thread_of(double.messages[int(message["id"])]) is None
