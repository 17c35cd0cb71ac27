//! Bitwise ops on integer (and bool) tensors: and, or, xor, shifts and invert, as
//! `tf.bitwise` and numpy's `&`, `|`, `^`, `<<`, `>>`, `~` compute them. Both operands have
//! one dtype (the caller promotes); the result keeps it.

use super::elementwise::{map_array, zip_arrays};
use crate::tensor::error::{invalid_arg, TResult};
use crate::tensor::{Data, Elem, Tensor};
use ndarray::{ArcArray, IxDyn};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bitwise {
    And,
    Or,
    Xor,
    LeftShift,
    RightShift,
}

/// `op` on two tensors of one integer or bool dtype, broadcasting; None when the shapes do
/// not broadcast or the dtype has no bits to operate on (floats, strings, complex).
pub fn binary(op: Bitwise, a: &Tensor, b: &Tensor) -> TResult<Option<Tensor>> {
    if a.dtype() != b.dtype() {
        return Err(invalid_arg(format!(
            "bitwise operands have different dtypes: {} and {}",
            a.dtype().name(),
            b.dtype().name()
        )));
    }
    let bits = a.dtype().size_bytes() as i64 * 8;
    let unsigned = a.dtype().is_unsigned();
    fn go<T: Elem>(
        x: &ArcArray<T, IxDyn>,
        y: &ArcArray<T, IxDyn>,
        op: Bitwise,
        bits: i64,
        unsigned: bool,
    ) -> Option<Tensor> {
        let f = move |p: T, q: T| {
            let (p, q) = (p.to_i64(), q.to_i64());
            T::from_i64(match op {
                Bitwise::And => p & q,
                Bitwise::Or => p | q,
                Bitwise::Xor => p ^ q,
                // numpy's shifts: past the width, everything is shifted out.
                Bitwise::LeftShift if q < 0 || q >= bits => 0,
                Bitwise::LeftShift => p.wrapping_shl(q as u32),
                Bitwise::RightShift if q < 0 || q >= bits => {
                    if p < 0 && !unsigned {
                        -1
                    } else {
                        0
                    }
                }
                Bitwise::RightShift if unsigned => ((p as u64) >> q) as i64,
                Bitwise::RightShift => p >> q,
            })
        };
        zip_arrays(x, y, f).map(Tensor::from_array)
    }
    Ok(match (&a.data, &b.data) {
        (Data::Bool(x), Data::Bool(y))
            if matches!(op, Bitwise::And | Bitwise::Or | Bitwise::Xor) =>
        {
            go(x, y, op, bits, unsigned)
        }
        (Data::I8(x), Data::I8(y)) => go(x, y, op, bits, unsigned),
        (Data::I16(x), Data::I16(y)) => go(x, y, op, bits, unsigned),
        (Data::I32(x), Data::I32(y)) => go(x, y, op, bits, unsigned),
        (Data::I64(x), Data::I64(y)) => go(x, y, op, bits, unsigned),
        (Data::U8(x), Data::U8(y)) => go(x, y, op, bits, unsigned),
        (Data::U16(x), Data::U16(y)) => go(x, y, op, bits, unsigned),
        (Data::U32(x), Data::U32(y)) => go(x, y, op, bits, unsigned),
        (Data::U64(x), Data::U64(y)) => go(x, y, op, bits, unsigned),
        _ => None,
    })
}

/// `~x`: every bit flipped (for bool, logical not); None for dtypes without bits.
pub fn invert(a: &Tensor) -> Option<Tensor> {
    fn go<T: Elem>(x: &ArcArray<T, IxDyn>) -> Tensor {
        Tensor::from_array(map_array(x, |p: T| T::from_i64(!p.to_i64())))
    }
    Some(match &a.data {
        Data::Bool(x) => Tensor::from_array(map_array(x, |p: bool| !p)),
        Data::I8(x) => go(x),
        Data::I16(x) => go(x),
        Data::I32(x) => go(x),
        Data::I64(x) => go(x),
        Data::U8(x) => go(x),
        Data::U16(x) => go(x),
        Data::U32(x) => go(x),
        Data::U64(x) => go(x),
        _ => return None,
    })
}
