//! `%%capture [--no-stdout] [--no-stderr] [--no-display] [NAME]`: the cell runs with its
//! output kept; with a NAME, the output is stored there as IPython's `CapturedIO` (`.stdout`,
//! `.stderr`, `.outputs`, `.show()`), importable as `IPython.utils.capture.CapturedIO`.

use super::*;
use crate::eval::session::SharedBuf;

const MODULE: &str = "IPython.utils.capture";
const SOURCE: &str = include_str!("pysrc/capture.py");

/// The options before the name, as IPython's argument parser reads them.
struct Opts {
    stdout: bool,
    stderr: bool,
    name: Option<String>,
}

fn options(args: &str) -> Result<Opts, Stop> {
    let mut o = Opts {
        stdout: true,
        stderr: true,
        name: None,
    };
    for word in args.split_whitespace() {
        match word {
            "--no-stdout" => o.stdout = false,
            "--no-stderr" => o.stderr = false,
            "--no-display" => {}
            w if w.starts_with('-') => {
                return Err(Stop::Usage(format!("unrecognized arguments: {}", w)))
            }
            w if o.name.is_none() => o.name = Some(w.to_string()),
            w => return Err(Stop::Usage(format!("unrecognized arguments: {}", w))),
        }
    }
    Ok(o)
}

/// The `CapturedIO` class, loading its module on first use.
fn captured_io(it: &mut Interp) -> Option<Value> {
    if !it.modules.contains_key(MODULE) {
        crate::pylib::pysource::load(it, MODULE, SOURCE, &[]);
    }
    match it.modules.get(MODULE) {
        Some(Value::Module(m)) => m.get("CapturedIO"),
        _ => None,
    }
}

pub(super) fn capture(it: &mut Interp, args: &str, src: &str, file: &str, mode: Mode) -> MR {
    let o = options(args)?;
    it.flush();
    let (out, err) = (SharedBuf::default(), SharedBuf::default());
    let saved_out = o
        .stdout
        .then(|| std::mem::replace(&mut it.io.out, Box::new(out.clone())));
    let saved_err = o
        .stderr
        .then(|| std::mem::replace(&mut it.io.err, Box::new(err.clone())));
    let r = exec_code(it, src, file, mode, false);
    it.flush();
    if let Some(w) = saved_out {
        it.io.out = w;
    }
    if let Some(w) = saved_err {
        it.io.err = w;
    }
    if let (Some(name), Some(class)) = (o.name, captured_io(it)) {
        let text = |keep: bool, b: &SharedBuf| {
            if keep {
                Value::str(&b.take_text())
            } else {
                Value::None
            }
        };
        let pos = vec![text(o.stdout, &out), text(o.stderr, &err)];
        match it.call(&class, Args::new(pos)) {
            Ok(v) => {
                it.globals.borrow_mut().vars.insert(name.as_str().into(), v);
            }
            Err(_) => debug_assert!(false, "CapturedIO could not be built"),
        }
    }
    r.map(|_| None)
}
