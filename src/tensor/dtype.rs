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
}

impl DType {
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
            _ => return None,
        })
    }

    pub(crate) fn is_float(self) -> bool {
        matches!(self, DType::F32 | DType::F64)
    }

    pub(crate) fn is_int(self) -> bool {
        matches!(self, DType::I32 | DType::I64 | DType::U8)
    }

    pub(crate) fn size_bytes(self) -> usize {
        match self {
            DType::F32 | DType::I32 => 4,
            DType::F64 | DType::I64 => 8,
            DType::U8 | DType::Bool => 1,
            // TensorFlow's `tstring` header.
            DType::Str => 32,
        }
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
}
