"""A private PostgreSQL server for tests and benchmarks, started and stopped by them.

The binaries come from the `pgserver` wheel in the test extra (PostgreSQL 16, the same on every
machine, installed by pip with nothing else to fetch); where that wheel is missing, the machine's
own `initdb` and `postgres` on PATH are used. pgserver's own Python wrapper is not: as root it
adds a system user and widens the permissions of every folder above its data directory, and it
listens on a socket with a fixed one-second poll. Here the cluster is made once per session in a
fresh temporary folder with durability switched off (it is thrown away), and the server listens
on 127.0.0.1 only, on a free port.

PostgreSQL refuses to run as root. Started by root (as CI is), the server runs as `nobody`, with
the binaries linked or copied into the temporary folder so that `nobody` can reach them wherever
the virtual environment lives.

    with PostgresServer() as server:
        url = asyncio.run(server.fresh_database())
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

SUPERUSER = "postgres"
UNPRIVILEGED_USER = "nobody"
# Durability buys nothing for a cluster deleted at the end of the run, and costs time.
FAST_SETTINGS = {
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "timezone": "UTC",
}
START_TIMEOUT = 30.0
STOP_TIMEOUT = 30.0
# A free port found by binding to 0 can be taken by someone else before the server binds it.
PORT_ATTEMPTS = 5
PR_SET_PDEATHSIG = 1


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server could be started here; the message says why."""


def in_ci() -> bool:
    """CI sets CI=true: there a server that cannot start is a failure, never a skip."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@dataclass(frozen=True)
class Installation:
    bin_dir: Path
    origin: str
    # pgserver's tree finds its lib/ and share/ relative to bin/, so it may be moved as a whole.
    relocatable: bool


def find_installation() -> Installation:
    spec = importlib.util.find_spec("pgserver")
    locations = (spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        bin_dir = Path(location) / "pginstall" / "bin"
        if (bin_dir / "initdb").is_file() and (bin_dir / "postgres").is_file():
            return Installation(bin_dir, "the pgserver package", relocatable=True)
    initdb = shutil.which("initdb")
    if initdb:
        bin_dir = Path(initdb).resolve().parent
        if (bin_dir / "postgres").is_file():
            return Installation(bin_dir, f"the machine's own ({bin_dir})", relocatable=False)
    raise PostgresUnavailable(
        "no PostgreSQL binaries: install the test extra (pip install -e '.[test]' brings the "
        "pgserver package) or put initdb and postgres on PATH"
    )


@dataclass(frozen=True)
class RunAs:
    """The account the server runs under; None fields mean "as this process"."""

    uid: int | None = None
    gid: int | None = None

    @classmethod
    def for_this_process(cls) -> RunAs:
        if os.geteuid() != 0:
            return cls()
        try:
            account = pwd.getpwnam(UNPRIVILEGED_USER)
        except KeyError:
            raise PostgresUnavailable(
                f"PostgreSQL refuses to run as root and there is no '{UNPRIVILEGED_USER}' user "
                "to run it as"
            ) from None
        return cls(account.pw_uid, account.pw_gid)

    @property
    def switches(self) -> bool:
        return self.uid is not None

    def popen_arguments(self) -> dict[str, Any]:
        if self.uid is None:
            return {}
        # Without extra_groups=[] the child would keep root's supplementary groups.
        return {"user": self.uid, "group": self.gid, "extra_groups": []}


def link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system, or links not allowed there
        shutil.copy2(source, destination)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def die_with_this_process() -> Callable[[], None] | None:
    """A pre-exec hook asking Linux to stop the server if the test process dies without
    cleaning up (killed by a timeout). The signal follows the thread that started the child,
    so it is only used from the main thread, which lives as long as the process."""
    if sys.platform != "linux" or threading.current_thread() is not threading.main_thread():
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None

    def ask() -> None:
        # SIGQUIT: immediate shutdown, the postmaster takes its children with it.
        prctl(PR_SET_PDEATHSIG, int(signal.SIGQUIT))

    return ask


def start_or_explain(server: PostgresServer) -> None:
    """Start the server for a test session. If it cannot start, the reason becomes a failure
    in CI (never a silent skip there) and a skip on a developer's machine."""
    import pytest  # only the test session needs it; benchmarks use PostgresServer directly

    try:
        server.start()
    except PostgresUnavailable as reason:
        message = f"PostgreSQL could not be started: {reason}"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def tail(text: str, lines: int = 20) -> str:
    return "\n".join(text.strip().splitlines()[-lines:])


class PostgresServer:
    """One private PostgreSQL cluster and server; a context manager (sync)."""

    def __init__(self) -> None:
        self.installation: Installation | None = None
        self.run_as = RunAs()
        self.folder: Path | None = None
        self.process: subprocess.Popen[bytes] | None = None
        self.port: int | None = None
        self.version = ""

    # -- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Make the cluster and start the server; PostgresUnavailable says why it could not."""
        if self.process is not None:
            return
        try:
            self.installation = find_installation()
            self.run_as = RunAs.for_this_process()
            self.folder = Path(tempfile.mkdtemp(prefix="premiere-postgres-"))
            atexit.register(self.stop)
            if self.run_as.switches:
                os.chown(self.folder, self.run_as.uid or 0, self.run_as.gid or 0)
            bin_dir = self.reachable_bin_dir()
            self.make_cluster(bin_dir)
            self.start_server(bin_dir)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete everything it wrote. Safe to repeat."""
        atexit.unregister(self.stop)
        process, self.process = self.process, None
        if process is not None:
            stop_process(process)
        folder, self.folder = self.folder, None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        self.port = None

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # -- steps ---------------------------------------------------------------------------

    def reachable_bin_dir(self) -> Path:
        assert self.installation is not None and self.folder is not None
        installation = self.installation
        if not (self.run_as.switches and installation.relocatable):
            return installation.bin_dir
        # The unprivileged user may not be able to reach the virtual environment (a clone under
        # /root is private), so the tree it needs goes into the folder it owns. Hard links cost
        # nothing on the same file system; elsewhere the copy is about 27 MB. The layout is kept:
        # the binaries find libpq through a path relative to themselves, in pgserver.libs.
        package = installation.bin_dir.parents[1]  # .../site-packages/pgserver
        target = self.folder / "binaries"
        parts = [package / "pginstall" / part for part in ("bin", "lib", "share")]
        parts.append(package.parent / f"{package.name}.libs")
        for part in parts:
            if part.is_dir():
                shutil.copytree(
                    part,
                    target / part.relative_to(package.parent),
                    symlinks=True,
                    copy_function=link_or_copy,
                )
        return target / package.name / "pginstall" / "bin"

    def make_cluster(self, bin_dir: Path) -> None:
        assert self.folder is not None and self.installation is not None
        command = [
            str(bin_dir / "initdb"),
            "--pgdata",
            str(self.folder / "data"),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C",
            "--no-sync",
        ]
        try:
            made = subprocess.run(
                command,
                capture_output=True,
                text=True,
                cwd=self.folder,
                env=child_environment(),
                timeout=120,
                check=False,
                **self.run_as.popen_arguments(),
            )
        except (OSError, subprocess.SubprocessError) as error:
            raise PostgresUnavailable(
                f"initdb from {self.installation.origin} could not run: {error}"
            ) from error
        if made.returncode != 0:
            raise PostgresUnavailable(
                f"initdb from {self.installation.origin} failed (exit {made.returncode}):\n"
                + tail(made.stderr or made.stdout)
            )

    def start_server(self, bin_dir: Path) -> None:
        assert self.folder is not None and self.installation is not None
        log_path = self.folder / "server.log"
        for _ in range(PORT_ATTEMPTS):
            port = free_port()
            command = [str(bin_dir / "postgres"), "-D", str(self.folder / "data")]
            command += ["-h", "127.0.0.1", "-p", str(port), "-k", ""]  # "-k ''": no unix socket
            for name, value in FAST_SETTINGS.items():
                command += ["-c", f"{name}={value}"]
            with log_path.open("wb") as log:  # each attempt judged by its own log
                try:
                    process = subprocess.Popen(
                        command,
                        stdin=subprocess.DEVNULL,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        cwd=self.folder,
                        env=child_environment(),
                        # Ctrl-C in the terminal reaches pytest, which then stops the server.
                        start_new_session=True,
                        preexec_fn=die_with_this_process(),
                        **self.run_as.popen_arguments(),
                    )
                except OSError as error:
                    raise PostgresUnavailable(
                        f"postgres from {self.installation.origin} could not run: {error}"
                    ) from error
            self.process = process
            if self.wait_until_ready(process):
                self.port = port
                self.version = self.read_version(bin_dir)
                return
            self.process = None
            log_text = log_path.read_text(errors="replace")
            if "could not bind" not in log_text and "already in use" not in log_text:
                break
        raise PostgresUnavailable(
            f"postgres from {self.installation.origin} did not start:\n"
            + tail(log_path.read_text(errors="replace"))
        )

    def wait_until_ready(self, process: subprocess.Popen[bytes]) -> bool:
        """True once the server accepts connections; False if it exits first or takes too
        long. The eighth line of postmaster.pid reads "ready" once it accepts connections."""
        assert self.folder is not None
        pid_file = self.folder / "data" / "postmaster.pid"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False
            with contextlib.suppress(OSError):
                lines = pid_file.read_text().splitlines()
                if len(lines) >= 8 and lines[7].strip() == "ready":
                    return True
            time.sleep(0.01)
        stop_process(process)
        return False

    def read_version(self, bin_dir: Path) -> str:
        shown = subprocess.run(
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            env=child_environment(),
            timeout=30,
            check=False,
            **self.run_as.popen_arguments(),
        )
        return str(shown.stdout).strip()

    # -- databases -----------------------------------------------------------------------

    def url(self, database: str = "postgres") -> str:
        if self.port is None:
            raise RuntimeError("the PostgreSQL server is not running")
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    async def fresh_database(self) -> str:
        """Create a new, empty database and return its URL. template0 holds nothing a
        test could have left behind; copying it takes a few tens of milliseconds."""
        import asyncpg  # the bot's own dependency; imported here so the module loads without it

        name = f"test_{uuid.uuid4().hex[:16]}"
        admin = await asyncpg.connect(self.url())
        try:
            # Identifiers cannot be query parameters; the name is made above, never read in.
            await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        finally:
            await admin.close()
        return self.url(name)

    async def drop_database(self, url: str) -> None:
        """Drop a database made by fresh_database, closing any connection still open to it."""
        import asyncpg

        name = url.rsplit("/", 1)[-1]
        if not name.startswith("test_") or not name.removeprefix("test_").isalnum():
            raise ValueError(f"not a database made by fresh_database: {url}")
        admin = await asyncpg.connect(self.url())
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()


def child_environment() -> dict[str, str]:
    # Nothing from the caller's PG* variables or locale may change what the cluster becomes.
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LC_ALL": "C", "TZ": "UTC"}


def stop_process(process: subprocess.Popen[bytes]) -> None:
    """Fast shutdown (SIGINT): clients are disconnected and the server exits with its children;
    if it does not, immediate shutdown (SIGQUIT), then SIGKILL."""
    for stop_signal in (signal.SIGINT, signal.SIGQUIT, signal.SIGKILL):
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(stop_signal)
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            continue
        return
