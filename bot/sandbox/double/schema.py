"""Validate request bodies against Discord's published OpenAPI spec.

The spec is data we read where it lies (a setting points at it), and the validator is
`jsonschema`, which only the tests install (the `test` extra). When either is absent the double
still enforces its own limits, it just cannot say what the spec would have said; the test
fixtures insist on both, so the suite never runs unchecked.
"""

from __future__ import annotations

import json
import logging
import os
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

log = logging.getLogger(__name__)

_SPEC_URI = "urn:discord-openapi"


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


class SpecValidator:
    """Checks one request body against the schema the spec gives its route and method."""

    def __init__(self, spec_path: Path) -> None:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        # The spec types snowflakes as strings, but Discord accepts JSON integers too, and
        # discord.py sends some (recipient_id, for one) as integers.
        snowflake = spec["components"]["schemas"]["SnowflakeType"]
        spec["components"]["schemas"]["SnowflakeType"] = {
            "anyOf": [snowflake, {"type": "integer", "minimum": 0}]
        }
        self._paths: dict[str, Any] = spec["paths"]
        resource = Resource.from_contents(spec, default_specification=DRAFT202012)
        self._registry = Registry().with_resource(_SPEC_URI, resource)
        self._validators: dict[tuple[str, str], Draft202012Validator | None] = {}

    def errors(self, method: str, spec_route: str, body: Any) -> list[str]:
        """Human-readable reasons the body would be refused; empty when it is valid."""
        validator = self._validator(method.lower(), spec_route)
        if validator is None:
            return []
        found = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
        return [_describe(e) for e in found[:5]]

    def _validator(self, method: str, spec_route: str) -> Draft202012Validator | None:
        key = (method, spec_route)
        if key not in self._validators:
            operation = self._paths.get(spec_route, {}).get(method, {})
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                self._validators[key] = None
            else:
                from jsonschema import Draft202012Validator

                ref = f"{_SPEC_URI}#/" + _pointer(
                    "paths",
                    spec_route,
                    method,
                    "requestBody",
                    "content",
                    "application/json",
                    "schema",
                )
                self._validators[key] = Draft202012Validator({"$ref": ref}, registry=self._registry)
        return self._validators[key]


def _describe(error: Any) -> str:
    while error.context:
        error = _relevant(error.context)
    where = "/".join(str(p) for p in error.absolute_path) or "(body)"
    # The validator's message quotes the whole offending value; the rule is what matters.
    rule = f"{error.validator} {error.validator_value!r}"[:120]
    return f"{where}: fails {rule}"


def _relevant(branch_errors: list[Any]) -> Any:
    """The error that explains an anyOf/oneOf failure. Discord's unions are discriminated by a
    `type` field: a branch that failed on its `type` is simply not the branch that was meant."""
    by_branch: dict[Any, list[Any]] = {}
    for error in branch_errors:
        by_branch.setdefault(error.relative_schema_path[0], []).append(error)
    meant = [
        errors
        for errors in by_branch.values()
        if not any(list(e.relative_path) == ["type"] for e in errors)
    ]
    if not meant:
        from jsonschema.exceptions import best_match

        return best_match(branch_errors)
    return max((e for errors in meant for e in errors), key=lambda e: len(e.absolute_path))


def validator_installed() -> bool:
    """Whether jsonschema (the `test` extra) is there to check bodies with."""
    return find_spec("jsonschema") is not None and find_spec("referencing") is not None


@cache
def load_spec_validator(spec_path: Path | None) -> SpecValidator | None:
    """The spec's validator, or None without a spec or without jsonschema installed."""
    if spec_path is None or not spec_path.is_file():
        return None
    if not validator_installed():
        log.info("jsonschema is not installed: request bodies are not checked against the spec")
        return None
    return SpecValidator(spec_path)


def default_spec_path() -> Path | None:
    """Where the spec lies beside a checkout (../shared), or $DISCORD_API_SPEC."""
    configured = os.environ.get("DISCORD_API_SPEC")
    if configured:
        return Path(configured)
    beside_repo = (
        Path(__file__).resolve().parents[3].parent / "shared/discord-api-spec/openapi.json"
    )
    return beside_repo if beside_repo.is_file() else None
