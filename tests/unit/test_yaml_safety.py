"""The loader refuses what is dangerous or ambiguous, and never raises anything but BankError."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from examprep.core.diagnostics import BankError
from examprep.core.loader import load_bank_bytes
from examprep.core.yamlsafe import MAX_BYTES, Ambiguous, load_located


def test_values_are_located_one_based() -> None:
    located = load_located(b"a: 1\nb:\n  - x\n  - {c: 'y'}\n", "f.yaml")
    assert located.data == {"a": 1, "b": ["x", {"c": "y"}]}
    assert located.values[("b", 1, "c")] == (4, 9)
    assert located.keys[("b",)] == (2, 1)


@pytest.mark.parametrize(
    ("text", "kind"),
    [("No", "boolean"), ("yes", "boolean"), ("on", "boolean"), ("12:30", "base-60"), ("010", "octal")],
)
def test_ambiguous_plain_scalars_are_flagged(text: str, kind: str) -> None:
    value = load_located(f"k: {text}\n".encode(), "f.yaml").data["k"]
    assert isinstance(value, Ambiguous) and kind in value.reads_as


def test_quoted_text_stays_text() -> None:
    data = load_located(b"a: \"No\"\nb: '0.1'\nc: |\n  x = 1  # kept\n", "f.yaml").data
    assert data == {"a": "No", "b": "0.1", "c": "x = 1  # kept\n"}


def test_alias_bomb_is_refused_quickly() -> None:
    bomb = b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        bomb += f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n".encode()
    with pytest.raises(BankError) as info:
        load_located(bomb, "bomb.yaml")
    assert {d.code for d in info.value.diagnostics} >= {"Y001", "Y002"}


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(BankError) as info:
        load_located(b"a: " + b"x" * (MAX_BYTES + 1), "big.yaml")
    assert info.value.diagnostics[0].code == "Y000"


def test_python_tags_never_execute() -> None:
    with pytest.raises(BankError) as info:
        load_located(b"a: !!python/object/apply:os.getcwd []\n", "evil.yaml")
    assert info.value.diagnostics[0].code == "Y003"


def test_deep_flow_nesting_is_refused_before_the_c_parser() -> None:
    started = time.perf_counter()
    with pytest.raises(BankError):
        load_located(b"a: " + b"[" * 100_000 + b"]" * 100_000, "deep.yaml")
    assert time.perf_counter() - started < 5  # generous: the point is no crash


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_bank_errors(raw: bytes) -> None:
    try:
        load_bank_bytes(raw, "fuzz.yaml")
    except BankError as exc:
        assert all(d.path == "fuzz.yaml" and d.line >= 1 and d.col >= 1 for d in exc.diagnostics)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>#'\"\n ?,%@`\t0yN")), max_size=200))
def test_yaml_shaped_text_raises_only_bank_errors(text: str) -> None:
    with contextlib.suppress(BankError):
        load_bank_bytes(text.encode(), "fuzz.yaml")
