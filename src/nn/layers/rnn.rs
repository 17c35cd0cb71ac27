//! The recurrent layers `SimpleRNN`, `LSTM`, `GRU` and the generic `RNN(cell)`: a loop over
//! the time steps of a `[batch, time, features]` input calling the cell's step (recorded
//! ops, so gradients through time come from the tape), with Keras's `return_sequences`,
//! `return_state`, `go_backwards`, `stateful` / `reset_states()`, `initial_state=`, input
//! masks (a masked step keeps the previous output and states) and training-time dropout.

use super::mask_flow::keep_where;
use super::rnn_cell::{
    cell_of, dropout_mask, make_cell_named, states_arg, CellArgs, CellSpec, CellType, RnnCell,
    StepDropout,
};
use super::{autocast, incompatible, LayerKind};
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::{in_scope, tensor_arg, Layer};
use crate::print::shape_tuple;
use crate::tensor::ops::shape as sh;
use crate::tensor::{DType, Tensor};
use std::cell::{Cell, RefCell};

/// The flags of an RNN layer.
#[derive(Clone, Copy, Default)]
pub struct RnnFlags {
    pub return_sequences: bool,
    pub return_state: bool,
    pub go_backwards: bool,
    pub stateful: bool,
    pub unroll: bool,
    pub time_major: bool,
}

impl RnnFlags {
    pub fn from_args(it: &mut Interp, v: [&Value; 6]) -> R<RnnFlags> {
        Ok(RnnFlags {
            return_sequences: it.truthy(v[0])?,
            return_state: it.truthy(v[1])?,
            go_backwards: it.truthy(v[2])?,
            stateful: it.truthy(v[3])?,
            unroll: it.truthy(v[4])?,
            time_major: it.truthy(v[5])?,
        })
    }
}

pub struct Rnn {
    /// `SimpleRNN`, `LSTM`, `GRU` or `RNN`.
    pub class: &'static str,
    /// The cell layer (its weights are the layer's).
    pub cell: Value,
    pub flags: RnnFlags,
    /// Masked steps output zeros instead of the previous output (set by `Bidirectional`
    /// when it returns sequences).
    pub zero_output_for_mask: Cell<bool>,
    /// A stateful layer's states after its last call.
    pub states: RefCell<Option<Vec<Tensor>>>,
}

/// The tensors of time steps 0..T of a `[time, batch, features]` tensor, cut by halving
/// (so the gradient of the cuts costs log T passes over the input, not T).
fn time_slices(x: &Tensor, out: &mut Vec<Tensor>) {
    let n = x.shape()[0];
    if n == 1 {
        out.push(sh::index_axis(x, 0, 0));
        return;
    }
    let h = n / 2;
    time_slices(&sh::slice_axis(x, 0, 0, h), out);
    time_slices(&sh::slice_axis(x, 0, h, n), out);
}

impl Rnn {
    fn cell(&self) -> R<(&Layer, &RnnCell)> {
        cell_of(&self.cell).ok_or_else(|| value_err("the RNN layer has no built-in cell"))
    }

    /// A copy with other flags and a fresh cell of the same settings and name (what
    /// `Bidirectional` makes of the layer it wraps).
    pub fn recreate(&self, it: &mut Interp, flags: RnnFlags) -> R<Rnn> {
        let (cl, c) = self.cell()?;
        let cell = make_cell_named(it, c.spec.clone(), cl.name.clone());
        Ok(Rnn {
            class: self.class,
            cell,
            flags,
            zero_output_for_mask: Cell::new(false),
            states: RefCell::new(None),
        })
    }

    /// The cell's settings.
    pub fn spec(&self) -> Option<&CellSpec> {
        self.cell().ok().map(|(_, c)| &c.spec)
    }

    /// Runs the layer over a sequence; the output (a list with the final states when
    /// `return_state`).
    pub fn run(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        mask: Option<Tensor>,
        initial_state: Option<&Value>,
        training: bool,
    ) -> R<Value> {
        let mut x = autocast(tensor_arg(it, x)?);
        super::expect_ndim(layer, &x, 3)?;
        let f = self.flags;
        if f.time_major {
            x = sh::transpose(&x, Some(&[1, 0, 2]))?;
        }
        if !layer.built.get() {
            let shape: Vec<Option<usize>> = x.shape().iter().map(|&d| Some(d)).collect();
            layer.build(it, &shape, true)?;
        }
        let (cell_layer, cell) = self.cell()?;
        let spec = &cell.spec;
        let (b, t, feat) = (x.shape()[0], x.shape()[1], x.shape()[2]);
        let w = cell.weights_of(cell_layer)?;
        if w.kernel.shape()[0] != feat {
            return Err(incompatible(
                layer,
                format!(
                    "expected shape=(None, None, {}), found shape={}",
                    w.kernel.shape()[0],
                    shape_tuple(x.shape())
                ),
            ));
        }
        let n = spec.ty.n_states();
        let mut states = match initial_state {
            Some(v) if !matches!(v, Value::None) => {
                let s = states_arg(it, v)?;
                if s.len() != n {
                    return Err(value_err(format!(
                        "An `initial_state` was passed that is not compatible with `cell.state_size`. Received {} initial state(s); however `cell.state_size` has {}",
                        s.len(),
                        n
                    )));
                }
                for st in &s {
                    if st.shape() != [b, spec.units] {
                        return Err(value_err(format!(
                            "An initial state of shape {} does not match the expected shape {}",
                            shape_tuple(st.shape()),
                            shape_tuple(&[b, spec.units])
                        )));
                    }
                }
                s
            }
            _ => match &*self.states.borrow() {
                Some(s) if f.stateful && s.first().map(|s| s.shape()[0]) == Some(b) => s.clone(),
                _ => cell.zero_states(b),
            },
        };
        if let Some(m) = &mask {
            if m.shape() != [b, t] {
                return Err(value_err(format!(
                    "The mask of shape {} does not match the input of shape {}",
                    shape_tuple(m.shape()),
                    shape_tuple(x.shape())
                )));
            }
        }
        if t == 0 {
            return raise(
                ExcKind::ValueError,
                "Cannot run a recurrent layer over a sequence of length 0",
            );
        }
        let mut drop = StepDropout::default();
        if training && spec.dropout > 0.0 {
            drop.input = Some(dropout_mask(it, &[b, feat], spec.dropout)?);
        }
        if training && spec.recurrent_dropout > 0.0 {
            drop.recurrent = Some(dropout_mask(it, &[b, spec.units], spec.recurrent_dropout)?);
        }
        let mut steps = Vec::with_capacity(t);
        time_slices(&sh::transpose(&x, Some(&[1, 0, 2]))?, &mut steps);
        let mask_steps: Option<Vec<Tensor>> = mask
            .as_ref()
            .map(|m| (0..t).map(|i| sh::index_axis(m, 1, i)).collect());
        let zeros = Tensor::zeros(DType::F32, &[b, spec.units]);
        let mut prev_out = zeros.clone();
        let mut outs = Vec::with_capacity(if f.return_sequences { t } else { 0 });
        let mut last = zeros.clone();
        for step in 0..t {
            it.check_interrupt()?;
            let ti = if f.go_backwards { t - 1 - step } else { step };
            let xt = steps[ti].contiguous();
            let (mut out, new_states) = cell.step(it, &w, &xt, &states, &drop)?;
            match &mask_steps {
                Some(ms) => {
                    let mt = &ms[ti];
                    let keep = if self.zero_output_for_mask.get() {
                        &zeros
                    } else {
                        &prev_out
                    };
                    out = keep_where(mt, &out, keep)?;
                    states = new_states
                        .iter()
                        .zip(&states)
                        .map(|(n, o)| keep_where(mt, n, o))
                        .collect::<R<Vec<_>>>()?;
                    prev_out = out.clone();
                }
                None => states = new_states,
            }
            if f.return_sequences {
                outs.push(out.clone());
            }
            last = out;
        }
        if f.stateful {
            *self.states.borrow_mut() = Some(states.iter().map(|s| s.clone().renewed()).collect());
        }
        let output = if f.return_sequences {
            sh::stack(&outs, if f.time_major { 0 } else { 1 })?
        } else {
            last
        };
        if f.return_state {
            let mut v = vec![Value::Tensor(output)];
            v.extend(states.into_iter().map(Value::Tensor));
            return Ok(Value::list(v));
        }
        Ok(Value::Tensor(output))
    }

    /// The `cell` entry of an `RNN(cell)` layer's config.
    fn cell_config(&self) -> Value {
        match self.cell() {
            Ok((l, _)) => super::serialized(l),
            Err(_) => Value::None,
        }
    }
}

/// The `initial_state` keyword of a call.
fn initial_state_kw(args: &Args) -> Option<&Value> {
    args.kw
        .iter()
        .find(|(k, _)| k == "initial_state")
        .map(|(_, v)| v)
}

impl LayerKind for Rnn {
    fn class_name(&self) -> &'static str {
        self.class
    }

    fn module(&self) -> &'static str {
        match self.class {
            "LSTM" => "rnn.lstm",
            "GRU" => "rnn.gru",
            "SimpleRNN" => "rnn.simple_rnn",
            _ => "rnn.base_rnn",
        }
    }

    fn attr(&self, name: &str) -> Option<Value> {
        let f = &self.flags;
        Some(match name {
            "cell" => self.cell.clone(),
            "return_sequences" => Value::Bool(f.return_sequences),
            "return_state" => Value::Bool(f.return_state),
            "go_backwards" => Value::Bool(f.go_backwards),
            "stateful" => Value::Bool(f.stateful),
            "unroll" => Value::Bool(f.unroll),
            "time_major" => Value::Bool(f.time_major),
            "supports_masking" => Value::Bool(true),
            "states" => {
                let n = self.spec().map_or(1, |s| s.ty.n_states());
                super::list_wrapper::list_wrapper(match &*self.states.borrow() {
                    Some(s) => s.iter().cloned().map(Value::Tensor).collect(),
                    None => vec![Value::None; n],
                })
            }
            _ if self.class != "RNN" => return self.spec()?.attr(name),
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "cell",
            "return_sequences",
            "return_state",
            "go_backwards",
            "stateful",
            "unroll",
            "states",
            "reset_states",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let f = &self.flags;
        let mut c = vec![
            ("return_sequences", Value::Bool(f.return_sequences)),
            ("return_state", Value::Bool(f.return_state)),
            ("go_backwards", Value::Bool(f.go_backwards)),
            ("stateful", Value::Bool(f.stateful)),
            ("unroll", Value::Bool(f.unroll)),
            ("time_major", Value::Bool(f.time_major)),
        ];
        if self.class == "RNN" {
            c.push(("cell", self.cell_config()));
        } else if let Some(s) = self.spec() {
            c.extend(s.config(true));
        }
        c
    }

    fn makes_weights(&self) -> bool {
        true
    }

    fn build_inner(
        &self,
        it: &mut Interp,
        layer: &Layer,
        shape: &[Option<usize>],
        scoped: bool,
    ) -> R<()> {
        if shape.len() != 3 {
            return Err(value_err(format!(
                "Input 0 of layer \"{}\" is incompatible with the layer: expected ndim=3, found ndim={}. Full shape received: {}",
                layer.name,
                shape.len(),
                super::dims_str(shape)
            )));
        }
        let (cl, _) = self.cell()?;
        let step = if self.flags.time_major {
            vec![shape[1], shape[2]]
        } else {
            vec![shape[0], shape[2]]
        };
        if scoped {
            in_scope(&layer.name, || cl.build(it, &step, true))
        } else {
            cl.build(it, &step, true)
        }
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let units = self.spec().map(|s| s.units);
        let mut s = shape.to_vec();
        if s.len() != 3 {
            return s;
        }
        if self.flags.return_sequences {
            s[2] = units;
            s
        } else {
            let batch = if self.flags.time_major { s[1] } else { s[0] };
            vec![batch, units]
        }
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        match self.run(it, layer, &Value::Tensor(x), None, None, training)? {
            Value::Tensor(t) => Ok(t),
            other => match crate::eval::value::tensor_of(&other) {
                Some(t) => Ok(t),
                None => raise(ExcKind::ValueError, "the layer returned several outputs"),
            },
        }
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        self.run(it, layer, x, None, None, training)
    }

    fn call_masked(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        mask: Option<Tensor>,
        args: &Args,
        training: bool,
    ) -> R<Value> {
        self.run(it, layer, x, mask, initial_state_kw(args), training)
    }

    fn supports_masking(&self) -> bool {
        true
    }

    fn compute_mask(
        &self,
        _it: &mut Interp,
        _layer: &Layer,
        _x: &Value,
        mask: Option<Tensor>,
    ) -> R<Option<Tensor>> {
        Ok(if self.flags.return_sequences {
            mask
        } else {
            None
        })
    }

    fn reset_states(&self) -> Option<R<()>> {
        Some(if self.flags.stateful {
            *self.states.borrow_mut() = None;
            Ok(())
        } else {
            Err(crate::eval::error::attr_err("Layer must be stateful."))
        })
    }

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }
}

/// The RNN layer behind a layer value, if it is one.
pub fn rnn_of(v: &Value) -> Option<(&Layer, &Rnn)> {
    let l = crate::nn::layer_ref(v)?;
    let r = l.kind.as_any()?.downcast_ref::<Rnn>()?;
    Some((l, r))
}

/// A recurrent layer value named `name` (a `Bidirectional`'s two sides).
pub fn wrap_rnn(it: &mut Interp, rnn: Rnn, name: String) -> Value {
    let cell = rnn.cell.clone();
    let l = Layer::new(it, rnn.class, Box::new(rnn), Some(name));
    l.sublayers.borrow_mut().push(cell);
    Value::Object(std::rc::Rc::new(l))
}

/// A recurrent layer value around `cell`, named from `kwargs` (or after its class).
pub fn make_rnn(
    it: &mut Interp,
    class: &'static str,
    cell: Value,
    flags: RnnFlags,
    kwargs: &Value,
) -> R<Value> {
    let kind = Rnn {
        class,
        cell: cell.clone(),
        flags,
        zero_output_for_mask: Cell::new(false),
        states: RefCell::new(None),
    };
    let v = super::make(it, kwargs, kind)?;
    if let Some(l) = crate::nn::layer_ref(&v) {
        l.sublayers.borrow_mut().push(cell);
    }
    Ok(v)
}

/// A recurrent layer of a built-in kind: its cell (named as Keras names it: `lstm_cell`)
/// made from the layer's arguments.
fn make_kind(
    it: &mut Interp,
    class: &'static str,
    ty: CellType,
    args: CellArgs,
    flags: RnnFlags,
    kwargs: &Value,
) -> R<Value> {
    let spec = CellSpec::from_args(it, ty, args)?;
    let cell = make_cell_named(it, spec, crate::nn::snake_case(ty.class()));
    make_rnn(it, class, cell, flags, kwargs)
}

/// The regularizer and constraint arguments of a recurrent layer, by name.
fn penalties(v: [Value; 7]) -> Vec<(&'static str, Value)> {
    let [kr, rr, br, ar, kc, rc, bc] = v;
    vec![
        ("kernel_regularizer", kr),
        ("recurrent_regularizer", rr),
        ("bias_regularizer", br),
        ("activity_regularizer", ar),
        ("kernel_constraint", kc),
        ("recurrent_constraint", rc),
        ("bias_constraint", bc),
    ]
}

crate::builtin! {
    /// Fully-connected RNN where the output is to be fed back to input.
    python ["tf.keras.layers.SimpleRNN"]
    fn SimpleRNN(it, units, activation = "tanh", use_bias = True,
        kernel_initializer = "glorot_uniform", recurrent_initializer = "orthogonal",
        bias_initializer = "zeros", kernel_regularizer = None, recurrent_regularizer = None,
        bias_regularizer = None, activity_regularizer = None, kernel_constraint = None,
        recurrent_constraint = None, bias_constraint = None, dropout = 0.0,
        recurrent_dropout = 0.0, return_sequences = False, return_state = False,
        go_backwards = False, stateful = False, unroll = False, time_major = False,
        **kwargs) {
        let flags = RnnFlags::from_args(it, [&return_sequences, &return_state, &go_backwards,
            &stateful, &unroll, &time_major])?;
        let args = CellArgs {
            units, activation, recurrent_activation: Value::None, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias: Value::Bool(false), reset_after: Value::Bool(false),
            dropout, recurrent_dropout,
            penalties: penalties([kernel_regularizer, recurrent_regularizer, bias_regularizer,
                activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint]),
        };
        make_kind(it, "SimpleRNN", CellType::Simple, args, flags, &kwargs)
    }
}

crate::builtin! {
    /// Long Short-Term Memory layer - Hochreiter 1997.
    python ["tf.keras.layers.LSTM"]
    fn LSTM(it, units, activation = "tanh", recurrent_activation = "sigmoid",
        use_bias = True, kernel_initializer = "glorot_uniform",
        recurrent_initializer = "orthogonal", bias_initializer = "zeros",
        unit_forget_bias = True, kernel_regularizer = None, recurrent_regularizer = None,
        bias_regularizer = None, activity_regularizer = None, kernel_constraint = None,
        recurrent_constraint = None, bias_constraint = None, dropout = 0.0,
        recurrent_dropout = 0.0, return_sequences = False, return_state = False,
        go_backwards = False, stateful = False, time_major = False, unroll = False,
        implementation = 2, **kwargs) {
        let _ = implementation;
        let flags = RnnFlags::from_args(it, [&return_sequences, &return_state, &go_backwards,
            &stateful, &unroll, &time_major])?;
        let args = CellArgs {
            units, activation, recurrent_activation, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias, reset_after: Value::Bool(false),
            dropout, recurrent_dropout,
            penalties: penalties([kernel_regularizer, recurrent_regularizer, bias_regularizer,
                activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint]),
        };
        make_kind(it, "LSTM", CellType::Lstm, args, flags, &kwargs)
    }
}

crate::builtin! {
    /// Gated Recurrent Unit - Cho et al. 2014.
    python ["tf.keras.layers.GRU"]
    fn GRU(it, units, activation = "tanh", recurrent_activation = "sigmoid",
        use_bias = True, kernel_initializer = "glorot_uniform",
        recurrent_initializer = "orthogonal", bias_initializer = "zeros",
        kernel_regularizer = None, recurrent_regularizer = None, bias_regularizer = None,
        activity_regularizer = None, kernel_constraint = None, recurrent_constraint = None,
        bias_constraint = None, dropout = 0.0, recurrent_dropout = 0.0,
        return_sequences = False, return_state = False, go_backwards = False,
        stateful = False, unroll = False, time_major = False, reset_after = True,
        implementation = 2, **kwargs) {
        let _ = implementation;
        let flags = RnnFlags::from_args(it, [&return_sequences, &return_state, &go_backwards,
            &stateful, &unroll, &time_major])?;
        let args = CellArgs {
            units, activation, recurrent_activation, use_bias,
            kernel_initializer, recurrent_initializer, bias_initializer,
            unit_forget_bias: Value::Bool(false), reset_after,
            dropout, recurrent_dropout,
            penalties: penalties([kernel_regularizer, recurrent_regularizer, bias_regularizer,
                activity_regularizer, kernel_constraint, recurrent_constraint, bias_constraint]),
        };
        make_kind(it, "GRU", CellType::Gru, args, flags, &kwargs)
    }
}

crate::builtin! {
    /// Base class for recurrent layers.
    python ["tf.keras.layers.RNN"]
    fn RNN(it, cell, return_sequences = False, return_state = False, go_backwards = False,
        stateful = False, unroll = False, time_major = False, **kwargs) {
        if cell_of(&cell).is_none() {
            return raise(
                ExcKind::NotImplementedError,
                format!(
                    "tensh's RNN layer takes a SimpleRNNCell, LSTMCell or GRUCell; received {}",
                    cell.type_name()
                ),
            );
        }
        let flags = RnnFlags::from_args(it, [&return_sequences, &return_state, &go_backwards,
            &stateful, &unroll, &time_major])?;
        make_rnn(it, "RNN", cell, flags, &kwargs)
    }
}
