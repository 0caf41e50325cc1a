"""Regenerate src/examprep/data/profiles.json from the sourced blueprint facts.

Run once by a maintainer when ../shared/reference/certifications.yaml changes; the output is
committed and reviewed like any other data file. The editorial fields (ids, scoring policy, item
types, lifecycle wording) are set here so the reasoning sits next to them.
"""

import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from examprep.core.vocabulary import QUESTION_TYPES

SRC = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/reference/certifications.yaml")
OUT = Path(__file__).resolve().parent.parent / "src/examprep/data/profiles.json"

PI_PARTIAL = (
    "Python Institute awards partial credit per response and weights items differently; the weights "
    "are not published, so every item counts the same here and multiple-response, ordering, "
    "matching and fill-in items earn partial credit. The result is a percentage of the maximum."
)
ONE_POINT = "Each item is worth one point, no partial credit (vendor: max 1 point per item)."
AWS = (
    "No partial credit: multiple response, ordering and matching need every part right. Unanswered "
    "is wrong; no penalty for guessing. 15 of the 65 items are unscored pilots, not identified."
)
NOPASS = "All-or-nothing per item; the vendor publishes no pass mark, so none is invented here."

EDIT = {
    "pcep-30-02": {
        "id": "PCEP-30-02",
        "partial": True,
        "note": PI_PARTIAL,
        "types": ["single_choice", "multiple_response", "fill_in", "code_output", "ordering", "true_false", "matching"],
        "life": {
            "status": "active",
            "successor": "PCEP-30-03",
            "note": "Successor PCEP-30-03 announced for Q3 2026; one source says 30-02 retires 2026-08-31, another still lists it (2026-09-29).",
        },
    },
    "pcap-31-03": {
        "id": "PCAP-31-03",
        "partial": True,
        "note": PI_PARTIAL,
        "types": ["single_choice", "multiple_response", "code_output", "fill_in"],
        "life": {
            "status": "active",
            "successor": "PCAP-31-04",
            "note": "PCAP-31-04 announced for Q3 2026 (not confirmed live).",
        },
    },
    "pcpp-32-101": {
        "id": "PCPP-32-101",
        "partial": True,
        "note": PI_PARTIAL,
        "types": ["single_choice", "multiple_response", "code_output", "fill_in"],
        "life": {"status": "active", "successor": "PCPP-32-102", "note": "PCPP-32-102 in development (no date)."},
    },
    "pced-30-02": {
        "id": "PCED-30-02",
        "partial": False,
        "note": ONE_POINT,
        "types": ["single_choice", "multiple_response", "code_output"],
        "life": {
            "status": "active",
            "note": "Active since 2025-07-15; duration and pass mark from a single secondary source.",
        },
    },
    "pcad-31-02": {
        "id": "PCAD-31-02",
        "partial": False,
        "note": ONE_POINT,
        "types": ["single_choice", "multiple_response", "code_output"],
        "life": {"status": "active", "note": "Active since 2025-07-15 (replaced PCAD-31-01)."},
    },
    "aif-c01": {
        "id": "AIF-C01",
        "partial": False,
        "note": AWS,
        "types": ["single_choice", "multiple_response", "ordering", "matching", "case_study"],
        "life": {
            "status": "active",
            "note": "Guide revised 2026 (rev 1.1, 2026-04-30): agentic AI topics added; weights unchanged.",
        },
    },
    "mla-c01": {
        "id": "MLA-C01",
        "partial": False,
        "note": AWS,
        "types": ["single_choice", "multiple_response", "ordering", "matching", "case_study"],
        "life": {
            "status": "retiring",
            "date": "2026-09-28",
            "successor": "MLA-C02",
            "note": "Last day in English 2026-09-28 per a single secondary source citing AWS (low confidence); successor MLA-C02, GA planned 2027-01-14.",
        },
    },
    "mls-c01": {
        "id": "MLS-C01",
        "partial": False,
        "note": AWS,
        "types": ["single_choice", "multiple_response"],
        "life": {
            "status": "retired",
            "date": "2026-03-31",
            "successor": "MLA-C01 / AIP-C01",
            "note": "Retired: last test date 2026-03-31. Kept for practice.",
        },
    },
    "gcp-pmle": {
        "id": "GCP-PMLE",
        "questions": 50,
        "partial": False,
        "note": NOPASS,
        "types": ["single_choice", "multiple_response"],
        "life": {
            "status": "active",
            "note": "Exam guide rewritten, live 2026-06-01 (Vertex AI renamed Gemini Enterprise Agent Platform). Google publishes no exam code; GCP-PMLE is a community label. The real exam has 50-60 questions.",
        },
    },
    "databricks-ml-associate": {
        "id": "DATABRICKS-MLA",
        "questions": 48,
        "partial": False,
        "note": NOPASS,
        "types": ["single_choice", "multiple_response"],
        "life": {
            "status": "active",
            "note": "1 Mar 2025 exam guide: 48 scored questions (many prep sites still say 45). Databricks publishes no exam code; DATABRICKS-MLA is our label.",
        },
    },
}

STEPS = {
    1: (
        "Programming (Python for ML engineers)",
        [
            "Language, types and typing",
            "Iterators, generators and functional tools",
            "Packaging, environments and testing",
            "Performance and concurrency",
        ],
    ),
    2: (
        "Mathematics and statistics",
        ["Linear algebra", "Probability", "Statistics and inference", "Calculus and optimisation"],
    ),
    3: ("Data analysis and data engineering", ["pandas", "NumPy", "SQL", "Apache Spark and pipelines"]),
    4: (
        "Machine-learning algorithms",
        [
            "Regression and classification",
            "Trees, ensembles and SVMs",
            "Unsupervised learning",
            "Evaluation, validation and bias-variance",
        ],
    ),
    5: (
        "Deep learning",
        [
            "Neural networks and backpropagation",
            "Convolutional networks",
            "Sequence models, transformers and attention",
            "TensorFlow and PyTorch in practice",
        ],
    ),
    6: (
        "MLOps and deployment",
        [
            "Containers and Kubernetes",
            "Experiment tracking and model registries (MLflow)",
            "CI/CD and pipelines for models",
            "Serving, monitoring and drift",
        ],
    ),
}


def pass_mark(c: dict) -> dict:
    ps = c["passing_score"]
    scale = ps.get("scale") or ""
    if ps.get("value") is None:
        return {"kind": "none", "note": ps.get("notes") or "The vendor publishes no pass mark."}
    if "scaled" in scale:
        return {
            "kind": "scaled",
            "value": ps["value"],
            "scale_min": 100,
            "scale_max": 1000,
            "note": "AWS reports a scaled score of 100-1000; the scaled score is not a percentage. "
            "examprep's scaled score is an estimate (see README).",
        }
    return {"kind": "percent", "value": ps["value"], "note": ps.get("notes") or ""}


def main() -> None:
    certs = yaml.safe_load(SRC.read_text())
    out = []
    for c in certs:
        e = EDIT[c["id"]]
        q = c["questions"]
        served = e.get("questions") or q["total"]
        scored = q["scored"] or served
        domains = []
        for d in c["domains"]:
            domains.append(
                {
                    "number": d["number"],
                    "name": d["name"],
                    "weight": float(d["weight_pct"]),
                    "items": d.get("items"),
                    "steps": d["roadmap_steps"],
                    "objectives": [str(o) for o in d.get("sub_objectives", [])],
                }
            )
        out.append(
            {
                "id": e["id"],
                "name": c["full_name"],
                "vendor": c["vendor"],
                "kind": "certification",
                "questions": served,
                "scored": scored,
                "minutes": c["duration_minutes"],
                "pass_mark": pass_mark(c),
                "scoring": {"partial_credit": e["partial"], "note": e["note"]},
                "item_types": e["types"],
                "lifecycle": {k: str(v) for k, v in e["life"].items()},
                "domains": domains,
                "sources": [
                    s["title"] + (f" <{s['url']}>" if s.get("url", "").startswith("http") else "") for s in c["sources"]
                ][:3],
            }
        )
    for n, (name, topics) in STEPS.items():
        out.append(
            {
                "id": f"step-{n}",
                "name": f"Roadmap step {n}: {name}",
                "vendor": "examprep roadmap",
                "kind": "roadmap",
                "questions": 20,
                "scored": 20,
                "minutes": 30,
                "pass_mark": {"kind": "percent", "value": 70, "note": "A study target, not an exam pass mark."},
                "scoring": {"partial_credit": False, "note": "One point per item, all-or-nothing."},
                "item_types": list(QUESTION_TYPES),
                "lifecycle": {"status": "active"},
                "domains": [
                    {"number": i + 1, "name": t, "weight": 25.0, "items": 5, "steps": [n], "objectives": []}
                    for i, t in enumerate(topics)
                ],
                "sources": [],
            }
        )
    # JSON, not YAML: the app reads it on every start, and json is already imported (YAML cost 20 ms).
    doc = {
        "generated": "by tools/gen_profiles.py from the sourced blueprint facts; "
        "edit the generator (or the facts), not this file",
        "profiles": out,
    }
    OUT.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(out)} profiles)")


if __name__ == "__main__":
    main()
