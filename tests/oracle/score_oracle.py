#!/usr/bin/env python3
"""An independent oracle for Bulkhead's scoring.

Re-implements, in Python and from the YAML alone, the rules that questionnaires/README.md
("Facts and the `when` language" and "How scoring uses this") documents, then builds the demo
workspace with the real `bulkhead-cli`, scores every demo engagement, and compares each control
result, family score and risk rating with `bulkhead-cli score --json`. Two implementations
written apart agreeing on about a thousand figures is the evidence that the C++ scorer follows
the documented rules; a disagreement names the engagement, the item and both values.

Usage: score_oracle.py --cli PATH/TO/bulkhead-cli --source REPO_ROOT
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import yaml

QUESTIONNAIRES = ["architecture", "hosting", "provider", "data", "images", "infrastructure", "webservers"]
LEVELS = ["very_low", "low", "moderate", "high", "very_high"]
# NIST SP 800-30 rev 1 Table I-2, rows likelihood, columns impact, as indexes into LEVELS.
TABLE_I2 = [[0, 0, 0, 1, 1], [0, 1, 1, 1, 2], [0, 1, 2, 2, 3], [0, 1, 2, 3, 4], [0, 1, 2, 3, 4]]
STATUS_OF_YESNO = {"yes": "implemented", "partial": "partial", "no": "not_implemented", "na": "not_applicable"}
WEAKEST_FIRST = ["not_implemented", "partial", "implemented", "not_applicable"]


# --- the `when` language -------------------------------------------------------------------
TOKEN = re.compile(r"\s*(==|!=|\(|\)|\[|\]|,|'[^']*'|\"[^\"]*\"|[A-Za-z_][A-Za-z0-9_.]*|-?\d+(?:\.\d+)?)")


def parse_condition(text):
    tokens = TOKEN.findall(text)
    pos = [0]

    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None

    def take():
        pos[0] += 1
        return tokens[pos[0] - 1]

    def literal(token):
        return token[1:-1] if token[0] in "'\"" else token

    def disjunction():
        node = conjunction()
        while peek() == "or":
            take()
            node = ("or", node, conjunction())
        return node

    def conjunction():
        node = negation()
        while peek() == "and":
            take()
            node = ("and", node, negation())
        return node

    def negation():
        if peek() == "not":
            take()
            return ("not", negation())
        return comparison()

    def comparison():
        if peek() == "(":
            take()
            node = disjunction()
            take()  # ')'
            return node
        name = take()
        if peek() in ("==", "!="):
            op = take()
            return (op, name, literal(take()))
        if peek() in ("in", "not"):
            negated = take() == "not"
            if negated:
                take()  # 'in'
            take()  # '['
            values = []
            while peek() != "]":
                token = take()
                if token != ",":
                    values.append(literal(token))
            take()  # ']'
            return ("not in" if negated else "in", name, values)
        return ("bare", name)

    return disjunction()


def evaluate(node, values_of):
    op = node[0]
    if op == "or":
        return evaluate(node[1], values_of) or evaluate(node[2], values_of)
    if op == "and":
        return evaluate(node[1], values_of) and evaluate(node[2], values_of)
    if op == "not":
        return not evaluate(node[1], values_of)
    values = values_of(node[1])
    if op == "==":
        return any(v == node[2] for v in values)
    if op == "!=":
        return not any(v == node[2] for v in values)
    if op == "in":
        return any(v in node[2] for v in values)
    if op == "not in":
        return not any(v in node[2] for v in values)
    return bool(values) and values[0] not in ("no", "false", "0", "na")  # a bare name


# --- content and demo ----------------------------------------------------------------------
class Content:
    def __init__(self, root):
        folder = os.path.join(root, "questionnaires")
        self.questions = {}
        self.order = []
        for key in QUESTIONNAIRES:
            with open(os.path.join(folder, key + ".yaml"), encoding="utf-8") as f:
                for section in yaml.safe_load(f)["sections"]:
                    for q in section["questions"]:
                        self.questions[q["id"]] = q
                        self.order.append(q["id"])
        with open(os.path.join(folder, "risks.yaml"), encoding="utf-8") as f:
            self.risks = yaml.safe_load(f)["risks"]
        with open(os.path.join(folder, "controls.yaml"), encoding="utf-8") as f:
            catalogue = yaml.safe_load(f)
        self.controls = catalogue["controls"]
        self.families = [family["id"] for family in catalogue["families"]]
        demo = os.path.join(root, "resources", "demo")
        with open(os.path.join(demo, "engagements.yaml"), encoding="utf-8") as f:
            self.engagements = yaml.safe_load(f)["engagements"]
        self.answers = {e["key"]: {} for e in self.engagements}
        for key in QUESTIONNAIRES:
            with open(os.path.join(demo, "answers", key + ".yaml"), encoding="utf-8") as f:
                # BaseLoader keeps every scalar a string, as Bulkhead reads them (yes stays "yes").
                for engagement, answers in yaml.load(f, Loader=yaml.BaseLoader).items():
                    for a in answers:
                        self.answers[engagement][a["q"]] = a["a"]


def is_scored(q):
    return q["type"] == "yesno" or any("status" in o for o in q.get("options", []))


def status_of(q, value):
    if value is None:
        return None
    if q["type"] == "yesno":
        return STATUS_OF_YESNO[value]
    statuses = {o["value"]: o.get("status") for o in q.get("options", [])}
    chosen = [statuses[v] for v in value.split(",") if statuses.get(v)]
    return min(chosen, key=WEAKEST_FIRST.index) if chosen else None


def score(content, engagement):
    answers = content.answers[engagement["key"]]
    record_facts = {
        "fact.architecture": [engagement["architecture"]],
        "fact.infrastructure": [engagement["infrastructure"]],
        "fact.service_model": [engagement["service_model"]],
        "fact.impact": [engagement["impact"]],
        "fact.csp": [engagement["csp"]],
    }
    visible_cache = {}

    def values_of(name):
        if name.startswith("fact."):
            for qid in content.order:
                q = content.questions[qid]
                if q.get("sets") == name and name != "fact.impact" and qid in answers and visible(qid):
                    return answers[qid].split(",") if q["type"] == "multi" else [answers[qid]]
            return record_facts.get(name, [])
        return [answers[name]] if name in answers and visible(name) else []

    def visible(qid):
        if qid not in visible_cache:
            when = content.questions[qid].get("when")
            visible_cache[qid] = True if not when else evaluate(parse_condition(when), values_of)
        return visible_cache[qid]

    def status(qid):
        return status_of(content.questions[qid], answers.get(qid))

    scored = [qid for qid in content.order if is_scored(content.questions[qid]) and visible(qid)]

    # Controls in the baseline: satisfied / other than satisfied / not applicable / not assessed.
    controls = {}
    questions_of = {}
    for c in content.controls:
        if engagement["impact"] not in c["baselines"]:
            continue
        mapped = [qid for qid in scored if c["id"] in content.questions[qid].get("controls", [])]
        questions_of[c["id"]] = mapped
        statuses = [status(qid) for qid in mapped if status(qid) is not None]
        if any(s in ("partial", "not_implemented") for s in statuses):
            controls[c["id"]] = "other_than_satisfied"
        elif "implemented" in statuses:
            controls[c["id"]] = "satisfied"
        elif "not_applicable" in statuses:
            controls[c["id"]] = "not_applicable"
        else:
            controls[c["id"]] = "not_assessed"

    # Families: each question mapped to the family's in-baseline controls counts once.
    families = {}
    for family in content.families:
        counted = set()
        for c in content.controls:
            if c["family"] == family and c["id"] in questions_of:
                counted.update(questions_of[c["id"]])
        statuses = [status(qid) for qid in counted]
        implemented = statuses.count("implemented")
        partial = statuses.count("partial")
        assessed = implemented + partial + statuses.count("not_implemented")
        # One decimal, halves rounded up (81.25% shows as 81.3%).
        families[family] = math.floor(1000.0 * (implemented + 0.5 * partial) / assessed + 0.5) / 10.0 if assessed else None

    # Risks: modifiers summed and applied once, then the weighted mitigation share.
    risks = {}
    for r in content.risks:
        likelihood = LEVELS.index(r["likelihood"])
        impact = LEVELS.index(r["impact"])
        dl = di = 0
        for m in r.get("modifiers", []):
            if evaluate(parse_condition(m["when"]), values_of):
                dl += m.get("likelihood", 0)
                di += m.get("impact", 0)
        likelihood = max(0, min(4, likelihood + dl))
        impact = max(0, min(4, impact + di))
        weighted = total = 0.0
        for qid in content.order:
            weight = content.questions[qid].get("mitigates", {}).get(r["id"])
            if not weight or not visible(qid):
                continue
            s = status(qid)
            if s == "not_applicable":
                continue
            total += weight
            weighted += weight * {"implemented": 1.0, "partial": 0.5}.get(s, 0.0)
        share = weighted / total if total else 0.0
        residual = max(0, likelihood - math.floor(share * r.get("max_reduction", 2) + 1e-9))
        risks[r["id"]] = {
            "inherent_likelihood": LEVELS[likelihood],
            "inherent_impact": LEVELS[impact],
            "inherent_level": LEVELS[TABLE_I2[likelihood][impact]],
            "mitigation": round(share, 6),
            "likelihood": LEVELS[residual],
            "impact": LEVELS[impact],
            "level": LEVELS[TABLE_I2[residual][impact]],
        }
    return controls, families, risks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--source", required=True)
    args = parser.parse_args()
    content = Content(args.source)

    problems = []
    compared = 0
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home, HOME=home, BULKHEAD_USER="oracle")
        workspace = os.path.join(home, "oracle.bulkhead")
        ids = subprocess.run([args.cli, "--workspace", workspace, "demo"], env=env, check=True, capture_output=True,
                             text=True).stdout.split()
        if len(ids) != len(content.engagements):
            sys.exit(f"demo printed {len(ids)} id(s) for {len(content.engagements)} demo engagement(s)")
        for engagement, eid in zip(content.engagements, ids):
            card = json.loads(subprocess.run([args.cli, "--workspace", workspace, "score", eid, "--json"], env=env, check=True,
                                             capture_output=True, text=True).stdout)
            controls, families, risks = score(content, engagement)
            where = f"{engagement['key']} (engagement {eid})"

            got_controls = {c["id"]: c["result"] for c in card["controls"]}
            if set(got_controls) != set(controls):
                problems.append(f"{where}: controls in scope differ: {sorted(set(got_controls) ^ set(controls))}")
            for cid, expected in controls.items():
                compared += 1
                if got_controls.get(cid) != expected:
                    problems.append(f"{where}: {cid} is {got_controls.get(cid)}, the rules give {expected}")

            got_families = {f["id"]: f.get("score") for f in card["families"]}
            for fid, expected in families.items():
                compared += 1
                if got_families.get(fid) != expected:
                    problems.append(f"{where}: family {fid} scores {got_families.get(fid)}, the rules give {expected}")

            got_risks = {r["id"]: r for r in card["risks"]}
            for rid, expected in risks.items():
                got = got_risks.get(rid)
                if got is None:
                    problems.append(f"{where}: {rid} is missing")
                    continue
                for key, value in expected.items():
                    compared += 1
                    actual = got[key]
                    # The JSON gives the share to three decimals.
                    if (abs(actual - value) > 0.0005) if key == "mitigation" else actual != value:
                        problems.append(f"{where}: {rid} {key} is {actual}, the rules give {value}")

    for p in problems:
        print(p)
    print(f"{compared} figure(s) compared over {len(content.engagements)} demo engagement(s), {len(problems)} disagreement(s)")
    sys.exit(1 if problems or compared == 0 else 0)


if __name__ == "__main__":
    main()
