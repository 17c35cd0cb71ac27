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
    let err = text(&out.stderr);
    let mut lines = err.lines();
    assert_eq!(
        lines.next(),
        Some("NameError: name 'undefined_thing' is not defined")
    );
    assert_eq!(
        lines.next().map(|l| l.trim_start().to_string()),
        Some(format!("--> {}:2:1", p.display()))
    );
    assert_eq!(lines.next(), Some("    undefined_thing"));
    assert_eq!(lines.next(), Some("    ^^^^^^^^^^^^^^^"));
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
    let order: Vec<&str> = merged.lines().filter(|l| !l.starts_with(' ')).collect();
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
    let err = text(&out.stderr);
    assert!(
        err.starts_with("SyntaxError: '(' was never closed\n"),
        "{}",
        err
    );
    assert!(err.contains(":2:5"), "{}", err);
    assert_eq!(out.status.code(), Some(1));
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
        assert!(
            err.starts_with("SyntaxError: source code cannot contain null bytes\n"),
            "{:?}: {}",
            args,
            err
        );
        assert_eq!(status.code(), Some(1), "{:?}", args);
    }
}
