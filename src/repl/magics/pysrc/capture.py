# IPython.utils.capture.CapturedIO: what `%%capture NAME` stores in NAME.
import sys


class CapturedIO(object):
    """Simple object for containing captured stdout/err and rich display
    StringIO objects

    Each instance `c` has three attributes:

    - ``c.stdout`` : standard output as a string
    - ``c.stderr`` : standard error as a string
    - ``c.outputs``: a list of rich display outputs

    Additionally, there's a ``c.show()`` method which will print all of the
    above in the same order, and can be invoked simply via ``c()``.
    """

    def __init__(self, stdout, stderr, outputs=None):
        self._stdout = stdout
        self._stderr = stderr
        if outputs is None:
            outputs = []
        self._outputs = outputs

    def __str__(self):
        return self.stdout

    @property
    def stdout(self):
        "Captured standard output"
        return self._stdout if self._stdout is not None else ''

    @property
    def stderr(self):
        "Captured standard error"
        return self._stderr if self._stderr is not None else ''

    @property
    def outputs(self):
        """A list of the captured rich display outputs, if any."""
        return list(self._outputs)

    def show(self):
        """write my output to sys.stdout/err as appropriate"""
        sys.stdout.write(self.stdout)
        sys.stderr.write(self.stderr)
        sys.stdout.flush()
        sys.stderr.flush()

    __call__ = show
