//! numpy 1.26's new random API: `np.random.default_rng(seed)`, `np.random.Generator` and
//! the `np.random.PCG64` bit generator. A seed goes through `SeedSequence` as numpy's
//! does (an int of any size, or a sequence of ints and numeric strings, split into 32-bit
//! words); the methods (`generator_draws.rs`, `generator_sampling.rs`) draw what numpy
//! draws for the same seed. This file has the objects, the seeding, and the helpers the
//! methods share: numpy's `size`, parameter broadcasting, and filling an array from
//! draws with Ctrl-C checked between chunks.

use super::binomial::Binomial;
use super::pcg64::{int_words, Pcg64};
use super::{generator_draws as draws, generator_sampling as sampling};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Dict, Object};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use num_bigint::{BigInt, Sign};
use std::any::Any;
use std::cell::{RefCell, RefMut};
use std::rc::Rc;

/// `np.random.PCG64`: the bit generator a `Generator` draws from.
pub(crate) struct BitGenerator(Rc<RefCell<Pcg64>>);

impl Object for BitGenerator {
    fn type_name(&self) -> String {
        "PCG64".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "state" => Some(state_dict(&self.0.borrow())?),
            "random_raw" => Some(Value::method(this.clone(), "random_raw", random_raw)),
            _ => None,
        })
    }
    fn attr_names(&self) -> Vec<String> {
        vec!["random_raw".into(), "state".into()]
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<numpy.random._pcg64.PCG64 object at {:#x}>",
            self as *const BitGenerator as usize
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.random._pcg64.PCG64".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `PCG64.state`: numpy's dict of the 128-bit state and increment.
fn state_dict(g: &Pcg64) -> R<Value> {
    let (state, inc, half) = g.state();
    let big = |v: u128| crate::eval::bigint::norm(BigInt::from(v));
    let mut inner = Dict::default();
    inner.insert(Value::str("state"), big(state))?;
    inner.insert(Value::str("inc"), big(inc))?;
    let mut d = Dict::default();
    d.insert(Value::str("bit_generator"), Value::str("PCG64"))?;
    d.insert(
        Value::str("state"),
        Value::Dict(Rc::new(RefCell::new(inner))),
    )?;
    d.insert(Value::str("has_uint32"), Value::Int(half.is_some() as i64))?;
    d.insert(Value::str("uinteger"), Value::Int(half.unwrap_or(0) as i64))?;
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `PCG64.random_raw(size=None)`: the raw 64-bit draws (as int64 bit patterns: tensh has
/// no uint64 arrays).
fn random_raw(it: &mut Interp, this: &Value, _: &'static str, args: Args) -> R<Value> {
    let [size] = args.bind("random_raw", ["size=None"])?;
    let Some(b) = this.as_object::<BitGenerator>() else {
        return Ok(Value::None);
    };
    match np_size(it, &size.unwrap_or(Value::None), DType::I64)? {
        None => Ok(crate::eval::bigint::norm(BigInt::from(
            b.0.borrow_mut().next_u64(),
        ))),
        Some(_) => raise(
            ExcKind::NotImplementedError,
            "random_raw with a size needs uint64 arrays, which tensh does not have",
        ),
    }
}

/// `np.random.Generator`: numpy's distributions over a PCG64 bit generator.
pub(crate) struct Generator {
    /// The `PCG64` object (`rng.bit_generator`), and its state.
    bit_generator: Value,
    bits: Rc<RefCell<Pcg64>>,
    /// The binomial sampler's setup, kept between calls as numpy keeps it.
    pub(super) binomial: RefCell<Option<Binomial>>,
}

impl Generator {
    /// A generator over the `PCG64` object `bit_generator`.
    fn over(bit_generator: Value) -> Option<Value> {
        let bits = bit_generator.as_object::<BitGenerator>()?.0.clone();
        Some(Value::Object(Rc::new(Generator {
            bit_generator,
            bits,
            binomial: RefCell::new(None),
        })))
    }

    /// The bit generator, borrowed for a run of draws.
    pub(super) fn bits(&self) -> RefMut<'_, Pcg64> {
        self.bits.borrow_mut()
    }
}

const METHODS: [&str; 13] = [
    "random",
    "integers",
    "standard_normal",
    "normal",
    "uniform",
    "exponential",
    "standard_exponential",
    "binomial",
    "poisson",
    "bytes",
    "choice",
    "permutation",
    "shuffle",
];

fn method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(g) = this.as_object::<Generator>() else {
        return Ok(Value::None);
    };
    match name {
        "choice" => sampling::choice(it, g, args),
        "permutation" => sampling::permutation(it, g, args),
        "shuffle" => sampling::shuffle(it, g, args),
        "integers" => draws::integers(it, g, args),
        "bytes" => draws::bytes(it, g, args),
        _ => draws::distribution(it, g, name, args),
    }
}

impl Object for Generator {
    fn type_name(&self) -> String {
        "Generator".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if name == "bit_generator" {
            return Ok(Some(self.bit_generator.clone()));
        }
        Ok(METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, method)))
    }
    fn attr_names(&self) -> Vec<String> {
        let mut names: Vec<String> = METHODS.iter().map(|s| s.to_string()).collect();
        names.push("bit_generator".into());
        names
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "Generator(PCG64) at 0x{:X}",
            self as *const Generator as usize
        ))
    }
    fn str(&self, _it: &mut Interp) -> R<String> {
        Ok("Generator(PCG64)".into())
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.random._generator.Generator".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A non-negative Python int as 32-bit words, lowest first.
fn int_entropy(v: &Value) -> R<Vec<u32>> {
    let Some(b) = crate::eval::bigint::big_of(v) else {
        return Err(type_err("seed must be integer"));
    };
    if b.sign() == Sign::Minus {
        return raise(ExcKind::ValueError, "expected non-negative integer");
    }
    Ok(int_words(&b.to_u32_digits().1))
}

/// A seed string: `0x...` hex or decimal digits.
fn string_entropy(s: &str) -> R<Vec<u32>> {
    let (digits, radix) = match s.strip_prefix("0x") {
        Some(h) => (h, 16),
        None if s.starts_with(|c: char| c.is_ascii_digit()) => (s, 10),
        None => return raise(ExcKind::ValueError, "unrecognized seed string"),
    };
    match num_bigint::BigUint::parse_bytes(digits.replace('_', "").as_bytes(), radix) {
        Some(b) => Ok(int_words(&b.to_u32_digits())),
        None => raise(
            ExcKind::ValueError,
            format!("invalid literal for int() with base {}: '{}'", radix, s),
        ),
    }
}

/// numpy's `_coerce_to_uint32_array` for one item of a seed sequence.
fn item_entropy(it: &mut Interp, v: &Value) -> R<Vec<u32>> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int_entropy(v),
        Value::Str(s) => string_entropy(s),
        Value::Float(_) => Err(type_err("seed must be integer")),
        Value::List(_) | Value::Tuple(_) | Value::Range(..) => {
            let mut words = Vec::new();
            for x in it.collect_items(v)? {
                words.extend(item_entropy(it, &x)?);
            }
            Ok(words)
        }
        _ => match v.as_ndarray() {
            Some(t) if t.dtype().is_float() => Err(type_err("seed must be integer")),
            Some(t) if t.dtype() == DType::Bool => {
                Err(type_err("object of type 'numpy.bool_' has no len()"))
            }
            Some(t) => {
                let mut words = Vec::new();
                for x in t.to_i64_vec() {
                    words.extend(int_entropy(&Value::Int(x))?);
                }
                Ok(words)
            }
            None => Err(type_err(format!(
                "object of type '{}' has no len()",
                v.type_name()
            ))),
        },
    }
}

/// The 32-bit words `SeedSequence(seed)` hashes.
fn entropy_words(it: &mut Interp, seed: &Value) -> R<Vec<u32>> {
    match seed {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int_entropy(seed),
        Value::List(_) | Value::Tuple(_) | Value::Range(..) => item_entropy(it, seed),
        _ => match seed.as_ndarray() {
            Some(t) if t.ndim() > 0 => item_entropy(it, seed),
            Some(t) if !t.dtype().is_float() && t.dtype() != DType::Bool => {
                int_entropy(&Value::Int(t.item_i64().unwrap_or(0)))
            }
            _ => Err(type_err(format!(
                "SeedSequence expects int or sequence of ints for entropy not {}",
                it.str_of(seed)?
            ))),
        },
    }
}

/// `PCG64(seed)`.
fn pcg64_of(it: &mut Interp, seed: &Value) -> R<Value> {
    let g = match seed {
        Value::None => Pcg64::fresh(),
        _ => Pcg64::from_entropy_words(&entropy_words(it, seed)?),
    };
    Ok(Value::Object(Rc::new(BitGenerator(Rc::new(RefCell::new(
        g,
    ))))))
}

/// A new generator over `PCG64(seed)`.
fn seeded(it: &mut Interp, seed: &Value) -> R<Value> {
    let bits = pcg64_of(it, seed)?;
    Ok(Generator::over(bits).unwrap_or(Value::None))
}

builtin! {
    /// Construct a new Generator with the default BitGenerator (PCG64).
    python ["np.random.default_rng"]
    fn default_rng(it, seed = None) {
        if seed.as_object::<Generator>().is_some() {
            return Ok(seed);
        }
        match Generator::over(seed.clone()) {
            Some(g) => Ok(g),
            None => seeded(it, &seed),
        }
    }
}

builtin! {
    /// Container for the BitGenerators.
    python ["np.random.Generator"]
    fn Generator(it, bit_generator) {
        match Generator::over(bit_generator.clone()) {
            Some(g) => Ok(g),
            None => raise(
                ExcKind::AttributeError,
                format!("'{}' object has no attribute 'capsule'", bit_generator.type_name()),
            ),
        }
    }
}

builtin! {
    /// BitGenerator for the PCG-64 pseudo-random number generator.
    python ["np.random.PCG64"]
    fn PCG64(it, seed = None) {
        pcg64_of(it, &seed)
    }
}

/// numpy's `size`: None, an int, or a sequence of ints, for an array of `dtype`.
pub(super) fn np_size(it: &mut Interp, size: &Value, dtype: DType) -> R<Option<Vec<usize>>> {
    match size {
        Value::None => Ok(None),
        Value::Float(f) => Err(type_err(format!(
            "expected a sequence of integers or a single integer, got '{}'",
            crate::eval::repr::float_repr(*f)
        ))),
        Value::Str(_) => Err(type_err("'str' object cannot be interpreted as an integer")),
        _ => {
            let dims = crate::api::convert::int_list(it, size, "size")?;
            if dims.iter().any(|&d| d < 0) {
                return raise(ExcKind::ValueError, "negative dimensions are not allowed");
            }
            let dims: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
            crate::tensor::alloc::check(&dims, dtype, "np.random")
                .map_err(crate::api::numpy::np_err)?;
            Ok(Some(dims))
        }
    }
}

/// `n` draws, Ctrl-C checked every 65,536 of them.
pub(super) fn fill<T>(
    it: &mut Interp,
    g: &Generator,
    n: usize,
    mut draw: impl FnMut(&mut Pcg64, usize) -> T,
) -> R<Vec<T>> {
    let mut out = Vec::with_capacity(n);
    for start in (0..n).step_by(65_536) {
        it.check_interrupt()?;
        let mut bits = g.bits();
        for i in start..n.min(start + 65_536) {
            out.push(draw(&mut bits, i));
        }
    }
    Ok(out)
}

/// A shape as Python writes it: `(2,)`, `(2, 3)`, `()`.
pub(super) fn shape_tuple(s: &[usize]) -> String {
    match s {
        [one] => format!("({},)", one),
        _ => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The broadcast of numpy's multi-iterator over `shapes`, with its error naming the first
/// two arguments that do not fit.
pub(super) fn broadcast(shapes: &[&[usize]]) -> R<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1; nd];
    for (i, o) in out.iter_mut().enumerate() {
        let mut src = 0;
        for (j, s) in shapes.iter().enumerate() {
            let Some(k) = (i + s.len()).checked_sub(nd) else {
                continue;
            };
            let d = s[k];
            if d == 1 {
                continue;
            }
            if *o == 1 {
                *o = d;
                src = j;
            } else if *o != d {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is between arg {} with shape {} and arg {} with shape {}.",
                        src,
                        shape_tuple(shapes[src]),
                        j,
                        shape_tuple(s)
                    ),
                );
            }
        }
    }
    Ok(out)
}

/// A tensor's values spread over `shape` (which it broadcasts to), in C order.
pub(super) fn spread_f64(t: &Tensor, shape: &[usize]) -> R<Vec<f64>> {
    if t.shape() == shape {
        return Ok(t.to_f64_vec());
    }
    let b = crate::tensor::ops::shape::broadcast_to(t, shape).map_err(crate::api::numpy::np_err)?;
    Ok(b.to_f64_vec())
}
