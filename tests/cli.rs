//! The `tensh` command: run modes, exit statuses, the order of stdout and stderr, error
//! reports, `--keep-going`, `-c`, `--seed` and color control.

mod support;

use std::process::Command;
use support::{bin, run};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn script(name: &str, body: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("tensh-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, body).expect("write script");
    p
}

#[test]
fn runs_a_file_with_interactive_echo_rules() {
    let p = script("echo.py", "import tensorflow as tf\nx = 2\nx * 3\nNone\nprint('hi')\nfor i in range(2):\n    i\ndef f():\n    5\nf()\n");
    let out = Command::new(bin()).arg(&p).output().expect("run");
    assert_eq!(text(&out.stdout), "6\nhi\n0\n1\n");
    assert!(out.stderr.is_empty());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn piped_stdin_and_dash_run_the_program() {
    let out = run(&[], "print(1 + 1)\n[1, 2]\n");
    assert_eq!(text(&out.stdout), "2\n[1, 2]\n");
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["-"], "'dash'\n");
    assert_eq!(text(&out.stdout), "'dash'\n");
}

#[test]
fn dash_c_runs_code() {
    let out = run(&["-c", "import tensorflow as tf\ntf.constant([1, 2])"], "");
    assert_eq!(
        text(&out.stdout),
        "<tf.Tensor: shape=(2,), dtype=int32, numpy=array([1, 2], dtype=int32)>\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn first_error_stops_the_run_with_status_1() {
    let p = script(
        "stop.py",
        "print('before')\nundefined_thing\nprint('after')\n",
    );
    let out = Command::new(bin())
        .arg(&p)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(text(&out.stdout), "before\n");
    // python3 3.11 prints this traceback (the carets are left out: they would cover the
    // whole line).
    assert_eq!(
        text(&out.stderr),
        format!(
            "Traceback (most recent call last):\n  File \"{}\", line 2, in <module>\n    undefined_thing\nNameError: name 'undefined_thing' is not defined\n",
            p.display()
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn keep_going_reports_each_error_and_fails_at_the_end() {
    let p = script("keep.py", "1/0\nprint('next')\n[].pop()\nprint('last')\n");
    let out = Command::new(bin())
        .arg("--keep-going")
        .arg(&p)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert_eq!(text(&out.stdout), "next\nlast\n");
    let err = text(&out.stderr);
    assert!(
        err.contains("ZeroDivisionError: division by zero"),
        "{}",
        err
    );
    assert!(err.contains("IndexError: pop from empty list"), "{}", err);
    assert_eq!(out.status.code(), Some(1));
    let out = Command::new(bin())
        .arg("-k")
        .arg(script("ok.py", "1\n"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn stdout_and_stderr_keep_their_order_when_merged() {
    let p = script(
        "order.py",
        "print('one')\nx\nprint('two')\ny\nprint('three')\n",
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' -k '{}' 2>&1", bin(), p.display()))
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    let merged = text(&out.stdout);
    let order: Vec<&str> = merged
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("Traceback"))
        .collect();
    assert_eq!(
        order,
        vec![
            "one",
            "NameError: name 'x' is not defined",
            "two",
            "NameError: name 'y' is not defined",
            "three"
        ]
    );
}

#[test]
fn syntax_errors_report_position_and_status_1() {
    let p = script("syntax.py", "print('never runs')\nx = (1,\n     2\n");
    let out = Command::new(bin())
        .arg(&p)
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(
        out.stdout.is_empty(),
        "a file that does not parse runs nothing"
    );
    // As python3 3.11 prints it.
    assert_eq!(
        text(&out.stderr),
        format!(
            "  File \"{}\", line 2\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n",
            p.display()
        )
    );
    assert_eq!(out.status.code(), Some(1));
}

/// A block header with no body at the end of a file: python3 3.11 quotes the file's last
/// line (the header itself, or the blank line after it) and draws no caret.
#[test]
fn a_missing_block_at_the_end_is_placed_as_python_places_it() {
    for (name, src, line, quoted, header) in [
        (
            "eof1.py",
            "def f():\n",
            1,
            "def f():",
            "function definition on line 1",
        ),
        (
            "eof2.py",
            "def f():\n\n",
            2,
            "",
            "function definition on line 1",
        ),
        (
            "eof3.py",
            "x = 1\nfor i in x:\n  \n",
            3,
            "",
            "'for' statement on line 2",
        ),
        (
            "eof4.py",
            "if 1:\n    x=1\nelse:",
            3,
            "else:",
            "'else' statement on line 3",
        ),
    ] {
        let p = script(name, src);
        let out = Command::new(bin())
            .arg(&p)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        assert_eq!(
            text(&out.stderr),
            format!(
                "  File \"{}\", line {}\n    {}\nIndentationError: expected an indented block after {}\n",
                p.display(),
                line,
                quoted,
                header
            ),
            "{}",
            name
        );
    }
}

#[test]
fn bad_usage_is_status_2() {
    let out = Command::new(bin())
        .arg("--no-such-flag")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(bin())
        .arg("/nonexistent/file.py")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("can't open file"));
}

#[test]
fn seed_makes_random_draws_reproducible() {
    let code = "import tensorflow as tf\nprint(tf.random.normal([3]).numpy(), tf.random.uniform([2], maxval=10, dtype=tf.int32).numpy())";
    let a = run(&["--seed", "7", "-c", code], "");
    let b = run(&["--seed", "7", "-c", code], "");
    let c = run(&["--seed", "8", "-c", code], "");
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
    let set = "import tensorflow as tf\ntf.random.set_seed(3)\na = tf.random.normal([4])\ntf.random.set_seed(3)\nb = tf.random.normal([4])\nprint(bool(tf.reduce_all(a == b)))";
    assert_eq!(text(&run(&["-c", set], "").stdout), "True\n");
}

#[test]
fn color_only_when_asked() {
    let out = run(&["-c", "nope"], "");
    assert!(
        !text(&out.stderr).contains('\u{1b}'),
        "NO_COLOR and a pipe: plain text"
    );
    let out = Command::new(bin())
        .args(["--color", "always", "-c", "nope"])
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).contains('\u{1b}'),
        "--color always colors the error"
    );
    let out = Command::new(bin())
        .args(["--color", "always", "-c", "nope"])
        .env("NO_COLOR", "1")
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).contains('\u{1b}'),
        "an explicit --color always wins over NO_COLOR"
    );
    let out = Command::new(bin())
        .args(["-c", "nope"])
        .env("CLICOLOR_FORCE", "1")
        .env_remove("NO_COLOR")
        .output()
        .expect("run");
    assert!(
        text(&out.stderr).contains('\u{1b}'),
        "CLICOLOR_FORCE colors a pipe"
    );
}

#[test]
fn assignment_that_fails_leaves_the_target_unchanged() {
    let out = run(&["-k", "-c", "x = 1\nx = 1 / 0\nprint(x)"], "");
    assert_eq!(text(&out.stdout), "1\n");
}

#[test]
fn hostile_statements_give_errors_not_panics() {
    // Each line must fail with a Python/TensorFlow error; none may crash or reach the
    // last-resort InternalError. (scatter_nd with scalar indices once underflowed.)
    let lines = [
        "tf.scatter_nd(3.0, [1.0], [2])",
        "tf.scatter_nd([[0, 0, 0]], [1.0], [2])",
        "tf.range(0, 10**18)",
        "tf.zeros([10**6, 10**6])",
        "tf.eye(-1)",
        "tf.reshape(tf.range(6), [-1, -1])",
        "tf.gather(tf.zeros([0]), [0])",
        "tf.constant(1)[0]",
        "tf.tile(tf.range(3), [-1])",
        "tf.split(tf.range(4), 0)",
        "tf.math.top_k(tf.zeros([3]), 5)",
        "tf.transpose(tf.zeros([2, 3]), [0, 0])",
        "tf.pad(tf.zeros([2]), [[-1, 0]])",
        "x = [1]; x[5]",
        "'%d' % 'a'",
        "int('z')",
        "def f(): return f()\nf()",
        "x = ((((((((((((((((((((1",
    ];
    for code in lines {
        let full = format!("import tensorflow as tf\n{}", code);
        let out = run(&["-c", &full], "");
        let err = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{} should fail cleanly: {}",
            code,
            err
        );
        assert!(err.contains("Error"), "{}: {}", code, err);
        assert!(
            !err.contains("InternalError") && !err.contains("panicked"),
            "{}: {}",
            code,
            err
        );
    }
}

/// Waits at most `secs` seconds for `child`; a hang kills it and fails the test.
fn wait_within(child: &mut std::process::Child, secs: u64) -> std::process::ExitStatus {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(status) = child.try_wait().expect("wait tensh") {
            return status;
        }
        if std::time::Instant::now() > end {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tensh did not end within {} s", secs);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn stderr_of(child: &mut std::process::Child) -> String {
    let mut err = String::new();
    if let Some(mut e) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut e, &mut err);
    }
    err
}

#[test]
fn a_closed_stdout_ends_the_run_with_status_1() {
    // `python3 -c 'while True: print(1)' | head -1` exits 1 (BrokenPipeError); tensh ends
    // the same way without the traceback noise.
    use std::process::Stdio;
    let mut child = Command::new(bin())
        .args(["-c", "while True: print(1)"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn tensh");
    let mut out = child.stdout.take().expect("stdout");
    let mut first = [0u8; 2];
    std::io::Read::read_exact(&mut out, &mut first).expect("first line");
    assert_eq!(&first, b"1\n");
    drop(out);
    let status = wait_within(&mut child, 60);
    assert_eq!(stderr_of(&mut child), "");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_full_disk_on_stdout_is_an_error_with_status_1() {
    // `python3 -c 'print(1)' > /dev/full`: OSError: [Errno 28] No space left on device, 1.
    use std::process::Stdio;
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    for code in ["print(1)", "1 + 1", "for i in range(10**9): print(i)"] {
        let mut child = Command::new(bin())
            .args(["-c", code])
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(full.try_clone().expect("dup /dev/full"))
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn tensh");
        let status = wait_within(&mut child, 60);
        assert_eq!(
            stderr_of(&mut child),
            "OSError: [Errno 28] No space left on device\n",
            "{}",
            code
        );
        assert_eq!(status.code(), Some(1), "{}", code);
    }
}

#[test]
fn an_endless_stdin_of_nul_bytes_fails_at_once() {
    // `tensh < /dev/zero`: Python's error for the first NUL, without reading on for ever.
    use std::process::Stdio;
    let Ok(zero) = std::fs::File::open("/dev/zero") else {
        return;
    };
    for args in [vec![], vec!["-"], vec!["/dev/zero"]] {
        let mut child = Command::new(bin())
            .args(&args)
            .env("NO_COLOR", "1")
            .stdin(zero.try_clone().expect("dup /dev/zero"))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn tensh");
        let status = wait_within(&mut child, 60);
        let err = stderr_of(&mut child);
        // Python puts the location first and the error last.
        assert!(
            err.ends_with("\nSyntaxError: source code cannot contain null bytes\n"),
            "{:?}: {}",
            args,
            err
        );
        assert_eq!(status.code(), Some(1), "{:?}", args);
    }
}

#[test]
fn tracebacks_are_laid_out_as_python_prints_them() {
    // Each script's stderr as python3 3.11 printed it, with its path as {p}: a frame per
    // call, the source line, and carets under the failing expression (`~~^~~` for an
    // operator or a subscript) unless they would cover the whole line.
    let cases = [
        (
            "nested_calls.py",
            "def g(x):\n    return x / 0\n\ndef f(a):\n    y = 1\n    return g(a) + y\n\nprint(\"start\")\nf(3)\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 9, in <module>\n    f(3)\n  File \"{p}\", line 6, in f\n    return g(a) + y\n           ^^^^\n  File \"{p}\", line 2, in g\n    return x / 0\n           ~~^~~\nZeroDivisionError: division by zero\n",
        ),
        (
            "subscript.py",
            "d = {}\nv = d['k'] + 1\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 2, in <module>\n    v = d['k'] + 1\n        ~^^^^^\nKeyError: 'k'\n",
        ),
        (
            "parenthesized_operand.py",
            "def f(a, b):\n    return (a) + b\nf(1, \"a\")\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 3, in <module>\n    f(1, \"a\")\n  File \"{p}\", line 2, in f\n    return (a) + b\n           ~~~~^~~\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n",
        ),
        (
            "method.py",
            "class A:\n    def m(self):\n        raise ValueError(\"bad\")\nA().m()\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 4, in <module>\n    A().m()\n  File \"{p}\", line 3, in m\n    raise ValueError(\"bad\")\nValueError: bad\n",
        ),
        (
            "listcomp.py",
            "r = [int(\"z\" * i) for i in range(3)]\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 1, in <module>\n    r = [int(\"z\" * i) for i in range(3)]\n        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n  File \"{p}\", line 1, in <listcomp>\n    r = [int(\"z\" * i) for i in range(3)]\n         ^^^^^^^^^^^^\nValueError: invalid literal for int() with base 10: ''\n",
        ),
        (
            "lambda.py",
            "f = lambda x: x / 0\nf(1)\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 2, in <module>\n    f(1)\n  File \"{p}\", line 1, in <lambda>\n    f = lambda x: x / 0\n                  ~~^~~\nZeroDivisionError: division by zero\n",
        ),
        (
            "assert.py",
            "assert 1 == 2, \"msg\"\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 1, in <module>\n    assert 1 == 2, \"msg\"\n           ^^^^^^\nAssertionError: msg\n",
        ),
        (
            "unpack.py",
            "a, b = [1, 2, 3]\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 1, in <module>\n    a, b = [1, 2, 3]\n    ^^^^\nValueError: too many values to unpack (expected 2)\n",
        ),
        (
            "multiline.py",
            "x = 1\ny = x + \\\n  \"s\" + \"t\"\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 2, in <module>\n    y = x + \\\n        ^^^^^\nTypeError: unsupported operand type(s) for +: 'int' and 'str'\n",
        ),
        (
            "recursion.py",
            "def f(n):\n    return f(n + 1)\nf(0)\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 3, in <module>\n    f(0)\n  File \"{p}\", line 2, in f\n    return f(n + 1)\n           ^^^^^^^^\n  File \"{p}\", line 2, in f\n    return f(n + 1)\n           ^^^^^^^^\n  File \"{p}\", line 2, in f\n    return f(n + 1)\n           ^^^^^^^^\n  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n",
        ),
        (
            "indented_attr.py",
            "def f(a, b):\n    return a.x(b) // b\nf(1, \"a\")\n",
            "Traceback (most recent call last):\n  File \"{p}\", line 3, in <module>\n    f(1, \"a\")\n  File \"{p}\", line 2, in f\n    return a.x(b) // b\n           ^^^\nAttributeError: 'int' object has no attribute 'x'\n",
        ),

    ];
    let mut failures = Vec::new();
    for (name, body, want) in cases {
        let p = script(name, body);
        let out = Command::new(bin())
            .arg(&p)
            .env("NO_COLOR", "1")
            .output()
            .expect("run");
        let want = want.replace("{p}", &p.display().to_string());
        let got = text(&out.stderr);
        if got != want || out.status.code() != Some(1) {
            failures.push(format!(
                "{}: status {:?}\n--- expected\n{}--- got\n{}",
                name,
                out.status.code(),
                want,
                got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn system_exit_ends_the_run_with_pythons_status() {
    // (code, stdout, stderr, status) as `python3 -c CODE` gives them.
    let cases = [
        ("exit()", "", "", 0),
        ("quit()", "", "", 0),
        ("exit(3)", "", "", 3),
        ("exit(\"bye\")", "", "bye\n", 1),
        ("raise SystemExit", "", "", 0),
        ("raise SystemExit(5)", "", "", 5),
        ("raise SystemExit(\"m\")", "", "m\n", 1),
        ("raise SystemExit(1, 2)", "", "(1, 2)\n", 1),
        ("raise SystemExit(256)", "", "", 0),
        ("raise SystemExit(-1)", "", "", 255),
        ("exit(True)", "", "", 1),
        ("exit(2.5)", "", "2.5\n", 1),
        ("exit(code=3)", "", "", 3),
        ("exit(None)", "", "", 0),
        ("print(exit)\nprint(repr(quit))\nprint(type(exit).__name__)", "Use exit() or Ctrl-D (i.e. EOF) to exit\nUse quit() or Ctrl-D (i.e. EOF) to exit\nQuitter\n", "", 0),
        ("try:\n    exit(4)\nexcept Exception:\n    print(\"no\")\nexcept SystemExit as e:\n    print(\"caught\", e.code, e.args, repr(e))", "caught 4 (4,) SystemExit(4)\n", "", 0),
        ("try:\n    raise SystemExit\nexcept BaseException as e:\n    print(\"caught\", repr(e.code), e.args)", "caught None ()\n", "", 0),
        ("def f():\n    exit(7)\nprint(\"a\")\nf()\nprint(\"b\")", "a\n", "", 7),
        ("try:\n    exit(3)\nfinally:\n    print(\"fin\")", "fin\n", "", 3),
        ("class E(SystemExit):\n    pass\nraise E(9)", "", "", 9),

    ];
    let mut failures = Vec::new();
    for (code, stdout, stderr, status) in cases {
        for keep_going in [false, true] {
            let mut args = vec!["-c", code];
            if keep_going {
                args.insert(0, "-k");
            }
            let out = run(&args, "");
            let got = (text(&out.stdout), text(&out.stderr), out.status.code());
            if got != (stdout.to_string(), stderr.to_string(), Some(status)) {
                failures.push(format!("{:?} (-k {}): {:?}", code, keep_going, got));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn system_exit_stops_keep_going_and_later_files() {
    let a = script("exit_a.py", "print('a')\nexit(4)\nprint('not reached')\n");
    let b = script("exit_b.py", "print('b')\n");
    let out = Command::new(bin())
        .arg("-k")
        .arg(&a)
        .arg(&b)
        .output()
        .expect("run");
    assert_eq!(text(&out.stdout), "a\n");
    assert_eq!(out.status.code(), Some(4));
}

/// A training script reading its options with argparse, as `tensh train.py ARGS` runs it.
const ARGPARSE_SCRIPT: &str = r#"import argparse
import sys
parser = argparse.ArgumentParser(description="Train a small model on a dataset given on the command line, reporting the loss after every epoch.")
_ = parser.add_argument("data", help="the dataset file")
_ = parser.add_argument("-e", "--epochs", type=int, default=1, help="training epochs (default: %(default)s)")
_ = parser.add_argument("--lr", type=float, default=0.1, help="learning rate")
_ = parser.add_argument("--optimizer", choices=["sgd", "adam"], default="sgd")
_ = parser.add_argument("-v", "--verbose", action="count", default=0)
_ = parser.add_argument("--version", action="version", version="%(prog)s 2.0")
args = parser.parse_args()
print(args)
print(sys.argv[1:])
print(args.epochs * 2, type(args.lr).__name__)
"#;

/// Runs the argparse script as `train.py` with `args` and `COLUMNS` set (each test in a
/// directory of its own, `tag`, as tests run in parallel).
fn run_train(
    tag: &str,
    program: &str,
    args: &[&str],
    columns: &str,
) -> (String, String, Option<i32>) {
    let dir = std::env::temp_dir().join(format!("tensh-cli-{}-{}", std::process::id(), tag));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join("train.py");
    if !p.exists() {
        std::fs::write(&p, ARGPARSE_SCRIPT).expect("write script");
    }
    let out = Command::new(program)
        .arg(&p)
        .args(args)
        .env("COLUMNS", columns)
        .output()
        .expect("run");
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

#[test]
fn argparse_reads_the_scripts_arguments() {
    // Expected output from `python3 train.py ...` (CPython 3.11).
    let got = run_train("reads", bin(), &["d.csv", "--epochs", "3"], "80");
    assert_eq!(
        got,
        (
            "Namespace(data='d.csv', epochs=3, lr=0.1, optimizer='sgd', verbose=0)\n['d.csv', '--epochs', '3']\n6 float\n".into(),
            String::new(),
            Some(0)
        )
    );
    let got = run_train(
        "reads",
        bin(),
        &[
            "d.csv",
            "-e",
            "2",
            "--lr",
            "0.5",
            "-vv",
            "--optimizer",
            "adam",
        ],
        "80",
    );
    assert_eq!(
        got.0.lines().next(),
        Some("Namespace(data='d.csv', epochs=2, lr=0.5, optimizer='adam', verbose=2)")
    );
    assert_eq!(got.2, Some(0));
}

#[test]
fn argparse_help_and_version_exit_0() {
    let help = "usage: train.py [-h] [-e EPOCHS] [--lr LR] [--optimizer {sgd,adam}] [-v]\n                [--version]\n                data\n\nTrain a small model on a dataset given on the command line, reporting the loss\nafter every epoch.\n\npositional arguments:\n  data                  the dataset file\n\noptions:\n  -h, --help            show this help message and exit\n  -e EPOCHS, --epochs EPOCHS\n                        training epochs (default: 1)\n  --lr LR               learning rate\n  --optimizer {sgd,adam}\n  -v, --verbose\n  --version             show program's version number and exit\n";
    assert_eq!(
        run_train("help", bin(), &["--help"], "80"),
        (help.into(), String::new(), Some(0))
    );
    let narrow = "usage: train.py [-h] [-e EPOCHS] [--lr LR]\n                [--optimizer {sgd,adam}] [-v] [--version]\n                data\n\nTrain a small model on a dataset given on the command\nline, reporting the loss after every epoch.\n\npositional arguments:\n  data                  the dataset file\n\noptions:\n  -h, --help            show this help message and exit\n  -e EPOCHS, --epochs EPOCHS\n                        training epochs (default: 1)\n  --lr LR               learning rate\n  --optimizer {sgd,adam}\n  -v, --verbose\n  --version             show program's version number and\n                        exit\n";
    assert_eq!(
        run_train("help", bin(), &["-h"], "60"),
        (narrow.into(), String::new(), Some(0))
    );
    assert_eq!(
        run_train("help", bin(), &["--version"], "80"),
        ("train.py 2.0\n".into(), String::new(), Some(0))
    );
}

#[test]
fn argparse_errors_print_usage_to_stderr_and_exit_2() {
    let usage = "usage: train.py [-h] [-e EPOCHS] [--lr LR] [--optimizer {sgd,adam}] [-v]\n                [--version]\n                data\n";
    let cases = [
        (vec!["d.csv", "--epochs", "x"], "train.py: error: argument -e/--epochs: invalid int value: 'x'\n"),
        (vec!["d.csv", "--bogus"], "train.py: error: unrecognized arguments: --bogus\n"),
        (vec![], "train.py: error: the following arguments are required: data\n"),
        (vec!["d.csv", "--optimizer", "rms"], "train.py: error: argument --optimizer: invalid choice: 'rms' (choose from 'sgd', 'adam')\n"),
        (vec!["d.csv", "--lr"], "train.py: error: argument --lr: expected one argument\n"),
    ];
    for (args, msg) in cases {
        let got = run_train("errors", bin(), &args, "80");
        assert_eq!(
            got,
            (String::new(), format!("{}{}", usage, msg), Some(2)),
            "{:?}",
            args
        );
    }
}

#[test]
fn argparse_matches_python3_when_present() {
    let python = match Command::new("python3").arg("--version").output() {
        Ok(o) if o.status.success() && text(&o.stdout).starts_with("Python 3.11") => "python3",
        _ => {
            eprintln!("skipped: python3 3.11 is not installed");
            return;
        }
    };
    let cases: [&[&str]; 8] = [
        &["d.csv", "--epochs", "3"],
        &[
            "d.csv",
            "-e",
            "2",
            "--lr",
            "0.5",
            "-vv",
            "--optimizer",
            "adam",
        ],
        &["--help"],
        &["--version"],
        &["d.csv", "--epochs", "x"],
        &["d.csv", "--bogus"],
        &[],
        &["d.csv", "--optimizer", "rms"],
    ];
    for columns in ["80", "60", "120"] {
        for args in cases {
            let want = run_train("python", python, args, columns);
            let got = run_train("python", bin(), args, columns);
            assert_eq!(got, want, "{:?} at COLUMNS={}", args, columns);
        }
    }
}

/// `fashion_mnist.load_data()` reads Keras's four gzipped IDX files from
/// `~/.keras/datasets/fashion-mnist` (labels after an 8-byte header, images after 16) as
/// uint8 arrays, the images shaped [n, 28, 28].
#[test]
fn fashion_mnist_reads_gzipped_idx_files() {
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;
    let home = std::env::temp_dir().join(format!("tensh-fashion-{}", std::process::id()));
    let dir = home.join(".keras").join("datasets").join("fashion-mnist");
    std::fs::create_dir_all(&dir).expect("cache dir");
    let write = |name: &str, magic: u32, dims: &[u32], body: &[u8]| {
        let mut raw = magic.to_be_bytes().to_vec();
        for d in dims {
            raw.extend(d.to_be_bytes());
        }
        raw.extend(body);
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&raw).expect("gzip");
        std::fs::write(dir.join(name), gz.finish().expect("gzip")).expect("write");
    };
    let train: Vec<u8> = (0..3 * 784).map(|i| (i * 7 % 256) as u8).collect();
    let test: Vec<u8> = (0..2 * 784).map(|i| (i * 3 % 256) as u8).collect();
    write("train-labels-idx1-ubyte.gz", 2049, &[3], &[3, 1, 4]);
    write("train-images-idx3-ubyte.gz", 2051, &[3, 28, 28], &train);
    write("t10k-labels-idx1-ubyte.gz", 2049, &[2], &[9, 2]);
    write("t10k-images-idx3-ubyte.gz", 2051, &[2, 28, 28], &test);
    let p = script(
        "fashion.py",
        "import tensorflow as tf\n(x, y), (xt, yt) = tf.keras.datasets.fashion_mnist.load_data()\nprint(x.shape, x.dtype, y, xt.shape, yt)\nprint(int(x.sum()), int(xt[1, 27, 27]), int(x[2, 0, 5]))\n",
    );
    let out = Command::new(bin())
        .arg(&p)
        .env("HOME", &home)
        .output()
        .expect("run");
    let _ = std::fs::remove_dir_all(&home);
    let sum: u64 = train.iter().map(|&b| b as u64).sum();
    let expected = format!(
        "(3, 28, 28) uint8 [3 1 4] (2, 28, 28) [9 2]\n{} {} {}\n",
        sum,
        test[784 + 27 * 28 + 27],
        train[2 * 784 + 5]
    );
    assert_eq!(text(&out.stdout), expected, "stderr: {}", text(&out.stderr));
}

#[test]
fn info_names_the_cpu_and_the_kernel_paths_it_supports() {
    let out = Command::new(bin()).arg("info").output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    let lines: Vec<&str> = s.lines().collect();
    assert_eq!(lines.len(), 3, "{}", s);
    assert!(lines[0].starts_with("cpu: "));
    // The paths follow what this CPU can do, as the kernels' own dispatch decides.
    #[cfg(target_arch = "x86_64")]
    {
        let gemm = if std::arch::is_x86_feature_detected!("avx512f") {
            "avx512f"
        } else if std::arch::is_x86_feature_detected!("fma") {
            "fma"
        } else {
            "scalar"
        };
        assert!(lines[2].contains(gemm), "{}", lines[2]);
        use std::arch::is_x86_feature_detected as has;
        let v3 = has!("avx2") && has!("fma") && has!("bmi1") && has!("bmi2") && has!("lzcnt");
        let v4 = v3
            && has!("avx512f")
            && has!("avx512bw")
            && has!("avx512cd")
            && has!("avx512dq")
            && has!("avx512vl");
        let widest = if v4 {
            "x86-64-v4"
        } else if v3 {
            "x86-64-v3"
        } else {
            "scalar"
        };
        assert!(lines[1].contains(widest), "{}", lines[1]);
        // A narrower width on request, never a wider one than the CPU runs.
        let at = |width: &str| {
            let out = Command::new(bin())
                .arg("info")
                .env("TENSH_SIMD", width)
                .output()
                .expect("run");
            text(&out.stdout).lines().nth(1).unwrap_or("").to_string()
        };
        let avx2 = at("avx2");
        assert!(
            avx2.contains(if v3 { "x86-64-v3" } else { "scalar" }),
            "{}",
            avx2
        );
        assert!(at("scalar").contains("scalar"), "{}", at("scalar"));
    }
}
