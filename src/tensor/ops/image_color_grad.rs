//! Gradients of the colour kernels, as TensorFlow 2.15 registers them: `RGBToHSV` has the
//! piecewise formula of TensorFlow's `image_grad.py` (each partial derivative by which
//! channel is the largest and which the smallest, ties broken R > G > B, and a reciprocal
//! that is zero at zero), evaluated in the input's precision in the order TensorFlow's
//! ops evaluate it. `HSVToRGB` has no gradient (None), and `AdjustHue` and
//! `AdjustSaturation` have none registered: a gradient through them is TensorFlow's
//! `LookupError`.

use crate::errors::ExcKind;
use crate::tensor::autodiff::tape::record;
use crate::tensor::error::TfError;
use crate::tensor::{DType, Tensor};
use num_traits::Float;

/// `div_no_nan(1, x)`.
fn recip<T: Float>(x: T) -> T {
    if x == T::zero() {
        T::zero()
    } else {
        T::one() / x
    }
}

fn ind<T: Float>(b: bool) -> T {
    if b {
        T::one()
    } else {
        T::zero()
    }
}

/// The gradient of one pixel: `rgb` in, `hsv` out, `grad` the output's gradient.
fn pixel<T: Float>(rgb: [T; 3], hsv: [T; 3], grad: [T; 3]) -> [T; 3] {
    let [r, g, b] = rgb;
    let (s, v) = (hsv[1], hsv[2]);
    let zero = T::zero();
    let neg = -T::one();
    let sixty = T::from(60.0).unwrap_or(zero);
    let deg = T::from(360.0).unwrap_or(T::one());
    let (rb, gb, bb) = (
        ind::<T>(r >= b && r >= g),
        ind::<T>(g > r && g >= b),
        ind::<T>(b > r && b > g),
    );
    let (rs, gs, bs) = (
        ind::<T>(r < b && r < g),
        ind::<T>(g <= r && g < b),
        ind::<T>(b <= r && b <= g),
    );
    let (rp, gp, bp) = (ind::<T>(r > zero), ind::<T>(g > zero), ind::<T>(b > zero));
    let ds_dr = rp * (rb * (gs * g + bs * b) * recip(r * r) + rs * neg * recip(gb * g + bb * b));
    let ds_dg = gp * (gb * (rs * r + bs * b) * recip(g * g) + gs * neg * recip(rb * r + bb * b));
    let ds_db = bp * (bb * (gs * g + rs * r) * recip(b * b) + bs * neg * recip(gb * g + rb * r));
    let (s2, v2) = (recip(s * s), recip(v * v));
    let sq = |x: T| recip(x * x);
    let dh_dr = (sixty * (rp * rb * neg * (g - b) * s2 * v2)
        + sixty * (gp * gb * rs * (b - g) * sq(r - g))
        + sixty * (gp * gb * bs * neg * recip(g - b))
        + sixty * (bp * bb * rs * (b - g) * sq(b - r))
        + sixty * (bp * bb * gs * recip(b - g)))
        / deg;
    let dh_dg = (sixty * (gp * gb * neg * (b - r) * s2 * v2)
        + sixty * (rp * rb * gs * (r - b) * sq(r - g))
        + sixty * (rp * rb * bs * recip(r - b))
        + sixty * (bp * bb * gs * (r - b) * sq(b - g))
        + sixty * (bp * bb * rs * neg * recip(b - r)))
        / deg;
    let dh_db = (sixty * (bp * bb * neg * (r - g) * s2 * v2)
        + sixty * (rp * rb * bs * (g - r) * sq(r - b))
        + sixty * (rp * rb * gs * neg * recip(r - g))
        + sixty * (gp * gb * bs * (g - r) * sq(g - b))
        + sixty * (gp * gb * rs * recip(g - r)))
        / deg;
    let [gh, gs_, gv] = grad;
    [
        gv * rb + gs_ * ds_dr + gh * dh_dr,
        gv * gb + gs_ * ds_dg + gh * dh_dg,
        gv * bb + gs_ * ds_db + gh * dh_db,
    ]
}

fn pixels<T: Float + crate::tensor::Elem>(x: &Tensor, y: &Tensor, g: &Tensor) -> Vec<T> {
    let (x, y, g): (Vec<T>, Vec<T>, Vec<T>) = (
        x.contiguous().to_vec().unwrap_or_default(),
        y.contiguous().to_vec().unwrap_or_default(),
        g.contiguous().to_vec().unwrap_or_default(),
    );
    x.chunks(3)
        .zip(y.chunks(3))
        .zip(g.chunks(3))
        .flat_map(|((x, y), g)| pixel([x[0], x[1], x[2]], [y[0], y[1], y[2]], [g[0], g[1], g[2]]))
        .collect()
}

/// `out = RGBToHSV(x)`, recorded with its gradient.
pub fn record_rgb_to_hsv(x: &Tensor, out: Tensor) -> Tensor {
    record(&[x], out, |xs, y, g| {
        let x = &xs[0];
        let shape = x.shape().to_vec();
        let t = match x.dtype() {
            DType::F64 => Tensor::from_vec(&shape, pixels::<f64>(x, y, &g.cast(DType::F64))),
            _ => Tensor::from_vec(&shape, pixels::<f32>(x, y, &g.cast(DType::F32))),
        };
        Ok(vec![Some(t)])
    })
}

/// `out = op(x)` for an op with no gradient registered: reaching it while taking a
/// gradient is TensorFlow's `LookupError`.
pub fn record_no_gradient(x: &Tensor, out: Tensor, op: &'static str) -> Tensor {
    record(&[x], out, move |_, _, _| {
        Err(TfError::new(
            ExcKind::LookupError,
            format!("gradient registry has no entry for: {}", op),
        ))
    })
}
