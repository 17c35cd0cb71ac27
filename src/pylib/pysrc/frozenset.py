# Python's frozenset: an immutable, hashable set. It keeps its elements in a set, so it
# iterates, prints and compares in the set's order, and hashes as CPython's frozenset.


def _items(other):
    if isinstance(other, frozenset):
        return other._s
    return other


class frozenset:
    __module__ = 'builtins'

    def __init__(self, iterable=()):
        if isinstance(iterable, frozenset):
            self._s = set(iterable._s)
        else:
            self._s = set(iterable)

    def __repr__(self):
        if not self._s:
            return 'frozenset()'
        return 'frozenset(' + repr(self._s) + ')'

    def __len__(self):
        return len(self._s)

    def __iter__(self):
        return iter(self._s)

    def __contains__(self, x):
        return x in self._s

    def __eq__(self, other):
        if isinstance(other, (set, frozenset)):
            return self._s == set(_items(other))
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        if r is NotImplemented:
            return r
        return not r

    def __le__(self, other):
        return self._s <= set(_items(other))

    def __lt__(self, other):
        return self._s < set(_items(other))

    def __ge__(self, other):
        return self._s >= set(_items(other))

    def __gt__(self, other):
        return self._s > set(_items(other))

    def __or__(self, other):
        return frozenset(self._s | set(_items(other)))

    def __and__(self, other):
        return frozenset(self._s & set(_items(other)))

    def __sub__(self, other):
        return frozenset(self._s - set(_items(other)))

    def __xor__(self, other):
        return frozenset(self._s ^ set(_items(other)))

    def __ror__(self, other):
        return type(other)(set(_items(other)) | self._s)

    def __rand__(self, other):
        return type(other)(set(_items(other)) & self._s)

    def __rsub__(self, other):
        return type(other)(set(_items(other)) - self._s)

    def __rxor__(self, other):
        return type(other)(set(_items(other)) ^ self._s)

    def __hash__(self):
        # CPython's frozenset hash (Objects/setobject.c, frozenset_hash).
        mask = (1 << 64) - 1
        h = 0
        for x in self._s:
            y = hash(x) & mask
            h ^= ((y ^ (y << 16) ^ 89869747) * 3644798167) & mask
        h ^= ((len(self._s) + 1) * 1927868237) & mask
        h ^= ((h >> 11) ^ (h >> 25))
        h = (h * 69069 + 907133923) & mask
        if h >= 1 << 63:
            h -= 1 << 64
        if h == -1:
            h = 590923713
        return h

    def __reduce__(self):
        return (frozenset, (list(self._s),))

    def copy(self):
        return self

    def union(self, *others):
        s = set(self._s)
        for o in others:
            s |= set(_items(o))
        return frozenset(s)

    def intersection(self, *others):
        s = set(self._s)
        for o in others:
            s &= set(_items(o))
        return frozenset(s)

    def difference(self, *others):
        s = set(self._s)
        for o in others:
            s -= set(_items(o))
        return frozenset(s)

    def symmetric_difference(self, other):
        return frozenset(self._s ^ set(_items(other)))

    def issubset(self, other):
        return self._s <= set(_items(other))

    def issuperset(self, other):
        return self._s >= set(_items(other))

    def isdisjoint(self, other):
        return not (self._s & set(_items(other)))
