#!/usr/bin/env python3
"""Fit the politeness rule weights on the development sample, reproducibly.

    Scripts/fit-politeness.py [--data dev.jsonl] [--bin .build/release/tonecheck] [--folds 10]
                              [--dry-run] [--free-signs] [--seed 7] [--from-files]

Reproduce the weights in Rules/politeness.json5 (from the package root, with ../shared beside it):

    swift build -c release && Scripts/fit-politeness.py

(--from-files scores with the rule files as they are on disk, so a rule edit can be fitted before
rebuilding; rebuild afterwards so the binary carries the new weights.)

What it does, in order:
 1. Runs the tonecheck binary (`--input jsonl --format ndjson --show-credits`, which lists
    every politeness signal as a finding) over every row of the
    development sample (../shared/data/politeness/dev.jsonl; never copied into the repo).
 2. Builds, per request, one feature per politeness rule, computed exactly as the scorer
    does it: the rule's findings, each times its context multiplier (intensifier, contrast),
    largest first with repeat decay, divided by the length factor; a negated (flipped)
    credit counts with the opposite sign. Findings of the other packs (tone, word choice,
    demands) keep the weights their files give them and enter as a fixed offset.
 3. Fits an L2-regularised logistic regression, polite vs impolite (top vs bottom quartile of
    the human scores, both communities together), by L-BFGS-B. Signs are kept: a credit rule
    cannot get a penalty weight and vice versa (a rule the data pushes the other way ends at
    the bound; --free-signs fits without bounds and reports which rules would flip).
    The regularisation strength and the repeat decay are chosen by K-fold cross-validation
    (folds stratified by community and label, fixed seed); the CV accuracy and AUC per
    community are printed — the honest measure of agreement on unseen requests.
 4. Refits on the whole sample and writes each weight into the `weight:` line after the
    rule's `id:` in Rules/politeness.json5 (points = -pointsPerLogit x coefficient), plus the
    `scoring` block (pointsPerLogit, repeatDecay, creditCap; `bias` is the anchor of a message
    with no findings and is not fitted: the fitted intercept only reflects how the corpus
    was split into quartiles). With --dry-run nothing is written.

Needs Python 3 with numpy and scipy. Exit status 0, 1 if the data or binary is missing.
"""
import argparse, json, math, os, re, subprocess, sys

import numpy as np
from scipy.optimize import minimize

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.realpath(__file__)), ".."))
RULES = os.path.join(ROOT, "Rules", "politeness.json5")
LAMBDAS = [0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3]
DECAYS = [0.4, 0.6, 0.8]
DILUTION = {"info": 1.0, "warning": 0.7, "error": 0.3}
LENGTH_REFERENCE = 60.0
DEFAULT_BIAS = 2.0
POINTS_PER_LOGIT = 10.0
MIN_MAGNITUDE = 0.1  # a rule at its sign bound keeps this much weight, so it stays a credit or a penalty


def find_data(explicit):
    if explicit:
        return explicit
    for base in (os.path.join(ROOT, ".."), os.path.join(ROOT, "..", "..")):
        p = os.path.normpath(os.path.join(base, "shared", "data", "politeness", "dev.jsonl"))
        if os.path.exists(p):
            return p
    return None


def find_binary(explicit):
    if explicit:
        return explicit
    for kind in ("release", "debug"):
        p = os.path.join(ROOT, ".build", kind, "tonecheck")
        if os.path.exists(p):
            return p
    return None


def rule_weights(path):
    """id -> (weight, line index of its weight:) for the rules of a JSON5 rule file, from the text."""
    lines = open(path, encoding="utf-8").read().split("\n")
    out, current = {}, None
    for i, line in enumerate(lines):
        m = re.match(r'\s*id:\s*"([^"]+)"', line)
        if m:
            current = m.group(1)
            continue
        m = re.match(r"\s*weight:\s*(-?[0-9.]+)", line)
        if m and current:
            out[current] = (float(m.group(1)), i)
            current = None
    return out, lines


def run_tonecheck(binary, rows, from_files=False):
    stdin = "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in rows)
    # --from-files: the rule files as they are on disk now, not the packs built into the binary
    # (so a rule edit can be fitted without rebuilding). --show-credits lists every
    # politeness signal as a finding.
    extra = ["--no-default-rules", "--rules", os.path.join(ROOT, "Rules")] if from_files else []
    # A fixed send time (a working-day midday, as in README's evaluation command), so
    # deadline findings, and the fit, do not depend on when the script runs.
    now = ["--now", "2026-11-23T13:00:00Z"]
    proc = subprocess.run([binary, "--input", "jsonl", "--format", "ndjson", "--show-credits"] + now + extra, input=stdin, capture_output=True,
                          text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        sys.exit(f"fit-politeness: {binary} exited with status {proc.returncode}: {proc.stderr.strip()[:500]}")
    results = {}
    for line in proc.stdout.splitlines():
        obj = json.loads(line)
        if isinstance(obj, dict) and "id" in obj:
            results[obj["id"]] = obj
    return results


def decayed(values, decay):
    total, d = 0.0, 1.0
    for v in sorted(values, reverse=True):
        total += v * d
        d *= decay
    return total


def features(results, rows, pol_ids, decay):
    """X (rows x politeness rules) and the offset in logits from the other packs' findings."""
    col = {rid: j for j, rid in enumerate(pol_ids)}
    X = np.zeros((len(rows), len(pol_ids)))
    offset = np.zeros(len(rows))
    for i, r in enumerate(rows):
        res = results[r["id"]]
        length = max(1.0, math.sqrt(res.get("words", 0) / LENGTH_REFERENCE))
        groups = {}
        for f in res["findings"]:
            key = (f["rule"], f["credit"])
            dil = DILUTION["info"] if f["credit"] else DILUTION.get(f["severity"], 1.0)
            # Politeness rules: the unit effect (weight left out, it is what we fit); others: points.
            size = f.get("multiplier", 1) if f["rule"] in col else abs(f["weight"]) * f.get("multiplier", 1)
            groups.setdefault(key, []).append(size / length ** dil)
        for (rule, credit), values in groups.items():
            s = decayed(values, decay)
            if rule in col:
                # points = -weight * x. A credit rule's findings give x > 0; a negated (flipped)
                # credit is a penalty of the same rule and gives x < 0.
                rule_is_credit = pol_sign[rule] < 0
                X[i, col[rule]] += s if credit == rule_is_credit else -s
            else:
                offset[i] += (s if credit else -s) / POINTS_PER_LOGIT
    return X, offset


def fit_linear(X, t, lam, bounds, sample_weight):
    """Ridge regression of the human score t on X (with sign bounds); returns (intercept, coefficients)."""
    n, k = X.shape

    def loss(params):
        b, beta = params[0], params[1:]
        r = (b + X @ beta - t) * sample_weight
        total = np.sum(r * (b + X @ beta - t)) / (2 * n) + lam * np.sum(beta ** 2) / 2
        grad = np.concatenate([[r.sum() / n], X.T @ r / n + lam * beta])
        return total, grad

    res = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=[(None, None)] + bounds)
    return res.x[0], res.x[1:]


def fit_any(X, y, offset, lam, bounds, sample_weight, target=None, scored=None):
    """Logistic fit on labels, or (target given) a ridge fit of the human score on all rows,
    rescaled to log-odds by a one-parameter logistic fit on the labelled rows."""
    if target is None:
        return fit(X, y, offset, lam, bounds, sample_weight)
    Xa, ta, swa = target
    b, beta = fit_linear(Xa, ta, lam, bounds, swa)
    z = (X @ beta)[:, None]
    b2, scale = fit(z, y, offset, 0.0, [(0, None)], sample_weight)
    return b2, beta * scale[0]


def fit(X, y, offset, lam, bounds, sample_weight):
    n, k = X.shape

    def loss(params):
        b, beta = params[0], params[1:]
        z = b + X @ beta + offset
        # log(1 + e^z) - y z, stably
        l = np.logaddexp(0, z) - y * z
        p = 1 / (1 + np.exp(-z))
        g = (p - y) * sample_weight
        total = np.sum(l * sample_weight) / n + lam * np.sum(beta ** 2) / 2
        grad = np.concatenate([[g.sum() / n], X.T @ g / n + lam * beta])
        return total, grad

    res = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=[(None, None)] + bounds)
    return res.x[0], res.x[1:]


def auc(scores, y):
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    s = np.asarray(scores)[order]
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_p, n_i = y.sum(), len(y) - y.sum()
    return (ranks[y == 1].sum() - n_p * (n_p + 1) / 2) / (n_p * n_i)


def accuracy(scores, y):
    """As politeness-eval: polite when above the median (ties to the side nearer half and half)."""
    scores = np.asarray(scores)
    med = np.median(scores)
    above, tied, half = np.sum(scores > med), np.sum(scores == med), len(scores) / 2
    ties_polite = abs(above + tied - half) < abs(above - half)
    calls = (scores > med) | ((scores == med) & ties_polite)
    return float(np.mean(calls == (y == 1)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--bin")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dry-run", action="store_true", help="print the fit, write nothing")
    ap.add_argument("--from-files", action="store_true",
                    help="score with the rule files in Rules/ as they are now (--no-default-rules --rules Rules) instead of "
                         "the packs built into the binary; no rebuild needed after editing a rule")
    ap.add_argument("--free-signs", action="store_true", help="fit without sign bounds (report only; implies --dry-run)")
    ap.add_argument("--stackexchange-share", type=float, default=0.5,
                    help="share of the fit's weight on the Stack Exchange rows (default %(default)s: communities equal)")
    ap.add_argument("--target", choices=["label", "score"], default="label",
                    help="label: logistic regression on polite vs impolite rows; score: ridge regression on the human "
                         "score of all rows (neutral ones too), rescaled to log-odds on the labelled rows")
    ap.add_argument("--bias", type=float, default=DEFAULT_BIAS, help="log-odds of a message with no findings (default %(default)s)")
    args = ap.parse_args()

    data, binary = find_data(args.data), find_binary(args.bin)
    if not data:
        print("fit-politeness: no ../shared/data/politeness/dev.jsonl beside the repository; nothing to fit", file=sys.stderr)
        return 1
    if not binary:
        print("fit-politeness: build tonecheck first (swift build -c release)", file=sys.stderr)
        return 1
    rows = [json.loads(l) for l in open(data, encoding="utf-8") if l.strip()]
    weights, lines = rule_weights(RULES)
    pol_ids = sorted(weights)
    global pol_sign
    pol_sign = {rid: (-1 if w < 0 else 1) for rid, (w, _) in weights.items()}
    print(f"data: {data} ({len(rows)} rows)\nbinary: {binary}\nrules: {len(pol_ids)} politeness rules")
    results = run_tonecheck(binary, rows, args.from_files)
    missing = [r["id"] for r in rows if r["id"] not in results]
    if missing:
        sys.exit(f"fit-politeness: {len(missing)} rows got no result (first: {missing[0]})")

    # All rows; the logistic fit uses the polite/impolite ones, the score fit all of them.
    lab = np.array([r["label"] in ("polite", "impolite") for r in rows])
    y = np.array([1.0 if r["label"] == "polite" else 0.0 for r in rows])
    t = np.array([float(r["score"]) for r in rows])
    domain = np.array([r["domain"] for r in rows])
    # Each community weighs its share (default: the same) in the fit.
    share = {"wikipedia": 1 - args.stackexchange_share, "stackexchange": args.stackexchange_share}
    sw = np.array([share[d] / np.sum(domain == d) for d in domain])
    sw_lab = np.array([share[d] / np.sum((domain == d) & lab) for d in domain])
    # A credit's coefficient is >= 0 (it raises the odds of polite), a penalty's <= 0.
    if args.free_signs:
        bounds = [(None, None)] * len(pol_ids)
    else:
        bounds = [(0, None) if pol_sign[rid] < 0 else (None, 0) for rid in pol_ids]

    rng = np.random.default_rng(args.seed)
    folds = np.zeros(len(rows), dtype=int)
    for d in ("wikipedia", "stackexchange"):
        for label in ("polite", "impolite", "neutral"):
            idx = np.where((domain == d) & np.array([r["label"] == label for r in rows]))[0]
            rng.shuffle(idx)
            folds[idx] = np.arange(len(idx)) % args.folds

    def train(X, off, mask, lam):
        m = mask & lab
        target = (X[mask], t[mask], sw[mask] * mask.sum()) if args.target == "score" else None
        return fit_any(X[m], y[m], off[m], lam, bounds, sw_lab[m] * m.sum(), target)

    def report(pred):
        return {d: (accuracy(pred[(domain == d) & lab], y[(domain == d) & lab]),
                    auc(pred[(domain == d) & lab], y[(domain == d) & lab]))
                for d in ("wikipedia", "stackexchange")}

    best = None
    cache = {}
    print(f"\ncross-validation ({args.folds} folds, target {args.target}): mean AUC over the two communities")
    for decay in DECAYS:
        X, off = features(results, rows, pol_ids, decay)
        cache[decay] = (X, off)
        for lam in LAMBDAS:
            pred = np.zeros(len(rows))
            for k in range(args.folds):
                b, beta = train(X, off, folds != k, lam)
                te = folds == k
                pred[te] = X[te] @ beta + off[te]
            per = report(pred)
            mean_auc = np.mean([a for _, a in per.values()])
            print(f"  decay {decay:.1f} lambda {lam:<5} " + "  ".join(
                f"{d} acc {a:.3f} auc {u:.3f}" for d, (a, u) in per.items()) + f"  mean auc {mean_auc:.4f}")
            if best is None or mean_auc > best[0] + 1e-9:
                best = (mean_auc, decay, lam, per)
    _, decay, lam, per = best
    print(f"\nchosen: repeat decay {decay}, lambda {lam}")
    for d, (a, u) in per.items():
        print(f"  cross-validated {d:<14} accuracy {a:.3f}  auc {u:.3f}")

    X, off = cache[decay]
    b, beta = train(X, off, np.ones(len(rows), dtype=bool), lam)
    pred = X @ beta + off
    for d, (a, u) in report(pred).items():
        print(f"  in-sample       {d:<14} accuracy {a:.3f}  auc {u:.3f}")
    print(f"  fitted intercept {b:.3f} (not used: bias is the anchor {args.bias})")

    print("\nrule                               coef   weight   rows with it")
    new_weights = {}
    for j, rid in enumerate(pol_ids):
        w = -POINTS_PER_LOGIT * beta[j]
        if not args.free_signs and abs(w) < MIN_MAGNITUDE:
            w = MIN_MAGNITUDE * pol_sign[rid]
        new_weights[rid] = round(w, 2)
        flag = ""
        if args.free_signs and np.sign(-beta[j]) != pol_sign[rid] and abs(beta[j]) > 1e-6:
            flag = "  <- data says the other sign"
        print(f"  {rid:<32} {beta[j]:+.3f} {new_weights[rid]:+8.2f} {int(np.sum(X[:, j] != 0)):6d}{flag}")

    if args.dry_run or args.free_signs:
        print("\n--dry-run: nothing written")
        return 0
    for rid, w in new_weights.items():
        i = weights[rid][1]
        lines[i] = re.sub(r"(weight:\s*)-?[0-9.]+", lambda m: m.group(1) + f"{w:g}", lines[i], count=1)
    text = "\n".join(lines)
    block = ("  scoring: {\n"
             f"    bias: {args.bias:g},\n"
             f"    pointsPerLogit: {POINTS_PER_LOGIT:g},\n"
             f"    repeatDecay: {decay:g},\n"
             f"    creditCap: {CREDIT_CAP:g},\n"
             "  },\n")
    text = re.sub(r"(  // scoring-begin[^\n]*\n).*?(  // scoring-end)", lambda m: m.group(1) + block + m.group(2), text,
                  count=1, flags=re.S)
    with open(RULES + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(RULES + ".tmp", RULES)
    print(f"\nwrote {len(new_weights)} weights and the scoring block to {os.path.relpath(RULES, ROOT)}")
    return 0


CREDIT_CAP = 40
pol_sign = {}

if __name__ == "__main__":
    sys.exit(main())
