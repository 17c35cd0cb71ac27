class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
list(Countdown(3))
for v in Countdown(2):
    print("v", v)
sum(Countdown(4)), sorted(Countdown(3)), max(Countdown(5)), min(Countdown(5))
3 in Countdown(5), 9 in Countdown(5)
a, b, c = Countdown(3)
a, b, c
first, *rest = Countdown(4)
first, rest
list(zip(Countdown(3), "abc")), list(enumerate(Countdown(2)))
list(map(lambda x: x * 2, Countdown(3))), list(filter(lambda x: x % 2, Countdown(5)))
cd = Countdown(3)
iter(cd) is cd
next(cd), next(cd), next(cd)
next(cd)
next(cd, "done")
tuple(Countdown(2)), sorted(set(Countdown(3))), dict(zip(Countdown(2), Countdown(2)))
", ".join(str(x) for x in Countdown(3))
class Bag:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
list(Bag([1, 2])), sum(Bag([3, 4])), list(reversed(list(Bag("ab"))))
class NoNext:
    def __iter__(self):
        return 5
iter(NoNext())
list(NoNext())
class NotIterable:
    pass
iter(NotIterable())
for _ in NotIterable():
    pass
next([1, 2])
type(iter([])).__name__, type(iter(())).__name__, type(iter("ab")).__name__, type(iter({})).__name__
type(iter(set())).__name__, type(iter(range(3))).__name__, type(iter({}.items())).__name__ if False else 0
type(zip()).__name__, type(map(str, [])).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__
type(reversed([1])).__name__
it = iter([1, 2, 3])
next(it), list(it), list(it)
it2 = iter(range(5))
next(it2), next(it2), list(it2)
calls = [0]
def tick():
    calls[0] += 1
    return calls[0]
list(iter(tick, 4))
type(iter(tick, 4)).__name__
list(zip([1, 2], [3, 4], strict=True))
list(zip([1, 2], [3], strict=True))
list(zip([1], [3, 4], strict=True))
list(zip([1, 2], [1, 2], [3], strict=True))
list(zip([1, 2, 3], [1, 2, 3], [1, 2], strict=True))
list(zip([1], [1, 2], [1, 2], strict=True))
z = zip("ab", [1, 2])
next(z), next(z)
next(z, None)
e = enumerate("xyz", start=10)
next(e), list(e)
m = map(lambda a, b: a + b, [1, 2, 3], [10, 20])
list(m)
f = filter(lambda s: s.isupper(), "aBcD")
list(f), list(f)
li = [1, 2]
for x in li:
    if x < 4:
        li.append(x + 2)
li
it3 = iter([10, 20])
it3.__next__(), it3.__iter__() is it3
next(iter(""), "empty")
list(iter(Countdown(2)))
sorted(Countdown(4), key=lambda x: -x)
any(Countdown(3)), all(Countdown(0)), any(Countdown(0))
list(zip(*[iter([1, 2, 3, 4])] * 2))
x, y = iter([1, 2])
x, y
x, y = iter([1, 2, 3])
x, y, z = iter([1])
