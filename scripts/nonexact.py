#!/usr/bin/env python3
"""Show every statement of a conformance case whose tensh output is not byte-identical to
the reference. Usage: scripts/nonexact.py CASE.py [--bin target/release/tensh] [--max N]"""
import argparse, os, subprocess, sys, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "reference"))
here = os.path.dirname(os.path.abspath(__file__))
ref = os.environ.get("TENSH_REFERENCE", os.path.join(here, "..", "..", "shared", "reference"))
sys.path.insert(0, ref)
import fidelity  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("case")
ap.add_argument("--bin", default="target/release/tensh")
ap.add_argument("--max", type=int, default=20)
a = ap.parse_args()
src = open(a.case).read()
inst, stmts = fidelity.instrument(src)
exp = fidelity.split_marked(open(a.case[:-3] + ".marked").read(), len(stmts))
with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
    f.write(inst)
r = subprocess.run([a.bin, "--keep-going", f.name], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
got = fidelity.split_marked(r.stdout.decode("utf-8", "replace"), len(stmts))
shown = 0
for i, (e, g) in enumerate(zip(exp, got)):
    if e is not None and e != g and shown < a.max:
        shown += 1
        print("=== #%d: %s" % (i, stmts[i][:120]))
        print("--- expected\n%s\n--- got\n%s" % (e, g))
