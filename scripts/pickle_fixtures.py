"""Writes the pickle fixtures of tests/pickle/: each case pickled by CPython (and numpy)
as NAME.pkl, with the repr tensh must give the unpickled value in NAME.txt. Run once with
a Python that has numpy 1.26 (the oracle's venv):

    ~/.cache/tensh-oracle/bin/python scripts/pickle_fixtures.py tests/pickle
"""
import os
import pickle
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else "tests/pickle"
os.makedirs(out, exist_ok=True)

rs = np.random.RandomState(0)
cases = {
    "scalars": [None, True, False, 0, 255, 256, 65535, 65536, -1, 2**31 - 1, -2**31, 2**63, -2**100, 1.5, -0.0, float("inf")],
    "strings": ["", "abc", "h\u00e9llo \u2603", "x" * 300, b"", b"\x00\xff", bytearray(b"ba")],
    "containers": {"list": [1, [2, [3]]], "tuple": (1, (2,), (), (1, 2, 3, 4)), "set": {1, 2, 3},
                   "dict": {1: "a", "b": (2,)}, "empty": [{}, [], ()]},
    "shared": (lambda l: [l, l, {"k": l}])([1, 2]),
    "many": list(range(2500)),
    "float32": np.arange(6, dtype=np.float32).reshape(2, 3) / 3,
    "float64": np.linspace(-1, 1, 5),
    "int32": np.array([[-5, 7], [2**31 - 1, 0]], dtype=np.int32),
    "int64": np.arange(-3, 3),
    "uint8": rs.randint(0, 256, size=(2, 2, 3)).astype(np.uint8),
    "bool": np.array([True, False, True]),
    "empty": np.zeros((0, 3)),
    "fortran": np.asfortranarray(np.arange(6).reshape(2, 3)),
    "bigendian": np.arange(3, dtype=">i4"),
    "objects": np.array([[1, 2], [3], []], dtype=object),
    "objects2d": np.array([["a", None], [1.5, (1, 2)]], dtype=object),
    "npscalars": [np.float32(1.25), np.int64(-7), np.bool_(True), np.uint8(200)],
    "mixed": {"x": np.arange(3), "y": [np.array([1.0]), "s"], "z": np.array([[1, 2], [3]], dtype=object)},
}

for name, value in cases.items():
    for proto in (2, 3, 4, 5):
        with open(os.path.join(out, "%s.p%d.pkl" % (name, proto)), "wb") as f:
            pickle.dump(value, f, protocol=proto)
    with open(os.path.join(out, "%s.txt" % name), "w") as f:
        f.write(repr(value) + "\n")

# Python 2 pickles, as CIFAR's batches are: protocol 2 with str (bytes) keys and a uint8
# array whose data is a str; and protocol 0 text.
py2 = (b"\x80\x02}q\x00(U\x04dataq\x01cnumpy.core.multiarray\n_reconstruct\nq\x02cnumpy\nndarray\n"
       b"q\x03K\x00\x85U\x01b\x87Rq\x04(K\x01K\x02K\x03\x86cnumpy\ndtype\nq\x05U\x02u1K\x00K\x01\x87R"
       b"q\x06(K\x03U\x01|NNNJ\xff\xff\xff\xffJ\xff\xff\xff\xffK\x00tb\x89U\x06\x01\x02\x03\xfd\xfe\xfftb"
       b"U\x06labelsq\x07]q\x08(K\x01K\x02eU\x0bbatch_labelq\tU\x05batchq\nu.")
with open(os.path.join(out, "py2_cifar.pkl"), "wb") as f:
    f.write(py2)
with open(os.path.join(out, "py2_cifar.txt"), "w") as f:
    f.write(repr(pickle.loads(py2, encoding="bytes")) + "\n")
text = b"(dp0\nS'a'\np1\nI1\nsS'b'\np2\n(lp3\nF1.5\naL12345678901234567890L\naI01\naNaV\\u00e9\np4\nas."
with open(os.path.join(out, "py2_text.pkl"), "wb") as f:
    f.write(text)
with open(os.path.join(out, "py2_text.txt"), "w") as f:
    f.write(repr(pickle.loads(text)) + "\n")
