#!/usr/bin/env python3
"""cycles.py - no two source files of a program call each other.

Reads the symbols of the built objects (nm): file A depends on file B when
A uses a function or variable B defines.  Prints every cycle (a group of
files that depend on each other, directly or through others) and exits 1
if there is one.  Part of `make check` (after the build).

    python3 scripts/cycles.py OBJECT...
"""
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "--defined-only", "-g", obj],
                         capture_output=True, text=True, check=True).stdout
    defined = {l.split()[-1] for l in out.splitlines() if l.strip()}
    out = subprocess.run(["nm", "-u", obj], capture_output=True, text=True,
                         check=True).stdout
    used = {l.split()[-1] for l in out.splitlines() if l.strip()}
    return defined, used


def sccs(nodes, edges):
    """Tarjan's strongly connected components, iteratively."""
    index, low, on, stack, out = {}, {}, set(), [], []
    counter = [0]
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter[0]
                    counter[0] += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(edges[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop()
                        on.discard(w)
                        comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def main(objs):
    defs, uses = {}, {}
    for o in objs:
        defs[o], uses[o] = symbols(o)
    owner = {}
    for o, d in defs.items():
        for s in d:
            owner[s] = o
    edges = {o: {owner[s] for s in uses[o] if s in owner and owner[s] != o}
             for o in objs}
    bad = sccs(sorted(objs), edges)
    for comp in bad:
        why = []
        for a in comp:
            for b in comp:
                if b in edges[a]:
                    shared = sorted(s for s in uses[a] if owner.get(s) == b)
                    why.append("  %s uses %s from %s" % (
                        a, ", ".join(shared[:4]) + (" ..." if len(shared) > 4 else ""), b))
        print("cycle: " + " <-> ".join(c.replace(".o", ".c") for c in comp))
        print("\n".join(why))
    if bad:
        print("cycles: %d cycle(s) between source files" % len(bad),
              file=sys.stderr)
        return 1
    print("cycles: no two source files depend on each other (%d files)"
          % len(objs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
