"""TVmaze, the bot's source of show names, networks and next-episode dates. Knows no Discord."""

from bot.tvmaze.client import TvmazeClient, TvmazeStats
from bot.tvmaze.errors import TvmazeNotFound, TvmazeQueueFull, TvmazeUnavailable
from bot.tvmaze.models import TvEpisode, TvSeason, TvShow, parse_episode, parse_season, parse_show

__all__ = [
    "TvEpisode",
    "TvSeason",
    "TvShow",
    "TvmazeClient",
    "TvmazeNotFound",
    "TvmazeQueueFull",
    "TvmazeStats",
    "TvmazeUnavailable",
    "parse_episode",
    "parse_season",
    "parse_show",
]
