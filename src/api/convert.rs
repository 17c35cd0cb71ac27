//! Conversions between Python values and tensors, as `tf.convert_to_tensor` does them:
//! nested lists to shapes, dtype inference (bool, int32, float32), dtype hints for Python
//! numbers, and back from tensors to Python numbers.

use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, value_err, Flow, R};
pub(crate) use crate::eval::value::given;
pub(crate) use crate::eval::value::{scalar_value, tensor_of};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, TStr, Tensor};

/// The leaves of a nested Python sequence, its shape, and the kinds of leaves seen.
struct Flat {
    vals: Vec<f64>,
    shape: Vec<usize>,
    has_float: bool,
    has_int: bool,
    has_bool: bool,
    /// A str or bytes leaf (a string tensor in TensorFlow).
    has_str: bool,
    /// An int past int64's range (only a float dtype can hold it).
    has_big: bool,
    tensor_dtype: Option<DType>,
    /// The imaginary parts, once a complex leaf has been seen (zeros before it).
    imag: Option<Vec<f64>>,
}

/// TensorFlow's limit on a tensor's rank.
const MAX_RANK: usize = 254;

fn flatten(it: &mut Interp, v: &Value, depth: usize, flat: &mut Flat) -> R<()> {
    match v {
        // A tensor has at most 254 dimensions; deeper nesting (a list that holds itself)
        // is where TensorFlow aborts the process, so it is an error here.
        Value::List(_) | Value::Tuple(_) if depth >= MAX_RANK => {
            raise(ExcKind::InvalidArgumentError, "Too many dimensions in tensor")
        }
        Value::List(_) | Value::Tuple(_) | Value::Range(..) => {
            if let Value::Range(r) = v {
                let n = crate::eval::sequences::range_count(r.0, r.1, r.2);
                if n.saturating_mul(8) > crate::tensor::alloc::limit() as i128 {
                    return raise(ExcKind::MemoryError, "");
                }
            }
            let items: Vec<Value> = it.collect_items(v)?;
            if flat.shape.len() == depth {
                flat.shape.push(items.len());
            } else if flat.shape.get(depth) != Some(&items.len()) {
                return Err(value_err("Can't convert non-rectangular Python sequence to Tensor."));
            }
            for x in &items {
                flatten(it, x, depth + 1, flat)?;
            }
            Ok(())
        }
        Value::Bool(b) => leaf(flat, depth, *b as i64 as f64, |f| f.has_bool = true),
        Value::Int(i) => leaf(flat, depth, *i as f64, |f| f.has_int = true),
        Value::Float(x) => leaf(flat, depth, *x, |f| f.has_float = true),
        Value::Tensor(t) => tensor_leaf(flat, depth, t),
        // A numpy integer scalar inside a list converts as a Python int does (TensorFlow
        // makes `[np.int8(5), np.int8(6)]` int32); numpy's floats keep their dtype.
        Value::NdArray(a) if depth > 0 && a.tensor().ndim() == 0 && a.dtype().is_int() => {
            let x = a.tensor().to_f64_vec().first().copied().unwrap_or(0.0);
            leaf(flat, depth, x, |f| f.has_int = true)
        }
        Value::NdArray(a) => tensor_leaf(flat, depth, &a.tensor()),

        Value::Variable(var) => {
            let t = var.value.borrow().clone();
            tensor_leaf(flat, depth, &t)
        }
        Value::Str(_) | Value::Bytes(_) => leaf(flat, depth, 0.0, |f| f.has_str = true),
        Value::BigInt(b) => {
            let x = crate::eval::bigint::to_f64(b).unwrap_or(f64::INFINITY);
            leaf(flat, depth, x, |f| f.has_big = true)
        }
        Value::None => Err(value_err("Attempt to convert a value (None) with an unsupported type (<class 'NoneType'>) to a Tensor.")),
        other => Err(value_err(format!(
            "Attempt to convert a value ({}) with an unsupported type (<class '{}'>) to a Tensor.",
            it.repr(other)?,
            other.type_name()
        ))),
    }
}

/// Checks the memory budget as the leaves pile up, so that a nested list too large for a
/// tensor fails before its float64 copy is built, not after (the copy may take twice the
/// tensor's bytes: the budget is taken as if each leaf were four bytes). `more` is the
/// growth about to happen.
fn grow_check(flat: &Flat, more: usize) -> R<()> {
    let n = flat.vals.len().saturating_add(more);
    crate::tensor::alloc::check(&[n], DType::F32, "Const")?;
    Ok(())
}

fn leaf(flat: &mut Flat, depth: usize, v: f64, mark: impl Fn(&mut Flat)) -> R<()> {
    if flat.shape.len() > depth {
        return Err(value_err(
            "Can't convert non-rectangular Python sequence to Tensor.",
        ));
    }
    // Before the vector doubles: the budget covers the allocation about to be made.
    if flat.vals.len() == flat.vals.capacity() {
        grow_check(flat, flat.vals.capacity().max(1024))?;
    }
    mark(flat);
    flat.vals.push(v);
    if let Some(im) = &mut flat.imag {
        im.push(0.0);
    }
    Ok(())
}

fn tensor_leaf(flat: &mut Flat, depth: usize, t: &Tensor) -> R<()> {
    for (i, &d) in t.shape().iter().enumerate() {
        match flat.shape.get(depth + i) {
            None => flat.shape.push(d),
            Some(&s) if s == d => {}
            _ => {
                return Err(value_err(
                    "Can't convert non-rectangular Python sequence to Tensor.",
                ))
            }
        }
    }
    flat.tensor_dtype = Some(match (flat.tensor_dtype, t.dtype()) {
        // A complex leaf makes the whole tensor complex.
        (Some(d), e) if d.is_complex() && !e.is_complex() => d,
        (_, e) => e,
    });
    grow_check(flat, t.size())?;
    if t.dtype().is_complex() {
        let (re, im) = crate::tensor::ops::complex::parts(t);
        let seen = flat.vals.len();
        flat.imag
            .get_or_insert_with(|| vec![0.0; seen])
            .extend(im.to_f64_vec());
        flat.vals.extend(re.to_f64_vec());
        return Ok(());
    }
    flat.vals.extend(t.to_f64_vec());
    if let Some(im) = &mut flat.imag {
        im.resize(flat.vals.len(), 0.0);
    }
    Ok(())
}

thread_local! {
    /// The sign of the first float zero each dtype converted from a Python number.
    static ZERO_SIGNS: std::cell::RefCell<Vec<(DType, bool)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// `tf.convert_to_tensor(v, dtype)`.
///
/// TensorFlow caches the tensors it makes from Python floats, keyed by value (Python's `==`)
/// and dtype, for the whole session. Only zeros can tell: `0.0 == -0.0`, so whichever sign
/// a dtype's zero was first converted with from a float, every later float zero has (a
/// Python int `0` is a separate entry).
pub fn to_tensor(it: &mut Interp, v: &Value, dtype: Option<DType>) -> R<Tensor> {
    let t = to_tensor_cached(it, v, dtype)?;
    if crate::tensor::compile::capture::on() && python_data(v, 4) {
        // Python numbers are constants of a captured step.
        crate::tensor::compile::capture::constant(&t);
    }
    Ok(t)
}

/// Whether `v` is Python data: numbers, strings, dtypes, shapes and containers of them
/// (no tensor, variable or array in it). A captured step holds what it makes as constants.
pub(crate) fn python_data(v: &Value, depth: u8) -> bool {
    match v {
        Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_) => true,
        Value::DType(_) | Value::Shape(_) => true,
        Value::List(l) | Value::Set(l) if depth > 0 => {
            l.borrow().iter().all(|x| python_data(x, depth - 1))
        }
        Value::Tuple(t) if depth > 0 => t.iter().all(|x| python_data(x, depth - 1)),
        Value::Dict(d) if depth > 0 => d.borrow().values.iter().all(|x| python_data(x, depth - 1)),
        _ => false,
    }
}

fn to_tensor_cached(it: &mut Interp, v: &Value, dtype: Option<DType>) -> R<Tensor> {
    let t = convert(it, v, dtype)?;
    let Value::Float(f) = v else {
        return Ok(t);
    };
    if *f != 0.0 || !t.dtype().is_float() {
        return Ok(t);
    }
    let neg = f.is_sign_negative();
    let first = ZERO_SIGNS.with(|z| {
        let mut z = z.borrow_mut();
        match z.iter().find(|(d, _)| *d == t.dtype()) {
            Some(&(_, first)) => first,
            None => {
                z.push((t.dtype(), neg));
                neg
            }
        }
    });
    Ok(match first == neg {
        true => t,
        false => Tensor::from_f64s(t.dtype(), &[], &[if first { -0.0 } else { 0.0 }]),
    })
}

/// Python values to a tensor as numpy converts them (no scalar cache), or as TensorFlow
/// does before its cache.
pub(crate) fn convert(it: &mut Interp, v: &Value, dtype: Option<DType>) -> R<Tensor> {
    match v {
        // A numpy array takes the requested dtype (`astype`), as TensorFlow converts it.
        Value::NdArray(a) => {
            let t = &a.tensor();
            return Ok(match dtype {
                Some(d) if d != t.dtype() => t.cast(d),
                _ => t.clone(),
            });
        }
        Value::Tensor(t) => {
            return match dtype {
                Some(d) if d != t.dtype() => Err(value_err(format!(
                    "Tensor conversion requested dtype {} for Tensor with dtype {}: {}",
                    d.name(),
                    t.dtype().name(),
                    crate::print::tensor_repr(t)
                ))),
                _ => Ok(t.clone()),
            }
        }
        Value::Variable(var) => {
            let t = var.read();
            return match dtype {
                Some(d) if d != t.dtype() => Err(value_err(format!(
                    "Tensor conversion requested dtype {} for Tensor with dtype {}",
                    d.name(),
                    t.dtype().name()
                ))),
                _ => Ok(t),
            };
        }
        _ => {}
    }
    let mut flat = Flat {
        vals: vec![],
        shape: vec![],
        has_float: false,
        has_int: false,
        has_bool: false,
        has_str: false,
        has_big: false,
        tensor_dtype: None,
        imag: None,
    };
    flatten(it, v, 0, &mut flat)?;
    if flat.has_str || flat.tensor_dtype == Some(DType::Str) {
        if flat.has_int
            || flat.has_float
            || flat.has_bool
            || flat.has_big
            || flat.tensor_dtype.is_some_and(|d| d != DType::Str)
        {
            return Err(value_err(
                "Can't convert Python sequence with mixed types to Tensor.",
            ));
        }
        if let Some(d) = dtype.filter(|&d| d != DType::Str) {
            return Err(type_err(format!(
                "Cannot convert {} to EagerTensor of dtype {}",
                it.repr(v)?,
                d.name()
            )));
        }
        let mut strs = Vec::with_capacity(flat.vals.len());
        string_leaves(v, &mut strs)?;
        return Ok(Tensor::from_vec(&flat.shape, strs));
    }
    if dtype == Some(DType::Str) && flat.vals.is_empty() && flat.tensor_dtype.is_none() {
        return Ok(Tensor::zeros(DType::Str, &flat.shape));
    }
    if dtype == Some(DType::Str) {
        return Err(type_err(format!(
            "Cannot convert {} to EagerTensor of dtype string",
            it.repr(v)?
        )));
    }
    if flat.has_big && !dtype.is_some_and(|d| d.is_float() || d == DType::U64) {
        return Err(value_err(
            "Can't convert Python sequence with out-of-range integer to Tensor.",
        ));
    }
    let inferred = if let Some(d) = flat.tensor_dtype {
        d
    } else if flat.has_float {
        DType::F32
    } else if flat.has_int {
        DType::I32
    } else if flat.has_bool {
        DType::Bool
    } else {
        DType::F32
    };
    let target = dtype.unwrap_or(inferred);
    if let Some(im) = &flat.imag {
        if !target.is_complex() {
            return Err(type_err(format!(
                "Cannot convert {} to EagerTensor of dtype {}",
                it.repr(v)?,
                target.name()
            )));
        }
        let real = target.real_dtype();
        let re = Tensor::from_f64s(real, &flat.shape, &flat.vals);
        let im = Tensor::from_f64s(real, &flat.shape, im);
        return Ok(crate::tensor::ops::complex::join(&re, &im).unwrap_or(re));
    }
    if let Some(d) = dtype {
        // A float that is not integral, or out of the dtype's range, cannot become an int
        // tensor.
        if !d.is_float() && d != DType::Bool && flat.has_float {
            let (lo, hi) = match d {
                DType::I8 => (i8::MIN as f64, i8::MAX as f64),
                DType::I16 => (i16::MIN as f64, i16::MAX as f64),
                DType::I32 => (i32::MIN as f64, i32::MAX as f64),
                DType::U8 => (0.0, u8::MAX as f64),
                DType::U16 => (0.0, u16::MAX as f64),
                DType::U32 => (0.0, u32::MAX as f64),
                DType::U64 => (0.0, u64::MAX as f64),
                _ => (i64::MIN as f64, i64::MAX as f64),
            };
            if let Some(bad) = flat
                .vals
                .iter()
                .find(|x| x.fract() != 0.0 || **x < lo || **x > hi)
            {
                return Err(type_err(format!(
                    "Cannot convert {} to EagerTensor of dtype {}",
                    crate::eval::repr::float_repr(*bad),
                    d.name()
                )));
            }
        }
        if d == DType::Bool && (flat.has_float || flat.has_int) {
            return Err(type_err(format!(
                "Cannot convert {} to EagerTensor of dtype bool",
                it.repr(v)?
            )));
        }
        // Python ints wrap around into narrower integer dtypes, as TensorFlow converts them
        // (tf.constant(2**31, dtype=tf.int32) is -2147483648, 256 as uint8 is 0).
        if d == DType::U64 && !flat.has_float {
            let v: Vec<u64> = flat
                .vals
                .iter()
                .map(|&x| if x < 0.0 { x as i64 as u64 } else { x as u64 })
                .collect();
            return Ok(Tensor::from_vec(&flat.shape, v));
        }
        if d.is_int() && d != DType::I64 && !flat.has_float {
            let wide: Vec<i64> = flat.vals.iter().map(|&x| x as i64).collect();
            return Ok(Tensor::from_vec(&flat.shape, wide).cast_kernel(d));
        }
    } else if inferred == DType::I32
        && flat
            .vals
            .iter()
            .any(|x| *x > i32::MAX as f64 || *x < i32::MIN as f64)
    {
        return Ok(Tensor::from_f64s(DType::I64, &flat.shape, &flat.vals));
    }
    Ok(Tensor::from_f64s(target, &flat.shape, &flat.vals))
}

/// The strings of a nested sequence that `flatten` found rectangular and all strings (or
/// string tensors), in row-major order; a Python `str` is stored as its UTF-8 bytes.
fn string_leaves(v: &Value, out: &mut Vec<TStr>) -> R<()> {
    match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            items.iter().try_for_each(|x| string_leaves(x, out))
        }
        Value::Tuple(t) => t.iter().try_for_each(|x| string_leaves(x, out)),
        Value::Str(s) => {
            out.push(TStr::from_str(s)?);
            Ok(())
        }
        Value::Bytes(b) => {
            out.push(TStr::intern(b)?);
            Ok(())
        }
        other => {
            if let Some(t) = tensor_of(other) {
                out.extend(t.to_vec::<TStr>()?);
            }
            Ok(())
        }
    }
}

/// `int(x)`, `float(x)`, `round(x)` of a one-element tensor.
pub(crate) fn scalar_of(v: &Value, what: &str) -> R<Value> {
    let t =
        tensor_of(v).ok_or_else(|| type_err(format!("{}() argument must be a number", what)))?;
    if t.size() != 1 {
        return Err(type_err(
            "only integer scalar arrays can be converted to a scalar index",
        ));
    }
    Ok(scalar_value(&t))
}

/// A short repr of a value TensorFlow cannot convert, for its error message.
fn unsupported_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Ellipsis => "Ellipsis".into(),
        Value::DType(d) => format!("tf.{}", d.name()),
        Value::Dict(d) if d.borrow().keys.is_empty() => "{}".into(),
        other => format!("<{} object>", other.type_name()),
    }
}

/// Walks `v` as `convert_to_tensor` would: the shape seen so far, and which leaf kinds
/// (numbers, ints past int64, strings, tensors).
fn classify(v: &Value, depth: usize, shape: &mut Vec<usize>, kinds: &mut [bool; 4]) -> R<()> {
    let items: Vec<Value> = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.as_ref().clone(),
        Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Range(..) => {
            kinds[0] = true;
            return leaf_depth(shape, depth);
        }
        Value::BigInt(_) => {
            kinds[1] = true;
            return leaf_depth(shape, depth);
        }
        Value::Str(_) | Value::Bytes(_) => {
            kinds[2] = true;
            return leaf_depth(shape, depth);
        }
        Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
            kinds[3] = true;
            return Ok(());
        }
        other => {
            return Err(value_err(format!(
            "Attempt to convert a value ({}) with an unsupported type (<class '{}'>) to a Tensor.",
            unsupported_repr(other),
            other.type_name()
        )))
        }
    };
    if depth >= MAX_RANK {
        return raise(
            ExcKind::InvalidArgumentError,
            "Too many dimensions in tensor",
        );
    }
    if shape.len() == depth {
        shape.push(items.len());
    } else if shape.get(depth) != Some(&items.len()) {
        return Err(value_err(
            "Can't convert non-rectangular Python sequence to Tensor.",
        ));
    }
    for x in &items {
        classify(x, depth + 1, shape, kinds)?;
    }
    Ok(())
}

fn leaf_depth(shape: &[usize], depth: usize) -> R<()> {
    if shape.len() > depth {
        return Err(value_err(
            "Can't convert non-rectangular Python sequence to Tensor.",
        ));
    }
    Ok(())
}

/// The error TensorFlow's `convert_to_tensor` raises for `v`, if it raises one: a ragged or
/// mixed sequence, an int past int64, an object it cannot convert (ValueError), or
/// strings (a string tensor, which numeric kernels refuse). Integer arguments (axes,
/// shapes, counts) go through that conversion first, so their errors are these.
pub(crate) fn conversion_error(v: &Value) -> Option<Flow> {
    let mut kinds = [false; 4];
    if let Err(e) = classify(v, 0, &mut Vec::new(), &mut kinds) {
        return Some(e);
    }
    let [num, big, string, tensor] = kinds;
    if string && (num || big || tensor) {
        return Some(value_err(
            "Can't convert Python sequence with mixed types to Tensor.",
        ));
    }
    if string {
        return Some(err(
            ExcKind::InvalidArgumentError,
            "tensh tensors hold numbers and bools; strings are not supported",
        ));
    }
    if big {
        return Some(value_err(
            "Can't convert Python sequence with out-of-range integer to Tensor.",
        ));
    }
    None
}

/// An integer argument TensorFlow converts to a tensor that is not an int or int scalar:
/// the conversion's own error, else the kernel's (a float, bool or non-scalar tensor).
fn not_an_int(v: &Value, what: &str, scalar: bool) -> Flow {
    let v = &v.arrays_as_tensors();
    if let Some(e) = conversion_error(v) {
        return e;
    }
    let kernel = |m: String| err(ExcKind::InvalidArgumentError, m);
    match v {
        Value::Float(_) => type_err(format!("{} must be an integer, not float", what)),
        Value::List(_) | Value::Tuple(_) | Value::Range(..) if scalar => {
            kernel(format!("{} must be a scalar", what))
        }
        Value::Tensor(t) if !t.dtype().is_float() && t.dtype() != DType::Bool => kernel(format!(
            "{} must be a scalar, not a tensor of shape {}",
            what,
            crate::tensor::broadcast::shape_brackets(t.shape())
        )),
        Value::Tensor(t) => kernel(format!(
            "Value for attr 'Tidx' of {} is not in the list of allowed values: int32, int64",
            t.dtype().name()
        )),
        Value::Variable(var) => not_an_int(&Value::Tensor(var.read()), what, scalar),
        Value::Bool(_) => kernel(
            "Value for attr 'Tidx' of bool is not in the list of allowed values: int32, int64"
                .into(),
        ),
        other => type_err(format!(
            "{} must be an integer, not {}",
            what,
            other.type_name()
        )),
    }
}

/// A list of integers from a list, tuple, TensorShape or 1-D tensor (shapes, axes, perms).
pub(crate) fn int_list(it: &mut Interp, v: &Value, what: &str) -> R<Vec<i64>> {
    let v = &v.arrays_as_tensors();
    match v {
        Value::Int(i) => Ok(vec![*i]),
        Value::Shape(s) => match &s.dims {
            Some(d) => d
                .iter()
                .map(|x| {
                    x.map(|n| n as i64)
                        .ok_or_else(|| value_err(format!("{} must be fully defined", what)))
                })
                .collect(),
            None => Err(value_err(format!("{} must have a known rank", what))),
        },
        Value::Tensor(t) if !t.dtype().is_float() && t.dtype() != DType::Bool => Ok(t.to_i64_vec()),
        Value::Variable(var)
            if !var.read().dtype().is_float() && var.read().dtype() != DType::Bool =>
        {
            Ok(var.read().to_i64_vec())
        }
        Value::Variable(_) | Value::Tensor(_) | Value::NdArray(_) | Value::Bool(_) => {
            Err(not_an_int(v, what, false))
        }
        Value::Range(..) => Ok(to_tensor(it, v, None)?.to_i64_vec()),
        Value::List(_) | Value::Tuple(_) => {
            if let Some(e) = conversion_error(v) {
                return Err(e);
            }
            let items: Vec<Value> = it.collect_items(v)?;
            let mut out = Vec::with_capacity(items.len());
            for x in items {
                match &x.arrays_as_tensors() {
                    Value::Int(i) => out.push(*i),
                    Value::Bool(b) => out.push(*b as i64),
                    Value::Tensor(t) if t.size() == 1 && !t.dtype().is_float() => {
                        out.push(t.item_i64().unwrap_or(0))
                    }
                    Value::None => out.push(-1),
                    // A nested list of ints converts to an int tensor (its values in order).
                    Value::List(_) | Value::Tuple(_) => {
                        let t = to_tensor(it, &x, None)?;
                        if t.size() > 0 && (t.dtype().is_float() || t.dtype() == DType::Bool) {
                            return Err(not_an_int(&Value::Tensor(t), what, false));
                        }
                        out.extend(t.to_i64_vec());
                    }
                    Value::Tensor(_) | Value::NdArray(_) | Value::Variable(_) => {
                        return Err(not_an_int(&x, what, false))
                    }
                    other => {
                        return Err(type_err(format!(
                            "Expected int32, but got {} of type '{}'.",
                            it.repr(other)?,
                            other.type_name()
                        )))
                    }
                }
            }
            Ok(out)
        }
        other => Err(conversion_error(other).unwrap_or_else(|| {
            type_err(format!(
                "{} must be a list of integers, not {}",
                what,
                other.type_name()
            ))
        })),
    }
}

/// A dtype argument: `tf.float32`, `'float32'`, or numpy's `np.float32`.
pub(crate) fn dtype_arg(v: &Value) -> R<DType> {
    match v {
        Value::DType(d) => Ok(*d),
        Value::Str(s) => DType::from_name(s).ok_or_else(|| {
            type_err(format!(
                "Cannot convert the argument `type_value`: '{}' to a TensorFlow DType.",
                s
            ))
        }),
        Value::Builtin(b)
            if b.name.starts_with("numpy.") && DType::from_name(&b.name[6..]).is_some() =>
        {
            Ok(DType::from_name(&b.name[6..]).unwrap_or(DType::F32))
        }
        Value::Object(o) if o.as_dtype().is_some() => Ok(o.as_dtype().unwrap_or(DType::F32)),
        Value::Builtin(b) if b.name == "float" => Ok(DType::F32),
        Value::Builtin(b) if b.name == "int" => Ok(DType::I32),
        Value::Builtin(b) if b.name == "bool" => Ok(DType::Bool),
        other => Err(type_err(format!(
            "Cannot convert the argument `type_value`: {} to a TensorFlow DType.",
            other.type_name()
        ))),
    }
}

/// An optional float argument, `default` when it was not given.
pub(crate) fn f64_or(v: Option<Value>, what: &str, default: f64) -> R<f64> {
    Ok(v.map(|v| f64_arg(&v, what)).transpose()?.unwrap_or(default))
}

/// A Python float from a number or one-element tensor.
pub(crate) fn f64_arg(v: &Value, what: &str) -> R<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        _ => match tensor_of(v) {
            Some(t) if t.size() == 1 => Ok(t.item_f64().unwrap_or(0.0)),
            _ => Err(type_err(format!(
                "{} must be a number, not {}",
                what,
                v.type_name()
            ))),
        },
    }
}

/// An integer from an int or integer scalar tensor: a Python-level or attribute argument,
/// which TensorFlow checks itself (a TypeError for anything else).
pub(crate) fn i64_arg(v: &Value, what: &str) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => match tensor_of(v) {
            Some(t) if t.size() == 1 && !t.dtype().is_float() => Ok(t.item_i64().unwrap_or(0)),
            _ => Err(type_err(format!(
                "{} must be an integer, not {}",
                what,
                v.type_name()
            ))),
        },
    }
}

/// An integer op input (an axis, a depth, a count) that TensorFlow converts to a tensor:
/// what cannot convert fails as the conversion does, a float, bool or non-scalar tensor as
/// the kernel does.
pub(crate) fn int_input(v: &Value, what: &str) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        _ => match tensor_of(v) {
            Some(t) if t.size() == 1 && !t.dtype().is_float() && t.dtype() != DType::Bool => {
                Ok(t.item_i64().unwrap_or(0))
            }
            _ => Err(not_an_int(v, what, true)),
        },
    }
}

/// A scalar op input (`tf.range`'s bounds): what cannot convert fails as the conversion
/// does, a sequence or a tensor with more than one element as the kernel does.
pub(crate) fn scalar_input(v: &Value, op: &str) -> R<()> {
    if let Some(e) = conversion_error(v) {
        return Err(e);
    }
    let rank = match v {
        Value::List(_) | Value::Tuple(_) | Value::Range(..) => 1,
        _ => tensor_of(v).map_or(0, |t| t.ndim()),
    };
    if rank > 0 {
        return raise(
            ExcKind::InvalidArgumentError,
            format!(
                "{} expects scalar inputs, got an input of rank {}",
                op, rank
            ),
        );
    }
    Ok(())
}

/// A dtype parameter that may be None.
pub(crate) fn opt_dtype(v: &Value) -> R<Option<DType>> {
    match v {
        Value::None => Ok(None),
        v => dtype_arg(v).map(Some),
    }
}
