//! TensorFlow's own reprs around numpy's text: `tf.Tensor(...)`, `<tf.Tensor: ...>`,
//! `<tf.Variable ...>`.

use super::array::{array_repr, array_str, scalar_repr_of, shape_tuple};
use crate::tensor::Tensor;

/// `repr(t.numpy())`, with a leading newline when it spans lines (TF's `_numpy_text`).
fn numpy_text(t: &Tensor, is_repr: bool) -> String {
    let text = if t.ndim() == 0 {
        scalar_repr_of(t)
    } else if is_repr {
        array_repr(t)
    } else {
        array_str(t)
    };
    if text.contains('\n') {
        format!("\n{}", text)
    } else {
        text
    }
}

/// `str(tensor)` / `print(tensor)`.
pub fn tensor_str(t: &Tensor) -> String {
    format!(
        "tf.Tensor({}, shape={}, dtype={})",
        numpy_text(t, false),
        shape_tuple(t.shape()),
        t.dtype().name()
    )
}

/// `repr(tensor)`.
pub fn tensor_repr(t: &Tensor) -> String {
    format!(
        "<tf.Tensor: shape={}, dtype={}, numpy={}>",
        shape_tuple(t.shape()),
        t.dtype().name(),
        numpy_text(t, true)
    )
}

/// `repr(variable)`; a mixed-precision layer's weight is Keras's `AutoCastVariable`.
pub fn variable_repr(name: &str, t: &Tensor, autocast: bool) -> String {
    if autocast {
        return format!(
            "<AutoCastVariable '{}' shape={} dtype={} dtype_to_cast_to={}, numpy={}>",
            name,
            shape_tuple(t.shape()),
            t.dtype().name(),
            t.dtype().name(),
            numpy_text(t, true)
        );
    }
    format!(
        "<tf.Variable '{}' shape={} dtype={}, numpy={}>",
        name,
        shape_tuple(t.shape()),
        t.dtype().name(),
        numpy_text(t, true)
    )
}
