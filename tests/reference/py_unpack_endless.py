# Unpacking an iterator that never ends: one item past the targets decides, as in CPython.
class Forever:
    def __iter__(self): return self
    def __next__(self): return 1
try:
    a, b, c = Forever()
except ValueError as e:
    print(e)
def gen():
    while True:
        yield 2
try:
    x, y = gen()
except ValueError as e:
    print(e)
a, b = iter([1, 2]); print(a, b)
try:
    a, b = iter([1])
except ValueError as e:
    print(e)
try:
    a, = 1, 2
except ValueError as e:
    print(e)
