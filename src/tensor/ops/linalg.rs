//! Matrix multiplication: `tf.matmul` and `@`, batched with broadcast batch dimensions.
//! Float matrices go through the `gemm` crate (SIMD kernels chosen at run time, both cores
//! through rayon); integer matrices use a plain triple loop.

use crate::errors::ExcKind;
use crate::tensor::broadcast::{broadcast_shapes, shape_brackets};
use crate::tensor::dtype::num_like::NumOps;
use crate::tensor::error::{op_error, TResult};
use crate::tensor::ops::elementwise::check_same_dtype;
use crate::tensor::{DType, Data, Elem, Tensor};
use ndarray::{ArcArray, ArrayD, IxDyn};
use std::mem::MaybeUninit;

/// Below this many multiply-adds a product runs on one thread.
const PAR_FLOPS: usize = 1 << 18;

/// Multiply-adds per tile of a large product (some 10-30 ms on two cores): between tiles
/// the kernel checks for Ctrl-C.
const TILE_FLOPS: usize = 1 << 30;

/// `C = A · B` for one row-major `m×k` by `k×n` pair (strides allow transposes). A large
/// product runs as square-ish tiles of C, each a `gemm` call of about TILE_FLOPS; false when
/// Ctrl-C stopped it between tiles.
#[allow(clippy::too_many_arguments)]
fn gemm_one<T: Elem + NumOps>(
    m: usize,
    n: usize,
    k: usize,
    a: &[T],
    (a_rs, a_cs): (isize, isize),
    b: &[T],
    (b_rs, b_cs): (isize, isize),
    c: &mut [MaybeUninit<T>],
) -> bool {
    // Tiles of at least 256 on a side, so packing A and B again per tile costs little.
    let side = ((TILE_FLOPS / k.max(1)) as f64).sqrt() as usize;
    let side = side.max(256);
    let (tm, tn) = (side.min(m.max(1)), side.min(n.max(1)));
    let mut first = true;
    for r0 in (0..m).step_by(tm) {
        for c0 in (0..n).step_by(tn) {
            if !first && crate::tensor::interrupt::pending() {
                return false;
            }
            first = false;
            let (r1, c1) = ((r0 + tm).min(m), (c0 + tn).min(n));
            // Row r of A starts at r * a_rs, column j of B at j * b_cs, whatever the other
            // stride; C's tile starts at (r0, c0) and keeps C's row length n.
            gemm_tile(
                r1 - r0,
                c1 - c0,
                k,
                &a[(r0 as isize * a_rs) as usize..],
                (a_rs, a_cs),
                &b[(c0 as isize * b_cs) as usize..],
                (b_rs, b_cs),
                &mut c[r0 * n + c0..],
                n,
            );
        }
    }
    true
}

/// `C = A · B` for an `m×n` tile whose rows lie `ldc` apart in `c`, writing every element of
/// the tile (C starts uninitialised: `gemm` is told not to read it).
#[allow(clippy::too_many_arguments)]
fn gemm_tile<T: Elem + NumOps>(
    m: usize,
    n: usize,
    k: usize,
    a: &[T],
    (a_rs, a_cs): (isize, isize),
    b: &[T],
    (b_rs, b_cs): (isize, isize),
    c: &mut [MaybeUninit<T>],
    ldc: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        for i in 0..m {
            c[i * ldc..i * ldc + n].iter_mut().for_each(|v| {
                v.write(T::zero());
            });
        }
        return;
    }
    if T::DTYPE.is_float() {
        let par = if m * n * k >= PAR_FLOPS {
            gemm::Parallelism::Rayon(0)
        } else {
            gemm::Parallelism::None
        };
        // SAFETY: `a` holds an m×k matrix and `b` a k×n matrix addressed through the given
        // row/column strides from their first elements (the caller slices them at the
        // tile's first row and column, within the whole matrices its shapes checked), `c`
        // holds (m-1)·ldc + n elements from the tile's first, and `T` is f32 or f64, which
        // `gemm` supports; with `read_dst` false it only writes C (MaybeUninit<T> has T's
        // layout).
        unsafe {
            gemm::gemm(
                m,
                n,
                k,
                c.as_mut_ptr() as *mut T,
                1,
                ldc as isize,
                false,
                a.as_ptr(),
                a_cs,
                a_rs,
                b.as_ptr(),
                b_cs,
                b_rs,
                T::zero(),
                T::one(),
                false,
                false,
                false,
                par,
            );
        }
        return;
    }
    for i in 0..m {
        for j in 0..n {
            let mut s = T::zero();
            for p in 0..k {
                let x = a[(i as isize * a_rs + p as isize * a_cs) as usize];
                let y = b[(p as isize * b_rs + j as isize * b_cs) as usize];
                s = s.add(x.mul(y));
            }
            c[i * ldc + j].write(s);
        }
    }
}

fn matmul_arrays<T: Elem + NumOps>(
    a: &ArcArray<T, IxDyn>,
    b: &ArcArray<T, IxDyn>,
    ta: bool,
    tb: bool,
) -> Option<ArrayD<T>> {
    let (ra, rb) = (a.ndim(), b.ndim());
    let (am, ak) = if ta {
        (a.shape()[ra - 1], a.shape()[ra - 2])
    } else {
        (a.shape()[ra - 2], a.shape()[ra - 1])
    };
    let (bk, bn) = if tb {
        (b.shape()[rb - 1], b.shape()[rb - 2])
    } else {
        (b.shape()[rb - 2], b.shape()[rb - 1])
    };
    if ak != bk {
        return None;
    }
    let batch = broadcast_shapes(&a.shape()[..ra - 2], &b.shape()[..rb - 2])?;
    let nb: usize = batch.iter().product();
    let mut out_shape = batch.clone();
    out_shape.extend([am, bn]);
    if crate::tensor::alloc::check_as(&out_shape, T::DTYPE, "__MklMatMul", "MatMul", Some(""))
        .is_err()
    {
        return None;
    }
    let a_std = a.as_standard_layout();
    let b_std = b.as_standard_layout();
    let (a_sl, b_sl) = (a_std.as_slice()?, b_std.as_slice()?);
    let a_mat = a.shape()[ra - 2] * a.shape()[ra - 1];
    let b_mat = b.shape()[rb - 2] * b.shape()[rb - 1];
    let a_strides = if ta {
        (1, am as isize)
    } else {
        (ak as isize, 1)
    };
    let b_strides = if tb {
        (1, bk as isize)
    } else {
        (bn as isize, 1)
    };
    // Every element is written by its batch's product; Ctrl-C drops the buffer unread.
    let mut out: Vec<MaybeUninit<T>> = Vec::with_capacity(nb * am * bn);
    // SAFETY: MaybeUninit needs no initialisation; the capacity is nb * am * bn.
    unsafe { out.set_len(nb * am * bn) };
    let a_batch = &a.shape()[..ra - 2];
    let b_batch = &b.shape()[..rb - 2];
    for bi in 0..nb {
        // Index of this batch in each input, broadcasting size-1 dims.
        let (mut ia, mut ib, mut rem) = (0usize, 0usize, bi);
        let (mut sa, mut sb) = (1usize, 1usize);
        for d in (0..batch.len()).rev() {
            let idx = rem % batch[d];
            rem /= batch[d];
            let off_a = d as isize - (batch.len() - a_batch.len()) as isize;
            if off_a >= 0 {
                let dim = a_batch[off_a as usize];
                ia += if dim == 1 { 0 } else { idx * sa };
                sa *= dim;
            }
            let off_b = d as isize - (batch.len() - b_batch.len()) as isize;
            if off_b >= 0 {
                let dim = b_batch[off_b as usize];
                ib += if dim == 1 { 0 } else { idx * sb };
                sb *= dim;
            }
        }
        let c = &mut out[bi * am * bn..(bi + 1) * am * bn];
        let done = gemm_one(
            am,
            bn,
            ak,
            &a_sl[ia * a_mat..(ia + 1) * a_mat],
            a_strides,
            &b_sl[ib * b_mat..(ib + 1) * b_mat],
            b_strides,
            c,
        );
        if !done {
            return None;
        }
    }
    let mut shape = batch;
    shape.push(am);
    shape.push(bn);
    let mut out = std::mem::ManuallyDrop::new(out);
    // SAFETY: every batch's product wrote all of its am * bn elements (gemm_one returned
    // true for each), so the buffer is initialised; T and MaybeUninit<T> share a layout.
    let out = unsafe { Vec::from_raw_parts(out.as_mut_ptr() as *mut T, out.len(), out.capacity()) };
    ArrayD::from_shape_vec(IxDyn(&shape), out).ok()
}

/// `tf.matmul(a, b, transpose_a, transpose_b)`.
pub fn matmul(a: &Tensor, b: &Tensor, ta: bool, tb: bool) -> TResult<Tensor> {
    crate::tensor::compile::capture::op(&[a, b], move |x| matmul_recorded(x[0], x[1], ta, tb))
}

fn matmul_recorded(a: &Tensor, b: &Tensor, ta: bool, tb: bool) -> TResult<Tensor> {
    let out = matmul_kernel(a, b, ta, tb)?;
    Ok(crate::tensor::autodiff::record(
        &[a, b],
        out,
        move |x, _y, g| crate::tensor::autodiff::math::matmul_grad(&x[0], &x[1], ta, tb, g),
    ))
}

/// The computation of `matmul`, before it is recorded for gradients.
fn matmul_kernel(a: &Tensor, b: &Tensor, ta: bool, tb: bool) -> TResult<Tensor> {
    check_same_dtype("MatMul", a, b)?;
    let bad = || {
        op_error(
            "__MklMatMul",
            "MatMul",
            format!(
                "Matrix size-incompatible: In[0]: {}, In[1]: {}",
                shape_brackets(a.shape()),
                shape_brackets(b.shape())
            ),
            Some(""),
        )
    };
    if a.ndim() < 2 || b.ndim() < 2 {
        let which = if a.ndim() < 2 { 0 } else { 1 };
        return Err(op_error(
            "__MklMatMul",
            "MatMul",
            format!("In[{}] ndims must be >= 2", which),
            Some(""),
        ));
    }
    let (ra, rb) = (a.ndim(), b.ndim());
    let (am, ak) = if ta {
        (a.shape()[ra - 1], a.shape()[ra - 2])
    } else {
        (a.shape()[ra - 2], a.shape()[ra - 1])
    };
    let (bk, bn) = if tb {
        (b.shape()[rb - 1], b.shape()[rb - 2])
    } else {
        (b.shape()[rb - 2], b.shape()[rb - 1])
    };
    if let Some(mut out_shape) =
        broadcast_shapes(&a.shape()[..ra - 2], &b.shape()[..rb - 2]).filter(|_| ak == bk)
    {
        out_shape.extend([am, bn]);
        crate::tensor::alloc::check_as(&out_shape, a.dtype(), "__MklMatMul", "MatMul", Some(""))?;
    }
    if a.dtype().is_complex() {
        // (ar + ai·j)(br + bi·j): four real products.
        let (ar, ai) = super::complex::parts(a);
        let (br, bi) = super::complex::parts(b);
        let mm = |x: &Tensor, y: &Tensor| matmul_kernel(x, y, ta, tb);
        let sub = super::elementwise::Binary::Sub;
        let add = super::elementwise::Binary::Add;
        let re = super::elementwise::binary(sub, &mm(&ar, &br)?, &mm(&ai, &bi)?)?;
        let im = super::elementwise::binary(add, &mm(&ar, &bi)?, &mm(&ai, &br)?)?;
        return super::complex::join(&re, &im).ok_or_else(bad);
    }
    if a.dtype().is_half() {
        // Eigen multiplies half matrices in float32 and rounds the result.
        let w = DType::F32;
        return Ok(
            matmul_kernel(&a.cast_kernel(w), &b.cast_kernel(w), ta, tb)?.cast_kernel(a.dtype())
        );
    }
    let out = match (&a.data, &b.data) {
        (Data::F32(x), Data::F32(y)) => matmul_arrays(x, y, ta, tb).map(Tensor::from_array),
        (Data::F64(x), Data::F64(y)) => matmul_arrays(x, y, ta, tb).map(Tensor::from_array),
        (Data::I32(x), Data::I32(y)) => matmul_arrays(x, y, ta, tb).map(Tensor::from_array),
        (Data::I64(x), Data::I64(y)) => matmul_arrays(x, y, ta, tb).map(Tensor::from_array),
        _ => None,
    };
    out.ok_or_else(|| {
        if crate::tensor::interrupt::take() {
            crate::tensor::TfError::new(ExcKind::KeyboardInterrupt, "")
        } else {
            bad()
        }
    })
}
