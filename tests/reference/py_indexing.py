# object() sentinels; indexing and slicing lists, tuples, strings and ranges; range equality and hashing.
o = object()
print(type(o), o is o, o == o, o == object(), isinstance(o, object), type(o).__name__)
s = {o}; print(o in s, len({object(), object()}))
try: o.x = 1
except AttributeError as e: print(e)
try: o.y
except AttributeError as e: print(e)
print(repr(o).startswith('<object object at 0x'), bool(o), str(o) == repr(o))
MISSING = object()
def f(x=MISSING): return x is MISSING
print(f(), f(3))
r = range(3, 50, 4)
print(r[2], r[-1], r[::2], r[::-1], r[1:100:3], r[5:1], r[-3:], len(r[::-2]), list(r[2:6]))
print(range(10**12)[5], range(10**12)[-1], range(0, -10, -3)[1:], range(-5, 5)[-20:20:7])
for i in (10, -20):
    try: r[i]
    except IndexError as e: print(e)
s = "héllo wörld"
print(s[1], s[-1], s[::2], s[::-1], s[3:100], s[-3:])
a = "abcdef"; print(a[2], a[-1], a[1:5:2], a[::-1])
try: a[10]
except IndexError as e: print(e)
try: s[20]
except IndexError as e: print(e)
t = (1, 2, 3, 4); print(t[1], t[-1], t[::2], t[3:0:-1])
try: t[9]
except IndexError as e: print(e)
l = [1, 2, 3]; print(l[0], l[-3], l[1:], l[::-1], l[True])
try: l[3]
except IndexError as e: print(e)
try: l['a']
except TypeError as e: print(e)
try: r['a']
except TypeError as e: print(e)
try: a[1.5]
except TypeError as e: print(e)
try: t[None]
except TypeError as e: print(e)
print(range(0)[:], range(5)[10:], range(1, 10, 2)[::-1])
l = list(range(10)); l[::2] = 'abcde'; print(l)
l[::-3] = [7, 8, 9, 6]; print(l)
try: l[::2] = [1]
except ValueError as e: print(e)
l[1:3] = []; print(l)
l[::1] = (1, 2); print(l)
print(range(0, 3, 2) == range(0, 4, 2), range(0) == range(5, 2), hash(range(0, 3, 2)) == hash(range(0, 4, 2)))
d = {range(3): 'a'}; print(d[range(0, 3)], range(1, 2, 5) == range(1, 3, 7))
print([0.5 for _ in range(3)], [[0] * 2 for _ in range(2)], [i for i in range(3)])
