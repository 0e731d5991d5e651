"""Facts typed by hand from the review and data/, shared by the model tests and the explorer tests (never computed
by the code under test)."""

from __future__ import annotations

AGENTS = {
    "tetrathiomolybdate",
    "curcumin",
    "jyfy_001",
    "elesclomol",
    "disulfiram",
    "baicalein",
    "cs_e_c_dox",
    "cuet_nps",
    "muc20",
    "linc02362",
}


BY_DRUG: dict[str, set[str]] = {
    "cisplatin": {
        "tetrathiomolybdate-cisplatin-cervical_cancer-91",
        "curcumin-cisplatin-lung_cancer-93",
        "elesclomol-cisplatin-lung_cancer-95",
        "elesclomol-cisplatin-melanoma-96",
        "elesclomol-cisplatin-hcc-97",
        "disulfiram-cisplatin-breast_cancer-104",
        "baicalein-cisplatin-cervical_cancer-111",
        "cuet_nps-cisplatin-nsclc-76",
        "hotair-cisplatin-lung_adenocarcinoma-113",
    },
    "metformin": {"tetrathiomolybdate-metformin-breast_cancer-92"},
    "pd_1_inhibitor": {"jyfy_001-pd_1_inhibitor-crc-94"},
    "fluorouracil": {"elesclomol-fluorouracil-colon_cancer-98", "disulfiram-fluorouracil-crc-106"},
    "vemurafenib": {"elesclomol-vemurafenib-melanoma-99"},
    "docetaxel": {"elesclomol-docetaxel-prostate_cancer-108"},
    "enzalutamide": {"elesclomol-enzalutamide-crpc-109", "disulfiram-enzalutamide-crpc-109"},
    "paclitaxel": {"disulfiram-paclitaxel-tnbc-103"},
    "gemcitabine": {"disulfiram-gemcitabine-colon_cancer-105", "disulfiram-gemcitabine-breast_cancer-105"},
    "anti_pd_l1": {"disulfiram-anti_pd_l1-nsclc-110"},
    "doxorubicin": {
        "cs_e_c_dox-doxorubicin-breast_cancer-75",
        "hotair-doxorubicin-breast_cancer-114",
        "hotair-doxorubicin-breast_cancer-120",
    },
    "proteasome_inhibitors": {"muc20-proteasome_inhibitors-multiple_myeloma-117"},
    "oxaliplatin": {"linc02362-oxaliplatin-hcc-118"},
    "trastuzumab": {"hotair-trastuzumab-breast_cancer-114", "hotair-trastuzumab-breast_cancer-119"},
    "tamoxifen": {"h19-tamoxifen-breast_cancer-115"},
}


ALL_KEYS = set().union(*BY_DRUG.values())


ALL_NODES = {
    "cu_i",
    "atox1",
    "ccs",
    "cox17",
    "atp7a",
    "atp7b",
    "nucleus",
    "sod1",
    "mitochondrion",
    "sco1",
    "sco2",
    "golgi",
    "extracellular",
    "mt_co2",
}
