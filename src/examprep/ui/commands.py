"""Command-palette entries (ctrl+p): start any mode of any exam or step by typing its name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ExamCommands(Provider):
    """'Mock exam: AIF-C01', 'Practice: step-3', 'Weak areas: PCAP-31-03', resume, review..."""

    def _commands(self) -> Iterator[tuple[str, Callable[[], Any], str]]:
        app: Any = self.app
        yield "Resume the unfinished attempt", app.resume_latest, "Continue where you stopped"
        yield "Review questions due today", app.start_review, "Spaced review of missed and marked questions"
        yield "Take a form again from its code", app.ask_form_code, "The same questions in the same order"
        for profile in app.exams.profiles.values():
            name = profile.name
            if profile.kind == "certification":
                yield f"Mock exam: {profile.id}", partial(app.ask_mock, profile.id), name
            yield f"Practice: {profile.id}", partial(app.ask_start, profile.id, "practice"), name
            yield f"Drill or custom exam: {profile.id}", partial(app.ask_start, profile.id, "drill"), name
            yield f"Weak areas: {profile.id}", partial(app.show_report, profile.id), name

    async def discover(self) -> Hits:
        for text, command, help_text in list(self._commands())[:3]:
            yield DiscoveryHit(text, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, help_text in self._commands():
            score = matcher.match(f"{text} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(text), command, help=help_text)
