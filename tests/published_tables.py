"""The review's Table 1 and Table 2 as published, typed by hand from the review (never produced by code).

Cells are kept as printed: capitalisation, hyphens, abbreviations and misprints (``Nanoplatform`` in Table 1
but ``nanoplatfrom`` in Table 2, ``PD L1``, ``HA CD@MOF NPs``, the lower-case heading ``effects``). The spaces
around the subscript in ``CuO ₂ @G5-BS/TF`` are as in the text of Table 1 the book works from. ``PRINTED_NAMES`` says, also by hand, which entity of ``data/entities.csv`` each
printed name denotes, so the rebuilt tables (which use the book's consistent labels) can be compared with
what the journal printed.
"""

from __future__ import annotations

# Table 1. Cuproptosis-related NPs for cancer treatment: the heading row, then (NPs, tumor types, effects, ref)
TABLE1_HEADER = ("NPs", "Tumor types", "effects", "Ref.")
TABLE1 = [
    ("ES@CuO", "Melanoma", "Induce cuproptosis, enhance immune response", "[67]"),
    (
        "TP-M-Cu-MOF/si ATP7A",
        "Small cell lung cancer",
        "Induce cuproptosis, improved therapeutic efficacy in SCLC brain metastasis",
        "[68]",
    ),
    (
        "PDA-DTC/Cu",
        "Breast cancer",
        "Enhance cuproptosis, stimulate the immune response, relieve the tumor immunosuppressive microenvironment",
        "[69]",
    ),
    (
        "Cu-doped polypyrrole nanoparticles (CuP) nanosystem (PCB)",
        "Breast cancer",
        "Induce cuproptosis, improve immunogenic cell death, suppress both primary and distant tumors",
        "[70]",
    ),
    ("GOx@[Cu(tz)]", "Bladder cancer", "Induce cuproptosis, develop photodynamic synergistic therapy", "[71]"),
    (
        "HA CD@MOF NPs",
        "Breast cancer",
        "Increase cuproptosis sensitization, induce immunogenic cell death, suppress tumor metastasis",
        "[72]",
    ),
    (
        "Cu/TI",
        "Colorectal carcinoma, triple negative breast cancer",
        "Induce cuproptosis, induce immunogenic cancer cell death and reduce PD L1 expression",
        "[73]",
    ),
    (
        "CuO ₂ @G5-BS/TF",
        "Triple negative breast cancer",
        "Induce ferroptosis, cuproptosis, and enhance chemodynamic therapy",
        "[74]",
    ),
    ("CS/E-C@DOX Nanoplatform", "breast cancer", "Induce cuproptosis, inhibit the stemness of cancer cells", "[75]"),
    ("CuET NPs", "Non-small cell lung cancer", "Induce cuproptosis", "[76]"),
]

# Table 2. Cuproptosis-related compounds for overcoming cancer drug resistance:
# the heading row, then (compound, tumor types, enhance drug efficacy, ref)
TABLE2_HEADER = ("Compounds", "Tumor types", "Enhance drug efficacy", "Ref.")
TABLE2 = [
    ("Tetrathiomolybdate", "Cervical cancer, breast cancer", "Cisplatin, metformin", "[91,92]"),
    ("Curcumin", "Lung cancer", "Cisplatin", "[93]"),
    ("JYFY-001", "CRC", "PD-1 inhibitor", "[94]"),
    (
        "Elesclomol",
        "Lung cancer, melanoma, hepatocellular carcinoma, colon cancer, CRPC",
        "Cisplatin, 5-fluorouracil, vemurafenib, docetaxel, enzalutamide",
        "[95-99,108,109]",
    ),
    (
        "Disulfiram",
        "Triple-negative breast cancer, breast cancer, colon cancer, CRC, CRPC, non-small cell lung cancer",
        "Paclitaxel, cisplatin, 5-fluorouracil, enzalutamide, gemcitabine",
        "[103-106,109,110]",
    ),
    ("Baicalein", "Cervical cancer", "Cisplatin", "[111]"),
    ("CS/E-C@DOX nanoplatfrom", "Breast cancer", "Adriamycin", "[75]"),
    ("CuET NPs", "Non-small cell lung cancer", "Cisplatin", "[76]"),
]

# What each printed name denotes (entity ids of data/entities.csv), decided by reading the review.
PRINTED_NAMES = {
    # nanoparticles
    "ES@CuO": "es_cuo",
    "TP-M-Cu-MOF/si ATP7A": "tp_m_cu_mof_siatp7a",
    "PDA-DTC/Cu": "pda_dtc_cu",
    "Cu-doped polypyrrole nanoparticles (CuP) nanosystem (PCB)": "cup_pcb",
    "GOx@[Cu(tz)]": "gox_cu_tz",
    "HA CD@MOF NPs": "ha_cd_mof",
    "Cu/TI": "cu_ti",
    "CuO ₂ @G5-BS/TF": "cuo2_g5_bs_tf",
    "CS/E-C@DOX Nanoplatform": "cs_e_c_dox",
    "CS/E-C@DOX nanoplatfrom": "cs_e_c_dox",
    "CuET NPs": "cuet_nps",
    # agents
    "Tetrathiomolybdate": "tetrathiomolybdate",
    "Curcumin": "curcumin",
    "JYFY-001": "jyfy_001",
    "Elesclomol": "elesclomol",
    "Disulfiram": "disulfiram",
    "Baicalein": "baicalein",
    # tumour types
    "Melanoma": "melanoma",
    "Small cell lung cancer": "sclc",
    "Breast cancer": "breast_cancer",
    "breast cancer": "breast_cancer",
    "Bladder cancer": "bladder_cancer",
    "Colorectal carcinoma": "crc",
    "triple negative breast cancer": "tnbc",
    "Triple negative breast cancer": "tnbc",
    "Triple-negative breast cancer": "tnbc",
    "Non-small cell lung cancer": "nsclc",
    "non-small cell lung cancer": "nsclc",
    "Cervical cancer": "cervical_cancer",
    "Lung cancer": "lung_cancer",
    "melanoma": "melanoma",
    "hepatocellular carcinoma": "hcc",
    "colon cancer": "colon_cancer",
    "CRC": "crc",
    "CRPC": "crpc",
    # drugs
    "Cisplatin": "cisplatin",
    "cisplatin": "cisplatin",
    "metformin": "metformin",
    "PD-1 inhibitor": "pd_1_inhibitor",
    "5-fluorouracil": "fluorouracil",
    "vemurafenib": "vemurafenib",
    "docetaxel": "docetaxel",
    "enzalutamide": "enzalutamide",
    "Paclitaxel": "paclitaxel",
    "gemcitabine": "gemcitabine",
    "Adriamycin": "doxorubicin",
}

# Table 1's effects, as tags of the nanoparticles schema, read by hand from each printed cell.
TABLE1_EFFECT_TAGS = {
    "es_cuo": {"cuproptosis", "immune_response"},
    "tp_m_cu_mof_siatp7a": {"cuproptosis", "brain_metastasis"},
    "pda_dtc_cu": {"cuproptosis", "immune_response", "tumour_microenvironment"},
    "cup_pcb": {"cuproptosis", "immunogenic_cell_death", "metastasis_suppression"},
    "gox_cu_tz": {"cuproptosis", "photodynamic_therapy"},
    "ha_cd_mof": {"cuproptosis", "immunogenic_cell_death", "metastasis_suppression"},
    "cu_ti": {"cuproptosis", "immunogenic_cell_death", "pd_l1_reduction"},
    "cuo2_g5_bs_tf": {"cuproptosis", "ferroptosis", "chemodynamic_therapy"},
    "cs_e_c_dox": {"cuproptosis", "stemness_inhibition"},
    "cuet_nps": {"cuproptosis"},
}


def split_cell(cell: str) -> list[str]:
    """A printed list cell split into its items."""
    return [item.strip() for item in cell.split(", ")]


def expand_refs(cell: str) -> set[int]:
    """'[95-99,108,109]' -> {95, 96, 97, 98, 99, 108, 109}."""
    out: set[int] = set()
    for part in cell.strip("[]").split(","):
        if "-" in part:
            a, b = part.split("-")
            out.update(range(int(a), int(b) + 1))
        else:
            out.add(int(part))
    return out
