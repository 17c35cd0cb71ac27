//! `Bidirectional(layer, merge_mode='concat', backward_layer=None)`: a recurrent layer run
//! forwards and (a copy) backwards over the sequence, the two outputs merged.

use super::rnn::{rnn_of, wrap_rnn, Rnn, RnnFlags};
use super::LayerKind;
use crate::errors::ExcKind;
use crate::eval::error::{raise, value_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::nn::layer::{in_scope, Layer};
use crate::tensor::ops::elementwise::{self as ew, Binary};
use crate::tensor::ops::shape as sh;
use crate::tensor::Tensor;

/// One direction: the layer and its recurrent kind.
type Side<'a> = (&'a Layer, &'a Rnn);

pub struct Bidirectional {
    /// The layer as given (its config is the wrapper's `layer`).
    pub layer: Value,
    pub forward: Value,
    pub backward: Value,
    /// `concat`, `sum`, `mul`, `ave`, or None (a list of both outputs).
    pub merge_mode: Option<&'static str>,
    pub flags: RnnFlags,
}

fn merge_mode_arg(it: &mut Interp, v: &Value) -> R<Option<&'static str>> {
    if let Value::Str(s) = v {
        for m in ["sum", "mul", "ave", "concat"] {
            if &**s == m {
                return Ok(Some(m));
            }
        }
    }
    if matches!(v, Value::None) {
        return Ok(None);
    }
    Err(value_err(format!(
        "Invalid merge mode. Received: {}. Merge mode should be one of {{\"sum\", \"mul\", \"ave\", \"concat\", None}}",
        it.str_of(v)?
    )))
}

/// Keras's checks on a given backward layer.
fn verify(f: &RnnFlags, b: &RnnFlags) -> R<()> {
    if f.go_backwards == b.go_backwards {
        return Err(value_err(format!(
            "Forward layer and backward layer should have different `go_backwards` value.forward_layer.go_backwards = {},backward_layer.go_backwards = {}",
            py_bool(f.go_backwards),
            py_bool(b.go_backwards)
        )));
    }
    for (a, x, y) in [
        ("stateful", f.stateful, b.stateful),
        ("return_sequences", f.return_sequences, b.return_sequences),
        ("return_state", f.return_state, b.return_state),
    ] {
        if x != y {
            return Err(value_err(format!(
                "Forward layer and backward layer are expected to have the same value for attribute \"{}\", got \"{}\" for forward layer and \"{}\" for backward layer",
                a,
                py_bool(x),
                py_bool(y)
            )));
        }
    }
    Ok(())
}

fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// Keras's error for a wrapped value that is not a layer.
fn not_a_layer(it: &mut Interp, v: &Value) -> R<crate::eval::Flow> {
    Ok(value_err(format!(
        "Please initialize `Bidirectional` layer with a `tf.keras.layers.Layer` instance. Received: {}",
        it.str_of(v)?
    )))
}

fn is_layer(v: &Value) -> bool {
    crate::nn::layer_ref(v).is_some() || matches!(v, Value::Instance(_))
}

/// The RNN kind of a wrapped layer; for another layer, Keras's error (it looks up
/// `go_backwards` in the layer's config).
fn rnn_arg(v: &Value) -> R<(&Layer, &Rnn)> {
    match rnn_of(v) {
        Some(r) => Ok(r),
        None => raise(ExcKind::KeyError, "'go_backwards'"),
    }
}

crate::builtin! {
    /// Bidirectional wrapper for RNNs.
    python ["tf.keras.layers.Bidirectional"]
    fn Bidirectional(it, layer, merge_mode = "concat", weights = None,
        backward_layer = None, **kwargs) {
        if !is_layer(&layer) {
            return Err(not_a_layer(it, &layer)?);
        }
        if !matches!(backward_layer, Value::None) && !is_layer(&backward_layer) {
            return Err(not_a_layer(it, &backward_layer)?);
        }
        let merge_mode = merge_mode_arg(it, &merge_mode)?;
        // Keras names the wrapper before it looks into the wrapped layers.
        let common = super::Common::from_kwargs(it, "Bidirectional", &kwargs)?;
        let (fl, fr) = rnn_arg(&layer)?;
        let flags = fr.flags;
        let forward = fr.recreate(it, flags)?;
        let forward = wrap_rnn(it, forward, format!("forward_{}", fl.name));
        let backward = if matches!(backward_layer, Value::None) {
            let mut bf = flags;
            bf.go_backwards = !bf.go_backwards;
            let b = fr.recreate(it, bf)?;
            wrap_rnn(it, b, format!("backward_{}", fl.name))
        } else {
            let (bl, br) = rnn_arg(&backward_layer)?;
            verify(&flags, &br.flags)?;
            let b = br.recreate(it, br.flags)?;
            wrap_rnn(it, b, format!("backward_{}", bl.name))
        };
        for side in [&forward, &backward] {
            if let Some((_, r)) = rnn_of(side) {
                r.zero_output_for_mask.set(flags.return_sequences);
            }
        }
        let _ = weights;
        let kind = Bidirectional {
            layer: layer.clone(),
            forward: forward.clone(),
            backward: backward.clone(),
            merge_mode,
            flags,
        };
        let v = common.make(it, kind)?;
        if let Some(l) = crate::nn::layer_ref(&v) {
            l.sublayers.borrow_mut().push(forward);
            l.sublayers.borrow_mut().push(backward);
        }
        Ok(v)
    }
}

impl Bidirectional {
    fn sides(&self) -> R<(Side<'_>, Side<'_>)> {
        match (rnn_of(&self.forward), rnn_of(&self.backward)) {
            (Some(f), Some(b)) => Ok((f, b)),
            _ => raise(ExcKind::ValueError, "the wrapped layers are not recurrent"),
        }
    }

    fn merge(&self, y: Tensor, y_rev: Tensor) -> R<Vec<Value>> {
        let t = |t: Tensor| Value::Tensor(t);
        Ok(match self.merge_mode {
            Some("concat") => vec![t(sh::concat(&[y, y_rev], -1)?)],
            Some("sum") => vec![t(ew::binary(Binary::Add, &y, &y_rev)?)],
            Some("mul") => vec![t(ew::binary(Binary::Mul, &y, &y_rev)?)],
            Some(_) => {
                let s = ew::binary(Binary::Add, &y, &y_rev)?;
                vec![t(ew::binary(Binary::Div, &s, &Tensor::scalar(2.0f32))?)]
            }
            None => vec![t(y), t(y_rev)],
        })
    }

    fn run(
        &self,
        it: &mut Interp,
        layer: &Layer,
        x: &Value,
        mask: Option<Tensor>,
        args: &Args,
        training: bool,
    ) -> R<Value> {
        let xt = super::autocast(crate::nn::layer::tensor_arg(it, x)?);
        if !layer.built.get() && xt.ndim() == 3 {
            let dims: Vec<Option<usize>> = xt.shape().iter().map(|&d| Some(d)).collect();
            layer.build(it, &dims, true)?;
        }
        let ((fl, fr), (bl, br)) = self.sides()?;
        let n = fr.spec().map_or(1, |s| s.ty.n_states());
        let (init_f, init_b) = match args.kw.iter().find(|(k, _)| k == "initial_state") {
            Some((_, v)) if !matches!(v, Value::None) => {
                let items = it.collect_items(v)?;
                if items.len() != 2 * n {
                    return Err(value_err(format!(
                        "When passing `initial_state` to a Bidirectional RNN, the state should be a list containing the states of the underlying RNNs. Received: {}",
                        it.repr(v)?
                    )));
                }
                (
                    Some(Value::list(items[..n].to_vec())),
                    Some(Value::list(items[n..].to_vec())),
                )
            }
            _ => (None, None),
        };
        let xv = Value::Tensor(xt);
        let y = fr.run(it, fl, &xv, mask.clone(), init_f.as_ref(), training)?;
        let y_rev = br.run(it, bl, &xv, mask, init_b.as_ref(), training)?;
        let split = |v: Value| -> R<(Tensor, Vec<Value>)> {
            match v {
                Value::Tensor(t) => Ok((t, vec![])),
                Value::List(l) => {
                    let items = l.borrow().clone();
                    let first = items
                        .first()
                        .and_then(crate::eval::value::tensor_of)
                        .ok_or_else(|| value_err("the recurrent layer returned no output"))?;
                    Ok((first, items[1..].to_vec()))
                }
                _ => raise(
                    ExcKind::ValueError,
                    "the recurrent layer returned no output",
                ),
            }
        };
        let (y, mut states) = split(y)?;
        let (mut y_rev, states_rev) = split(y_rev)?;
        states.extend(states_rev);
        if self.flags.return_sequences {
            y_rev = sh::reverse(&y_rev, &[1]);
        }
        let out = self.merge(y, y_rev)?;
        if self.flags.return_state {
            let mut v = out;
            v.extend(states);
            return Ok(Value::list(v));
        }
        Ok(if out.len() == 1 {
            out.into_iter().next().unwrap_or(Value::None)
        } else {
            Value::list(out)
        })
    }
}

impl LayerKind for Bidirectional {
    fn class_name(&self) -> &'static str {
        "Bidirectional"
    }

    fn module(&self) -> &'static str {
        "rnn.bidirectional"
    }

    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "layer" => self.layer.clone(),
            "forward_layer" => self.forward.clone(),
            "backward_layer" => self.backward.clone(),
            "merge_mode" => match self.merge_mode {
                Some(m) => Value::str(m),
                None => Value::None,
            },
            "return_sequences" => Value::Bool(self.flags.return_sequences),
            "return_state" => Value::Bool(self.flags.return_state),
            "stateful" => Value::Bool(self.flags.stateful),
            "supports_masking" => Value::Bool(true),
            _ => return None,
        })
    }

    fn attr_names(&self) -> &'static [&'static str] {
        &[
            "layer",
            "forward_layer",
            "backward_layer",
            "merge_mode",
            "return_sequences",
            "return_state",
            "reset_states",
        ]
    }

    fn config(&self) -> Vec<(&'static str, Value)> {
        let mut c = vec![];
        if let Some(l) = crate::nn::layer_ref(&self.layer) {
            c.push(("layer", super::serialized(l)));
        }
        c.push((
            "merge_mode",
            match self.merge_mode {
                Some(m) => Value::str(m),
                None => Value::None,
            },
        ));
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
        let ((fl, _), (bl, _)) = self.sides()?;
        let go = |it: &mut Interp| -> R<()> {
            fl.build(it, shape, true)?;
            bl.build(it, shape, true)
        };
        if scoped {
            in_scope(&layer.name, || go(it))
        } else {
            go(it)
        }
    }

    fn output_shape(&self, shape: &[Option<usize>]) -> Vec<Option<usize>> {
        let Ok(((_, fr), _)) = self.sides() else {
            return shape.to_vec();
        };
        let mut s = fr.output_shape(shape);
        if self.merge_mode == Some("concat") {
            if let Some(Some(last)) = s.last_mut() {
                *last *= 2;
            }
        }
        s
    }

    fn call(&self, it: &mut Interp, layer: &Layer, x: Tensor, training: bool) -> R<Tensor> {
        let v = self.run(
            it,
            layer,
            &Value::Tensor(x),
            None,
            &Args::default(),
            training,
        )?;
        crate::eval::value::tensor_of(&v)
            .ok_or_else(|| value_err("the layer returned several outputs"))
    }

    fn call_value(&self, it: &mut Interp, layer: &Layer, x: &Value, training: bool) -> R<Value> {
        self.run(it, layer, x, None, &Args::default(), training)
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
        self.run(it, layer, x, mask, args, training)
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
        let ((_, fr), (_, br)) = self.sides().ok()?;
        Some(
            fr.reset_states()?
                .and_then(|_| br.reset_states().unwrap_or(Ok(()))),
        )
    }
}
