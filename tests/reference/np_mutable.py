import numpy as np
import tensorflow as tf

# Item and slice assignment
a = np.zeros((3, 4))
a[0, 0] = 99.0
a[1] = 7
a[2, 1:3] = [5, 6]
a[:, -1] = np.arange(3)
print(a)
a[...] = 1.5
print(a)
a[:] = [1, 2, 3, 4]
print(a)
a[1:, ::2] = [[10], [20]]
print(a)

# Casting to the array's dtype
c = np.arange(5)
c[0] = 2.9
c[1] = -2.9
c[2] = True
c[3] = '42'
print(c, c.dtype)
f = np.zeros(3, dtype=np.float32)
f[0] = 1 / 3
f[1] = '2.5'
f[2] = None
print(f, f.dtype)
bm = np.zeros(3, dtype=bool)
bm[1] = 5
print(bm)

# Boolean masks and integer arrays
g = np.arange(10)
g[g > 6] = 0
print(g)
g[[1, 3, 5]] = [-1, -3, -5]
print(g)
g[np.array([0, 0, 2])] = [7, 8, 9]
print(g)
g[[True, False] * 5] = 100
print(g)
m = np.arange(12).reshape(3, 4)
m[m % 3 == 0] = -m[m % 3 == 0]
print(m)
m[[0, 2], 1:3] = 0
print(m)
m[:, [1]] = [[1], [2], [3]]
print(m)
m[np.array([[True, False, True, False]] * 3)] = 5
print(m)
x = np.arange(6.0)
x[x > 2] = np.array([1, 2, 3])
print(x)
x[x < 2] *= 10
print(x)

# Views share memory
base = np.arange(12).reshape(3, 4)
row = base[1]
row[:] = -1
print(base)
col = base[:, 2]
col += 100
print(base)
t = base.T
t[0, 0] = 555
print(base)
flat = base.ravel()
flat[-1] = 777
print(base)
r = base.reshape(4, 3)
r[0] = 0
print(base)
sq = np.arange(3).reshape(1, 3, 1)
s2 = sq.squeeze()
s2[1] = 42
print(sq.ravel())
e = np.expand_dims(s2, 0)
e[0, 0] = 9
print(s2)
v = base.view()
v[2, 3] = 1
print(base[2])
sub = base[::2, ::-1]
sub[0, 0] = -9
print(base)
print(np.transpose(base)[3, 0])
np.reshape(base, (12,))[0] = 12345
print(base[0, 0])
print(np.ravel(base)[:3])

# Copies do not
cp = base.copy()
cp[0, 0] = 0
print(base[0, 0], cp[0, 0])
fl = base.flatten()
fl[0] = 1
print(base[0, 0])
arr = np.array(base)
arr[0, 0] = 2
print(base[0, 0])
same = np.asarray(base)
same[0, 0] = 3
print(base[0, 0], same is base)
fancy = base[[0, 1]]
fancy[0, 0] = 4
print(base[0, 0])
masked = base[base > 100]
masked[0] = 0
print(base.max())
tr = base.T.reshape(12)
tr[0] = 6
print(base[0, 0])

# Aliasing through names and containers
p = np.ones(3)
q = p
q[0] = 0
print(p)
holder = [p, {'k': p}]
p[1] = 5
print(holder[0], holder[1]['k'])

# Tensors keep the values they were made from
w = np.array([1.0, 2.0, 3.0])
tt = tf.constant(w)
w[0] = -1
print(tt)
print(w)
n = tt.numpy()
n[1] = 100
print(n, tt)
var = tf.Variable(np.zeros(2))
arr2 = var.numpy()
arr2[0] = 1
print(var.numpy())

# In-place operators
h = np.arange(4)
h2 = h
h += 1
print(h2)
h *= 3
h -= np.array([1, 1, 1, 1])
h //= 2
h %= 4
h **= 2
print(h2)
fa = np.ones((2, 3))
fa /= 4
fa += np.arange(3)
print(fa)
fa[0] += 10
print(fa)
ia = np.arange(3)
try:
    ia += 1.5
except TypeError as e:
    print(type(e).__name__, e)
try:
    ia /= 2
except TypeError as e:
    print(type(e).__name__, e)
try:
    fa += np.ones((2, 2, 3))
except ValueError as e:
    print(e)
i32 = np.arange(3, dtype=np.int32)
i32 += np.arange(3)
print(i32, i32.dtype)
ff = np.ones(2, dtype=np.float32)
ff += np.ones(2)
print(ff, ff.dtype)
ba = np.array([True, False])
ba |= np.array([False, False])
print(ba)
s = np.float64(2.5)
s2 = s
s += 1
print(s, s2)

# In-place methods
z = np.empty((2, 2))
z.fill(3)
print(z)
z2 = np.arange(6)
z2.fill(1.9)
print(z2)
u = np.array([3, 1, 2, 9, 0])
u.sort()
print(u)
uu = np.array([[3, 1], [0, 2]])
uu.sort(axis=0)
print(uu)

# Errors
err = np.arange(6)
try:
    err[7] = 1
except IndexError as e:
    print(e)
try:
    err[-7]
except IndexError as e:
    print(e)
try:
    err[0] = np.nan
except ValueError as e:
    print(e)
try:
    err[0] = 'x'
except ValueError as e:
    print(e)
try:
    err[0] = None
except TypeError as e:
    print(e)
try:
    err[1:3] = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    err[[0, 1]] = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    err[err > 2] = [1, 2]
except ValueError as e:
    print(e)
try:
    err[[True, False]] = 1
except IndexError as e:
    print(e)
try:
    err[0, 0] = 1
except IndexError as e:
    print(e)
try:
    np.float32(1.0)[0] = 2
except TypeError as e:
    print(e)
ff2 = np.zeros(2)
try:
    ff2[0] = 'abc'
except ValueError as e:
    print(e)
mat = np.zeros((2, 3))
try:
    mat[0] = [[1, 2, 3]]
except ValueError as e:
    print(e)
try:
    mat.reshape(4, -1)
except ValueError as e:
    print(e)
try:
    mat.reshape(5)
except ValueError as e:
    print(e)
try:
    mat.transpose(1, 1)
except ValueError as e:
    print(e)
try:
    mat.transpose(0, 2)
except ValueError as e:
    print(type(e).__name__, e)
try:
    mat.squeeze(0)
except ValueError as e:
    print(e)
print(mat.transpose(1, 0).shape, mat.transpose((1, 0)).shape, mat.reshape(3, 2).shape, mat.reshape((-1,)).shape)

# np.random.shuffle in place
np.random.seed(0)
sh = np.arange(10)
np.random.shuffle(sh)
print(sh)
sh2 = np.arange(12).reshape(4, 3)
np.random.shuffle(sh2)
print(sh2)
rs = np.random.RandomState(3)
sh3 = np.arange(8.0)
rs.shuffle(sh3)
print(sh3)
sub_rows = np.arange(10)
np.random.shuffle(sub_rows[:5])
print(sub_rows)
