"""Self-check quizzes: one kernel-free explorer per question, answer keys read from ``data/``.

Design (why): a quiz has to work in Jupyter and on the static site with no kernel and no network, and its
answer key must never disagree with the book. So a question is an :class:`~cuproptosis_book.explorers.base.Explorer`
with one dropdown ("Your answer"), whose states are the feedback panels, and every factual question is
checked against the data when the quiz is built (see :mod:`cuproptosis_book.course.quiz`, which reads the
questions from ``data/course/`` and raises :class:`QuizError` for a key the data do not give).

Short-answer questions are explorers too: a dropdown reveals a model answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cuproptosis_book.explorers.base import Control, Explorer, State, dual_bundle
from cuproptosis_book.text import esc, format_refs

#: The label of the first, neutral option of every question.
CHOOSE = "— choose —"

#: Control value of the neutral first option.
NONE = "none"

#: Panel of a question before an answer is chosen.
PROMPT_PANEL = '<p class="cb-quiz-feedback">Choose an answer to see feedback.</p>'


class QuizError(ValueError):
    """The data do not give a question a single, unambiguous answer."""


@dataclass(frozen=True)
class Option:
    """One answer option: its label, whether it is right, and what to tell a student who picks it."""

    label: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class Question:
    """A self-check question tied to learning objectives.

    ``kind="choice"``: ``options`` holds the answers, exactly one of them correct.
    ``kind="short"``: ``answer`` is the model answer, revealed on demand.
    ``explanation`` is shown with the correct answer; ``source`` says where in ``data/`` the key comes from.
    """

    id: str
    chapter: str
    prompt: str
    objectives: tuple[str, ...]
    kind: Literal["choice", "short"] = "choice"
    options: tuple[Option, ...] = ()
    answer: str = ""
    explanation: str = ""
    refs: tuple[int, ...] = ()
    source: str = ""
    errata: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.objectives:
            msg = f"{self.id}: a question checks at least one objective"
            raise QuizError(msg)
        if self.kind == "choice":
            n_right = sum(o.correct for o in self.options)
            if n_right != 1:
                msg = f"{self.id}: {n_right} correct options, expected exactly one"
                raise QuizError(msg)
            labels = [o.label for o in self.options]
            if len(set(labels)) != len(labels) or CHOOSE in labels:
                msg = f"{self.id}: option labels must be distinct: {labels}"
                raise QuizError(msg)
            if len(labels) < 2:
                msg = f"{self.id}: a multiple-choice question needs at least two options"
                raise QuizError(msg)
        elif not self.answer:
            msg = f"{self.id}: a short-answer question needs a model answer"
            raise QuizError(msg)

    @property
    def correct_label(self) -> str:
        """The label of the correct option (choice questions)."""
        return next(o.label for o in self.options if o.correct)

    @property
    def values(self) -> dict[str, str]:
        """Control value of each option label: ``a``, ``b``, … in display order."""
        return {o.label: chr(ord("a") + i) for i, o in enumerate(self.options)}

    def _footer(self) -> str:
        bits = []
        if self.refs:
            bits.append(f"review references {format_refs(self.refs)}")
        if self.errata:
            bits.append("see erratum " + ", ".join(self.errata))
        return f'<p class="cb-quiz-source"><small>{esc(" · ".join(bits))}</small></p>' if bits else ""

    def panel(self, value: str) -> str:
        """Feedback HTML for a control value (:data:`NONE` is the neutral first option)."""
        if value == NONE:
            return PROMPT_PANEL
        if self.kind == "short":
            return (
                f'<div class="cb-quiz-feedback"><p><strong>Model answer.</strong> {esc(self.answer)}</p>'
                + (f"<p>{esc(self.explanation)}</p>" if self.explanation else "")
                + self._footer()
                + "</div>"
            )
        option = next(o for o in self.options if self.values[o.label] == value)
        if option.correct:
            return (
                f'<div class="cb-quiz-feedback cb-quiz-correct"><p><strong>✔ Correct.</strong> '
                f"{esc(self.explanation)}</p>{self._footer()}</div>"
            )
        why = f" {esc(option.feedback)}" if option.feedback else ""
        return (
            f'<div class="cb-quiz-feedback cb-quiz-wrong"><p><strong>✘ Not quite.</strong>{why} '
            f"Try another answer.</p></div>"
        )

    def explorer(self, number: int | None = None) -> Explorer:
        """The question as a kernel-free explorer (dropdown + feedback panel)."""
        title = (f"Question {number}. " if number is not None else "") + self.prompt
        if self.kind == "short":
            options: tuple[tuple[str, str], ...] = (
                (CHOOSE.replace("choose", "think first"), NONE),
                ("Show the model answer", "show"),
            )
            label = "Model answer"
        else:
            options = ((CHOOSE, NONE), *tuple((o.label, self.values[o.label]) for o in self.options))
            label = "Your answer"
        objectives = ", ".join(f"[{o}]" for o in self.objectives)
        view = (
            f'<p class="cb-quiz-meta"><small>{esc(self.id)} · checks objective{"s" if len(self.objectives) > 1 else ""} '
            f"{esc(objectives)} · {'short answer' if self.kind == 'short' else 'multiple choice'}</small></p>"
        )

        def state(answer: str) -> State:
            return State(on=None, panel=self.panel(answer))

        return Explorer(
            name=f"quiz-{self.id}",
            title=title,
            controls=[Control("answer", label, options, default=NONE)],
            view=view,
            state=state,
        )


@dataclass
class Quiz:
    """Several questions shown together: one explorer each (HTML on the site, widgets in Jupyter)."""

    questions: Sequence[Question]
    _explorers: list[Explorer] = field(default_factory=list, init=False, repr=False)

    @property
    def explorers(self) -> list[Explorer]:
        if not self._explorers:
            self._explorers = [q.explorer(i) for i, q in enumerate(self.questions, 1)]
        return self._explorers

    def html(self) -> str:
        return '<div class="cb-quiz">' + "".join(e.html() for e in self.explorers) + "</div>"

    def widget(self) -> Any:
        import ipywidgets as w

        return w.VBox([e.widget() for e in self.explorers])

    def __repr__(self) -> str:
        return "\n".join(f"{i}. {q.prompt}" for i, q in enumerate(self.questions, 1))

    def _repr_mimebundle_(
        self,
        include: Iterable[str] | None = None,  # noqa: ARG002 - IPython passes include and exclude
        exclude: Iterable[str] | None = None,  # noqa: ARG002
    ) -> dict[str, Any]:
        return dual_bundle(self.html(), f"Quiz: {len(self.questions)} questions", self.widget)
