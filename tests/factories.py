"""Builders of small, valid banks for tests (written as real YAML files)."""

from __future__ import annotations

from pathlib import Path

import yaml

HEADER = {
    "format_version": 1,
    "license": "CC-BY-4.0",
    "authors": [{"name": "tests"}],
    "version": "1.0.0",
}


def single(
    qid: str, domain: int, *, difficulty: str = "easy", tags: list[str] | None = None, stem: str | None = None
) -> dict:
    """A valid single_choice question whose key is option 'a'."""
    return {
        "id": qid,
        "type": "single_choice",
        "domain": domain,
        "difficulty": difficulty,
        "tags": tags or ["sample"],
        "stem": stem or f"Question {qid}: which option is right?",
        "options": [
            {"id": "a", "text": f"right {qid}", "correct": True, "rationale": "It is the key."},
            {"id": "b", "text": f"wrong one {qid}", "rationale": "Not the key."},
            {"id": "c", "text": f"wrong two {qid}", "rationale": "Not the key."},
            {"id": "d", "text": f"wrong three {qid}", "rationale": "Not the key."},
        ],
        "explanation": "Because.",
        "references": ["Test reference"],
    }


def bank(bank_id: str, profile: str, questions: list[dict]) -> dict:
    """A bank mapping."""
    return {**HEADER, "id": bank_id, "title": f"Test bank {bank_id}", "profile": profile, "questions": questions}


def write_bank(folder: Path, bank_id: str, profile: str, questions: list[dict]) -> Path:
    """Write a bank file and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{bank_id}.yaml"
    path.write_text(yaml.safe_dump(bank(bank_id, profile, questions), sort_keys=False), encoding="utf-8")
    return path


def full_pool(folder: Path, profile, per_domain_factor: int = 2, prefix: str = "t") -> Path:
    """A bank with ``per_domain_factor`` x the blueprint of every domain of ``profile``."""
    questions = []
    for domain, need in profile.blueprint().items():
        for n in range(need * per_domain_factor):
            questions.append(single(f"{prefix}-d{domain}-{n:03d}", domain, tags=[f"topic-{domain}"]))
    return write_bank(folder, f"{prefix}-{profile.id.lower()}", profile.id, questions)


def case_study(qid: str, domain: int, subs: str = "abc") -> dict:
    """A valid case study with a true/false sub-question per letter of ``subs``."""
    sub = {
        "type": "true_false",
        "difficulty": "easy",
        "answer": True,
        "rationale_true": "Why true.",
        "rationale_false": "Why false.",
        "explanation": "Because.",
    }
    return {
        "id": qid, "type": "case_study", "domain": domain, "difficulty": "easy", "scenario": "A scenario.", "explanation": "E.",
        "references": ["r"], "questions": [{**sub, "id": f"{qid}-{c}", "stem": f"Statement {c}."} for c in subs],
    }  # fmt: skip
