//! The printer: numpy 1.26's formatting of arrays and scalars, and TensorFlow's reprs.
//!
//! | file | owns |
//! |---|---|
//! | `float.rs` | digits of floats (shortest round-trip, cut to a precision) and their layout |
//! | `array.rs` | array2string: one format per array, nested brackets, wrapping, summarizing |
//! | `options.rs` | numpy's print options (`np.set_printoptions`), which tensors obey too |
//! | `tf.rs` | `tf.Tensor(...)`, `<tf.Tensor: ...>`, `<tf.Variable ...>` |
//! | `tf_summary.rs` | TensorFlow's summary of values, as `tf.print` and `tf.strings.format` write it |
//! | `cfmt.rs` | C's `%g` and exponent spelling |

pub(crate) mod array;
pub(crate) mod cfmt;
pub(crate) mod float;
pub(crate) mod options;
pub(crate) mod tf;
pub(crate) mod tf_summary;

pub(crate) use array::{array_repr, array_str, scalar_repr_of, shape_tuple};
pub(crate) use tf::{tensor_repr, tensor_str, variable_repr};
