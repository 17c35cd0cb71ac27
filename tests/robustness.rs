//! Robustness: nothing a user types may crash tensh. Seeded random programs nest TF calls
//! with ill-fitting arguments (wrong ranks, empty tensors, None, strings, dtypes, shapes);
//! every statement must end in a value or a Python-style error, never in a panic (which the
//! evaluator reports as `InternalError`) or a crash of the process.

mod support;

/// The API sweep: every tf./np. function against ill-fitting argument values.
#[path = "api_sweep/sweep.rs"]
mod api_sweep;

/// The memory budget's reproducers and peak-memory checks.
#[path = "budget/budget.rs"]
mod budget;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const ATOMS: &[&str] = &[
    "tf.constant([1, 2, 3])",
    "tf.zeros([2, 0])",
    "tf.ones([3, 1])",
    "x",
    "1",
    "-1",
    "0",
    "2.5",
    "None",
    "[]",
    "()",
    "'s'",
    "[[1], [2]]",
    "tf.range(5)",
    "tf.eye(3)",
    "True",
    "tf.constant(3.0)",
    "tf.random.normal([2, 2])",
    "tf.Variable([1.0])",
    "{}",
    "tf.constant([])",
    "tf.float32",
    "tf.TensorShape([None, 2])",
];

/// Call templates; each `@` is filled with a random sub-expression.
const CALLS: &[&str] = &[
    "tf.reshape(@, @)",
    "tf.reduce_sum(@, @)",
    "tf.gather(@, @)",
    "tf.concat([@, @], 0)",
    "tf.transpose(@, @)",
    "@[@]",
    "@ + @",
    "@ @ @",
    "tf.split(@, @)",
    "tf.tile(@, @)",
    "tf.pad(@, @)",
    "tf.one_hot(@, @)",
    "tf.argmax(@, @)",
    "tf.squeeze(@, @)",
    "tf.expand_dims(@, @)",
    "tf.math.top_k(@, @)",
    "tf.boolean_mask(@, @)",
    "tf.where(@, @, @)",
    "tf.nn.softmax(@, @)",
    "tf.cast(@, @)",
    "tf.broadcast_to(@, @)",
    "tf.linspace(@, @, 3)",
    "tf.keras.layers.Dense(@)(@)",
    "tf.keras.losses.mse(@, @)",
    "len(@)",
    "@[@:@]",
    "tf.unstack(@, @)",
    "tf.sort(@, @)",
    "tf.stack([@, @])",
    "tf.scatter_nd(@, @, @)",
    "'{}'.format(@)",
    "f'{@:.2f}'",
    "sorted(@)",
    "tf.math.cumsum(@, @)",
    "tf.norm(@, @)",
    "tf.clip_by_value(@, @, @)",
];

fn expr(rng: &mut StdRng, depth: usize) -> String {
    if depth > 2 || rng.random::<f64>() < 0.3 {
        return ATOMS.choose(rng).unwrap_or(&"0").to_string();
    }
    let template = CALLS.choose(rng).unwrap_or(&"@");
    let mut out = String::new();
    for (i, part) in template.split('@').enumerate() {
        if i > 0 {
            out.push_str(&expr(rng, depth + 1));
        }
        out.push_str(part);
    }
    out
}

#[test]
fn random_programs_end_in_values_or_python_errors() {
    let mut rng = StdRng::seed_from_u64(0x7e45);
    for batch in 0..20 {
        let mut prog =
            String::from("import tensorflow as tf\nx = tf.constant([[1.0, 2.0], [3.0, 4.0]])\n");
        for _ in 0..50 {
            prog.push_str(&expr(&mut rng, 0));
            prog.push('\n');
        }
        let out = support::run(&["-k", "-"], &prog);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)) && !text.contains("InternalError"),
            "batch {batch}: exit {code:?}\n--- program\n{prog}--- output\n{text}"
        );
        // Errors must be Python's: every traceback ends in `Name: message`.
        assert!(
            !text.contains("panicked at"),
            "batch {batch} leaked a panic message:\n{text}"
        );
    }
}

/// Runs `src` (raw bytes) through `tensh -k -` and returns its stdout and stderr lines.
fn lines_of(src: &[u8]) -> Vec<String> {
    let out = support::run(&["-k", "-"], src);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines().map(str::to_string).collect()
}

/// The README's robustness table, row by row: each bad input and the error line Python 3.11
/// or TensorFlow 2.15 prints for it (recorded with python3 and ../shared/reference/tf-oracle).
/// The session must go on: a last statement prints `alive` after the error (-k keeps going).
#[test]
fn every_row_of_the_robustness_table() {
    let tf = "import tensorflow as tf\n";
    let rows: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "invalid UTF-8",
            b"x = 1\ny = \"\xff\"\n".to_vec(),
            "SyntaxError: Non-UTF-8 code starting with '\\xff' in file <stdin> on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
        ),
        (
            "NUL byte",
            b"x = 1\x00\n".to_vec(),
            "SyntaxError: source code cannot contain null bytes",
        ),
        (
            "tabs mixed with spaces",
            b"if True:\n\tx = 1\n        y = 2\n".to_vec(),
            "TabError: inconsistent use of tabs and spaces in indentation",
        ),
        (
            "unterminated string",
            b"x = 1\ns = 'abc\n".to_vec(),
            "SyntaxError: unterminated string literal (detected at line 2)",
        ),
        (
            "unterminated triple-quoted string",
            b"s = '''abc\nx\ny\n".to_vec(),
            "SyntaxError: unterminated triple-quoted string literal (detected at line 3)",
        ),
        (
            "unclosed bracket",
            b"x = [1, 2\n".to_vec(),
            "SyntaxError: '[' was never closed",
        ),
        (
            "EOF inside a block",
            b"for i in range(3):\n".to_vec(),
            "IndentationError: expected an indented block after 'for' statement on line 1",
        ),
        (
            "10,000 nested brackets",
            format!("x = {}{}\n", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
            "SyntaxError: too many nested parentheses",
        ),
        (
            "unbounded recursion",
            b"def f(n):\n    return f(n + 1)\nf(0)\n".to_vec(),
            "RecursionError: maximum recursion depth exceeded",
        ),
        (
            "Python integer division by zero",
            b"7 // 0\n".to_vec(),
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            "float to int overflow",
            b"int(float('inf'))\n".to_vec(),
            "OverflowError: cannot convert float infinity to integer",
        ),
        (
            "NaN to int",
            b"int(float('nan'))\n".to_vec(),
            "ValueError: cannot convert float NaN to integer",
        ),
        (
            "int overflow into int32 (TF wraps)",
            format!("{tf}tf.constant(2**31, dtype=tf.int32)\n").into_bytes(),
            "<tf.Tensor: shape=(), dtype=int32, numpy=-2147483648>",
        ),
        (
            "float out of int32's range",
            format!("{tf}tf.constant(3.7e9, dtype=tf.int32)\n").into_bytes(),
            "TypeError: Cannot convert 3700000000.0 to EagerTensor of dtype int32",
        ),
        (
            "tensor integer division by zero",
            format!("{tf}tf.constant(7) // tf.constant(0)\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__FloorDiv_device_/job:localhost/replica:0/task:0/device:CPU:0}} Integer division by zero [Op:FloorDiv] name:",
        ),
        (
            "shape mismatch",
            format!("{tf}tf.ones([2, 3]) + tf.ones([4])\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__AddV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} Incompatible shapes: [2,3] vs. [4] [Op:AddV2] name:",
        ),
        (
            "dtype mismatch",
            format!("{tf}tf.constant(1) + tf.constant(1.0)\n").into_bytes(),
            "InvalidArgumentError: cannot compute AddV2 as input #1(zero-based) was expected to be a int32 tensor but is a float tensor [Op:AddV2] name:",
        ),
        (
            "index out of range",
            format!("{tf}tf.constant([1, 2, 3])[5]\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__StridedSlice_device_/job:localhost/replica:0/task:0/device:CPU:0}} slice index 5 of dimension 0 out of bounds. [Op:StridedSlice] name: strided_slice/",
        ),
        (
            "gather index out of range",
            format!("{tf}tf.gather(tf.ones([3]), 7)\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__GatherV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} indices = 7 is not in [0, 3) [Op:GatherV2] name:",
        ),
        (
            "NaN and inf through ops",
            format!("{tf}print(tf.math.log(tf.constant([0.0, -1.0])), tf.sqrt(tf.constant([-1.0, float('inf')])))\n").into_bytes(),
            "tf.Tensor([-inf  nan], shape=(2,), dtype=float32) tf.Tensor([nan inf], shape=(2,), dtype=float32)",
        ),
        (
            "a string repeated past the address space",
            b"'ab' * 2**62\n".to_vec(),
            "OverflowError: repeated string is too long",
        ),
        (
            "a NumPy array past the address space",
            b"import numpy as np\nnp.zeros([2**40, 2**40])\n".to_vec(),
            "ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.",
        ),
        (
            "tf.reverse on an axis out of range",
            format!("{tf}tf.reverse(tf.ones([2]), [3])\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__ReverseV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} 'axis'[0] = 3 is out of valid range [0, 0 [Op:ReverseV2]",
        ),
        (
            "tf.reverse on a negative axis out of range",
            format!("{tf}tf.reverse(tf.ones([2, 3]), [-3])\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__ReverseV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} 'axis'[0] = -3 is out of valid range [0, 1 [Op:ReverseV2]",
        ),
        (
            "tf.reverse on an axis twice",
            format!("{tf}tf.reverse(tf.ones([2, 3]), [0, 0])\n").into_bytes(),
            "InvalidArgumentError: {{function_node __wrapped__ReverseV2_device_/job:localhost/replica:0/task:0/device:CPU:0}} axis 0 specified more than once. [Op:ReverseV2]",
        ),
        (
            "tf.reverse of a scalar",
            format!("{tf}tf.reverse(tf.constant(1.0), [0])\n").into_bytes(),
            "<tf.Tensor: shape=(), dtype=float32, numpy=1.0>",
        ),
        (
            // CPython's ints have no size limit.
            "the smallest int // -1",
            b"(-9223372036854775807-1) // -1\n".to_vec(),
            "9223372036854775808",
        ),
        (
            "the smallest int % -1",
            b"(-9223372036854775807-1) % -1\n".to_vec(),
            "0",
        ),
        (
            "the smallest int32 tensor // -1 (TF wraps)",
            format!("{tf}tf.constant(-2**31) // -1\n").into_bytes(),
            "<tf.Tensor: shape=(), dtype=int32, numpy=-2147483648>",
        ),
        (
            "the smallest int64 tensor // -1 (TF wraps)",
            format!("{tf}tf.constant(-2**62 * 2, tf.int64) // -1\n").into_bytes(),
            "<tf.Tensor: shape=(), dtype=int64, numpy=-9223372036854775808>",
        ),
        (
            "the smallest int32 tensor % -1",
            format!("{tf}tf.constant(-2**31) % -1\n").into_bytes(),
            "<tf.Tensor: shape=(), dtype=int32, numpy=0>",
        ),
        (
            "a dict that holds itself",
            b"d = {}\nd[0] = d\nprint(d)\n".to_vec(),
            "{0: {...}}",
        ),
        (
            "two lists that hold themselves, compared",
            b"a = []\na.append(a)\nb = []\nb.append(b)\na == b\n".to_vec(),
            "RecursionError: maximum recursion depth exceeded in comparison",
        ),
        (
            "a list nested 100,000 deep",
            b"x = []\nfor i in range(100000):\n    x = [x]\nprint(x)\n".to_vec(),
            "RecursionError: maximum recursion depth exceeded while getting the repr of an object",
        ),
        (
            "__iter__ returning self without __next__",
            b"class I:\n    def __iter__(self):\n        return self\nfor v in I():\n    pass\n".to_vec(),
            "TypeError: iter() returned non-iterator of type 'I'",
        ),
        (
            "erf and gelu at 0",
            format!("{tf}print(tf.nn.gelu(tf.constant([0., 1., -1.])))\n").into_bytes(),
            "tf.Tensor([ 0.          0.8413447  -0.15865526], shape=(3,), dtype=float32)",
        ),
        (
            // TensorFlow 2.15 aborts the process on both (tensor_shape.cc: Too many
            // dimensions in tensor); tensh raises its message instead.
            "a list that holds itself, as a tensor",
            format!("{tf}a = []\na.append(a)\ntf.constant(a)\n").into_bytes(),
            "InvalidArgumentError: Too many dimensions in tensor",
        ),
    ];
    for (what, mut src, want) in rows {
        // Source that Python refuses as a whole runs nothing, so only check the session
        // survives where the error is raised at run time.
        let whole_file = want.starts_with("SyntaxError")
            || want.starts_with("TabError")
            || want.starts_with("IndentationError");
        if !whole_file {
            src.extend_from_slice(b"print('alive')\n");
        }
        let lines = lines_of(&src);
        assert!(
            lines.iter().any(|l| l == want),
            "{what}: expected the line\n{want}\ngot\n{}",
            lines.join("\n")
        );
        assert!(
            whole_file || lines.iter().any(|l| l == "alive"),
            "{what}: the session did not go on:\n{}",
            lines.join("\n")
        );
    }
}

/// Resource limits: a tensor over the memory budget fails before anything is allocated,
/// with TF 2.15's message (the oracle's, trailing space after `name:` aside).
#[test]
fn a_tensor_too_large_is_resource_exhausted() {
    let lines = lines_of(b"import tensorflow as tf\ntf.zeros([100000, 100000])\nprint('alive')\n");
    assert!(
        lines.iter().any(|l| l
            == "ResourceExhaustedError: {{function_node __wrapped__Fill_device_/job:localhost/replica:0/task:0/device:CPU:0}} OOM when allocating tensor with shape[100000,100000] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by allocator mklcpu [Op:Fill] name:"),
        "{}",
        lines.join("\n")
    );
    assert!(lines.iter().any(|l| l == "alive"), "{}", lines.join("\n"));
}

/// Wrong arity and unknown keywords raise TypeError as in TensorFlow, and the session goes on
/// (the wording, function by function, is checked by `argument_errors_use_tensorflows_wording`).
#[test]
fn wrong_arguments_are_type_errors() {
    for src in ["tf.reshape(tf.ones([2]))", "tf.zeros([2], foo=1)"] {
        let lines =
            lines_of(format!("import tensorflow as tf\n{src}\nprint('alive')\n").as_bytes());
        assert!(
            lines.iter().any(|l| l.starts_with("TypeError: ")),
            "{src}: {}",
            lines.join("\n")
        );
        assert!(lines.iter().any(|l| l == "alive"), "{}", lines.join("\n"));
    }
}

/// Size: a 10 MB line and a 100,000-line script run to the end (Python prints the same).
#[test]
fn a_ten_megabyte_line_and_a_hundred_thousand_line_script_run() {
    let long = format!("s = \"{}\"\nprint(len(s))\n", "a".repeat(10_000_000));
    assert!(lines_of(long.as_bytes()).iter().any(|l| l == "10000000"));
    let mut many = String::new();
    for i in 0..100_000 {
        many.push_str(&format!("x{} = {} * 2\n", i % 100, i));
    }
    many.push_str("print(x99)\n");
    assert!(lines_of(many.as_bytes()).iter().any(|l| l == "199998"));
}

/// Inputs the fuzzers found crashing tensh (tests/fuzz_regressions/, one file each, as
/// libFuzzer saved them): each must now run to its end without an InternalError.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("tests/fuzz_regressions") {
        let path = entry.expect("entry").path();
        let src = std::fs::read(&path).expect("read");
        let out = support::run(&["-k", "-"], &src);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: exit {:?}\n{}",
            path.display(),
            out.status,
            err
        );
        assert!(
            !err.contains("InternalError"),
            "{}:\n{}",
            path.display(),
            err
        );
        n += 1;
    }
    assert!(n > 0);
}

/// Argument errors word as TF 2.15 words them, function by function: the dispatcher's
/// `Missing required positional argument` / `Too many arguments were given. Expected N but
/// got M.` / `Got an unexpected keyword argument 'k'`, or Python's wording under the
/// generated op's name (`neg()`, `floor_mod()`). The probes and TF's answers are the
/// reference case tests/reference/arg_errors.{py,marked}; this compares whole lines (the
/// conformance test compares errors by exception name only).
#[test]
fn argument_errors_use_tensorflows_wording() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference");
    let src = std::fs::read_to_string(dir.join("arg_errors.py")).expect("probes");
    let marked = std::fs::read_to_string(dir.join("arg_errors.marked")).expect("TF's output");
    let (instrumented, _) = support::instrument(&src);
    let n = support::statement_lines(&src).len();
    let tmp = std::env::temp_dir().join(format!("tensh-arg-errors-{}.py", std::process::id()));
    std::fs::write(&tmp, &instrumented).expect("write");
    let got = support::split_marked(&support::run_merged(&tmp), n);
    let _ = std::fs::remove_file(&tmp);
    let expected = support::split_marked(&marked, n);
    let lines: Vec<&str> = src.lines().collect();
    let spans = support::statement_lines(&src);
    let mut wrong = Vec::new();
    for i in 0..n {
        let e = expected[i].as_deref().unwrap_or("");
        let first = |s: &str| s.lines().next().unwrap_or("").trim_end().to_string();
        // A traceback's last line is the error (`Name: message`).
        let error_line = |s: &str| match s.starts_with("Traceback") {
            true => s.lines().last().unwrap_or("").trim_end().to_string(),
            false => first(s),
        };
        let g = got[i].as_deref().map(error_line).unwrap_or_default();
        if first(e) != g {
            wrong.push(format!(
                "{}\n  TF:    {}\n  tensh: {}",
                lines[spans[i].0 - 1],
                first(e),
                g
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        n,
        wrong.join("\n")
    );
}

/// Loops inside native code that call Python code on each step (`x in it` over an endless
/// iterator, `sorted(key=)`, a `while` calling a function) stop when Ctrl-C sets the
/// session's interrupt flag, as the REPL's handler does: the fuzzer found `3 in C()` over
/// an iterator that never ends running on after the flag was set.
#[test]
fn endless_loops_through_user_code_stop_at_ctrl_c() {
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    let programs = [
        "class C:\n    def __iter__(self): return self\n    def __next__(self): return 1\n3 in C()\n",
        "def forever():\n    while True:\n        yield 1\n9 in forever()\n",
        "class C:\n    def __iter__(self): return self\n    def __next__(self): return 1\nany(x > 1 for x in C())\n",
        "def f(x): return -x\nsorted(range(10**8), key=f)\n",
        "import itertools\nmax(itertools.count(), key=lambda v: v)\n",
    ];
    for src in programs {
        let (tx, rx) = std::sync::mpsc::channel();
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let sink = tensh::golden::runner::SharedBuf::default();
            let io = tensh::eval::session::Output {
                out: Box::new(std::io::sink()),
                err: Box::new(sink.clone()),
                color: false,
                tty: false,
            };
            let mut it = tensh::session(io, Some(0));
            tx.send(it.interrupt.clone()).expect("flag");
            let _ = it.run(src, None, true);
            it.flush();
            drop(it);
            let err = String::from_utf8_lossy(&sink.0.borrow()).into_owned();
            let _ = done_tx.send(err);
        });
        let flag = rx.recv().expect("session started");
        std::thread::sleep(Duration::from_millis(300));
        flag.store(true, Ordering::Relaxed);
        let err = done_rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("still running 20 s after Ctrl-C:\n{}", src));
        assert!(err.contains("KeyboardInterrupt"), "{}\n{}", src, err);
    }
}

/// The resident memory of this process, in kB.
fn rss_kb() -> i64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1).map(str::to_string))
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A session's end frees what its Keras objects hold: a compiled model's metric objects
/// keep themselves alive through their `result` closure, and held only by the model they
/// outlived every session that computed a compiled loss (about 75 KB each, found as the
/// fuzzer's RSS creeping to its 2 GB limit). 400 such sessions must not grow this process.
#[test]
fn sessions_free_what_keras_objects_hold() {
    if !std::path::Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc to read this process's memory from");
        return;
    }
    let src = "import tensorflow as tf\nimport numpy as np\n\
               m = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])\n\
               m.compile(optimizer='adam', loss='mse', metrics=['mae'])\n\
               _ = m.train_on_batch(np.ones((8, 3)), np.ones((8, 1)))\n";
    let run = |n: usize| {
        for _ in 0..n {
            let io = tensh::eval::session::Output {
                out: Box::new(std::io::sink()),
                err: Box::new(std::io::sink()),
                color: false,
                tty: false,
            };
            let mut it = tensh::session(io, Some(0));
            let _ = it.run(src, None, true);
            drop(it);
        }
    };
    run(50);
    let before = rss_kb();
    run(400);
    let grown = rss_kb() - before;
    assert!(
        grown < 12_000,
        "400 sessions grew this process by {} kB",
        grown
    );
}
