# eval() and exec() with and without namespaces; sum(), min() and max() over iterables, lazily.
x = 5
print(eval("x + 1"), eval("  [i * x for i in range(3)]"), eval("y * 2", {"y": 4}), eval("a + b", {"a": 1}, {"b": 2}))
exec("z = x * 3\nw = [z] * 2")
print(z, w)
ns = {"k": 2}
exec("m = k ** 10\nn = [m] * 2", ns)
print(ns["m"], ns["n"], sorted(k for k in ns if k != "__builtins__"))
def g():
    return eval("q + 1", {"q": 41})
print(g())
for bad in ["eval('x = 1')", "eval(5)", "exec('return 3')", "eval('1', [])", "eval('undefined_name')", "exec('1/0')", "eval('')"]:
    try: print(eval(bad))
    except Exception as e: print(type(e).__name__, e)
for c in ["exec(5)", "eval('1', [])", "exec('1', [])", "exec('1', {}, 5)", "eval('a\\nb')", "eval(b'2 * 3')", "exec('x9 = 1\\ny9 = x9 + 1'); print(y9)"]:
    try: print(eval(c) if not c.startswith('exec') else exec(c))
    except Exception as e: print(type(e).__name__, e)
print(sum(range(10**6)), sum([1.5, 2]), sum([[1], [2]], []), sum((x for x in range(5)), 10), sum([2**62, 2**62, 2**62]))
print(max(range(10**6)), min([3, 1, 2]), max(3, 1, 2), min('bca'), max([], default=7), max([1, -5, 3], key=abs), min((x for x in [4, 2]), key=lambda v: -v))
for bad in ["sum(['a'], '')", "sum(['a', 'b'])", "max([])", "min(1)", "max(1, 2, default=3)", "min()", "sum(5)", "max([1, 'a'])", "max(x for x in [])"]:
    try: print(eval(bad))
    except Exception as e: print(type(e).__name__, e)
print(max([1, 1.0], key=lambda v: 0), min([(1, 'b'), (1, 'a')]), sum([True, True]), sum([0.1]*10))
