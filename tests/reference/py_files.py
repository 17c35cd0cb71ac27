import os
import io
import shutil
base = "/tmp/tensh_ref_files"
shutil.rmtree(base, ignore_errors=True)
os.makedirs(base)
os.chdir(base)
f = open("f.txt", "w")
print(f)
print(type(f).__name__, f.name, f.mode, f.closed)
print(f.write("hello\n"))
print(f.write("second line\nthird"))
f.close()
print(f.closed)
with open("f.txt") as f:
    print(repr(f.read()))
with open("f.txt") as f:
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
    print(repr(f.readline()))
with open("f.txt") as f:
    print(f.readlines())
with open("f.txt") as f:
    for line in f:
        print(repr(line))
with open("f.txt") as f:
    print(repr(f.read(3)), repr(f.read(4)), f.tell())
    print(f.seek(0))
    print(repr(f.read()))
    print(repr(f.read()))
with open("f.txt", "a") as f:
    print(f.write("\nappended"))
print(open("f.txt").read().splitlines())
with open("f.txt", encoding="utf-8") as f:
    print(f)
with open("w.txt", "w") as f:
    f.writelines(["a\n", "b\n", "c\n"])
print(repr(open("w.txt").read()))
with open("u.txt", "w", encoding="utf-8") as f:
    print(f.write("héllo wörld €\n"))
with open("u.txt", encoding="utf-8") as f:
    s = f.read()
print(s, len(s))
print(os.path.getsize("u.txt"))
with open("u.txt") as f:
    print(repr(f.read(2)), repr(f.read(5)))
with open("crlf.txt", "w", newline="") as f:
    f.write("a\r\nb\rc\n")
print(repr(open("crlf.txt").read()))
print(repr(open("crlf.txt", newline="").read()))
print(open("crlf.txt", newline="").readlines())
print(open("crlf.txt").readlines())
try:
    open("missing.txt")
except FileNotFoundError as e:
    print(type(e).__name__, e)
try:
    open(base)
except IsADirectoryError as e:
    print(type(e).__name__, str(e).endswith("tensh_ref_files'"))
try:
    open("f.txt", "x")
except FileExistsError as e:
    print(type(e).__name__, e)
try:
    with open("f.txt") as f:
        f.write("x")
except Exception as e:
    print(type(e).__name__, e, isinstance(e, OSError))
try:
    with open("w.txt", "w") as f:
        f.read()
except Exception as e:
    print(type(e).__name__, e)
f = open("f.txt")
f.close()
try:
    f.read()
except ValueError as e:
    print(e)
try:
    open("f.txt", "rw")
except ValueError as e:
    print(e)
try:
    open("f.txt", "q")
except ValueError as e:
    print(e)
try:
    open(42.5)
except TypeError as e:
    print(e)
try:
    with open("w.txt", "w") as f:
        f.write(5)
except TypeError as e:
    print(e)
with open("x.txt", "x") as f:
    f.write("new")
print(open("x.txt").read())
with open("rp.txt", "w") as f:
    f.write("0123456789")
with open("rp.txt", "r+") as f:
    print(f.read(4))
    f.seek(0)
    f.write("AB")
with open("rp.txt") as f:
    print(f.read())
with open("w.txt", "w") as f:
    f.writelines(["a\n", "b\n", "c\n"])
with open("w.txt") as f:
    print(f.readable(), f.writable(), f.seekable())
with open("w.txt") as f:
    print(next(f), next(f), end="")
    print(list(f))
with open("w.txt") as f:
    print([l.strip() for l in f if l.strip() != "b"])
with open("w.txt") as f:
    print(sum(1 for _ in f))
with open("w.txt") as f:
    print(list(enumerate(f)))
with open("p.txt", "w") as f:
    print("printed", 1, 2, file=f)
    print("more", file=f, end="!")
print(repr(open("p.txt").read()))
with open("empty.txt", "w") as f:
    pass
print(repr(open("empty.txt").read()), open("empty.txt").readlines(), repr(open("empty.txt").readline()))
s = io.StringIO()
print(s.write("abc\n"), s.write("def\n"))
print(repr(s.getvalue()))
print(s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read()))
s = io.StringIO("line1\nline2\nline3")
print(list(s))
s = io.StringIO("x\ny\n")
print(s.readlines())
s = io.StringIO("hello")
print(s.read(2), s.read(2), s.read(2), repr(s.read(2)))
s = io.StringIO()
print("to stringio", 42, file=s)
print(repr(s.getvalue()))
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
try:
    s.read()
except ValueError as e:
    print(e)
print(type(io.StringIO()).__name__)
s = io.StringIO("abc")
s.seek(1)
s.write("X")
print(s.getvalue())
print(io.StringIO("a\nb").readline(1))
os.chdir("/tmp")
shutil.rmtree(base)
print(os.path.exists(base))
