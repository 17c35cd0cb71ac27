//! numpy's dtype functions: `np.dtype`, `np.result_type`, `np.promote_types`, the machine
//! limits `np.iinfo`/`np.finfo`, and the floating-point error state (`np.seterr`,
//! `np.geterr`, `with np.errstate(...)`).

use super::np_promote::{promote_types, result_type};
use super::numpy::np_array;
use super::objects::NpDType;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

fn np_dtype_value(d: DType) -> Value {
    Value::Object(Rc::new(NpDType(d)))
}

/// The dtype a value names or holds: a dtype, a type, a name, an array or a number.
fn dtype_of(it: &mut Interp, v: &Value) -> R<DType> {
    match v {
        Value::NdArray(a) => Ok(a.dtype()),
        Value::Tensor(t) => Ok(t.dtype()),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::List(_) | Value::Tuple(_) => {
            Ok(np_array(it, v, None)?.dtype())
        }
        v => super::numpy::np_dtype_arg(v),
    }
}

builtin! {
    /// Create a data type object.
    python ["np.dtype"]
    fn dtype(it, dtype, align = False, copy = False) {
        let _ = (align, copy);
        let d = match &dtype {
            Value::Str(s) => match DType::from_name(s).or_else(|| super::npy::dtype_of(s).map(|p| p.0)) {
                Some(d) => d,
                None => return raise(ExcKind::TypeError, format!("data type '{}' not understood", s)),
            },
            v => dtype_of(it, v)?,
        };
        Ok(np_dtype_value(d))
    }
}

builtin! {
    /// Returns the type that results from applying the NumPy type promotion rules to the arguments.
    python ["np.result_type"]
    fn result_type_fn(it, *arrays_and_dtypes) {
        let items = match &arrays_and_dtypes {
            Value::Tuple(t) => t.to_vec(),
            _ => Vec::new(),
        };
        let Some(first) = items.first() else {
            return raise(ExcKind::ValueError, "at least one array or dtype is required");
        };
        // A type or a dtype takes part as a dimensioned array of its dtype would.
        let operand = |it: &mut Interp, v: &Value| -> R<(Value, Tensor)> {
            match v {
                Value::NdArray(_) | Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Tensor(_) => {
                    let t = np_array(it, v, None)?;
                    Ok((v.clone(), t))
                }
                v => {
                    let d = dtype_of(it, v)?;
                    let t = Tensor::zeros(d, &[1]);
                    Ok((Value::ndarray(t.clone()), t))
                }
            }
        };
        let (mut acc_v, mut acc_t) = operand(it, first)?;
        for v in &items[1..] {
            let (bv, bt) = operand(it, v)?;
            let d = result_type(&acc_v, &acc_t, &bv, &bt);
            // The running result acts as an array of its dtype from here on.
            acc_t = Tensor::zeros(d, &[1]);
            acc_v = Value::ndarray(acc_t.clone());
        }
        Ok(np_dtype_value(acc_t.dtype()))
    }
}

builtin! {
    /// Returns the data type with the smallest size and smallest scalar kind to which both type1 and type2 may be safely cast.
    python ["np.promote_types"]
    fn promote_types_fn(it, type1, type2) {
        let a = dtype_of(it, &type1)?;
        let b = dtype_of(it, &type2)?;
        Ok(np_dtype_value(promote_types(a, b)))
    }
}

/// `np.iinfo(int8)`: the integer type's limits.
struct IInfo(DType);

impl IInfo {
    fn limits(&self) -> (Value, Value) {
        let d = self.0;
        let t = |v: i128| match i64::try_from(v) {
            Ok(i) => Value::Int(i),
            Err(_) => crate::eval::bigint::norm(num_bigint::BigInt::from(v)),
        };
        let bits = d.size_bytes() as u32 * 8;
        if d.is_unsigned() {
            (t(0), t((1i128 << bits) - 1))
        } else {
            (t(-(1i128 << (bits - 1))), t((1i128 << (bits - 1)) - 1))
        }
    }
}

impl Object for IInfo {
    fn type_name(&self) -> String {
        "iinfo".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        let (lo, hi) = self.limits();
        Ok(match name {
            "min" => Some(lo),
            "max" => Some(hi),
            "bits" => Some(Value::Int(self.0.size_bytes() as i64 * 8)),
            "dtype" => Some(np_dtype_value(self.0)),
            "kind" => Some(Value::str(if self.0.is_unsigned() { "u" } else { "i" })),
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let (lo, hi) = self.limits();
        Ok(format!(
            "iinfo(min={}, max={}, dtype={})",
            it.repr(&lo)?,
            it.repr(&hi)?,
            self.0.name()
        ))
    }
    fn str(&self, it: &mut Interp) -> R<String> {
        let (lo, hi) = self.limits();
        let rule = "-".repeat(63);
        Ok(format!(
            "Machine parameters for {}\n{rule}\nmin = {}\nmax = {}\n{rule}\n",
            self.0.name(),
            it.repr(&lo)?,
            it.repr(&hi)?
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        ["bits", "dtype", "kind", "max", "min"]
            .map(String::from)
            .to_vec()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Machine limits for integer types.
    python ["np.iinfo"]
    fn iinfo(it, int_type) {
        let d = dtype_of(it, &int_type)?;
        if !d.is_int() {
            let code = super::objects::NpDType(d);
            let c = code.get_attr(&Value::None, "char", it)?.unwrap_or(Value::None);
            return raise(ExcKind::ValueError, format!("Invalid integer data type {}.", it.repr(&c)?));
        }
        Ok(Value::Object(Rc::new(IInfo(d))))
    }
}

/// A float type's parameters, as numpy's `MachArLike` holds them.
struct Params {
    nmant: i32,
    nexp: i32,
    minexp: i32,
    maxexp: i32,
    precision: i32,
    /// The `%*.*e` numpy prints the limits with in `str(finfo)` (width, digits).
    width: usize,
    digits: usize,
}

fn params(d: DType) -> Params {
    match d {
        DType::F16 => Params {
            nmant: 10,
            nexp: 5,
            minexp: -14,
            maxexp: 16,
            precision: 3,
            width: 12,
            digits: 5,
        },
        DType::F32 => Params {
            nmant: 23,
            nexp: 8,
            minexp: -126,
            maxexp: 128,
            precision: 6,
            width: 15,
            digits: 7,
        },
        _ => Params {
            nmant: 52,
            nexp: 11,
            minexp: -1022,
            maxexp: 1024,
            precision: 15,
            width: 24,
            digits: 16,
        },
    }
}

/// `np.finfo(float16)`: the float type's machine parameters.
struct FInfo(DType);

impl FInfo {
    fn value(&self, name: &str) -> Option<f64> {
        let p = params(self.0);
        let two = 2f64;
        Some(match name {
            "eps" => two.powi(-p.nmant),
            "epsneg" => two.powi(-p.nmant - 1),
            "max" => (two - two.powi(-p.nmant)) * two.powi(p.maxexp - 1),
            "min" => -(two - two.powi(-p.nmant)) * two.powi(p.maxexp - 1),
            "tiny" | "smallest_normal" => two.powi(p.minexp),
            "smallest_subnormal" => two.powi(p.minexp - p.nmant),
            "resolution" => 10f64.powi(-p.precision),
            _ => return None,
        })
    }

    fn scalar(&self, v: f64) -> Value {
        Value::ndarray(Tensor::full(self.0, &[], v))
    }

    /// The limit as numpy's `str(finfo)` prints it: `%12.5e` of the float16 value.
    fn text(&self, name: &str) -> String {
        let p = params(self.0);
        let v = Tensor::full(self.0, &[], self.value(name).unwrap_or(0.0))
            .item_f64()
            .unwrap_or(0.0);
        let s = crate::print::cfmt::fix_exp(&format!("{:.*e}", p.digits, v));
        format!("{:>w$}", s, w = p.width).trim().to_string()
    }
}

impl Object for FInfo {
    fn type_name(&self) -> String {
        "finfo".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        let p = params(self.0);
        if let Some(v) = self.value(name) {
            return Ok(Some(self.scalar(v)));
        }
        Ok(match name {
            "bits" => Some(Value::Int(self.0.size_bytes() as i64 * 8)),
            "precision" => Some(Value::Int(p.precision as i64)),
            "maxexp" => Some(Value::Int(p.maxexp as i64)),
            "minexp" => Some(Value::Int(p.minexp as i64)),
            "nmant" => Some(Value::Int(p.nmant as i64)),
            "nexp" | "iexp" => Some(Value::Int(p.nexp as i64)),
            "machep" => Some(Value::Int(-p.nmant as i64)),
            "negep" => Some(Value::Int(-p.nmant as i64 - 1)),
            "dtype" => Some(np_dtype_value(self.0)),
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let res = self.scalar(self.value("resolution").unwrap_or(0.0));
        Ok(format!(
            "finfo(resolution={}, min=-{}, max={}, dtype={})",
            it.repr(&res)?,
            self.text("max"),
            self.text("max"),
            self.0.name()
        ))
    }
    fn str(&self, _: &mut Interp) -> R<String> {
        let p = params(self.0);
        let rule = "-".repeat(63);
        Ok(format!(
            "Machine parameters for {}\n{rule}\n\
             precision = {:>3}   resolution = {}\n\
             machep = {:>6}   eps =        {}\n\
             negep =  {:>6}   epsneg =     {}\n\
             minexp = {:>6}   tiny =       {}\n\
             maxexp = {:>6}   max =        {}\n\
             nexp =   {:>6}   min =        -max\n\
             smallest_normal = {}   smallest_subnormal = {}\n{rule}\n",
            self.0.name(),
            p.precision,
            self.text("resolution"),
            -p.nmant,
            self.text("eps"),
            -p.nmant - 1,
            self.text("epsneg"),
            p.minexp,
            self.text("tiny"),
            p.maxexp,
            self.text("max"),
            p.nexp,
            self.text("smallest_normal"),
            self.text("smallest_subnormal"),
        ))
    }
    fn attr_names(&self) -> Vec<String> {
        [
            "bits",
            "dtype",
            "eps",
            "epsneg",
            "iexp",
            "machep",
            "max",
            "maxexp",
            "min",
            "minexp",
            "negep",
            "nexp",
            "nmant",
            "precision",
            "resolution",
            "smallest_normal",
            "smallest_subnormal",
            "tiny",
        ]
        .map(String::from)
        .to_vec()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Machine limits for floating point types.
    python ["np.finfo"]
    fn finfo(it, dtype) {
        let d = dtype_of(it, &dtype)?;
        // numpy's finfo of an int or bool is its ValueError; of Python's float, float64.
        if !matches!(d, DType::F16 | DType::F32 | DType::F64) {
            let path = super::objects::NpType(d);
            return raise(ExcKind::ValueError, format!("data type {} not inexact", it.repr(&Value::Object(Rc::new(path)))?));
        }
        Ok(Value::Object(Rc::new(FInfo(d))))
    }
}

/// The floating-point error handling numpy keeps per thread: what to do on divide,
/// over, under and invalid. tensh computes without numpy's warnings, so the settings
/// are recorded and reported, not acted on.
const ERR_KINDS: [&str; 4] = ["divide", "over", "under", "invalid"];
const ERR_ACTIONS: [&str; 6] = ["ignore", "warn", "raise", "call", "print", "log"];

thread_local! {
    static ERR_STATE: RefCell<[&'static str; 4]> = const { RefCell::new(["warn", "warn", "ignore", "warn"]) };
}

fn err_dict() -> Value {
    let state = ERR_STATE.with(|s| *s.borrow());
    let mut d = crate::eval::value::Dict::default();
    for (k, v) in ERR_KINDS.iter().zip(state) {
        // String keys always hash.
        let _ = d.insert(Value::str(k), Value::str(v));
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

/// Applies `all=`/`divide=`/... settings; the previous state is returned.
fn set_err(kwargs: &Value) -> R<[&'static str; 4]> {
    let before = ERR_STATE.with(|s| *s.borrow());
    let mut next = before;
    let mut all: Option<&'static str> = None;
    if let Value::Dict(d) = kwargs {
        let d = d.borrow();
        for (k, v) in d.keys.iter().zip(&d.values) {
            let (Value::Str(k), Value::Str(v)) = (k, v) else {
                continue;
            };
            let Some(action) = ERR_ACTIONS.iter().find(|a| **a == v.as_ref()) else {
                return raise(ExcKind::ValueError, format!("invalid error action '{}'", v));
            };
            if k.as_ref() == "all" {
                all = Some(action);
            } else if let Some(i) = ERR_KINDS.iter().position(|n| *n == k.as_ref()) {
                next[i] = action;
            } else {
                return raise(
                    ExcKind::TypeError,
                    format!("seterr() got an unexpected keyword argument '{}'", k),
                );
            }
        }
    }
    if let Some(a) = all {
        // Named kinds win over `all`.
        let named: Vec<usize> = match kwargs {
            Value::Dict(d) => d
                .borrow()
                .keys
                .iter()
                .filter_map(|k| match k {
                    Value::Str(k) => ERR_KINDS.iter().position(|n| *n == k.as_ref()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for (i, slot) in next.iter_mut().enumerate() {
            if !named.contains(&i) {
                *slot = a;
            }
        }
    }
    ERR_STATE.with(|s| *s.borrow_mut() = next);
    Ok(before)
}

builtin! {
    /// Set how floating-point errors are handled.
    python ["np.seterr"]
    fn seterr(it, **kwargs) {
        let _ = it;
        let before = err_dict();
        set_err(&kwargs)?;
        Ok(before)
    }
}

builtin! {
    /// Get the current way of handling floating-point errors.
    python ["np.geterr"]
    fn geterr(it) {
        let _ = it;
        Ok(err_dict())
    }
}

/// `with np.errstate(all='ignore'):` sets the error handling for its block.
struct ErrState {
    kwargs: Value,
    saved: RefCell<Vec<[&'static str; 4]>>,
}

fn errstate_method(_: &mut Interp, this: &Value, name: &'static str, _: Args) -> R<Value> {
    let Some(c) = this.as_object::<ErrState>() else {
        return Ok(Value::None);
    };
    if name == "__enter__" {
        let before = set_err(&c.kwargs)?;
        c.saved.borrow_mut().push(before);
        return Ok(Value::None);
    }
    if let Some(before) = c.saved.borrow_mut().pop() {
        ERR_STATE.with(|s| *s.borrow_mut() = before);
    }
    Ok(Value::Bool(false))
}

impl Object for ErrState {
    fn type_name(&self) -> String {
        "errstate".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(["__enter__", "__exit__"]
            .into_iter()
            .find(|m| *m == name)
            .map(|m| Value::method(this.clone(), m, errstate_method)))
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.errstate".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Context manager for floating-point error handling.
    python ["np.errstate"]
    fn errstate(it, *, call = None, **kwargs) {
        let _ = (it, call);
        // The actions are checked when the block is entered, as numpy does.
        Ok(Value::Object(Rc::new(ErrState { kwargs, saved: RefCell::new(Vec::new()) })))
    }
}
