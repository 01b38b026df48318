"""The preview command line, run in this process, for the article tests."""

from __future__ import annotations

import io
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from bot.__main__ import main


@dataclass
class Ran:
    status: int
    stdout: str
    stderr: str


Preview = Callable[..., Awaitable[Ran]]


@pytest.fixture
def preview(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Preview:
    """`python -m bot preview ARGS`, in this process (the subprocess run is tested once, in
    test_jessica_jones)."""

    async def run(*args: str, stdin: str | None = None) -> Ran:
        if stdin is not None:
            raw = io.BytesIO(stdin.encode("utf-8"))
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(raw, encoding="utf-8"))
        capsys.readouterr()
        try:
            await main(["preview", *args])
            status = 0
        except SystemExit as exit:
            status = int(exit.code or 0)
        out, err = capsys.readouterr()
        return Ran(status, out, err)

    return run
