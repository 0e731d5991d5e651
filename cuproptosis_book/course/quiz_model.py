"""Self-check quizzes: one kernel-free explorer per question, answer keys read from ``data/``.

Design (why): a quiz has to work in Jupyter and on the static site with no kernel and no network, and its
answer key must never disagree with the book. So a question is an :class:`~cuproptosis_book.explorers.base.Explorer`
with one dropdown ("Your answer"), whose states are the feedback panels, and every factual question is
*generated* from the data: the correct option is looked up in ``relations.csv``, ``resistance.csv``
(Table 2), ``nanoparticles.csv`` (Table 1), ``trials.csv``, ``glossary.csv`` or ``errata.csv`` when the
quiz is built, and the distractors are other entities of the same kind that the data show to be wrong.
A builder that finds no answer, several answers, or a distractor that is also right raises
:class:`QuizError` instead of printing a wrong key.

Short-answer questions are explorers too: a dropdown reveals a model answer (conceptual questions) whose
factual part, where there is one, is again taken from the data (for example an erratum's text).

The questions of each chapter are in :mod:`cuproptosis_book.course.quiz`.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from cuproptosis_book.data import ReviewData
from cuproptosis_book.explorers.base import Control, Explorer, State, dual_bundle
from cuproptosis_book.review.tables import table2_ids
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
            raise QuizError(f"{self.id}: a question checks at least one objective")
        if self.kind == "choice":
            n_right = sum(o.correct for o in self.options)
            if n_right != 1:
                raise QuizError(f"{self.id}: {n_right} correct options, expected exactly one")
            labels = [o.label for o in self.options]
            if len(set(labels)) != len(labels) or CHOOSE in labels:
                raise QuizError(f"{self.id}: option labels must be distinct: {labels}")
            if len(labels) < 2:
                raise QuizError(f"{self.id}: a multiple-choice question needs at least two options")
        elif not self.answer:
            raise QuizError(f"{self.id}: a short-answer question needs a model answer")

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
        if self.source:
            bits.append(f"key: {self.source}")
        return f'<p class="cb-quiz-source"><small>{esc(" · ".join(bits))}</small></p>' if bits else ""

    def panel(self, value: str) -> str:
        """Feedback HTML for a control value (:data:`NONE` is the neutral first option)."""
        if value == NONE:
            return PROMPT_PANEL
        if self.kind == "short":
            return (f'<div class="cb-quiz-feedback"><p><strong>Model answer.</strong> {esc(self.answer)}</p>'
                    + (f"<p>{esc(self.explanation)}</p>" if self.explanation else "") + self._footer() + "</div>")
        option = next(o for o in self.options if self.values[o.label] == value)
        if option.correct:
            return (f'<div class="cb-quiz-feedback cb-quiz-correct"><p><strong>✔ Correct.</strong> '
                    f"{esc(self.explanation)}</p>{self._footer()}</div>")
        why = f" {esc(option.feedback)}" if option.feedback else ""
        return (f'<div class="cb-quiz-feedback cb-quiz-wrong"><p><strong>✘ Not quite.</strong>{why} '
                f"Try another answer.</p></div>")

    def explorer(self, number: int | None = None) -> Explorer:
        """The question as a kernel-free explorer (dropdown + feedback panel)."""
        title = (f"Question {number}. " if number is not None else "") + self.prompt
        if self.kind == "short":
            options: tuple[tuple[str, str], ...] = ((CHOOSE.replace("choose", "think first"), NONE),
                                                     ("Show the model answer", "show"))
            label = "Model answer"
        else:
            options = ((CHOOSE, NONE),) + tuple((o.label, self.values[o.label]) for o in self.options)
            label = "Your answer"
        objectives = ", ".join(f"[{o}]" for o in self.objectives)
        view = (f'<p class="cb-quiz-meta"><small>{esc(self.id)} · checks objective{"s" if len(self.objectives) > 1 else ""} '
                f"{esc(objectives)} · {'short answer' if self.kind == 'short' else 'multiple choice'}</small></p>")

        def state(answer: str) -> State:
            return State(on=None, panel=self.panel(answer))

        return Explorer(name=f"quiz-{self.id}", title=title,
                        controls=[Control("answer", label, options, default=NONE)],
                        view=view, state=state)


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

    def _repr_mimebundle_(self, include: Iterable[str] | None = None, exclude: Iterable[str] | None = None
                          ) -> dict[str, Any]:
        return dual_bundle(self.html(), f"Quiz: {len(self.questions)} questions", self.widget)


def only_one(found: Iterable[str], what: str) -> str:
    found = sorted(set(found))
    if len(found) != 1:
        raise QuizError(f"{what}: expected exactly one answer in the data, found {found}")
    return found[0]


def relation_rows(review: ReviewData, **where: Any) -> pd.DataFrame:
    """Rows of relations.csv matching every ``column=value``; ``figure=n`` means n is among the figures,
    ``erratum=()`` means no erratum."""
    rel = review.relations
    mask = pd.Series(True, index=rel.index)
    for col, value in where.items():
        if col == "figure":
            mask &= rel["figure"].map(lambda figs, v=value: v in figs)
        else:
            mask &= rel[col].map(lambda cell, v=value: cell == v)
    return rel[mask]


def entity_label(review: ReviewData, entity: str) -> str:
    return review.label(entity)


def _entity_feedback(review: ReviewData, entity: str) -> str:
    """What a distractor is, in the data's own words (entities.csv description)."""
    return f"{entity_label(review, entity)}: {review.entities.loc[entity, 'description']}"


def rows_refs(rows: pd.DataFrame) -> tuple[int, ...]:
    return tuple(sorted({r for refs in rows["refs"] for r in refs}))


def _errata_of(rows: pd.DataFrame) -> tuple[str, ...]:
    return tuple(sorted({e for errs in rows["erratum"] for e in errs}))


def _sorted_options(options: list[Option]) -> tuple[Option, ...]:
    """Options in a stable order that does not depend on which one is right (alphabetical)."""
    return tuple(sorted(options, key=lambda o: (o.label.casefold(), o.label)))


def entity_question(review: ReviewData, qid: str, chapter: str, prompt: str, answer: str,
                    distractors: Sequence[str], wrong: Callable[[str], bool], explanation: str,
                    objectives: tuple[str, ...], refs: tuple[int, ...], source: str,
                    errata: tuple[str, ...] = (), feedback: Mapping[str, str] | None = None) -> Question:
    """A multiple-choice question whose options are entities.

    ``wrong(entity)`` must be true for every distractor, so a distractor that the data also support is
    caught when the quiz is built (not by a student).
    """
    for d in distractors:
        if d == answer or not wrong(d):
            raise QuizError(f"{qid}: distractor {d!r} is also an answer according to the data")
    feedback = dict(feedback or {})
    options = [Option(entity_label(review, answer), True)]
    options += [Option(entity_label(review, d), False, feedback.get(d) or _entity_feedback(review, d)) for d in distractors]
    return Question(qid, chapter, prompt, objectives, options=_sorted_options(options), explanation=explanation,
                    refs=refs, source=source, errata=errata)


def text_question(qid: str, chapter: str, prompt: str, right: str, wrong: Mapping[str, str], explanation: str,
                  objectives: tuple[str, ...], refs: tuple[int, ...] = (), source: str = "",
                  errata: tuple[str, ...] = ()) -> Question:
    """A multiple-choice question with free-text options (``wrong`` maps each distractor to its feedback)."""
    options = [Option(right, True)] + [Option(label, False, fb) for label, fb in wrong.items()]
    return Question(qid, chapter, prompt, objectives, options=_sorted_options(options), explanation=explanation,
                    refs=refs, source=source, errata=errata)


def short_question(qid: str, chapter: str, prompt: str, answer: str, objectives: tuple[str, ...],
                   explanation: str = "", refs: tuple[int, ...] = (), source: str = "",
                   errata: tuple[str, ...] = ()) -> Question:
    return Question(qid, chapter, prompt, objectives, kind="short", answer=answer, explanation=explanation,
                    refs=refs, source=source, errata=errata)


def relation_question(review: ReviewData, qid: str, chapter: str, prompt: str, *, ask: Literal["source", "target"],
                      where: Mapping[str, Any], distractors: Sequence[str], explanation: str,
                      objectives: tuple[str, ...], feedback: Mapping[str, str] | None = None,
                      exclude: Sequence[str] = (), wrong_where: Mapping[str, Any] | None = None) -> Question:
    """"Which X …?" where X is the single ``source`` (or ``target``) of the relations matching ``where``.

    A distractor must not be the ``ask`` end of any relation matching ``wrong_where`` (default: ``where``).
    """
    rows = relation_rows(review, **where)
    rows = rows[~rows[ask].isin(exclude)]
    answer = only_one(rows[ask], f"{qid} ({ask} of relations where {dict(where)})")
    rows = rows[rows[ask] == answer]
    facts = "; ".join(
        f"{entity_label(review, r.source)} {r.relation} {entity_label(review, r.target)}"
        + (f" (Figure {', '.join(map(str, r.figure))})" if r.figure else "")
        for r in rows.itertuples()
    )
    return entity_question(
        review, qid, chapter, prompt, answer, distractors,
        wrong=lambda d: d not in set(relation_rows(review, **(wrong_where or where))[ask]) or d in exclude,
        explanation=explanation, objectives=objectives, refs=rows_refs(rows),
        source=f"relations.csv: {facts}", errata=_errata_of(rows), feedback=feedback,
    )


def glossary_question(review: ReviewData, qid: str, chapter: str, term: str, distractor_terms: Sequence[str],
                      explanation: str, objectives: tuple[str, ...]) -> Question:
    """"What does TERM stand for?": the key is the expansion in glossary.csv."""
    gl = review.glossary.set_index("term")
    right = str(gl.loc[term, "expansion"])
    wrong = {str(gl.loc[t, "expansion"]): f"That is the expansion of {t}." for t in distractor_terms}
    errata = tuple(gl.loc[term, "erratum"])
    return text_question(qid, chapter, f"What does the abbreviation {term} stand for?", right, wrong, explanation,
                         objectives, source=f"glossary.csv: {term} = {right}", errata=errata)


def trial_rows(review: ReviewData, population_word: str) -> pd.DataFrame:
    t = review.trials
    return t[t["population"].str.contains(population_word, case=False, regex=False)]


def table2_drugs(review: ReviewData, agent: str) -> tuple[str, ...]:
    """The drugs of an agent's Table 2 row, in printed order (ids)."""
    t2 = table2_ids(review).set_index("agent")
    return tuple(t2.loc[agent, "drugs"])


def entity_labels(review: ReviewData, ids: Iterable[str]) -> str:
    return ", ".join(entity_label(review, i) for i in ids)
