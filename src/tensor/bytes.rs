//! A tensor's elements as raw bytes and back, the way file formats store them (numpy's
//! `.npy`, TensorFlow's checkpoint bundles): little-endian by default, booleans as one
//! byte each.

use super::{DType, Elem, Tensor};

/// The elements in C order, little-endian.
pub(crate) fn to_le_bytes(t: &Tensor) -> Vec<u8> {
    fn le<T: Elem, const N: usize>(t: &Tensor, f: fn(T) -> [u8; N]) -> Vec<u8> {
        t.to_vec::<T>()
            .unwrap_or_default()
            .into_iter()
            .flat_map(f)
            .collect()
    }
    match t.dtype() {
        DType::F32 => le::<f32, 4>(t, f32::to_le_bytes),
        DType::F64 => le::<f64, 8>(t, f64::to_le_bytes),
        DType::I32 => le::<i32, 4>(t, i32::to_le_bytes),
        DType::I64 => le::<i64, 8>(t, i64::to_le_bytes),
        DType::U8 => le::<u8, 1>(t, u8::to_le_bytes),
        DType::Bool => le::<bool, 1>(t, |b| [b as u8]),
        // Strings have no fixed-width layout; the formats that hold them write them their
        // own way, and the callers refuse them before asking for raw bytes.
        DType::Str => Vec::new(),
    }
}

/// A tensor of `dtype` and `shape` from its elements' bytes (big-endian when `big`).
/// `bytes` must hold exactly the elements (`size_bytes` each).
pub(crate) fn from_bytes(dtype: DType, shape: &[usize], bytes: &[u8], big: bool) -> Tensor {
    fn read<T: Elem, const N: usize>(
        shape: &[usize],
        bytes: &[u8],
        big: bool,
        f: fn([u8; N]) -> T,
    ) -> Tensor {
        let vals = bytes
            .chunks_exact(N)
            .map(|c| {
                let mut w: [u8; N] = c.try_into().unwrap_or([0; N]);
                if big {
                    w.reverse();
                }
                f(w)
            })
            .collect();
        Tensor::from_vec(shape, vals)
    }
    match dtype {
        DType::F32 => read::<f32, 4>(shape, bytes, big, f32::from_le_bytes),
        DType::F64 => read::<f64, 8>(shape, bytes, big, f64::from_le_bytes),
        DType::I32 => read::<i32, 4>(shape, bytes, big, i32::from_le_bytes),
        DType::I64 => read::<i64, 8>(shape, bytes, big, i64::from_le_bytes),
        DType::U8 => Tensor::from_vec(shape, bytes.to_vec()),
        DType::Bool => {
            Tensor::from_vec(shape, bytes.iter().map(|b| *b != 0).collect::<Vec<bool>>())
        }
        DType::Str => Tensor::zeros(DType::Str, shape),
    }
}
