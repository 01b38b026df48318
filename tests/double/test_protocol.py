"""The double as discord.py sees it: gateway, interactions, permissions and rate limits."""

from __future__ import annotations

import asyncio
import math

import discord
import pytest

from bot.sandbox.double import DiscordDouble, InvocationError, Perm
from bot.sandbox.double.options import check_can_use


async def test_login_identify_ready_and_heartbeat(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild("Alpha")
    client = await tiny()

    assert client.user.id == double.bot_user.id
    assert [g.id for g in client.guilds] == [guild.id]
    assert double.gateway.identifies == 1
    assert double.gateway.heartbeats >= 1
    assert math.isfinite(client.latency)  # a HEARTBEAT_ACK came back (infinite until then)


async def test_gateway_frames_are_zlib_stream_compressed(double: DiscordDouble, tiny) -> None:
    double.add_guild()
    await tiny()
    assert double.gateway.active.connection.compressor is not None


async def test_resume_replays_what_was_missed(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    client = await tiny()

    await double.drop_connection()
    # Sent while the bot is away: Discord keeps it for the session and replays it on RESUME.
    interaction = await double.invoke(member, channel, "hello")
    reply = await double.reply(interaction, timeout=10)

    assert reply.content == "hello"
    assert double.gateway.resumes == 1
    assert double.gateway.identifies == 1
    await double.wait_for(lambda: ("resumed", None) in client.events)


@pytest.mark.double_config(privileged_intents={"GUILD_MEMBERS"})
async def test_member_chunking_answers_request_guild_members(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    for n in range(5):
        double.add_member(guild, f"member {n}")
    intents = discord.Intents.none()
    intents.members = True

    client = await tiny(intents=intents)

    assert client.get_guild(guild.id).chunked
    assert len(client.get_guild(guild.id).members) == 7  # owner, bot and five members


async def test_an_unapproved_privileged_intent_is_refused_with_4014(
    double: DiscordDouble, tiny
) -> None:
    intents = discord.Intents.none()
    intents.message_content = True
    with pytest.raises(discord.PrivilegedIntentsRequired):
        await tiny(intents=intents)


async def test_a_second_acknowledgement_is_refused_with_40060(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    await tiny()

    # discord.py itself refuses the second response; a raw second callback would get 40060.
    interaction = await double.invoke(member, channel, "twice")
    await double.wait_for(lambda: interaction.followup_ids)
    assert double.messages[interaction.followup_ids[0]].content == "followup is fine"

    import aiohttp

    async with aiohttp.ClientSession() as session:
        url = f"{double.api_base}/interactions/{interaction.id}/{interaction.token}/callback"
        async with session.post(url, json={"type": 4, "data": {"content": "again"}}) as response:
            assert response.status == 400
            assert (await response.json())["code"] == 40060
    assert any("acknowledged twice" in p for p in double.problems)
    double.problems.clear()


@pytest.mark.double_config(response_deadline=0.05)
async def test_an_answer_after_three_seconds_is_refused(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    client = await tiny()
    errors: list[Exception] = []

    @client.tree.command(description="Too slow")
    async def slow(interaction: discord.Interaction) -> None:
        await asyncio.sleep(0.2)
        try:
            await interaction.response.send_message("late")
        except discord.NotFound as exc:
            errors.append(exc)

    await client.tree.sync()
    await double.invoke(member, double.channel_named(guild, "general"), "slow")

    await double.wait_for(lambda: errors, timeout=5)
    assert errors[0].code == 10062
    assert any("answered after" in p for p in double.problems)
    double.problems.clear()


async def test_default_member_permissions_hide_a_command_unless_overridden(
    double: DiscordDouble, tiny
) -> None:
    guild = double.add_guild()
    mods = double.add_role(guild, "Mods", Perm.MANAGE_GUILD)
    admin = double.add_member(guild, "admin", roles=[mods])
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    client = await tiny()

    @client.tree.command(description="Managers only")
    @discord.app_commands.default_permissions(manage_guild=True)
    async def manage(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("managed")

    await client.tree.sync()

    assert (await double.slash(admin, channel, "manage")).content == "managed"
    with pytest.raises(InvocationError, match="cannot see /manage"):
        await double.invoke(member, channel, "manage")
    guild.command_overrides["manage"] = {member.id}
    assert (await double.slash(member, channel, "manage")).content == "managed"


async def test_guild_only_commands_cannot_be_used_in_dms(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    client = await tiny()

    @client.tree.command(description="Servers only")
    @discord.app_commands.guild_only()
    async def here(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("ok")

    await client.tree.sync()
    with pytest.raises(InvocationError, match="cannot be used in servers"):
        # Reuse the resolver directly: a DM context means contexts must include 1.
        check_can_use(
            guild,
            member,
            double.channel_named(guild, "general"),
            {**double.global_commands["here"], "contexts": [1]},
        )
    assert double.global_commands["here"]["contexts"] == [0]


async def test_unknown_commands_and_options_are_refused_like_the_client(
    double: DiscordDouble, tiny
) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    await tiny()

    with pytest.raises(InvocationError, match="not a command"):
        await double.invoke(member, channel, "helo")
    with pytest.raises(InvocationError, match="has no option"):
        await double.invoke(member, channel, "hello", loudly=True)


async def test_more_than_25_autocomplete_choices_are_refused(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    client = await tiny()

    @client.tree.command(description="Pick")
    async def pick(interaction: discord.Interaction, thing: str) -> None:
        await interaction.response.send_message(thing)

    @pick.autocomplete("thing")
    async def things(interaction: discord.Interaction, current: str):  # type: ignore[no-untyped-def]
        return [discord.app_commands.Choice(name=str(n), value=str(n)) for n in range(30)]

    await client.tree.sync()
    with pytest.raises(TimeoutError):
        await double.autocomplete(member, channel, "pick", focused="thing", value="")
    assert any("choices" in p for p in double.problems), double.problems
    double.problems.clear()


async def test_discord_py_paces_itself_on_the_headers_without_429s(
    double: DiscordDouble, tiny
) -> None:
    guild = double.add_guild()
    double.ratelimits.routes["POST /channels/{channel_id}/messages"] = (2, 0.5)
    client = await tiny()
    channel = client.get_channel(double.channel_named(guild, "general").id)

    for n in range(5):
        await channel.send(f"message {n}")

    # Five sends over a limit of two per window: without pacing, the third would be a 429.
    assert len(double.requests_to("POST", "/channels/{channel_id}/messages")) == 5
    assert double.rate_limited == 0


async def test_a_429_with_via_is_retried_by_discord_py(double: DiscordDouble, tiny) -> None:
    guild = double.add_guild()
    client = await tiny()
    channel = client.get_channel(double.channel_named(guild, "general").id)
    double.inject_fault("POST", "/channels/{channel_id}/messages", status=429, retry_after=0.2)

    message = await channel.send("after the storm")

    assert message.content == "after the storm"
    assert double.rate_limited == 1


async def test_a_5xx_is_retried_and_a_dm_to_closed_dms_is_forbidden(
    double: DiscordDouble, tiny
) -> None:
    guild = double.add_guild()
    closed = double.add_member(guild, "private", dms_closed=True)
    client = await tiny()
    double.inject_fault("POST", "/channels/{channel_id}/messages", status=502)
    channel = client.get_channel(double.channel_named(guild, "general").id)

    assert (await channel.send("retried")).content == "retried"
    user = await client.fetch_user(closed.id)
    with pytest.raises(discord.Forbidden) as refused:
        await user.send("hello?")
    assert refused.value.code == 50007


async def test_the_first_followup_after_a_defer_fills_the_thinking_message(
    double: DiscordDouble, tiny
) -> None:
    guild = double.add_guild()
    member = double.add_member(guild, "alex")
    channel = double.channel_named(guild, "general")
    await tiny()

    interaction = await double.invoke(member, channel, "ponder")
    answer = await double.reply(interaction)
    await double.wait_for(lambda: interaction.followup_ids)

    # As in Discord: the first followup becomes the (private) answer; only later ones are new.
    assert answer.content == "first" and answer.ephemeral
    [second] = [double.messages[i] for i in interaction.followup_ids]
    assert second.content == "second" and not second.ephemeral
