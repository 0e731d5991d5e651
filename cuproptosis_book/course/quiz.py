"""The self-check quizzes of every chapter (the question texts and how each answer is looked up in ``data/``).

Typical use (one notebook cell per chapter)::

    from cuproptosis_book.course import quiz
    quiz.chapter_quiz("copper_metabolism")

The mechanics (questions as explorers, builders that check their key) are in
:mod:`cuproptosis_book.course.quiz_model`.
"""
from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable

import pandas as pd

from cuproptosis_book.course.quiz_model import (
    Question,
    Quiz,
    QuizError,
    entity_label,
    entity_labels,
    entity_question,
    glossary_question,
    only_one,
    relation_question,
    relation_rows,
    rows_refs,
    short_question,
    table2_drugs,
    text_question,
    trial_rows,
)
from cuproptosis_book.data import ReviewData, load_all
from cuproptosis_book.review.tables import table2_ids


def _copper_metabolism(review: ReviewData) -> list[Question]:
    ch = "copper_metabolism"
    lysosome = relation_question(
        review, "cm-q1", ch, "Which protein does Figure 1 show carrying Cu⁺ from the cytosol into lysosomes?",
        ask="source", where={"relation": "transports", "target": "cu_i", "destination": "lysosome"},
        distractors=["atox1", "cox17", "slc31a1"], objectives=("cm-4",),
        explanation="SLC46A3 sits in the lysosomal membrane; in mouse liver it seems to move copper into "
                    "lysosomes and so lowers the copper left in the cytosol (TCDD raises its expression).")
    sod1 = relation_question(
        review, "cm-q2", ch, "Which copper chaperone pairs with SOD1 and loads it with copper?",
        ask="source", where={"relation": "delivers", "destination": "sod1"},
        distractors=["atox1", "cox17", "mt"], objectives=("cm-3",),
        explanation="CCS forms a heterodimer with SOD1 and hands it copper, which switches the antioxidant "
                    "enzyme on; CCS can also bring copper to the nucleus.")
    mito = relation_question(
        review, "cm-q3", ch, "According to the main text, which chaperone is the main route of Cu⁺ into "
        "mitochondria?", ask="source",
        where={"relation": "transports", "target": "cu_i", "destination": "mitochondrion", "erratum": ()},
        distractors=["atp7a", "ccs", "slc46a3"], objectives=("cm-3", "cm-6"),
        feedback={"atp7a": "The Figure 1 legend does draw ATP7A taking Cu⁺ into mitochondria, but the text places "
                           "ATP7A in the Golgi as an exporter: the legend and the text disagree (erratum E06)."},
        explanation="COX17 carries Cu⁺ to SCO1 and SCO2 in the mitochondrial membrane, which insert it into "
                    "cytochrome c oxidase. The Figure 1 legend names ATP7A instead; the book follows the text "
                    "(erratum E06).")
    cisplatin = relation_question(
        review, "cm-q4", ch, "Which copper transporter is also a way into the cell for cisplatin, so that low "
        "levels of it go with cisplatin resistance?", ask="source",
        where={"relation": "transports", "target": "cisplatin", "destination": "cytosol"},
        distractors=["atox1", "ccs", "slc46a3"], objectives=("cm-5",),
        feedback={"atox1": "ATOX1 does bind cisplatin, but it traps the drug in vesicles rather than bringing it "
                           "into the cell."},
        explanation="Ctr1 (SLC31A1) imports cisplatin as well as copper; less Ctr1 means less drug inside and "
                    "goes with resistance, more Ctr1 with sensitivity.")
    oxidase = relation_question(
        review, "cm-q5", ch, "The review names one enzyme that turns Cu⁺ back into Cu²⁺. Which one?",
        ask="source", where={"relation": "oxidizes", "target": "cu_i"},
        distractors=["fdx1", "histone_h3_h4", "steap"], objectives=("cm-1",),
        explanation="CueO, a multicopper oxidase. Note the catch: the cited study describes it in the bacterium "
                    "Escherichia coli, although the review lists it beside human reductases (erratum E04).")
    grx1 = glossary_question(
        review, "cm-q6", ch, "GRX1", ["GSH", "ATOX1", "CCS"], objectives=("cm-3",),
        explanation="GRX1 is glutaredoxin 1, one of the donors ATOX1 takes copper from. The review expands it as "
                    "'glutathione 1', which mixes it up with glutathione (GSH), listed separately (erratum E12).")
    redox = short_question(
        "cm-q7", ch, "Why does a cell need both a reductase (such as STEAP) and a transporter (such as Ctr1) to "
        "take up copper from outside, and which copper ion is found inside the cell?",
        answer="Ctr1 only carries the reduced ion, Cu⁺, while copper outside the cell is mostly Cu²⁺. Reductases "
               "at the cell surface (the STEAP family, and Dcytb in the gut) first turn Cu²⁺ into Cu⁺, which "
               "Ctr1 then imports. Inside, copper is handled as Cu⁺ by chaperones and buffers (GSH, MT1/2).",
        objectives=("cm-1", "cm-2"), refs=rows_refs(relation_rows(review, source="steap", relation="reduces")),
        source="relations.csv: STEAP reduces Cu²⁺; SLC31A1/Ctr1 transports Cu⁺")
    return [lysosome, sod1, mito, cisplatin, oxidase, grx1, redox]


def _cuproptosis(review: ReviewData) -> list[Question]:
    ch = "cuproptosis"
    fdx1 = relation_question(
        review, "cu-q1", ch, "In the review's model of cuproptosis (Figure 3), which protein reduces Cu²⁺ to Cu⁺ "
        "in the mitochondrion?", ask="source",
        where={"relation": "reduces", "target": "cu_ii", "compartment": "mitochondrion"},
        distractors=["dlat", "lias", "steap", "slc31a1"], objectives=("cu-1",),
        feedback={"steap": "STEAP reduces Cu²⁺ too, but outside the cell, before uptake: not in mitochondria."},
        explanation="FDX1 (ferredoxin 1), the mitochondrial iron-sulfur protein that is also the target of "
                    "elesclomol. The Cu⁺ it makes is what binds lipoylated DLAT.")
    lias = relation_question(
        review, "cu-q2", ch, "Besides FDX1, which enzyme does Figure 3 show driving the lipoylation of DLAT?",
        ask="source", where={"relation": "lipoylates", "target": "dlat"}, exclude=["fdx1"],
        distractors=["gpx4", "slc31a1", "steap"], objectives=("cu-1",),
        explanation="LIAS (lipoic acid synthetase) builds the lipoyl groups onto DLAT. Without lipoylated DLAT "
                    "there is nothing for Cu⁺ to bind, so loss of LIAS protects cells from cuproptosis.")
    dlat = relation_question(
        review, "cu-q3", ch, "Cu⁺ binds a lipoylated mitochondrial protein and makes it clump. Which protein is "
        "it, the hallmark of cuproptosis in the review?", ask="target",
        where={"source": "cu_i", "relation": "aggregates"},
        distractors=["fdx1", "gpx4", "lias"], objectives=("cu-1",),
        explanation="DLAT, the lipoylated E2 subunit of pyruvate dehydrogenase. Its aggregation, with the loss of "
                    "Fe-S cluster proteins, causes the proteotoxic stress that kills the cell. The review says "
                    "'fatty acylation' where lipoylation is meant (erratum E13).")
    gpx4 = relation_question(
        review, "cu-q4", ch, "Copper can also push cancer cells into ferroptosis. Which enzyme does copper get "
        "degraded to do so?", ask="target", where={"source": "copper", "relation": "inhibits"},
        distractors=["fdx1", "sod1", "xiap"], objectives=("cu-4",),
        explanation="GPX4, the enzyme that repairs peroxidised lipids. Copper raises ROS and speeds up the "
                    "autophagy-linked breakdown of GPX4, so lipid damage builds up: that is ferroptosis, a "
                    "different death from cuproptosis.")
    dlat_name = glossary_question(
        review, "cu-q5", ch, "DLAT", ["DLD", "PDHB", "LIAS"], objectives=("cu-1", "cu-5"),
        explanation="Dihydrolipoamide S-acetyltransferase. In the cuproptosis section the review prints the name "
                    "of an unrelated enzyme; the Figure 3 legend has it right (erratum E14).")
    deaths = short_question(
        "cu-q6", ch, "Cuproptosis, ferroptosis and apoptosis: for each, name what triggers it and one key "
        "molecule the review (or textbook background) ties to it.",
        answer="Cuproptosis: copper overload in mitochondria; FDX1 makes Cu⁺, which binds lipoylated DLAT and "
               "makes it aggregate, Fe-S proteins are lost and proteotoxic stress kills the cell. Ferroptosis: "
               "iron-dependent lipid peroxidation when GPX4 fails; copper can promote it by raising ROS and "
               "getting GPX4 degraded. Apoptosis: caspase-driven programmed death, held back by inhibitors such "
               "as XIAP; CQ-Cu kills prostate cancer cells by removing XIAP, an apoptotic rather than a "
               "cuproptotic route.",
        objectives=("cu-4",), refs=(17, 51, 65),
        source="relations.csv: Cu⁺ aggregates DLAT; copper inhibits GPX4; CQ-Cu inhibits XIAP")
    brake = relation_question(
        review, "cu-q7", ch, "Which of the cell's own proteins does the review call a negative regulator (a brake) of "
        "cuproptosis?", ask="source", where={"relation": "inhibits", "target": "cuproptosis"},
        distractors=["fdx1", "lias", "slc30a1"], objectives=("cu-3",),
        wrong_where={"relation": "inhibits", "target": "cuproptosis"},
        explanation="CDKN2A. In multiple myeloma cells MUC20 lowers CDKN2A, which sets off cuproptosis and undoes "
                    "resistance to proteasome inhibitors. FDX1, LIAS and ZnT1 all push the other way: they are "
                    "needed for cuproptosis.")
    return [fdx1, lias, dlat, gpx4, dlat_name, deaths, brake]


def _copper_ionophores(review: ReviewData) -> list[Question]:
    ch = "copper_ionophores"
    target = relation_question(
        review, "io-q1", ch, "Which mitochondrial protein is the target of elesclomol?", ask="target",
        where={"source": "elesclomol", "relation": "binds", "compartment": "mitochondrion"},
        distractors=["aldh", "hsp70", "xiap"], objectives=("io-2",),
        feedback={"hsp70": "Inducing Hsp70 (and ROS) was the earlier explanation of elesclomol, before its copper "
                           "and FDX1 mechanism was found."},
        explanation="FDX1. Elesclomol brings Cu²⁺ into the cell, and FDX1 reduces it to Cu⁺ in mitochondria.")
    aldh = relation_question(
        review, "io-q2", ch, "Disulfiram has been used against alcohol dependence since 1951. Which enzyme does "
        "it block?", ask="target", where={"source": "disulfiram", "relation": "inhibits", "target": "aldh"},
        wrong_where={"source": "disulfiram", "relation": "inhibits"},
        distractors=["fdx1", "gpx4", "xiap"], objectives=("io-4",),
        explanation="ALDH (aldehyde dehydrogenase). Its anticancer effects in the review come from its copper "
                    "complex, disulfiram-Cu.")
    xiap = relation_question(
        review, "io-q3", ch, "The clioquinol–copper complex (CQ-Cu) kills prostate cancer cells by getting which "
        "protein degraded?", ask="target", where={"source": "clioquinol_cu", "relation": "inhibits"},
        distractors=["aldh", "fdx1", "gpx4"], objectives=("io-4",),
        explanation="XIAP, an inhibitor of apoptosis. Removing it releases a brake on apoptosis: this is not the "
                    "FDX1–DLAT route of cuproptosis.")
    # which metabolic state sensitises cells to elesclomol: the process that `promotes` elesclomol
    rows = relation_rows(review, target="elesclomol", relation="promotes")
    rows = rows[rows["source"].map(lambda s: review.entities.loc[s, "kind"] == "process")]
    metabolic = entity_question(
        review, "io-q4", ch, "Cells that depend heavily on which kind of metabolism are the most sensitive to "
        "elesclomol?", only_one(rows["source"], "io-q4"), ["glycolysis", "autophagy", "angiogenesis"],
        wrong=lambda d: d not in set(rows["source"]), objectives=("io-3",), refs=rows_refs(rows),
        source="relations.csv: " + "; ".join(f"{entity_label(review, s)} promotes elesclomol" for s in rows["source"]),
        feedback={"glycolysis": "The opposite: blocking glycolysis makes elesclomol work better."},
        explanation="Mitochondrial metabolism. FDX1 and the lipoylated enzymes that copper attacks are in the "
                    "mitochondrial matrix, so cells that respire heavily have the most to lose; pushing cells "
                    "away from glycolysis strengthens the drug.")
    # curcumin: how the review classifies it (both, in different sections: erratum E24)
    classes = set(relation_rows(review, source="curcumin", relation="part_of")["target"]) & {
        "copper_chelators", "copper_ionophores"}
    answers = {
        frozenset({"copper_chelators"}): "Only as a copper chelator",
        frozenset({"copper_ionophores"}): "Only as a copper ionophore",
        frozenset({"copper_chelators", "copper_ionophores"}): "As an ionophore in one section and a chelator in "
                                                                  "another",
        frozenset(): "As neither",
    }
    right = answers[frozenset(classes)]
    curcumin = text_question(
        "io-q5", ch, "How does the review classify curcumin?", right,
        {label: "Look at the other-agents section and at the chelator section of drug resistance: the review "
                "files curcumin differently in each." for label in answers.values() if label != right},
        objectives=("io-1", "io-5"), errata=("E24",),
        source="relations.csv: curcumin part_of " + " and ".join(sorted(entity_label(review, c) for c in classes)),
        explanation="Both, in different sections, although an ionophore raises a cell's copper and a chelator "
                    "lowers it: at most one label can describe a given experiment (erratum E24).")
    t102 = review.trials.set_index("ref")
    outcome = text_question(
        "io-q6", ch, "What did the phase I trial of paclitaxel with or without elesclomol (ref 102) find?",
        str(t102.loc[102, "outcome"]),
        {str(t102.loc[r, "outcome"]): f"That is the result of the phase {t102.loc[r, 'phase']} trial (ref {r})."
         for r in t102.index if r != 102},
        objectives=("io-5",), refs=(102,), source="trials.csv: ref 102 outcome",
        explanation="A phase I trial tests safety: the combination was tolerated, which says nothing about "
                    "whether elesclomol helps patients.")
    return [target, aldh, xiap, metabolic, curcumin, outcome]


def _nanoparticles(review: ReviewData) -> list[Question]:
    ch = "nanoparticles"
    nps = review.nanoparticles.set_index("entity")
    name = {e: entity_label(review, e) for e in nps.index}
    # tumour type of ES@CuO (Table 1)
    es_cancers = tuple(nps.loc["es_cuo", "tumour_types"])
    other = [c for c in dict.fromkeys(itertools.chain(*nps["tumour_types"])) if c not in es_cancers]
    es_cuo = entity_question(
        review, "np-q1", ch, "Which tumour type does Table 1 list for elesclomol-loaded copper oxide "
        "nanoparticles (ES@CuO)?", only_one(es_cancers, "np-q1"), other[:3],
        wrong=lambda c: c not in es_cancers, objectives=("np-2",), refs=tuple(nps.loc["es_cuo", "refs"]),
        source="nanoparticles.csv: ES@CuO tumour types",
        feedback={c: f"Table 1 lists {entity_label(review, c)} for other particles, not for ES@CuO." for c in other[:3]},
        explanation="Melanoma, in mice: the particles induced cuproptosis and strengthened the immune response.")
    # the only particle tagged with ferroptosis
    ferro = [e for e in nps.index if "ferroptosis" in nps.loc[e, "effect_tags"]]
    answer = only_one(ferro, "np-q2")
    others = [e for e in nps.index if e not in ferro][:3]
    ferroptosis = text_question(
        "np-q2", ch, "Which Table 1 particle is reported to induce ferroptosis as well as cuproptosis?",
        name[answer], {name[e]: f"Table 1 lists these effects for {name[e]}: "
                                + ", ".join(t.replace("_", " ") for t in nps.loc[e, "effect_tags"]) + "."
                       for e in others},
        objectives=("np-1",), refs=tuple(nps.loc[answer, "refs"]), errata=("E20",),
        source=f"nanoparticles.csv: effect tags of {name[answer]}",
        explanation="CuO₂@G5-BS/TF, a dendrimer particle for triple-negative breast cancer that also boosts "
                    "chemodynamic therapy. Its cited paper says the core is Cu₂O, not CuO₂ (erratum E20).")
    atp7b = relation_question(
        review, "np-q3", ch, "Which nanoparticle lowers the expression of the copper exporter ATP7B as well as "
        "ATP7A?", ask="source", where={"relation": "inhibits", "target": "atp7b"},
        distractors=["tp_m_cu_mof_siatp7a", "es_cuo", "cu_ti"], objectives=("np-1",),
        feedback={"tp_m_cu_mof_siatp7a": "This particle silences ATP7A only, with an siRNA."},
        explanation="PDA-DTC/Cu, polydopamine carrying copper: by suppressing both exporters it keeps more "
                    "copper inside tumour cells.")
    lgod1 = relation_question(
        review, "np-q4", ch, "Which small molecule induces cuproptosis in liver cancer cells by disrupting the "
        "copper chaperone CCS?", ask="source", where={"relation": "inhibits", "target": "ccs"},
        distractors=["anisomycin", "eupalinolide_b", "zinc_pyrithione"], objectives=("np-3",),
        explanation="LGOd1, a molecule found with deep learning; it upsets copper homeostasis through CCS.")
    counts = Counter(itertools.chain(*nps["tumour_types"]))
    (top, n_top), (_, n_next) = counts.most_common(2)
    if n_top == n_next:
        raise QuizError("np-q5: no single most frequent tumour type in Table 1")
    most = entity_question(
        review, "np-q5", ch, "Which tumour type appears in the most rows of Table 1?", top,
        [c for c, _ in counts.most_common()[1:4]], wrong=lambda c: counts[c] < n_top, objectives=("np-2",),
        refs=(), source=f"nanoparticles.csv: {entity_label(review, top)} in {n_top} of {len(nps)} rows",
        feedback={c: f"{entity_label(review, c)} appears in {counts[c]} row(s)." for c in counts if c != top},
        explanation=f"{entity_label(review, top)}, in {n_top} of the {len(nps)} rows (triple-negative breast cancer "
                    f"is counted separately). Almost all of this evidence comes from cells and mice.")
    e21 = review.errata.set_index("id").loc["E21"]
    sorafenib = short_question(
        "np-q6", ch, "The review says sorafenib and erastin promote cuproptosis 'by inhibiting FDX1'. Why should "
        "a careful reader stop at this sentence?",
        answer=str(e21["issue"]), explanation="The book's reading: " + str(e21["used_in_book"]),
        objectives=("np-3", "np-4"), refs=tuple(e21["refs"]), errata=("E21",), source="errata.csv: E21")
    e40 = review.errata.set_index("id").loc["E40"]
    toxicity = short_question(
        "np-q7", ch, "The review calls copper nanomaterials low in toxicity in one place and names their toxicity "
        "as a major challenge in its conclusion. Which reading does the evidence support, and what would settle "
        "it?",
        answer=str(e40["issue"]),
        explanation="The book's reading: " + str(e40["used_in_book"]) + " Settling it needs long-term studies "
                    "of how the particles are cleared and where copper ends up, and then careful clinical trials.",
        objectives=("np-5",), refs=tuple(e40["refs"]), errata=("E40",), source="errata.csv: E40")
    return [es_cuo, ferroptosis, atp7b, lgod1, most, sorafenib, toxicity]


def _drug_resistance(review: ReviewData) -> list[Question]:
    ch = "drug_resistance"
    # Table 2 drug list of elesclomol: correct set vs other rows' sets and a one-drug swap
    eles = table2_drugs(review, "elesclomol")
    disu = table2_drugs(review, "disulfiram")
    ttm = table2_drugs(review, "tetrathiomolybdate")
    swap_in = next(d for d in disu if d not in eles)
    swapped = eles[:-1] + (swap_in,)
    refs_e = tuple(table2_ids(review).set_index("agent").loc["elesclomol", "refs"])
    table2_q = text_question(
        "dr-q1", ch, "Which drugs does Table 2 list in elesclomol's row ('Enhance drug efficacy')?",
        entity_labels(review, eles),
        {entity_labels(review, disu): "That is disulfiram's row.",
         entity_labels(review, ttm): "That is the row of the chelator tetrathiomolybdate.",
         entity_labels(review, swapped): f"Close, but {entity_label(review, swap_in)} belongs to disulfiram's row, and one "
                                   f"of elesclomol's drugs is missing."},
        objectives=("dr-2",), refs=refs_e, source="resistance.csv via tables.table2_ids(): elesclomol row",
        errata=("E29", "E35"),
        explanation="Cisplatin, 5-fluorouracil and vemurafenib come from resistant cell models; docetaxel and "
                    "enzalutamide from the cuproptosis findings in prostate cancer. Table 2 credits the "
                    "enzalutamide finding to both ionophores (erratum E29).")
    res = review.resistance
    classes = {"chelator": "a copper chelator, which lowers the copper available to the cell",
               "ionophore": "a copper ionophore, which carries copper into the cell",
               "nanoparticle": "a copper nanoparticle",
               "cuproptosis_inducer": "another cuproptosis inducer"}
    ttm_class = only_one(res.loc[res["agent"] == "tetrathiomolybdate", "agent_class"], "dr-q2")
    chelator = text_question(
        "dr-q2", ch, "Tetrathiomolybdate appears in Table 2 next to elesclomol. What kind of agent is it?",
        f"{classes[ttm_class][0].upper()}{classes[ttm_class][1:]}",
        {f"{v[0].upper()}{v[1:]}": "Not according to the data; look at how it helps cisplatin into cells."
         for k, v in classes.items() if k != ttm_class},
        objectives=("dr-1",), refs=rows_refs(res[res["agent"] == "tetrathiomolybdate"]), errata=("E34",),
        source="resistance.csv: agent_class of tetrathiomolybdate",
        explanation="A chelator: it withholds copper and helps cisplatin into cervical cancer cells. Elesclomol "
                    "does the opposite, loading cells with copper. Both are reported to help against "
                    "resistance, by opposite routes, so 'cuproptosis-related' does not fit every row of "
                    "Table 2 (erratum E34).")
    jyfy = entity_question(
        review, "dr-q3", ch, "Which copper chelator strengthened a PD-1 inhibitor in colorectal cancer?",
        only_one(res.loc[res["drug"] == "pd_1_inhibitor", "agent"], "dr-q3"), ["curcumin", "disulfiram", "elesclomol"],
        wrong=lambda a: a not in set(res.loc[res["drug"] == "pd_1_inhibitor", "agent"]), objectives=("dr-3",),
        refs=rows_refs(res[res["drug"] == "pd_1_inhibitor"]), source="resistance.csv: drug = PD-1 inhibitor",
        explanation="JYFY-001. No resistant model is named, so the data record the effect as sensitising rather "
                    "than overcoming resistance.")
    muc = res[res["agent"] == "muc20"]
    muc20 = entity_question(
        review, "dr-q4", ch, "In multiple myeloma cells, MUC20 sets off cuproptosis and reverses resistance to "
        "which drugs?", only_one(muc["drug"], "dr-q4"), ["cisplatin", "oxaliplatin", "tamoxifen"],
        wrong=lambda d: d not in set(muc["drug"]), objectives=("dr-4",), refs=rows_refs(muc), errata=("E31",),
        source="resistance.csv: MUC20 row",
        explanation="Proteasome inhibitors. MUC20 suppresses CDKN2A, a brake on cuproptosis. The review calls "
                    "MUC20 a non-coding RNA/DNA example, but the cited study treats it as a gene regulated by "
                    "circular DNA (erratum E31).")
    ox = res[res["drug"] == "oxaliplatin"]
    linc = entity_question(
        review, "dr-q5", ch, "Which long non-coding RNA heads the axis through FDX1 that raises oxaliplatin "
        "sensitivity in hepatocellular carcinoma?", only_one(ox["agent"], "dr-q5"), ["h19", "hotair", "mkln1_as"],
        wrong=lambda a: a not in set(ox["agent"]), objectives=("dr-4",), refs=rows_refs(ox), errata=("E43",),
        source="resistance.csv: drug = oxaliplatin",
        explanation="LINC02362, via miR-18a-5p and FDX1. The study reports stronger oxaliplatin sensitivity; "
                    "overcoming resistance is offered only as a prospect (erratum E43).")
    mel = trial_rows(review, "melanoma")
    phase = str(only_one(mel["phase"], "dr-q6"))
    trial = text_question(
        "dr-q6", ch, "In which phase of clinical trial was elesclomol plus paclitaxel tested in advanced "
        "melanoma?", f"Phase {phase}",
        {f"Phase {p}": f"The phase {p} trial (ref {r}) treated "
                       + str(review.trials.set_index("ref").loc[r, "population"]).lower() + "."
         for p, r in zip(review.trials["phase"], review.trials["ref"]) if p != phase},
        objectives=("dr-5",), refs=tuple(mel["ref"]), source="trials.csv: melanoma row",
        explanation="Phase III (the SYMMETRY study, ref 101): adding elesclomol did not lengthen progression-free "
                    "survival. Its patients had not had chemotherapy, so it did not test drug-resistant disease.")
    evidence = short_question(
        "dr-q7", ch, "A classmate says 'copper ionophores overcome drug resistance in cancer patients'. What is "
        "the evidence behind Table 2, and what do the elesclomol trials show?",
        answer="The Table 2 findings come from cancer cell lines and mouse models. The only patient data are the "
               "three elesclomol trials: " + "; ".join(
                   f"phase {t.phase} (ref {t.ref}): {t.outcome}" for t in review.trials.itertuples()),
        explanation="So the claim holds, at best, in vitro and in animals; in patients it is unproven.",
        objectives=("dr-5",), refs=tuple(review.trials["ref"]), source="trials.csv: all rows")
    return [table2_q, chelator, jyfy, muc20, linc, trial, evidence]


def _knowledge_graph(review: ReviewData) -> list[Question]:
    ch = "knowledge_graph"
    rel = review.relations
    degree = Counter(e for s, t in zip(rel["source"], rel["target"]) for e in {s, t})
    ranked = degree.most_common()
    if ranked[0][1] == ranked[1][1]:
        raise QuizError("kg-q1: tie for the most connected entity")
    top = ranked[0][0]
    hub = entity_question(
        review, "kg-q1", ch, "Counting rows of relations.csv in which it is the source or the target, which "
        "entity is the most connected?", top, [e for e, _ in ranked[1:4]],
        wrong=lambda e: degree[e] < ranked[0][1], objectives=("kg-2",), refs=(),
        source=f"relations.csv: {entity_label(review, top)} in {ranked[0][1]} rows",
        feedback={e: f"{entity_label(review, e)} is in {n} rows." for e, n in ranked[1:4]},
        explanation=f"{entity_label(review, top)}, in {ranked[0][1]} of {len(rel)} rows: the review's figures draw "
                    "copper almost everywhere as the reduced ion. A raw count like this rewards how often a "
                    "thing is drawn, not how important it is.")
    verbs = rel["relation"].value_counts()
    if verbs.iloc[0] == verbs.iloc[1]:
        raise QuizError("kg-q2: tie for the most common relation")
    verb = text_question(
        "kg-q2", ch, "Which relation verb is the most common in relations.csv?", str(verbs.index[0]),
        {str(v): f"'{v}' appears in {verbs[v]} rows." for v in verbs.index[1:4]}, objectives=("kg-1",),
        source=f"relations.csv: '{verbs.index[0]}' in {verbs.iloc[0]} rows",
        explanation=f"'{verbs.index[0]}', in {verbs.iloc[0]} rows: the review mostly says that one thing favours "
                    "another, a loose statement. Precise verbs such as 'reduces' or 'lipoylates' are rare.")
    drugs = review.resistance["drug"].value_counts()
    if drugs.iloc[0] == drugs.iloc[1]:
        raise QuizError("kg-q3: tie for the most frequent drug")
    top_drug = str(drugs.index[0])
    drug = entity_question(
        review, "kg-q3", ch, "Which drug takes part in the most findings of resistance.csv?", top_drug,
        [str(d) for d in drugs.index[1:4]], wrong=lambda d: drugs[d] < drugs.iloc[0], objectives=("kg-4",),
        refs=rows_refs(review.resistance[review.resistance["drug"] == top_drug]),
        source=f"resistance.csv: {entity_label(review, top_drug)} in {drugs.iloc[0]} findings",
        feedback={str(d): f"{entity_label(review, str(d))} is in {drugs[d]} finding(s)." for d in drugs.index[1:4]},
        explanation=f"{entity_label(review, top_drug)}, in {drugs.iloc[0]} of {len(review.resistance)} findings. "
                    "Platinum drugs share copper's way into and out of cells (Ctr1, ATP7A/B), which is one "
                    "reason copper research keeps returning to them.")
    return [hub, verb, drug]


def _outlook(review: ReviewData) -> list[Question]:
    ch = "outlook"
    t = review.trials
    negative = int(t["outcome_class"].isin(["no_benefit", "no_added_benefit"]).sum())
    trials = text_question(
        "ol-q1", ch, f"Of the {len(t)} elesclomol trials the review discusses, in how many did elesclomol bring "
        "no benefit, or no benefit beyond paclitaxel alone?", str(negative),
        {str(n): "Count again with the trials table: which trials looked at benefit, and what did they find?"
         for n in range(len(t) + 1) if n != negative},
        objectives=("ol-3",), refs=tuple(t["ref"]), source="trials.csv: outcome_class",
        explanation=f"{negative}: the phase II and phase III trials found no benefit; the phase I trial only "
                    "showed the combination was tolerated. No trial showed that elesclomol helps patients.")
    # the only agent with patient data: the one every trial regimen names
    agents = list(dict.fromkeys(review.resistance["agent"]))
    in_all = [a for a in agents if all(entity_label(review, a).lower() in reg.lower() for reg in t["regimen"])]
    patients = entity_question(
        review, "ol-q2", ch, "Which copper agent of the review is the only one tested in patients (a row of "
        "trials.csv)?", only_one(in_all, "ol-q2"), ["disulfiram", "tetrathiomolybdate", "curcumin"],
        wrong=lambda a: a not in in_all, objectives=("ol-2",), refs=tuple(t["ref"]),
        source="trials.csv: the agent every regimen names",
        feedback={"disulfiram": "The review says disulfiram's clinical trials did poorly but cites none (erratum "
                                "E28): the data hold no disulfiram trial."},
        explanation="Elesclomol, always with paclitaxel. Every other finding in the review comes from cells or "
                    "animals, or the data do not record the model.")
    # which erratum qualifies the claim cited to ref 58 (trials 'validated' selective cytotoxicity)
    errata = review.errata
    e58 = only_one(errata.loc[errata["refs"].map(lambda refs: 58 in refs), "id"], "ol-q3")
    issue = errata.set_index("id")["issue"]
    qualifies = text_question(
        "ol-q3", ch, "The review says clinical trials validated elesclomol's safety and its selective killing of "
        "cancer cells, citing ref 58. Which erratum qualifies that claim?", e58,
        {eid: f"{eid}: {issue[eid]}" for eid in ("E27", "E28", "E40") if eid != e58},
        objectives=("ol-1", "ol-3"), refs=(58,), errata=(e58,), source="errata.csv: the erratum that cites ref 58",
        explanation=f"{e58}: {issue[e58]}")
    r121, r122 = review.references["ref121"], review.references["ref122"]
    toxicity = short_question(
        "ol-q4", ch, "The conclusion warns that copper nanomaterials break down slowly and may be toxic in the long "
        "run. What does it cite for this, and what would a convincing safety study have to measure?",
        answer=f"It cites two reviews, not safety studies: ref 121 (“{r121.title}”) and ref 122 (“{r122.title}”). "
               "A convincing study would follow where the copper and the particle go and how fast they are "
               "cleared, over months, with organ function and histology, first in animals and then in patients.",
        explanation="The review's claim of low toxicity elsewhere rests on no body-weight loss in two mouse "
                    "studies (erratum E40).",
        objectives=("ol-4",), refs=(121, 122), errata=("E40",), source="references.bib: refs 121 and 122")
    return [trials, patients, qualifies, toxicity]


BUILDERS: dict[str, Callable[[ReviewData], list[Question]]] = {
    "copper_metabolism": _copper_metabolism,
    "cuproptosis": _cuproptosis,
    "copper_ionophores": _copper_ionophores,
    "nanoparticles": _nanoparticles,
    "drug_resistance": _drug_resistance,
    "knowledge_graph": _knowledge_graph,
    "outlook": _outlook,
}


def questions(chapter: str | None = None, review: ReviewData | None = None) -> list[Question]:
    """The questions of one chapter (file stem, e.g. ``"cuproptosis"``), or of every chapter in book order."""
    review = review if review is not None else load_all()
    if chapter is not None:
        if chapter not in BUILDERS:
            raise KeyError(f"no quiz for chapter {chapter!r}; chapters: {', '.join(BUILDERS)}")
        return BUILDERS[chapter](review)
    return [q for ch in BUILDERS for q in BUILDERS[ch](review)]


def chapter_quiz(chapter: str, review: ReviewData | None = None) -> Quiz:
    """The self-check quiz of one chapter, ready to display."""
    return Quiz(questions(chapter, review))


def overview(review: ReviewData | None = None) -> pd.DataFrame:
    """One row per question: chapter, id, kind, objectives, where the key comes from (for instructors)."""
    rows = [{"chapter": q.chapter, "question": q.id, "kind": "multiple choice" if q.kind == "choice" else "short answer",
             "objectives": ", ".join(q.objectives), "prompt": q.prompt, "answer key": q.source}
            for q in questions(review=review)]
    return pd.DataFrame(rows)
