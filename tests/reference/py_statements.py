data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print(f"long list: {n}")
[y for x in data if (y := x * 2) > 10]
y
while (chunk := data.pop()) != 12:
    print("popped", chunk)
data
(total := 10) + 5, total
def f(a):
    return (b := a + 1) * b
f(3)
print(z := 4, z)
exec("x := 5")
def outer():
    [q := i for i in range(3)]
    return q
outer()
def classify(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case int() if v < 0:
            return "negative"
        case int(n) if n > 100:
            return f"big {n}"
        case str() as s:
            return "str " + s
        case [x]:
            return f"one {x}"
        case [x, y]:
            return f"pair {x} {y}"
        case [first, *rest]:
            return f"first {first} rest {rest}"
        case {"kind": "point", "x": px, **others}:
            return f"point {px} {others}"
        case {"kind": k}:
            return f"kind {k}"
        case None:
            return "none"
        case _:
            return "other"
[classify(v) for v in [0, 2, -5, 500, 50, "hi", [1], [1, 2], (1, 2, 3), {"kind": "point", "x": 1, "y": 2, "z": 3}, {"kind": "line"}, None, 3.5]]
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(x=a, y=b) if a == b:
            return "diagonal"
        case Point():
            return "somewhere"
        case (a, b) | [a, b, _]:
            return f"seq {a} {b}"
        case _:
            return "not a point"
[where(p) for p in [Point(0, 0), Point(0, 4), Point(3, 0), Point(2, 2), Point(1, 5), (7, 8), [1, 2, 3], "x"]]
class Color:
    RED = 1
    GREEN = 2
    BLUE = 3.5
def color_name(c):
    match c:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case Color.BLUE:
            return "blue"
    return "unknown"
color_name(1), color_name(2), color_name(3.5), color_name(9)
match (1, [2, 3]):
    case (a, [b, *c]) as whole:
        print(a, b, c, whole)
match "hello":
    case "bye":
        print("no")
    case other:
        print("got", other)
match 5:
    case x if x > 10:
        print("big")
def bad_match(v):
    match v:
        case Point(1, 2, 3):
            return "three"
bad_match(Point(1, 2))
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(), bump(), counter
def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = make_counter()
c(), c(), c(5)
exec("x = 1 +")
exec("def f(:\n    pass")
def gset():
    global newglobal
    newglobal = "made"
gset(); newglobal
v = 5
del v
v
lst = [0, 1, 2, 3, 4, 5, 6]
del lst[0]
del lst[1:3]
lst
del lst[::2]
lst
dd = {"a": 1, "b": 2}
del dd["a"]
dd
del dd["zz"]
class O: pass
o = O(); o.attr = 1
del o.attr
hasattr(o, "attr")
del o.attr
a1, a2 = 1, 2
del a1, a2
assert 1 + 1 == 2, "math works"
assert 1 > 2, "one is not bigger"
assert len([]) > 0
assert [], f"empty {1 + 1}"
def tracked(v):
    print("eval", v)
    return v
1 < tracked(2) < 3
1 < tracked(5) < 3
3 > tracked(2) > tracked(1) > 0
1 == 1.0 != 2, "a" < "b" <= "b" < "c", 1 < 2 > 0, 2 in [1, 2] in [[1, 2]]
a, *b, c = range(6)
a, b, c
*init, last = "hello"
init, last
first, *mid, final = [1, 2]
first, mid, final
for i, *rest in [(1, 2, 3), (4,), (5, 6)]:
    print(i, rest)
[*range(3), *"ab", *{9: 0}]
(*[1, 2],), {*[1, 2], *[2, 3]}, {**{"a": 1}, "b": 2, **{"a": 3}}
def show(*args, **kwargs):
    return args, kwargs
show(*[1, 2], *(3,), 4, **{"a": 1}, **{"b": 2}, c=3)
show(**{"a": 1}, **{"a": 2})
a, b = 1, 2, 3
a, *b, c = [1]
x, y = 5
class Out:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)
    def flush(self):
        self.parts.append("<flush>")
out = Out()
print("a", 1, None, sep="-", end="!\n", file=out, flush=True)
print(file=out)
print("x", "y", sep="", end="", file=out)
out.parts
print(1, 2, 3, sep=", ")
print("no newline", end="")
print()
print(*[1, 2, 3])
print("a", sep=5)
print("a", file=5)
sorted(["bb", "a", "ccc"], key=len), sorted([3, 1, 2], reverse=True), sorted("hello", key=lambda c: -ord(c))
min([3, 1, 2], key=lambda v: -v), max(["a", "bbb", "cc"], key=len), min([], default="empty"), max((), key=len, default=None)
min([])
max(1)
max()
min(1, 2, default=0)
sorted([1, "a"])
sorted(3)
max([1, 2], foo=1)
adders = [lambda x, i=i: x + i for i in range(3)]
[fn(10) for fn in adders]
late = [lambda x: x + i for i in range(3)]
[fn(10) for fn in late]
def kw(a, b, /, c, *, d, e=5):
    return a, b, c, d, e
kw(1, 2, 3, d=4), kw(1, 2, c=3, d=4, e=6)
kw(1, b=2, c=3, d=4)
kw(1, 2, 3, 4)
kw(1, 2, 3)
def defaults(x, acc=[]):
    acc.append(x)
    return acc
defaults(1), defaults(2)
def stamp(t=len("abc")):
    return t
stamp()
def tryit(v):
    out = []
    try:
        out.append("try")
        if v == 1:
            raise ValueError("one")
        if v == 2:
            return out + ["returned"]
    except ValueError as e:
        out.append(f"except {e}")
    else:
        out.append("else")
    finally:
        out.append("finally")
    return out
tryit(0), tryit(1), tryit(2)
def finally_wins():
    try:
        return "try"
    finally:
        return "finally"
finally_wins()
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__, e.__cause__)
raise RuntimeError("outer") from KeyError("inner")
raise ValueError("x") from None
raise ValueError("x") from 5
"yes" if 0 else "no", ("a" if [] else "b" if {} else "c")
