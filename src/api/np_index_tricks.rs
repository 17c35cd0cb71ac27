//! numpy's index-trick objects `np.mgrid`, `np.ogrid`, `np.r_`, `np.c_`, `np.s_` and
//! `np.index_exp`. numpy writes them in Python as classes whose `__getitem__` builds
//! grids, concatenations and index tuples, and so does tensh (`pysrc/np_index_tricks.py`,
//! module `numpy.lib.index_tricks`, built on first use of any of them). The natives tell
//! numpy's scalar types apart and read the program's globals for `np.r_['a, b; c, d']`.

use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::DType;

const SOURCE: &str = include_str!("pysrc/np_index_tricks.py");

/// Where numpy defines them.
const MODULE: &str = "numpy.lib.index_tricks";

/// The objects `np` has.
const NAMES: [&str; 6] = ["mgrid", "ogrid", "r_", "c_", "s_", "index_exp"];

/// Their lazy keys: reading any of them builds them all.
const KEYS: [&str; 6] = [
    "numpy.mgrid",
    "numpy.ogrid",
    "numpy.r_",
    "numpy.c_",
    "numpy.s_",
    "numpy.index_exp",
];

/// Registers the objects, built on first use.
pub(crate) fn install(it: &mut Interp) {
    crate::pylib::pysource::install_lazy(it, &KEYS, build);
}

fn build(it: &mut Interp) {
    let natives: [(&str, crate::eval::value::NativeFn); 3] = [
        ("_kind", kind),
        ("_user_global", user_global),
        ("_axis_error", axis_error),
    ];
    let Some(tricks) = crate::pylib::pysource::build_lazy(it, &KEYS, MODULE, SOURCE, &natives)
    else {
        return;
    };
    let Some(Value::Module(np)) = it.modules.get("numpy").cloned() else {
        return;
    };
    for name in NAMES {
        if let Some(v) = tricks.get(name) {
            np.set(name, v);
        }
    }
}

/// `_kind(x)`: for what numpy counts among its scalar types (Python's `int`, `float`,
/// `complex`, `bool`, `str`, `bytes`, and numpy's scalars, not 0-d arrays), the kind of
/// the value: 'c' complex, 'f' float, 'i' integer, 'b' bool, 'U' str, 'S' bytes; 'slice'
/// for a slice, None for anything else.
fn kind(_it: &mut Interp, a: Args) -> R<Value> {
    let kind = match a.pos.first() {
        Some(Value::Slice(_)) => "slice",
        Some(Value::Bool(_)) => "b",
        Some(Value::Int(_) | Value::BigInt(_)) => "i",
        Some(Value::Float(_)) => "f",
        Some(Value::Str(_)) => "U",
        Some(Value::Bytes(_)) => "S",
        Some(Value::NdArray(x)) if x.ndim() == 0 && !x.is_array0() => match x.dtype() {
            DType::C64 | DType::C128 => "c",
            DType::F16 | DType::BF16 | DType::F32 | DType::F64 => "f",
            DType::Bool => "b",
            DType::Str => "S",
            _ => "i",
        },
        _ => return Ok(Value::None),
    };
    Ok(Value::str(kind))
}

/// `_user_global(name)`: `(True, value)` for the program's global `name`, as numpy's
/// matrix builder finds the caller's arrays; `(False, None)` when there is none.
fn user_global(it: &mut Interp, a: Args) -> R<Value> {
    let found = match a.pos.first() {
        Some(Value::Str(s)) => it.globals.borrow().vars.get(&**s).cloned(),
        _ => None,
    };
    Ok(Value::tuple(vec![
        Value::Bool(found.is_some()),
        found.unwrap_or(Value::None),
    ]))
}

/// `_axis_error(message)`: raises numpy's AxisError.
fn axis_error(_it: &mut Interp, a: Args) -> R<Value> {
    let message = match a.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    raise(ExcKind::AxisError, message)
}
