# tf.io.gfile as TensorFlow 2.15 behaves on local paths, over tensh's os, glob and shutil.
# Failures are TensorFlow's errors (NotFoundError, ...) rather than Python's OSError.
import os as _os
import glob as _glob
import shutil as _shutil
import tensorflow as _tf


def _not_found(msg):
    return _tf.errors.NotFoundError(None, None, msg)


def exists(path):
    return _os.path.exists(path)


def isdir(path):
    return _os.path.isdir(path)


def listdir(path):
    if not _os.path.isdir(path):
        raise _not_found("Could not find directory " + path)
    return _os.listdir(path)


def glob(pattern):
    if isinstance(pattern, (list, tuple)):
        out = []
        for p in pattern:
            out.extend(_glob.glob(p))
        return out
    return _glob.glob(pattern)


def makedirs(path):
    _os.makedirs(path, exist_ok=True)


def mkdir(path):
    if not _os.path.isdir(path):
        _os.mkdir(path)


def remove(path):
    if not _os.path.exists(path):
        raise _not_found(path + "; No such file or directory")
    _os.remove(path)


def rmtree(path):
    if not _os.path.exists(path):
        raise _not_found(path + "; No such file or directory")
    _shutil.rmtree(path)


def rename(src, dst, overwrite=False):
    if not overwrite and _os.path.exists(dst):
        raise _tf.errors.AlreadyExistsError(None, None, "file already exists")
    _os.replace(src, dst)


def copy(src, dst, overwrite=False):
    if not overwrite and _os.path.exists(dst):
        raise _tf.errors.AlreadyExistsError(None, None, "file already exists")
    _shutil.copyfile(src, dst)


def walk(top, topdown=True, onerror=None):
    return _os.walk(top, topdown=topdown)


def join(path, *paths):
    return _os.path.join(path, *paths)


def stat(path):
    if not _os.path.exists(path):
        raise _not_found(path + "; No such file or directory")
    return _os.stat(path)


class GFile:
    """File I/O wrappers without thread locking, over Python's open()."""

    def __init__(self, name, mode="r"):
        self.name = name
        self.mode = mode
        self._f = None

    def _file(self):
        if self._f is None:
            if "r" in self.mode and not _os.path.exists(self.name):
                raise _not_found(self.name + "; No such file or directory")
            self._f = open(self.name, self.mode)
        return self._f

    def read(self, n=-1):
        return self._file().read() if n is None or n < 0 else self._file().read(n)

    def readline(self):
        return self._file().readline()

    def readlines(self):
        return self._file().readlines()

    def write(self, s):
        self._file().write(s)

    def flush(self):
        if self._f is not None:
            self._f.flush()

    def close(self):
        if self._f is not None:
            self._f.close()
            self._f = None

    def __iter__(self):
        return iter(self._file().readlines())

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()
        return False


Open = GFile
