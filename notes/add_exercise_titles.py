"""Give every exercise of the chapters a title: rewrite only the ``{exercise}`` directive lines.

One-off maintenance script, kept so it can be re-applied after concurrent prose edits:
``python notes/add_exercise_titles.py``. It reads each notebook as JSON, finds the directive line followed by
``:label: <label>``, and replaces that one line in the file's text; every other byte is left alone. An exercise that
already has a title keeps it.
"""
from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TITLES = {
    "ex-cm-1": "From a meal to cytochrome c oxidase",
    "ex-cm-2": "Where copper can go from ATOX1",
    "ex-cm-3": "ATP7A and the mitochondrion: legend against text",
    "ex-cm-4": "Copper transporters and cisplatin",
    "ex-cu-1": "Predicting the cascade without FDX1 or LIAS",
    "ex-cu-2": "Who drives cuproptosis, and what points at DLAT",
    "ex-cu-3": "Sorafenib, erastin and FDX1",
    "ex-cu-4": "Telling cuproptosis from other deaths",
    "ex-io-1": "Partners for elesclomol",
    "ex-io-2": "Which deaths each ionophore reaches",
    "ex-io-3": "What the elesclomol trials support",
    "ex-io-4": "Thiosemicarbazones, not dithiocarbamates",
    "ex-np-1": "Silencing ATP7A in a copper nanoparticle",
    "ex-np-2": "Effects and tumours of the Table 1 particles",
    "ex-np-3": "How strong is “low toxicity”?",
    "ex-np-4": "What the other agents act on",
    "ex-kg-1": "Why cuproptosis is the hub",
    "ex-kg-2": "Drugs that depend on a single agent",
    "ex-kg-3": "Distances without the umbrella processes",
    "ex-kg-4": "The elesclomol–disulfiram edge",
    "ex-ol-1": "Why elesclomol failed in the clinic",
    "ex-ol-2": "Which agents have animal evidence",
    "ex-ol-3": "Rewriting two overclaims",
    "ex-ol-4": "Immunotherapy claims and their evidence",
}
DIRECTIVE = re.compile(r"^(`{3,}|:{3,})\{exercise(-start)?\}\s*\n?$")


def main() -> None:
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        raw = path.read_text(encoding="utf-8")
        nb = json.loads(raw)
        for cell in nb["cells"]:
            lines = cell["source"] if isinstance(cell["source"], list) else cell["source"].splitlines(True)
            for line, nxt in pairwise(lines):
                label = re.match(r"^:label:\s*(\S+)", nxt)
                if not (DIRECTIVE.match(line) and label and label[1] in TITLES):
                    continue
                new = line.rstrip("\n") + " " + TITLES[label[1]] + ("\n" if line.endswith("\n") else "")
                old_json = json.dumps(line, ensure_ascii=False) + ",\n" + "    " + json.dumps(nxt, ensure_ascii=False)
                new_json = json.dumps(new, ensure_ascii=False) + ",\n" + "    " + json.dumps(nxt, ensure_ascii=False)
                assert raw.count(old_json) == 1, (path.name, label[1])
                raw = raw.replace(old_json, new_json)
        path.write_text(raw, encoding="utf-8")


if __name__ == "__main__":
    main()
