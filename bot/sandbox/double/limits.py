"""Discord's payload limits, enforced the way Discord enforces them: a 400 with code 50035."""

from __future__ import annotations

from typing import Any

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_NAME_MAX = 256
EMBEDS_TOTAL_MAX = 6000
ACTION_ROWS_MAX = 5
ROW_BUTTONS_MAX = 5
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
AUTOCOMPLETE_CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_VALUE_MAX = 100
MODAL_TITLE_MAX = 45
THREAD_NAME_MAX = 100
THREAD_ARCHIVE_MINUTES = (60, 1440, 4320, 10080)


def message_errors(body: dict[str, Any]) -> list[str]:
    """Every limit a message body (create, edit, interaction reply, followup) breaks."""
    errors: list[str] = []
    content = body.get("content") or ""
    if len(content) > CONTENT_MAX:
        errors.append(f"content: {len(content)} characters, at most {CONTENT_MAX}")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        errors.append(f"embeds: {len(embeds)} embeds, at most {EMBEDS_MAX}")
    total = 0
    for i, embed in enumerate(embeds):
        total += _embed_errors(embed, f"embeds.{i}", errors)
    if total > EMBEDS_TOTAL_MAX:
        errors.append(f"embeds: {total} characters in all, at most {EMBEDS_TOTAL_MAX}")
    errors += component_errors(body.get("components") or [])
    return errors


def _embed_errors(embed: dict[str, Any], where: str, errors: list[str]) -> int:
    def check(value: str | None, limit: int, name: str) -> int:
        size = len(value or "")
        if size > limit:
            errors.append(f"{where}.{name}: {size} characters, at most {limit}")
        return size

    total = check(embed.get("title"), EMBED_TITLE_MAX, "title")
    total += check(embed.get("description"), EMBED_DESCRIPTION_MAX, "description")
    total += check((embed.get("footer") or {}).get("text"), FOOTER_MAX, "footer.text")
    total += check((embed.get("author") or {}).get("name"), AUTHOR_NAME_MAX, "author.name")
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        errors.append(f"{where}.fields: {len(fields)} fields, at most {EMBED_FIELDS_MAX}")
    for j, f in enumerate(fields):
        if not f.get("name") or not f.get("value"):
            errors.append(f"{where}.fields.{j}: a field needs a name and a value")
        total += check(f.get("name"), FIELD_NAME_MAX, f"fields.{j}.name")
        total += check(f.get("value"), FIELD_VALUE_MAX, f"fields.{j}.value")
    return total


def component_errors(rows: list[dict[str, Any]]) -> list[str]:
    errors: list[str] = []
    if len(rows) > ACTION_ROWS_MAX:
        errors.append(f"components: {len(rows)} action rows, at most {ACTION_ROWS_MAX}")
    custom_ids: set[str] = set()
    for i, row in enumerate(rows):
        children = row.get("components") or []
        if row.get("type") != 1:
            errors.append(f"components.{i}: top-level components must be action rows")
        if not children or len(children) > ROW_BUTTONS_MAX:
            errors.append(f"components.{i}: {len(children)} items, between 1 and {ROW_BUTTONS_MAX}")
        for j, child in enumerate(children):
            custom_id = child.get("custom_id")
            if custom_id is not None:
                if len(custom_id) > CUSTOM_ID_MAX:
                    errors.append(f"components.{i}.{j}.custom_id: over {CUSTOM_ID_MAX} characters")
                if custom_id in custom_ids:
                    errors.append(f"components.{i}.{j}.custom_id: duplicate {custom_id!r}")
                custom_ids.add(custom_id)
            if len(child.get("label") or "") > BUTTON_LABEL_MAX:
                errors.append(f"components.{i}.{j}.label: over {BUTTON_LABEL_MAX} characters")
    return errors


def autocomplete_errors(body: dict[str, Any]) -> list[str]:
    choices = body.get("choices") or []
    errors = []
    if len(choices) > AUTOCOMPLETE_CHOICES_MAX:
        errors.append(f"choices: {len(choices)} choices, at most {AUTOCOMPLETE_CHOICES_MAX}")
    for i, choice in enumerate(choices):
        if not 1 <= len(choice.get("name", "")) <= CHOICE_NAME_MAX:
            errors.append(f"choices.{i}.name: between 1 and {CHOICE_NAME_MAX} characters")
        value = choice.get("value")
        if isinstance(value, str) and len(value) > CHOICE_VALUE_MAX:
            errors.append(f"choices.{i}.value: over {CHOICE_VALUE_MAX} characters")
    return errors


def modal_errors(body: dict[str, Any]) -> list[str]:
    errors = []
    if not 1 <= len(body.get("title") or "") <= MODAL_TITLE_MAX:
        errors.append(f"title: between 1 and {MODAL_TITLE_MAX} characters")
    if not body.get("custom_id"):
        errors.append("custom_id: required")
    return errors


def thread_errors(body: dict[str, Any]) -> list[str]:
    """Every limit a "start a thread from a message" body breaks."""
    errors: list[str] = []
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= THREAD_NAME_MAX:
        length = len(name) if isinstance(name, str) else 0
        errors.append(f"name: {length} characters, from 1 to {THREAD_NAME_MAX}")
    archive = body.get("auto_archive_duration")
    if archive is not None and archive not in THREAD_ARCHIVE_MINUTES:
        errors.append(f"auto_archive_duration: {archive}, one of {THREAD_ARCHIVE_MINUTES}")
    return errors
