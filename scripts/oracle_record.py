#!/usr/bin/env python3
"""Record a golden transcript with the reference TensorFlow (not with tensh): each cell of
SCRIPT (cut at `# %%` lines, or one per top-level statement) runs in one interactive-style
session; the transcript goes to stdout in the notebook format `tensh test` reads.

  python3 scripts/oracle_record.py SCRIPT.py > tests/golden/NAME.txt

Needs the reference venv (../shared/reference/tf-oracle --setup)."""
import ast, io, os, subprocess, sys

PY = os.environ.get("ORACLE_PY", os.path.expanduser("~/.cache/tensh-oracle/bin/python"))

RUNNER = r'''
import sys, ast, io, contextlib, json, os
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
import tensorflow as tf
tf.random.set_seed(0)
cells = json.load(sys.stdin)
g = {"__name__": "__main__"}
outs = []
for src in cells:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        for node in ast.parse(src).body:
            code = compile(ast.Interactive(body=[node]), "<cell>", "single")
            try:
                exec(code, g)
            except Exception as e:
                msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
                print(f"{type(e).__name__}: {msg}" if msg else type(e).__name__)
    outs.append(buf.getvalue())
json.dump(outs, sys.stdout)
'''


def cells_of(src):
    lines = src.splitlines()
    if any(l.lstrip().startswith("# %%") for l in lines):
        cells, cur = [], []
        for l in lines:
            if l.lstrip().startswith("# %%"):
                if any(c.strip() for c in cur):
                    cells.append("\n".join(cur).strip("\n"))
                cur = []
            else:
                cur.append(l)
        if any(c.strip() for c in cur):
            cells.append("\n".join(cur).strip("\n"))
        return cells
    tree = ast.parse(src)
    return ["\n".join(lines[n.lineno - 1:n.end_lineno]) for n in tree.body]


def has_code(cell):
    return any(l.strip() and not l.strip().startswith("#") for l in cell.splitlines())


def main():
    import json
    src = open(sys.argv[1]).read()
    cells = [c for c in cells_of(src) if has_code(c)]
    r = subprocess.run([PY, "-c", RUNNER], input=json.dumps(cells), capture_output=True, text=True,
                       env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    if r.returncode != 0:
        sys.exit(r.stderr)
    outs = json.loads(r.stdout)
    for i, (code, out) in enumerate(zip(cells, outs)):
        sys.stdout.write("In [%d]:\n%s\n\n\n" % (i + 1, code))
        if out.strip():
            sys.stdout.write(out.rstrip("\n") + "\n\n\n")


if __name__ == "__main__":
    main()
