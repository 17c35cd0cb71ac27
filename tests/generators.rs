//! Generators under stress: laziness under a memory limit, many live suspended generators,
//! generators dropped while suspended, deep recursion on a generator's own stack, Ctrl-C
//! inside a generator, and the SyntaxErrors of a misplaced `yield` (messages recorded with
//! CPython 3.11's `compile`). Nothing may crash: every run ends in output or Python errors.

mod support;

use std::time::{Duration, Instant};

/// Runs `src` through `tensh -k [args] -` and returns stdout + stderr and the exit code.
fn run(args: &[&str], src: &str) -> (String, Option<i32>) {
    let mut all = vec!["-k"];
    all.extend_from_slice(args);
    all.push("-");
    let out = support::run(&all, src);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.code())
}

fn assert_clean(text: &str, code: Option<i32>) {
    assert!(
        matches!(code, Some(0) | Some(1)) && !text.contains("InternalError"),
        "exit {code:?}\n{text}"
    );
}

#[test]
fn a_generator_expression_over_a_huge_range_is_lazy() {
    let t0 = Instant::now();
    let (text, code) = run(
        &["--max-memory", "64M"],
        "g = (i for i in range(10**12))\nprint(next(g), next(g))\nprint(any(x > 5 for x in g))\n",
    );
    assert_clean(&text, code);
    assert_eq!(text.trim(), "0 1\nTrue", "{text}");
    assert!(
        t0.elapsed() < Duration::from_secs(20),
        "took {:?}",
        t0.elapsed()
    );
}

#[test]
fn a_hundred_thousand_suspended_generators_stay_alive() {
    let src = "def g(i):\n    yield i\n    yield i + 1\n\
               gens = [g(i) for i in range(100000)]\n\
               print(sum(next(x) for x in gens))\n\
               print(sum(next(x) for x in gens))\n\
               print(sum(len(list(x)) for x in gens))\n";
    let (text, code) = run(&[], src);
    assert_clean(&text, code);
    assert_eq!(text.trim(), "4999950000\n5000050000\n0", "{text}");
}

#[test]
fn generators_dropped_while_suspended_are_freed() {
    let src =
        "def g():\n    try:\n        yield [1] * 10\n        yield 2\n    finally:\n        pass\n\
               for i in range(50000):\n    h = g()\n    x = next(h)\n\
               def outer():\n    yield from g()\n\
               ks = [outer() for _ in range(1000)]\n\
               print(sum(len(next(k)) for k in ks))\n\
               del ks\nprint('alive')\n";
    let (text, code) = run(&[], src);
    assert_clean(&text, code);
    assert_eq!(text.trim(), "10000\nalive", "{text}");
}

#[test]
fn deep_recursion_inside_a_generator_is_a_recursion_error() {
    let src = "def deep(n):\n    return deep(n + 1)\n\
               def gd():\n    yield deep(0)\n\
               next(gd())\n\
               def nest(k):\n    yield k\n    yield from nest(k + 1)\n\
               len(list(nest(0)))\n\
               l = []\nfor i in range(5000):\n    l = [l]\n\
               def rp():\n    yield repr(l)\n\
               next(rp())\n\
               print('alive')\n";
    let (text, code) = run(&[], src);
    assert_clean(&text, code);
    let errors: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("RecursionError: maximum recursion depth exceeded"))
        .collect();
    assert_eq!(errors.len(), 3, "{text}");
    assert!(text.lines().any(|l| l == "alive"), "{text}");
}

#[test]
fn misplaced_yields_are_syntax_errors_as_cpython_words_them() {
    let cases = [
        ("yield 5", "SyntaxError: 'yield' outside function"),
        (
            "x = yield from [1]",
            "SyntaxError: 'yield' outside function",
        ),
        (
            "class C:\n    yield 1",
            "SyntaxError: 'yield' outside function",
        ),
        (
            "def f():\n    class C:\n        yield 1",
            "SyntaxError: 'yield' outside function",
        ),
        (
            "def f():\n    return [(yield x) for x in range(3)]",
            "SyntaxError: 'yield' inside list comprehension",
        ),
        (
            "def f():\n    return ((yield x) for x in range(3))",
            "SyntaxError: 'yield' inside generator expression",
        ),
    ];
    for (src, want) in cases {
        let (text, code) = run(&[], &format!("print('before')\n{src}\nprint('after')\n"));
        assert_clean(&text, code);
        let lines: Vec<&str> = text.lines().collect();
        for l in ["before", want, "after"] {
            assert!(lines.contains(&l), "{src}: {text}");
        }
    }
}

/// The interrupt flag is the REPL's (a script dies of SIGINT as Python's does without a
/// handler): a generator spinning under a `for` stops with KeyboardInterrupt and the session
/// goes on.
#[test]
fn ctrl_c_stops_a_loop_inside_a_generator() {
    use rexpect::session::spawn_command;
    let state = std::env::temp_dir().join(format!("tensh-gen-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&state);
    let mut cmd = std::process::Command::new(support::bin());
    cmd.env("XDG_STATE_HOME", &state)
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000)).expect("spawn tensh in a pty");
    let prompt = |p: &mut rexpect::session::PtySession| {
        p.exp_string(">>> ").expect("prompt");
        std::thread::sleep(Duration::from_millis(250));
    };
    prompt(&mut p);
    // The generator's body pulls from an endless generator expression: the interrupt
    // lands two coroutines deep.
    p.send_line("def spin(): yield sum(1 for _ in iter(int, 1))")
        .expect("send");
    p.exp_string("... ").expect("block continuation");
    p.send_line("").expect("send");
    prompt(&mut p);
    p.send_line("g = spin()").expect("send");
    prompt(&mut p);
    p.send_line("next(g)").expect("send");
    std::thread::sleep(Duration::from_millis(1000));
    p.send_control('c').expect("ctrl-c");
    p.exp_string("KeyboardInterrupt").expect("interrupted");
    prompt(&mut p);
    p.send_line("print('alive', list(g))").expect("send");
    p.exp_string("alive []")
        .expect("the session goes on; the generator is finished");
    p.send_control('d').expect("ctrl-d");
    let _ = std::fs::remove_dir_all(&state);
}
