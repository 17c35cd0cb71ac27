import itertools
from itertools import count, cycle, repeat, chain, islice, zip_longest, product, permutations, combinations, combinations_with_replacement, accumulate, groupby, starmap, takewhile, dropwhile, filterfalse, compress, tee, pairwise
import functools
from functools import partial, reduce, lru_cache, wraps, cmp_to_key, total_ordering
import operator
list(islice(count(), 5)), list(islice(count(10, 2), 3)), list(islice(count(1.5, 0.5), 3))
list(islice(cycle("ab"), 5)), list(repeat(7, 3)), list(islice(repeat("x"), 2))
list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3]])), list(chain())
list(islice(range(10), 2, 8, 3)), list(islice("abcdef", None, 3)), list(islice([1, 2], 5))
list(zip_longest("abc", [1])), list(zip_longest([1, 2], [3], fillvalue=0))
list(product([1, 2], "ab")), list(product(range(2), repeat=2)), len(list(product("abc", repeat=3)))
list(permutations([1, 2, 3])), list(permutations("abc", 2)), list(permutations([], 0))
list(combinations(range(4), 2)), list(combinations("abc", 3)), list(combinations([1, 2], 3))
list(combinations_with_replacement("ab", 2)), list(combinations_with_replacement(range(3), 2))
list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3, 4], operator.mul)), list(accumulate([1, 2], initial=100))
list(accumulate([3, 1, 4, 1, 5], max)), list(accumulate([])), list(accumulate("abc"))
[(k, list(g)) for k, g in groupby("aaabccaa")]
[(k, len(list(g))) for k, g in groupby([1, 3, 2, 4, 5], key=lambda v: v % 2)]
list(starmap(pow, [(2, 3), (3, 2)])), list(takewhile(lambda v: v < 3, [1, 2, 3, 1])), list(dropwhile(lambda v: v < 3, [1, 2, 3, 1]))
list(filterfalse(lambda v: v % 2, range(6))), list(filterfalse(None, [0, 1, "", "a"])), list(compress("abcdef", [1, 0, 1, 0, 1, 1]))
a, b = tee([1, 2, 3])
list(a), list(b)
list(pairwise([1, 2, 3, 4])), list(pairwise("a"))
type(count()).__name__, type(chain()).__name__, type(islice([], 1)).__name__, type(product()).__name__
it2 = count(5)
next(it2), next(it2), next(it2)
sum(islice(count(), 100)), list(islice(zip(count(), "xyz"), 2))
itertools.batched
islice([1], -1)
list(zip(range(3), cycle([True, False])))
repr(repeat(1, 2)), repr(count(3)), repr(count(1, 2))
def add(a, b, c=0):
    return a + b + c
p = partial(add, 1)
p(2), p(2, c=3), p.func is add, p.args, p.keywords
p2 = partial(add, 1, c=10)
p2(5), p2.keywords, partial(p2, 2)()
reduce(operator.add, [1, 2, 3, 4]), reduce(lambda x, y: x * y, [1, 2, 3], 10), reduce(operator.add, [], 0)
reduce(operator.add, [])
reduce(operator.add, [5])
calls = []
@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib(30), len(calls)
fib.cache_info()
fib.cache_clear()
fib.cache_info()
@lru_cache
def sq(x):
    return x * x
sq(3), sq(3), sq(4), sq.cache_info()
@lru_cache(maxsize=2)
def ident(x):
    return x
ident(1), ident(2), ident(1), ident(3), ident(2), ident.cache_info()
@functools.cache
def cube(x):
    return x ** 3
cube(2), cube(2), cube.cache_info()
def deco(f):
    @wraps(f)
    def inner(*args):
        return f(*args) * 2
    return inner
@deco
def double_me(x):
    "Doc of double_me."
    return x + 1
double_me(3), double_me.__name__, double_me.__doc__, double_me.__wrapped__(3)
sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)), sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(a) - len(b)))
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
V(1) < V(2), V(1) <= V(1), V(3) > V(2), V(2) >= V(3)
m = map(operator.itemgetter(1), [(1, "a"), (2, "b")])
list(m), operator.itemgetter(0, 2)("xyz"), operator.attrgetter("real")(5)
functools.reduce(operator.mul, range(1, 6))
