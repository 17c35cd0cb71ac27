# np.savetxt's files byte for byte, np.loadtxt and np.genfromtxt reading them back, and their errors.
import numpy as np
import os, shutil, io
shutil.rmtree('/tmp/tensh_nptext', ignore_errors=True)
os.makedirs('/tmp/tensh_nptext')
d = '/tmp/tensh_nptext/'
x = np.array([[1.0, 2.5, -3.0], [4.0, 5.0, 6.125]])
np.savetxt(d + 'a.txt', x)
open(d + 'a.txt').read()
np.savetxt(d + 'b.csv', x, delimiter=',', fmt='%.3f', header='p,q,r', footer='end')
open(d + 'b.csv').read()
np.savetxt(d + 'c.txt', np.arange(4), fmt='%d')
open(d + 'c.txt').read()
np.savetxt(d + 'd.txt', np.arange(6).reshape(2, 3), fmt=['%d', '%.2f', '%5.1e'], delimiter='\t', newline=';\n', header='one\ntwo', comments='// ')
open(d + 'd.txt').read()
np.savetxt(d + 'e.txt', np.array([[1, 2], [3, 4]]), fmt='%d-%d')
open(d + 'e.txt').read()
np.savetxt(d + 'f.txt', np.array([0.1, 1e-20, 12345678.9, np.nan, np.inf]))
open(d + 'f.txt').read()
np.savetxt(d + 'g.txt', np.array([[1, 2]]), fmt='%i %s', header='h', comments='')
open(d + 'g.txt').read()
np.savetxt(d + 'h.txt', np.array([True, False]), fmt='%d')
open(d + 'h.txt').read()
np.savetxt(d + 'h2.txt', np.array([[1.7, -2.2], [3.0, 4.9]]), fmt='%d', delimiter=',')
open(d + 'h2.txt').read()
np.savetxt(d + 'h3.txt', np.array([[1.5, 2.0]]), fmt='%s|%r')
open(d + 'h3.txt').read()
with open(d + 'h4.txt', 'w') as f:
    np.savetxt(f, np.eye(2), fmt='%.1f')
open(d + 'h4.txt').read()
buf = io.StringIO()
np.savetxt(buf, np.array([1, 2, 3]), fmt='%03d', header='ints')
buf.getvalue()
np.savetxt(d + 'i.txt', np.array([1.5, 2.25], dtype=np.float32), fmt='%g')
open(d + 'i.txt').read()
np.loadtxt(d + 'a.txt')
np.loadtxt(d + 'b.csv', delimiter=',')
np.loadtxt(d + 'b.csv', delimiter=',', usecols=(0, 2))
np.loadtxt(d + 'b.csv', delimiter=',', usecols=1)
np.loadtxt(d + 'b.csv', delimiter=',', unpack=True)
np.loadtxt(d + 'c.txt', dtype=int)
np.loadtxt(d + 'c.txt', dtype=np.float32)
np.loadtxt(d + 'c.txt', ndmin=2)
np.loadtxt(d + 'c.txt', max_rows=2)
np.loadtxt(d + 'c.txt', skiprows=2)
with open(d + 'j.txt', 'w') as f:
    f.write('# comment\nx y z\n1 2 3 # trailing\n\n4 5 6\n7 8 9\n')
np.loadtxt(d + 'j.txt', skiprows=2)
np.loadtxt(d + 'j.txt', skiprows=2, max_rows=1)
np.loadtxt(d + 'j.txt', skiprows=2, usecols=[-1, 0], dtype=np.int64)
with open(d + 'k.txt', 'w') as f:
    f.write('% hello\n1;2\n3;4\n')
np.loadtxt(d + 'k.txt', delimiter=';', comments='%')
np.loadtxt(['1 2', '3 4'])
np.loadtxt(io.StringIO('1,2\n3,4'), delimiter=',')
np.loadtxt(['5', '6'])
np.loadtxt(['5'], ndmin=1)
np.loadtxt(['1 2 3'], ndmin=2)
a, b = np.loadtxt(['1 2', '3 4', '5 6'], unpack=True)
a, b
np.loadtxt(['1 2', '3 4'], converters={0: lambda s: float(s) * 10})
np.genfromtxt(d + 'b.csv', delimiter=',')
with open(d + 'm.csv', 'w') as f:
    f.write('a,b,c\n1,,3\n4,5,\n7,8,9\n')
np.genfromtxt(d + 'm.csv', delimiter=',', skip_header=1)
np.genfromtxt(d + 'm.csv', delimiter=',', skip_header=1, filling_values=-1)
np.genfromtxt(d + 'm.csv', delimiter=',', skip_header=1, usecols=(0, 2))
np.genfromtxt(['1 2 x', '4 5 6'])
np.genfromtxt(['1 2', '3 4'], dtype=int)
np.genfromtxt(d + 'j.txt', skip_header=2)
np.genfromtxt(io.StringIO('1,2\n3,4'), delimiter=',')
try:
    np.loadtxt(d + 'nope.txt')
except FileNotFoundError as e:
    print(e)
try:
    np.loadtxt(['1 2', '3'])
except ValueError as e:
    print(e)
try:
    np.loadtxt(['1 x'])
except ValueError as e:
    print(e)
try:
    np.loadtxt(['1 2'], usecols=5)
except ValueError as e:
    print(e)
try:
    np.loadtxt(['1 2'], ndmin=3)
except ValueError as e:
    print(e)
try:
    np.savetxt(d + 'z.txt', np.zeros((2, 2, 2)))
except ValueError as e:
    print(e)
try:
    np.savetxt(d + 'z.txt', np.zeros((2, 2)), fmt=['%d'])
except Exception as e:
    print(type(e).__name__, e)
try:
    np.savetxt(d + 'z.txt', np.zeros((2, 2)), fmt='%d %d %d')
except Exception as e:
    print(type(e).__name__, e)
try:
    np.genfromtxt(['1 2', '3 4 5'])
except ValueError as e:
    print(e)
try:
    np.loadtxt(['1 2'], skiprows=-1)
except ValueError as e:
    print(e)
np.loadtxt(['1 2', '3 4'], converters=lambda s: len(s))
np.loadtxt(['# c', '', '1 2', '3 4'], dtype=np.int32)
np.loadtxt(['1, 2', ' 3 ,4 '], delimiter=',')
np.loadtxt(['nan inf -Inf 1e3 +2 .5'])
np.loadtxt(['1 2;3', '4 5;6'], comments=[';'])
np.loadtxt(['a 2', 'b 4'], usecols=1, dtype=np.float32)
np.loadtxt(['1 2', '3 4'], dtype=np.uint8)
np.genfromtxt(['1 2', '# x', '3 4'])
np.genfromtxt(['1,2', '3,4'], delimiter=',', dtype=None)
np.genfromtxt(['1,2,3', '4,5,6'], delimiter=',', usecols=-1)
np.genfromtxt(['1,N/A,3', '4,5,6'], delimiter=',', missing_values='N/A', filling_values=0)
np.genfromtxt(['1,2,3', '4,5,6'], delimiter=',', max_rows=1)
np.genfromtxt(['1,2,3', '4,5,6'], delimiter=',', skip_footer=1)
np.genfromtxt(['1,2,3', '4,5,6'], delimiter=',', unpack=True)
np.genfromtxt(['1 2 3'])
np.genfromtxt(['1,,3', '4,5,6'], delimiter=',', filling_values={1: 99})
np.genfromtxt(['1 x', '2 y'], dtype=float)
np.genfromtxt(['1.5 2', '3 4'], dtype=int)
try:
    np.loadtxt(['# c', '', '1 2', '3 4', '5'])
except ValueError as e:
    print(e)
try:
    np.loadtxt(['# c', '', '1 2', '3 4', '5 x'])
except ValueError as e:
    print(e)
try:
    np.loadtxt(['1,2', '3,,4'], delimiter=',')
except ValueError as e:
    print(e)
try:
    np.genfromtxt(['1 2', '', '3 4 5', '6 7', '8'])
except ValueError as e:
    print(e)
try:
    np.savetxt(d + 'z.txt', np.array([1.0]), fmt=3)
except ValueError as e:
    print(e)
b = io.StringIO()
np.savetxt(b, np.zeros((0, 3)))
b.getvalue()
b = io.StringIO()
np.savetxt(b, np.array([[1, 2]]), fmt='%d', delimiter=', ', footer='a\nb', comments='')
b.getvalue()
b = io.StringIO()
np.savetxt(b, np.array([[1, 2]]), fmt=('%d', '%x'))
b.getvalue()
b = io.StringIO()
np.savetxt(b, np.array([[10, 2]]), fmt='%-4d|%+d')
b.getvalue()
for f, x in [('%q', [1.5]), ('%d', [np.nan]), ('%5.2f%%', [1.0])]:
    try:
        np.savetxt(io.StringIO(), np.array(x), fmt=f)
    except ValueError as e:
        print(e)
np.loadtxt(['1\t2', '3\t4'], delimiter='\t')
np.loadtxt(['1 2', '3 4'], usecols=(1,), ndmin=2)
np.loadtxt(['1 2', '3 4'], dtype=np.int64, unpack=True)
np.loadtxt(['1 2 # x', '3 4 // y'], comments=['#', '//'])
np.genfromtxt(io.StringIO('1,2\n\n3,4\n'), delimiter=',')
np.genfromtxt(['x,y', '1,2'], delimiter=',', skip_header=1, dtype=None)
np.genfromtxt(['1,2', '3,4'], delimiter=',', usecols=(1, 0))
try:
    np.loadtxt(['1 2'], usecols='a')
except TypeError as e:
    print(e)
try:
    np.loadtxt(['1 2'], dtype=int, converters={0: lambda s: 'x'})
except ValueError as e:
    print(e)
for call in [lambda: np.loadtxt(5), lambda: np.savetxt(5, [1]), lambda: np.savetxt('/nonexistent/dir/x.txt', [1])]:
    try:
        call()
    except (ValueError, OSError) as e:
        print(type(e).__name__, e)
import warnings
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    np.loadtxt([], ndmin=2)
    np.loadtxt(['1 2', '1.5 4'], dtype=int)
    np.loadtxt(['1 2', '', '3 4'], max_rows=2)
    np.genfromtxt([])
[(w.category.__name__, str(w.message)[:60]) for w in caught]
def show(x, **kw):
    b = io.StringIO()
    np.savetxt(b, x, **kw)
    print(repr(b.getvalue()))
show(np.array([1.1, 2.2], dtype=np.float32))
show(np.array([1.1, 2.2], dtype=np.float32), fmt='%s')
show(np.array([[1, 2]], dtype=np.int32))
show(np.array([[1, 2]], dtype=np.uint8), fmt='%s')
show(np.array([True, False]), fmt='%s')
show(np.array([1e300, -1e-300, 0.0, -0.0]))
show(np.array([1.5, 2.5]), fmt='%.0f')
show(np.array([123456789.123]), fmt='%g')
show(np.array([[1.5, 2.5]]), fmt='%10.3f', delimiter='')
show(np.array([[1, 2], [3, 4]]), fmt='%d', newline=' ')
show(np.array([[1, 2], [3, 4]]), fmt='%d', header='a', footer='b', newline='\r\n')
show(np.arange(3), fmt='%5s')
show(np.array([0.1]), fmt='%r')
show(np.array([1.0, 2.0]), fmt='%i')
'%5s|%-5s|%05s|%.2s|%5.1s|%r|%8r' % ('a', 'b', 'c', 'xyz', 'pq', 'z', 'w')
shutil.rmtree('/tmp/tensh_nptext')
