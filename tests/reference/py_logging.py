import sys
sys.stderr = sys.stdout
import io
import logging
logging.WARNING, logging.INFO, logging.DEBUG, logging.ERROR, logging.CRITICAL, logging.NOTSET
logging.WARN, logging.FATAL
logging.getLevelName(10), logging.getLevelName(30), logging.getLevelName(50)
logging.getLevelName("INFO"), logging.getLevelName("WARN")
logging.getLevelName(15)
logging.getLevelName("NOPE")
logging.BASIC_FORMAT
root = logging.getLogger()
root
root is logging.root, root is logging.getLogger("root"), root is logging.getLogger("")
root.level, root.handlers, root.propagate
logging.getLogger("quiet").warning("last resort handler: %s", "plain message")
logging.getLogger("quiet").info("not shown")
logging.getLogger("quiet").error("error %d%%", 50)
len(root.handlers)
logging.info("info is below WARNING")
len(root.handlers)
root.handlers
logging.warning("root warning")
logging.error("error with args %s=%r", "x", [1, 2])
logging.critical("critical!")
logging.debug("hidden debug")
logging.log(logging.ERROR, "via log()")
logging.log(25, "level 25 at %d", 25)
logging.log("ERROR", "bad level")
logging.warning("dict args %(a)s and %(b)s", {"a": 1, "b": 2})
logging.warning(12345)
logging.warning(["not", "a", "string"])
logging.warning("%s and %s", "one", "two")
logging.basicConfig(level=logging.DEBUG)
logging.debug("still hidden: basicConfig did nothing")
root.level
logging.basicConfig(level=logging.DEBUG, format="%(levelname)s - %(message)s", force=True)
logging.debug("now visible")
logging.info("info %s", "too")
root.level
logging.basicConfig(format="[%(name)s] %(levelname)-8s|%(message)s", level="INFO", force=True)
logging.info("padded level")
logging.warning("warn")
logging.debug("debug hidden at INFO")
logging.basicConfig(format="{levelname}:{name}:{message}", style="{", force=True)
logging.warning("brace style {}", "ignored")
logging.basicConfig(format="$levelname ${name} $message", style="$", force=True)
logging.error("dollar style")
buf = io.StringIO()
logging.basicConfig(stream=buf, format="%(levelname)s:%(message)s", level=logging.INFO, force=True)
logging.info("into buffer")
logging.warning("second")
buf.getvalue()
logging.basicConfig(stream=sys.stdout, filename="x.log", force=True)
logging.basicConfig(style="%%", force=True)
logging.basicConfig(bogus=1, force=True)
logging.basicConfig(format="%(message)s", force=True)
logging.basicConfig(unknown_after_config=1)
logging.basicConfig(format="%(levelname)s:%(name)s:%(message)s", level=logging.WARNING, force=True, stream=sys.stdout)
log = logging.getLogger("app")
log
log.name, log.level, log.getEffectiveLevel(), log.parent is root
log.info("app info hidden")
log.warning("app warning")
log.setLevel(logging.DEBUG)
log
log.debug("app debug shown through root handler")
log.setLevel("ERROR")
log.warning("hidden at ERROR")
log.error("shown at ERROR")
log.setLevel(logging.NOTSET)
child = logging.getLogger("app.db.conn")
child.parent is log, child.name
mid = logging.getLogger("app.db")
child.parent is mid, mid.parent is log
log.getChild("db") is mid
log.getChild("x.y").name
child.getEffectiveLevel()
mid.setLevel(logging.DEBUG)
child.getEffectiveLevel(), child.isEnabledFor(logging.DEBUG), log.isEnabledFor(logging.DEBUG)
child.debug("child debug propagates to root handler")
out = io.StringIO()
h = logging.StreamHandler(out)
h.setFormatter(logging.Formatter("%(name)s|%(levelname)s|%(message)s"))
mid.addHandler(h)
child.info("to both")
out.getvalue()
mid.propagate = False
child.warning("only mid handler")
out.getvalue().splitlines()[-1]
mid.hasHandlers(), child.hasHandlers(), logging.getLogger("other").hasHandlers()
mid.removeHandler(h)
mid.handlers
mid.hasHandlers()
child.error("no handlers anywhere: last resort")
mid.propagate = True
sh = logging.StreamHandler(sys.stdout)
sh
logging.StreamHandler()
repr(logging.StreamHandler(io.StringIO()))
sh.level, sh.formatter
sh.setLevel(logging.ERROR)
sh
app2 = logging.getLogger("app2")
app2.propagate = False
app2.addHandler(sh)
app2.addHandler(sh)
len(app2.handlers)
app2.warning("below handler level")
app2.error("handler default format")
sh.setFormatter(logging.Formatter("%(levelno)d %(levelname)s %(name)s: %(message)s"))
app2.critical("formatted %s", "critical")
sh.setLevel(logging.NOTSET)
app2.setLevel(logging.DEBUG)
sh.setFormatter(logging.Formatter("%(funcName)s:%(lineno)d %(message)s"))
app2.info("from module level")
def helper_function():
    app2.info("from a function")
helper_function()
class Worker:
    def run(self):
        app2.debug("from a method")
Worker().run()
sh.setFormatter(logging.Formatter("{levelname:>8}|{name}|{message}", style="{"))
app2.info("brace formatter")
sh.setFormatter(logging.Formatter("${levelname}/$name/${message}", style="$"))
app2.info("dollar formatter")
sh.setFormatter(logging.Formatter())
app2.info("default formatter")
sh.setFormatter(logging.Formatter("%(message)s [%(custom)s]"))
app2.info("extra field", extra={"custom": "X"})
app2.info("extra overwrite", extra={"message": "bad"})
app2.info("extra overwrite name", extra={"name": "bad"})
sh.setFormatter(logging.Formatter("%(message)s %(missing)s"))
sh.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%Y"))
sh.formatter.usesTime(), logging.Formatter("%(message)s").usesTime()
logging.Formatter("%(message)s", style="!")
logging.Formatter("no fields here")
logging.Formatter("{nofields", style="{")
logging.Formatter("plain", style="{")
logging.Formatter("$plain", style="$").datefmt
logging.Formatter("plain", validate=False)._fmt
f = logging.Formatter("%(levelname)s:%(message)s")
rec = logging.makeLogRecord({"msg": "hello %s", "args": ("world",), "levelname": "INFO", "levelno": 20})
rec.getMessage()
f.format(rec)
rec.message
r2 = logging.LogRecord("n", logging.WARNING, "/tmp/some/file.py", 42, "msg %d", (7,), None)
r2.name, r2.levelno, r2.levelname, r2.lineno, r2.getMessage(), r2.filename, r2.module, r2.pathname
r2
f.format(r2)
type(r2.created).__name__, type(r2.msecs).__name__, r2.exc_info, r2.funcName
r3 = logging.LogRecord("n", 20, "p", 1, "%(k)s!", ({"k": "v"},), None)
r3.getMessage(), r3.args
ft = logging.Formatter("%(asctime)s|%(message)s")
s = ft.format(r2)
len(s.split("|")[0]), s.split("|")[1]
import time
ft.formatTime(r2, "%Y") == time.strftime("%Y", time.localtime(r2.created))
class Upper(logging.Filter):
    def filter(self, record):
        record.msg = record.msg.upper()
        return True
flt = logging.getLogger("flt")
flt.propagate = False
fh = logging.StreamHandler(sys.stdout)
fh.setFormatter(logging.Formatter("%(name)s %(message)s"))
flt.addHandler(fh)
flt.addFilter(Upper())
flt.warning("shouted")
flt.filters = []
fh.addFilter(lambda record: "secret" not in record.getMessage())
flt.warning("public")
flt.warning("secret stuff")
fh.filters = []
fh.addFilter(logging.Filter("flt.sub"))
flt.warning("name filter blocks parent")
logging.getLogger("flt.sub").warning("sub passes")
logging.getLogger("flt.sub.deep").warning("deeper passes")
logging.getLogger("flt.subway").warning("prefix alone does not pass")
fh.filters = []
class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []
    def emit(self, record):
        self.records.append(self.format(record))
lh = ListHandler()
lh
cap = logging.getLogger("cap")
cap.propagate = False
cap.addHandler(lh)
cap.setLevel(logging.DEBUG)
for i in range(3):
    cap.debug("item %d", i)
lh.records
lh.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
cap.info("formatted by subclass")
lh.records[-1]
class Bare(logging.Handler):
    pass
bare_logger = logging.getLogger("bare")
bare_logger.propagate = False
bare_logger.addHandler(Bare())
bare_logger.warning("no emit")
try:
    1 / 0
except ZeroDivisionError:
    cap.exception("caught it")
lh.records[-1].splitlines()[0], lh.records[-1].splitlines()[-1]
lh.records[-1].splitlines()[1]
try:
    {}["k"]
except KeyError as e:
    cap.error("with exc_info", exc_info=e)
lh.records[-1].splitlines()[-1]
cap.error("exc_info true outside handler", exc_info=True)
lh.records[-1]
cap.info("stack level test", stacklevel=1)
lh.records[-1]
cap.log(logging.INFO, "log %s", "method")
lh.records[-1]
cap.log(5, "custom low level")
lh.records[-1]
logging.addLevelName(5, "TRACE")
cap.log(5, "named low level")
lh.records[-1]
logging.getLevelName(5), logging.getLevelName("TRACE")
cap.log(3.5, "float level")
cap.fatal("fatal alias")
lh.records[-1]
logging.disable(logging.INFO)
cap.info("disabled")
cap.warning("above disable level")
lh.records[-1]
logging.disable(logging.NOTSET)
cap.info("enabled again")
lh.records[-1]
cap.disabled = True
cap.critical("logger disabled")
lh.records[-1]
cap.disabled = False
cap.setLevel(99)
cap.setLevel("NOT_A_LEVEL")
cap.setLevel([1])
cap.setLevel(True)
cap.level
adapter = logging.LoggerAdapter(cap, {"user": "ann"})
adapter
cap.setLevel(logging.DEBUG)
lh.setFormatter(logging.Formatter("%(user)s: %(message)s"))
adapter.info("adapted %d", 1)
lh.records[-1]
adapter.isEnabledFor(logging.DEBUG), adapter.name
logging.getLogger(5)
logging.getLogger("a.b").name, logging.getLogger("a").name
logging.getLogger("a.b").parent.name
isinstance(logging.getLogger("z"), logging.Logger), type(logging.root).__name__
logging.getLoggerClass() is logging.Logger
issubclass(logging.StreamHandler, logging.Handler), issubclass(logging.FileHandler, logging.StreamHandler)
logging.NullHandler()
nl = logging.getLogger("nulled")
nl.addHandler(logging.NullHandler())
nl.error("swallowed by NullHandler")
import os
path = os.path.join("/tmp", "tensh_logging_test_%d.log" % os.getpid())
if os.path.exists(path):
    os.remove(path)
fhandler = logging.FileHandler(path, mode="w")
fhandler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
fl = logging.getLogger("file")
fl.propagate = False
fl.addHandler(fhandler)
fl.warning("line one")
fl.error("line %d", 2)
fhandler.close()
open(path).read()
fhandler.baseFilename == path, fhandler.mode
repr(fhandler) == "<FileHandler %s (NOTSET)>" % path
logging.basicConfig(filename=path, filemode="w", format="%(message)s", force=True)
logging.warning("via basicConfig file")
root.handlers[0].close()
open(path).read()
type(root.handlers[0]).__name__
os.remove(path)
logging.basicConfig(stream=sys.stdout, format="%(levelname)s:%(name)s:%(message)s", force=True)
logging.warning("final %s", "message")
class BadRepr:
    def __str__(self):
        raise ValueError("no str")
err_buf = io.StringIO()
sys.stderr = err_buf
logging.warning(BadRepr())
logging.warning("%d", "not a number")
sys.stderr = sys.stdout
"--- Logging error ---" in err_buf.getvalue()
err_buf.getvalue().splitlines()[-1]
print("done")
