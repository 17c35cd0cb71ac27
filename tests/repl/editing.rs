//! Editing entries as Python's REPL (3.11, and 3.13's multi-line editor) and IPython do,
//! driven through a pseudo-terminal: `exit()`, blocks without a body, dedent after
//! `return`, Backspace by indent levels, Up and Down inside a block, plain pastes, pasted
//! indentation, `x?`/`x??`/`help`, attribute completion on a Keras model, unknown `:`
//! commands, `:save` without `help()`, and the config file.

use super::pty::{entry, keys, line, prompt, quit, start, start_in, state_dir};

#[test]
fn exit_call_ends_the_session() {
    let (mut p, _) = start_in("exitcall");
    line(&mut p, "exit()");
    p.exp_eof().expect("exit() exits");
}

/// Python 3.11: `def f():` then an empty line is
/// `IndentationError: expected an indented block after function definition on line 1`.
#[test]
fn a_block_without_a_body_ends_with_indentation_error() {
    let (mut p, _) = start_in("nobody");
    line(&mut p, "def f():");
    p.exp_string("... ").expect("continuation prompt");
    line(&mut p, "");
    p.exp_string(
        "IndentationError: expected an indented block after function definition on line 1",
    )
    .expect("the missing block is reported");
    prompt(&mut p, "back at the prompt");
    line(&mut p, "for i in range(2):");
    line(&mut p, "");
    p.exp_string("IndentationError: expected an indented block after 'for' statement on line 1")
        .expect("the same for a for loop");
    prompt(&mut p, "prompt");
    quit(p);
}

/// After `return 1` inside `if`, the next line starts one level out: `return 2` belongs to
/// the function, so `f(0)` is 2 (it would be None if the line stayed inside the `if`).
#[test]
fn the_line_after_return_is_dedented() {
    let (mut p, _) = start_in("dedent");
    line(&mut p, "def f(x):");
    line(&mut p, "if x:");
    line(&mut p, "return 1");
    line(&mut p, "return 2");
    line(&mut p, "");
    prompt(&mut p, "defined");
    let out = entry(&mut p, "print(f(0), f(1))");
    assert!(out.contains("2 1"), "{}", out);
    quit(p);
}

/// Backspace in the indentation Enter put there removes a whole level: after `if i:` the
/// line starts at 8 spaces; one Backspace leaves 4, so `print(i)` runs for every `i`.
#[test]
fn backspace_removes_an_indent_level() {
    let (mut p, _) = start_in("backspace");
    line(&mut p, "for i in range(3):");
    line(&mut p, "if i:");
    line(&mut p, "j = i");
    keys(&mut p, "\x7f");
    line(&mut p, "print(i * 7)");
    line(&mut p, "");
    p.exp_string("0\r\n7\r\n14")
        .expect("the print ran at the loop's level");
    prompt(&mut p, "prompt");
    quit(p);
}

/// Up inside a block being typed moves to the line above (not to history): the typo in the
/// first body line is fixed before the block runs.
#[test]
fn up_and_down_move_between_the_lines_of_a_block() {
    let (mut p, _) = start_in("updown");
    line(&mut p, "history_entry = 'not this'");
    prompt(&mut p, "prompt");
    // On the third line (indented, empty): Up, end of line, Left, insert, Down, Enter.
    line(&mut p, "for i in range(2):");
    line(&mut p, "print(i * 10)");
    keys(&mut p, "\x1b[A");
    keys(&mut p, "\x05\x1b[D");
    keys(&mut p, " + 5");
    keys(&mut p, "\x1b[B");
    keys(&mut p, "\r");
    p.exp_string("5\r\n15").expect("the edited line ran");
    prompt(&mut p, "prompt");
    quit(p);
}

/// A paste the terminal does not bracket arrives as typed lines: all of them run, in order,
/// and pasted indentation is kept rather than added to the automatic one.
#[test]
fn a_plain_paste_runs_every_line() {
    let (mut p, _) = start_in("plainpaste");
    keys(&mut p, "a = 1\rb = a + 1\rprint('sum', a + b)\r");
    p.exp_string("sum 3").expect("all three lines ran");
    prompt(&mut p, "prompt");
    keys(
        &mut p,
        "total = 0\rfor i in range(4):\r    if i % 2:\r        total += i\r    total += 100\r\rprint('total', total)\r",
    );
    p.exp_string("total 404")
        .expect("the pasted block kept its indentation");
    prompt(&mut p, "prompt");
    quit(p);
}

/// IPython's inspector: `f?` shows the signature and docstring, `f??` the source;
/// `help(f)` is pydoc's page (Python 3.11's wording).
#[test]
fn inspect_source_and_help_of_a_user_function() {
    let (mut p, _) = start_in("inspect");
    line(&mut p, "def scale(x, factor=2, *rest, clip=None):");
    line(&mut p, "\"\"\"Scale x.\"\"\"");
    line(&mut p, "return x * factor");
    line(&mut p, "");
    prompt(&mut p, "defined");
    let out = entry(&mut p, "scale?");
    assert!(
        out.contains("Signature: scale(x, factor=2, *rest, clip=None)\r\nDocstring: Scale x.\r\nType:      function"),
        "{}",
        out
    );
    let out = entry(&mut p, "scale??");
    assert!(
        out.contains("Source:   \r\ndef scale(x, factor=2, *rest, clip=None):\r\n    \"\"\"Scale x.\"\"\"\r\n    return x * factor\r\nType:      function"),
        "{}",
        out
    );
    let out = entry(&mut p, "help(scale)");
    assert!(
        out.contains("Help on function scale in module __main__:\r\n\r\nscale(x, factor=2, *rest, clip=None)\r\n    Scale x.\r\n"),
        "{}",
        out
    );
    let out = entry(&mut p, "help(len)");
    assert!(
        out.contains("Help on built-in function len in module builtins:\r\n\r\nlen("),
        "{}",
        out
    );
    quit(p);
}

/// `model.<Tab>` offers Keras's methods.
#[test]
fn a_keras_model_completes_its_methods() {
    let (mut p, _) = start_in("modeltab");
    entry(&mut p, "import tensorflow as tf");
    entry(
        &mut p,
        "model = tf.keras.Sequential([tf.keras.layers.Dense(2, input_shape=(3,))])",
    );
    for (typed, full) in [
        ("model.compil", "model.compile"),
        ("model.evalu", "model.evaluate"),
        ("model.summ", "model.summary"),
    ] {
        keys(&mut p, &format!("{}\t", typed));
        p.exp_string(full).expect(full);
        keys(&mut p, "\x15");
        line(&mut p, "");
        prompt(&mut p, "prompt");
    }
    keys(&mut p, "model.f\t\t");
    p.exp_string("model.fit").expect("fit listed");
    keys(&mut p, "\x15");
    line(&mut p, "");
    prompt(&mut p, "prompt");
    quit(p);
}

/// An unknown `:` command says so; `:save` keeps the entries a script needs, not `help()`.
#[test]
fn unknown_commands_and_save_without_help() {
    let (mut p, st) = start_in("save");
    let out = entry(&mut p, ":frobnicate now");
    assert!(
        out.contains("tensh: unknown command :frobnicate (:help lists the commands)"),
        "{}",
        out
    );
    assert!(!out.contains("SyntaxError"), "{}", out);
    entry(&mut p, "x = 41");
    entry(&mut p, "help(len)");
    entry(&mut p, "print(x + 1)");
    let out = entry(&mut p, ":save saved.py");
    assert!(out.contains("saved"), "{}", out);
    let saved = std::fs::read_to_string(st.join("saved.py")).expect("saved file");
    assert!(!saved.contains("help"), "{}", saved);
    assert!(saved.contains("x = 41\n"), "{}", saved);
    // The saved file runs (as it would in Python) and prints what the session printed.
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_tensh"))
        .arg(st.join("saved.py"))
        .output()
        .expect("run the saved script");
    let printed = String::from_utf8_lossy(&run.stdout);
    assert!(
        printed.contains("42\n") && !printed.contains("Help on"),
        "{}",
        printed
    );
    quit(p);
}

/// The config file: `edit_mode = "vi"` gives vi keys (Escape, `0`, `x` deletes the first
/// character); a wrong setting is named and the REPL starts anyway.
#[test]
fn the_config_file_sets_vi_mode_and_reports_mistakes() {
    let st = state_dir("config");
    let cfg = st.join("config/tensh");
    std::fs::create_dir_all(&cfg).expect("config dir");
    std::fs::write(
        cfg.join("config.toml"),
        "edit_mode = \"vi\"\nhistory_size = 10\n",
    )
    .expect("config");
    let mut p = start(&st, true);
    keys(&mut p, "zprint('vi ' + 'mode')");
    keys(&mut p, "\x1b");
    std::thread::sleep(std::time::Duration::from_millis(200));
    keys(&mut p, "0x");
    keys(&mut p, "\r");
    p.exp_string("vi mode").expect("x deleted the z");
    prompt(&mut p, "prompt");
    quit(p);
    std::fs::write(cfg.join("config.toml"), "edit_mode = \"nano\"\n").expect("config");
    let mut p = rexpect::session::spawn_command(super::pty::command(&st, true), Some(30_000))
        .expect("spawn");
    p.exp_string("config.toml: edit_mode is \"vi\" or \"emacs\"")
        .expect("the mistake is named");
    prompt(&mut p, "the REPL starts anyway");
    let out = entry(&mut p, "1 + 1");
    assert!(out.contains('2'), "{}", out);
    quit(p);
}
