//! Python's `pickle` module: `load`/`loads` of protocols 0 to 5 (`read.rs`) and
//! `dump`/`dumps` of protocols 2 to 5 (`write.rs`, 4 by default, as CPython 3.11), for
//! builtin values and numpy arrays (`numpy.rs` rebuilds them as numpy pickles them; the
//! object arrays of `np_object` included). It lives with the numpy API, not with Python's
//! other modules, because it makes numpy arrays. Instances of other classes are out of
//! scope: the errors say so. `pickle.PickleError`, `PicklingError` and `UnpicklingError`
//! are CPython's classes.

mod numpy;
mod read;
pub(crate) mod tests;
mod write;

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, Exception, Flow, R};
use crate::eval::value::{Args, Class, Instance};
use crate::eval::{Interp, Value};
use read::Encoding;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A global the unpickler found.
#[derive(Clone)]
pub(crate) enum Known {
    /// `numpy.core.multiarray._reconstruct`
    Reconstruct,
    /// `numpy.ndarray`
    Ndarray,
    /// `numpy.dtype`
    Dtype,
    /// `numpy.core.multiarray.scalar`
    Scalar,
    /// `numpy.core.numeric._frombuffer` (protocol 5)
    FromBuffer,
    /// `_codecs.encode` (protocol 2's bytes)
    CodecsEncode,
    /// A builtin type the unpickler may call (`builtins.set`), by path.
    Callable(String, Value),
    /// Something tensh's pickle does not rebuild, by path.
    Class(String),
}

impl Known {
    fn path(&self) -> String {
        match self {
            Known::Reconstruct => "numpy.core.multiarray._reconstruct".into(),
            Known::Ndarray => "numpy.ndarray".into(),
            Known::Dtype => "numpy.dtype".into(),
            Known::Scalar => "numpy.core.multiarray.scalar".into(),
            Known::FromBuffer => "numpy.core.numeric._frombuffer".into(),
            Known::CodecsEncode => "_codecs.encode".into(),
            Known::Callable(p, _) | Known::Class(p) => p.clone(),
        }
    }
}

/// The builtins a pickle may call to rebuild a value.
const CALLABLE: [&str; 11] = [
    "set",
    "list",
    "tuple",
    "dict",
    "bytearray",
    "bytes",
    "int",
    "float",
    "str",
    "bool",
    "range",
];

/// A Python 2 name as Python 3 has it (`fix_imports`).
fn fix_import(module: &str, name: &str) -> (String, String) {
    let module = match module {
        "__builtin__" | "exceptions" => "builtins",
        "copy_reg" => "copyreg",
        m => m,
    };
    let name = match (module, name) {
        ("builtins", "xrange") => "range",
        ("builtins", "unicode") => "str",
        ("builtins", "long") => "int",
        (_, n) => n,
    };
    (module.to_string(), name.to_string())
}

/// `find_class(module, name)`: what a `GLOBAL` names.
pub(crate) fn find_global(it: &mut Interp, module: &str, name: &str, fix: bool) -> R<Known> {
    let (module, name) = if fix {
        fix_import(module, name)
    } else {
        (module.to_string(), name.to_string())
    };
    let core = |m: &str, sub: &str| {
        m == format!("numpy.core.{}", sub) || m == format!("numpy._core.{}", sub)
    };
    let k = match (module.as_str(), name.as_str()) {
        (m, "_reconstruct") if core(m, "multiarray") => Known::Reconstruct,
        (m, "scalar") if core(m, "multiarray") => Known::Scalar,
        (m, "_frombuffer") if core(m, "numeric") => Known::FromBuffer,
        ("numpy", "ndarray") => Known::Ndarray,
        ("numpy", "dtype") => Known::Dtype,
        ("_codecs", "encode") => Known::CodecsEncode,
        // tensh has no frozenset: a frozenset is rebuilt as a set.
        ("builtins", "frozenset") => match it.builtins.get("set") {
            Some(v) => Known::Callable("builtins.frozenset".into(), v.clone()),
            None => Known::Class("builtins.frozenset".into()),
        },
        ("builtins", n) if CALLABLE.contains(&n) => match it.builtins.get(n) {
            Some(v) => Known::Callable(format!("builtins.{}", n), v.clone()),
            None => Known::Class(format!("builtins.{}", n)),
        },
        ("builtins", n) if it.builtins.contains_key(n) => Known::Class(format!("builtins.{}", n)),
        ("__main__", n) => Known::Class(format!("__main__.{}", n)),
        (m, n) => {
            let loaded = match it.modules.get(m).cloned() {
                Some(v) => v,
                None => match it.import_module(m) {
                    Ok(v) => v,
                    Err(_) => {
                        return raise(
                            ExcKind::ModuleNotFoundError,
                            format!("No module named '{}'", m),
                        )
                    }
                },
            };
            if it.get_attr(&loaded, n).is_err() {
                let shown = it.repr(&loaded)?;
                return raise(
                    ExcKind::AttributeError,
                    format!("Can't get attribute '{}' on {}", n, shown),
                );
            }
            Known::Class(format!("{}.{}", m, n))
        }
    };
    Ok(k)
}

thread_local! {
    /// The module's exception classes, for errors raised where no interpreter is at hand.
    static CLASSES: RefCell<HashMap<&'static str, Rc<Class>>> = RefCell::new(HashMap::new());
}

/// An exception of one of the module's classes (`UnpicklingError`, `PicklingError`).
fn pickle_error(name: &'static str, msg: String) -> Flow {
    let mut e = Exception::new(ExcKind::Exception, msg.clone());
    if let Some(class) = CLASSES.with(|c| c.borrow().get(name).cloned()) {
        let mut dict = HashMap::new();
        dict.insert("args".to_string(), Value::tuple(vec![Value::str(&msg)]));
        e.value = Some(Value::Instance(Rc::new(Instance {
            class,
            dict: RefCell::new(dict),
            attr_order: RefCell::new(vec!["args".to_string()]),
            native: RefCell::new(None),
        })));
    }
    Flow::Error(Box::new(e))
}

/// `pickle.UnpicklingError(msg)`.
pub(crate) fn unpickling_error(msg: impl Into<String>) -> Flow {
    pickle_error("UnpicklingError", msg.into())
}

/// `pickle.PicklingError(msg)`.
pub(crate) fn pickling_error(msg: impl Into<String>) -> Flow {
    pickle_error("PicklingError", msg.into())
}

fn new_class(name: &str, base: Value) -> Rc<Class> {
    let mut dict = HashMap::new();
    dict.insert("__module__".to_string(), Value::str("_pickle"));
    Rc::new(Class {
        name: name.into(),
        bases: vec![base],
        dict: RefCell::new(dict),
    })
}

/// Registers `pickle` with its constants and exception classes.
pub(crate) fn install(it: &mut Interp) {
    crate::eval::decl::install(it, &[("pickle", "pickle")]);
    let Some(Value::Module(m)) = it.modules.get("pickle").cloned() else {
        return;
    };
    let base = new_class("PickleError", Value::ExcClass(ExcKind::Exception));
    let pickling = new_class("PicklingError", Value::Class(base.clone()));
    let unpickling = new_class("UnpicklingError", Value::Class(base.clone()));
    CLASSES.with(|c| {
        let mut c = c.borrow_mut();
        c.insert("PicklingError", pickling.clone());
        c.insert("UnpicklingError", unpickling.clone());
    });
    m.set("PickleError", Value::Class(base));
    m.set("PicklingError", Value::Class(pickling));
    m.set("UnpicklingError", Value::Class(unpickling));
    m.set("HIGHEST_PROTOCOL", Value::Int(5));
    m.set("DEFAULT_PROTOCOL", Value::Int(4));
}

fn encoding_arg(it: &mut Interp, v: &Value) -> R<Encoding> {
    let s = it.str_of(v)?;
    Ok(match s.to_ascii_lowercase().replace('_', "-").as_str() {
        "ascii" | "us-ascii" => Encoding::Ascii,
        "latin1" | "latin-1" | "iso-8859-1" | "l1" => Encoding::Latin1,
        "utf-8" | "utf8" => Encoding::Utf8,
        "bytes" => Encoding::Bytes,
        _ => return raise(ExcKind::LookupError, format!("unknown encoding: {}", s)),
    })
}

/// Unpickles one value from the start of `data`; also how many bytes it took.
pub(crate) fn loads_bytes(
    it: &mut Interp,
    data: &[u8],
    encoding: &Value,
    fix_imports: bool,
) -> R<(Value, usize)> {
    let enc = encoding_arg(it, encoding)?;
    let mut u = read::Unpickler::new(data, enc, fix_imports);
    let v = u.load(it)?;
    Ok((v, u.consumed()))
}

/// The bytes of `obj` pickled with `protocol` (None: the default, 4).
pub(crate) fn dumps_value(it: &mut Interp, obj: &Value, protocol: &Value) -> R<Vec<u8>> {
    let p = match protocol {
        Value::None => 4,
        Value::Int(p) if *p < 0 => 5,
        Value::Int(p) if *p > 5 => {
            return raise(ExcKind::ValueError, "pickle protocol must be <= 5")
        }
        Value::Int(p) => *p as u8,
        Value::Bool(b) => *b as u8,
        other => {
            return Err(crate::eval::error::type_err(format!(
                "an integer is required (got type {})",
                other.type_name()
            )))
        }
    };
    if p < 2 {
        return raise(
            ExcKind::NotImplementedError,
            format!("tensh's pickle writes protocols 2 to 5, not {}", p),
        );
    }
    write::Pickler::new(p).dump(it, obj)
}

fn bytes_like(v: &Value) -> R<Vec<u8>> {
    match crate::eval::bytes::bytes_of(v) {
        Some(b) => Ok(b),
        None => Err(crate::eval::error::type_err(format!(
            "a bytes-like object is required, not '{}'",
            v.type_name()
        ))),
    }
}

fn call_method(it: &mut Interp, obj: &Value, name: &str, args: Vec<Value>) -> R<Value> {
    let f = it.get_attr(obj, name)?;
    it.call(&f, Args::new(args))
}

builtin! {
    /// Return the pickled representation of the object as a bytes object.
    python ["pickle.dumps"]
    fn dumps(it, obj, protocol = None, *, fix_imports = True, buffer_callback = None) {
        let _ = (fix_imports, buffer_callback);
        let b = dumps_value(it, &obj, &protocol)?;
        Ok(Value::Bytes(Rc::from(b.as_slice())))
    }
}

builtin! {
    /// Write a pickled representation of obj to the open file object file.
    python ["pickle.dump"]
    fn dump(it, obj, file, protocol = None, *, fix_imports = True, buffer_callback = None) {
        let _ = (fix_imports, buffer_callback);
        let b = dumps_value(it, &obj, &protocol)?;
        call_method(it, &file, "write", vec![Value::Bytes(Rc::from(b.as_slice()))])?;
        Ok(Value::None)
    }
}

builtin! {
    /// Read and return an object from the given pickle data.
    python ["pickle.loads"]
    fn loads(it, data, *, fix_imports = True, encoding = "ASCII", errors = "strict", buffers = ()) {
        let _ = (errors, buffers);
        let data = bytes_like(&data)?;
        let fix = it.truthy(&fix_imports)?;
        Ok(loads_bytes(it, &data, &encoding, fix)?.0)
    }
}

builtin! {
    /// Read and return an object from the pickle data stored in a file.
    python ["pickle.load"]
    fn load(it, file, *, fix_imports = True, encoding = "ASCII", errors = "strict", buffers = ()) {
        let _ = (errors, buffers);
        let data = call_method(it, &file, "read", vec![])?;
        let data = bytes_like(&data)?;
        let fix = it.truthy(&fix_imports)?;
        let (v, used) = loads_bytes(it, &data, &encoding, fix)?;
        let rest = data.len() - used;
        if rest > 0 {
            // Leave the file at the end of this pickle, as CPython's buffered reads do.
            call_method(it, &file, "seek", vec![Value::Int(-(rest as i64)), Value::Int(1)])?;
        }
        Ok(v)
    }
}
