from collections import defaultdict, Counter, namedtuple, OrderedDict, deque, ChainMap
import collections
d = defaultdict(list)
d["a"].append(1)
d["a"].append(2)
d["b"].append(3)
d
len(d), "a" in d, "z" in d, sorted(d.keys()), list(d.items())
d.default_factory, type(d).__name__, isinstance(d, dict), isinstance(d, defaultdict)
counts = defaultdict(int)
for w in "the cat the dog the end".split():
    counts[w] += 1
counts
dict(counts), counts["missing"], len(counts)
e = defaultdict(lambda: "n/a")
e["x"], dict(e)
n = defaultdict(None, {1: 2})
n
n[5]
dd = defaultdict(set)
dd[1].add(2)
str(dd), dd.get(9), 9 in dd
c = Counter("abracadabra")
c
c.most_common(2), c["a"], c["zz"], len(c)
c.most_common()
Counter(a=3, b=1), Counter({"x": 2, "y": 5}), Counter()
c2 = Counter(["x", "y", "x"])
c2.update(["x", "z"])
c2
c2.update({"y": 10})
c2.subtract({"x": 5})
c2
sorted(c2.elements()), c2.total()
Counter(a=3, b=1) + Counter(a=1, b=2, c=1)
Counter(a=3, b=1) - Counter(a=1, b=2)
Counter(a=3, b=1) | Counter(a=1, b=2)
Counter(a=3, b=1) & Counter(a=1, b=2)
Counter(a=1) == Counter(a=1, b=0), Counter("ab") == {"a": 1, "b": 1}
type(c).__name__, isinstance(c, dict), isinstance(c, Counter), list(c), sum(c.values())
Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
p
p.x, p.y, p[0], p[-1], len(p), tuple(p), list(p)
a, b = p
a + b
p == (1, 2), p == Point(1, 2), p != Point(2, 1), isinstance(p, tuple)
Point._fields, p._asdict(), p._replace(y=5), Point._make([7, 8])
Point(y=4, x=3)
Point(1)
Point(1, 2, 3)
P3 = namedtuple("P3", "a b c", defaults=[0, 9])
P3(1), P3(1, 2), P3._field_defaults
namedtuple("Q", "a, b")(5, 6)
Point.__name__, type(p).__name__, type(p) is Point, {p: 1}[(1, 2)], hash(p) == hash((1, 2))
namedtuple("Bad", ["x", "x"])
namedtuple("Bad", ["_x"])
namedtuple("Bad", ["class"])
p._replace(z=1)
p.count(1), p.index(2), p[0:1], Point(1, 2) < Point(1, 3)
od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
od
od.move_to_end("b")
list(od), od.popitem(), od.popitem(last=False), od
OrderedDict([("x", 1), ("y", 2)]), OrderedDict(), OrderedDict(a=1) == {"a": 1}
OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), dict(a=1, b=2) == dict(b=2, a=1)
od.move_to_end("zz")
q = deque([1, 2, 3])
q.append(4)
q.appendleft(0)
q
q.pop(), q.popleft(), q, len(q), q[0], q[-1], 2 in q
q.extend([7, 8])
q.extendleft([-1, -2])
q
q.rotate(2)
q
q.rotate(-3)
q
r = deque(range(5), maxlen=3)
r, r.maxlen
r.append(9)
r.appendleft(-9)
r
deque(), deque("ab"), list(deque([3, 4])), bool(deque()), deque([1]) == deque([1])
deque().pop()
deque().popleft()
q[100]
q.clear()
q, len(q)
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
cm["a"], cm["b"], len(cm), sorted(cm)
collections.Counter("aab").most_common(1), collections.OrderedDict.__name__, defaultdict
