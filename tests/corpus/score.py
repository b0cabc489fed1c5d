#!/usr/bin/env python3
"""score.py - run clientele over the labelled corpus and print precision/recall.

Each scenario directory (tests/corpus/dev/NAME or tests/corpus/holdout/NAME)
holds NN-*.eml files and a `labels` file (format: tests/corpus/README.md).
Every scenario is ingested fresh into its own database, then every contact is
read back and compared with the labels.  Python 3 standard library only.

    python3 tests/corpus/score.py [--bin ./clientele] [--set dev|holdout|all]
        [--min-precision P --min-recall R] [--verbose] [--self-test]
"""

import argparse
import email
import email.policy
import email.utils
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

FORMS = ["intro-to", "intro-cc", "mention-address", "mention-name",
         "pending-name", "announce", "forward", "subject", "code"]
TAGS = ["praise", "complaint", "rude", "haggler", "slow-payer"]
LANGS = ["en", "de", "fr", "es"]

# The program's evidence `how` for a referral, mapped to a label form.  An
# introduction is split into intro-to / intro-cc by where the referred person
# stood in the message the evidence names.
HOW_FORM = {
    "address": "mention-address", "mention-address": "mention-address",
    "name": "mention-name", "mention-name": "mention-name",
    "mention": "mention-name",
    "pending": "pending-name", "pending-name": "pending-name",
    "announce": "announce", "announced": "announce",
    "forward": "forward", "forwarded": "forward",
    "subject": "subject", "code": "code",
    "intro-to": "intro-to", "intro-cc": "intro-cc",
}


class LabelError(Exception):
    pass


# ---------------------------------------------------------------- labels

class Labels:
    def __init__(self):
        self.lang = None
        self.owners = []
        self.own_domains = []
        self.referrals = {}      # referred -> (referrer, form, line)
        self.no_referral = {}    # address -> trap
        self.tags = set()        # (address, tag)
        self.no_tags = {}        # (address, tag) -> trap
        self.contacts = []       # addresses
        self.not_contacts = {}   # address -> trap


def parse_labels(path):
    lab = Labels()
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            w = line.split()
            key, args = w[0], [a.lower() if "@" in a or "." in a else a
                               for a in w[1:]]

            def need(k, lo, hi=None):
                hi = lo if hi is None else hi
                if not lo <= len(args) <= hi:
                    raise LabelError("%s:%d: '%s' takes %d argument(s)"
                                     % (path, n, k, lo))
            if key == "lang":
                need(key, 1)
                if args[0] not in LANGS:
                    raise LabelError("%s:%d: unknown language %s"
                                     % (path, n, args[0]))
                lab.lang = args[0]
            elif key == "owner":
                need(key, 1)
                lab.owners.append(args[0])
            elif key == "own-domain":
                need(key, 1)
                lab.own_domains.append(args[0])
            elif key == "referral":
                need(key, 3)
                if args[2] not in FORMS:
                    raise LabelError("%s:%d: unknown form %s"
                                     % (path, n, args[2]))
                if args[0] in lab.referrals:
                    raise LabelError("%s:%d: %s has two referrers"
                                     % (path, n, args[0]))
                lab.referrals[args[0]] = (args[1], args[2], n)
            elif key == "no-referral":
                need(key, 2)
                lab.no_referral[args[0]] = args[1]
            elif key == "tag":
                need(key, 2)
                if args[1] not in TAGS:
                    raise LabelError("%s:%d: unknown tag %s"
                                     % (path, n, args[1]))
                lab.tags.add((args[0], args[1]))
            elif key == "no-tag":
                need(key, 3)
                if args[1] not in TAGS:
                    raise LabelError("%s:%d: unknown tag %s"
                                     % (path, n, args[1]))
                lab.no_tags[(args[0], args[1])] = args[2]
            elif key == "contact":
                need(key, 1)
                lab.contacts.append(args[0])
            elif key == "not-contact":
                need(key, 2)
                lab.not_contacts[args[0]] = args[1]
            else:
                raise LabelError("%s:%d: unknown label '%s'" % (path, n, key))
    if lab.lang is None:
        raise LabelError("%s: no 'lang' line" % path)
    if not lab.owners and not lab.own_domains:
        raise LabelError("%s: no 'owner' or 'own-domain' line" % path)
    for a in lab.referrals:
        if a in lab.no_referral:
            raise LabelError("%s: %s is both referral and no-referral"
                             % (path, a))
    for t in lab.tags:
        if t in lab.no_tags:
            raise LabelError("%s: %s %s is both tag and no-tag"
                             % ((path,) + t))
    return lab


# ---------------------------------------------------------------- claims

class Claims:
    """What the program recorded for one scenario."""

    def __init__(self):
        self.contacts = set()     # primary addresses
        self.alias = {}           # any address -> primary
        self.referrals = {}       # referred -> (referrer, how, message_key)
        self.tags = {}            # (address, tag) -> message_key or None

    def canon(self, addr):
        addr = addr.lower()
        return self.alias.get(addr, addr)


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          universal_newlines=True, **kw)


def json_or_none(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def collect(binary, conf):
    cl = Claims()
    base = [binary, "--config", conf]
    r = run(base + ["customers", "--format", "json"])
    customers = json_or_none(r.stdout) if r.returncode == 0 else None
    if not isinstance(customers, list):
        raise RuntimeError("customers --format json failed: %s"
                           % r.stderr.strip())
    r = run(base + ["export", "--format", "json"])
    export = json_or_none(r.stdout) if r.returncode == 0 else None
    exp_customers = []
    if isinstance(export, dict) and isinstance(export.get("customers"), list):
        exp_customers = export["customers"]

    def add_contact(obj):
        e = (obj.get("email") or "").lower()
        if not e:
            return None
        cl.contacts.add(e)
        cl.alias[e] = e
        for a in obj.get("addresses") or []:
            cl.alias[a.lower()] = e
        return e

    def add_ref(e, referrer, how, key):
        if not referrer:
            return
        referrer = referrer.lower()
        old = cl.referrals.get(e)
        if old is None or (old[1] is None and how) or (old[2] is None and key):
            cl.referrals[e] = (referrer, how or (old and old[1]),
                               key or (old and old[2]))

    def add_tag(e, tag, key):
        if tag not in TAGS:
            return
        if cl.tags.get((e, tag)) is None:
            cl.tags[(e, tag)] = key

    for c in customers:
        e = add_contact(c)
        if e is None:
            continue
        add_ref(e, c.get("referred_by"), None, None)
        for t in c.get("tags") or []:
            add_tag(e, t if isinstance(t, str) else t.get("tag"), None)

    for c in exp_customers:
        e = add_contact(c)
        if e is None:
            continue
        ref = c.get("referral")
        if isinstance(ref, dict):
            add_ref(e, ref.get("referrer"), ref.get("how"),
                    ref.get("message_key"))
        for t in c.get("tags") or []:
            add_tag(e, t.get("tag") if isinstance(t, dict) else t, None)
        for ev in c.get("evidence") or []:
            if ev.get("kind") == "tag" and (e, ev.get("label")) in cl.tags:
                if cl.tags[(e, ev.get("label"))] is None:
                    cl.tags[(e, ev["label"])] = ev.get("message_key")

    # `show` names how each referral was recognised (when export did not).
    for e in sorted(cl.contacts):
        r = run(base + ["show", e, "--format", "json"])
        s = json_or_none(r.stdout) if r.returncode == 0 else None
        if not isinstance(s, dict):
            continue
        add_contact(s)
        add_ref(e, s.get("referred_by"), None, None)
        for t in s.get("tags") or []:
            add_tag(e, t if isinstance(t, str) else t.get("tag"), None)
        for ev in s.get("evidence") or []:
            if ev.get("kind") == "referred":
                add_ref(e, ev.get("label"), ev.get("how"),
                        ev.get("message_key"))
    # Referred people who only appear through their referrer's `referred`.
    return cl


# ---------------------------------------------------------------- scoring

class Tally:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, other):
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def precision(self):
        d = self.tp + self.fp
        return self.tp / d if d else None

    def recall(self):
        d = self.tp + self.fn
        return self.tp / d if d else None


class Result:
    def __init__(self):
        self.ref = {}          # key -> Tally; keys "all", "form:X", "lang:X"
        self.tag = {}
        self.contact_ok = 0
        self.contact_n = 0
        self.problems = []     # (kind, scenario, text)

    def t(self, table, key):
        return table.setdefault(key, Tally())


def message_index(scen_dir):
    """Message-ID -> (file name, headers) for every message of a scenario."""
    idx = {}
    for f in sorted(os.listdir(scen_dir)):
        if not f.endswith(".eml"):
            continue
        with open(os.path.join(scen_dir, f), "rb") as fh:
            m = email.message_from_binary_file(fh, policy=email.policy.compat32)
        mid = (m.get("Message-ID") or "").strip().strip("<>").strip()
        idx[mid] = (f, m)
        idx[f] = (f, m)
    return idx


def addrs_of(msg, field):
    vals = msg.get_all(field) or []
    return [a.lower() for _, a in email.utils.getaddresses(vals) if a]


def senders(idx, addr):
    out = []
    for k, (f, m) in idx.items():
        if k == f and addr in addrs_of(m, "From"):
            out.append(f)
    return sorted(set(out))


def appears(idx, addr):
    """Files whose From, To or Cc name the address, else whose text does."""
    hdr, body = set(), set()
    for k, (f, m) in idx.items():
        if k != f:
            continue
        if any(addr in addrs_of(m, h) for h in ("From", "To", "Cc")):
            hdr.add(f)
        elif addr in m.as_string().lower():
            body.add(f)
    return sorted(hdr or body)


def form_of_claim(how, key, referred, idx):
    how = (how or "").lower()
    if how in HOW_FORM:
        return HOW_FORM[how]
    if how.startswith("intro"):
        if key and key.strip("<>") in idx:
            _, m = idx[key.strip("<>")]
            if referred in addrs_of(m, "Cc"):
                return "intro-cc"
        return "intro-to"
    return how or "unknown"


def file_of(key, idx):
    if key and key.strip("<>") in idx:
        return idx[key.strip("<>")][0]
    return "?"


def score(name, lab, cl, idx, res):
    lang = lab.lang
    canon = cl.canon

    # referrals
    expected = {}
    for referred, (referrer, form, _) in lab.referrals.items():
        expected[canon(referred)] = (canon(referrer), form, referred)
    seen = set()
    for referred, (referrer, how, key) in sorted(cl.referrals.items()):
        exp = expected.get(referred)
        claim_form = form_of_claim(how, key, referred, idx)
        where = file_of(key, idx)
        if exp and exp[0] == canon(referrer):
            seen.add(referred)
            for k in ("all", "form:" + exp[1], "lang:" + lang):
                res.t(res.ref, k).tp += 1
            continue
        trap = lab.no_referral.get(referred)
        why = ("trap %s" % trap) if trap else (
            "expected by %s" % exp[0] if exp else "unlabelled")
        for k in ("all", "form:" + claim_form, "lang:" + lang):
            res.t(res.ref, k).fp += 1
        res.problems.append(("referral FP", name, "%s referred by %s (%s, %s) [%s]"
                             % (referred, referrer, claim_form, where, why)))
    for referred, (referrer, form, orig) in sorted(expected.items()):
        if referred in seen:
            continue
        for k in ("all", "form:" + form, "lang:" + lang):
            res.t(res.ref, k).fn += 1
        got = cl.referrals.get(referred)
        res.problems.append(("referral FN", name, "%s referred by %s (%s%s)%s"
                             % (orig, referrer, form,
                                ", " + ",".join(appears(idx, orig))
                                if appears(idx, orig) else "",
                                " got %s" % got[0] if got else "")))

    # tags
    exp_tags = {(canon(a), t): a for a, t in lab.tags}
    no_tags = {(canon(a), t): trap for (a, t), trap in lab.no_tags.items()}
    for (addr, tag), key in sorted(cl.tags.items()):
        if (addr, tag) in exp_tags:
            for k in ("all", "tag:" + tag, "lang:" + lang):
                res.t(res.tag, k).tp += 1
            continue
        for k in ("all", "tag:" + tag, "lang:" + lang):
            res.t(res.tag, k).fp += 1
        trap = no_tags.get((addr, tag))
        where = file_of(key, idx) if key else ",".join(senders(idx, addr)) or "?"
        res.problems.append(("tag FP", name, "%s %s (%s) [%s]" % (
            addr, tag, where, ("trap " + trap) if trap else "unlabelled")))
    for (addr, tag), orig in sorted(exp_tags.items()):
        if (addr, tag) in cl.tags:
            continue
        for k in ("all", "tag:" + tag, "lang:" + lang):
            res.t(res.tag, k).fn += 1
        res.problems.append(("tag FN", name, "%s %s (from %s)" % (
            orig, tag, ",".join(senders(idx, orig)) or "?")))

    # contacts
    for a in lab.contacts:
        res.contact_n += 1
        if canon(a) in cl.contacts:
            res.contact_ok += 1
        else:
            res.problems.append(("contact FN", name, "%s is not a contact" % a))
    for a, trap in sorted(lab.not_contacts.items()):
        res.contact_n += 1
        if canon(a) in cl.contacts:
            res.problems.append(("contact FP", name, "%s is a contact [trap %s]"
                                 % (a, trap)))
        else:
            res.contact_ok += 1


# ---------------------------------------------------------------- running

def supports_policy(binary, tmp):
    conf = os.path.join(tmp, "probe.conf")
    with open(conf, "w") as f:
        f.write("Database %s\nCustomerPolicy incoming\n"
                % os.path.join(tmp, "probe.db"))
    r = run([binary, "--config", conf, "customers", "--format", "json"])
    # A binary without the key names it as an unknown key; one with it may
    # still fail here for want of a database, which is fine.
    return r.returncode == 0 or "CustomerPolicy" not in r.stderr


def scenarios(which):
    sets = ["dev", "holdout"] if which == "all" else [which]
    out = []
    for s in sets:
        d = os.path.join(HERE, s)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            p = os.path.join(d, name)
            if os.path.isfile(os.path.join(p, "labels")):
                out.append((s + "/" + name, p))
    return out


def run_scenario(binary, name, path, policy, res, verbose):
    lab = parse_labels(os.path.join(path, "labels"))
    files = sorted(f for f in os.listdir(path) if f.endswith(".eml"))
    idx = message_index(path)
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        conf = os.path.join(tmp, "clientele.conf")
        with open(conf, "w") as f:
            f.write("Database %s\n" % os.path.join(tmp, "clientele.db"))
            if lab.owners:
                f.write("OwnAddresses %s\n" % " ".join(lab.owners))
            if lab.own_domains:
                f.write("OwnDomains %s\n" % " ".join(lab.own_domains))
            if policy:
                f.write("CustomerPolicy incoming\n")
        r = run([binary, "--config", conf, "ingest"]
                + [os.path.join(path, f) for f in files])
        if r.returncode not in (0, 1):
            raise RuntimeError("%s: ingest exited %d: %s"
                               % (name, r.returncode, r.stderr.strip()))
        if verbose:
            for line in r.stderr.splitlines():
                if not line.startswith("ingested"):
                    res.problems.append(("ingest", name, line))
        cl = collect(binary, conf)
    score(name, lab, cl, idx, res)
    return lab.lang


def fmt(v):
    return "  -  " if v is None else "%.3f" % v


def table(title, tallies, keys):
    lines = ["%-22s %5s %5s %5s  %9s %6s" % (title, "tp", "fp", "fn",
                                              "precision", "recall")]
    for k in keys:
        t = tallies.get(k)
        if t is None:
            continue
        lines.append("%-22s %5d %5d %5d  %9s %6s" % (
            k, t.tp, t.fp, t.fn, fmt(t.precision()), fmt(t.recall())))
    return "\n".join(lines)


def report(res, nscen, nmsg, set_name):
    out = ["clientele corpus score: %s, %d scenarios, %d messages"
           % (set_name, nscen, nmsg), ""]
    fkeys = ["all"] + ["form:" + f for f in FORMS] + sorted(
        k for k in res.ref if k.startswith("form:")
        and k[5:] not in FORMS) + ["lang:" + l for l in LANGS]
    out.append(table("referrals", res.ref, fkeys))
    out.append("")
    tkeys = ["all"] + ["tag:" + t for t in TAGS] + ["lang:" + l for l in LANGS]
    out.append(table("tags", res.tag, tkeys))
    out.append("")
    if res.contact_n:
        out.append("contacts: %d/%d right (%.3f)" % (
            res.contact_ok, res.contact_n, res.contact_ok / res.contact_n))
    return "\n".join(out)


def stats(which):
    """Count what the labels hold, per set and language (no binary needed)."""
    rows = {}
    for name, path in scenarios(which):
        lab = parse_labels(os.path.join(path, "labels"))
        key = (name.split("/")[0], lab.lang)
        r = rows.setdefault(key, {"scenarios": 0, "messages": 0})
        r["scenarios"] += 1
        r["messages"] += len([f for f in os.listdir(path)
                              if f.endswith(".eml")])

        def bump(k):
            r[k] = r.get(k, 0) + 1
        for _, form, _ in lab.referrals.values():
            bump("referral:" + form)
        for _, t in lab.tags:
            bump("tag:" + t)
        for trap in lab.no_referral.values():
            bump("no-referral:" + trap)
        for trap in lab.no_tags.values():
            bump("no-tag:" + trap)
        for trap in lab.not_contacts.values():
            bump("not-contact:" + trap)
        r["contact"] = r.get("contact", 0) + len(lab.contacts)
    keys = sorted({k for r in rows.values() for k in r},
                  key=lambda k: (k not in ("scenarios", "messages"), k))
    cols = sorted(rows)
    print("%-32s" % "" + "".join("%12s" % ("%s/%s" % c) for c in cols))
    for k in keys:
        print("%-32s" % k + "".join("%12s" % rows[c].get(k, "") for c in cols))
    return 0


def self_test():
    """Check the arithmetic on a hand-made scenario (no binary needed)."""
    lab = Labels()
    lab.lang = "en"
    lab.referrals = {"b@x.example": ("a@x.example", "intro-cc", 1),
                     "c@x.example": ("a@x.example", "mention-name", 2),
                     "d@x.example": ("a@x.example", "forward", 3)}
    lab.no_referral = {"e@x.example": "mass-cc"}
    lab.tags = {("a@x.example", "praise"), ("c@x.example", "rude")}
    lab.no_tags = {("b@x.example", "complaint"): "quoted"}
    lab.contacts = ["a@x.example", "b@x.example"]
    lab.not_contacts = {"noreply@x.example": "role"}
    cl = Claims()
    cl.contacts = {"a@x.example", "b@x.example", "c@x.example", "e@x.example"}
    cl.alias = {a: a for a in cl.contacts}
    cl.alias["b2@x.example"] = "b@x.example"
    cl.referrals = {"b@x.example": ("a@x.example", "introduction", None),
                    "c@x.example": ("e@x.example", "name", None),
                    "e@x.example": ("a@x.example", "introduction", None)}
    cl.tags = {("a@x.example", "praise"): None,
               ("b@x.example", "complaint"): None}
    res = Result()
    score("self", lab, cl, {}, res)
    r = res.ref["all"]
    assert (r.tp, r.fp, r.fn) == (1, 2, 2), (r.tp, r.fp, r.fn)
    assert abs(r.precision() - 1 / 3) < 1e-9 and abs(r.recall() - 1 / 3) < 1e-9
    assert res.ref["form:intro-cc"].tp == 1
    assert res.ref["form:mention-name"].fp == 1 and res.ref["form:mention-name"].fn == 1
    assert res.ref["form:forward"].fn == 1
    assert res.ref["form:intro-to"].fp == 1          # e's claim, no message
    t = res.tag["all"]
    assert (t.tp, t.fp, t.fn) == (1, 1, 1), (t.tp, t.fp, t.fn)
    assert res.tag["tag:rude"].recall() == 0.0
    assert res.tag["tag:praise"].precision() == 1.0
    assert (res.contact_ok, res.contact_n) == (3, 3)
    assert any("trap quoted" in p[2] for p in res.problems)
    assert Tally().precision() is None
    print("score.py self-test: ok")
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(ROOT, "clientele"))
    ap.add_argument("--set", default="dev",
                    help="a folder under tests/corpus (dev, holdout, "
                    "holdout3, ...) or all (dev and holdout)")
    ap.add_argument("--min-precision", type=float)
    ap.add_argument("--min-recall", type=float)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--self-test", action="store_true")
    ap.add_argument("--stats", action="store_true",
                    help="count the labels per set and language, run nothing")
    ap.add_argument("--scenario", action="append",
                    help="only scenarios whose name contains this")
    a = ap.parse_args()
    if a.self_test:
        return self_test()
    if a.stats:
        return stats(a.set)
    binary = os.path.abspath(a.bin)
    if not os.access(binary, os.X_OK):
        print("score.py: %s is not an executable (build it: make)" % binary,
              file=sys.stderr)
        return 2
    scen = scenarios(a.set)
    if a.scenario:
        scen = [s for s in scen if any(p in s[0] for p in a.scenario)]
    if not scen:
        print("score.py: no scenarios under %s/%s" % (HERE, a.set),
              file=sys.stderr)
        return 2
    res = Result()
    nmsg = 0
    try:
        with tempfile.TemporaryDirectory(prefix="corpus-probe-") as tmp:
            policy = supports_policy(binary, tmp)
        for name, path in scen:
            nmsg += len([f for f in os.listdir(path) if f.endswith(".eml")])
            run_scenario(binary, name, path, policy, res, a.verbose)
    except (LabelError, RuntimeError) as e:
        print("score.py: %s" % e, file=sys.stderr)
        return 2
    print(report(res, len(scen), nmsg, a.set))
    print("CustomerPolicy incoming: %s" % ("used" if policy else
                                           "not supported by this binary"))
    if a.verbose and res.problems:
        print("")
        for kind, name, text in sorted(res.problems):
            print("%-12s %-34s %s" % (kind, name, text))
    failed = []
    for label, table_ in (("referral", res.ref), ("tag", res.tag)):
        t = table_.get("all", Tally())
        p = t.precision()
        r = t.recall()
        if a.min_precision is not None and (p if p is not None else 1.0) < a.min_precision:
            failed.append("%s precision %s < %.3f" % (label, fmt(p), a.min_precision))
        if a.min_recall is not None and (r if r is not None else 1.0) < a.min_recall:
            failed.append("%s recall %s < %.3f" % (label, fmt(r), a.min_recall))
    for f in failed:
        print("score.py: FAIL: " + f, file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
