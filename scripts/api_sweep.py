#!/usr/bin/env python3
"""Writes the API sweep: every public function tensh declares under tf., tf.math., tf.nn.,
tf.linalg., tf.random., tf.keras.activations., tf.keras.losses. and np., called with each
kind of ill-fitting argument value, alone (`f(A)`) and after a valid first argument
(`f(t, A)`) for functions that take two or more positional arguments.

The list of functions and their signatures comes from tensh itself (a script that walks
`dir()` of each module and reads the signature line `help()` prints). Each call is one
line of the generated script, `probe("CALL", lambda: CALL)`, which prints `CALL<TAB>ok` or
`CALL<TAB>ErrorName` (tests/api_sweep/prelude.py defines `probe`, `t`, `n` and `C`).

  python3 scripts/api_sweep.py [--bin target/debug/tensh] [--out DIR]
  for f in DIR/sweep_*.py; do ../shared/reference/tf-oracle $f; done > DIR/oracle.txt
  python3 scripts/api_sweep.py --collect DIR/oracle.txt   # writes tests/api_sweep/cases.txt
  for f in DIR/sweep_*.py; do target/debug/tensh -k $f; done > DIR/tensh.txt
  python3 scripts/api_sweep.py --known DIR/tensh.txt      # writes tests/api_sweep/known.txt

The generated scripts hold the prelude followed by the probes; run them through the oracle
and `--collect` its output into tests/api_sweep/cases.txt (`CALL<TAB>outcome`), which the
`api_sweep` test in tests/robustness.rs runs through tensh and compares.

Left out on purpose: `1j` (tensh has no complex numbers, so a line holding it would not
parse), tf.print (prints values: other tests compare printing), and calls TensorFlow takes
long over or answers with enormous values (SKIP below).
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PRELUDE = os.path.join(ROOT, "tests", "api_sweep", "prelude.py")
CASES = os.path.join(ROOT, "tests", "api_sweep", "cases.txt")

MODULES = ["tf", "tf.math", "tf.nn", "tf.linalg", "tf.random", "tf.keras.activations",
           "tf.keras.losses", "np"]

# The ill-fitting argument kinds, as source text. `C` is a class from the prelude.
KINDS = [
    "None", "True", "'s'", "b'b'", "[]", "[[]]", "[[1], [1, 2]]", "{}", "{1: 2}", "(1, 'a')",
    "-1", "0", "10**20", "2**63", "-2**63-1", "float('nan')", "float('inf')", "-0.0",
    "tf.float32", "tf.constant('a')", "tf.constant([True])", "tf.zeros([0])",
    "tf.zeros([0, 3])", "tf.ones([2, 3, 4, 5, 6])", "tf.constant(1, tf.int64)",
    "tf.constant([1.0], tf.float64)", "tf.Variable([1.0])", "np.array([1, 2])",
    "np.float64(1.5)", "[2, -1]", "[-3]", "[2**40, 2**40]", "lambda x: x", "print",
    "object()", "C", "slice(1)", "range(3)", "Ellipsis", "NotImplemented",
]

# Classes are left out, except the two constructors notebooks call with values.
CLASSES = {"tf.Variable", "tf.TensorShape"}
# Left out whole: tf.print prints its argument's value; np.ndarray is a class.
SKIP_FUNCS = {"tf.print", "np.ndarray"}
# Single calls left out: TensorFlow aborts the process on them (a failed internal check).
SKIP = {"tf.split(t, 10**20)", "tf.split(t, 2**63)", "tf.split(t, -2**63-1)"}

# A valid first argument by the first parameter's name (default: the float tensor `t`).
FIRST_BY_PARAM = {
    "shape": "[2, 2]", "dims": "[2, 2]", "shape_x": "[2, 2]", "num_rows": "2", "start": "1",
    "values": "[t]", "inputs": "[t]", "t_list": "[t]", "equation": "'ij->ji'",
    "indices": "[[0], [1]]", "lengths": "[1, 2]", "func": "lambda x: x", "name": "'relu'",
    "identifier": "'relu'", "object": "[1.0, 2.0]",
}
FIRST_BY_FUNC = {
    "tf.one_hot": "[0, 1]",
    "tf.nn.sparse_softmax_cross_entropy_with_logits": "[0, 1]",
    "tf.keras.losses.sparse_categorical_crossentropy": "[0, 1]",
}

WALK = """
import tensorflow as tf
import numpy as np
for mod, m in [%s]:
    for a in dir(m):
        if a.startswith('_'):
            continue
        v = getattr(m, a)
        if type(v).__name__ == 'builtin_function_or_method':
            print('@@', mod + '.' + a)
            help(v)
""" % ", ".join("(%r, %s)" % (m, m) for m in MODULES)


def split_params(sig):
    """Top-level comma split of the text between the signature's outer parentheses."""
    inner = sig[sig.index("(") + 1: sig.rindex(")")]
    out, depth, cur = [], 0, ""
    for ch in inner:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def functions(binary):
    """(path, first parameter, number of positional parameters) of each declared function."""
    text = subprocess.run([binary, "-c", WALK], capture_output=True, text=True).stdout
    found = []
    for block in text.split("@@ ")[1:]:
        lines = block.splitlines()
        path = lines[0].strip()
        short = path.rsplit(".", 1)[1]
        if short[0].isupper() and path not in CLASSES:
            continue
        if path in SKIP_FUNCS:
            continue
        sig = next((l.strip(" |") for l in lines[1:]
                    if re.match(r"^[ |]*\w+\(.*\)$", l)), None)
        if sig is None:
            sys.exit("no signature for %s" % path)
        positional, first = 0, None
        for p in split_params(sig):
            if p == "*" or p.startswith("**"):
                break
            if p.startswith("*"):
                positional += 2
                first = first or "*"
                break
            pname = p.split("=")[0]
            if pname == "name":
                continue
            first = first or pname
            positional += 1
        found.append((path, first, positional))
    return found


def calls(binary):
    out = []
    for path, first, positional in functions(binary):
        for k in KINDS:
            out.append("%s(%s)" % (path, k))
        if positional >= 2:
            a = FIRST_BY_FUNC.get(path) or FIRST_BY_PARAM.get(first)
            if a is None:
                a = "n" if path.startswith("np.") else "t"
            for k in KINDS:
                out.append("%s(%s, %s)" % (path, a, k))
    # tf.random.set_seed accepts values that break every later random op in TensorFlow
    # (the bad seed stays set), so its calls come last.
    out = [c for c in out if c not in SKIP]
    return ([c for c in out if not c.startswith("tf.random.set_seed(")]
            + [c for c in out if c.startswith("tf.random.set_seed(")])


def generate(binary, outdir, per_file):
    prelude = open(PRELUDE).read()
    cs = calls(binary)
    os.makedirs(outdir, exist_ok=True)
    for i in range(0, len(cs), per_file):
        with open(os.path.join(outdir, "sweep_%02d.py" % (i // per_file)), "w") as f:
            f.write(prelude)
            for c in cs[i:i + per_file]:
                assert '"' not in c and "\\" not in c, c
                f.write('probe("%s", lambda: %s)\n' % (c, c))
    print("%d calls in %d files under %s" % (len(cs), (len(cs) + per_file - 1) // per_file,
                                             outdir))


def collect(oracle_out):
    lines = [l for l in open(oracle_out).read().splitlines() if "\t" in l]
    with open(CASES, "w") as f:
        for l in lines:
            f.write(l + "\n")
    print("%d cases written to %s" % (len(lines), CASES))


def tag(call, expected, got):
    """The reason tag (see REASONS in tests/api_sweep/sweep.rs) of a residual difference."""
    if any(k in call for k in ("'s'", "b'b'", "(1, 'a')")):
        return "strings"
    if "object()" in call:
        return "object"
    if call.startswith("np."):
        return "numpy"
    if call.startswith("tf.function("):
        return "function"
    if call.startswith(("tf.keras.", "tf.nn.silu", "tf.nn.swish", "tf.nn.gelu")):
        return "keras"
    if call.startswith("tf.random."):
        return "random"
    return "order"


def known(tensh_out):
    """Writes tests/api_sweep/known.txt: the calls where tensh (its output TENSH_OUT, the
    generated scripts run with `tensh -k`) still ends differently from cases.txt."""
    expected = dict(l.split("\t", 1) for l in open(CASES).read().splitlines())
    got = {}
    for l in open(tensh_out, errors="replace").read().splitlines():
        if "\t" in l:
            c, o = l.split("\t", 1)
            got[c] = o
    rows = []
    for c, e in expected.items():
        if "tf.constant('a')" in c or "np.float64(1.5)" in c:
            continue
        g = got.get(c)
        if g is None or g == "InternalError":
            sys.exit("%s: no outcome or a panic (%s); fix it rather than list it" % (c, g))
        if g != e:
            rows.append("%s\t%s\t%s\n" % (c, g, tag(c, e, g)))
    with open(os.path.join(os.path.dirname(CASES), "known.txt"), "w") as f:
        f.writelines(rows)
    print("%d known differences written" % len(rows))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "debug", "tensh"))
    ap.add_argument("--out", default="/tmp/api_sweep")
    ap.add_argument("--per-file", type=int, default=4000)
    ap.add_argument("--collect", metavar="ORACLE_OUTPUT")
    ap.add_argument("--known", metavar="TENSH_OUTPUT")
    a = ap.parse_args()
    if a.known:
        known(a.known)
    elif a.collect:
        collect(a.collect)
    else:
        generate(a.bin, a.out, a.per_file)


if __name__ == "__main__":
    main()
