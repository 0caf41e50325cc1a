"""Text the UI shows, built from models: Markdown for stems, keys, feedback and reviews."""

from __future__ import annotations

from typing import Any

from examprep.core import models
from examprep.core.models import BLANK_PATTERN
from examprep.core.scoring import key_parts

LETTERS = "ABCDEFGHIJ"


def fence(code: str, lang: str = "python") -> str:
    """A fenced code block that survives backticks inside the code."""
    ticks = "```"
    while ticks in code:
        ticks += "`"
    return f"{ticks}{lang}\n{code.rstrip()}\n{ticks}"


def gaps(text: str) -> str:
    """Show ``{{name}}`` gaps as ``[ name ]``."""
    return BLANK_PATTERN.sub(lambda m: f"[ {m.group(1)} ]", text)


def stem_markdown(model: models.ItemModel) -> str:
    """The stem plus its code, as Markdown."""
    parts = [gaps(model.stem.strip())]
    if model.code:
        parts.append(fence(gaps(model.code)))
    return "\n\n".join(parts)


def instruction(model: models.ItemModel, response: Any) -> str:
    """What the candidate has to do, with a live count for multiple response."""
    if isinstance(model, models.MultipleResponse):
        n = len(response or [])
        return f"Choose {model.select} ({n} of {model.select} selected)"
    if isinstance(model, models.SingleChoice | models.CodeOutput):
        return "Choose one"
    if isinstance(model, models.TrueFalse):
        return "True or false?"
    if isinstance(model, models.Ordering):
        return "Put in order: ↑/↓ select, shift+↑/↓ or [ ] move, Enter keeps the order"
    if isinstance(model, models.Matching):
        return "Match each prompt: ↑/↓ select a prompt, type a choice letter (←/→ cycle)"
    if isinstance(model, models.FillIn):
        return "Fill in every gap, then Enter (Esc leaves the field)"
    if isinstance(model, models.Numeric):
        return "Type a number" + (f" (in {model.unit})" if model.unit else "") + ", then Enter (Esc leaves the field)"
    return ""


def option_entries(
    model: models.SingleChoice | models.MultipleResponse | models.CodeOutput, order: tuple[str, ...]
) -> list[tuple[str, str]]:
    """(id, text) of each option in the order shown."""
    by_id = {o.id: o for o in model.options}
    ids = [i for i in order if i in by_id] or list(by_id)
    return [(i, by_id[i].text) for i in ids]


def feedback_markdown(
    model: models.ItemModel, response: Any, credit: float, order: tuple[str, ...], references: bool = True
) -> str:
    """Practice feedback and results review: verdict, key, every option's rationale, explanation."""
    verdict = (
        "✓ Correct"
        if credit >= 1
        else ("◐ Partly correct" if credit > 0 else ("✗ Not answered" if response is None else "✗ Incorrect"))
    )
    parts = key_parts(model)
    answer = f"**Answer:** {parts[0]}" if len(parts) == 1 else "**Answer:**\n\n" + "\n".join(f"- {p}" for p in parts)
    lines = [f"### {verdict}", "", answer, ""]
    if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        chosen = set(response if isinstance(response, list) else [response] if response else [])
        for n, (oid, _text) in enumerate(option_entries(model, order)):
            opt = next(o for o in model.options if o.id == oid)
            tick = "✓" if opt.correct else "✗"
            you = " *(your choice)*" if oid in chosen else ""
            lines.append(f"- **{LETTERS[n]}. {opt.text.strip()}** {tick}{you}: {opt.rationale.strip()}")
        lines.append("")
    elif isinstance(model, models.TrueFalse):
        lines += [f"- **True**: {model.rationale_true.strip()}", f"- **False**: {model.rationale_false.strip()}", ""]
    lines += ["**Why:** " + model.explanation.strip()]
    if references and model.references:
        lines += ["", "**References:** " + "; ".join(model.references)]
    if model.assumes:
        lines += ["", f"*Assumes: {model.assumes}*"]
    return "\n".join(lines)


def your_answer(model: models.ItemModel, response: Any, order: tuple[str, ...]) -> str:
    """The candidate's response, as a person would read it."""
    if response is None:
        return "(not answered)"
    if isinstance(model, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        ids = response if isinstance(response, list) else [response]
        entries = option_entries(model, order)
        return "; ".join(f"{LETTERS[n]}. {t.strip()}" for n, (i, t) in enumerate(entries) if i in ids)
    if isinstance(model, models.TrueFalse):
        return "True" if response else "False"
    if isinstance(model, models.Ordering):
        texts = {i.id: i.text for i in model.items}
        return " -> ".join(texts.get(i, i) for i in response)
    if isinstance(model, models.Matching | models.FillIn):
        return "; ".join(f"{k} = {v}" for k, v in response.items())
    return str(response)
