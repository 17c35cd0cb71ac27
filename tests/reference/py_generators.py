def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
g = count(3)
type(g).__name__, g.__name__, g.__qualname__
repr(g).startswith("<generator object count at 0x")
next(g), next(g), next(g)
next(g)
next(g)
list(count(5)), sum(count(5)), max(count(4)), sorted(count(3), reverse=True)
a, b, c = count(3)
a, b, c
first, *rest = count(4)
first, rest
2 in count(5), 7 in count(5)
[x * 10 for x in count(3)]
dict(zip("abc", count(3)))
list(enumerate(count(3), 1))
list(map(str, count(3))), list(filter(None, count(4)))
next(count(0), "empty")
def echo():
    received = []
    while True:
        x = yield len(received)
        if x is None:
            break
        received.append(x)
    return received
e = echo()
next(e)
e.send("a"), e.send("b")
try:
    e.send(None)
except StopIteration as stop:
    print("returned", stop.value)
echo().send(1)
def ret():
    yield 1
    return "done"
r = ret()
next(r)
next(r)
def ret_val():
    return 42
    yield
try:
    next(ret_val())
except StopIteration as s:
    print(s.value, s.args)
def delegate():
    result = yield from ret()
    yield result
list(delegate())
def chain(*its):
    for it in its:
        yield from it
list(chain([1, 2], range(3), "ab", (x for x in [9])))
def inner():
    x = yield "i1"
    y = yield "i2:" + str(x)
    return x, y
def outer():
    r = yield from inner()
    yield "got " + repr(r)
o = outer()
next(o), o.send("A"), o.send("B")
def bad_stop():
    yield 1
    raise StopIteration("oops")
list(bad_stop())
def throwing():
    try:
        yield 1
    except ValueError as err:
        yield "caught " + str(err)
    yield 3
t = throwing()
next(t)
t.throw(ValueError("bad"))
next(t)
t.throw(KeyError("k"))
t2 = throwing()
t2.throw(TypeError("early"))
next(t2)
def closing():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
cl = closing()
next(cl)
cl.close()
cl.close()
next(cl)
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
st = stubborn()
next(st)
st.close()
def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("exit seen")
        raise GeneratorExit()
ce = catches_exit()
next(ce)
ce.close()
def self_ref():
    yield next(me)
me = self_ref()
next(me)
squares = (i * i for i in range(10 ** 12))
type(squares).__name__
next(squares), next(squares), next(squares)
sum(x * x for x in range(10))
any(x > 5 for x in count(10 ** 9))
all(x < 3 for x in count(10 ** 9))
list(x for x in range(3))
(x for x in 5)
ge = (1 / x for x in [1, 0])
next(ge)
next(ge)
lazy = (y for x in [1] for y in undefined_name)
type(lazy).__name__
next(lazy)
[list(g2) for g2 in [(i for i in range(n)) for n in range(4)]]
gg = (i for i in range(3))
list(gg), list(gg)
gg is iter(gg)
def nested(n):
    if n:
        yield n
        yield from nested(n - 1)
list(nested(5))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
[next(f) for _ in range(10)]
def gen_args(a, b=2, *, c):
    yield a + b + c
gen_args(1)
list(gen_args(1, c=3))
class Tree:
    def __init__(self, v, kids=()):
        self.v = v
        self.kids = kids
    def walk(self):
        yield self.v
        for k in self.kids:
            yield from k.walk()
tr = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
list(tr.walk())
tr.walk().__qualname__
def deep(n):
    return deep(n + 1)
def gen_deep():
    yield deep(0)
next(gen_deep())
def lam_gen():
    f = lambda: (yield 5)
    return list(f())
lam_gen()
def yield_in_expr():
    x = (yield 1) + (yield 2)
    yield x
ye = yield_in_expr()
next(ye), ye.send(10), ye.send(20)
def yield_tuple():
    yield 1, 2
    yield
list(yield_tuple())
g3 = count(2)
g3.send(None), g3.send(None)
count(2).send(5)
iter(count(2)).__next__()
def gen_raises():
    yield 1
    raise ValueError("inside")
gr = gen_raises()
next(gr)
next(gr)
next(gr)
def ret_in_try():
    try:
        yield 1
        return 2
    finally:
        print("finally runs")
list(ret_in_try())
class Counter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield i
list(Counter(3)), sum(Counter(4)), [c for c in Counter(2)]
def gen_with_default(x=[]):
    x.append(1)
    yield len(x)
next(gen_with_default()), next(gen_with_default())
def sender():
    total = 0
    while True:
        v = yield total
        total += v
s2 = sender()
next(s2)
[s2.send(i) for i in range(5)]
s2.close()
s2.send(1)
big = [count(3) for _ in range(1000)]
sum(next(x) + next(x) for x in big)
def g_stop_from_next():
    it = iter([])
    yield next(it)
list(g_stop_from_next())
x = 0
gen_scope = (x + i for i in range(3))
x = 100
list(gen_scope)
gen_scope2 = (i for i in range(x))
x = 2
len(list(gen_scope2))
