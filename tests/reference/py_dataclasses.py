from dataclasses import dataclass, field, fields, asdict, astuple, FrozenInstanceError, replace, is_dataclass
@dataclass
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
p, Point(3), Point(y=5, x=1)
p == Point(1, 2), p != Point(1, 3), p == (1, 2)
Point()
Point(1, 2, 3)
Point(1, z=3)
@dataclass
class Inventory:
    name: str
    items: list = field(default_factory=list)
    count: int = field(default=0, repr=False)
inv = Inventory("box")
inv.items.append(1)
inv, Inventory("b2").items, inv.count
[f.name for f in fields(Inventory)], [f.default for f in fields(Point)][1:]
asdict(inv), astuple(Point(4, 5))
@dataclass
class Nested:
    p: Point
    tags: list = field(default_factory=list)
asdict(Nested(Point(1, 2), [Point(3, 4)]))
@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
v1, v2 = Version(1, 2), Version(1, 10)
v1 < v2, v1 >= v2, sorted([v2, v1, Version(0, 9)]), max(v1, v2)
v1.major = 3
del v1.minor
try:
    v1.minor = 1
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
hash(v1) == hash(Version(1, 2)), len({v1, Version(1, 2), v2})
v1 < 5
@dataclass(eq=False)
class Ident:
    a: int
Ident(1) == Ident(1), Ident(2)
@dataclass
class Bad:
    xs: list = []
@dataclass
class Order2:
    a: int = 1
    b: int
@dataclass
class Base:
    a: int
    b: str = "b"
@dataclass
class Derived(Base):
    c: float = 1.5
Derived(1), Derived(1, "x", 2.0), [f.name for f in fields(Derived)]
replace(Point(1, 2), y=9), is_dataclass(p), is_dataclass(Point), is_dataclass(3)
@dataclass
class Post:
    a: int
    b: int = 0
    def __post_init__(self):
        self.total = self.a + self.b
Post(2, 3).total
@dataclass
class WithList:
    values: list = field(default_factory=lambda: [1, 2])
WithList(), WithList([5])
Point.__match_args__, Point.__init__.__qualname__ if False else 0
hash(Point(1, 2))
match Point(0, 7):
    case Point(0, yy):
        print("on axis", yy)
@dataclass
class Empty:
    pass
Empty(), Empty() == Empty()
fields(3)
