//! `np.random`: numpy 1.26's legacy global generator and `np.random.RandomState`, drawing
//! what numpy draws for the same seed (`mt19937.rs` has the generator and the
//! distributions). Functions take numpy's `size` (None gives a Python scalar, as numpy
//! returns one); arrays come out float64 or int64. numpy's new API (`default_rng`,
//! `Generator`, `PCG64`) is in `generator.rs`. Not here yet: the distributions notebooks
//! rarely call.

mod binomial;
pub(crate) mod draws;
mod generator;
mod generator_draws;
mod generator_sampling;
pub(crate) mod mt19937;
pub(crate) mod pcg64;
mod sampling;
mod ziggurat;

use crate::api::convert::{f64_arg, i64_arg, int_list};

/// A source of random bits, numpy's `bitgen_t`: what the legacy Mersenne Twister and
/// PCG64 share, and the draws written once over it.
pub(crate) trait Bits {
    fn next_u32(&mut self) -> u32;
    fn next_u64(&mut self) -> u64;

    /// A uniform integer in `[0, max]` by masked rejection (numpy's `random_interval`,
    /// used by `shuffle`).
    fn interval(&mut self, max: u64) -> u64 {
        if max == 0 {
            return 0;
        }
        let mask = mt19937::mask_of(max);
        if max <= 0xffff_ffff {
            loop {
                let v = self.next_u32() as u64 & mask;
                if v <= max {
                    return v;
                }
            }
        }
        loop {
            let v = self.next_u64() & mask;
            if v <= max {
                return v;
            }
        }
    }
}
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::tensor::{DType, Tensor};
use mt19937::Mt19937;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `isinstance(x, np.random.Generator)` (or `PCG64`).
pub(crate) fn is_instance(x: &Value, type_name: &str) -> bool {
    match type_name {
        "numpy.random.Generator" => x.as_object::<generator::Generator>().is_some(),
        _ => x.as_object::<generator::BitGenerator>().is_some(),
    }
}

/// A generator's state, shared by the handles that refer to it.
pub(super) type Shared = Rc<RefCell<Mt19937>>;

thread_local! {
    /// The global generator behind `np.random.*`, seeded from the OS when first used.
    static GLOBAL: RefCell<Option<Shared>> = const { RefCell::new(None) };
}

fn entropy_seed() -> Mt19937 {
    let mut words = [0u32; 4];
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    words[0] = t as u32;
    words[1] = (t >> 32) as u32;
    words[2] = std::process::id();
    words[3] = rand::random::<u32>();
    Mt19937::from_array(&words)
}

fn global() -> Shared {
    GLOBAL.with(|g| {
        g.borrow_mut()
            .get_or_insert_with(|| Rc::new(RefCell::new(entropy_seed())))
            .clone()
    })
}

/// numpy's `_legacy_seeding`: an integer in [0, 2**32), or a 1-d sequence of them.
fn seeded(it: &mut Interp, seed: &Value) -> R<Mt19937> {
    let range = || raise::<Mt19937>(ExcKind::ValueError, "Seed must be between 0 and 2**32 - 1");
    match seed {
        Value::None => Ok(entropy_seed()),
        Value::Bool(b) => Ok(Mt19937::from_seed(*b as u32)),
        Value::Int(i) => {
            if *i < 0 || *i > u32::MAX as i64 {
                return range();
            }
            Ok(Mt19937::from_seed(*i as u32))
        }
        Value::BigInt(_) => range(),
        Value::Float(_) => Err(type_err(
            "Cannot cast scalar from dtype('float64') to dtype('int64') according to the rule 'safe'",
        )),
        other => {
            let t = crate::api::numpy::np_array(it, other, None)?;
            if t.ndim() == 0 {
                if let Some(i) = t.item_i64().filter(|_| !t.dtype().is_float()) {
                    return seeded(it, &Value::Int(i));
                }
            }
            if t.dtype().is_float() {
                return Err(type_err(
                    "Cannot cast array data from dtype('float64') to dtype('int64') according to the rule 'safe'",
                ));
            }
            if t.size() == 0 {
                return raise(ExcKind::ValueError, "Seed must be non-empty");
            }
            if t.ndim() != 1 {
                return raise(ExcKind::ValueError, "Seed array must be 1-d");
            }
            let keys = t.to_i64_vec();
            if keys.iter().any(|k| *k < 0 || *k > u32::MAX as i64) {
                return range();
            }
            let keys: Vec<u32> = keys.iter().map(|k| *k as u32).collect();
            Ok(Mt19937::from_array(&keys))
        }
    }
}

/// numpy's `size`: None for a scalar, an int or a sequence of ints for an array.
pub(super) fn size_arg(it: &mut Interp, size: &Value) -> R<Option<Vec<usize>>> {
    if matches!(size, Value::None) {
        return Ok(None);
    }
    let dims = int_list(it, size, "size")?;
    if dims.iter().any(|&d| d < 0) {
        return raise(ExcKind::ValueError, "negative dimensions are not allowed");
    }
    let dims: Vec<usize> = dims.iter().map(|&d| d as usize).collect();
    crate::tensor::alloc::check(&dims, DType::F64, "np.random")
        .map_err(crate::api::numpy::np_err)?;
    Ok(Some(dims))
}

/// The dims `rand(d0, d1, ...)` takes as separate arguments.
fn dims_of(args: &[Value]) -> R<Option<Vec<usize>>> {
    if args.is_empty() {
        return Ok(None);
    }
    let mut dims = Vec::new();
    for a in args {
        match a {
            Value::Int(i) if *i >= 0 => dims.push(*i as usize),
            Value::Int(_) => {
                return raise(ExcKind::ValueError, "negative dimensions are not allowed")
            }
            other => {
                return Err(type_err(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )))
            }
        }
    }
    crate::tensor::alloc::check(&dims, DType::F64, "np.random")
        .map_err(crate::api::numpy::np_err)?;
    Ok(Some(dims))
}

/// An array of `dims` filled by `draw`, checking for Ctrl-C every 65,536 draws.
fn draws<T: crate::tensor::Elem>(
    it: &mut Interp,
    g: &Shared,
    dims: &[usize],
    mut draw: impl FnMut(&mut Mt19937) -> T,
) -> R<Tensor> {
    let n: usize = dims.iter().product();
    let mut out = Vec::with_capacity(n);
    for chunk in 0..n.div_ceil(65_536) {
        it.check_interrupt()?;
        let mut r = g.borrow_mut();
        for _ in chunk * 65_536..(n.min((chunk + 1) * 65_536)) {
            out.push(draw(&mut r));
        }
    }
    Ok(Tensor::from_vec(dims, out))
}

/// Floats from `draw`, as a Python float (no size) or a float64 array.
fn floats(
    it: &mut Interp,
    g: &Shared,
    size: Option<Vec<usize>>,
    mut draw: impl FnMut(&mut Mt19937) -> f64,
) -> R<Value> {
    match size {
        None => Ok(Value::Float(draw(&mut g.borrow_mut()))),
        Some(dims) => Ok(Value::ndarray(draws(it, g, &dims, draw)?)),
    }
}

/// int64 values from `draw`: a Python int without a size.
fn ints(
    it: &mut Interp,
    g: &Shared,
    size: Option<Vec<usize>>,
    mut draw: impl FnMut(&mut Mt19937) -> i64,
) -> R<Value> {
    match size {
        None => Ok(Value::Int(draw(&mut g.borrow_mut()))),
        Some(dims) => Ok(Value::ndarray(draws(it, g, &dims, draw)?)),
    }
}

fn scalar_f64(v: &Value, what: &str) -> R<f64> {
    if let Value::Tensor(t) = &v.arrays_as_tensors() {
        if t.size() != 1 {
            return raise(
                ExcKind::NotImplementedError,
                format!("tensh's np.random takes a scalar {} (arrays of parameters are not supported yet)", what),
            );
        }
    }
    f64_arg(v, what)
}

fn randint(it: &mut Interp, g: &Shared, args: Args) -> R<Value> {
    let [low, high, size, dtype] =
        args.bind("randint", ["low", "high=None", "size=None", "dtype=int"])?;
    let low = low.unwrap_or(Value::None);
    let (lo, hi) = match high.filter(|h| !matches!(h, Value::None)) {
        Some(h) => (i64_arg(&low, "low")?, i64_arg(&h, "high")?),
        None => (0, i64_arg(&low, "low")?),
    };
    if lo >= hi {
        return raise(ExcKind::ValueError, "low >= high");
    }
    let dtype = match dtype {
        None => None,
        Some(Value::Builtin(b)) if b.name == "int" => None,
        Some(d) => Some(crate::api::convert::dtype_arg(&d)?),
    };
    let size = size_arg(it, &size.unwrap_or(Value::None))?;
    let rng = (hi as i128 - lo as i128 - 1) as u64;
    match dtype {
        None | Some(DType::I64) => {
            let explicit = dtype.is_some();
            let v = ints(it, g, size, |r| r.bounded_u64(lo as u64, rng) as i64)?;
            match v {
                Value::Int(i) if explicit => Ok(Value::ndarray(Tensor::scalar(i))),
                v => Ok(v),
            }
        }
        Some(DType::I32) => {
            if lo < i32::MIN as i64 || hi > i32::MAX as i64 + 1 {
                return raise(ExcKind::ValueError, "low is out of bounds for int32");
            }
            let dims = size.unwrap_or_default();
            let t = draws(it, g, &dims, |r| {
                r.bounded_u64(lo as u64, rng) as i64 as i32
            })?;
            Ok(Value::ndarray(t))
        }
        Some(DType::U8) => {
            if lo < 0 || hi > 256 {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "{} is out of bounds for uint8",
                        if lo < 0 { "low" } else { "high" }
                    ),
                );
            }
            let dims = size.unwrap_or_default();
            let mut buf = (0u32, 0u32);
            let t = draws(it, g, &dims, |r| {
                r.bounded_u8(lo as u8, rng as u8, &mut buf)
            })?;
            Ok(Value::ndarray(t))
        }
        Some(DType::Bool) => {
            if lo < 0 || hi > 2 {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "{} is out of bounds for bool",
                        if lo < 0 { "low" } else { "high" }
                    ),
                );
            }
            let dims = size.unwrap_or_default();
            let mut buf = (0u32, 0u32);
            let t = draws(it, g, &dims, |r| {
                r.bounded_bool(lo == 1, rng == 1, &mut buf)
            })?;
            Ok(Value::ndarray(t))
        }
        Some(d) => Err(type_err(format!(
            "Unsupported dtype dtype('{}') for randint",
            d.name()
        ))),
    }
}

fn binomial(it: &mut Interp, g: &Shared, args: Args) -> R<Value> {
    let [n, p, size] = args.bind("binomial", ["n", "p", "size=None"])?;
    let n = i64_arg(&n.unwrap_or(Value::None), "n")?;
    let p = scalar_f64(&p.unwrap_or(Value::None), "p")?;
    if n < 0 {
        return raise(ExcKind::ValueError, "n < 0");
    }
    if !(0.0..=1.0).contains(&p) {
        return raise(ExcKind::ValueError, "p < 0, p > 1 or p is NaN");
    }
    let size = size_arg(it, &size.unwrap_or(Value::None))?;
    ints(it, g, size, |r| r.binomial(n, p))
}

/// The distribution functions, shared by the module and `RandomState` objects.
fn draw(it: &mut Interp, g: &Shared, name: &str, args: Args) -> R<Value> {
    match name {
        "rand" | "randn" => {
            if !args.kw.is_empty() {
                return Err(type_err(format!("{}() takes no keyword arguments", name)));
            }
            let dims = dims_of(&args.pos)?;
            if name == "rand" {
                floats(it, g, dims, |r| r.next_double())
            } else {
                floats(it, g, dims, |r| r.gauss())
            }
        }
        "random"
        | "random_sample"
        | "sample"
        | "ranf"
        | "standard_normal"
        | "standard_exponential" => {
            let [size] = args.bind(name, ["size=None"])?;
            let size = size_arg(it, &size.unwrap_or(Value::None))?;
            match name {
                "standard_normal" => floats(it, g, size, |r| r.gauss()),
                "standard_exponential" => floats(it, g, size, |r| r.standard_exponential()),
                _ => floats(it, g, size, |r| r.next_double()),
            }
        }
        "uniform" => {
            let [low, high, size] = args.bind("uniform", ["low=0.0", "high=1.0", "size=None"])?;
            let lo = low
                .map(|v| scalar_f64(&v, "low"))
                .transpose()?
                .unwrap_or(0.0);
            let hi = high
                .map(|v| scalar_f64(&v, "high"))
                .transpose()?
                .unwrap_or(1.0);
            let range = hi - lo;
            if !range.is_finite() {
                return raise(ExcKind::OverflowError, "Range exceeds valid bounds");
            }
            let size = size_arg(it, &size.unwrap_or(Value::None))?;
            floats(it, g, size, |r| lo + range * r.next_double())
        }
        "normal" => {
            let [loc, scale, size] = args.bind("normal", ["loc=0.0", "scale=1.0", "size=None"])?;
            let loc = loc
                .map(|v| scalar_f64(&v, "loc"))
                .transpose()?
                .unwrap_or(0.0);
            let scale = scale
                .map(|v| scalar_f64(&v, "scale"))
                .transpose()?
                .unwrap_or(1.0);
            if scale < 0.0 {
                return raise(ExcKind::ValueError, "scale < 0");
            }
            let size = size_arg(it, &size.unwrap_or(Value::None))?;
            floats(it, g, size, |r| loc + scale * r.gauss())
        }
        "exponential" => {
            let [scale, size] = args.bind("exponential", ["scale=1.0", "size=None"])?;
            let scale = scale
                .map(|v| scalar_f64(&v, "scale"))
                .transpose()?
                .unwrap_or(1.0);
            if scale < 0.0 {
                return raise(ExcKind::ValueError, "scale < 0");
            }
            let size = size_arg(it, &size.unwrap_or(Value::None))?;
            floats(it, g, size, |r| scale * r.standard_exponential())
        }
        "randint" => randint(it, g, args),
        "choice" => sampling::choice(it, g, args),
        "permutation" => sampling::permutation(it, g, args),
        "shuffle" => sampling::shuffle(it, g, args),
        "binomial" => binomial(it, g, args),
        _ => {
            let [seed] = args.bind("seed", ["seed=None"])?;
            let fresh = seeded(it, &seed.unwrap_or(Value::None))?;
            *g.borrow_mut() = fresh;
            Ok(Value::None)
        }
    }
}

const METHODS: [&str; 18] = [
    "rand",
    "randn",
    "random",
    "random_sample",
    "sample",
    "ranf",
    "standard_normal",
    "standard_exponential",
    "uniform",
    "normal",
    "exponential",
    "randint",
    "choice",
    "permutation",
    "shuffle",
    "binomial",
    "seed",
    "random_integers",
];

/// `np.random.RandomState(seed)`: a generator of its own.
pub(crate) struct RandomState(Shared);

fn state_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Some(s) = this.as_object::<RandomState>() else {
        return Ok(Value::None);
    };
    let g = s.0.clone();
    draw(it, &g, name, args)
}

impl Object for RandomState {
    fn type_name(&self) -> String {
        "RandomState".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(METHODS[..17]
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, state_method)))
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS[..17].iter().map(|s| s.to_string()).collect()
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "RandomState(MT19937) at 0x{:X}",
            self as *const RandomState as usize
        ))
    }
    fn class_path(&self) -> Option<String> {
        Some("numpy.random.mtrand.RandomState".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn args_of(pos: Vec<Value>, kw: &Value) -> Args {
    let mut args = Args::new(pos);
    if let Value::Dict(d) = kw {
        let d = d.borrow();
        for (k, v) in d.keys.iter().zip(&d.values) {
            if let Value::Str(k) = k {
                args.kw.push((k.to_string(), v.clone()));
            }
        }
    }
    args
}

macro_rules! global_fn {
    ($fname:ident, $path:literal, $method:literal, $doc:literal) => {
        builtin! {
            #[doc = $doc]
            python [$path]
            fn $fname(it, *args, **kwargs) {
                let pos = match &args {
                    Value::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                };
                let g = global();
                draw(it, &g, $method, args_of(pos, &kwargs))
            }
        }
    };
}

global_fn!(
    rand,
    "np.random.rand",
    "rand",
    "Random values in a given shape."
);
global_fn!(
    randn,
    "np.random.randn",
    "randn",
    "Return a sample (or samples) from the \"standard normal\" distribution."
);
global_fn!(
    random,
    "np.random.random",
    "random",
    "Return random floats in the half-open interval [0.0, 1.0)."
);
global_fn!(
    random_sample,
    "np.random.random_sample",
    "random_sample",
    "Return random floats in the half-open interval [0.0, 1.0)."
);
global_fn!(
    sample,
    "np.random.sample",
    "sample",
    "This is an alias of `random_sample`."
);
global_fn!(
    ranf,
    "np.random.ranf",
    "ranf",
    "This is an alias of `random_sample`."
);
global_fn!(
    standard_normal,
    "np.random.standard_normal",
    "standard_normal",
    "Draw samples from a standard Normal distribution (mean=0, stdev=1)."
);
global_fn!(
    standard_exponential,
    "np.random.standard_exponential",
    "standard_exponential",
    "Draw samples from the standard exponential distribution."
);
global_fn!(
    uniform,
    "np.random.uniform",
    "uniform",
    "Draw samples from a uniform distribution."
);
global_fn!(
    normal,
    "np.random.normal",
    "normal",
    "Draw random samples from a normal (Gaussian) distribution."
);
global_fn!(
    exponential,
    "np.random.exponential",
    "exponential",
    "Draw samples from an exponential distribution."
);
global_fn!(
    randint,
    "np.random.randint",
    "randint",
    "Return random integers from `low` (inclusive) to `high` (exclusive)."
);
global_fn!(
    choice,
    "np.random.choice",
    "choice",
    "Generates a random sample from a given 1-D array"
);
global_fn!(
    permutation,
    "np.random.permutation",
    "permutation",
    "Randomly permute a sequence, or return a permuted range."
);
global_fn!(
    shuffle,
    "np.random.shuffle",
    "shuffle",
    "Modify a sequence in-place by shuffling its contents."
);
global_fn!(
    binomial,
    "np.random.binomial",
    "binomial",
    "Draw samples from a binomial distribution."
);
global_fn!(
    seed,
    "np.random.seed",
    "seed",
    "Reseed the singleton RandomState instance."
);

builtin! {
    /// Container for the slow Mersenne Twister pseudo-random number generator.
    python ["np.random.RandomState"]
    fn RandomState(it, seed = None) {
        let g = seeded(it, &seed)?;
        Ok(Value::Object(Rc::new(RandomState(Rc::new(RefCell::new(g))))))
    }
}
