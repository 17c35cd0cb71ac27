//! `MultiHeadAttention(num_heads, key_dim, value_dim=None, dropout=0.0, use_bias=True,
//! output_shape=None, attention_axes=None, ...)`, called as `mha(query, value, key=None,
//! attention_mask=None, return_attention_scores=False, training=None,
//! use_causal_mask=False)`. The first call builds the weights of its four projections
//! (`query/kernel` `(dim, heads, key_dim)`, `query/bias` `(heads, key_dim)`, `key/...`,
//! `value/...`, `attention_output/kernel` `(heads, value_dim, *out)`, `.../bias`) in
//! Keras's order; the arithmetic is in [`super::attention_heads`].

use super::attention_heads::{self as heads, Equations};
use super::dense_attention::{self as da, kwarg};
use super::merge::in_call;
use super::LayerKind;
use crate::api::convert::i64_arg;
use crate::errors::ExcKind;
use crate::eval::error::{err, type_err, value_err, R};
use crate::eval::value::{Args, Shape};
use crate::eval::{Interp, Value};
use crate::nn::initializers::Init;
use crate::nn::layer::{shape_arg, tensor_arg, Layer};
use crate::nn::penalties::LayerPenalties;
use crate::tensor::{TResult, Tensor};
use std::cell::RefCell;
use std::rc::Rc;

/// What the first call fixes: the input shapes and the attention layout.
#[derive(Clone)]
struct Built {
    query: Vec<usize>,
    key: Vec<usize>,
    value: Vec<usize>,
    eq: Equations,
    /// The name of the `Softmax` layer Keras makes for the scores.
    softmax: String,
}

pub struct MultiHeadAttention {
    num_heads: i64,
    key_dim: i64,
    value_dim: i64,
    dropout: f64,
    dropout_value: Value,
    use_bias: bool,
    /// `output_shape` as given, and its dims.
    output_shape: Value,
    output_dims: Option<Vec<i64>>,
    /// `attention_axes` as given (an int becomes a 1-tuple).
    axes_value: Value,
    axes: Option<Vec<i64>>,
    kernel_init: Init,
    bias_init: Init,
    penalties: Rc<LayerPenalties>,
    built: RefCell<Option<Built>>,
}

crate::builtin! {
    /// MultiHeadAttention layer.
    op("MultiHeadAttention.__init__") ["tf.keras.layers.MultiHeadAttention"]
    fn MultiHeadAttention(it, num_heads, key_dim, value_dim = None, dropout = 0.0,
        use_bias = True, output_shape = None, attention_axes = None,
        kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
        kernel_regularizer = None, bias_regularizer = None, activity_regularizer = None,
        kernel_constraint = None, bias_constraint = None, **kwargs) {
        let common = super::Common::from_kwargs(it, "MultiHeadAttention", &kwargs)?;
        let num_heads_n = i64_arg(&num_heads, "num_heads")?;
        let key_dim_n = i64_arg(&key_dim, "key_dim")?;
        let value_dim_n = match &value_dim {
            Value::None | Value::Int(0) => key_dim_n,
            v => i64_arg(v, "value_dim")?,
        };
        let output_dims = match &output_shape {
            Value::None => None,
            // Keras tests `if output_shape:`: 0 and empty sequences keep the query's size.
            Value::Int(0) => None,
            Value::Int(n) => Some(vec![*n]),
            v => {
                let mut dims = Vec::new();
                for d in it.collect_items(v)? {
                    dims.push(i64_arg(&d, "output_shape")?);
                }
                (!dims.is_empty()).then_some(dims)
            }
        };
        let (axes_value, axes) = match &attention_axes {
            Value::None => (Value::None, None),
            Value::Int(a) => (Value::tuple(vec![Value::Int(*a)]), Some(vec![*a])),
            v => {
                let items = it.collect_items(v)?;
                let mut axes = Vec::new();
                for a in &items {
                    axes.push(i64_arg(a, "attention_axes")?);
                }
                let shown = if matches!(v, Value::List(_)) {
                    super::list_wrapper::list_wrapper(items)
                } else {
                    v.clone()
                };
                (shown, Some(axes))
            }
        };
        let rate = da::dropout_arg(&dropout).unwrap_or(0.0);
        let penalties = LayerPenalties::from_args(it, &kernel_regularizer, &bias_regularizer,
            &activity_regularizer, &kernel_constraint, &bias_constraint)?;
        let kind = MultiHeadAttention {
            num_heads: num_heads_n,
            key_dim: key_dim_n,
            value_dim: value_dim_n,
            dropout: rate,
            dropout_value: dropout.clone(),
            use_bias: it.truthy(&use_bias)?,
            output_shape,
            output_dims,
            axes_value,
            axes,
            kernel_init: Init::from_value(Some(kernel_initializer))?,
            bias_init: Init::from_value(Some(bias_initializer))?,
            penalties,
            built: RefCell::new(None),
        };
        common.make(it, kind)
    }
}

/// The first positional argument after the query, or the keyword.
fn arg_at(args: &Args, pos: usize, name: &str) -> Option<Value> {
    args.pos
        .get(pos)
        .cloned()
        .or_else(|| kwarg(args, name).cloned())
}

fn shape_value(dims: &[usize]) -> Value {
    Value::Shape(Rc::new(Shape {
        dims: Some(dims.iter().map(|&d| Some(d)).collect()),
    }))
}

/// An error of one of the projections, as Keras reports its `EinsumDense` sublayer's.
fn sublayer_error(name: &str, e: crate::tensor::TfError) -> crate::eval::Flow {
    err(
        e.kind,
        format!(
            "Exception encountered when calling layer '{}' (type EinsumDense).\n\n{}",
            name, e.message
        ),
    )
}

impl MultiHeadAttention {
    /// The attention axes of projected inputs of rank `rank`.
    fn resolve_axes(&self, layer: &Layer, rank: usize) -> R<Vec<usize>> {
        let Some(axes) = &self.axes else {
            return Ok((1..rank.saturating_sub(2)).collect());
        };
        let mut out = Vec::new();
        for &a in axes {
            let r = if a < 0 { a + rank as i64 } else { a };
            if r < 0 || r >= rank as i64 {
                return Err(in_call(
                    layer,
                    ExcKind::IndexError,
                    format!("index {} is out of bounds for axis 0 with size {}", a, rank),
                ));
            }
            out.push(r as usize);
        }
        Ok(out)
    }

    /// Makes the weights of the four projections for these input shapes.
    fn build(&self, it: &mut Interp, layer: &Layer, q: &Tensor, k: &Tensor, v: &Tensor) -> R<()> {
        let last = |t: &Tensor| t.shape().last().copied().unwrap_or(0);
        let rank = q.ndim() + 1;
        let axes = self.resolve_axes(layer, rank)?;
        // Keras makes its Softmax and Dropout layers for the scores before the weights.
        let softmax = if crate::nn::keras_tensor::probing() {
            "softmax".to_string()
        } else {
            let name = it.unique_name("softmax");
            it.unique_name("dropout");
            name
        };
        if q.ndim() == 0 || k.ndim() == 0 || v.ndim() == 0 {
            return Err(in_call(
                layer,
                ExcKind::IndexError,
                "tuple index out of range".into(),
            ));
        }
        let dim = |d: i64| -> R<usize> {
            usize::try_from(d).map_err(|_| {
                in_call(
                    layer,
                    ExcKind::ValueError,
                    format!("Dimension {} must be >= 0", d),
                )
            })
        };
        let (n, kd, vd) = (
            dim(self.num_heads)?,
            dim(self.key_dim)?,
            dim(self.value_dim)?,
        );
        let out = match &self.output_dims {
            Some(o) => o.iter().map(|&d| dim(d)).collect::<R<Vec<usize>>>()?,
            None => vec![last(q)],
        };
        da::dropout_arg(&self.dropout_value)?;
        let mut specs: Vec<(&str, Vec<usize>, bool)> = vec![
            ("query/kernel", vec![last(q), n, kd], true),
            ("query/bias", vec![n, kd], false),
            ("key/kernel", vec![last(k), n, kd], true),
            ("key/bias", vec![n, kd], false),
            ("value/kernel", vec![last(v), n, vd], true),
            ("value/bias", vec![n, vd], false),
        ];
        let mut ok = vec![n, vd];
        ok.extend(&out);
        specs.push(("attention_output/kernel", ok, true));
        specs.push(("attention_output/bias", out, false));
        for (attr, dims, kernel) in specs {
            if !kernel && !self.use_bias {
                continue;
            }
            let init = if kernel {
                &self.kernel_init
            } else {
                &self.bias_init
            };
            let t = init
                .sample(it, &dims, crate::tensor::DType::F32)
                .map_err(|e| match e {
                    crate::eval::Flow::Error(x) => in_call(layer, x.kind, x.message),
                    other => other,
                })?;
            layer.set_weight(it, attr, t, true, true);
        }
        *self.built.borrow_mut() = Some(Built {
            query: q.shape().to_vec(),
            key: k.shape().to_vec(),
            value: v.shape().to_vec(),
            eq: heads::equations(rank, &axes),
            softmax,
        });
        layer.built.set(true);
        Ok(())
    }

    /// One projection by the weights `name/kernel` and `name/bias`.
    fn project(&self, layer: &Layer, name: &str, x: &Tensor, bound: usize) -> R<Tensor> {
        let kernel = layer
            .weight(&format!("{}/kernel", name))
            .map(|v| v.read())
            .ok_or_else(|| value_err("the layer has no kernel"))?;
        let bias = layer.weight(&format!("{}/bias", name)).map(|v| v.read());
        heads::project(x, &kernel, bias.as_ref(), bound).map_err(|e| sublayer_error(name, e))
    }

    /// Keras's `_compute_attention_mask`: the inputs' masks, the causal mask and
    /// `attention_mask`, combined.
    fn attention_mask(
        &self,
        it: &mut Interp,
        args: &Args,
        q: &Tensor,
        v: &Tensor,
        causal: bool,
    ) -> R<Option<Tensor>> {
        let run = |it: &mut Interp| -> R<Option<Tensor>> {
            let mut auto: Option<Tensor> = None;
            if let Some(Value::List(l)) = kwarg(args, "mask") {
                let ms = l.borrow().clone();
                for (i, m) in ms.iter().enumerate() {
                    let Some(m) = da::bool_mask(it, m)? else {
                        continue;
                    };
                    let e =
                        crate::tensor::ops::shape::expand_dims(&m, if i == 0 { -1 } else { 1 })?;
                    auto = Some(heads::and(auto, e)?);
                }
            }
            if causal {
                let (tq, tv) = (
                    q.shape().get(1).copied().unwrap_or(1),
                    v.shape().get(1).copied().unwrap_or(1),
                );
                auto = Some(heads::and(auto, heads::causal(tq, tv))?);
            }
            let given = match arg_at(args, 3, "attention_mask") {
                Some(m) => da::bool_mask(it, &m)?,
                None => None,
            };
            Ok(match (given, auto) {
                (g, None) => g,
                (None, a) => a,
                (Some(g), Some(a)) => Some(heads::and(Some(g), a)?),
            })
        };
        run(it)
    }
}

impl LayerKind for MultiHeadAttention {
    fn class_name(&self) -> &'static str {
        "MultiHeadAttention"
    }

    fn module(&self) -> &'static str {
        "attention.multi_head_attention"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "_num_heads" => Value::Int(self.num_heads),
            "_key_dim" => Value::Int(self.key_dim),
            "_value_dim" => Value::Int(self.value_dim),
            "_dropout" => self.dropout_value.clone(),
            "_use_bias" => Value::Bool(self.use_bias),
            "_output_shape" => self.output_shape.clone(),
            "_attention_axes" => self.axes_config(),
            "supports_masking" => Value::Bool(true),
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "_num_heads",
            "_key_dim",
            "_value_dim",
            "_dropout",
            "_use_bias",
            "_output_shape",
            "_attention_axes",
            "supports_masking",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let built = self.built.borrow().clone();
        let shape = |f: fn(&Built) -> &Vec<usize>| {
            built.as_ref().map_or(Value::None, |b| shape_value(f(b)))
        };
        let mut c = vec![
            ("num_heads", Value::Int(self.num_heads)),
            ("key_dim", Value::Int(self.key_dim)),
            ("value_dim", Value::Int(self.value_dim)),
            ("dropout", self.dropout_value.clone()),
            ("use_bias", Value::Bool(self.use_bias)),
            ("output_shape", self.output_shape.clone()),
            ("attention_axes", self.axes_config()),
            ("kernel_initializer", self.kernel_init.config_value()),
            ("bias_initializer", self.bias_init.config_value()),
        ];
        c.extend(self.penalties.config());
        c.push(("query_shape", shape(|b| &b.query)));
        c.push(("key_shape", shape(|b| &b.key)));
        c.push(("value_shape", shape(|b| &b.value)));
        c
    }

    fn compute_output_shape_call(&self, it: &mut Interp, args: &Args) -> Option<R<Value>> {
        Some(self.output_shape_for(it, args))
    }

    fn list_masks(&self) -> bool {
        true
    }

    fn supports_masking(&self) -> bool {
        true
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(
        &self,
        _it: &mut Interp,
        _layer: &Layer,
        _x: &Value,
        _training: bool,
    ) -> R<Value> {
        Err(type_err(
            "MultiHeadAttention.call() missing 1 required positional argument: 'value'",
        ))
    }

    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
        args: &Args,
        training: bool,
    ) -> R<Value> {
        let Some(value) = arg_at(args, 1, "value") else {
            return self.call_value(it, layer, x, training);
        };
        let query = super::autocast(tensor_arg(it, x)?);
        let value = super::autocast(tensor_arg(it, &value)?);
        let key = match arg_at(args, 2, "key") {
            None | Some(Value::None) => value.clone(),
            Some(k) => super::autocast(tensor_arg(it, &k)?),
        };
        let return_scores = match arg_at(args, 4, "return_attention_scores") {
            Some(v) => it.truthy(&v)?,
            None => false,
        };
        let causal = da::flag(it, args, "use_causal_mask")?;
        if self.built.borrow().is_none() {
            self.build(it, layer, &query, &key, &value)?;
        }
        let (eq, softmax) = match &*self.built.borrow() {
            Some(b) => (b.eq.clone(), b.softmax.clone()),
            None => return Err(value_err("the layer is not built")),
        };
        let softmax_error = |kind: ExcKind, message: String| {
            err(
                kind,
                format!(
                    "Exception encountered when calling layer '{}' (type Softmax).\n\n{}",
                    softmax, message
                ),
            )
        };
        let mask = self.attention_mask(it, args, &query, &value, causal)?;
        if eq.axes.is_empty() {
            // Keras's Softmax over no axes: the mask's addition fails first, if any.
            let kind = if mask.is_some() {
                ExcKind::InvalidArgumentError
            } else {
                ExcKind::IndexError
            };
            return Err(softmax_error(kind, "tuple index out of range".into()));
        }
        let q = self.project(layer, "query", &query, 1)?;
        let k = self.project(layer, "key", &key, 1)?;
        let v = self.project(layer, "value", &value, 1)?;
        let raw = {
            use crate::tensor::ops::elementwise::{self as ew, Binary};
            let scale = Tensor::scalar((1.0 / (self.key_dim as f64).sqrt()) as f32);
            ew::binary(Binary::Mul, &q, &scale)
                .and_then(|q| heads::dot_scores(&eq, &k, &q))
                .map_err(|e| super::call_error(layer, e))?
        };
        let scores = heads::masked_softmax(&raw, mask.as_ref(), eq.axes.len())
            .map_err(|e| softmax_error(e.kind, e.message))?;
        let run = |it: &mut Interp| -> TResult<(Tensor, Tensor)> {
            let dropped = if training && self.dropout > 0.0 {
                da::drop(it, &scores, self.dropout)?
            } else {
                scores.clone()
            };
            Ok((heads::combine(&eq, &dropped, &v)?, scores))
        };
        let (out, scores) = run(it).map_err(|e| super::call_error(layer, e))?;
        let out = self.project(layer, "attention_output", &out, 2)?;
        Ok(if return_scores {
            Value::tuple(vec![Value::Tensor(out), Value::Tensor(scores)])
        } else {
            Value::Tensor(out)
        })
    }
}

impl MultiHeadAttention {
    /// Keras's `compute_output_shape(query_shape, value_shape, key_shape=None)`: the
    /// query's shape with the last dim replaced by `output_shape` when given.
    fn output_shape_for(&self, it: &mut Interp, args: &Args) -> R<Value> {
        let [q, v, k] = args.clone().bind(
            "MultiHeadAttention.compute_output_shape",
            ["query_shape", "value_shape", "key_shape=None"],
        )?;
        let (Some(q), Some(v)) = (q, v) else {
            return Err(type_err(
                "MultiHeadAttention.compute_output_shape() missing 1 required positional argument: 'value_shape'",
            ));
        };
        let q = shape_arg(it, &q)?;
        let v = shape_arg(it, &v)?;
        let k = match k {
            None | Some(Value::None) => v.clone(),
            Some(k) => shape_arg(it, &k)?,
        };
        if let (Some(Some(a)), Some(Some(b))) = (q.last(), v.last()) {
            if a != b {
                return Err(value_err(format!(
                    "The last dimension of `query_shape` and `value_shape` must be equal, but are {}, {}. Received: query_shape={{query_shape}}, value_shape={{value_shape}}",
                    a, b
                )));
            }
        }
        let inner = |s: &[Option<usize>]| -> Vec<Option<usize>> {
            if s.len() < 2 {
                vec![]
            } else {
                s[1..s.len() - 1].to_vec()
            }
        };
        if inner(&v) != inner(&k) {
            return Err(value_err(format!(
                "All dimensions of `value` and `key`, except the last one, must be equal. Received {} and {}",
                super::dims_str(&v),
                super::dims_str(&k)
            )));
        }
        let mut out = q.clone();
        if let Some(dims) = &self.output_dims {
            out.pop();
            out.extend(dims.iter().map(|&d| usize::try_from(d).ok()));
        }
        Ok(Value::Shape(Rc::new(Shape { dims: Some(out) })))
    }

    /// `attention_axes` as `get_config()` shows it: as given, and once built the resolved
    /// axes as a tuple.
    fn axes_config(&self) -> Value {
        match &*self.built.borrow() {
            Some(b) => Value::tuple(b.eq.axes.iter().map(|&a| Value::Int(a as i64)).collect()),
            None => self.axes_value.clone(),
        }
    }
}
