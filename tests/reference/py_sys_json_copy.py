import sys
import json
import copy
import string
type(sys.argv).__name__, len(sys.argv) >= 1
sys.platform
sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.version_info.minor
type(sys.version).__name__, sys.version.startswith("3.11")
sys.maxsize
sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig
type(sys.path).__name__
'sys' in sys.modules, 'json' in sys.modules
n = sys.stdout.write("hello\n")
n
sys.stdout.flush()
sys.getsizeof(1), sys.getsizeof([]), sys.getsizeof(()), sys.getsizeof({}), sys.getsizeof(""), sys.getsizeof(1.0)
sys.getsizeof("abc"), sys.getsizeof([1, 2, 3]), sys.getsizeof(True), sys.getsizeof(None)
sys.getrecursionlimit()
for code in (3, None, "bye"):
    try:
        sys.exit(code) if code is not None else sys.exit()
    except SystemExit as e:
        print(repr(e.code), type(e).__name__, isinstance(e, BaseException), isinstance(e, Exception))
string.ascii_letters
string.ascii_lowercase, string.ascii_uppercase
string.digits, string.hexdigits, string.octdigits
string.punctuation
string.printable
string.whitespace
string.capwords("hello   world  foo"), string.capwords("a-b c-d", "-")
json.dumps({"a": 1, "b": [1, 2.5, None, True, False], "c": "x"})
json.dumps([1, 2, 3], indent=2)
print(json.dumps({"a": {"b": [1, {}], "c": []}}, indent=4))
print(json.dumps({"z": 1, "a": 2}, sort_keys=True, indent="\t"))
json.dumps({"a": 1, "b": 2}, separators=(",", ":"))
json.dumps("héllo ☃ \n\t\"\\ \x01")
json.dumps("héllo", ensure_ascii=False)
json.dumps("😀")
json.dumps(float("nan")), json.dumps(float("inf")), json.dumps(-float("inf"))
json.dumps(float("nan"), allow_nan=False)
json.dumps({1: "a", 2.5: "b", True: "c", None: "d"})
json.dumps({(1, 2): 3})
json.dumps({1, 2})
class Foo:
    pass
json.dumps(Foo())
json.dumps({1, 2}, default=list)
json.dumps((1, 2)), json.dumps(1e20), json.dumps(0.1), json.dumps(10**15), json.dumps(1.0)
json.loads('{"a": [1, 2.5, "x", null, true, false], "b": {"c": -1e3}}')
json.loads('"\\u00e9\\ud83d\\ude00\\n"')
json.loads("[1, 2")
json.loads("")
json.loads('{"a" 1}')
json.loads('{"a": 1,}')
json.loads('[1, 2] x')
json.loads("NaN"), json.loads("Infinity"), json.loads("-Infinity")
json.loads('  [ ]  '), json.loads('123'), json.loads('1.5e2')
try:
    json.loads("{bad")
except json.JSONDecodeError as e:
    print(type(e).__name__, isinstance(e, ValueError), e.msg, e.pos, e.lineno, e.colno)
json.loads('{\n  "a": 1,\n  "b": }')
json.loads(json.dumps({"k": [1, {"x": "y"}]}))
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a)
c = copy.deepcopy(a)
a[1].append(99); a[2]["k"].append(5)
b, c
b[1] is a[1], c[1] is a[1]
d = {"x": [1], "y": (1, [2])}
e = copy.deepcopy(d)
d["y"][1].append(3)
e
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
cc[1] is cc, cc[1] is cyc
class P:
    def __init__(self, x):
        self.x = x
p = P([1, 2])
q = copy.copy(p)
r = copy.deepcopy(p)
p.x.append(3)
q.x, r.x, type(r).__name__, r is p
s1 = {1, 2}
copy.copy(s1), copy.deepcopy((1, [2]))
t = (1, 2)
copy.deepcopy(t) is t, copy.copy(t) is t
json.dumps({"a": [1, 2, {"b": None}]}, indent=0)
json.dumps([[], {}, [[]]], indent=2)
json.dumps({"b": 1, "a": [3, 2]}, sort_keys=True, separators=(',', ':'))
json.dumps("\x7f\u0080\u00ff\u1234")
json.dumps(["\x7f"], ensure_ascii=False)
json.dumps(-0.0), json.dumps(1e-7), json.dumps(123456789.123), json.dumps(True)
json.loads('[1,]')
json.loads('{"a":1 "b":2}')
json.loads('"abc')
json.loads('"a\\qb"')
json.loads('"a\nb"')
json.loads('[-]')
json.loads('01')
json.loads(' {"a" : [ 1 , 2 ] } ')
json.loads('1e400'), json.loads('-0'), json.loads('-0.0'), json.loads('1E+2')
json.loads('{"a": 1, "a": 2}')
json.loads('[1, 2]\n\n x')
string.capwords(" hello\tWORLD  "), string.capwords("ab cd", " ")
copy.deepcopy({"a": [1, {2, 3}], "b": ({"c": 1},)})
copy.copy({1: [2]})[1] is copy.copy({1: [2]})[1]
sys.getsizeof({"a": 1, "b": 2}), sys.getsizeof({1: 2}), sys.getsizeof(set(range(10))), sys.getsizeof("é"), sys.getsizeof(2**62)
sys.version_info > (3, 11, 5), sys.version_info < (3, 12), tuple(sys.version_info)[:3], sys.version_info == (3, 11, 7, 'final', 0)
