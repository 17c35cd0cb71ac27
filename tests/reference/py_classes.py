class Dyn:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("bad"):
            raise AttributeError(f"no {name}")
        return "dyn_" + name
d = Dyn()
d.real, d.other
d.bad_one
getattr(d, "bad_x", "fallback"), hasattr(d, "bad_y"), hasattr(d, "zzz")
class Logged:
    def __init__(self):
        self.x = 1
    def __setattr__(self, k, v):
        print("set", k, v)
        object.__setattr__(self, k, v)
    def __delattr__(self, k):
        print("del", k)
        object.__delattr__(self, k)
lg = Logged()
lg.y = 2
lg.x, lg.y
del lg.y
lg.y
class Every:
    def __getattribute__(self, name):
        if name == "secret":
            return 42
        return object.__getattribute__(self, name)
    def meth(self):
        return "m"
ev = Every()
ev.secret, ev.meth()
ev.missing
class Box:
    def __init__(self):
        self.d = {}
    def __getitem__(self, k):
        return self.d[k]
    def __setitem__(self, k, v):
        self.d[k] = v
    def __delitem__(self, k):
        del self.d[k]
    def __contains__(self, k):
        return k in self.d
    def __len__(self):
        return len(self.d)
bx = Box()
bx["a"] = 1
bx["b"] = 2
del bx["a"]
bx["b"], "a" in bx, "b" in bx, len(bx), bool(bx)
bx["a"]
class Squares:
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i
list(Squares(5)), 9 in Squares(5), 7 in Squares(5), [x for x in Squares(3)]
a, b, c = Squares(3)
a, b, c
class NoIter:
    pass
list(NoIter())
len(NoIter())
class Empty:
    def __len__(self):
        return 0
bool(Empty()), not Empty()
class Truth:
    def __bool__(self):
        return 1
bool(Truth())
class Neg:
    def __len__(self):
        return -1
len(Neg())
class StrLen:
    def __len__(self):
        return "3"
len(StrLen())
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, y=0):
        return self.n + x + y
add5 = Adder(5)
add5(1), add5(1, y=2), callable(add5), callable(Box())
Box()(1)
class V:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return f"V({self.x})"
    def __eq__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.x == o.x
    def __lt__(self, o):
        if not isinstance(o, V):
            return NotImplemented
        return self.x < o.x
    def __le__(self, o):
        return self.x <= o.x
    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        if isinstance(o, int):
            return V(self.x + o)
        return NotImplemented
    def __radd__(self, o):
        return V(o + self.x)
    def __sub__(self, o):
        return V(self.x - o.x)
    def __mul__(self, k):
        return V(self.x * k)
    def __rmul__(self, k):
        return V(self.x * k * 10)
    def __neg__(self):
        return V(-self.x)
    def __abs__(self):
        return V(abs(self.x))
    def __invert__(self):
        return V(~self.x)
    def __pos__(self):
        return self
V(1) == V(1), V(1) != V(2), V(1) == 1, V(1) != 1
V(1) < V(2), V(3) > V(2), V(2) >= V(1), V(1) <= V(1)
V(1) < 5
sorted([V(3), V(1), V(2)]), max([V(3), V(7)]), min(V(4), V(2))
V(1) + V(2), V(1) + 3, 3 + V(1), V(5) - V(2), V(2) * 3, 3 * V(2)
V(1) + "s"
"s" + V(1)
-V(3), abs(V(-4)), ~V(0), +V(8)
v = V(1)
v += V(10)
v
v -= V(1)
v
v *= 2
v
hash(V(1))
{V(1)}
class H:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return self.k == o.k
    def __hash__(self):
        return hash(self.k)
hash(H(1)) == hash(H(1)), hash(H(5)) == hash(5), H(1) == H(1)
class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, x):
        self.items.append(x)
        return self
ac = Acc()
ac += 1
ac += 2
ac.items
ac + 1
class Pretty:
    def __repr__(self):
        return "Pretty()"
    def __str__(self):
        return "a pretty thing"
    def __format__(self, spec):
        return "P[" + spec + "]"
p = Pretty()
p, str(p), repr(p), f"{p}", f"{p:>8}", format(p, "x"), "{:abc}".format(p), f"{p!r}", [p]
print(p)
class OnlyRepr:
    def __repr__(self):
        return "OR"
str(OnlyRepr()), f"{OnlyRepr()}", format(OnlyRepr(), "")
format(OnlyRepr(), "x")
class Ctx:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.swallow
with Ctx("a") as c1, Ctx("b") as c2:
    print("body", c1.name, c2.name)
with Ctx("s", True):
    raise ValueError("boom")
with Ctx("n"):
    raise KeyError("k")
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def ro(self):
        return "read only"
t = Temp()
t.celsius = 25
t.celsius
t.celsius = -300
del t.celsius
t.celsius
t.ro = 1
type(Temp.celsius).__name__, Temp.ro.fget(t)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def make(cls):
        return cls()
    @classmethod
    def total(cls):
        return cls.count
    @staticmethod
    def helper(a, b):
        return a * b
_ = Counter(); _ = Counter.make(); _ = Counter().make()
Counter.total(), Counter.count, Counter.helper(3, 4), Counter().helper(2, 5)
class Sub(Counter):
    pass
type(Sub.make()).__name__, Sub.count, Sub.total()
class Shared:
    items = []
    tag = "cls"
s1, s2 = Shared(), Shared()
s1.items.append(1)
s1.tag = "inst"
s2.items, s1.tag, s2.tag, Shared.tag, "tag" in s1.__dict__, s1.__dict__
class A:
    def who(self):
        return "A"
    def chain(self):
        return ["A"]
class B(A):
    def who(self):
        return "B>" + super().who()
    def chain(self):
        return ["B"] + super().chain()
class C(A):
    def who(self):
        return "C>" + super().who()
    def chain(self):
        return ["C"] + super().chain()
class D(B, C):
    def who(self):
        return "D>" + super().who()
    def chain(self):
        return ["D"] + super().chain()
D().who(), D().chain()
[k.__name__ for k in D.__mro__], [k.__name__ for k in D.mro()]
super(B, D()).who(), super(C, D()).chain()
class X1: pass
class Y1(X1): pass
class Bad(X1, Y1): pass
class Slotted:
    __slots__ = ("a", "b")
    def __init__(self):
        self.a = 1
sl = Slotted()
sl.b = 2
sl.a, sl.b
sl.c = 3
class Outer:
    class Inner:
        def m(self):
            pass
Outer.__name__, Outer.Inner.__name__, Outer.Inner.__qualname__, Outer.Inner.m.__qualname__
D().__class__.__name__, D.__bases__ == (B, C), type(D()) is D
isinstance(D(), (int, C)), isinstance(D(), A), isinstance(3, (str, float)), issubclass(D, A), issubclass(D, (int, str)), issubclass(B, C)
issubclass(D(), A)
class Plain:
    pass
pl = Plain()
pl.z = 5
pl.__dict__, vars(pl), getattr(pl, "z"), getattr(pl, "w", None)
pl.w
delattr(pl, "z"); hasattr(pl, "z")
setattr(pl, "q", 9); pl.q
