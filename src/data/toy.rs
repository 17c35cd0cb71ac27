//! Toy data sets that need no download (tf.keras.datasets needs files from the network): the
//! 1,797 8x8 handwritten digits of UCI's optdigits test set (`digits.bin`, see `DIGITS.md`
//! for its source and licence), and generators for synthetic sets: two moons, spirals, XOR.
//!
//! Reachable as `tensh.datasets` and, for notebooks written against scikit-learn, as the
//! `sklearn.datasets` functions of the same names (`load_digits`, `make_moons`).

use crate::api::convert::{f64_arg, i64_arg};
use crate::api::objects::NamedTuple;
use crate::builtin;
use crate::eval::error::R;
use crate::eval::value::Module;
use crate::eval::{Interp, Value};
use crate::tensor::random::Generator;
use crate::tensor::{DType, Tensor};
use std::f64::consts::PI;
use std::rc::Rc;

/// 1,797 rows of 64 pixels (0..16) then the digit.
const DIGITS: &[u8] = include_bytes!("digits.bin");
const PIXELS: usize = 64;

builtin! {
    /// Load and return the digits dataset (classification).
    ///
    /// `.data` [1797, 64] float64, `.target` int64, `.images` [1797, 8, 8],
    /// `.target_names` 0..9 (scikit-learn's layout).
    python ["tensh.datasets.load_digits", "sklearn.datasets.load_digits"]
    fn load_digits(it, n_class = 10, return_X_y = False, as_frame = False) {
        load_digits_of(it, &n_class, &return_X_y)
    }
}

fn load_digits_of(it: &mut Interp, n_class: &Value, xy: &Value) -> R<Value> {
    let classes = i64_arg(n_class, "n_class")?;
    let rows: Vec<&[u8]> = DIGITS
        .chunks_exact(PIXELS + 1)
        .filter(|r| (r[PIXELS] as i64) < classes)
        .collect();
    let n = rows.len();
    let data: Vec<f64> = rows
        .iter()
        .flat_map(|r| r[..PIXELS].iter().map(|&p| p as f64))
        .collect();
    let target: Vec<i64> = rows.iter().map(|r| r[PIXELS] as i64).collect();
    let x = Tensor::from_vec(&[n, PIXELS], data.clone());
    let y = Tensor::from_vec(&[n], target);
    let want_xy = it.truthy(xy)?;
    if want_xy {
        return Ok(Value::tuple(vec![Value::ndarray(x), Value::ndarray(y)]));
    }
    let names = Tensor::from_vec(&[classes as usize], (0..classes).collect::<Vec<i64>>());
    Ok(Value::Object(Rc::new(NamedTuple {
        type_name: "Bunch",
        fields: vec![
            ("data", Value::ndarray(x)),
            ("target", Value::ndarray(y)),
            ("images", Value::ndarray(Tensor::from_vec(&[n, 8, 8], data))),
            ("target_names", Value::ndarray(names)),
        ],
    })))
}

/// The generator a `random_state=` argument asks for (None: the session's own).
fn seeded(seed: &Value) -> R<Option<Generator>> {
    match seed {
        Value::None => Ok(None),
        v => Ok(Some(Generator::new(Some(
            i64_arg(v, "random_state")? as u64
        )))),
    }
}

/// Shuffles, then adds Gaussian noise, as scikit-learn's generators finish.
fn finish(
    g: &mut Generator,
    mut pts: Vec<[f64; 2]>,
    mut labels: Vec<i64>,
    noise: f64,
    shuffle: bool,
) -> Value {
    let n = pts.len();
    if shuffle {
        let p = g.permutation(n);
        pts = p.iter().map(|&i| pts[i]).collect();
        labels = p.iter().map(|&i| labels[i]).collect();
    }
    if noise > 0.0 {
        let e = g.normal(&[n, 2], 0.0, noise, DType::F64).to_f64_vec();
        for (i, p) in pts.iter_mut().enumerate() {
            p[0] += e[2 * i];
            p[1] += e[2 * i + 1];
        }
    }
    let flat: Vec<f64> = pts.iter().flat_map(|p| p.iter().copied()).collect();
    Value::tuple(vec![
        Value::ndarray(Tensor::from_vec(&[n, 2], flat)),
        Value::ndarray(Tensor::from_vec(&[n], labels)),
    ])
}

/// Runs `f` with the generator `seed` asks for.
fn with_rng<T>(it: &mut Interp, seed: &Value, f: impl FnOnce(&mut Generator) -> T) -> R<T> {
    Ok(match seeded(seed)? {
        Some(mut g) => f(&mut g),
        None => f(&mut it.rng),
    })
}

/// A sample count, within the memory budget for its points (two float64 coordinates and a
/// label each).
fn count(v: &Value, what: &str) -> R<usize> {
    let n = i64_arg(v, what)?.max(0) as usize;
    crate::eval::budget::check(n, 24)?;
    Ok(n)
}

builtin! {
    /// Make two interleaving half circles.
    python ["tensh.datasets.make_moons", "sklearn.datasets.make_moons"]
    fn make_moons(it, n_samples = 100, shuffle = True, noise = None, random_state = None) {
        moons(it, &n_samples, &shuffle, &noise, &random_state)
    }
}

/// Two interleaved half circles (scikit-learn's construction).
fn moons(it: &mut Interp, n: &Value, shuffle: &Value, noise: &Value, seed: &Value) -> R<Value> {
    let n = count(n, "n_samples")?;
    let (outer, inner) = (n / 2, n - n / 2);
    let step = |k: usize, m: usize| {
        if m > 1 {
            PI * k as f64 / (m - 1) as f64
        } else {
            0.0
        }
    };
    let mut pts = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    for k in 0..outer {
        let t = step(k, outer);
        pts.push([t.cos(), t.sin()]);
        labels.push(0);
    }
    for k in 0..inner {
        let t = step(k, inner);
        pts.push([1.0 - t.cos(), 1.0 - t.sin() - 0.5]);
        labels.push(1);
    }
    let shuffle = it.truthy(shuffle)?;
    let noise = match noise {
        Value::None => 0.0,
        v => f64_arg(v, "noise")?,
    };
    with_rng(it, seed, |g| finish(g, pts, labels, noise, shuffle))
}

builtin! {
    /// Make spiral arms that wind once around the origin, one per class (the classic
    /// CS231n toy set).
    python ["tensh.datasets.make_spirals"]
    fn make_spirals(it, n_samples = 300, n_classes = 3, noise = 0.0, random_state = None) {
        let n = count(&n_samples, "n_samples")?;
        let k = count(&n_classes, "n_classes")?.max(1);
        let noise = f64_arg(&noise, "noise")?;
        let (pts, labels) = spirals(n, k);
        with_rng(it, &random_state, |g| finish(g, pts, labels, noise, false))
    }
}

fn spirals(n: usize, k: usize) -> (Vec<[f64; 2]>, Vec<i64>) {
    let mut pts = Vec::with_capacity(n);
    let mut labels = Vec::with_capacity(n);
    for i in 0..n {
        let class = i * k / n.max(1);
        let start = (class * n).div_ceil(k);
        let end = ((class + 1) * n).div_ceil(k);
        let frac = (i - start) as f64 / (end - start).max(2).saturating_sub(1).max(1) as f64;
        let theta = 2.0 * PI * class as f64 / k as f64 + 4.0 * frac;
        pts.push([frac * theta.sin(), frac * theta.cos()]);
        labels.push(class as i64);
    }
    (pts, labels)
}

builtin! {
    /// Make points uniform in [-1, 1]^2, labelled 1 where exactly one coordinate is
    /// positive.
    python ["tensh.datasets.make_xor"]
    fn make_xor(it, n_samples = 200, noise = 0.0, random_state = None) {
        let n = count(&n_samples, "n_samples")?;
        let noise = f64_arg(&noise, "noise")?;
        xor(it, n, noise, &random_state)
    }
}

fn xor(it: &mut Interp, n: usize, noise: f64, seed: &Value) -> R<Value> {
    with_rng(it, seed, |g| {
        let u = g.uniform(&[n, 2], -1.0, 1.0, DType::F64).to_f64_vec();
        let pts: Vec<[f64; 2]> = (0..n).map(|i| [u[2 * i], u[2 * i + 1]]).collect();
        let labels = pts
            .iter()
            .map(|p| ((p[0] > 0.0) != (p[1] > 0.0)) as i64)
            .collect();
        finish(g, pts, labels, noise, false)
    })
}

/// Makes the `tensh` and `sklearn` module skeletons; the functions are declared above and
/// placed by `decl::install`.
pub fn install(it: &mut Interp) {
    let tensh = crate::api::new_module("tensh");
    let datasets = crate::api::new_module("tensh.datasets");
    tensh.set("datasets", Value::Module(datasets.clone()));
    let sklearn = crate::api::new_module("sklearn");
    let sk_datasets: Rc<Module> = crate::api::new_module("sklearn.datasets");
    sklearn.set("datasets", Value::Module(sk_datasets.clone()));
    for (name, m) in [
        ("tensh", tensh),
        ("tensh.datasets", datasets),
        ("sklearn", sklearn),
        ("sklearn.datasets", sk_datasets),
    ] {
        it.modules.insert(name.into(), Value::Module(m));
    }
}
