//! IPython's magics in the REPL, driven through a pseudo-terminal: `%matplotlib`, `%run`,
//! `%who`, `%whos`, `%history`, `%reset -f`, `%time`, `%timeit -n -r`, `%pwd`, `%cd`,
//! `%load_ext`/`%config`, cell magics, an unknown magic, and `!cmd`.

use super::pty::{entry, prompt, quit, start_in as start};

#[test]
fn unknown_magics_and_shell_escapes_say_what_they_are() {
    let (mut p, _) = start("unknown");
    let out = entry(&mut p, "%foo 1 2");
    assert!(
        out.contains("UsageError: Line magic function `%foo` not found."),
        "{}",
        out
    );
    assert!(!out.contains("SyntaxError"), "{}", out);
    let out = entry(&mut p, "!ls -l");
    assert!(
        out.contains("tensh has no shell escape: `!ls -l` was not run"),
        "{}",
        out
    );
    let out = entry(&mut p, "%pip install numpy");
    assert!(
        out.contains("tensh has no shell escape: `%pip install numpy` was not run"),
        "{}",
        out
    );
    // Accepted quietly, as IPython does.
    for quiet in [
        "%matplotlib inline",
        "%load_ext autoreload",
        "%config InlineBackend.figure_format = 'retina'",
    ] {
        let out = entry(&mut p, quiet);
        assert!(!out.contains("Error"), "{}: {}", quiet, out);
    }
    quit(p);
}

#[test]
fn who_whos_and_reset() {
    let (mut p, _) = start("who");
    entry(&mut p, "import numpy as np");
    entry(&mut p, "alpha = 123");
    entry(&mut p, "beta = 'test'");
    entry(&mut p, "arr = np.zeros((3, 4))");
    let out = entry(&mut p, "%who");
    assert!(out.contains("alpha\t arr\t beta\t np\t "), "{:?}", out);
    let out = entry(&mut p, "%who int");
    assert!(out.contains("alpha\t \r\n"), "{:?}", out);
    let out = entry(&mut p, "%whos");
    let header = format!("Variable   Type       Data/Info\r\n{}\r\n", "-".repeat(31));
    assert!(out.contains(&header), "{:?}", out);
    assert!(out.contains("alpha      int        123\r\n"), "{:?}", out);
    assert!(
        out.contains("arr        ndarray    3x4: 12 elems, type `float64`, 96 bytes\r\n"),
        "{:?}",
        out
    );
    assert!(out.contains("beta       str        test\r\n"), "{:?}", out);
    entry(&mut p, "%reset -f");
    let out = entry(&mut p, "%who");
    assert!(out.contains("Interactive namespace is empty."), "{:?}", out);
    let out = entry(&mut p, "alpha");
    assert!(
        out.contains("NameError: name 'alpha' is not defined"),
        "{}",
        out
    );
    quit(p);
}

#[test]
fn time_and_timeit() {
    let (mut p, _) = start("time");
    let out = entry(&mut p, "%time total = sum(range(1000))");
    assert!(out.contains("CPU times: user "), "{}", out);
    assert!(out.contains("Wall time: "), "{}", out);
    let out = entry(&mut p, "%time total + 1");
    assert!(
        out.contains("Wall time: ") && out.contains("499501"),
        "{}",
        out
    );
    let out = entry(&mut p, "%timeit -n 10 -r 3 total * 2");
    // (rexpect reads bytes as Latin-1: match around the ± signs.)
    assert!(out.contains(" per loop (mean "), "{}", out);
    assert!(
        out.contains(" std. dev. of 3 runs, 10 loops each)"),
        "{}",
        out
    );
    let out = entry(&mut p, "%timeit -n 1 -r 1 total");
    assert!(out.contains(" std. dev. of 1 run, 1 loop each)"), "{}", out);
    p.send("\x1b[200~%%time\ny = 5\ny * 2\x1b[201~")
        .expect("paste");
    p.flush().expect("flush");
    p.send("\r").expect("enter");
    p.flush().expect("flush");
    prompt(&mut p, "cell magic");
    let out = entry(&mut p, "y");
    assert!(out.contains("5"), "{}", out);
    quit(p);
}

#[test]
fn pwd_cd_run_and_history() {
    let (mut p, st) = start("files");
    let sub = st.join("sub");
    std::fs::create_dir_all(&sub).expect("sub");
    std::fs::write(
        sub.join("script.py"),
        "import sys\nran = len(sys.argv)\nprint('script ran', sys.argv[1:])\n",
    )
    .expect("script");
    let out = entry(&mut p, "%pwd");
    assert!(out.contains(&format!("'{}'", st.display())), "{}", out);
    let out = entry(&mut p, "%cd sub");
    assert!(out.contains(&sub.display().to_string()), "{}", out);
    let out = entry(&mut p, "%run script.py a b");
    assert!(out.contains("script ran ['a', 'b']"), "{}", out);
    let out = entry(&mut p, "ran");
    assert!(out.contains('3'), "{}", out);
    let out = entry(&mut p, "%cd /nonexistent-dir");
    assert!(
        out.contains("[Errno 2] No such file or directory: '/nonexistent-dir'"),
        "{}",
        out
    );
    let out = entry(&mut p, "%run missing.py");
    assert!(
        out.contains("Exception: File `'missing.py'` not found."),
        "{}",
        out
    );
    let out = entry(&mut p, "%history");
    let listed: Vec<&str> = out.split("\r\n").filter(|l| !l.contains("done")).collect();
    let at = listed
        .iter()
        .position(|l| *l == "%pwd")
        .expect("%pwd listed");
    assert_eq!(
        listed[at..at + 4],
        ["%pwd", "%cd sub", "%run script.py a b", "ran"],
        "{:?}",
        out
    );
    quit(p);
}
