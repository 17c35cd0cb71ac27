import os
import os.path
import glob
import shutil
import pathlib
from pathlib import Path
base = "/tmp/tensh_ref_ospath"
shutil.rmtree(base, ignore_errors=True)
os.makedirs(base)
os.chdir(base)
print(os.getcwd().endswith("tensh_ref_ospath"))
print(os.sep, repr(os.linesep), os.name, os.curdir, os.pardir)
os.makedirs("a/b/c")
os.makedirs("a/b/c", exist_ok=True)
try:
    os.makedirs("a/b/c")
except FileExistsError as e:
    print(type(e).__name__, e)
os.mkdir("d")
try:
    os.mkdir("d")
except FileExistsError as e:
    print(e)
try:
    os.mkdir("nope/x")
except FileNotFoundError as e:
    print(e)
for name in ["a/one.txt", "a/two.txt", "a/b/three.csv", "a/b/c/four.txt", "top.py", ".hidden"]:
    with open(name, "w") as f:
        f.write(name * 2)
print(sorted(os.listdir(".")))
print(sorted(os.listdir("a")))
print(os.path.exists("a"), os.path.exists("zzz"), os.path.isdir("a"), os.path.isfile("a"))
print(os.path.isfile("top.py"), os.path.isdir("top.py"), os.path.getsize("top.py"))
print(os.stat("top.py").st_size, type(os.stat("top.py").st_mtime).__name__)
for dirpath, dirnames, filenames in sorted(os.walk("a")):
    print(dirpath, sorted(dirnames), sorted(filenames))
w = os.walk("a")
print(type(w).__name__, next(w)[0])
for dirpath, dirnames, filenames in os.walk("."):
    dirnames[:] = [d for d in dirnames if d != "a"]
    print(dirpath, sorted(dirnames), sorted(f for f in filenames))
print(sorted(e.name for e in os.scandir("a")))
print(sorted((e.name, e.is_dir(), e.is_file()) for e in os.scandir("a")))
os.rename("top.py", "moved.py")
print(os.path.exists("top.py"), os.path.exists("moved.py"))
os.replace("moved.py", "top.py")
try:
    os.rename("ghost", "other")
except FileNotFoundError as e:
    print(e)
os.remove("a/one.txt")
print(sorted(os.listdir("a")))
try:
    os.remove("a/one.txt")
except FileNotFoundError as e:
    print(e)
try:
    os.rmdir("a")
except OSError as e:
    print(type(e).__name__, e)
os.rmdir("d")
print(os.path.exists("d"))
print(os.path.join("a", "b", "c.txt"), os.path.join("/x", "y"), os.path.join("a/", "b"), os.path.join("a", "/abs", "c"))
print(os.path.basename("/x/y/z.tar.gz"), os.path.dirname("/x/y/z.tar.gz"), os.path.basename("dir/"))
print(os.path.split("/x/y/z"), os.path.split("z"), os.path.split("/"), os.path.split("a//b"))
print(os.path.splitext("a/b.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a.b/c"), os.path.splitext("x."))
print(os.path.normpath("a//b/./c/../d"), os.path.normpath("/../x"), os.path.normpath(""), os.path.normpath("../../a/.."))
print(os.path.isabs("/a"), os.path.isabs("a"))
print(os.path.abspath("a/b") == os.path.join(os.getcwd(), "a/b"))
print(os.path.relpath("/x/y/z", "/x"), os.path.relpath("/x", "/x/y/z"), os.path.relpath("a/b", "a"), os.path.relpath("a", "a"))
print(os.path.commonprefix(["/usr/lib", "/usr/local", "/usr/li"]), repr(os.path.commonprefix([])))
print(os.path.expanduser("~") == os.environ["HOME"], os.path.expanduser("x/~"))
print(os.path.realpath(".") == os.path.realpath(os.getcwd()))
os.environ["TENSH_TEST_VAR"] = "hello"
print(os.environ["TENSH_TEST_VAR"], os.getenv("TENSH_TEST_VAR"), "TENSH_TEST_VAR" in os.environ)
print(os.environ.get("TENSH_NOPE"), os.environ.get("TENSH_NOPE", "dflt"), os.getenv("TENSH_NOPE", "d2"))
print(os.environ.setdefault("TENSH_TEST_VAR", "x"), os.environ.setdefault("TENSH_NEW", "y"))
try:
    os.environ["TENSH_NOPE"]
except KeyError as e:
    print("KeyError", e)
del os.environ["TENSH_NEW"]
print("TENSH_NEW" in os.environ)
print(type(os.cpu_count()).__name__, type(os.getpid()).__name__)
print(sorted(glob.glob("a/*.txt")))
print(sorted(glob.glob("*")))
print(sorted(glob.glob("**/*.txt", recursive=True)))
print(sorted(glob.glob("a/**", recursive=True)))
print(sorted(glob.glob("a/?wo.*")), sorted(glob.glob("a/[a-t]*")), glob.glob("nothing*"))
print(sorted(glob.iglob("a/b/*")))
print(sorted(glob.glob("*/*/")))
p = Path("a") / "b" / "three.csv"
print(p, repr(p), type(p).__name__)
print(p.name, p.stem, p.suffix, p.parent, p.parts)
print(Path("x/y.tar.gz").suffixes, Path("x/y.tar.gz").stem, Path(".bashrc").suffix, Path("/").name)
print(list(p.parents), p.parents[0])
print(p.exists(), p.is_file(), p.is_dir(), p.parent.is_dir())
print(str(Path("a//b/./c/")), Path("/x", "y", "z"), Path(), Path("a", "/b"))
print("a" / Path("b"), Path("a").joinpath("b", "c"))
print(p.with_suffix(".txt"), p.with_name("x.py"), p.with_stem("new"), Path("a.tar.gz").with_suffix(""))
try:
    p.with_suffix("txt")
except ValueError as e:
    print(e)
print(Path("/a/b/c").relative_to("/a"), Path("/a/b/c").relative_to(Path("/a/b")))
try:
    Path("/a/b").relative_to("/c")
except ValueError as e:
    print(e)
print(Path("a/b") == Path("a/b"), Path("a/b") == Path("a//b/"), Path("a") == "a", Path("a") != Path("b"))
print(len({Path("a"), Path("a/"), Path("b")}), sorted([Path("b"), Path("a/c"), Path("a")]))
print(Path("/a").is_absolute(), Path("a").is_absolute(), Path("a/b").as_posix())
q = Path("new/deep/dir")
q.mkdir(parents=True)
q.mkdir(parents=True, exist_ok=True)
print(q.is_dir())
try:
    Path("new").mkdir()
except FileExistsError as e:
    print(e)
try:
    Path("x/y").mkdir()
except FileNotFoundError as e:
    print(e)
t = q / "t.txt"
print(t.write_text("some text\nline 2"))
print(repr(t.read_text()), t.stat().st_size)
with t.open() as f:
    print(f.readline().strip())
with t.open("a") as f:
    f.write("\nline 3")
print(t.read_text().splitlines())
print(sorted(Path("a").iterdir()))
print(sorted(Path("a").glob("*.txt")), sorted(Path(".").glob("a/*/*.csv")))
print(sorted(Path("a").rglob("*.txt")))
print(sorted(Path(".").glob("**/*.csv")))
print(sorted(str(x) for x in Path("a").glob("**")))
print(Path(".").resolve() == Path(os.getcwd()).resolve(), Path("a").absolute() == Path(os.getcwd()) / "a")
print(Path.cwd() == Path(os.getcwd()), Path.home() == Path(os.environ["HOME"]))
t.unlink()
print(t.exists())
try:
    t.unlink()
except FileNotFoundError as e:
    print(type(e).__name__)
t.unlink(missing_ok=True)
q.rmdir()
print(q.exists(), q.parent.exists())
print(os.path.join(Path("a"), "b"), os.path.exists(Path("a")), open(Path("top.py")).read())
print(pathlib.PurePath("a/b.c").suffix, pathlib.PurePosixPath("x/y"))
shutil.copyfile("top.py", "copy1.py")
print(open("copy1.py").read())
print(shutil.copy("top.py", "a"), os.path.exists("a/top.py"))
print(shutil.copy2("top.py", "copy2.py"))
print(shutil.copytree("a", "a_copy"))
print(sorted(os.listdir("a_copy")), sorted(os.listdir("a_copy/b")))
print(shutil.move("copy2.py", "a_copy"), os.path.exists("copy2.py"))
print(shutil.move("copy1.py", "renamed.py"))
try:
    shutil.copytree("a", "a_copy")
except FileExistsError as e:
    print(e)
shutil.rmtree("a_copy")
print(os.path.exists("a_copy"))
try:
    shutil.rmtree("a_copy")
except FileNotFoundError as e:
    print(e)
try:
    shutil.copyfile("ghost", "g2")
except FileNotFoundError as e:
    print(e)
print(shutil.which("sh") is not None, shutil.which("surely-not-a-command-xyz"))
u = shutil.disk_usage(".")
print(u.total >= u.used, u.free > 0, type(u).__name__)
os.chdir("/tmp")
shutil.rmtree(base)
print(os.path.exists(base))
