//! Keras initializers: large draws have the statistics Keras's formulas give them (limits of
//! the uniform ones, standard deviations of the truncated normal ones), and the fans follow
//! Keras's rule. The formulas are Keras's (VarianceScaling); the draws are tensh's.

use tensh::eval::value::Args;
use tensh::eval::{Interp, Value};
use tensh::nn::initializers::{fans, Init};
use tensh::tensor::DType;

fn session() -> Interp {
    let io = tensh::eval::session::Output {
        out: Box::new(std::io::sink()),
        err: Box::new(std::io::sink()),
        color: false,
        tty: false,
    };
    tensh::session(io, Some(42))
}

fn stats(v: &[f64]) -> (f64, f64, f64, f64) {
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    let min = v.iter().cloned().fold(f64::MAX, f64::min);
    let max = v.iter().cloned().fold(f64::MIN, f64::max);
    (mean, var.sqrt(), min, max)
}

fn draw(name: &str, shape: &[usize]) -> Vec<f64> {
    let mut it = session();
    Init::by_name(name)
        .expect("known initializer")
        .sample(&mut it, shape, DType::F32)
        .expect("draw")
        .to_f64_vec()
}

#[test]
fn fans_follow_keras() {
    assert_eq!(fans(&[784, 512]), (784.0, 512.0));
    assert_eq!(fans(&[10]), (10.0, 10.0));
    assert_eq!(fans(&[3, 3, 16, 32]), (144.0, 288.0));
    assert_eq!(fans(&[]), (1.0, 1.0));
}

#[test]
fn uniform_initializers_stay_within_their_limits() {
    for (name, limit) in [
        ("glorot_uniform", (6.0f64 / (400.0 + 300.0)).sqrt()),
        ("he_uniform", (6.0f64 / 400.0).sqrt()),
        ("lecun_uniform", (3.0f64 / 400.0).sqrt()),
    ] {
        let v = draw(name, &[400, 300]);
        let (mean, std, min, max) = stats(&v);
        assert!(
            min >= -limit && max <= limit,
            "{}: values within ±{}",
            name,
            limit
        );
        assert!(
            max > 0.99 * limit && min < -0.99 * limit,
            "{}: the range is used",
            name
        );
        assert!(mean.abs() < 0.01 * limit, "{}: mean {}", name, mean);
        let expect = limit / 3f64.sqrt();
        assert!(
            (std - expect).abs() < 0.01 * expect,
            "{}: std {} vs {}",
            name,
            std,
            expect
        );
    }
}

#[test]
fn normal_initializers_have_the_variance_scaling_std() {
    for (name, target) in [
        ("glorot_normal", (2.0f64 / (400.0 + 300.0)).sqrt()),
        ("he_normal", (2.0f64 / 400.0).sqrt()),
        ("lecun_normal", (1.0f64 / 400.0).sqrt()),
    ] {
        let v = draw(name, &[400, 300]);
        let (mean, std, min, max) = stats(&v);
        // The truncated draw is rescaled so that its standard deviation is the target.
        assert!(
            (std - target).abs() < 0.01 * target,
            "{}: std {} vs {}",
            name,
            std,
            target
        );
        assert!(mean.abs() < 0.01 * target, "{}: mean {}", name, mean);
        let bound = 2.0 * target / 0.879_625_661_034_239_8;
        assert!(
            min >= -bound && max <= bound,
            "{}: truncated at two (untruncated) deviations",
            name
        );
    }
}

#[test]
fn constant_initializers_and_defaults() {
    assert!(draw("zeros", &[3, 4]).iter().all(|&x| x == 0.0));
    assert!(draw("ones", &[5]).iter().all(|&x| x == 1.0));
    let (mean, std, _, _) = stats(&draw("random_normal", &[200, 200]));
    assert!(mean.abs() < 0.002 && (std - 0.05).abs() < 0.001);
    let (_, _, min, max) = stats(&draw("random_uniform", &[200, 200]));
    assert!(min >= -0.05 && max < 0.05);
}

#[test]
fn initializer_objects_are_callable_from_the_language() {
    let mut it = session();
    let keras = it
        .import_module("tensorflow.keras.initializers")
        .expect("module");
    let c = it.get_attr(&keras, "Constant").expect("Constant");
    let init = it
        .call(&c, Args::new(vec![Value::Float(2.5)]))
        .expect("construct");
    let v = it
        .call(
            &init,
            Args::new(vec![Value::tuple(vec![Value::Int(2), Value::Int(3)])]),
        )
        .expect("call");
    let out = tensh::api::convert::to_tensor(&mut it, &v, None).expect("tensor");
    assert_eq!(out.shape(), &[2, 3]);
    assert!(out.to_f64_vec().iter().all(|&x| x == 2.5));
}

/// `Orthogonal`: the columns (or, for a wide shape, the rows) are orthonormal, times `gain`.
#[test]
fn orthogonal_draws_orthonormal_vectors() {
    for (shape, gain) in [([6usize, 4usize], 1.0f64), ([3, 7], 1.0), ([5, 5], 2.0)] {
        let mut it = session();
        let v = Init::Orthogonal {
            gain,
            seed: Default::default(),
        }
        .sample(&mut it, &shape, DType::F32)
        .expect("draw")
        .to_f64_vec();
        let (rows, cols) = (shape[0], shape[1]);
        // Tall: columns are orthonormal; wide: rows are.
        let tall = rows >= cols;
        let (n, k) = if tall { (rows, cols) } else { (cols, rows) };
        let at = |i: usize, j: usize| {
            if tall {
                v[i * cols + j]
            } else {
                v[j * cols + i]
            }
        };
        for a in 0..k {
            for b in 0..k {
                let dot: f64 = (0..n).map(|i| at(i, a) * at(i, b)).sum();
                let want = if a == b { gain * gain } else { 0.0 };
                assert!(
                    (dot - want).abs() < 1e-4,
                    "{:?}: <{}, {}> = {}",
                    shape,
                    a,
                    b,
                    dot
                );
            }
        }
    }
}
