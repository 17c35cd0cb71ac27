import timeit
import time
t = timeit.timeit("x = 1 + 1", number=1000)
type(t).__name__, t >= 0
type(timeit.timeit(number=10)).__name__
timeit.timeit("pass", number=0) >= 0
calls = []
def work():
    calls.append(1)
timeit.timeit(work, number=25) >= 0
len(calls)
calls.clear()
timeit.timeit(lambda: calls.append("l"), number=3) >= 0
calls
setup_calls = []
timeit.timeit(work, setup=lambda: setup_calls.append("s"), number=4) >= 0
setup_calls, len(calls)
calls.clear()
res = timeit.repeat(work, number=3, repeat=4)
type(res).__name__, len(res), all(isinstance(r, float) for r in res)
len(calls)
calls.clear()
len(timeit.repeat("pass", number=5))
timeit.timeit("y", number=1)
timeit.timeit("y", setup="y = 5", number=3) >= 0
timeit.timeit("z.append(1)", setup="z = []", number=10) >= 0
g = {"data": [], "factor": 3}
timeit.timeit("data.append(factor)", globals=g, number=4) >= 0
g["data"]
total = [0]
def add(n):
    total[0] += n
timeit.timeit("add(2)", globals=globals(), number=5) >= 0
total
timeit.timeit("add(2)", number=1)
timeit.timeit("x = (", number=1)
timeit.timeit("pass", setup="1 +", number=1)
timeit.timeit("return 1", number=1)
timeit.timeit(123)
timeit.timeit("pass", setup=4.5)
timeit.timeit("1/0", number=1)
timeit.timeit(lambda: [].pop(), number=1)
timeit.timeit("pass", number=2.5)
timeit.timeit("pass", number=-3) >= 0
timer = timeit.Timer("a * b", setup="a = 6; b = 7")
type(timer).__name__
type(timer.timeit(number=100)).__name__
r = timer.repeat(repeat=3, number=10)
len(r), min(r) >= 0
ticks = [0]
def fake_timer():
    ticks[0] += 1
    return ticks[0] * 0.5
timeit.Timer("pass", timer=fake_timer).timeit(number=7)
timeit.timeit("pass", timer=fake_timer, number=2)
timeit.repeat("pass", timer=fake_timer, repeat=3, number=1)
clock = [0.0]
def slow_timer():
    clock[0] += 0.25
    return clock[0]
timeit.Timer("pass", timer=slow_timer).autorange()
count = [0]
def square_timer():
    count[0] += 1
    return count[0] * count[0] * 0.01
seen = []
number, taken = timeit.Timer("pass", timer=square_timer).autorange(callback=lambda n, t: seen.append(n))
number, round(taken, 6)
seen
n, taken = timeit.Timer("pass").autorange()
type(n).__name__, taken >= 0.2
timeit.Timer(123)
timeit.Timer("pass", setup=None)
timeit.Timer("x = ")
timeit.default_timer is time.perf_counter
type(timeit.default_timer()).__name__
timeit.default_number, timeit.default_repeat
timeit.Timer.__name__
hasattr(timeit.Timer, "autorange"), hasattr(timeit.Timer, "repeat")
for i in range(2):
    print(timeit.timeit("pass", number=10) >= 0)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib_calls = []
timeit.timeit(lambda: fib_calls.append(fib(10)), number=3) >= 0
fib_calls
timeit.timeit("f(5)", setup="def f(n):\n    return n * 2", number=3) >= 0
timeit.timeit("for i in range(3): acc.append(i)", setup="acc = []", number=2) >= 0
