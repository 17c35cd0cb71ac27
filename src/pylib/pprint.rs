//! Python's `pprint` module: `pprint`, `pformat`, `pp`, `saferepr`, `isreadable`,
//! `isrecursive` and `PrettyPrinter`, laid out by CPython's rules (see `pprint/layout.rs`).

mod layout;
mod text;

use super::pyclass::{bind, method, module, PyClass};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;
use layout::{Layout, Settings};
use std::any::Any;
use std::rc::Rc;

/// An `int(x)` argument (ints, bools and floats, as `int()` takes them).
fn int_of(v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Float(f) if f.is_finite() => Ok(f.trunc() as i64),
        other => Err(type_err(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

/// Checked settings from `PrettyPrinter`'s arguments.
fn settings(
    it: &mut Interp,
    indent: &Value,
    width: &Value,
    depth: &Value,
    compact: &Value,
    sort_dicts: &Value,
    underscore_numbers: &Value,
) -> R<Settings> {
    let indent = int_of(indent)?;
    let width = int_of(width)?;
    if indent < 0 {
        return raise(ExcKind::ValueError, "indent must be >= 0");
    }
    let depth = match depth {
        Value::None => None,
        d => {
            let n = int_of(d)?;
            if n <= 0 {
                return raise(ExcKind::ValueError, "depth must be > 0");
            }
            Some(n)
        }
    };
    if width == 0 {
        return raise(ExcKind::ValueError, "width must be != 0");
    }
    Ok(Settings {
        indent: indent as usize,
        width,
        depth,
        compact: it.truthy(compact)?,
        sort_dicts: it.truthy(sort_dicts)?,
        underscore_numbers: it.truthy(underscore_numbers)?,
    })
}

/// The pretty-printed text of `v`.
fn pformat_with(it: &mut Interp, s: &Settings, v: &Value) -> R<String> {
    let mut l = Layout::new(s);
    l.format(it, v, 0, 0, &mut Vec::new(), 0)?;
    Ok(l.out)
}

/// Writes `text` to `stream`, or to standard output when it is None.
fn write_to(it: &mut Interp, stream: &Value, text: &str) -> R<()> {
    match stream {
        Value::None => {
            it.write_out(text);
            it.check_out()
        }
        s => {
            let write = it.get_attr(s, "write")?;
            it.call(&write, Args::new(vec![Value::str(text)]))?;
            Ok(())
        }
    }
}

fn pprint_with(it: &mut Interp, s: &Settings, stream: &Value, v: &Value) -> R<()> {
    let text = pformat_with(it, s, v)?;
    write_to(it, stream, &text)?;
    write_to(it, stream, "\n")
}

/// (repr, readable, recursive) as `saferepr` computes them with default settings.
fn safe(it: &mut Interp, v: &Value) -> R<(String, bool, bool)> {
    let s = default_settings();
    let l = Layout::new(&s);
    l.safe_repr(it, v, &mut Vec::new(), 0)
}

fn default_settings() -> Settings {
    Settings {
        indent: 1,
        width: 80,
        depth: None,
        compact: false,
        sort_dicts: true,
        underscore_numbers: false,
    }
}

builtin! {
    /// Pretty-print a Python object to a stream [default is sys.stdout].
    python ["pprint.pprint"]
    fn pprint(it, object, stream = None, indent = 1, width = 80, depth = None, *,
              compact = False, sort_dicts = True, underscore_numbers = False) {
        let s = settings(it, &indent, &width, &depth, &compact, &sort_dicts, &underscore_numbers)?;
        pprint_with(it, &s, &stream, &object)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Format a Python object into a pretty-printed representation.
    python ["pprint.pformat"]
    fn pformat(it, object, indent = 1, width = 80, depth = None, *,
               compact = False, sort_dicts = True, underscore_numbers = False) {
        let s = settings(it, &indent, &width, &depth, &compact, &sort_dicts, &underscore_numbers)?;
        Ok(Value::str(&pformat_with(it, &s, &object)?))
    }
}

builtin! {
    /// Pretty-print a Python object
    python ["pprint.pp"]
    fn pp(it, object, *args, sort_dicts = False, **kwargs) {
        let mut a = Args::new(vec![object]);
        a.pos.extend(crate::eval::builtins::items(&args));
        a.kw.push(("sort_dicts".into(), sort_dicts));
        if let Value::Dict(d) = &kwargs {
            let d = d.borrow();
            for (k, v) in d.keys.iter().zip(&d.values) {
                if let Value::Str(k) = k {
                    a.kw.push((k.to_string(), v.clone()));
                }
            }
        }
        let m = Value::Module(module(it, "pprint"));
        let f = it.get_attr(&m, "pprint")?;
        it.call(&f, a)
    }
}

builtin! {
    /// Version of repr() which can handle recursive data structures.
    python ["pprint.saferepr"]
    fn saferepr(it, object) {
        Ok(Value::str(&safe(it, &object)?.0))
    }
}

builtin! {
    /// Determine if saferepr(object) is readable by eval().
    python ["pprint.isreadable"]
    fn isreadable(it, object) {
        Ok(Value::Bool(safe(it, &object)?.1))
    }
}

builtin! {
    /// Determine if object requires a recursive representation.
    python ["pprint.isrecursive"]
    fn isrecursive(it, object) {
        Ok(Value::Bool(safe(it, &object)?.2))
    }
}

/// A `PrettyPrinter` instance: its settings and stream.
struct Printer {
    s: Settings,
    stream: Value,
}

impl Object for Printer {
    fn type_name(&self) -> String {
        "PrettyPrinter".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "_width" => Some(Value::Int(self.s.width)),
            "_indent_per_level" => Some(Value::Int(self.s.indent as i64)),
            "_depth" => Some(self.s.depth.map(Value::Int).unwrap_or(Value::None)),
            "_compact" => Some(Value::Bool(self.s.compact)),
            "_sort_dicts" => Some(Value::Bool(self.s.sort_dicts)),
            _ => method(
                this,
                name,
                &["pprint", "pformat", "isreadable", "isrecursive", "format"],
                printer_method,
            ),
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok("<pprint.PrettyPrinter object>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn printer_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(p) = this.as_object::<Printer>() else {
        return Err(type_err("expected a PrettyPrinter"));
    };
    if name == "format" {
        let [obj, _context, maxlevels, level] =
            bind(&args, name, ["object", "context", "maxlevels", "level"])?;
        let mut s = p.s.clone();
        s.depth = match maxlevels {
            Some(Value::Int(0)) | None => None,
            Some(v) => Some(int_of(&v)?),
        };
        let level = match level {
            Some(v) => int_of(&v)?,
            None => 0,
        };
        let l = Layout::new(&s);
        let (r, readable, recursive) =
            l.safe_repr(it, &obj.unwrap_or(Value::None), &mut Vec::new(), level)?;
        return Ok(Value::tuple(vec![
            Value::str(&r),
            Value::Bool(readable),
            Value::Bool(recursive),
        ]));
    }
    let [obj] = bind(&args, name, ["object"])?;
    let obj = obj.unwrap_or(Value::None);
    match name {
        "pprint" => {
            pprint_with(it, &p.s, &p.stream, &obj)?;
            Ok(Value::None)
        }
        "pformat" => Ok(Value::str(&pformat_with(it, &p.s, &obj)?)),
        _ => {
            let l = Layout::new(&p.s);
            let (_, readable, recursive) = l.safe_repr(it, &obj, &mut Vec::new(), 0)?;
            Ok(Value::Bool(if name == "isreadable" {
                readable && !recursive
            } else {
                recursive
            }))
        }
    }
}

/// `PrettyPrinter(indent=1, width=80, depth=None, stream=None, *, compact=False,
/// sort_dicts=True, underscore_numbers=False)`.
fn new_printer(it: &mut Interp, _class: &Value, args: Args) -> R<Value> {
    let [indent, width, depth, stream, compact, sort_dicts, underscore] = bind(
        &args,
        "PrettyPrinter",
        [
            "indent=1",
            "width=80",
            "depth=None",
            "stream=None",
            "*compact=False",
            "*sort_dicts=True",
            "*underscore_numbers=False",
        ],
    )?;
    let s = settings(
        it,
        &indent.unwrap_or(Value::Int(1)),
        &width.unwrap_or(Value::Int(80)),
        &depth.unwrap_or(Value::None),
        &compact.unwrap_or(Value::Bool(false)),
        &sort_dicts.unwrap_or(Value::Bool(true)),
        &underscore.unwrap_or(Value::Bool(false)),
    )?;
    Ok(Value::Object(Rc::new(Printer {
        s,
        stream: stream.unwrap_or(Value::None),
    })))
}

/// Sets `pprint.PrettyPrinter`.
pub(crate) fn install(it: &mut Interp) {
    let m = module(it, "pprint");
    m.set(
        "PrettyPrinter",
        PyClass::value("PrettyPrinter", "pprint", Some(new_printer), |v| {
            v.as_object::<Printer>().is_some()
        }),
    );
}
