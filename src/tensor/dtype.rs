//! Element types: the `DType` values users see (`tf.float32`) and the `Elem` trait that
//! connects each Rust element type to its dtype and storage variant.

use super::data::Data;
use super::tstr::TStr;
use ndarray::{ArcArray, IxDyn};
use std::fmt::Debug;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DType {
    F32,
    F64,
    I32,
    I64,
    U8,
    Bool,
    /// `tf.string`: byte strings.
    Str,
    /// `tf.float16` (IEEE half).
    F16,
    /// `tf.bfloat16` (the upper half of a float32).
    BF16,
    I8,
    I16,
    U16,
    U32,
    U64,
    /// `tf.complex64`: two float32s.
    C64,
    /// `tf.complex128`: two float64s.
    C128,
}

impl DType {
    /// Every dtype, in the order TensorFlow's module lists them.
    pub(crate) const ALL: [DType; 16] = [
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::C64,
        DType::C128,
        DType::Bool,
        DType::Str,
    ];

    /// TensorFlow's name: `float32`, `int32`, `bool`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::U8 => "uint8",
            DType::Bool => "bool",
            DType::Str => "string",
            DType::F16 => "float16",
            DType::BF16 => "bfloat16",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::U16 => "uint16",
            DType::U32 => "uint32",
            DType::U64 => "uint64",
            DType::C64 => "complex64",
            DType::C128 => "complex128",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "float32" | "float" | "f4" => DType::F32,
            "float64" | "double" | "f8" => DType::F64,
            "int32" | "int" | "i4" => DType::I32,
            "int64" | "i8" => DType::I64,
            "uint8" | "u1" => DType::U8,
            "bool" => DType::Bool,
            "string" => DType::Str,
            "float16" | "half" | "f2" => DType::F16,
            "bfloat16" => DType::BF16,
            "int8" | "i1" => DType::I8,
            "int16" | "i2" => DType::I16,
            "uint16" | "u2" => DType::U16,
            "uint32" | "u4" => DType::U32,
            "uint64" | "u8" => DType::U64,
            "complex64" | "c8" => DType::C64,
            "complex128" | "complex" | "c16" => DType::C128,
            _ => return None,
        })
    }

    pub(crate) fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64 | DType::F16 | DType::BF16)
    }

    pub(crate) fn is_int(self) -> bool {
        matches!(
            self,
            DType::I32
                | DType::I64
                | DType::U8
                | DType::I8
                | DType::I16
                | DType::U16
                | DType::U32
                | DType::U64
        )
    }

    pub(crate) fn is_complex(self) -> bool {
        matches!(self, DType::C64 | DType::C128)
    }

    /// The real dtype of a complex dtype's parts (float32 for complex64); others are their
    /// own.
    pub(crate) fn real_dtype(self) -> DType {
        match self {
            DType::C64 => DType::F32,
            DType::C128 => DType::F64,
            d => d,
        }
    }

    pub(crate) fn is_unsigned(self) -> bool {
        matches!(
            self,
            DType::U8 | DType::U16 | DType::U32 | DType::U64 | DType::Bool
        )
    }

    /// The dtypes stored narrower than 32 bits, whose arithmetic TensorFlow runs by
    /// promoting each element (floats through float32, as Eigen's `half` does).
    pub(crate) fn is_half(self) -> bool {
        matches!(self, DType::F16 | DType::BF16)
    }

    /// The dtype kernels compute a narrow dtype in, rounding or wrapping each result back:
    /// float32 for the 16-bit floats (as Eigen's `half` arithmetic does), int64 for the
    /// integers narrower than 64 bits other than int32 and uint8 (integer wrap-around is
    /// the same whether it happens before or after the narrowing). None for the dtypes
    /// with kernels of their own.
    pub(crate) fn compute_dtype(self) -> Option<DType> {
        match self {
            DType::F16 | DType::BF16 => Some(DType::F32),
            DType::I8 | DType::I16 | DType::U16 | DType::U32 => Some(DType::I64),
            _ => None,
        }
    }

    pub(crate) fn size_bytes(self) -> usize {
        match self {
            DType::F32 | DType::I32 | DType::U32 => 4,
            DType::F64 | DType::I64 | DType::U64 | DType::C64 => 8,
            DType::C128 => 16,
            DType::U8 | DType::Bool | DType::I8 => 1,
            DType::F16 | DType::BF16 | DType::I16 | DType::U16 => 2,
            // TensorFlow's `tstring` header.
            DType::Str => 32,
        }
    }

    /// TensorFlow's `DataType` enum name: `DT_FLOAT`, `DT_HALF`, `DT_INT8`.
    pub(crate) fn proto_name(self) -> String {
        format!("DT_{}", self.kind_word().to_uppercase())
    }

    /// The word TensorFlow uses in "expected to be a float tensor".
    pub(crate) fn kind_word(self) -> &'static str {
        match self {
            DType::F32 => "float",
            DType::F64 => "double",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::U8 => "uint8",
            DType::Bool => "bool",
            DType::Str => "string",
            DType::F16 => "half",
            DType::BF16 => "bfloat16",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::U16 => "uint16",
            DType::U32 => "uint32",
            DType::U64 => "uint64",
            DType::C64 => "complex64",
            DType::C128 => "complex128",
        }
    }
}

/// A Rust element type stored in tensors.
pub trait Elem: Copy + Send + Sync + Debug + PartialOrd + Default + 'static {
    const DTYPE: DType;
    fn to_f64(self) -> f64;
    fn from_f64(v: f64) -> Self;
    fn to_i64(self) -> i64;
    fn from_i64(v: i64) -> Self;
    fn from_bool(v: bool) -> Self;
    fn is_zero(self) -> bool;
    fn wrap(a: ArcArray<Self, IxDyn>) -> Data;
    fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>>;
}

macro_rules! num_elem {
    ($t:ty, $dt:ident, $var:ident) => {
        impl Elem for $t {
            const DTYPE: DType = DType::$dt;
            #[inline(always)]
            fn to_f64(self) -> f64 {
                self as f64
            }
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn to_i64(self) -> i64 {
                self as i64
            }
            #[inline(always)]
            fn from_i64(v: i64) -> Self {
                v as $t
            }
            #[inline(always)]
            fn from_bool(v: bool) -> Self {
                v as u8 as $t
            }
            #[inline(always)]
            fn is_zero(self) -> bool {
                self == (0 as $t)
            }
            fn wrap(a: ArcArray<Self, IxDyn>) -> Data {
                Data::$var(a)
            }
            fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>> {
                match d {
                    Data::$var(a) => Some(a),
                    _ => None,
                }
            }
        }
    };
}

num_elem!(f32, F32, F32);
num_elem!(f64, F64, F64);
num_elem!(i32, I32, I32);
num_elem!(i64, I64, I64);
num_elem!(u8, U8, U8);
num_elem!(i8, I8, I8);
num_elem!(i16, I16, I16);
num_elem!(u16, U16, U16);
num_elem!(u32, U32, U32);
num_elem!(u64, U64, U64);

macro_rules! half_elem {
    ($t:ty, $dt:ident) => {
        impl Elem for $t {
            const DTYPE: DType = DType::$dt;
            #[inline(always)]
            fn to_f64(self) -> f64 {
                <$t>::to_f64(self)
            }
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                <$t>::from_f64(v)
            }
            #[inline(always)]
            fn to_i64(self) -> i64 {
                <$t>::to_f32(self) as i64
            }
            #[inline(always)]
            fn from_i64(v: i64) -> Self {
                <$t>::from_f64(v as f64)
            }
            #[inline(always)]
            fn from_bool(v: bool) -> Self {
                <$t>::from_f32(v as u8 as f32)
            }
            #[inline(always)]
            fn is_zero(self) -> bool {
                <$t>::to_f32(self) == 0.0
            }
            fn wrap(a: ArcArray<Self, IxDyn>) -> Data {
                Data::$dt(a)
            }
            fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>> {
                match d {
                    Data::$dt(a) => Some(a),
                    _ => None,
                }
            }
        }
    };
}
half_elem!(half::f16, F16);
half_elem!(half::bf16, BF16);

impl Elem for bool {
    const DTYPE: DType = DType::Bool;
    fn to_f64(self) -> f64 {
        self as u8 as f64
    }
    fn from_f64(v: f64) -> Self {
        v != 0.0
    }
    fn to_i64(self) -> i64 {
        self as i64
    }
    fn from_i64(v: i64) -> Self {
        v != 0
    }
    fn from_bool(v: bool) -> Self {
        v
    }
    fn is_zero(self) -> bool {
        !self
    }
    fn wrap(a: ArcArray<Self, IxDyn>) -> Data {
        Data::Bool(a)
    }
    fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>> {
        match d {
            Data::Bool(a) => Some(a),
            _ => None,
        }
    }
}

/// String elements take part in the moves every dtype shares (copies, gathers, reshapes);
/// the numeric conversions give the empty string or zero, and the ops that would use them
/// refuse strings before they run, as TensorFlow's kernels are not registered for them.
impl Elem for TStr {
    const DTYPE: DType = DType::Str;
    fn to_f64(self) -> f64 {
        0.0
    }
    fn from_f64(_: f64) -> Self {
        TStr::default()
    }
    fn to_i64(self) -> i64 {
        0
    }
    fn from_i64(_: i64) -> Self {
        TStr::default()
    }
    fn from_bool(_: bool) -> Self {
        TStr::default()
    }
    fn is_zero(self) -> bool {
        self.is_empty()
    }
    fn wrap(a: ArcArray<Self, IxDyn>) -> Data {
        Data::Str(a)
    }
    fn view(d: &Data) -> Option<&ArcArray<Self, IxDyn>> {
        match d {
            Data::Str(a) => Some(a),
            _ => None,
        }
    }
}

pub(crate) mod num_like {
    //! The arithmetic each element type supports, with TensorFlow's integer semantics.

    pub trait NumOps: Copy + PartialOrd {
        fn add(self, o: Self) -> Self;
        fn sub(self, o: Self) -> Self;
        fn mul(self, o: Self) -> Self;
        /// TensorFlow's `floordiv`; None on an integer division by zero.
        fn floordiv(self, o: Self) -> Option<Self>;
        /// TensorFlow's `floormod` (the sign follows the divisor).
        fn floormod(self, o: Self) -> Option<Self>;
        fn pow(self, o: Self) -> Self;
        fn neg(self) -> Self;
        fn abs(self) -> Self;
        fn zero() -> Self;
        fn one() -> Self;
        fn max_value() -> Self;
        fn min_value() -> Self;
    }

    pub trait FloatOps: NumOps {
        fn div(self, o: Self) -> Self;
        fn exp(self) -> Self;
        fn ln(self) -> Self;
        fn sqrt(self) -> Self;
        fn sin(self) -> Self;
        fn cos(self) -> Self;
        fn tanh(self) -> Self;
        fn floor(self) -> Self;
        fn ceil(self) -> Self;
        fn round_even(self) -> Self;
        fn is_nan(self) -> bool;
        fn from_f64c(v: f64) -> Self;
        fn to_f64c(self) -> f64;
    }

    macro_rules! int_ops {
        ($t:ty) => {
            impl NumOps for $t {
                #[inline(always)]
                fn add(self, o: Self) -> Self {
                    self.wrapping_add(o)
                }
                #[inline(always)]
                fn sub(self, o: Self) -> Self {
                    self.wrapping_sub(o)
                }
                #[inline(always)]
                fn mul(self, o: Self) -> Self {
                    self.wrapping_mul(o)
                }
                #[inline(always)]
                fn floordiv(self, o: Self) -> Option<Self> {
                    if o == 0 {
                        return None;
                    }
                    let q = self.wrapping_div(o);
                    #[allow(unused_comparisons)]
                    let adjust = (self.wrapping_rem(o) != 0) && ((self < 0) != (o < 0));
                    Some(if adjust { q - 1 } else { q })
                }
                #[inline(always)]
                fn floormod(self, o: Self) -> Option<Self> {
                    if o == 0 {
                        return None;
                    }
                    let r = self.wrapping_rem(o);
                    #[allow(unused_comparisons)]
                    let adjust = r != 0 && ((r < 0) != (o < 0));
                    Some(if adjust { r.wrapping_add(o) } else { r })
                }
                #[inline(always)]
                fn pow(self, o: Self) -> Self {
                    #[allow(unused_comparisons)]
                    if o < 0 {
                        return 0;
                    }
                    self.wrapping_pow(o as u32)
                }
                #[inline(always)]
                fn neg(self) -> Self {
                    (0 as $t).wrapping_sub(self)
                }
                #[inline(always)]
                fn abs(self) -> Self {
                    #[allow(unused_comparisons)]
                    if self < 0 {
                        self.neg()
                    } else {
                        self
                    }
                }
                fn zero() -> Self {
                    0
                }
                fn one() -> Self {
                    1
                }
                fn max_value() -> Self {
                    <$t>::MAX
                }
                fn min_value() -> Self {
                    <$t>::MIN
                }
            }
        };
    }
    int_ops!(i32);
    int_ops!(i64);
    int_ops!(u8);
    int_ops!(i8);
    int_ops!(i16);
    int_ops!(u16);
    int_ops!(u32);
    int_ops!(u64);

    macro_rules! float_ops {
        ($t:ty) => {
            impl NumOps for $t {
                #[inline(always)]
                fn add(self, o: Self) -> Self {
                    self + o
                }
                #[inline(always)]
                fn sub(self, o: Self) -> Self {
                    self - o
                }
                #[inline(always)]
                fn mul(self, o: Self) -> Self {
                    self * o
                }
                #[inline(always)]
                fn floordiv(self, o: Self) -> Option<Self> {
                    Some((self / o).floor())
                }
                #[inline(always)]
                fn floormod(self, o: Self) -> Option<Self> {
                    let r = self % o;
                    Some(if r != 0.0 && ((r < 0.0) != (o < 0.0)) {
                        r + o
                    } else {
                        r
                    })
                }
                #[inline(always)]
                fn pow(self, o: Self) -> Self {
                    self.powf(o)
                }
                #[inline(always)]
                fn neg(self) -> Self {
                    -self
                }
                #[inline(always)]
                fn abs(self) -> Self {
                    <$t>::abs(self)
                }
                fn zero() -> Self {
                    0.0
                }
                fn one() -> Self {
                    1.0
                }
                fn max_value() -> Self {
                    <$t>::INFINITY
                }
                fn min_value() -> Self {
                    <$t>::NEG_INFINITY
                }
            }
            impl FloatOps for $t {
                #[inline(always)]
                fn div(self, o: Self) -> Self {
                    self / o
                }
                #[inline(always)]
                fn exp(self) -> Self {
                    <$t>::exp(self)
                }
                #[inline(always)]
                fn ln(self) -> Self {
                    <$t>::ln(self)
                }
                #[inline(always)]
                fn sqrt(self) -> Self {
                    <$t>::sqrt(self)
                }
                #[inline(always)]
                fn sin(self) -> Self {
                    <$t>::sin(self)
                }
                #[inline(always)]
                fn cos(self) -> Self {
                    <$t>::cos(self)
                }
                #[inline(always)]
                fn tanh(self) -> Self {
                    <$t>::tanh(self)
                }
                #[inline(always)]
                fn floor(self) -> Self {
                    <$t>::floor(self)
                }
                #[inline(always)]
                fn ceil(self) -> Self {
                    <$t>::ceil(self)
                }
                #[inline(always)]
                fn round_even(self) -> Self {
                    <$t>::round_ties_even(self)
                }
                #[inline(always)]
                fn is_nan(self) -> bool {
                    <$t>::is_nan(self)
                }
                #[inline(always)]
                fn from_f64c(v: f64) -> Self {
                    v as $t
                }
                #[inline(always)]
                fn to_f64c(self) -> f64 {
                    self as f64
                }
            }
        };
    }
    float_ops!(f32);
    float_ops!(f64);

    /// Unary float methods of a 16-bit float that run in float32 and round back.
    macro_rules! via_f32 {
        ($t:ty: $($f:ident),*) => {$(
            #[inline(always)]
            fn $f(self) -> Self {
                <$t>::from_f32(f32::$f(self.to_f32()))
            }
        )*};
    }

    /// Half-precision arithmetic as Eigen's `half` and `bfloat16` do it: each operation
    /// runs in float32 and its result is rounded to the narrow type.
    macro_rules! half_ops {
        ($t:ty) => {
            impl NumOps for $t {
                #[inline(always)]
                fn add(self, o: Self) -> Self {
                    <$t>::from_f32(self.to_f32() + o.to_f32())
                }
                #[inline(always)]
                fn sub(self, o: Self) -> Self {
                    <$t>::from_f32(self.to_f32() - o.to_f32())
                }
                #[inline(always)]
                fn mul(self, o: Self) -> Self {
                    <$t>::from_f32(self.to_f32() * o.to_f32())
                }
                #[inline(always)]
                fn floordiv(self, o: Self) -> Option<Self> {
                    NumOps::floordiv(self.to_f32(), o.to_f32()).map(<$t>::from_f32)
                }
                #[inline(always)]
                fn floormod(self, o: Self) -> Option<Self> {
                    NumOps::floormod(self.to_f32(), o.to_f32()).map(<$t>::from_f32)
                }
                #[inline(always)]
                fn pow(self, o: Self) -> Self {
                    <$t>::from_f32(self.to_f32().powf(o.to_f32()))
                }
                #[inline(always)]
                fn neg(self) -> Self {
                    -self
                }
                #[inline(always)]
                fn abs(self) -> Self {
                    <$t>::from_bits(self.to_bits() & 0x7fff)
                }
                fn zero() -> Self {
                    <$t>::ZERO
                }
                fn one() -> Self {
                    <$t>::ONE
                }
                fn max_value() -> Self {
                    <$t>::INFINITY
                }
                fn min_value() -> Self {
                    <$t>::NEG_INFINITY
                }
            }
            impl FloatOps for $t {
                #[inline(always)]
                fn div(self, o: Self) -> Self {
                    <$t>::from_f32(self.to_f32() / o.to_f32())
                }
                via_f32!($t: exp, ln, sqrt, sin, cos, tanh, floor, ceil);
                #[inline(always)]
                fn round_even(self) -> Self {
                    <$t>::from_f32(self.to_f32().round_ties_even())
                }
                #[inline(always)]
                fn is_nan(self) -> bool {
                    <$t>::is_nan(self)
                }
                #[inline(always)]
                fn from_f64c(v: f64) -> Self {
                    <$t>::from_f64(v)
                }
                #[inline(always)]
                fn to_f64c(self) -> f64 {
                    <$t>::to_f64(self)
                }
            }
        };
    }
    half_ops!(half::f16);
    half_ops!(half::bf16);
}
