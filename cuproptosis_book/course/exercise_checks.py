"""Feedback on the coding exercises: the check cell of every scaffold in the student notebooks.

What each exercise asks for, how an answer is compared and the hint a learner gets all live in
``data/course/checks.yml`` (one entry per exercise id, one per checked part). The expected values are computed here,
from the book's data, by the functions of :data:`EXPECTED` (the name in the YAML's ``expected`` field). A learner
runs, offline::

    from cuproptosis_book.course.exercise_checks import check
    check("ex-cm-2", a=answer_a, b=answer_b, c=answer_c)

and reads, per part, whether the answer is right and, if not, a hint (never the answer). :func:`check` never raises:
a wrong type, a placeholder left as ``...`` or an error while comparing are all reported as feedback.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import yaml

from cuproptosis_book.data import ReviewData, data_dir, review_of
from cuproptosis_book.review import agents, evidence, graph, network, tables

CHECKS_FILE = "course/checks.yml"
COMPARISONS = ("entities", "number", "counts", "pairs", "text")


# -- the check data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One checked part of an exercise."""

    name: str  #: the keyword of :func:`check` and the scaffold's variable (``a`` -> ``answer_a``)
    variable: str
    asks: str
    expected: str
    compare: str
    hint: str
    solution: str  #: how the worked solution's variables give this answer (used by the tests)


@dataclass(frozen=True)
class ExerciseCheck:
    exercise: str
    parts: tuple[Part, ...]


def checks_path(folder: Path | None = None) -> Path:
    return (folder or data_dir()) / CHECKS_FILE


@cache
def _load(path: str) -> dict[str, ExerciseCheck]:
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out: dict[str, ExerciseCheck] = {}
    for exercise, parts in raw.items():
        items = []
        for name, spec in parts.items():
            missing = [k for k in ("asks", "expected", "compare", "hint", "solution") if k not in spec]
            if missing:
                msg = f"{CHECKS_FILE}: {exercise} part {name} lacks {', '.join(missing)}"
                raise ValueError(msg)
            if spec["compare"] not in COMPARISONS:
                msg = f"{CHECKS_FILE}: {exercise} part {name}: compare must be one of {COMPARISONS}"
                raise ValueError(msg)
            if spec["expected"] not in EXPECTED:
                msg = f"{CHECKS_FILE}: {exercise} part {name}: no expected value {spec['expected']!r}"
                raise ValueError(msg)
            variable = str(spec.get("variable", f"answer_{name}" if len(name) == 1 else name))
            items.append(
                Part(
                    str(name),
                    variable,
                    str(spec["asks"]).strip(),
                    str(spec["expected"]),
                    str(spec["compare"]),
                    " ".join(str(spec["hint"]).split()),
                    str(spec["solution"]).strip(),
                )
            )
        out[str(exercise)] = ExerciseCheck(str(exercise), tuple(items))
    return out


def exercise_checks(folder: Path | None = None) -> dict[str, ExerciseCheck]:
    """Every exercise's check, from ``data/course/checks.yml``."""
    return _load(str(checks_path(folder)))


def check_cell_source(exercise: ExerciseCheck) -> str:
    """The code of the check cell that follows a scaffold."""
    args = ", ".join(f"{p.name}={p.variable}" for p in exercise.parts)
    return (
        "# Check your answer: says, offline, whether it is right and, if not, gives a hint (never the answer).\n"
        "from cuproptosis_book.course.exercise_checks import check\n\n"
        f'check("{exercise.exercise}", {args})'
    )


# -- comparing an answer ----------------------------------------------------------------------------------


def _entity_index(review: ReviewData) -> dict[str, str]:
    """Lower-cased id or label -> id, so that ``"ATOX1"`` and ``"atox1"`` both name the same entity."""
    index = {str(i).lower(): str(i) for i in review.entities["id"]}
    index.update({str(label).lower(): str(i) for i, label in review.labels.items()})
    return index


def _name(value: Any, index: Mapping[str, str]) -> str:
    text = str(value).strip()
    return index.get(text.lower(), text.lower())


def _items(value: Any) -> list[Any]:
    """The elements of a list-like answer: a DataFrame or a dict gives its index/keys, a Series its values or index."""
    if isinstance(value, pd.DataFrame | Mapping):
        return list(value.index if isinstance(value, pd.DataFrame) else value.keys())
    if isinstance(value, pd.Series):
        if value.dtype == bool:
            return list(value.index[value])
        return list(value.index) if pd.api.types.is_numeric_dtype(value) else list(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    msg = "a list (or set) of names"
    raise TypeError(msg)


def _entities(value: Any, index: Mapping[str, str]) -> set[str]:
    return {_name(v, index) for v in _items(value)}


def _number(value: Any) -> float:
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__index__")):
        try:
            return float(value)  # numpy scalars
        except (TypeError, ValueError):
            msg = "a number"
            raise TypeError(msg) from None
    return float(value)


def _counts(value: Any, index: Mapping[str, str]) -> dict[str, float]:
    if isinstance(value, pd.DataFrame) and value.shape[1] == 1:
        value = value.iloc[:, 0]
    if not isinstance(value, pd.Series | Mapping):
        msg = "a mapping from each name to its count (a dict or a pandas Series)"
        raise TypeError(msg)
    items = value.items()
    return {_name(k, index): _number(v) for k, v in items if _number(v) != 0}


def _pairs(value: Any, index: Mapping[str, str]) -> set[tuple[str, str]]:
    out = set()
    for item in _items(value):
        if isinstance(item, str) or not isinstance(item, Iterable) or len(list(item)) != 2:
            msg = "a list of pairs, such as (entity, relation)"
            raise TypeError(msg)
        a, b = list(item)
        out.add((_name(a, index), _name(b, index)))
    return out


@dataclass
class Feedback:
    part: str
    asks: str
    status: str  #: right | wrong | missing | unreadable
    message: str

    @property
    def right(self) -> bool:
        return self.status == "right"

    def line(self) -> str:
        mark = {"right": "✔", "missing": "…"}.get(self.status, "✘")
        head = f"({self.part})" if len(self.part) == 1 else self.part
        return f"{mark} {head} {self.asks}: {self.message}"


@dataclass
class CheckReport:
    """What :func:`check` says: one line per part, and whether every part is right."""

    exercise: str
    feedback: list[Feedback] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.feedback) and all(f.right for f in self.feedback)

    def __repr__(self) -> str:
        head = f"Exercise {self.exercise}: " + (
            "all right, well done."
            if self.passed
            else f"{sum(f.right for f in self.feedback)} of {len(self.feedback)} right so far."
        )
        return "\n".join([head] + [f.line() for f in self.feedback])

    def _repr_markdown_(self) -> str:
        return "\n".join(["**" + repr(self).split("\n", 1)[0] + "**", ""] + [f"- {f.line()}" for f in self.feedback])


def _differences(given: set[Any], expected: set[Any]) -> str:
    extra, missing = len(given - expected), len(expected - given)
    said = []
    if extra:
        said.append(f"{extra} of your {len(given)} item{'s' if len(given) != 1 else ''} should not be there")
    if missing:
        said.append(f"{missing} item{'s are' if missing != 1 else ' is'} missing")
    return "; ".join(said)


def compare(part: Part, given: Any, review: ReviewData) -> Feedback:
    """Compare one answer with the expected value of ``part``; never raises."""
    if given is Ellipsis:
        return Feedback(part.name, part.asks, "missing", f"not answered yet (replace the `...`). Hint: {part.hint}")
    try:
        expected = EXPECTED[part.expected](review)
        index = _entity_index(review)
        detail = ""
        if part.compare == "entities":
            g, e = _entities(given, index), _entities(expected, index)
            ok, detail = g == e, _differences(g, e)
        elif part.compare == "pairs":
            gp, ep = _pairs(given, index), _pairs(expected, index)
            ok, detail = gp == ep, _differences(gp, ep)
        elif part.compare == "counts":
            gc, ec = _counts(given, index), _counts(expected, index)
            ok = gc.keys() == ec.keys() and all(math.isclose(gc[k], ec[k]) for k in ec)
            detail = _differences(set(gc), set(ec)) or ("" if ok else "the names are right, some counts are not")
        elif part.compare == "number":
            ok = math.isclose(_number(given), _number(expected))
        else:
            ok = str(given).strip().lower() == str(expected).strip().lower()
    except TypeError as exc:
        return Feedback(part.name, part.asks, "unreadable", f"expected {exc}, got {type(given).__name__}.")
    except Exception as exc:  # noqa: BLE001  feedback, not a traceback: the learner's value may be anything
        return Feedback(part.name, part.asks, "unreadable", f"could not read this answer ({exc}). Hint: {part.hint}")
    if ok:
        return Feedback(part.name, part.asks, "right", "right.")
    return Feedback(
        part.name, part.asks, "wrong", "not yet" + (f" ({detail})" if detail else "") + f". Hint: {part.hint}"
    )


def check(exercise: str, /, **answers: Any) -> CheckReport:
    """Check the answers to ``exercise`` (keywords: the part names, ``a=answer_a`` …); returns the feedback."""
    report = CheckReport(exercise)
    spec = exercise_checks().get(exercise)
    if spec is None:
        report.feedback.append(Feedback("?", exercise, "unreadable", "no check is known for this exercise."))
        return report
    review = review_of(None)
    for part in spec.parts:
        report.feedback.append(compare(part, answers.get(part.name, Ellipsis), review))
    return report


# -- the expected values, computed from the data ----------------------------------------------------------


def _copper_moves(review: ReviewData, *, disputed: bool = True) -> nx.DiGraph:
    rel = review.relations
    moves = rel[
        rel.relation.isin(["transports", "exports", "delivers"])
        & rel.target.isin(["cu_i", "cu_ii", "copper"])
        & rel.destination.notna()
    ]
    if not disputed:
        moves = moves[~moves.note.str.startswith("DISPUTED", na=False)]
    return nx.from_pandas_edgelist(moves, "source", "destination", create_using=nx.DiGraph)


def _atox1_reach(review: ReviewData) -> set[str]:
    return set(nx.descendants(_copper_moves(review), "atox1"))


def _atox1_lost(review: ReviewData) -> set[str]:
    return _atox1_reach(review) - set(nx.descendants(_copper_moves(review, disputed=False), "atox1"))


def _chaperones_to_mt_co2(review: ReviewData) -> set[str]:
    g = _copper_moves(review, disputed=False)
    return {c for c in ("atox1", "ccs", "cox17") if c in g and "mt_co2" in g and nx.has_path(g, c, "mt_co2")}


DEATHS = {"cuproptosis", "ferroptosis", "apoptosis"}
GENERAL = {"copper", "copper_ionophores", "copper_chelators"}


def _specific_deaths(review: ReviewData) -> dict[str, set[str]]:
    g = nx.from_pandas_edgelist(
        review.relations, "source", "target", edge_attr="relation", create_using=nx.MultiDiGraph
    )
    specific = g.subgraph(set(g) - GENERAL)
    return {a: DEATHS & agents.reachable_from(specific, a, 2, review) for a in agents.IONOPHORES}


def _ionophores_no_death(review: ReviewData) -> set[str]:
    return {a for a, d in _specific_deaths(review).items() if not d}


def _ionophores_only_apoptosis(review: ReviewData) -> set[str]:
    return {a for a, d in _specific_deaths(review).items() if d == {"apoptosis"}}


def _trials_tolerated(review: ReviewData) -> set[int]:
    t = review.trials
    return {int(r) for r in t.loc[t["phase"].astype(str).str.fullmatch("I"), "ref"]}


def _trials_no_benefit(review: ReviewData) -> set[int]:
    t = review.trials
    return {int(r) for r in t.loc[t["outcome_class"].astype(str).str.startswith("no_"), "ref"]}


def _cuproptosis_drivers_by_kind(review: ReviewData) -> dict[str, int]:
    rel, kinds = review.relations, dict(zip(review.entities["id"], review.entities["kind"], strict=True))
    drivers = rel[(rel.target == "cuproptosis") & rel.relation.isin(["induces", "promotes"])]
    return {str(k): int(v) for k, v in drivers.source.map(kinds).value_counts().items()}


def _relations_at_dlat(review: ReviewData) -> set[tuple[str, str]]:
    rel = review.relations
    mech = rel[rel.figure.map(lambda f: 3 in f) | rel.section.map(lambda s: "cuproptosis" in s)]
    at = mech[mech.target == "dlat"]
    return set(zip(at.source.astype(str), at.relation.astype(str), strict=True))


def _helpful(review: ReviewData) -> pd.DataFrame:
    r = review.resistance
    return r[r["effect"].isin(["overcomes_resistance", "sensitizes"]) & ~r["agent"].isin(["hotair", "h19"])]


def _drug_most_agents(review: ReviewData) -> set[str]:
    counts = _helpful(review).groupby("drug")["agent"].nunique()
    return set(counts[counts == counts.max()].index)


def _drug_most_agents_classes(review: ReviewData) -> int:
    helps = _helpful(review)
    drug = min(_drug_most_agents(review))
    return int(helps.loc[helps["drug"] == drug, "agent_class"].nunique())


def _table2(review: ReviewData) -> pd.DataFrame:
    r = review.resistance
    return r[r["in_table2"]]


def _table2_resistant(review: ReviewData) -> int:
    return int((_table2(review)["effect"] == "overcomes_resistance").sum())


def _table2_not_resistant_agents(review: ReviewData) -> set[str]:
    t2 = _table2(review)
    return set(t2.loc[t2["effect"] == "sensitizes", "agent"].astype(str))


def _agents_per_drug(review: ReviewData) -> dict[str, int]:
    b = network.agent_drug_bipartite(review)
    return {str(n): int(b.degree(n)) for n, side in b.nodes(data="side") if side == "drug"}


def _single_agent_drugs(review: ReviewData) -> set[str]:
    return {d for d, n in _agents_per_drug(review).items() if n == 1}


def _drugs_further_away(review: ReviewData) -> set[str]:
    simple = network.simple_graph(graph.review_graph(review))
    reduced = simple.copy()
    reduced.remove_nodes_from(["cuproptosis", "drug_resistance"])
    sources = set(network.copper_metabolism_entities(review))
    before = nx.multi_source_dijkstra_path_length(simple, sources)
    after = nx.multi_source_dijkstra_path_length(reduced, sources)
    return {d for d in network.resistance_drugs(review) if d in before and (d not in after or after[d] > before[d])}


def _ionophores_shared_without_109(review: ReviewData) -> set[str]:
    r = review.resistance
    helps = r[r["effect"].isin(["overcomes_resistance", "sensitizes"]) & ~r["refs"].map(lambda refs: 109 in refs)]
    by = {a: set(helps.loc[helps["agent"] == a, "drug"].astype(str)) for a in ("elesclomol", "disulfiram")}
    return by["elesclomol"] & by["disulfiram"]


def _edge_weight_without_109(review: ReviewData) -> int:
    return len(_ionophores_shared_without_109(review))


def _particles_per_effect(review: ReviewData) -> dict[str, int]:
    m = tables.effect_matrix(review).astype(int)
    return {str(k): int(v) for k, v in m.sum().items()}


def _effect_with_icd(review: ReviewData) -> set[str]:
    m = tables.effect_matrix(review).astype(int)
    row = (m.T @ m).loc["immunogenic_cell_death"].drop(["immunogenic_cell_death", "cuproptosis"])
    counts = {str(k): int(v) for k, v in row.to_dict().items()}
    return {k for k, v in counts.items() if v == max(counts.values())}


def _tumours_with_several_particles(review: ReviewData) -> set[str]:
    ids = tables.table1_ids(review)
    count: dict[str, int] = {}
    for tumours in ids["tumour_types"]:
        for t in set(tumours):
            count[t] = count.get(t, 0) + 1
    return {t for t, n in count.items() if n > 1}


def _proteins_other_agents_act_on(review: ReviewData) -> set[str]:
    rel, kinds = review.relations, dict(zip(review.entities["id"], review.entities["kind"], strict=True))
    direct = rel[rel["source"].isin(agents.OTHER_AGENTS) & rel["target"].map(kinds).eq("protein")]
    return set(direct["target"].astype(str))


def _agents_with_animal_evidence(review: ReviewData) -> set[str]:
    records = evidence.evidence_records(review)
    return set(records.loc[records["levels"].map(lambda levels: "animal_model" in levels), "agent"].astype(str))


def _agents_without_model(review: ReviewData) -> set[str]:
    records = evidence.evidence_records(review)
    stated = records.groupby("agent")["levels"].apply(lambda col: any(len(levels) for levels in col))
    return {str(a) for a in stated[~stated].index}


IMMUNE_TAGS = {"immune_response", "immunogenic_cell_death"}


def _immune_particles(review: ReviewData) -> set[str]:
    nps = review.nanoparticles
    return set(nps.loc[nps["effect_tags"].map(lambda tags: bool(IMMUNE_TAGS & set(tags))), "entity"].astype(str))


def _immune_particles_in_animals(review: ReviewData) -> set[str]:
    summary = evidence.evidence_summary(review)
    particles = _immune_particles(review)
    animals = summary["animal_model"]
    return {p for p in particles if p in summary.index and int(animals[p]) > 0}


#: The expected value of each checked part, by the name ``data/course/checks.yml`` gives it.
EXPECTED: dict[str, Callable[[ReviewData], Any]] = {
    "atox1_reach": _atox1_reach,
    "atox1_lost_without_disputed": _atox1_lost,
    "chaperones_to_mt_co2": _chaperones_to_mt_co2,
    "ionophores_no_death": _ionophores_no_death,
    "ionophores_only_apoptosis": _ionophores_only_apoptosis,
    "trials_tolerated": _trials_tolerated,
    "trials_no_benefit": _trials_no_benefit,
    "cuproptosis_drivers_by_kind": _cuproptosis_drivers_by_kind,
    "relations_at_dlat": _relations_at_dlat,
    "drug_most_agents": _drug_most_agents,
    "drug_most_agents_classes": _drug_most_agents_classes,
    "table2_resistant": _table2_resistant,
    "table2_not_resistant_agents": _table2_not_resistant_agents,
    "agents_per_drug": _agents_per_drug,
    "single_agent_drugs": _single_agent_drugs,
    "drugs_further_away": _drugs_further_away,
    "edge_weight_without_109": _edge_weight_without_109,
    "ionophores_shared_without_109": _ionophores_shared_without_109,
    "particles_per_effect": _particles_per_effect,
    "effect_with_icd": _effect_with_icd,
    "tumours_with_several_particles": _tumours_with_several_particles,
    "proteins_other_agents_act_on": _proteins_other_agents_act_on,
    "agents_with_animal_evidence": _agents_with_animal_evidence,
    "agents_without_model": _agents_without_model,
    "immune_particles": _immune_particles,
    "immune_particles_in_animals": _immune_particles_in_animals,
}
