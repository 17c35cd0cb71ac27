import tensorflow as tf
7 // 2, -7 // 2, 7 // -2, -7 % 3, 7 % -3, 7.5 // 2, -7.5 % 2
2 ** 10, 2 ** -1, (-8) ** (1 / 3) if False else 0, 10 / 4, 1e-3, 2E+5, 6., .5
1 < 2 < 3, 1 < 3 < 2, not 0, 3 if 0 else 4, None or "x", 0 and 1
x = [i * i for i in range(6) if i % 2 == 0]
x
{k: v for k, v in zip("abc", range(3))}
sorted({3, 1, 2}), tuple(reversed([1, 2, 3])), list(map(lambda v: v + 1, [1, 2]))
s = "Hello, World"
s.lower(), s.upper(), s.split(", "), s[::-1], s[1:5], s.replace("l", "L", 1), s.find("o")
f"{3.14159:.2f} {42:5d} {'x':>4} {1234567:,} {0.25:.1%} {7!r} {'q'!r}"
"{} and {}".format(1, 2), "{b} {a}".format(a=1, b=2), "{0:.3f}".format(2 / 3), "{:>6.2f}|".format(3.14159)
"%d items at %.2f (%s) %r" % (3, 2.5, "x", "y")
a, b = 1, 2
a, b = b, a
(a, b)
first, *rest = [1, 2, 3, 4]
first, rest
p = q = 5
p + q
def f(a, b=2, *args, c=3, **kw):
    return a + b + c + sum(args) + sum(kw.values())
f(1), f(1, 2, 3, 4, c=10, z=100)
f()
f(1, 2, d=1, c=2, e=3)
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    inc(); inc()
    return inc()
outer()
class Base:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
class Child(Base):
    def __init__(self, v):
        super().__init__(v * 2)
    def __repr__(self):
        return f"Child({self.v})"
c = Child(21)
c.get(), c, isinstance(c, Base), type(3), type("s") is str
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught:", e)
finally:
    print("finally")
try:
    raise ValueError("bad value")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
[].pop()
{}["missing"]
undefined_name
"abc" + 1
int("12") + float("1.5"), int(-2.7), round(2.5), round(3.5), round(2.675, 2), abs(-3), max([3, 1, 2]), min(3, 1, 2)
len("héllo"), list(enumerate("ab", 1)), any([0, 0, 1]), all([]), sum([0.1] * 10)
for i in range(3):
    if i == 1:
        continue
    i
while True:
    break
else_ran = []
for i in range(2):
    pass
else:
    else_ran.append(True)
else_ran
print("a", "b", sep="-", end="!\n")
print(1.0, 1e16, 1e-5, 0.1 + 0.2, float("inf"), -0.0, 1 / 3)
repr("it's"), repr('say "hi"'), str(None), [1, "a", None, 2.5], (1,), ()
assert 1 == 1, "fine"
assert 1 == 2, "one is not two"
g = (i * 2 for i in range(3))
list(g)
del x
x
d = {"a": 1}
d.get("b", 0), d.setdefault("c", 3), sorted(d.items()), "a" in d, len(d)
