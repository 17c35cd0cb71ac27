//! Python's standard modules, the parts notebook code uses, each behaving as CPython 3.11's.
//! A module is one file: its functions are `builtin!` declarations under the module's
//! path (`"math.sqrt"`, `"os.path.join"`), and its `install` sets constants and classes.
//! Nothing here touches files or the clock until the program calls a function that does.
//!
//! | file | module |
//! |---|---|
//! | `math.rs` | `math`: mathematical functions |
//! | `random.rs` | `random`: the Mersenne Twister generator, bit-identical to CPython's |
//! | `time.rs` | `time`: clocks, sleep, strftime |
//! | `datetime.rs` | `datetime`: dates, times, timedeltas |
//! | `sys.rs` | `sys`: the interpreter: argv, version, stdout/stderr, exit, maxsize |
//! | `os.rs` | `os`: files, directories, the environment |
//! | `os_path.rs` | `os.path` |
//! | `pathlib.rs` | `pathlib`: `Path` objects |
//! | `path_fs.rs` | the methods of `Path` that touch the file system |
//! | `glob.rs` | `glob`: file name patterns; `fnmatch.fnmatch` |
//! | `shutil.rs` | `shutil`: copying and removing trees |
//! | `json.rs` | `json`: JSON encoding and decoding |
//! | `csv.rs` | `csv`: CSV readers and writers |
//! | `io.rs` | `io` and `open()`: `StringIO`, `BytesIO`, `UnsupportedOperation` |
//! | `textfile.rs` | the text file objects `open()` returns |
//! | `binfile.rs` | the binary file objects `open(..., 'rb')` returns |
//! | `oserror.rs` | OS errors as CPython words them; path arguments |
//! | `copy.rs` | `copy`: `copy` and `deepcopy` |
//! | `frozenset.rs` | the builtin `frozenset` |
//! | `string.rs` | `string`: string constants |
//! | `collections.rs` | `collections`: defaultdict, Counter, namedtuple, OrderedDict, deque |
//! | `itertools.rs` | `itertools`: lazy iterator building blocks |
//! | `functools.rs` | `functools`: partial, reduce, lru_cache, wraps |
//! | `operator.rs` | `operator`: operators as functions |
//! | `re.rs` | `re`: regular expressions |
//! | `pprint.rs` | `pprint`: pretty printing |
//! | `textwrap.rs` | `textwrap`: wrapping and indenting text |
//! | `packing.rs` | `struct`: packing values into bytes and back |
//! | `statistics.rs` | `statistics`: mean, median, stdev, ... |
//! | `typing.rs` | `typing`: type annotation names |
//! | `warnings.rs` | `warnings`: `warnings.warn` and filters |
//! | `logging.rs` | `logging`: basic logging |
//! | `contextlib.rs` | `contextlib`: context manager helpers |
//! | `timeit.rs` | `timeit`: timing small snippets |
//! | `argparse/` | `argparse`: command-line arguments for scripts |
//! | `dataclasses.rs` | `dataclasses`: `@dataclass` |
//! | `pysource.rs` | the modules written in Python (`pysrc/`): loading them; caller frames |

use crate::eval::Interp;

pub(crate) mod argparse;
pub(crate) mod binfile;
pub(crate) mod collections;
pub(crate) mod contextlib;
pub(crate) mod copy;
pub(crate) mod csv;
pub(crate) mod dataclasses;
pub(crate) mod datetime;
pub(crate) mod frozenset;
pub(crate) mod functools;
pub(crate) mod glob;
pub(crate) mod io;
pub(crate) mod itertools;
pub(crate) mod json;
pub(crate) mod logging;
pub(crate) mod math;
pub(crate) mod operator;
pub(crate) mod os;
pub(crate) mod os_path;
pub(crate) mod oserror;
pub(crate) mod packing;
pub(crate) mod path_fs;
pub(crate) mod pathlib;
pub(crate) mod pprint;
pub(crate) mod pyclass;
pub(crate) mod pysource;
pub(crate) mod random;
pub(crate) mod re;
pub(crate) mod shutil;
pub(crate) mod statistics;
pub(crate) mod string;
pub(crate) mod sys;
pub(crate) mod textfile;
pub(crate) mod textwrap;
pub(crate) mod time;
pub(crate) mod timeit;
pub(crate) mod typing;
pub(crate) mod warnings;

/// The module names this layer provides, as `import` finds them.
pub(crate) const ROOTS: &[(&str, &str)] = &[
    ("math", "math"),
    ("random", "random"),
    ("time", "time"),
    ("datetime", "datetime"),
    ("sys", "sys"),
    ("os", "os"),
    ("pathlib", "pathlib"),
    ("glob", "glob"),
    ("fnmatch", "fnmatch"),
    ("shutil", "shutil"),
    ("json", "json"),
    ("csv", "csv"),
    ("io", "io"),
    ("copy", "copy"),
    ("string", "string"),
    ("collections", "collections"),
    ("itertools", "itertools"),
    ("functools", "functools"),
    ("operator", "operator"),
    ("re", "re"),
    ("pprint", "pprint"),
    ("textwrap", "textwrap"),
    ("struct", "struct"),
    ("statistics", "statistics"),
    ("typing", "typing"),
    ("warnings", "warnings"),
    ("logging", "logging"),
    ("contextlib", "contextlib"),
    ("timeit", "timeit"),
    ("argparse", "argparse"),
    ("dataclasses", "dataclasses"),
];

/// Installs every standard module: declared functions at their paths, then each
/// module's constants and classes.
pub(crate) fn install(it: &mut Interp) {
    crate::eval::decl::install(it, ROOTS);
    math::install(it);
    random::install(it);
    time::install(it);
    datetime::install(it);
    sys::install(it);
    os::install(it);
    pathlib::install(it);
    glob::install(it);
    shutil::install(it);
    json::install(it);
    csv::install(it);
    io::install(it);
    copy::install(it);
    string::install(it);
    collections::install(it);
    itertools::install(it);
    functools::install(it);
    operator::install(it);
    re::install(it);
    pprint::install(it);
    textwrap::install(it);
    packing::install(it);
    statistics::install(it);
    typing::install(it);
    warnings::install(it);
    logging::install(it);
    contextlib::install(it);
    timeit::install(it);
    argparse::install(it);
    dataclasses::install(it);
    frozenset::install(it);
}
