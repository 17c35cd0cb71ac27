//! Python's `random` module, bit-identical to CPython 3.11's: the Mersenne Twister
//! (`random/mt.rs`) seeded as `random.seed` seeds it, and every function drawing from it in
//! the same order as `Lib/random.py` (`_randbelow` by rejection on `getrandbits`, `sample`'s
//! pool/set switch, `choices` by bisection, `gauss`'s cached second value). `random.Random`
//! instances have their own generator; the module functions use a hidden shared one.

mod dist;
mod mt;

pub(crate) use dist::floor_div;

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use mt::Mt;
use num_bigint::BigUint;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// One generator: CPython's `random.Random` instance state.
pub(crate) struct RandomObj {
    pub mt: RefCell<Mt>,
    pub gauss_next: Cell<Option<f64>>,
}

impl RandomObj {
    fn new() -> RandomObj {
        RandomObj {
            mt: RefCell::new(Mt::default()),
            gauss_next: Cell::new(None),
        }
    }
    pub fn random(&self) -> f64 {
        self.mt.borrow_mut().next_double()
    }
    pub fn below(&self, n: u64) -> u64 {
        self.mt.borrow_mut().below(n)
    }
}

/// The methods a `Random` instance has; each is the module function of the same name run
/// on the instance's own generator.
const METHODS: &[&str] = &[
    "seed",
    "random",
    "getrandbits",
    "getstate",
    "setstate",
    "randrange",
    "randint",
    "choice",
    "shuffle",
    "sample",
    "choices",
    "uniform",
    "triangular",
    "gauss",
    "normalvariate",
    "lognormvariate",
    "expovariate",
    "vonmisesvariate",
    "gammavariate",
    "betavariate",
    "paretovariate",
    "weibullvariate",
];

thread_local! {
    /// The instance a method call runs on; None for the module functions.
    static RECEIVER: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn instance_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let f = match it.modules.get("random") {
        Some(Value::Module(m)) => m.get(name),
        _ => None,
    };
    let Some(f) = f else {
        return Err(type_err(format!("'Random' object has no method {}", name)));
    };
    let prev = RECEIVER.with(|r| r.replace(Some(recv.clone())));
    let out = it.call(&f, args);
    RECEIVER.with(|r| *r.borrow_mut() = prev);
    out
}

impl Object for RandomObj {
    fn type_name(&self) -> String {
        "Random".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(METHODS
            .iter()
            .find(|m| **m == name)
            .map(|m| Value::method(this.clone(), m, instance_method)))
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("<random.Random object>".into())
    }
    fn attr_names(&self) -> Vec<String> {
        METHODS.iter().map(|s| s.to_string()).collect()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `random.Random`: calling it makes a generator seeded from its argument.
struct RandomClass;

impl Object for RandomClass {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn get_attr(&self, _: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__name__" => Some(Value::str("Random")),
            _ => None,
        })
    }
    fn call(&self, _: &Value, it: &mut Interp, args: Args) -> R<Value> {
        let [x] = args.bind("Random", ["x=None"])?;
        let obj = Value::Object(Rc::new(RandomObj::new()));
        if let Some(g) = obj.as_object::<RandomObj>() {
            seed_with(it, g, x.unwrap_or(Value::None))?;
        }
        Ok(obj)
    }
    fn repr(&self, _: &mut Interp) -> R<String> {
        Ok("<class 'random.Random'>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Runs `f` on the generator in use: the receiver of a method call, else the module's.
pub(crate) fn with_gen<T>(
    it: &mut Interp,
    f: impl FnOnce(&mut Interp, &RandomObj) -> R<T>,
) -> R<T> {
    let v = RECEIVER
        .with(|r| r.borrow().clone())
        .or_else(|| match it.modules.get("random") {
            Some(Value::Module(m)) => m.get("_inst"),
            _ => None,
        });
    let v = v.unwrap_or_else(|| Value::Object(Rc::new(RandomObj::new())));
    match v.as_object::<RandomObj>() {
        Some(g) => f(it, g),
        None => Err(type_err("descriptor requires a 'Random' object")),
    }
}

/// SHA-512 of `data`, which string seeds append to themselves (seed version 2).
fn sha512(data: &[u8]) -> Vec<u8> {
    use sha2::Digest;
    sha2::Sha512::digest(data).to_vec()
}

fn seed_with(it: &mut Interp, g: &RandomObj, a: Value) -> R<()> {
    let n: BigUint = match &a {
        Value::None => {
            let words: Vec<u32> = (0..624).map(|_| rand::random::<u32>()).collect();
            *g.mt.borrow_mut() = Mt::from_array(&words);
            g.gauss_next.set(None);
            return Ok(());
        }
        Value::Int(i) => BigUint::from(i.unsigned_abs()),
        Value::Bool(b) => BigUint::from(*b as u64),
        Value::Float(f) => BigUint::from(mt::hash_float(*f).unsigned_abs()),
        Value::Str(s) => {
            let mut bytes = s.as_bytes().to_vec();
            bytes.extend(sha512(s.as_bytes()));
            BigUint::from_bytes_be(&bytes)
        }
        Value::NdArray(_) | Value::Tensor(_) => match (it.hooks.scalar_of)(&a, "int")? {
            Value::Int(i) => BigUint::from(i.unsigned_abs()),
            _ => return Err(type_err(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            )),
        },
        _ => {
            return Err(type_err(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ))
        }
    };
    mt::seed_uint(&mut g.mt.borrow_mut(), &n);
    g.gauss_next.set(None);
    Ok(())
}

builtin! {
    /// Initialize internal state from a seed.
    python ["random.seed"]
    fn seed(it, a = None, version = 2) {
        with_gen(it, |it, g| seed_with(it, g, a))?;
        Ok(Value::None)
    }
}

builtin! {
    /// random() -> x in the interval [0, 1).
    python ["random.random"]
    fn random(it) {
        with_gen(it, |_, g| Ok(Value::Float(g.random())))
    }
}

builtin! {
    /// getrandbits(k) -> x.  Generates an int with k random bits.
    python ["random.getrandbits"]
    fn getrandbits(it, k) {
        let k = match k {
            Value::Int(k) => k,
            Value::Bool(b) => b as i64,
            other => return Err(type_err(format!("'{}' object cannot be interpreted as an integer", other.type_name()))),
        };
        if k < 0 {
            return raise(ExcKind::ValueError, "number of bits must be non-negative");
        }
        if k == 0 {
            return Ok(Value::Int(0));
        }
        if k > 1 << 20 {
            return raise(ExcKind::OverflowError, "Python int too large to convert to C long");
        }
        let words = with_gen(it, |_, g| Ok(g.mt.borrow_mut().bits_words(k as u64)))?;
        super::math::ints::int_value(BigUint::new(words).into())
    }
}

builtin! {
    /// Return internal state; can be passed to setstate() later.
    python ["random.getstate"]
    fn getstate(it) {
        with_gen(it, |_, g| {
            let mt = g.mt.borrow();
            let mut words: Vec<Value> = mt.state.iter().map(|&w| Value::Int(w as i64)).collect();
            words.push(Value::Int(mt.index as i64));
            let gauss = g.gauss_next.get().map_or(Value::None, Value::Float);
            Ok(Value::tuple(vec![Value::Int(3), Value::tuple(words), gauss]))
        })
    }
}

builtin! {
    /// Restore internal state from object returned by getstate().
    python ["random.setstate"]
    fn setstate(it, state) {
        let parts = it.collect_items(&state)?;
        let version = parts.first().cloned().unwrap_or(Value::None);
        let version_n = match version { Value::Int(v) => v, _ => -1 };
        if version_n != 3 && version_n != 2 {
            let shown = it.str_of(&version)?;
            return raise(ExcKind::ValueError, format!("state with version {} passed to Random.setstate() of version 3", shown));
        }
        if parts.len() != 3 {
            return raise(ExcKind::ValueError, format!("too many values to unpack (expected 3, got {})", parts.len()));
        }
        let internal = it.collect_items(&parts[1])?;
        if internal.len() != 625 {
            return raise(ExcKind::ValueError, "state vector is the wrong size");
        }
        let mut words = [0u32; 624];
        for (i, w) in internal[..624].iter().enumerate() {
            words[i] = match w {
                Value::Int(x) => x.rem_euclid(1 << 32) as u32,
                _ => return Err(type_err("state vector items must be integers")),
            };
        }
        let index = match internal[624] { Value::Int(x) if (0..=624).contains(&x) => x as usize, _ => {
            return raise(ExcKind::ValueError, "invalid state");
        }};
        let gauss = match &parts[2] {
            Value::None => None,
            Value::Float(f) => Some(*f),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        };
        with_gen(it, |_, g| {
            let mut mt = g.mt.borrow_mut();
            mt.state = words;
            mt.index = index;
            g.gauss_next.set(gauss);
            Ok(Value::None)
        })
    }
}

/// Sets `random`'s hidden shared generator and the `Random` class.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "random");
    let inst = RandomObj::new();
    let words: Vec<u32> = (0..624).map(|_| rand::random::<u32>()).collect();
    *inst.mt.borrow_mut() = Mt::from_array(&words);
    m.set("_inst", Value::Object(Rc::new(inst)));
    m.set("Random", Value::Object(Rc::new(RandomClass)));
}
