//! `tf.is_tensor`, `tf.slice`, `tf.roll`, `tf.sequence_mask` and the two broadcast-shape
//! functions, declared once each.

use super::convert::{dtype_arg, int_list, tensor_of, to_tensor};
use super::ops::convert_hinted;
use crate::errors::ExcKind;
use crate::eval::error::{err, value_err};
use crate::eval::value::Shape;
use crate::eval::Value;
use crate::tensor::broadcast::{broadcast_shapes, shape_brackets};
use crate::tensor::error::op_error;
use crate::tensor::ops::moves;
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

crate::builtin! {
    /// Checks whether `x` is a TF-native type that can be passed to many TF ops.
    op("is_tf_type") ["tf.is_tensor"]
    fn is_tensor(it, x) {
        Ok(Value::Bool(matches!(x, Value::Tensor(_) | Value::Variable(_))))
    }
}

crate::builtin! {
    /// Extracts a slice from a tensor.
    dispatch ["tf.slice"]
    fn slice(it, input_, begin, size, name = None) {
        let x = to_tensor(it, &input_, None)?;
        let begin = int_list(it, &begin, "begin")?;
        let size = int_list(it, &size, "size")?;
        Ok(Value::Tensor(moves::slice(&x, &begin, &size)?))
    }
}

crate::builtin! {
    /// Rolls the elements of a tensor along an axis.
    dispatch ["tf.roll"]
    fn roll(it, input, shift, axis, name = None) {
        let x = to_tensor(it, &input, None)?;
        let shift_t = to_tensor(it, &shift, None)?;
        if shift_t.dtype().is_float() {
            return Err(crate::tensor::error::invalid_arg(format!(
                "Value for attr 'Tshift' of {} is not in the list of allowed values: int32, int64\n\t; NodeDef: {{{{node Roll}}}}; Op<name=Roll; signature=input:T, shift:Tshift, axis:Taxis -> output:T; attr=T:type; attr=Tshift:type,allowed=[DT_INT32, DT_INT64]; attr=Taxis:type,allowed=[DT_INT32, DT_INT64]> [Op:Roll] name:",
                shift_t.dtype().kind_word()
            ))
            .into());
        }
        let shift = shift_t.to_i64_vec();
        let axis = int_list(it, &axis, "axis")?;
        Ok(Value::Tensor(moves::roll(&x, &shift, &axis)?))
    }
}

crate::builtin! {
    /// Returns a mask tensor representing the first N positions of each cell.
    dispatch ["tf.sequence_mask"]
    fn sequence_mask(it, lengths, maxlen = None, dtype = tf.bool, name = None) {
        let lengths = to_tensor(it, &lengths, None)?;
        let dtype = dtype_arg(&dtype)?;
        let vals = lengths.to_f64_vec();
        let maxlen = match &maxlen {
            Value::None => vals.iter().copied().fold(0.0f64, f64::max),
            v => {
                let m = to_tensor(it, v, None)?;
                if m.ndim() != 0 {
                    return Err(value_err(format!(
                        "Argument `maxlen` must be scalar for sequence_mask, received `maxlen` = {} with shape '{}' instead",
                        it.str_of(v)?,
                        crate::print::array::shape_tuple(m.shape())
                    )));
                }
                m.item_f64().unwrap_or(0.0)
            }
        };
        let n = maxlen.max(0.0).ceil() as usize;
        let mut shape = lengths.shape().to_vec();
        shape.push(n);
        // TensorFlow makes `range(maxlen)` first, then compares.
        crate::tensor::alloc::check(&[n], DType::I64, "Range")?;
        crate::tensor::alloc::check(&shape, DType::Bool, "Less")?;
        let mask: Vec<bool> = vals
            .iter()
            .flat_map(|&l| (0..n).map(move |j| (j as f64) < l))
            .collect();
        Ok(Value::Tensor(Tensor::from_vec(&shape, mask).cast(dtype)))
    }
}

/// A TensorShape's dimensions as Python shows them: `(2, None)`.
fn shape_tuple(dims: &[Option<usize>]) -> String {
    let parts: Vec<String> = dims
        .iter()
        .map(|d| d.map_or("None".to_string(), |n| n.to_string()))
        .collect();
    if parts.len() == 1 {
        format!("({},)", parts[0])
    } else {
        format!("({})", parts.join(", "))
    }
}

crate::builtin! {
    /// Computes the shape of a broadcast given known shapes.
    dispatch ["tf.broadcast_static_shape"]
    fn broadcast_static_shape(it, shape_x, shape_y) {
        let (x, y) = match (&shape_x, &shape_y) {
            (Value::Shape(x), Value::Shape(y)) => (x.clone(), y.clone()),
            (Value::Shape(_), other) | (other, _) => {
                return Err(err(ExcKind::AttributeError,
                    format!("'{}' object has no attribute 'ndims'", other.type_name()),
                ))
            }
        };
        let (Some(xd), Some(yd)) = (&x.dims, &y.dims) else {
            return Ok(Value::Shape(Rc::new(Shape { dims: None })));
        };
        let n = xd.len().max(yd.len());
        let at = |d: &Vec<Option<usize>>, i: usize| {
            if i + d.len() >= n {
                d[i + d.len() - n]
            } else {
                Some(1)
            }
        };
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let (a, b) = (at(xd, i), at(yd, i));
            out.push(match (a, b) {
                (Some(1), o) | (o, Some(1)) => o,
                (None, o) | (o, None) => o,
                (Some(p), Some(q)) if p == q => Some(p),
                _ => {
                    return Err(value_err(format!(
                        "Incompatible shapes for broadcasting. Two shapes are compatible if for each dimension pair they are either equal or one of them is 1. Received: {} and {}.",
                        shape_tuple(xd),
                        shape_tuple(yd)
                    )))
                }
            });
        }
        Ok(Value::Shape(Rc::new(Shape { dims: Some(out) })))
    }
}

crate::builtin! {
    /// Computes the shape of a broadcast given symbolic shapes.
    dispatch ["tf.broadcast_dynamic_shape"]
    fn broadcast_dynamic_shape(it, shape_x, shape_y) {
        let x = to_tensor(it, &shape_x, None)?;
        let y = match tensor_of(&shape_y) {
            Some(t) => t,
            None => convert_hinted(it, &shape_y, x.dtype())?,
        };
        let xs: Vec<usize> = x.to_i64_vec().iter().map(|&d| d.max(0) as usize).collect();
        let ys: Vec<usize> = y.to_i64_vec().iter().map(|&d| d.max(0) as usize).collect();
        let out = broadcast_shapes(&xs, &ys).ok_or_else(|| {
            op_error(
                "BroadcastArgs",
                "BroadcastArgs",
                format!(
                    "Incompatible shapes: {} vs. {}",
                    shape_brackets(&xs),
                    shape_brackets(&ys)
                ),
                None,
            )
        })?;
        let vals: Vec<f64> = out.iter().map(|&d| d as f64).collect();
        Ok(Value::Tensor(Tensor::from_f64s(x.dtype(), &[vals.len()], &vals)))
    }
}
