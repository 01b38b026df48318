"""mention_batches: a reminder's mentions split over messages within Discord's limits."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from bot.outbox.mentions import CONTENT_LIMIT, USERS_PER_MESSAGE, MentionBatch, mention_batches

SNOWFLAKE = st.integers(10**16, 2**63 - 1)  # Discord ids: 17 to 19 digits


def test_nobody_to_mention_still_gives_the_one_message_with_the_role() -> None:
    assert mention_batches(42, []) == [MentionBatch(42, ())]
    assert mention_batches(None, []) == [MentionBatch(None, ())]


def test_a_few_fans_fit_one_message_after_the_role() -> None:
    [batch] = mention_batches(42, [1, 2])
    assert batch.content == "<@&42> <@1> <@2>"


def test_short_ids_are_capped_at_100_users_a_message() -> None:
    fans = list(range(1000, 1150))

    first, second = mention_batches(7, fans)

    assert (first.role_id, second.role_id) == (7, None)
    assert first.user_ids + second.user_ids == tuple(fans)
    assert len(first.user_ids) == USERS_PER_MESSAGE


def test_long_ids_are_capped_by_the_2000_characters() -> None:
    fans = list(range(10**18, 10**18 + 150))  # "<@" + 19 digits + ">": 22 characters

    first, second = mention_batches(None, fans)

    assert len(first.user_ids) == 87  # 87 mentions and 86 spaces: exactly 2,000 characters
    assert len(first.content) == CONTENT_LIMIT
    assert first.user_ids + second.user_ids == tuple(fans)


@given(role=st.none() | SNOWFLAKE, users=st.lists(SNOWFLAKE, max_size=400, unique=True))
def test_everyone_is_mentioned_once_in_order_within_the_limits(
    role: int | None, users: list[int]
) -> None:
    batches = mention_batches(role, users)

    assert batches  # the first message carries the reminder itself
    assert [u for batch in batches for u in batch.user_ids] == users
    assert batches[0].role_id == role
    assert all(batch.role_id is None for batch in batches[1:])
    for batch in batches:
        assert len(batch.user_ids) <= USERS_PER_MESSAGE
        assert len(batch.content) <= CONTENT_LIMIT
    assert all(batch.user_ids for batch in batches[1:])  # no empty follow-up message
    for batch, following in pairwise(batches):
        # A message is only closed when the next mention would not have fitted in it.
        fuller = MentionBatch(batch.role_id, (*batch.user_ids, following.user_ids[0]))
        assert len(fuller.user_ids) > USERS_PER_MESSAGE or len(fuller.content) > CONTENT_LIMIT
