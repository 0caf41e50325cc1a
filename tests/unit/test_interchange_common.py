"""Shared pieces of the interchange formats: the YAML writer, text conversion, ids; helpers for the other tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examprep.authoring.lint import lint_paths
from examprep.authoring.yamlstyle import SCHEMA_LINE, dump_bank
from examprep.core import models
from examprep.core.loader import load_bank_bytes
from examprep.core.profiles import bundled_profiles
from examprep.core.yamlsafe import load_located
from examprep.interchange.importer import id_prefix, import_file
from examprep.interchange.textconv import category_tags, extract_code, fence, html_to_markdown, markdown_to_html

DATA = Path(__file__).parents[1] / "data" / "interchange"


def run_import(path: Path, fmt: str, profile: str = "step-1", domain: int = 1) -> tuple[models.Bank, list[str]]:
    """Import a file; the bank as the loader reads it back, and the report lines."""
    result = import_file(path, path.read_bytes(), fmt, bundled_profiles()[profile], domain)
    assert result.yaml_text is not None, result.report.render()
    assert result.yaml_text.splitlines()[0] == SCHEMA_LINE
    bank, _ = load_bank_bytes(result.yaml_text.encode(), str(path))
    return bank, result.report.lines


def lint_errors(tmp_path: Path, text: str) -> list[str]:
    """Errors `examprep lint --no-run-code` reports for a bank text."""
    file = tmp_path / "imported.yaml"
    file.write_text(text, encoding="utf-8")
    result = lint_paths([file], bundled_profiles(), run_code=False)
    return [d.text() for d in result.diagnostics if d.severity == "error"]


def key(item: models.ItemModel) -> Any:
    """What decides correctness, in a form comparable across formats."""
    if isinstance(item, models.SingleChoice | models.MultipleResponse | models.CodeOutput):
        return sorted(o.text for o in item.options if o.correct)
    if isinstance(item, models.TrueFalse):
        return item.answer
    if isinstance(item, models.Ordering):
        return [i.text for i in item.items]
    if isinstance(item, models.Matching):
        return sorted((p.left, p.right) for p in item.pairs), sorted(item.extra_choices)
    if isinstance(item, models.FillIn):
        return [item.blanks[n].accept for n in sorted(item.blanks)]
    return item.answer, item.tolerance, item.unit


def items(bank: models.Bank) -> list[models.ItemModel]:
    """Every answerable item, case-study sub-questions included."""
    out: list[models.ItemModel] = []
    for q in bank.questions:
        out.extend(q.questions if isinstance(q, models.CaseStudy) else [q])
    return out


def _bank(stem: str, option: str, code: str) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": "writer-test",
        "title": "t",
        "profile": "step-1",
        "license": "CC-BY-4.0",
        "authors": [{"name": "t"}],
        "version": "1.0.0",
        "questions": [
            {
                "id": "writer-001",
                "type": "single_choice",
                "domain": 1,
                "difficulty": "easy",
                "stem": stem,
                "code": code,
                "options": [{"id": f"o{n}", "text": option + str(n), "rationale": option} for n in range(3)],
                "explanation": "x",
            }
        ],
    }


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(stem=_TEXT, option=_TEXT, code=_TEXT)
def test_yaml_writer_round_trips_any_text(stem: str, option: str, code: str) -> None:
    data = _bank(stem, option, code)
    assert load_located(dump_bank(data).encode(), "t.yaml").data == data


def test_yaml_writer_quotes_text_and_blocks_code() -> None:
    text = dump_bank(_bank("No", "yes", "print(1)\n"))
    assert 'stem: "No"' in text and 'text: "yes0"' in text
    assert "    code: |\n      print(1)\n" in text
    multi = dump_bank(_bank("  indented\nsecond", "0.1", "x\n\n"))
    assert "stem: |2-" in multi and "code: |+" in multi
    assert load_located(multi.encode(), "t.yaml").data["questions"][0]["stem"] == "  indented\nsecond"


def test_html_becomes_markdown_with_code_fenced() -> None:
    text = html_to_markdown(
        "<p>Run <b>this</b> &amp; see:</p><pre>x = 1\nprint(x)</pre><ul><li>one</li><li>two</li></ul>"
    )
    assert text == "Run **this** & see:\n\n```\nx = 1\nprint(x)\n```\n\n- one\n- two"
    assert extract_code(text) == ("Run **this** & see:\n\n- one\n- two", "x = 1\nprint(x)\n")


def test_fence_outlasts_backticks_in_code_and_html_escapes() -> None:
    block = fence("a = '```'\n")
    assert block.startswith("````\n") and extract_code(block) == ("", "a = '```'\n")
    assert markdown_to_html("1 < 2 and `x`\n\n```\nif a<b:\n```") == (
        "<p>1 &lt; 2 and <code>x</code></p><pre><code>if a&lt;b:</code></pre>"
    )


def test_category_paths_become_tags() -> None:
    assert category_tags("$course$/top/Default for PCEP/Loops & Conditions/While") == ["loops-conditions", "while"]


@pytest.mark.parametrize(
    ("name", "prefix"),
    [("Week 3.gift.txt", "week-3"), ("2024 quiz.xml", "q-2024-quiz"), ("questions.txt", "questions")],
)
def test_id_prefix_comes_from_the_file_name(name: str, prefix: str) -> None:
    assert id_prefix(Path(name)) == prefix
