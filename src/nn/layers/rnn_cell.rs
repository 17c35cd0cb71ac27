//! The recurrent cells `SimpleRNNCell`, `LSTMCell` and `GRUCell`: their arguments, weights
//! (Keras's shapes and gate order: i, f, c, o for LSTM; z, r, h for GRU), `get_config`, and
//! one time step built from recorded ops (one input product and one recurrent product per
//! step), which the RNN layers loop over.

use super::{LayerKind, WeightSpec};
use crate::api::convert::{f64_arg, i64_arg};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::activations::Act;
use crate::nn::initializers::Init;
use crate::nn::layer::{tensor_arg, Layer};
use crate::tensor::autodiff::record;
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::{linalg, shape as sh};
use crate::tensor::{DType, Tensor};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CellType {
    Simple,
    Lstm,
    Gru,
}

impl CellType {
    /// The cell's class name.
    pub fn class(self) -> &'static str {
        match self {
            CellType::Simple => "SimpleRNNCell",
            CellType::Lstm => "LSTMCell",
            CellType::Gru => "GRUCell",
        }
    }

    /// Gates per unit in the fused kernels.
    pub fn gates(self) -> usize {
        match self {
            CellType::Simple => 1,
            CellType::Lstm => 4,
            CellType::Gru => 3,
        }
    }

    /// States carried from step to step (`h`, and `c` for LSTM).
    pub fn n_states(self) -> usize {
        if self == CellType::Lstm {
            2
        } else {
            1
        }
    }
}

/// Everything a cell is made with.
#[derive(Clone)]
pub struct CellSpec {
    pub ty: CellType,
    pub units: usize,
    pub activation: Act,
    pub recurrent_activation: Act,
    pub use_bias: bool,
    pub kernel_init: Init,
    pub recurrent_init: Init,
    pub bias_init: Init,
    pub unit_forget_bias: bool,
    pub reset_after: bool,
    pub dropout: f64,
    pub recurrent_dropout: f64,
}

/// The constructor arguments shared by the cells and the RNN layers.
pub struct CellArgs {
    pub units: Value,
    pub activation: Value,
    pub recurrent_activation: Value,
    pub use_bias: Value,
    pub kernel_initializer: Value,
    pub recurrent_initializer: Value,
    pub bias_initializer: Value,
    pub unit_forget_bias: Value,
    pub reset_after: Value,
    pub dropout: Value,
    pub recurrent_dropout: Value,
    /// The regularizer and constraint arguments (only None is supported).
    pub penalties: Vec<(&'static str, Value)>,
}

/// Keras clips the dropout rates to [0, 1].
fn rate(v: &Value, what: &str) -> R<f64> {
    Ok(f64_arg(v, what)?.clamp(0.0, 1.0))
}

impl CellSpec {
    pub fn from_args(it: &mut Interp, ty: CellType, a: CellArgs) -> R<CellSpec> {
        let units = i64_arg(&a.units, "units")?;
        if units <= 0 {
            return Err(value_err(format!(
                "Received an invalid value for argument `units`, expected a positive integer, got {}.",
                units
            )));
        }
        let pens: Vec<(&str, &Value)> = a.penalties.iter().map(|(k, v)| (*k, v)).collect();
        super::embedding::only_none(&pens)?;
        Ok(CellSpec {
            ty,
            units: units as usize,
            activation: Act::from_value(Some(a.activation))?,
            recurrent_activation: Act::from_value(Some(a.recurrent_activation))?,
            use_bias: it.truthy(&a.use_bias)?,
            kernel_init: Init::from_value(Some(a.kernel_initializer))?,
            recurrent_init: Init::from_value(Some(a.recurrent_initializer))?,
            bias_init: Init::from_value(Some(a.bias_initializer))?,
            unit_forget_bias: it.truthy(&a.unit_forget_bias)?,
            reset_after: it.truthy(&a.reset_after)?,
            dropout: rate(&a.dropout, "dropout")?,
            recurrent_dropout: rate(&a.recurrent_dropout, "recurrent_dropout")?,
        })
    }

    /// The cell's `get_config()` entries after `name`, `trainable`, `dtype`; with
    /// `activity`, the RNN layer's (which also lists `activity_regularizer`).
    pub fn config(&self, activity: bool) -> Vec<(&'static str, Value)> {
        let lstm = self.ty == CellType::Lstm;
        let gated = self.ty != CellType::Simple;
        let mut c = vec![
            ("units", Value::Int(self.units as i64)),
            ("activation", Value::str(&self.activation.config_name())),
        ];
        if gated {
            c.push((
                "recurrent_activation",
                Value::str(&self.recurrent_activation.config_name()),
            ));
        }
        c.push(("use_bias", Value::Bool(self.use_bias)));
        c.push(("kernel_initializer", self.kernel_init.config_value()));
        c.push(("recurrent_initializer", self.recurrent_init.config_value()));
        c.push(("bias_initializer", self.bias_init.config_value()));
        if lstm {
            c.push(("unit_forget_bias", Value::Bool(self.unit_forget_bias)));
        }
        c.push(("kernel_regularizer", Value::None));
        c.push(("recurrent_regularizer", Value::None));
        c.push(("bias_regularizer", Value::None));
        if activity {
            c.push(("activity_regularizer", Value::None));
        }
        c.push(("kernel_constraint", Value::None));
        c.push(("recurrent_constraint", Value::None));
        c.push(("bias_constraint", Value::None));
        c.push(("dropout", Value::Float(self.dropout)));
        c.push(("recurrent_dropout", Value::Float(self.recurrent_dropout)));
        if gated {
            c.push(("implementation", Value::Int(2)));
        }
        if self.ty == CellType::Gru {
            c.push(("reset_after", Value::Bool(self.reset_after)));
        }
        c
    }

    /// The attributes a cell and its RNN layer share (`units`, `activation`, ...).
    pub fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "units" => Value::Int(self.units as i64),
            "activation" => self.activation.value(),
            "recurrent_activation" if self.ty != CellType::Simple => {
                self.recurrent_activation.value()
            }
            "use_bias" => Value::Bool(self.use_bias),
            "dropout" => Value::Float(self.dropout),
            "recurrent_dropout" => Value::Float(self.recurrent_dropout),
            "unit_forget_bias" if self.ty == CellType::Lstm => Value::Bool(self.unit_forget_bias),
            "reset_after" if self.ty == CellType::Gru => Value::Bool(self.reset_after),
            "implementation" if self.ty != CellType::Simple => Value::Int(2),
            "state_size" => {
                let u = Value::Int(self.units as i64);
                if self.ty == CellType::Lstm {
                    super::list_wrapper::list_wrapper(vec![u.clone(), u])
                } else {
                    u
                }
            }
            "output_size" => Value::Int(self.units as i64),
            _ => return None,
        })
    }
}

/// The weights of one step, read from the cell's variables (recorded for gradients).
pub struct StepWeights {
    pub kernel: Tensor,
    pub recurrent: Tensor,
    /// The input bias (for GRU with `reset_after`, row 0 of the bias).
    pub bias: Option<Tensor>,
    /// GRU with `reset_after`: row 1 of the bias.
    pub recurrent_bias: Option<Tensor>,
}

/// The dropout masks of one sequence (drawn once, applied at every step).
#[derive(Default)]
pub struct StepDropout {
    pub input: Option<Tensor>,
    pub recurrent: Option<Tensor>,
}

/// A kept-and-scaled mask of ones for inputs of `shape` at `rate`.
pub fn dropout_mask(it: &mut Interp, shape: &[usize], rate: f64) -> R<Tensor> {
    if rate >= 1.0 {
        return Ok(Tensor::zeros(DType::F32, shape));
    }
    let u = it.rng.uniform_op(shape, DType::F32, None);
    let keep =
        ew::compare(ew::Compare::GreaterEqual, &u, &Tensor::scalar(rate as f32))?.cast(DType::F32);
    Ok(ew::binary(
        Binary::Mul,
        &keep,
        &Tensor::scalar((1.0 / (1.0 - rate)) as f32),
    )?)
}

fn add(a: &Tensor, b: &Tensor) -> R<Tensor> {
    Ok(ew::binary(Binary::Add, a, b)?)
}

fn mul(a: &Tensor, b: &Tensor) -> R<Tensor> {
    Ok(ew::binary(Binary::Mul, a, b)?)
}

fn mm(a: &Tensor, b: &Tensor) -> R<Tensor> {
    Ok(linalg::matmul(a, b, false, false)?)
}

/// The `n` equal column blocks of a `[batch, n * u]` matrix (`tf.split(z, n, axis=1)`),
/// each recorded with a direct gradient: its rows placed into zeros of the matrix's shape.
fn gate_slices(z: &Tensor, n: usize) -> R<Vec<Tensor>> {
    let z = z.contiguous();
    if z.dtype() != DType::F32 || z.ndim() != 2 || n == 0 || !z.shape()[1].is_multiple_of(n) {
        return Ok(sh::split_even(&z, n, 1)?);
    }
    let (b, w) = (z.shape()[0], z.shape()[1]);
    let u = w / n;
    let data: Vec<f32> = z.to_vec::<f32>()?;
    let mut out = Vec::with_capacity(n);
    for k in 0..n {
        let mut block = Vec::with_capacity(b * u);
        for r in 0..b {
            block.extend_from_slice(&data[r * w + k * u..r * w + (k + 1) * u]);
        }
        let t = Tensor::from_vec(&[b, u], block);
        out.push(record(&[&z], t, move |_xs, _y, g| {
            let g = g.cast(DType::F32).contiguous().to_vec::<f32>()?;
            let mut full = vec![0f32; b * w];
            for r in 0..b {
                full[r * w + k * u..r * w + (k + 1) * u].copy_from_slice(&g[r * u..(r + 1) * u]);
            }
            Ok(vec![Some(Tensor::from_vec(&[b, w], full))])
        }));
    }
    Ok(out)
}

pub struct RnnCell {
    pub spec: CellSpec,
}

impl RnnCell {
    /// The weights of a built cell layer.
    pub fn weights_of(&self, layer: &Layer) -> R<StepWeights> {
        let read = |n: &str| layer.weight(n).map(|v| v.read());
        let (Some(kernel), Some(recurrent)) = (read("kernel"), read("recurrent_kernel")) else {
            return raise(ExcKind::ValueError, "the cell is not built");
        };
        let (bias, recurrent_bias) = match read("bias") {
            Some(b) if b.ndim() == 2 => (
                Some(sh::index_axis(&b, 0, 0)),
                Some(sh::index_axis(&b, 0, 1)),
            ),
            other => (other, None),
        };
        Ok(StepWeights {
            kernel,
            recurrent,
            bias,
            recurrent_bias,
        })
    }

    /// One step: the output and the new states for input `x` `[batch, features]`.
    pub fn step(
        &self,
        it: &mut Interp,
        w: &StepWeights,
        x: &Tensor,
        states: &[Tensor],
        drop: &StepDropout,
    ) -> R<(Tensor, Vec<Tensor>)> {
        let s = &self.spec;
        let u = s.units as i64;
        let x = match &drop.input {
            Some(m) => mul(x, m)?,
            None => x.clone(),
        };
        let h_prev = &states[0];
        let h_in = match &drop.recurrent {
            Some(m) => mul(h_prev, m)?,
            None => h_prev.clone(),
        };
        match s.ty {
            CellType::Simple => {
                let mut h = mm(&x, &w.kernel)?;
                if let Some(b) = &w.bias {
                    h = add(&h, b)?;
                }
                let out = add(&h, &mm(&h_in, &w.recurrent)?)?;
                let out = s.activation.apply(it, &out)?;
                Ok((out.clone(), vec![out]))
            }
            CellType::Lstm => {
                let mut z = mm(&x, &w.kernel)?;
                z = add(&z, &mm(&h_in, &w.recurrent)?)?;
                if let Some(b) = &w.bias {
                    z = add(&z, b)?;
                }
                let parts = gate_slices(&z, 4)?;
                let ra = &s.recurrent_activation;
                let i = ra.apply(it, &parts[0])?;
                let f = ra.apply(it, &parts[1])?;
                let g = s.activation.apply(it, &parts[2])?;
                let c = add(&mul(&f, &states[1])?, &mul(&i, &g)?)?;
                let o = ra.apply(it, &parts[3])?;
                let h = mul(&o, &s.activation.apply(it, &c)?)?;
                Ok((h.clone(), vec![h, c]))
            }
            CellType::Gru => {
                let mut mx = mm(&x, &w.kernel)?;
                if let Some(b) = &w.bias {
                    mx = add(&mx, b)?;
                }
                let xs = gate_slices(&mx, 3)?;
                let ra = &s.recurrent_activation;
                let hh_in;
                let z;
                if s.reset_after {
                    let mut inner = mm(&h_in, &w.recurrent)?;
                    if let Some(b) = &w.recurrent_bias {
                        inner = add(&inner, b)?;
                    }
                    let rs = gate_slices(&inner, 3)?;
                    z = ra.apply(it, &add(&xs[0], &rs[0])?)?;
                    let r = ra.apply(it, &add(&xs[1], &rs[1])?)?;
                    hh_in = mul(&r, &rs[2])?;
                } else {
                    let k = w.recurrent.shape()[1];
                    let head = sh::slice_axis(&w.recurrent, 1, 0, 2 * u as usize);
                    let tail = sh::slice_axis(&w.recurrent, 1, 2 * u as usize, k);
                    let inner = mm(&h_in, &head)?;
                    let rs = gate_slices(&inner, 2)?;
                    z = ra.apply(it, &add(&xs[0], &rs[0])?)?;
                    let r = ra.apply(it, &add(&xs[1], &rs[1])?)?;
                    hh_in = mm(&mul(&r, &h_in)?, &tail)?;
                }
                let hh = s.activation.apply(it, &add(&xs[2], &hh_in)?)?;
                let one_minus_z = ew::binary(Binary::Sub, &Tensor::scalar(1.0f32), &z)?;
                let h = add(&mul(&z, h_prev)?, &mul(&one_minus_z, &hh)?)?;
                Ok((h.clone(), vec![h]))
            }
        }
    }

    /// Creates the cell's weights for `[batch, features]` inputs.
    fn make_weights(&self, it: &mut Interp, layer: &Layer, features: usize, scoped: bool) -> R<()> {
        let s = &self.spec;
        let (u, g) = (s.units, s.ty.gates());
        let k = s.kernel_init.sample(it, &[features, g * u], DType::F32)?;
        layer.set_weight(it, "kernel", k, true, scoped);
        let r = s.recurrent_init.sample(it, &[u, g * u], DType::F32)?;
        layer.set_weight(it, "recurrent_kernel", r, true, scoped);
        if s.use_bias {
            let b = if s.ty == CellType::Lstm && s.unit_forget_bias {
                let a = s.bias_init.sample(it, &[u], DType::F32)?;
                let ones = Tensor::full(DType::F32, &[u], 1.0);
                let rest = s.bias_init.sample(it, &[2 * u], DType::F32)?;
                sh::concat(&[a, ones, rest], 0)?
            } else if s.ty == CellType::Gru && s.reset_after {
                s.bias_init.sample(it, &[2, g * u], DType::F32)?
            } else {
                s.bias_init.sample(it, &[g * u], DType::F32)?
            };
            layer.set_weight(it, "bias", b, true, scoped);
        }
        Ok(())
    }

    /// Zero states for a batch.
    pub fn zero_states(&self, batch: usize) -> Vec<Tensor> {
        (0..self.spec.ty.n_states())
            .map(|_| Tensor::zeros(DType::F32, &[batch, self.spec.units]))
            .collect()
    }
}

/// The cell kind behind a layer value, if it is one of the built-in cells.
pub fn cell_of(v: &Value) -> Option<(&Layer, &RnnCell)> {
    let l = crate::nn::layer_ref(v)?;
    let c = l.kind.as_any()?.downcast_ref::<RnnCell>()?;
    Some((l, c))
}

/// States given to a call: one tensor or a list of them.
pub fn states_arg(it: &mut Interp, v: &Value) -> R<Vec<Tensor>> {
    let items = match v {
        Value::List(_) | Value::Tuple(_) => it.collect_items(v)?,
        other => vec![other.clone()],
    };
    items
        .iter()
        .map(|x| Ok(super::autocast(tensor_arg(it, x)?)))
        .collect()
}

impl LayerKind for RnnCell {
    fn class_name(&self) -> &'static str {
        self.spec.ty.class()
    }

    fn module(&self) -> &'static str {
        match self.spec.ty {
            CellType::Simple => "rnn.simple_rnn",
            CellType::Lstm => "rnn.lstm",
            CellType::Gru => "rnn.gru",
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        self.spec.attr(name)
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "units",
            "activation",
            "use_bias",
            "state_size",
            "output_size",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        self.spec.config(false)
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn weights(&self, _shape: &[Option<usize>]) -> R<Vec<WeightSpec>> {
        Ok(vec![])
    }

    fn build_inner(
        &self,
        it: &mut Interp,
        layer: &Layer,
        shape: &[Option<usize>],
        scoped: bool,
    ) -> R<()> {
        let Some(Some(features)) = shape.last().copied() else {
            return raise(
                ExcKind::ValueError,
                "The last dimension of the inputs to a recurrent cell should be defined. Found None.",
            );
        };
        self.make_weights(it, layer, features, scoped)
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        vec![shape.first().copied().flatten(), Some(self.spec.units)]
    }

    fn call(&self, _it: &mut Interp, _layer: &Layer, x: Tensor, _training: bool) -> R<Tensor> {
        Ok(x)
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        self.call_masked(it, layer, x, None, &Args::default(), training)
    }

    /// `cell(inputs, states)`: `(output, new_states)` as Keras returns them.
    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        _mask: Option<Tensor>,
        args: &Args,
        training: bool,
    ) -> R<Value> {
        let states_v = args
            .pos
            .get(1)
            .cloned()
            .or_else(|| {
                args.kw
                    .iter()
                    .find(|(k, _)| k == "states")
                    .map(|(_, v)| v.clone())
            })
            .ok_or_else(|| {
                crate::eval::error::type_err(format!(
                    "{}.call() missing 1 required positional argument: 'states'",
                    self.spec.ty.class()
                ))
            })?;
        let nested = matches!(states_v, Value::List(_) | Value::Tuple(_));
        let x = super::autocast(tensor_arg(it, x)?);
        if x.ndim() != 2 {
            return Err(value_err(format!(
                "A recurrent cell takes inputs of shape (batch, features). Received: {}",
                crate::print::shape_tuple(x.shape())
            )));
        }
        let states = states_arg(it, &states_v)?;
        if states.len() != self.spec.ty.n_states() {
            return Err(value_err(format!(
                "{} expects {} state(s), received {}",
                self.spec.ty.class(),
                self.spec.ty.n_states(),
                states.len()
            )));
        }
        if !layer.built.get() {
            let shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
            layer.build(it, &shape, true)?;
        }
        let w = self.weights_of(layer)?;
        let mut drop = StepDropout::default();
        if training && self.spec.dropout > 0.0 {
            drop.input = Some(dropout_mask(it, x.shape(), self.spec.dropout)?);
        }
        if training && self.spec.recurrent_dropout > 0.0 {
            drop.recurrent = Some(dropout_mask(
                it,
                states[0].shape(),
                self.spec.recurrent_dropout,
            )?);
        }
        let (out, new) = self.step(it, &w, &x, &states, &drop)?;
        let new_v: Vec<Value> = new.into_iter().map(Value::Tensor).collect();
        let states_out = if nested || self.spec.ty == CellType::Lstm {
            Value::list(new_v)
        } else {
            new_v.into_iter().next().unwrap_or(Value::None)
        };
        Ok(Value::tuple(vec![Value::Tensor(out), states_out]))
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

/// A cell layer value with a given name (an RNN layer's own cell: `lstm_cell`, which
/// Keras names explicitly, so no name counter moves).
pub fn make_cell_named(it: &mut Interp, spec: CellSpec, name: String) -> Value {
    let class = spec.ty.class();
    let l = Layer::new(it, class, Box::new(RnnCell { spec }), Some(name));
    Value::Object(std::rc::Rc::new(l))
}

/// Makes a cell layer value (the cell constructors).
pub fn make_cell(it: &mut Interp, spec: CellSpec, kwargs: &Value) -> R<Value> {
    super::make(it, kwargs, RnnCell { spec })
}

crate::builtin! {
    /// Cell class for SimpleRNN.
    python ["tf.keras.layers.SimpleRNNCell"]
    fn SimpleRNNCell(it, units, activation = "tanh", use_bias = True,
        kernel_initializer = "glorot_uniform", recurrent_initializer = "orthogonal",
        bias_initializer = "zeros", kernel_regularizer = None, recurrent_regularizer = None,
        bias_regularizer = None, kernel_constraint = None, recurrent_constraint = None,
        bias_constraint = None, dropout = 0.0, recurrent_dropout = 0.0, **kwargs) {
        let spec = CellSpec::from_args(it, CellType::Simple, CellArgs {
            units, activation, recurrent_activation: Value::None, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias: Value::Bool(false), reset_after: Value::Bool(false),
            dropout, recurrent_dropout,
            penalties: vec![("kernel_regularizer", kernel_regularizer),
                ("recurrent_regularizer", recurrent_regularizer),
                ("bias_regularizer", bias_regularizer),
                ("kernel_constraint", kernel_constraint),
                ("recurrent_constraint", recurrent_constraint),
                ("bias_constraint", bias_constraint)],
        })?;
        make_cell(it, spec, &kwargs)
    }
}

crate::builtin! {
    /// Cell class for the LSTM layer.
    python ["tf.keras.layers.LSTMCell"]
    fn LSTMCell(it, units, activation = "tanh", recurrent_activation = "sigmoid",
        use_bias = True, kernel_initializer = "glorot_uniform",
        recurrent_initializer = "orthogonal", bias_initializer = "zeros",
        unit_forget_bias = True, kernel_regularizer = None, recurrent_regularizer = None,
        bias_regularizer = None, kernel_constraint = None, recurrent_constraint = None,
        bias_constraint = None, dropout = 0.0, recurrent_dropout = 0.0, implementation = 2,
        **kwargs) {
        let _ = implementation;
        let spec = CellSpec::from_args(it, CellType::Lstm, CellArgs {
            units, activation, recurrent_activation, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias, reset_after: Value::Bool(false),
            dropout, recurrent_dropout,
            penalties: vec![("kernel_regularizer", kernel_regularizer),
                ("recurrent_regularizer", recurrent_regularizer),
                ("bias_regularizer", bias_regularizer),
                ("kernel_constraint", kernel_constraint),
                ("recurrent_constraint", recurrent_constraint),
                ("bias_constraint", bias_constraint)],
        })?;
        make_cell(it, spec, &kwargs)
    }
}

crate::builtin! {
    /// Cell class for the GRU layer.
    python ["tf.keras.layers.GRUCell"]
    fn GRUCell(it, units, activation = "tanh", recurrent_activation = "sigmoid",
        use_bias = True, kernel_initializer = "glorot_uniform",
        recurrent_initializer = "orthogonal", bias_initializer = "zeros",
        kernel_regularizer = None, recurrent_regularizer = None, bias_regularizer = None,
        kernel_constraint = None, recurrent_constraint = None, bias_constraint = None,
        dropout = 0.0, recurrent_dropout = 0.0, reset_after = True, implementation = 2,
        **kwargs) {
        let _ = implementation;
        let spec = CellSpec::from_args(it, CellType::Gru, CellArgs {
            units, activation, recurrent_activation, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias: Value::Bool(false), reset_after,
            dropout, recurrent_dropout,
            penalties: vec![("kernel_regularizer", kernel_regularizer),
                ("recurrent_regularizer", recurrent_regularizer),
                ("bias_regularizer", bias_regularizer),
                ("kernel_constraint", kernel_constraint),
                ("recurrent_constraint", recurrent_constraint),
                ("bias_constraint", bias_constraint)],
        })?;
        make_cell(it, spec, &kwargs)
    }
}
