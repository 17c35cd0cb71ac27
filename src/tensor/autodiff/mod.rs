//! Reverse-mode automatic differentiation: what `tf.GradientTape` runs on. It lives inside the
//! runtime because every differentiable op records its gradient here as it runs.
//!
//! | file | owns |
//! |---|---|
//! | `tape.rs` | the recording tapes, `record` (called by every differentiable runtime op), the reverse sweep |
//! | `complex.rs` | gradients of `complex`, `real`, `imag`, `conj`, `angle` and complex `abs` |
//! | `math.rs` | gradients of elementwise ops, reductions, matmul, softmax, where |
//! | `scatter.rs` | gradients of `tensor_scatter_nd_*` |
//! | `segment.rs` | gradients of the segment reductions |
//! | `xent.rs` | gradients of the fused softmax cross-entropy losses |
//! | `select.rs` | one gradient rule for every op that only moves elements (slices, gathers, joins, pads) |

pub(crate) mod complex;
pub(crate) mod math;
pub(crate) mod scatter;
pub(crate) mod segment;
pub(crate) mod select;
pub(crate) mod tape;
pub(crate) mod xent;

pub(crate) use select::{record_moves, record_moves_first};
pub(crate) use tape::{needs_grad, record, TapeRef};
