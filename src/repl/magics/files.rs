//! The magics that touch the file system: `%cd` and `%run` (OS errors are worded by
//! `pylib::oserror`, as Python words them).

use super::*;

pub(super) fn home() -> std::path::PathBuf {
    std::env::var_os("HOME")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| "/".into())
}

pub(super) fn expand_user(p: &str) -> std::path::PathBuf {
    match p.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => {
            home().join(rest.trim_start_matches('/'))
        }
        _ => p.into(),
    }
}

/// `%cd [-q] [DIR | -]`: changes directory and prints the new one.
pub(super) fn cd(it: &mut Interp, args: &str) -> MR {
    let mut quiet = false;
    let mut target = String::new();
    for a in args.split_whitespace() {
        if a == "-q" {
            quiet = true;
        } else {
            target = a.trim_matches(|c| c == '"' || c == '\'').to_string();
        }
    }
    let dest = match target.as_str() {
        "" => home(),
        "-" => match STATE.with(|s| s.borrow().oldpwd.clone()) {
            Some(p) => p,
            None => return Err(Stop::Usage("%cd -: No previous directory".into())),
        },
        t => expand_user(t),
    };
    let before = std::env::current_dir().ok();
    match std::env::set_current_dir(&dest) {
        Ok(()) => STATE.with(|s| s.borrow_mut().oldpwd = before),
        Err(e) => say(
            it,
            &crate::pylib::oserror::os_error_text(&e, &dest.display().to_string()),
        ),
    }
    if !quiet || target.is_empty() {
        let cwd = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        say(it, &cwd);
    }
    Ok(None)
}

/// `%run FILE [ARGS]`: runs a script in the session's namespace, with `sys.argv` set.
pub(super) fn run_file(it: &mut Interp, args: &str) -> MR {
    let words: Vec<&str> = args.split_whitespace().collect();
    let Some(first) = words.first() else {
        it.report(&Exception::new(
            crate::errors::ExcKind::Exception,
            "you must provide at least a filename.",
        ));
        return Err(Stop::Failed);
    };
    let mut path = expand_user(first);
    if !path.exists() && path.extension().is_none() {
        path.set_extension("py");
    }
    let name = path.display().to_string();
    let src = match std::fs::read(&path) {
        Ok(b) => match crate::syntax::source::decode(b, &name) {
            Ok(s) => s,
            Err(msg) => {
                it.report(&Exception::new(crate::errors::ExcKind::SyntaxError, msg));
                return Err(Stop::Failed);
            }
        },
        Err(_) => {
            it.report(&Exception::new(
                crate::errors::ExcKind::Exception,
                format!("File `'{}'` not found.", first),
            ));
            return Err(Stop::Failed);
        }
    };
    let argv = std::iter::once(name.clone())
        .chain(words[1..].iter().map(|s| s.to_string()))
        .collect();
    it.set_argv(argv);
    let saved = it.echo_enabled;
    it.echo_enabled = false;
    let outcome = it.run(&src, Some(&name), false);
    it.echo_enabled = saved;
    match outcome {
        Outcome::Ok => Ok(None),
        Outcome::Failed => Err(Stop::Failed),
        Outcome::Exit(c) => Err(Stop::Exit(c)),
    }
}

crate::builtin! {
    /// Run an IPython line magic (what a magic line inside a block becomes).
    python ["builtins.__tensh_magic__"]
    fn __tensh_magic__(it, name, line) {
        let (Value::Str(name), Value::Str(line)) = (&name, &line) else {
            return Ok(Value::None);
        };
        // The magic may run code at the top level: keep this frame's state around it.
        let scope = it.scope.clone();
        let file = it.file.clone();
        let depth = it.depth;
        let echo = it.echo;
        let r = line_magic(it, name, line, Mode::Notebook { display_last: false });
        it.scope = scope;
        it.file = file;
        it.depth = depth;
        it.echo = echo;
        match r {
            Ok(v) => Ok(v.unwrap_or(Value::None)),
            Err(Stop::Usage(msg)) => {
                usage_error(it, &msg);
                Ok(Value::None)
            }
            Err(Stop::Failed) => crate::eval::error::raise(
                crate::errors::ExcKind::RuntimeError,
                format!("%{} failed", name),
            ),
            Err(Stop::Exit(c)) => crate::eval::error::raise(
                crate::errors::ExcKind::SystemExit,
                c.to_string(),
            ),
        }
    }
}
