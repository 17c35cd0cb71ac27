//! REPL commands: `:help`, `:vars`, `:reset`, `:load`, `:save`, `:show`. `help(x)`, `x?`
//! and `x??` are `inspect.rs`; `:time` and `:timeit` are the magics of `magics.rs`.

use crate::eval::{Interp, Value};

pub const HELP: &str = "\
tensh — TensorFlow-2 code on a Rust runtime. Type Python/TensorFlow statements.

Commands
  :help              this text              help(x), x?, x??   what x is (?? with source)
  :vars              variables: name, type, shape, dtype, bytes
  :reset             forget every variable
  :load FILE         run a script in this session
  :save FILE         write this session's successful entries as a script
  %time STMT         run STMT once and show the CPU and wall times
  %timeit STMT       time STMT as IPython does (mean ± std per loop)
  %who, %whos, %history, %reset -f, %pwd, %cd DIR, %run FILE, %lsmagic
  :show X            draw a 1-D or 2-D tensor (sparkline or heatmap)

Keys
  Tab completes names, module paths (tf.nn.), attributes (net.) and keyword arguments.
  A line ending in ':' or an open bracket continues on '... '; an empty line ends a block.
  Up/Down move between the lines of an entry; Backspace in leading spaces removes a level.
  Settings: $XDG_CONFIG_HOME/tensh/config.toml (edit_mode, theme, history_size).
  Ctrl-R searches history; Ctrl-C clears the line or interrupts a running statement;
  Ctrl-D exits. A trailing ';' hides the result; _ holds the last result.";

/// `:vars`: one row per variable that holds data.
pub fn vars(it: &Interp) -> String {
    let mut names = it.global_vars();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    let mut rows = vec![format!(
        "{:<16} {:<18} {:<14} {:<8} {:>10}",
        "name", "type", "shape", "dtype", "bytes"
    )];
    for (n, v) in names {
        if n.starts_with('_')
            || matches!(
                v,
                Value::Module(_) | Value::Function(_) | Value::Builtin(_) | Value::Class(_)
            )
        {
            continue;
        }
        let (shape, dtype, bytes) = match crate::api::convert::tensor_of(&v) {
            Some(t) => (
                crate::print::shape_tuple(t.shape()),
                t.dtype().name().to_string(),
                t.nbytes().to_string(),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        rows.push(format!(
            "{:<16} {:<18} {:<14} {:<8} {:>10}",
            n,
            v.type_name(),
            shape,
            dtype,
            bytes
        ));
    }
    rows.join("\n") + "\n"
}

/// Whether an entry only looks something up (`help(...)`, `exit`, `quit`): `:save` leaves
/// such entries out, since a script would print help pages or stop there.
pub fn only_inspects(code: &str) -> bool {
    code.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .all(|l| {
            let l = l.trim_end_matches(';').trim_end();
            (l.starts_with("help(") && l.ends_with(')'))
                || ["exit", "quit", "exit()", "quit()", "help"].contains(&l)
        })
}

/// `:foo` for a command that does not exist.
pub fn unknown(word: &str) -> String {
    format!("tensh: unknown command {} (:help lists the commands)", word)
}
