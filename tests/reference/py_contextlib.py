import contextlib
import io
import sys
from contextlib import contextmanager, suppress, nullcontext, closing, ExitStack, redirect_stdout, redirect_stderr
events = []
@contextmanager
def tag(name):
    events.append("enter " + name)
    try:
        yield name.upper()
    finally:
        events.append("exit " + name)
with tag("a") as t:
    events.append("body " + t)
events
events.clear()
with tag("b"):
    with tag("c") as inner:
        print(inner)
events
@contextmanager
def catching():
    try:
        yield
    except ZeroDivisionError as e:
        print("swallowed:", e)
with catching():
    1 / 0
print("still running")
with catching():
    {}["missing"]
@contextmanager
def plain():
    yield 5
with plain() as v:
    print(v)
with plain():
    raise ValueError("not swallowed")
@contextmanager
def no_yield():
    if False:
        yield
with no_yield():
    pass
@contextmanager
def two_yields():
    yield 1
    yield 2
with two_yields() as v:
    print(v)
@contextmanager
def yields_after_throw():
    try:
        yield
    except KeyError:
        yield
with yields_after_throw():
    raise KeyError("k")
@contextmanager
def converts():
    try:
        yield
    except KeyError as e:
        raise ValueError("converted from %s" % e)
with converts():
    raise KeyError("x")
@contextmanager
def reraises():
    try:
        yield
    except TypeError:
        print("saw TypeError")
        raise
with reraises():
    len(5)
@contextmanager
def stop_in_body():
    yield
try:
    with stop_in_body():
        raise StopIteration("inner")
except StopIteration as e:
    print("StopIteration passed through:", e)
@contextmanager
def runtime_passthrough():
    yield
try:
    with runtime_passthrough():
        raise RuntimeError("rt")
except RuntimeError as e:
    print("got", e)
@contextmanager
def counting(log):
    log.append("start")
    yield
    log.append("end")
calls = []
@counting(calls)
def work(x):
    calls.append(x)
    return x * 10
work(1)
work(2)
calls
work.__name__
type(plain()).__name__
hasattr(plain(), "__enter__"), hasattr(plain(), "__exit__")
isinstance(plain(), contextlib.AbstractContextManager)
isinstance(plain(), contextlib.ContextDecorator)
plain.__name__
@contextmanager
def documented():
    """Docs here."""
    yield
documented.__doc__
with suppress(KeyError):
    {}["x"]
    print("not reached")
print("after suppress")
with suppress(KeyError, IndexError):
    [][3]
with suppress(LookupError):
    {}[0]
with suppress(KeyError):
    1 / 0
with suppress():
    pass
with suppress():
    int("x")
with suppress(ValueError) as s:
    pass
print(s)
with nullcontext() as n:
    print(n)
with nullcontext(42) as n:
    print(n)
with nullcontext([1, 2]) as n:
    n.append(3)
n
with nullcontext():
    raise IndexError("nullcontext does not suppress")
class Resource:
    def __init__(self, name):
        self.name = name
    def close(self):
        print("closing", self.name)
with closing(Resource("db")) as r:
    print("using", r.name)
with closing(Resource("f2")):
    raise OSError("disk")
buf = io.StringIO()
with redirect_stdout(buf):
    print("captured line")
    print(1, 2, 3, sep="-")
buf.getvalue()
print("back on stdout")
buf2 = io.StringIO()
with redirect_stdout(buf2) as target:
    print(target is buf2)
buf2.getvalue()
sys.stdout is sys.__stdout__
ebuf = io.StringIO()
with redirect_stderr(ebuf):
    sys.stderr.write("to stderr\n")
ebuf.getvalue()
sys.stderr is sys.__stderr__
outer = io.StringIO()
inner_buf = io.StringIO()
with redirect_stdout(outer):
    print("o1")
    with redirect_stdout(inner_buf):
        print("i1")
    print("o2")
(outer.getvalue(), inner_buf.getvalue())
with ExitStack() as stack:
    stack.callback(print, "callback 1")
    stack.callback(print, "callback 2", end="!\n")
    print("in body")
order = []
with ExitStack() as stack:
    for i in range(3):
        stack.enter_context(tag("s%d" % i))
    order.append(len(events))
events[-6:]
with ExitStack() as stack:
    v = stack.enter_context(nullcontext("value"))
    print(v)
with ExitStack() as stack:
    stack.enter_context(suppress(ValueError))
    raise ValueError("suppressed by entered context")
print("after exitstack suppress")
with ExitStack() as stack:
    stack.callback(print, "cleanup runs")
    raise KeyError("through")
stack = ExitStack()
stack.callback(print, "deferred")
moved = stack.pop_all()
stack.close()
print("nothing yet")
moved.close()
moved.close()
with ExitStack() as stack:
    stack.enter_context(5)
def exit_cb(exc_type, exc, tb):
    print("exit_cb got", exc_type.__name__ if exc_type else None)
    return True
with ExitStack() as stack:
    pushed = stack.push(exit_cb)
    raise TypeError("swallowed by push")
with ExitStack() as stack:
    pushed = stack.push(exit_cb)
pushed is exit_cb
cb_result = ExitStack().callback(len, [1])
cb_result
class CM(contextlib.AbstractContextManager):
    def __exit__(self, *exc):
        print("CM exit")
with CM() as c:
    print(type(c).__name__)
class Deco(contextlib.ContextDecorator):
    def __enter__(self):
        print("deco enter")
        return self
    def __exit__(self, *exc):
        print("deco exit")
        return False
@Deco()
def decorated(a, b):
    print("decorated body", a + b)
    return a * b
decorated(3, 4)
decorated.__name__
contextlib.suppress.__name__
contextlib.ExitStack.__module__
repr(contextlib.nullcontext)
sorted(n for n in ["contextmanager", "suppress", "nullcontext", "closing", "ExitStack", "redirect_stdout", "redirect_stderr", "AbstractContextManager", "ContextDecorator"] if hasattr(contextlib, n))
def gen_stmt():
    with tag("inside function"):
        return "returned"
gen_stmt()
events[-2:]
for i in range(3):
    with suppress(ZeroDivisionError):
        print(10 / i)
