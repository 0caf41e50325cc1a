"""`new-question` and `completion`: small tools for authors and shell users."""

from __future__ import annotations

import argparse
import random
import sys
from typing import Any

from examprep.core.profiles import bundled_profiles
from examprep.core.vocabulary import QUESTION_TYPES
from examprep.errors import UserError

_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _option(oid: str, correct: bool = False) -> dict[str, Any]:
    option: dict[str, Any] = {"id": oid, "text": f"TODO: option {oid}"}
    if correct:
        option["correct"] = True
    option["rationale"] = "TODO: why this option is right" if correct else "TODO: why this option is wrong"
    return option


def scaffold(qtype: str, profile_id: str, domain: int, qid: str) -> dict[str, Any]:
    """A schema-valid question of ``qtype`` with TODO text for the author to replace."""
    base: dict[str, Any] = {
        "id": qid,
        "type": qtype,
        "domain": domain,
        "objective": "TODO",
        "tags": ["todo"],
        "difficulty": "medium",
    }
    body: dict[str, Any]
    if qtype in ("single_choice", "code_output"):
        body = {"stem": "TODO: the question", "options": [_option("a", True), _option("b"), _option("c"), _option("d")]}
        if qtype == "code_output":
            body["options"][0]["text"] = "TODO"  # must equal what the code prints: lint runs it
            body = {
                "stem": "What does the following program print?",
                "code": "print('TODO')\n",
                "options": body["options"],
            }
    elif qtype == "multiple_response":
        body = {
            "stem": "TODO: the question",
            "select": 2,
            "options": [_option("a", True), _option("b", True), _option("c"), _option("d"), _option("e")],
        }
    elif qtype == "true_false":
        body = {
            "stem": "TODO: a statement",
            "answer": True,
            "rationale_true": "TODO: why True is right",
            "rationale_false": "TODO: why False is wrong",
        }
    elif qtype == "ordering":
        body = {
            "stem": "TODO: order these",
            "items": [{"id": f"step{n}", "text": f"TODO: step {n}"} for n in range(1, 4)],
        }
    elif qtype == "matching":
        body = {
            "stem": "TODO: match each prompt",
            "pairs": [{"left": f"TODO: prompt {n}", "right": f"TODO: answer {n}"} for n in range(1, 4)],
        }
    elif qtype == "fill_in":
        body = {
            "stem": "Fill in the gap so that the program prints `TODO`.",
            "code": "print({{gap}})\n",
            "blanks": {"gap": {"accept": ["'TODO'"]}},
            "expected_output": "TODO",
        }
    elif qtype == "numeric":
        body = {"stem": "TODO: a question with a numeric answer", "answer": 0.5, "tolerance": 0.005}
    else:
        sub = {
            "type": "single_choice",
            "difficulty": "medium",
            "explanation": "TODO: why",
            "options": [_option("a", True), _option("b"), _option("c")],
        }
        body = {
            "scenario": "TODO: the shared scenario",
            "questions": [
                {**sub, "id": f"{qid}-a", "stem": "TODO: first question"},
                {**sub, "id": f"{qid}-b", "stem": "TODO: second question"},
            ],
        }
    return {
        **base,
        **body,
        "explanation": "TODO: why the key is right",
        "references": ["TODO: documentation URL or title"],
    }


def cmd_new_question(args: argparse.Namespace) -> int:
    profiles = bundled_profiles()
    profile = next((p for p in profiles.values() if p.id.lower() == args.cert.lower()), None)
    if profile is None:
        raise UserError(f"unknown exam or step '{args.cert}'", "choose one of: " + ", ".join(profiles))
    domain = args.domain or profile.domains[0].number
    if profile.domain(domain) is None:
        raise UserError(
            f"{profile.id} has no domain {domain}", "domains: " + ", ".join(str(d.number) for d in profile.domains)
        )
    from examprep.authoring.yamlstyle import dump  # PyYAML: imported by the commands that write YAML

    rng = random.SystemRandom()
    qid = f"{profile.id.lower()}-{''.join(rng.choice(_ALPHABET) for _ in range(8))}"
    text = dump([scaffold(args.type, profile.id, domain, qid)])
    indented = "".join(f"  {line}" if line.strip() else line for line in text.splitlines(keepends=True))
    sys.stdout.write(
        f"  # paste under `questions:` in a bank with `profile: {profile.id}`; replace every TODO, then run examprep lint\n{indented}"
    )
    return 0


def _walk(parser: argparse.ArgumentParser) -> tuple[list[str], dict[str, list[str]]]:
    """Top-level options, and each subcommand's options."""
    top = [s for a in parser._actions for s in a.option_strings]
    subs: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                subs[name] = [s for a in sub._actions for s in a.option_strings]
    return top, subs


def completion_script(shell: str, parser: argparse.ArgumentParser) -> str:
    """A static completion script for bash or zsh (zsh through bashcompinit)."""
    top, subs = _walk(parser)
    cases = "\n".join(f'        {name}) opts="{" ".join(opts)}" ;;' for name, opts in sorted(subs.items()))
    script = f"""# examprep completion for {shell}; load with: source <(examprep completion {shell})
_examprep() {{
    local cur cmd opts i
    cur="${{COMP_WORDS[COMP_CWORD]}}"
    cmd=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${{COMP_WORDS[i]}}" in -*) ;; *) cmd="${{COMP_WORDS[i]}}"; break ;; esac
    done
    case "$cmd" in
{cases}
        *) opts="{" ".join(sorted(subs))} {" ".join(top)}" ;;
    esac
    if [[ "$cur" == -* || -z "$cmd" ]]; then
        COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    else
        COMPREPLY=( $(compgen -f -- "$cur") )
    fi
}}
complete -F _examprep examprep
"""
    if shell == "zsh":
        script = "autoload -U +X bashcompinit && bashcompinit\n" + script
    return script


def register(sub: Any) -> None:
    """Add this module's subcommands."""
    p = sub.add_parser("new-question", help="print a valid question skeleton with a fresh id")
    p.add_argument("--type", choices=QUESTION_TYPES, default="single_choice")
    p.add_argument("--cert", required=True, help="exam code or step-N, e.g. AIF-C01")
    p.add_argument("--domain", type=int, help="domain number (default: the first)")
    p.set_defaults(handler=cmd_new_question)

    p = sub.add_parser("completion", help="shell completion script (bash or zsh)")
    p.add_argument("shell", choices=["bash", "zsh"])
    p.set_defaults(handler=lambda args: _print_completion(args))


def _print_completion(args: argparse.Namespace) -> int:
    from examprep.cli import build_parser

    sys.stdout.write(completion_script(args.shell, build_parser()))
    return 0
