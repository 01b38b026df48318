"""The layout's promises, read from the code itself: no two packages of the core import each
other, only bot/db speaks SQL, and discord.py is used through its public names alone, with one
documented seam."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).parents[2]
CORE = ROOT / "bot"
# Where discord.py's endpoints are aimed: it has no public setting for them (see its docstring).
DISCORD_SEAM = CORE / "app.py"
# The project writes SQL keywords in capitals; prose that says "select" or "update" is not SQL.
SQL = re.compile(
    r"\b(SELECT\b.+\bFROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE|PRAGMA \w+)\b",
    re.DOTALL,
)


def python_files(*folders: Path) -> list[Path]:
    return sorted(path for folder in folders for path in folder.rglob("*.py"))


def package_of(path: Path) -> str:
    """bot/db/shows.py -> "db"; bot/app.py -> "app"."""
    return path.relative_to(CORE).parts[0].removesuffix(".py")


def imported_modules(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def package_imports() -> dict[str, dict[str, set[str]]]:
    """package -> the core packages it imports -> the files that do."""
    edges: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in python_files(CORE):
        source = package_of(path)
        for module in imported_modules(ast.parse(path.read_text())):
            parts = module.split(".")
            if parts[0] == "bot" and len(parts) > 1 and parts[1] != source:
                edges[source][parts[1]].add(str(path.relative_to(ROOT)))
    return edges


def test_no_two_core_packages_import_each_other() -> None:
    edges = package_imports()
    both_ways = sorted(
        (a, b, sorted(edges[a][b] | edges[b][a]))
        for a in edges
        for b in edges[a]
        if a < b and a in edges.get(b, {})
    )
    assert both_ways == []


def test_the_check_sees_a_circle_when_there_is_one() -> None:
    # The walk above must find imports inside functions and TYPE_CHECKING blocks too.
    tree = ast.parse(
        "def f():\n    from bot.db.shows import X\nif 0:\n    import bot.render.text\n"
    )
    assert imported_modules(tree) == ["bot.db.shows", "bot.render.text"]


def string_constants(tree: ast.AST) -> list[tuple[int, str]]:
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_only_the_db_package_speaks_sql() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in python_files(CORE, ROOT / "cogs")
        if not path.is_relative_to(CORE / "db")
        for line, text in string_constants(ast.parse(path.read_text()))
        if SQL.search(text)
    ]
    assert offenders == []


def test_the_sql_check_knows_sql_when_it_sees_it() -> None:
    assert SQL.search("SELECT id FROM shows WHERE guild_id = ?")
    assert SQL.search("  INSERT INTO articles (id) VALUES (?)")
    assert SQL.search("UPDATE deliveries SET status = ?")
    assert SQL.search("SELECT count(*)\n  FROM reminders")
    assert not SQL.search("Select a show from the list")
    assert not SQL.search("Update the premiere date")


def private_discord_names(tree: ast.AST) -> list[tuple[int, str]]:
    """Attributes starting with one underscore (not dunders), reached from anything, and names
    imported from discord that start with one."""
    found = [
        (node.lineno, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("discord"):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("_")]
    return found


def test_discord_pys_http_client_is_used_nowhere_but_the_one_seam() -> None:
    """`client.http` is discord.py's undocumented request layer: the bot uses its public models
    (guild.create_scheduled_event, event.edit, channel.send) instead."""
    offenders = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in python_files(CORE, ROOT / "cogs")
        if path != DISCORD_SEAM and not path.is_relative_to(CORE / "sandbox")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "http"
    ]
    assert offenders == []


def test_discord_internals_are_used_nowhere_but_the_one_seam() -> None:
    """A private attribute is fine on our own objects (self._x); on a discord.py object it is
    not. The check is lexical: any `._name` reached from something that isn't `self` or `cls`,
    in a module that imports discord."""
    offenders = []
    for path in python_files(CORE, ROOT / "cogs"):
        if path == DISCORD_SEAM or path.is_relative_to(CORE / "sandbox"):
            continue
        text = path.read_text()
        if not re.search(r"^\s*(import|from)\s+discord\b", text, re.MULTILINE):
            continue
        tree = ast.parse(text)
        ours = {
            (node.lineno, node.attr)
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in {"self", "cls"}
        }
        offenders += [
            f"{path.relative_to(ROOT)}:{line} {name}"
            for line, name in private_discord_names(tree)
            if (line, name) not in ours
        ]
    assert offenders == []
