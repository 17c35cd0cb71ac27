//! The tensor runtime: dtype-tagged ndarrays and TensorFlow's ops over them.
//!
//! | file | owns |
//! |---|---|
//! | `dtype.rs` | `DType`, the `Elem`/`Num`/`Float` element traits |
//! | `data.rs` | `Tensor` and its storage; dtype dispatch macros; casts |
//! | `alloc.rs` | the memory budget checked before large allocations |
//! | `complex.rs` | the complex element types and their scalar arithmetic |
//! | `bytes.rs` | a tensor's elements as little-endian bytes and back, for file formats |
//! | `broadcast.rs` | numpy broadcasting |
//! | `error.rs` | runtime errors named as TensorFlow names them |
//! | `interrupt.rs` | the Ctrl-C flag long kernels check |
//! | `np_array.rs` | numpy's mutable arrays: a shared buffer and the views into it |
//! | `random.rs` | the seedable generator and distributions |
//! | `tstr.rs` | the interned byte strings of `tf.string` tensors |
//! | `ops/` | the ops, by theme |
//! | `compile/` | capturing the kernels of a run as a program, and running that again |
//! | `autodiff/` | gradient tapes: recording ops, the reverse sweep, each op's gradient |

pub mod alloc;
pub(crate) mod autodiff;
pub(crate) mod broadcast;
pub(crate) mod bytes;
pub(crate) mod compile;
pub(crate) mod complex;
pub(crate) mod data;
pub(crate) mod dtype;
pub(crate) mod error;
pub(crate) mod interrupt;
pub(crate) mod np_array;
pub(crate) mod ops;
pub use ops::machine;
pub(crate) mod random;
pub(crate) mod tstr;

pub(crate) use data::{Data, Tensor};
pub use dtype::DType;
pub(crate) use dtype::Elem;
pub(crate) use error::{TResult, TfError};
pub(crate) use tstr::TStr;
