//! `Normalization(axis=-1, mean=None, variance=None, invert=False)`: the preprocessing
//! layer computing `(x - mean) / max(sqrt(variance), 1e-7)` (or its inverse) per position
//! of the kept `axis`. The statistics are given, or learned by `adapt(data)`: the mean and
//! (biased) variance over every other axis, combined batch by batch of 32 samples as Keras
//! combines them, into the weights `mean`, `variance` and the `int64` `count`.

use super::list_wrapper::{list_wrapper, ListWrapper};
use super::{LayerKind, WeightSpec};
use crate::api::convert::to_tensor;
use crate::eval::error::{attr_err, value_err, R};
use crate::eval::value::{Args, Object};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::Layer;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::ops::{reduce, shape as sh};
use crate::tensor::{DType, Tensor};
use std::any::Any;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// Keras's `backend.epsilon()`, the floor of the standard deviation.
const EPSILON: f32 = 1e-7;
/// The batch size `adapt` splits arrays into.
const ADAPT_BATCH: usize = 32;

/// Kept axes, reduced axes and the broadcast shape of the statistics.
type Geometry = (Vec<usize>, Vec<usize>, Vec<usize>);

/// What `adapt` (reached through a handle, not the layer) shares with the layer kind.
pub struct State {
    /// The kept axes as given (`axis=None` keeps none).
    axis: Vec<i64>,
    /// The layer object, once made.
    me: RefCell<Option<Weak<dyn Object>>>,
    /// The input rank `adapt` built the layer for (its `batch_input_shape`).
    adapted_ndim: RefCell<Option<usize>>,
    /// Whether `adapt` has run (a model's build then keeps the learned statistics).
    adapted: std::cell::Cell<bool>,
    /// The statistics the layer computes with, shaped to broadcast (`layer.mean`).
    finalized: RefCell<Option<(Tensor, Tensor)>>,
    /// Kept axes, reduced axes and the broadcast shape, once built.
    built: RefCell<Option<Geometry>>,
}

pub struct Normalization {
    state: Rc<State>,
    /// The `axis` config value (a tuple).
    axis_value: Value,
    invert: bool,
    mean: Value,
    variance: Value,
}

crate::builtin! {
    /// A preprocessing layer which normalizes continuous features.
    python ["tf.keras.layers.Normalization", "tf.keras.layers.experimental.preprocessing.Normalization"]
    fn Normalization(it, axis = -1, mean = None, variance = None, invert = False, **kwargs) {
        let common = super::Common::from_kwargs(it, "Normalization", &kwargs)?;
        let axes: Vec<i64> = match &axis {
            Value::None => vec![],
            Value::Int(a) => vec![*a],
            other => it
                .collect_items(other)?
                .iter()
                .map(|v| crate::api::convert::i64_arg(v, "axis"))
                .collect::<R<Vec<i64>>>()?,
        };
        if matches!(mean, Value::None) != matches!(variance, Value::None) {
            // Keras names the layer before it checks the statistics.
            if common.name.is_none() {
                it.unique_name("normalization");
            }
            let (m, v) = (it.repr(&mean)?, it.repr(&variance)?);
            return Err(value_err(format!(
                "When setting values directly, both `mean` and `variance` must be set. Got mean: {} and variance: {}",
                m, v
            )));
        }
        let shown = |v: Value| match &v {
            Value::List(l) => list_wrapper(l.borrow().clone()),
            _ => v,
        };
        let axis_value = Value::tuple(axes.iter().map(|&a| Value::Int(a)).collect());
        let state = Rc::new(State {
            axis: axes,
            me: RefCell::new(None),
            adapted_ndim: RefCell::new(None),
            adapted: std::cell::Cell::new(false),
            finalized: RefCell::new(None),
            built: RefCell::new(None),
        });
        let kind = Normalization {
            state: state.clone(),
            axis_value,
            invert: it.truthy(&invert)?,
            mean: shown(mean),
            variance: shown(variance),
        };
        let v = common.make(it, kind)?;
        if let Value::Object(o) = &v {
            *state.me.borrow_mut() = Some(Rc::downgrade(o));
        }
        Ok(v)
    }
}

impl State {
    fn layer(&self) -> Option<Rc<dyn Object>> {
        self.me.borrow().as_ref().and_then(|w| w.upgrade())
    }

    /// Kept axes, reduced axes and broadcast shape for an input shape, with Keras's checks.
    fn geometry(&self, shape: &[Option<usize>]) -> R<Geometry> {
        if let Some(g) = &*self.built.borrow() {
            return Ok(g.clone());
        }
        let n = shape.len() as i64;
        if self.axis.iter().any(|&a| a < -n || a >= n) {
            return Err(value_err(format!(
                "All `axis` values must be in the range [-ndim, ndim). Received inputs with ndim={}, while axis={}",
                n,
                super::norm_axes::tuple_str(&self.axis)
            )));
        }
        let mut keep: Vec<usize> = self
            .axis
            .iter()
            .map(|&a| (if a < 0 { a + n } else { a }) as usize)
            .collect();
        keep.sort_unstable();
        keep.dedup();
        let reduce: Vec<usize> = (0..shape.len()).filter(|d| !keep.contains(d)).collect();
        let mut bshape = Vec::with_capacity(shape.len());
        for (d, dim) in shape.iter().enumerate() {
            if !keep.contains(&d) {
                bshape.push(1);
                continue;
            }
            bshape.push(dim.ok_or_else(|| {
                value_err(format!(
                    "All `axis` values to be kept must have known shape. Got axis: {}, input shape: {}, with unknown axis at index: {}",
                    super::norm_axes::tuple_str(&self.axis),
                    super::dims_str(shape),
                    d
                ))
            })?);
        }
        let g = (keep, reduce, bshape);
        *self.built.borrow_mut() = Some(g.clone());
        Ok(g)
    }
}

impl Normalization {
    /// The statistics to compute with, broadcastable against the input.
    fn stats(&self, it: &mut Interp, layer: &Layer) -> R<(Tensor, Tensor)> {
        if let Some(s) = &*self.state.finalized.borrow() {
            return Ok(s.clone());
        }
        let Some((keep, _, bshape)) = self.state.built.borrow().clone() else {
            return Err(value_err("The layer has not been built."));
        };
        let kept: Vec<usize> = keep.iter().map(|&d| bshape[d]).collect();
        let s = if matches!(self.mean, Value::None) {
            let read = |n: &str| layer.weight(n).map(|v| v.read());
            let m = read("mean").unwrap_or_else(|| Tensor::zeros(DType::F32, &kept));
            let v = read("variance").unwrap_or_else(|| Tensor::full(DType::F32, &kept, 1.0));
            (
                sh::reshape_to(&m.contiguous(), &bshape),
                sh::reshape_to(&v.contiguous(), &bshape),
            )
        } else {
            let ones = Tensor::full(DType::F32, &kept, 1.0);
            let mut fill = |v: &Value| -> R<Tensor> {
                let v = match v.as_object::<ListWrapper>() {
                    Some(l) => Value::list(l.0.clone()),
                    None => v.clone(),
                };
                let t = to_tensor(it, &v, None)?.cast(DType::F32);
                let t = ew::binary(Binary::Mul, &t, &ones)?;
                if t.size() != bshape.iter().product::<usize>() {
                    return Err(value_err(format!(
                        "The statistics of shape {} do not match the kept axes of shape {}.",
                        crate::print::shape_tuple(t.shape()),
                        crate::print::shape_tuple(&kept)
                    )));
                }
                Ok(sh::reshape_to(&t.contiguous(), &bshape))
            };
            (fill(&self.mean)?, fill(&self.variance)?)
        };
        *self.state.finalized.borrow_mut() = Some(s.clone());
        Ok(s)
    }
}

impl LayerKind for Normalization {
    fn class_name(&self) -> &'static str {
        "Normalization"
    }

    fn module(&self) -> &'static str {
        "preprocessing.normalization"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "axis" => Some(self.axis_value.clone()),
            "invert" => Some(Value::Bool(self.invert)),
            "input_mean" => Some(self.mean.clone()),
            "input_variance" => Some(self.variance.clone()),
            "adapt" => Some(Value::method(
                Value::Object(Rc::new(Handle(self.state.clone()))),
                "adapt",
                adapt_method,
            )),
            "mean" | "variance" => {
                if self.state.finalized.borrow().is_none() && matches!(self.mean, Value::None) {
                    // Built but never called nor adapted: the weights' current values.
                    let layer = self.state.layer()?;
                    let layer = layer.as_any().downcast_ref::<Layer>()?;
                    let (_, _, bshape) = self.state.built.borrow().clone()?;
                    let read = |n: &str| {
                        layer
                            .weight(n)
                            .map(|v| sh::reshape_to(&v.read().contiguous(), &bshape))
                    };
                    *self.state.finalized.borrow_mut() = Some((read("mean")?, read("variance")?));
                }
                let s = self.state.finalized.borrow().clone()?;
                Some(Value::Tensor(if name == "mean" { s.0 } else { s.1 }))
            }
            "adapt_mean" | "adapt_variance" => {
                let layer = self.state.layer()?;
                let layer = layer.as_any().downcast_ref::<Layer>()?;
                layer.weight(&name[6..]).map(Value::Variable)
            }
            _ => None,
        }
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "axis",
            "invert",
            "adapt",
            "mean",
            "variance",
            "adapt_mean",
            "adapt_variance",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = Vec::new();
        if let Some(n) = *self.state.adapted_ndim.borrow() {
            c.push(("batch_input_shape", Value::tuple(vec![Value::None; n])));
        }
        c.extend([
            ("axis", self.axis_value.clone()),
            ("invert", Value::Bool(self.invert)),
            ("mean", self.mean.clone()),
            ("variance", self.variance.clone()),
        ]);
        c
    }

    fn makes_weights(&self) -> bool {
        matches!(self.mean, Value::None) && !self.state.adapted.get()
    }

    fn weights(&self, shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        let (keep, _, bshape) = self.state.geometry(shape)?;
        *self.state.finalized.borrow_mut() = None;
        if !matches!(self.mean, Value::None) {
            return Ok(vec![]);
        }
        let dims: Vec<usize> = keep.iter().map(|&d| bshape[d]).collect();
        let spec = |attr, init, dims| WeightSpec {
            attr,
            init,
            dims,
            trainable: false,
        };
        Ok(vec![
            spec("mean", Init::Zeros, dims.clone()),
            spec("variance", Init::Ones, dims),
            spec("count", Init::ZerosOf(DType::I64), vec![]),
        ])
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        if self.state.built.borrow().is_none() {
            let shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
            self.state.geometry(&shape)?;
        }
        let (mean, var) = self.stats(it, layer)?;
        let std = ew::binary(
            Binary::Maximum,
            &ew::unary(Unary::Sqrt, &var)?,
            &Tensor::scalar(EPSILON),
        )?;
        Ok(if self.invert {
            ew::binary(Binary::Add, &mean, &ew::binary(Binary::Mul, &x, &std)?)?
        } else {
            ew::binary(Binary::Div, &ew::binary(Binary::Sub, &x, &mean)?, &std)?
        })
    }
}

/// The receiver of a layer's `adapt` method.
struct Handle(Rc<State>);

impl Object for Handle {
    fn type_name(&self) -> String {
        "Normalization".into()
    }

    fn get_attr(&self, _this: &Value, _name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(None)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Mean and biased variance of `x` over `axes`, shaped like the kept axes.
fn moments(x: &Tensor, axes: &[usize], kept: &[usize]) -> R<(Tensor, Tensor)> {
    let red: Vec<i64> = axes.iter().map(|&a| a as i64).collect();
    let m = reduce::reduce(reduce::Reduce::Mean, x, Some(&red), true)?;
    let d = ew::binary(Binary::SquaredDifference, x, &m)?;
    let v = reduce::reduce(reduce::Reduce::Mean, &d, Some(&red), false)?;
    let m = sh::reshape_to(&m.contiguous(), kept);
    Ok((m, sh::reshape_to(&v.contiguous(), kept)))
}

/// `layer.adapt(data)`: builds the layer for the data if needed, then recomputes the
/// statistics from scratch, batch by batch.
fn adapt_method(it: &mut Interp, recv: &Value, _name: &'static str, args: Args) -> R<Value> {
    let [data, _batch_size, _steps] =
        args.bind("adapt", ["data", "batch_size=None", "steps=None"])?;
    let Some(h) = recv.as_object::<Handle>() else {
        return Ok(Value::None);
    };
    let state = h.0.clone();
    let Some(obj) = state.layer() else {
        return Ok(Value::None);
    };
    let Some(layer) = obj.as_any().downcast_ref::<Layer>() else {
        return Ok(Value::None);
    };
    let data = to_tensor(it, &data.unwrap_or(Value::None), None)?.cast(DType::F32);
    if !layer.built.get() {
        let shape: Vec<Option<usize>> = data.shape().iter().map(|&d| Some(d)).collect();
        layer.build(it, &shape, false)?;
        *state.adapted_ndim.borrow_mut() = Some(shape.len());
    }
    let Some((keep, reduce_axes, bshape)) = state.built.borrow().clone() else {
        return Err(value_err("The layer has not been built."));
    };
    let (Some(mean_v), Some(var_v), Some(count_v)) = (
        layer.weight("mean"),
        layer.weight("variance"),
        layer.weight("count"),
    ) else {
        return Err(attr_err(
            "'Normalization' object has no attribute 'adapt_mean'",
        ));
    };
    let kept: Vec<usize> = keep.iter().map(|&d| bshape[d]).collect();
    let fits = data.ndim() == bshape.len() && keep.iter().all(|&d| data.shape()[d] == bshape[d]);
    if !fits {
        return Err(value_err(format!(
            "in user code:\n\n    ValueError: Dimensions must be equal: the layer keeps axes of shape {} but the data has shape {}.",
            crate::print::shape_tuple(&bshape),
            crate::print::shape_tuple(data.shape())
        )));
    }
    let mut mean = Tensor::zeros(DType::F32, &kept);
    let mut var = Tensor::full(DType::F32, &kept, 1.0);
    let mut count: i64 = 0;
    let rows = data.shape().first().copied().unwrap_or(1);
    let mut start = 0;
    while start < rows.max(1) {
        it.check_interrupt()?;
        let end = (start + ADAPT_BATCH).min(rows);
        let batch = if data.ndim() == 0 {
            data.clone()
        } else {
            sh::slice_axis(&data, 0, start, end)
        };
        let (bm, bv) = moments(&batch, &reduce_axes, &kept)?;
        let n: i64 = reduce_axes
            .iter()
            .map(|&a| batch.shape()[a] as i64)
            .product();
        let total = n + count;
        let bw = Tensor::scalar(n as f32 / total as f32);
        let ew_ = Tensor::scalar(1.0 - n as f32 / total as f32);
        let mul = |a: &Tensor, b: &Tensor| ew::binary(Binary::Mul, a, b);
        let total_mean = ew::binary(Binary::Add, &mul(&mean, &ew_)?, &mul(&bm, &bw)?)?;
        let sq = |a: &Tensor| ew::binary(Binary::SquaredDifference, a, &total_mean);
        let old = mul(&ew::binary(Binary::Add, &var, &sq(&mean)?)?, &ew_)?;
        let new = mul(&ew::binary(Binary::Add, &bv, &sq(&bm)?)?, &bw)?;
        var = ew::binary(Binary::Add, &old, &new)?;
        mean = total_mean;
        count = total;
        start = end.max(start + 1);
    }
    mean_v.set(mean.clone());
    var_v.set(var.clone());
    count_v.set(Tensor::scalar(count));
    state.adapted.set(true);
    *state.finalized.borrow_mut() = Some((
        sh::reshape_to(&mean.contiguous(), &bshape),
        sh::reshape_to(&var.contiguous(), &bshape),
    ));
    Ok(Value::None)
}
