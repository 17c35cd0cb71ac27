//! The tensor value: a dtype-tagged, dynamically ranked ndarray behind an `Arc`, so clones
//! and many views (slices, transposes) share their buffer. A `Tensor` itself is one pointer
//! (its array header and identity sit behind a second `Arc`), so the interpreter's values
//! that hold tensors stay small.

use super::dtype::{DType, Elem};
use super::error::{TResult, TfError};
use super::tstr::TStr;
use crate::errors::ExcKind;
use ndarray::{ArcArray, ArrayD, IxDyn};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

#[derive(Clone, Debug)]
pub enum Data {
    F32(ArcArray<f32, IxDyn>),
    F64(ArcArray<f64, IxDyn>),
    I32(ArcArray<i32, IxDyn>),
    I64(ArcArray<i64, IxDyn>),
    U8(ArcArray<u8, IxDyn>),
    Bool(ArcArray<bool, IxDyn>),
    Str(ArcArray<TStr, IxDyn>),
    F16(ArcArray<half::f16, IxDyn>),
    BF16(ArcArray<half::bf16, IxDyn>),
    I8(ArcArray<i8, IxDyn>),
    I16(ArcArray<i16, IxDyn>),
    U16(ArcArray<u16, IxDyn>),
    U32(ArcArray<u32, IxDyn>),
    U64(ArcArray<u64, IxDyn>),
    C64(ArcArray<super::complex::C64, IxDyn>),
    C128(ArcArray<super::complex::C128, IxDyn>),
}

/// Runs `$body` with `$a` bound to the typed array, whatever the dtype. The body must be
/// generic in the element type (usually a call to a generic function).
#[macro_export]
macro_rules! with_data {
    ($data:expr, $a:ident => $body:expr) => {
        match $data {
            $crate::tensor::Data::F32($a) => $body,
            $crate::tensor::Data::F64($a) => $body,
            $crate::tensor::Data::I32($a) => $body,
            $crate::tensor::Data::I64($a) => $body,
            $crate::tensor::Data::U8($a) => $body,
            $crate::tensor::Data::Bool($a) => $body,
            $crate::tensor::Data::Str($a) => $body,
            $crate::tensor::Data::F16($a) => $body,
            $crate::tensor::Data::BF16($a) => $body,
            $crate::tensor::Data::I8($a) => $body,
            $crate::tensor::Data::I16($a) => $body,
            $crate::tensor::Data::U16($a) => $body,
            $crate::tensor::Data::U32($a) => $body,
            $crate::tensor::Data::U64($a) => $body,
            $crate::tensor::Data::C64($a) => $body,
            $crate::tensor::Data::C128($a) => $body,
        }
    };
}

/// Runs `$body` with the type `$t` standing for a dtype's element type.
macro_rules! with_dtype {
    ($dtype:expr, $t:ident => $body:expr) => {
        with_dtype!(@each $dtype, $t, $body, F32 f32, F64 f64, I32 i32, I64 i64, U8 u8, Bool bool, Str TStr, F16 half::f16, BF16 half::bf16, I8 i8, I16 i16, U16 u16, U32 u32, U64 u64, C64 $crate::tensor::complex::C64, C128 $crate::tensor::complex::C128)
    };
    (@each $dtype:expr, $t:ident, $body:expr, $($variant:ident $elem:ty),*) => {
        match $dtype {
            $(DType::$variant => {
                type $t = $elem;
                $body
            })*
        }
    };
}

/// Like `with_data!` for numeric dtypes; bool runs `$other`.
#[macro_export]
macro_rules! with_num {
    ($data:expr, $a:ident => $body:expr, $other:expr) => {
        match $data {
            $crate::tensor::Data::F32($a) => $body,
            $crate::tensor::Data::F64($a) => $body,
            $crate::tensor::Data::I32($a) => $body,
            $crate::tensor::Data::I64($a) => $body,
            $crate::tensor::Data::U8($a) => $body,
            $crate::tensor::Data::F16($a) => $body,
            $crate::tensor::Data::BF16($a) => $body,
            $crate::tensor::Data::I8($a) => $body,
            $crate::tensor::Data::I16($a) => $body,
            $crate::tensor::Data::U16($a) => $body,
            $crate::tensor::Data::U32($a) => $body,
            $crate::tensor::Data::U64($a) => $body,
            $crate::tensor::Data::Bool(_)
            | $crate::tensor::Data::Str(_)
            | $crate::tensor::Data::C64(_)
            | $crate::tensor::Data::C128(_) => $other,
        }
    };
}

/// Like `with_data!` for float dtypes; other dtypes run `$other`.
#[macro_export]
macro_rules! with_float {
    ($data:expr, $a:ident => $body:expr, $other:expr) => {
        match $data {
            $crate::tensor::Data::F32($a) => $body,
            $crate::tensor::Data::F64($a) => $body,
            $crate::tensor::Data::F16($a) => $body,
            $crate::tensor::Data::BF16($a) => $body,
            _ => $other,
        }
    };
}

/// A float converted to an integer dtype as the x86 kernels of TensorFlow and numpy do:
/// truncated through a 32-bit integer (64-bit for int64, uint32 and uint64), whose
/// out-of-range and NaN value is the "integer indefinite" `i32::MIN` (`i64::MIN`); the
/// narrow dtypes then keep the low bits, so `300.0` cast to int8 is 44.
pub(crate) fn float_to_int(x: f64, to: DType) -> i64 {
    const I64: std::ops::Range<f64> = -9223372036854775808.0..9223372036854775808.0;
    const I32: std::ops::Range<f64> = -2147483648.0..2147483648.0;
    const U64_HIGH: std::ops::Range<f64> = 9223372036854775808.0..18446744073709551616.0;
    if to == DType::U64 && U64_HIGH.contains(&x) {
        return ((x - 9223372036854775808.0) as i64).wrapping_add(i64::MIN);
    }
    let t = x.trunc();
    let wide = matches!(to, DType::I64 | DType::U32 | DType::U64);
    match (wide, I64.contains(&t), I32.contains(&t)) {
        (true, true, _) | (false, _, true) => t as i64,
        (true, false, _) => i64::MIN,
        (false, _, false) => i32::MIN as i64,
    }
}

/// A tensor: a shared handle to its data and an identity. Clones share the identity (they
/// are the same tensor); every new result gets a new one, which is how a gradient tape
/// recognises the tensors it watches. `t.data` reads the data through `Deref`.
#[derive(Clone, Debug)]
pub struct Tensor {
    body: Arc<TensorBody>,
}

/// What a `Tensor` handle points to.
#[derive(Debug)]
pub struct TensorBody {
    pub data: Data,
    id: u64,
}

impl std::ops::Deref for Tensor {
    type Target = TensorBody;
    #[inline]
    fn deref(&self) -> &TensorBody {
        &self.body
    }
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// How many tensors have been made so far in this process.
pub fn tensors_made() -> u64 {
    NEXT_ID.load(Ordering::Relaxed) - 1
}

fn fresh_id() -> u64 {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    if crate::tensor::compile::capture::on() {
        crate::tensor::compile::capture::made(id);
    }
    id
}

impl Tensor {
    pub fn from_array<T: Elem>(a: ArrayD<T>) -> Tensor {
        Tensor::from_shared(a.into_shared())
    }

    pub fn from_shared<T: Elem>(a: ArcArray<T, IxDyn>) -> Tensor {
        Tensor::with_id(T::wrap(a), fresh_id())
    }

    fn with_id(data: Data, id: u64) -> Tensor {
        Tensor {
            body: Arc::new(TensorBody { data, id }),
        }
    }

    /// A new tensor holding `data`.
    pub fn from_data(data: Data) -> Tensor {
        Tensor::with_id(data, fresh_id())
    }

    /// The identity a gradient tape tracks this tensor by.
    pub fn id(&self) -> u64 {
        self.body.id
    }

    /// The same data as a new tensor (a new identity).
    pub fn renewed(self) -> Tensor {
        if crate::tensor::compile::capture::on() {
            let out = Tensor::with_id(self.data.clone(), fresh_id());
            crate::tensor::compile::capture::alias(&self, out.id());
            return out;
        }
        let data = match Arc::try_unwrap(self.body) {
            Ok(body) => body.data,
            Err(shared) => shared.data.clone(),
        };
        Tensor::with_id(data, fresh_id())
    }

    /// A tensor from a flat vector in row-major order.
    pub fn from_vec<T: Elem>(shape: &[usize], v: Vec<T>) -> Tensor {
        match ArrayD::from_shape_vec(IxDyn(shape), v) {
            Ok(a) => Tensor::from_array(a),
            // Callers pass matching sizes; keep a defined result if one does not.
            Err(_) => Tensor::from_array(ArrayD::<T>::default(IxDyn(&[0]))),
        }
    }

    pub fn scalar<T: Elem>(v: T) -> Tensor {
        Tensor::from_vec(&[], vec![v])
    }

    pub fn dtype(&self) -> DType {
        match &self.data {
            Data::F32(_) => DType::F32,
            Data::F64(_) => DType::F64,
            Data::I32(_) => DType::I32,
            Data::I64(_) => DType::I64,
            Data::U8(_) => DType::U8,
            Data::Bool(_) => DType::Bool,
            Data::Str(_) => DType::Str,
            Data::F16(_) => DType::F16,
            Data::BF16(_) => DType::BF16,
            Data::I8(_) => DType::I8,
            Data::I16(_) => DType::I16,
            Data::U16(_) => DType::U16,
            Data::U32(_) => DType::U32,
            Data::U64(_) => DType::U64,
            Data::C64(_) => DType::C64,
            Data::C128(_) => DType::C128,
        }
    }

    pub fn shape(&self) -> &[usize] {
        with_data!(&self.data, a => a.shape())
    }

    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    pub fn size(&self) -> usize {
        self.shape().iter().product()
    }

    pub fn nbytes(&self) -> usize {
        self.size() * self.dtype().size_bytes()
    }

    pub fn array<T: Elem>(&self) -> Option<&ArcArray<T, IxDyn>> {
        T::view(&self.data)
    }

    /// The elements in row-major order, typed; an error names the dtype mismatch.
    pub fn to_vec<T: Elem>(&self) -> TResult<Vec<T>> {
        self.data_read();
        match T::view(&self.data) {
            // A contiguous array is one copy; iterating an IxDyn array costs an index
            // update per element.
            Some(a) => Ok(match a.as_slice() {
                Some(s) => s.to_vec(),
                None => a.iter().copied().collect(),
            }),
            None => Err(TfError::new(
                ExcKind::TypeError,
                format!(
                    "expected a {} tensor, got {}",
                    T::DTYPE.name(),
                    self.dtype().name()
                ),
            )),
        }
    }

    pub fn to_f64_vec(&self) -> Vec<f64> {
        self.data_read();
        with_data!(&self.data, a => match a.as_slice() {
            Some(s) => s.iter().map(|x| x.to_f64()).collect(),
            None => a.iter().map(|x| x.to_f64()).collect(),
        })
    }

    pub fn to_i64_vec(&self) -> Vec<i64> {
        self.data_read();
        with_data!(&self.data, a => match a.as_slice() {
            Some(s) => s.iter().map(|x| x.to_i64()).collect(),
            None => a.iter().map(|x| x.to_i64()).collect(),
        })
    }

    /// The single element of a tensor with one element, as f64.
    pub fn item_f64(&self) -> Option<f64> {
        self.data_read();
        if self.size() != 1 {
            return None;
        }
        with_data!(&self.data, a => a.iter().next().map(|x| x.to_f64()))
    }

    pub fn item_i64(&self) -> Option<i64> {
        self.data_read();
        if self.size() != 1 {
            return None;
        }
        with_data!(&self.data, a => a.iter().next().map(|x| x.to_i64()))
    }

    pub fn zeros(dtype: DType, shape: &[usize]) -> Tensor {
        Tensor::full(dtype, shape, 0.0)
    }

    pub fn full(dtype: DType, shape: &[usize], v: f64) -> Tensor {
        let t = with_dtype!(dtype, T => Tensor::from_array(ArrayD::from_elem(IxDyn(shape), T::from_f64(v))));
        if crate::tensor::compile::capture::on() {
            crate::tensor::compile::capture::constant(&t);
        }
        t
    }

    /// Tells a capture in progress that Rust code reads this tensor's elements.
    #[inline]
    fn data_read(&self) {
        if crate::tensor::compile::capture::on() {
            crate::tensor::compile::capture::read(self);
        }
    }

    /// A tensor of `dtype` whose elements, in row-major order, are `f`'s successive values,
    /// made straight in the output dtype (no float64 copy of the whole tensor on the way).
    pub fn from_f64_fn(dtype: DType, shape: &[usize], mut f: impl FnMut() -> f64) -> Tensor {
        let n: usize = shape.iter().product();
        with_dtype!(dtype, T => Tensor::from_vec(shape, (0..n).map(|_| T::from_f64(f())).collect::<Vec<T>>()))
    }

    /// A tensor of `dtype` from f64 values (used for Python numbers and lists).
    pub fn from_f64s(dtype: DType, shape: &[usize], v: &[f64]) -> Tensor {
        with_dtype!(dtype, T => Tensor::from_vec(shape, v.iter().map(|&x| T::from_f64(x)).collect::<Vec<T>>()))
    }

    /// Element-type conversion as `tf.cast` does it (float to int truncates toward zero).
    pub fn cast(&self, dtype: DType) -> Tensor {
        if dtype == self.dtype() {
            return self.clone();
        }
        crate::tensor::compile::capture::infallible(&[self], move |x| x[0].cast_recorded(dtype))
    }

    fn cast_recorded(&self, dtype: DType) -> Tensor {
        let out = self.cast_kernel(dtype);
        if !self.dtype().is_float() {
            return out;
        }
        crate::tensor::autodiff::record(&[self], out, |x, _y, g| {
            Ok(vec![Some(g.cast(x[0].dtype()))])
        })
    }

    /// The conversion of `cast`, before it is recorded for gradients.
    pub(crate) fn cast_kernel(&self, dtype: DType) -> Tensor {
        fn conv<S: Elem, D: Elem>(a: &ArcArray<S, IxDyn>) -> Tensor {
            let out = if S::DTYPE.is_float() && D::DTYPE.is_int() {
                a.map(|x| D::from_i64(float_to_int(x.to_f64(), D::DTYPE)))
            } else if D::DTYPE.is_float() || D::DTYPE.is_complex() {
                a.map(|x| D::from_f64(x.to_f64()))
            } else {
                a.map(|x| D::from_i64(x.to_i64()))
            };
            Tensor::from_array(out)
        }
        fn to<D: Elem>(t: &Tensor) -> Tensor {
            with_data!(&t.data, a => conv::<_, D>(a))
        }
        if self.dtype().is_complex() && dtype.is_complex() {
            return super::ops::complex::cast_complex(self, dtype);
        }
        match dtype {
            DType::Bool => with_data!(&self.data, a => Tensor::from_array(a.map(|x| !x.is_zero()))),
            // TensorFlow has no cast to or from strings (`tf.strings` converts); the API
            // refuses it first, and a string cast to itself returned above.
            DType::Str => Tensor::zeros(DType::Str, self.shape()),
            d => with_dtype!(d, T => to::<T>(self)),
        }
    }

    /// The same tensor in standard (row-major, contiguous) layout.
    pub fn contiguous(&self) -> Tensor {
        with_data!(&self.data, a => {
            if a.is_standard_layout() {
                self.clone()
            } else {
                // The same tensor laid out afresh: it keeps its identity.
                let fresh = Tensor::from_array(a.as_standard_layout().into_owned());
                Tensor::with_id(fresh.data.clone(), self.id())
            }
        })
    }
}
