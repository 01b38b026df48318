"""`python -m bot` — run the bot, or the sandbox when no token is configured.

python -m bot            the bot if DISCORD_TOKEN is set, else the sandbox
python -m bot run        the bot (a missing or rejected token ends with one clear line)
python -m bot sandbox    a local Discord double, the bot, and a console to drive it
python -m bot preview [--json] [--published YYYY-MM-DD] [--url URL] SOURCE
                         read a premiere article (a .txt or .html file, a URL, or - for
                         stdin) and print its show, season, network, premiere and summary
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import logging
import os
import signal
import sys
from datetime import date
from pathlib import Path

import aiohttp
import discord

from bot.config import Settings, SettingsError

log = logging.getLogger("bot")


def setup_logging(level: str) -> None:
    discord.utils.setup_logging(level=getattr(logging, level), root=True)
    logging.getLogger("discord.http").setLevel(logging.WARNING)


class Refused(SystemExit):
    """Stop with one line for the person at the terminal, and a non-zero status."""

    def __init__(self, line: str) -> None:
        print(line, file=sys.stderr)
        super().__init__(2)


async def run(settings: Settings) -> None:
    from bot.app import PremiereBot

    if settings.discord_token is None:
        raise Refused(
            "No DISCORD_TOKEN is set. Put your bot token in .env (see .env.example), "
            "or run `python -m bot sandbox` to try the bot locally."
        )
    try:
        async with PremiereBot(settings) as bot:
            # A service manager stops us with SIGTERM: close as cleanly as on Ctrl-C.
            asyncio.get_running_loop().add_signal_handler(
                signal.SIGTERM, lambda: asyncio.create_task(bot.close())
            )
            await bot.start(settings.discord_token)
    except discord.LoginFailure:
        raise Refused(
            "Discord rejected DISCORD_TOKEN. Copy a fresh token from the Developer Portal "
            "(your application → Bot → Reset Token) into .env."
        ) from None
    except discord.PrivilegedIntentsRequired:
        raise Refused(
            "Discord refused an intent the bot asked for. Check the Privileged Gateway Intents "
            "on the Bot page of the Developer Portal."
        ) from None
    except aiohttp.ClientConnectorError as exc:
        raise Refused(
            f"Cannot reach {settings.discord_api_base} ({exc.os_error}). Check your network, "
            "or DISCORD_API_BASE if you point the bot at another server."
        ) from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot against Discord (needs DISCORD_TOKEN)")
    sandbox = commands.add_parser("sandbox", help="run the bot against a local Discord double")
    sandbox.add_argument("--script", type=Path, help="run these console lines, then exit")
    preview = commands.add_parser(
        "preview", help="read a premiere article and print what it announces"
    )
    preview.add_argument("--json", action="store_true", help="print one JSON object")
    preview.add_argument(
        "--published",
        type=_published_day,
        metavar="YYYY-MM-DD",
        help="the article's publication day, for dates without a year and relative ones",
    )
    preview.add_argument(
        "--spoiler-safe", action="store_true", help="wrap plot sentences in ||spoiler|| tags"
    )
    preview.add_argument(
        "--url",
        metavar="URL",
        help="the address a saved copy (a file or -) came from, used as a live fetch would use it",
    )
    preview.add_argument("source", metavar="SOURCE", help="a .txt or .html file, a URL, or -")
    commands.add_parser(
        "migrate", help="bring the database (DATABASE_URL, else DATABASE_PATH) up to date"
    )
    copy = commands.add_parser(
        "copy-db", help="copy every row into a new, empty PostgreSQL database, and verify it"
    )
    copy.add_argument("--to", required=True, metavar="URL", help="postgresql://… (empty)")
    copy.add_argument(
        "--from",
        dest="source",
        type=Path,
        metavar="PATH",
        help="the SQLite file to copy (default: DATABASE_PATH)",
    )
    return parser.parse_args(argv)


def _published_day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2018-03-08") from None


async def main(argv: list[str]) -> None:
    args = parse_args(argv)
    if args.command == "preview":
        # Reading an article needs no settings, token or database.
        from bot.articles.preview import run_preview

        status = await run_preview(
            args.source,
            as_json=args.json,
            published=args.published,
            spoiler_safe=args.spoiler_safe,
            url=args.url,
        )
        if status:
            raise SystemExit(status)
        return
    try:
        settings = Settings.load()
    except SettingsError as exc:
        raise Refused(str(exc)) from None
    command = args.command or ("run" if settings.discord_token else "sandbox")
    if command in ("migrate", "copy-db"):
        from bot.db.tools import copy_command, migrate_command

        setup_logging(settings.log_level)
        if command == "migrate":
            await migrate_command(settings.database)
        else:
            await copy_command(args.source or settings.database_path, args.to)
        return
    if command == "sandbox":
        from bot.sandbox.console import SANDBOX_DATABASE_PATH, run_sandbox

        if not _database_given():
            # :advance spends the countdowns a database holds: never the bot's by default.
            settings = dataclasses.replace(settings, database_path=SANDBOX_DATABASE_PATH)
        # The sandbox's clock spends countdowns: never in the bot's own PostgreSQL either.
        settings = dataclasses.replace(settings, database_url=None)
        if args.command is None:
            print(
                "No DISCORD_TOKEN set: starting the sandbox (a local Discord). Type :help for help."
            )
        setup_logging("WARNING" if settings.log_level == "INFO" else settings.log_level)
        status = await run_sandbox(settings, script=getattr(args, "script", None))
        if status:
            raise SystemExit(status)
    else:
        setup_logging(settings.log_level)
        await run(settings)


def _database_given() -> bool:
    """Whether DATABASE_PATH is set, in the environment or in .env."""
    from dotenv import dotenv_values

    env_file = Path(".env")
    in_file = dotenv_values(env_file) if env_file.is_file() else {}
    return bool((os.environ.get("DATABASE_PATH") or in_file.get("DATABASE_PATH") or "").strip())


def cli() -> None:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(sys.argv[1:]))


if __name__ == "__main__":
    cli()
