"""One Moodle question (from any import format) as one bank question, or a refusal saying why.

Fractions decide keys: 100% is correct; several positive fractions in a multiple-answer question
make a multiple_response whose ``select`` is how many are positive. Feedback becomes rationales
and the general feedback the explanation; what is missing gets :data:`TODO` and a note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from examprep.core.rules import _ALL_NONE  # one definition of "refers to other options"
from examprep.interchange.source import SourceAnswer, SourceQuestion
from examprep.interchange.textconv import extract_code

TODO = "TODO: explain why"
FULL = 0.9999
_GAP = re.compile(r"_{3,}")
_SELECT_GAP = re.compile(r"\[\[(\d+)\]\]")

_REFUSED_TYPES = {
    "essay": "essay questions have no key: skipped",
    "description": "description items hold no question to answer: skipped",
    "cloze": "cloze (embedded answers) questions are not supported: split each gap into its own question: skipped",
    "multianswer": "cloze (embedded answers) questions are not supported: split each gap into its own question: skipped",
    "calculated": "calculated questions draw random values, so there is no fixed key: skipped",
    "calculatedsimple": "calculated questions draw random values, so there is no fixed key: skipped",
    "calculatedmulti": "calculated questions draw random values, so there is no fixed key: skipped",
    "randomsamatch": "random short-answer matching picks its questions at quiz time: skipped",
    "random": "random questions are drawn at quiz time and hold no question: skipped",
    "ddimageortext": "drag-and-drop onto an image needs the image: skipped",
    "ddmarker": "drag-and-drop markers need the image: skipped",
}


class Refused(Exception):
    """A question that cannot become a bank question; the message says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Converted:
    """A bank question (plain data, in YAML key order) and what could not be carried over."""

    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)


@dataclass
class _Draft:
    stem: str
    code: str | None
    notes: list[str]


def convert(source: SourceQuestion, qid: str, domain: int) -> Converted:
    """``source`` as a bank question with id ``qid``; raises :class:`Refused`."""
    handler = _HANDLERS.get(source.qtype)
    if handler is None:
        unknown = f"Moodle question type '{source.qtype}' is not supported: skipped" if source.qtype else None
        raise Refused(_REFUSED_TYPES.get(source.qtype, unknown or "the question has no type: skipped"))
    stem, code = extract_code(source.text)
    draft = _Draft(stem, code, list(source.notes))
    body = handler(source, draft)
    if not draft.stem.strip():
        raise Refused("the question has no text: skipped")
    explanation = source.general_feedback.strip()
    if not explanation:
        draft.notes.append(f"no general feedback: explanation set to '{TODO}'")
    data: dict[str, Any] = {
        "id": qid,
        "type": body.pop("type"),
        "domain": domain,
        "tags": list(dict.fromkeys(source.tags)),
        "difficulty": "medium",
        "stem": draft.stem,
        "code": draft.code,
        **body,
        "explanation": explanation or TODO,
    }
    return Converted({k: v for k, v in data.items() if v is not None and v != []}, draft.notes)


def _percent(a: SourceAnswer) -> str:
    return f'"{a.text}" ({100 * a.fraction:g}%)'


def _rationales(feedback: list[str], draft: _Draft) -> list[str]:
    """Feedback texts as rationales, :data:`TODO` where there is none (with a note saying how many)."""
    missing = sum(not text.strip() for text in feedback)
    if missing:
        what = "answers have" if missing > 1 else "answer has"
        draft.notes.append(f"{missing} {what} no feedback: rationale set to '{TODO}'")
    return [text.strip() or TODO for text in feedback]


def _option_id(n: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[n] if n < len(letters) else letters[n // len(letters) - 1] + letters[n % len(letters)]


def _is_true_false(answers: list[SourceAnswer]) -> bool:
    return sorted(a.text.strip().lower() for a in answers) == ["false", "true"]


def _multichoice(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    answers = source.answers
    if any(a.fraction < 0 for a in answers):
        draft.notes.append("negative fractions dropped: wrong answers carry no penalty here")
    positive = [a for a in answers if a.fraction > 0]
    if not source.single and len(positive) >= 2:
        return _multiple_response(answers, positive, draft)
    if not source.single:
        if not positive:
            raise Refused("no answer has a positive fraction, so there is no key: skipped")
        draft.notes.append("multiple-answer question with one correct answer imported as single_choice")
        keys = positive
    else:
        keys = [a for a in answers if a.fraction >= FULL]
        partial = [a for a in answers if 0 < a.fraction < FULL]
        if partial:
            draft.notes.append("partial-credit answers treated as wrong: " + ", ".join(map(_percent, partial)))
        if not keys:
            raise Refused("no answer is worth 100%, so there is no key: skipped")
        if len(keys) > 1:
            raise Refused("several answers are worth 100% but examprep needs exactly one key: skipped")
    if len(answers) == 2 and _is_true_false(answers):
        draft.notes.append("two-option true/false multiple choice imported as true_false")
        return _true_false_from(answers, keys[0], draft)
    if not 3 <= len(answers) <= 8:
        raise Refused(f"single_choice needs 3 to 8 options; this one has {len(answers)}: skipped")
    return {"type": "single_choice", "options": _options(answers, keys, draft)}


def _multiple_response(answers: list[SourceAnswer], positive: list[SourceAnswer], draft: _Draft) -> dict[str, Any]:
    total = sum(a.fraction for a in positive)
    if abs(total - 1) > 0.01:
        draft.notes.append(f"positive fractions add up to {100 * total:g}%, not 100%: every positive answer is a key")
    if any(a.fraction < 1 / len(positive) - 0.01 or a.fraction > 1 / len(positive) + 0.01 for a in positive):
        draft.notes.append("unequal positive fractions: every correct answer now counts the same")
    select = len(positive)
    if not 2 <= select <= 6:
        raise Refused(f"multiple_response allows 2 to 6 correct answers; this one has {select}: skipped")
    if not select + 2 <= len(answers) <= 10:
        raise Refused(
            f"multiple_response with {select} correct answers needs {select + 2} to 10 options; "
            f"this one has {len(answers)}: skipped"
        )
    return {"type": "multiple_response", "select": select, "options": _options(answers, positive, draft)}


def _options(answers: list[SourceAnswer], keys: list[SourceAnswer], draft: _Draft) -> list[dict[str, Any]]:
    options = []
    rationales = _rationales([a.feedback for a in answers], draft)
    for n, (answer, rationale) in enumerate(zip(answers, rationales, strict=True)):
        option: dict[str, Any] = {"id": _option_id(n), "text": answer.text.strip()}
        if any(answer is key for key in keys):
            option["correct"] = True
        option["rationale"] = rationale
        if _ALL_NONE.search(answer.text):
            option["pin"] = True
        options.append(option)
    return options


def _true_false_from(answers: list[SourceAnswer], key: SourceAnswer, draft: _Draft) -> dict[str, Any]:
    by_text = {a.text.strip().lower(): a for a in answers}
    true, false = _rationales([by_text["true"].feedback, by_text["false"].feedback], draft)
    return {"type": "true_false", "answer": by_text["true"] is key, "rationale_true": true, "rationale_false": false}


def _truefalse(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    if len(source.answers) != 2 or not _is_true_false(source.answers):
        raise Refused("a true/false question needs one 'true' and one 'false' answer: skipped")
    keys = [a for a in source.answers if a.fraction >= FULL]
    if len(keys) != 1:
        raise Refused("exactly one of 'true' and 'false' must be worth 100%: skipped")
    return _true_false_from(source.answers, keys[0], draft)


def _place_gap(draft: _Draft) -> bool:
    """Turn the first ``_____`` of the stem (else of the code) into the ``{{answer}}`` gap."""
    if _GAP.search(draft.stem):
        draft.stem = _GAP.sub("{{answer}}", draft.stem, count=1)
        return True
    if draft.code and _GAP.search(draft.code):
        draft.code = _GAP.sub("{{answer}}", draft.code, count=1)
        return True
    return False


def _drop_answer_feedback(source: SourceQuestion, draft: _Draft, kind: str) -> None:
    if any(a.feedback.strip() for a in source.answers):
        draft.notes.append(f"answer feedback dropped: {kind} items have no per-answer rationale")


def _shortanswer(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    wild = [a for a in source.answers if "*" in a.text]
    if wild:
        draft.notes.append("wildcard answers dropped (answers must match exactly): " + ", ".join(map(_percent, wild)))
    partial = [a for a in source.answers if 0 < a.fraction < FULL and "*" not in a.text]
    if partial:
        draft.notes.append("partial-credit answers dropped: " + ", ".join(map(_percent, partial)))
    accept = list(
        dict.fromkeys(
            a.text.strip() for a in source.answers if a.fraction >= FULL and "*" not in a.text and a.text.strip()
        )
    )
    if not accept:
        raise Refused("no exact answer is worth 100%, so there is no key: skipped")
    _drop_answer_feedback(source, draft, "fill_in")
    if not _place_gap(draft):
        draft.stem = f"{draft.stem.rstrip()}\n\n{{{{answer}}}}"
    return {"type": "fill_in", "blanks": {"answer": {"accept": accept, "case_sensitive": source.case_sensitive}}}


def _number(text: str, what: str = "answer") -> float | int:
    try:
        value = float(text.strip())
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise Refused(f"the {what} '{text}' is not a finite number: skipped")
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _numerical(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    keys = [a for a in source.answers if a.fraction >= FULL and a.text.strip() != "*"]
    if not keys:
        raise Refused("no numeric answer is worth 100%, so there is no key: skipped")
    if len(keys) > 1:
        extra = ", ".join(f"{a.text} ± {a.tolerance:g}" for a in keys[1:])
        draft.notes.append(f"further 100% answers dropped (one answer and tolerance is kept): {extra}")
    partial = [a for a in source.answers if 0 < a.fraction < FULL]
    if partial:
        draft.notes.append(
            "partial-credit answers dropped: "
            + ", ".join(f"{a.text} ± {a.tolerance:g} ({100 * a.fraction:g}%)" for a in partial)
        )
    _drop_answer_feedback(source, draft, "numeric")
    body: dict[str, Any] = {"type": "numeric", "answer": _number(keys[0].text)}
    body["tolerance"] = abs(_number(repr(keys[0].tolerance), "tolerance"))
    base = [name for name, multiplier in source.units if multiplier == 1 and name.strip()]
    if base:
        body["unit"] = base[0].strip()
    dropped = [name for name, _ in source.units if name.strip() and name.strip() != body.get("unit")]
    if dropped:
        draft.notes.append("alternative units dropped: " + ", ".join(dropped))
    return body


def _match(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    pairs = [{"left": left.strip(), "right": right.strip()} for left, right in source.pairs if left.strip()]
    extras = [right.strip() for left, right in source.pairs if not left.strip() and right.strip()]
    if not 3 <= len(pairs) <= 7:
        raise Refused(f"matching needs 3 to 7 pairs; this one has {len(pairs)}: skipped")
    return {"type": "matching", "pairs": pairs, "extra_choices": extras}


def _ordering(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    if not 3 <= len(source.answers) <= 6:
        raise Refused(f"ordering needs 3 to 6 items; this one has {len(source.answers)}: skipped")
    items = [{"id": _option_id(n), "text": a.text.strip()} for n, a in enumerate(source.answers)]
    return {"type": "ordering", "items": items}


def _gapselect(source: SourceQuestion, draft: _Draft) -> dict[str, Any]:
    numbers = sorted({int(n) for n in _SELECT_GAP.findall(source.text)})
    if not numbers:
        raise Refused("no [[n]] gaps in the question text: skipped")
    if any(not text.strip() for text, _ in source.choices):
        raise Refused("choices with images or without text cannot become drop-down gaps: skipped")
    blanks: dict[str, Any] = {}
    for n in numbers:
        if not 1 <= n <= len(source.choices):
            raise Refused(f"gap [[{n}]] names choice {n}, but there are {len(source.choices)} choices: skipped")
        text, group = source.choices[n - 1]
        choices = list(dict.fromkeys(t.strip() for t, g in source.choices if g == group))
        blanks[f"gap{n}"] = {"accept": [text.strip()], "choices": choices}
    if source.qtype == "ddwtos":
        draft.notes.append("drag-and-drop into text converted to drop-down gaps")
    draft.stem = _SELECT_GAP.sub(_gap_blank, draft.stem)
    draft.code = _SELECT_GAP.sub(_gap_blank, draft.code) if draft.code else None
    return {"type": "fill_in", "blanks": blanks}


def _gap_blank(match: re.Match[str]) -> str:
    return "{{gap" + match.group(1) + "}}"


_HANDLERS: dict[str, Callable[[SourceQuestion, _Draft], dict[str, Any]]] = {
    "multichoice": _multichoice,
    "truefalse": _truefalse,
    "shortanswer": _shortanswer,
    "numerical": _numerical,
    "match": _match,
    "matching": _match,
    "ordering": _ordering,
    "gapselect": _gapselect,
    "ddwtos": _gapselect,
}
