"""Tool for measuring execution time of small code snippets."""

import time

__all__ = ["Timer", "timeit", "repeat", "default_timer"]

dummy_src_name = "<timeit-src>"
default_number = 1000000
default_repeat = 5
default_timer = time.perf_counter


def _checked(code, what, setup=None):
    if isinstance(code, str):
        if isinstance(setup, str):
            _compile(setup)
        _compile(code, setup)
        return code
    if callable(code):
        return code
    raise ValueError("%s is neither a string nor callable" % what)


class Timer:
    """Class for timing execution speed of small code snippets."""

    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        """Constructor.  See class doc string."""
        self.timer = timer
        self._globals = {} if globals is None else globals
        self._stmt = _checked(stmt, "stmt", setup)
        self._setup = _checked(setup, "setup")

    def print_exc(self, file=None):
        """Helper to print a traceback from the timed code."""
        import sys
        exc = sys.exception()
        if exc is not None:
            print("%s: %s" % (type(exc).__name__, exc), file=file)

    def timeit(self, number=default_number):
        """Time 'number' executions of the main statement."""
        return _run(self._stmt, self._setup, number, self._globals, self.timer)

    def repeat(self, repeat=default_repeat, number=default_number):
        """Call timeit() a few times."""
        r = []
        for i in range(repeat):
            t = self.timeit(number)
            r.append(t)
        return r

    def autorange(self, callback=None):
        """Return the number of loops and time taken so that total time >= 0.2."""
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer,
           number=default_number, globals=None):
    """Convenience function to create Timer object and call timeit method."""
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer,
           repeat=default_repeat, number=default_number, globals=None):
    """Convenience function to create Timer object and call repeat method."""
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
