"""The calendar page in a real browser: headless Chromium (the machine's own, driven by
Playwright) opens the link /calendar link gives, as a reader in Tokyo would, and sees the
server's premieres with their times turned into Tokyo time by the page's own script (which the
page's Content-Security-Policy must let run). It saves a screenshot; the README shows one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import async_playwright

from bot.app import PremiereBot
from tests.conftest import StartBot, World
from tests.e2e.test_calendar import LINK, PUBLIC, track

ROOT = Path(__file__).parents[2]
# Set SAVE_SCREENSHOT=1 to refresh the README's picture from this test.
README_SCREENSHOT = ROOT / "docs" / "calendar-page.png"
# As root, Chromium needs --no-sandbox (Playwright adds it); the rest keep it off the network.
QUIET_CHROMIUM = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium() -> str:
    """The machine's Chromium; in CI its absence is a failure, elsewhere a skip that says why."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        reason = "no Chromium on this machine (Debian: apt install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; .ci/run installs it")
        pytest.skip(reason)
    return found


@pytest.fixture
async def cal_bot(start_bot: StartBot, at_t0: Any) -> PremiereBot:
    return await start_bot(public_url=PUBLIC, web_host="127.0.0.1", web_port=0)


async def test_a_reader_in_tokyo_sees_the_premieres_in_tokyo_time(
    world: World, cal_bot: PremiereBot, tmp_path: Path
) -> None:
    executable = chromium()
    await track(world, "Jessica Jones", "2026-12-10 21:00", season=2, network="Netflix")
    await track(world, "Severance", "2027-01-17", season=2, network="Apple TV+")
    await track(world, "Quiet Valley", "2027-01-11 02:00", season=4, network="HBO")
    answer = await world.slash(world.member, "calendar link")
    [(_, path)] = LINK.findall(answer.content)
    assert cal_bot.calendar_site is not None

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=executable, args=QUIET_CHROMIUM)
        try:
            context = await browser.new_context(
                timezone_id="Asia/Tokyo", locale="en-GB", viewport={"width": 430, "height": 720}
            )
            page = await context.new_page()
            blocked: list[str] = []
            page.on("console", lambda message: blocked.append(message.text))
            await page.goto(cal_bot.calendar_site.base_url + path)

            assert await page.title() == "Premiere Club · Premieres"
            assert await page.locator("h2").all_text_contents() == [
                "Jessica Jones · Season 2 premiere",
                "Quiet Valley · Season 4 premiere",
                "Severance · Season 2 premiere",
            ]
            local = await page.locator("time[data-local]").all_text_contents()
            # 21:00 UTC on 10 December is 06:00 on the 11th in Tokyo.
            assert "11 December 2026" in local[0] and "06:00" in local[0]
            assert "11:00" in local[1] and "UTC" not in " ".join(local)
            day_only = await page.locator("time:not([data-local])").all_text_contents()
            assert day_only == ["Sunday 17 January 2027 (time to be announced)"]
            zone = await page.locator("#zone").text_content()
            assert zone is not None and "Asia/Tokyo" in zone
            assert not [m for m in blocked if "Content Security Policy" in m]

            shot = tmp_path / "calendar-page.png"
            await page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            if os.environ.get("SAVE_SCREENSHOT"):
                README_SCREENSHOT.parent.mkdir(exist_ok=True)
                shutil.copyfile(shot, README_SCREENSHOT)
        finally:
            await browser.close()
