#!/usr/bin/env python3
"""Record the plotting golden transcript with real matplotlib (the TensorFlow oracle has
none): each cell of tests/golden/src/plotting.py runs as oracle_record.py runs cells, with
MPLBACKEND=Agg, object addresses become `[..]` wildcards, and the transcript goes to tests/golden/plotting.txt.

  python3 scripts/plot_golden.py           # rewrite tests/golden/plotting.txt
  python3 scripts/plot_golden.py --check   # compare with it, exit 1 on a difference

MPL_PY names a Python with matplotlib and numpy 1.26 (default: python3); without
matplotlib the script says so and exits 0."""
import json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from oracle_record import RUNNER, cells_of, has_code  # noqa: E402

PY = os.environ.get("MPL_PY", sys.executable)
ROOT = os.path.dirname(HERE)
SRC = os.path.join(ROOT, "tests", "golden", "src", "plotting.py")
OUT = os.path.join(ROOT, "tests", "golden", "plotting.txt")


def main():
    probe = subprocess.run([PY, "-c", "import matplotlib, numpy"], capture_output=True)
    if probe.returncode != 0:
        print("matplotlib is not installed for %s; skipping (set MPL_PY)" % PY)
        return 0
    runner = RUNNER.replace("import tensorflow as tf\ntf.random.set_seed(0)\n", "")
    cells = [c for c in cells_of(open(SRC).read()) if has_code(c)]
    r = subprocess.run([PY, "-c", runner], input=json.dumps(cells), capture_output=True,
                       text=True, env=dict(os.environ, MPLBACKEND="Agg"))
    if r.returncode != 0:
        sys.exit(r.stderr)
    text = []
    for i, (code, out) in enumerate(zip(cells, json.loads(r.stdout))):
        text.append("In [%d]:\n%s\n\n\n" % (i + 1, code))
        # Object addresses vary: the transcript matches them with the `[..]` wildcard.
        out = re.sub(r" at 0x[0-9a-f]+>", "[..]>", out)
        if out.strip():
            text.append(out.rstrip("\n") + "\n\n\n")
    text = "".join(text)
    if "--check" in sys.argv:
        same = os.path.exists(OUT) and open(OUT).read() == text
        print("plotting.txt matches matplotlib" if same else "plotting.txt differs")
        return 0 if same else 1
    with open(OUT, "w") as f:
        f.write(text)
    print("wrote", OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
