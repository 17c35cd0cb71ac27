//! A tensor's elements as raw bytes and back, the way file formats store them (numpy's
//! `.npy`, TensorFlow's checkpoint bundles): little-endian by default, booleans as one
//! byte each.

use super::complex::{C128, C64};
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
        DType::I8 => le::<i8, 1>(t, i8::to_le_bytes),
        DType::I16 => le::<i16, 2>(t, i16::to_le_bytes),
        DType::U16 => le::<u16, 2>(t, u16::to_le_bytes),
        DType::U32 => le::<u32, 4>(t, u32::to_le_bytes),
        DType::U64 => le::<u64, 8>(t, u64::to_le_bytes),
        DType::F16 => le::<half::f16, 2>(t, half::f16::to_le_bytes),
        DType::BF16 => le::<half::bf16, 2>(t, half::bf16::to_le_bytes),
        DType::C64 => le::<C64, 8>(t, |z| {
            let mut b = [0u8; 8];
            b[..4].copy_from_slice(&z.re.to_le_bytes());
            b[4..].copy_from_slice(&z.im.to_le_bytes());
            b
        }),
        DType::C128 => le::<C128, 16>(t, |z| {
            let mut b = [0u8; 16];
            b[..8].copy_from_slice(&z.re.to_le_bytes());
            b[8..].copy_from_slice(&z.im.to_le_bytes());
            b
        }),
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
        DType::I8 => read::<i8, 1>(shape, bytes, big, i8::from_le_bytes),
        DType::I16 => read::<i16, 2>(shape, bytes, big, i16::from_le_bytes),
        DType::U16 => read::<u16, 2>(shape, bytes, big, u16::from_le_bytes),
        DType::U32 => read::<u32, 4>(shape, bytes, big, u32::from_le_bytes),
        DType::U64 => read::<u64, 8>(shape, bytes, big, u64::from_le_bytes),
        DType::F16 => read::<half::f16, 2>(shape, bytes, big, half::f16::from_le_bytes),
        DType::BF16 => read::<half::bf16, 2>(shape, bytes, big, half::bf16::from_le_bytes),
        // A complex number is its real then its imaginary part, each in the byte order.
        DType::C64 => {
            let parts = read::<f32, 4>(&[bytes.len() / 4], bytes, big, f32::from_le_bytes);
            let v = parts.to_vec::<f32>().unwrap_or_default();
            let z: Vec<C64> = v.chunks_exact(2).map(|p| C64::new(p[0], p[1])).collect();
            Tensor::from_vec(shape, z)
        }
        DType::C128 => {
            let parts = read::<f64, 8>(&[bytes.len() / 8], bytes, big, f64::from_le_bytes);
            let v = parts.to_vec::<f64>().unwrap_or_default();
            let z: Vec<C128> = v.chunks_exact(2).map(|p| C128::new(p[0], p[1])).collect();
            Tensor::from_vec(shape, z)
        }
        DType::Bool => {
            Tensor::from_vec(shape, bytes.iter().map(|b| *b != 0).collect::<Vec<bool>>())
        }
        DType::Str => Tensor::zeros(DType::Str, shape),
    }
}
