//! `np.set_printoptions`, `np.get_printoptions` and the `np.printoptions` context manager:
//! the options live in the printer (`print/options.rs`), so they shape how numpy arrays
//! and TensorFlow tensors print alike, as in TensorFlow, whose tensors print through numpy.
//! A `formatter` and the `legacy` modes are not supported.

use super::convert::{i64_arg, tensor_of};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Dict, Object};
use crate::eval::{Interp, Value};
use crate::print::options::{self, FloatMode, Num, PrintOptions};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `set_printoptions`'s parameters in order (positional arguments bind to them so).
const NAMES: [&str; 10] = [
    "precision",
    "threshold",
    "edgeitems",
    "linewidth",
    "suppress",
    "nanstr",
    "infstr",
    "formatter",
    "sign",
    "floatmode",
];

fn str_of(v: &Value) -> Option<&str> {
    match v {
        Value::Str(s) => Some(s),
        _ => None,
    }
}

/// The options after `set_printoptions(**given)`: None leaves an option as it is; the
/// checks and their order are numpy's.
fn updated(it: &mut Interp, mut o: PrintOptions, given: &[(&str, Value)]) -> R<PrintOptions> {
    let get = |name: &str| {
        given
            .iter()
            .find(|(n, v)| *n == name && !matches!(v, Value::None))
            .map(|(_, v)| v.clone())
    };
    if let Some(v) = get("floatmode") {
        match str_of(&v).and_then(FloatMode::from_name) {
            Some(m) => o.floatmode = m,
            None => {
                return raise(
                    ExcKind::ValueError,
                    "floatmode option must be one of \"fixed\", \"unique\", \"maxprec\", \"maxprec_equal\"",
                )
            }
        }
    }
    if let Some(v) = get("sign") {
        match str_of(&v) {
            Some(s @ ("-" | "+" | " ")) => o.sign = s.chars().next().unwrap_or('-'),
            _ => {
                return raise(
                    ExcKind::ValueError,
                    "sign option must be one of ' ', '+', or '-'",
                )
            }
        }
    }
    if let Some(v) = get("legacy") {
        if !matches!(v, Value::Bool(false)) {
            return raise(
                ExcKind::NotImplementedError,
                "tensh prints arrays as numpy 1.26 does; legacy print modes are not supported",
            );
        }
    }
    if let Some(v) = get("threshold") {
        o.threshold = match &v {
            Value::Int(i) => Num::Int(*i),
            Value::Bool(b) => Num::Int(*b as i64),
            Value::Float(f) if f.is_nan() => {
                return raise(
                    ExcKind::ValueError,
                    "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                )
            }
            Value::Float(f) => Num::Float(*f),
            v => match tensor_of(v) {
                Some(t) if t.ndim() == 0 && t.dtype().is_float() => {
                    Num::Float(t.item_f64().unwrap_or(0.0))
                }
                Some(t) if t.ndim() == 0 => Num::Int(t.item_i64().unwrap_or(0)),
                _ => return Err(type_err("threshold must be numeric")),
            },
        };
    }
    if let Some(v) = get("precision") {
        o.precision = match &v {
            Value::Int(_) | Value::Bool(_) => i64_arg(&v, "precision")?,
            v => match tensor_of(v) {
                Some(t) if t.ndim() == 0 && t.dtype().is_int() => t.item_i64().unwrap_or(0),
                _ => return Err(type_err("precision must be an integer")),
            },
        };
    }
    if let Some(v) = get("edgeitems") {
        o.edgeitems = i64_arg(&v, "edgeitems")?;
    }
    if let Some(v) = get("linewidth") {
        o.linewidth = i64_arg(&v, "linewidth")?;
    }
    if let Some(v) = get("suppress") {
        o.suppress = it.truthy(&v)?;
    }
    for (name, slot) in [("nanstr", &mut o.nanstr), ("infstr", &mut o.infstr)] {
        if let Some(v) = get(name) {
            match str_of(&v) {
                Some(s) => *slot = s.to_string(),
                None => return Err(type_err(format!("{} must be a str", name))),
            }
        }
    }
    if get("formatter").is_some() {
        return raise(
            ExcKind::NotImplementedError,
            "tensh does not support print formatters; use precision, suppress or floatmode",
        );
    }
    Ok(o)
}

/// Binds `set_printoptions`' arguments (positional, then by keyword) to their names.
fn bind(args: &Args) -> R<Vec<(&'static str, Value)>> {
    if args.pos.len() > NAMES.len() {
        return Err(type_err(format!(
            "set_printoptions() takes from 0 to {} positional arguments but {} were given",
            NAMES.len(),
            args.pos.len()
        )));
    }
    let mut out: Vec<(&'static str, Value)> = NAMES
        .iter()
        .copied()
        .zip(args.pos.iter().cloned())
        .collect();
    for (k, v) in &args.kw {
        let Some(name) = NAMES
            .iter()
            .chain(["legacy"].iter())
            .find(|n| **n == k.as_str())
        else {
            return Err(type_err(format!(
                "set_printoptions() got an unexpected keyword argument '{}'",
                k
            )));
        };
        if out.iter().any(|(n, _)| n == name) {
            return Err(type_err(format!(
                "set_printoptions() got multiple values for argument '{}'",
                k
            )));
        }
        out.push((name, v.clone()));
    }
    Ok(out)
}

/// `np.get_printoptions()`'s dict, in numpy's key order.
fn options_dict(o: &PrintOptions) -> R<Value> {
    let mut d = Dict::default();
    let threshold = match o.threshold {
        Num::Int(i) => Value::Int(i),
        Num::Float(f) => Value::Float(f),
    };
    let items = [
        ("edgeitems", Value::Int(o.edgeitems)),
        ("threshold", threshold),
        ("floatmode", Value::str(o.floatmode.name())),
        ("precision", Value::Int(o.precision)),
        ("suppress", Value::Bool(o.suppress)),
        ("linewidth", Value::Int(o.linewidth)),
        ("nanstr", Value::str(&o.nanstr)),
        ("infstr", Value::str(&o.infstr)),
        ("sign", Value::str(&o.sign.to_string())),
        ("formatter", Value::None),
        ("legacy", Value::Bool(false)),
    ];
    for (k, v) in items {
        d.insert(Value::str(k), v)?;
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

builtin! {
    /// Set printing options.
    python ["np.set_printoptions"]
    fn set_printoptions(it, precision = None, threshold = None, edgeitems = None, linewidth = None, suppress = None, nanstr = None, infstr = None, formatter = None, sign = None, floatmode = None, *, legacy = None) {
        let given = [
            ("precision", precision),
            ("threshold", threshold),
            ("edgeitems", edgeitems),
            ("linewidth", linewidth),
            ("suppress", suppress),
            ("nanstr", nanstr),
            ("infstr", infstr),
            ("formatter", formatter),
            ("sign", sign),
            ("floatmode", floatmode),
            ("legacy", legacy),
        ];
        let o = updated(it, options::current(), &given)?;
        options::set(o);
        Ok(Value::None)
    }
}

builtin! {
    /// Return the current print options.
    python ["np.get_printoptions"]
    fn get_printoptions(it) {
        let _ = it;
        options_dict(&options::current())
    }
}

/// `with np.printoptions(...):` sets the options for its block and puts back the ones it
/// found on the way out.
struct PrintOptionsContext {
    given: Vec<(&'static str, Value)>,
    saved: RefCell<Vec<PrintOptions>>,
}

fn context_method(it: &mut Interp, this: &Value, name: &'static str, _a: Args) -> R<Value> {
    let Some(c) = this.as_object::<PrintOptionsContext>() else {
        return Ok(Value::None);
    };
    if name == "__enter__" {
        let before = options::current();
        let o = updated(it, before.clone(), &c.given)?;
        c.saved.borrow_mut().push(before);
        options::set(o.clone());
        return options_dict(&o);
    }
    if let Some(before) = c.saved.borrow_mut().pop() {
        options::set(before);
    }
    Ok(Value::Bool(false))
}

impl Object for PrintOptionsContext {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(["__enter__", "__exit__"]
            .into_iter()
            .find(|m| *m == name)
            .map(|m| Value::method(this.clone(), m, context_method)))
    }
    fn class_path(&self) -> Option<String> {
        Some("contextlib._GeneratorContextManager".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Context manager for setting print options.
    python ["np.printoptions"]
    fn printoptions(it, *args, **kwargs) {
        let _ = it;
        let mut a = Args::new(match &args {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        });
        if let Value::Dict(d) = &kwargs {
            let d = d.borrow();
            for (k, v) in d.keys.iter().zip(&d.values) {
                if let Value::Str(k) = k {
                    a.kw.push((k.to_string(), v.clone()));
                }
            }
        }
        let given = bind(&a)?;
        Ok(Value::Object(Rc::new(PrintOptionsContext {
            given,
            saved: RefCell::new(Vec::new()),
        })))
    }
}
