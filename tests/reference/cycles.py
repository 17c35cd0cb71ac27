import tensorflow as tf
d = {}
d[0] = d
print(d)
str(d)
d
repr(d)
a = []
a.append(a)
print(a)
a
a == a
b = []
b.append(b)
a == b
e = {}
e[1] = [e, (e,)]
e
x = []
for i in range(100000):
    x = [x]
repr(x)
print(x)
x2 = []
for i in range(100000):
    x2 = [x2]
x == x2
t = ()
for i in range(100000):
    t = (t,)
repr(t)
dd = {}
for i in range(100000):
    dd = {0: dd}
str(dd)
y = []
for i in range(500):
    y = [y]
len(repr(y))
class I:
    def __iter__(self):
        return self
for v in I():
    pass
list(I())
iter(I())
class J:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
for v in J():
    print(v)
list(J())
it = iter(J())
print(next(it), next(it))
