"""The help overlay: every key, by screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

HELP = """
# Keys

## Everywhere
| Key | Action |
|---|---|
| `?` | this help |
| `ctrl+p` | command palette: type "mock aif", "practice step-3", "weak areas pcap", "resume"... |
| `ctrl+t` | switch light / dark theme |
| `ctrl+q` | quit (an exam in progress is saved and can be resumed) |

## Home
| Key | Action |
|---|---|
| `↑/↓` `Enter` | choose an exam or roadmap step |
| `m` | full-length mock exam (timed, no feedback until the end) |
| `p` | practice (instant feedback after each answer) |
| `d` | drill or custom exam (domain, step, tag, missed / marked / unseen / due) |
| `f` | take a form again from its code |
| `c` | resume the unfinished attempt |
| `v` | spaced review of due questions |
| `w` | weak-area report |
| `h` | past attempts and their results |
| `Tab` | move between the exam, step and attempt tables |

## Exam
| Key | Action |
|---|---|
| `1`-`9`, `a`-`j` | choose an option (again to un-choose) |
| `↑/↓` `space` `Enter` | move and choose |
| `shift+↑/↓` or `[` `]` | ordering: move the selected item |
| letter or `←/→` | matching: assign a choice to the selected prompt |
| `n` / `PgDn`, `p` / `PgUp` | next / previous question |
| `m` | mark for review |
| `x` | clear the answer |
| `g` | navigator: jump to any question |
| `k` | practice: check the answer |
| `r` | review all, unanswered or marked, then submit |
| `Esc` | pause (resume later from home) |

## Weak-area report
| Key | Action |
|---|---|
| `1` `2` `3` `4` | by exam domain, roadmap step, tag, objective |
| `Enter` | drill the highlighted area (or confusion pair) |
| `d` | drill the two weakest domains, due reviews first |
| `v` | spaced review of what is due |
| `Esc` | back |

## Results
| Key | Action |
|---|---|
| `w` / `f` / `a` | show wrong / marked / all questions |
| `Enter` | open a question: your answer, the key, every rationale |
| `d` | drill the questions you got wrong |
| `i` | weak-area report of this exam |
| `Esc` | back to home |
"""


class HelpScreen(ModalScreen[None]):
    """Lists every key."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss(None)", "Close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(HELP)
