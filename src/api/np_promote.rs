//! numpy 1.26's type promotion: `np.promote_types` between two dtypes, and the legacy
//! value-based rule that lets a Python number or a 0-d array take the smallest dtype that
//! holds its value when it meets an array (`int8_array + 100` stays int8, `+ 200` is
//! int16, `uint8_array + (-1)` is int16, `float32_array + np.float64(2)` stays float32).

use crate::eval::Value;
use crate::tensor::{DType, Tensor};

/// The kind order numpy compares scalars and arrays by: bool < int < float.
fn kind(d: DType) -> u8 {
    match d {
        DType::Bool => 0,
        d if d.is_int() => 1,
        d if d.is_float() => 2,
        d if d.is_complex() => 3,
        _ => 4,
    }
}

fn signed_of_size(bytes: usize) -> DType {
    match bytes {
        1 => DType::I8,
        2 => DType::I16,
        4 => DType::I32,
        _ => DType::I64,
    }
}

/// The smallest float that holds every integer of an integer dtype of `bytes` bytes.
fn float_for_int(bytes: usize) -> DType {
    match bytes {
        1 => DType::F16,
        2 => DType::F32,
        _ => DType::F64,
    }
}

fn float_rank(d: DType) -> u8 {
    match d {
        DType::F16 | DType::BF16 => 0,
        DType::F32 => 1,
        _ => 2,
    }
}

/// A complex dtype's part type; other dtypes as they are.
fn real_part(d: DType) -> DType {
    d.real_dtype()
}

/// `np.promote_types(a, b)`.
pub(crate) fn promote_types(a: DType, b: DType) -> DType {
    if a == b {
        return a;
    }
    if a == DType::Str || b == DType::Str {
        return DType::Str;
    }
    if a.is_complex() || b.is_complex() {
        // The complex type whose parts hold both real types.
        let real = promote_types(real_part(a), real_part(b));
        return if matches!(real, DType::F16 | DType::F32 | DType::BF16) {
            DType::C64
        } else {
            DType::C128
        };
    }
    if a == DType::Bool {
        return b;
    }
    if b == DType::Bool {
        return a;
    }
    let (sa, sb) = (a.size_bytes(), b.size_bytes());
    match (a.is_float(), b.is_float()) {
        (true, true) => {
            // ml_dtypes: bfloat16 and float16 meet in float32.
            if a.is_half() && b.is_half() {
                DType::F32
            } else if float_rank(a) >= float_rank(b) {
                a
            } else {
                b
            }
        }
        (true, false) => promote_types(a, float_for_int(sb)),
        (false, true) => promote_types(float_for_int(sa), b),
        (false, false) => match (a.is_unsigned(), b.is_unsigned()) {
            (true, true) | (false, false) => {
                if sa >= sb {
                    a
                } else {
                    b
                }
            }
            _ => {
                let (s, u) = if a.is_unsigned() { (b, a) } else { (a, b) };
                let (ss, su) = (s.size_bytes(), u.size_bytes());
                if ss > su {
                    s
                } else if su >= 8 {
                    DType::F64
                } else {
                    signed_of_size(su * 2)
                }
            }
        },
    }
}

/// A scalar operand as numpy's legacy value-based casting sees it: its own dtype, and the
/// smallest dtype that holds its value (a non-negative int that also fits the signed type
/// of that size may act as either).
struct Scalar {
    min: DType,
    small_unsigned: bool,
}

fn min_int_type(v: i128) -> Scalar {
    if v >= 0 {
        let (min, half) = if v < 1 << 8 {
            (DType::U8, 1 << 7)
        } else if v < 1 << 16 {
            (DType::U16, 1 << 15)
        } else if v < 1 << 32 {
            (DType::U32, 1 << 31)
        } else {
            (DType::U64, 1 << 63)
        };
        Scalar {
            min,
            small_unsigned: v < half,
        }
    } else {
        let min = if v >= -(1 << 7) {
            DType::I8
        } else if v >= -(1 << 15) {
            DType::I16
        } else if v >= -(1 << 31) {
            DType::I32
        } else {
            DType::I64
        };
        Scalar {
            min,
            small_unsigned: false,
        }
    }
}

fn min_float_type(v: f64) -> Scalar {
    let a = v.abs();
    let min = if !a.is_finite() || a <= 65504.0 {
        DType::F16
    } else if a <= f32::MAX as f64 {
        DType::F32
    } else {
        DType::F64
    };
    Scalar {
        min,
        small_unsigned: false,
    }
}

/// The operand's value-based view: `None` for an array with dimensions (or a value numpy
/// does not see as a scalar).
fn scalar_of(v: &Value, t: &Tensor) -> Option<Scalar> {
    let from_tensor = |t: &Tensor| {
        let d = t.dtype();
        if d == DType::Bool || d == DType::Str {
            Some(Scalar {
                min: d,
                small_unsigned: false,
            })
        } else if d.is_complex() {
            let (re, im) = crate::tensor::ops::complex::parts(t);
            let big = [re.item_f64(), im.item_f64()]
                .iter()
                .any(|x| x.is_some_and(|x| x.is_finite() && x.abs() > f32::MAX as f64));
            Some(Scalar {
                min: if big { DType::C128 } else { DType::C64 },
                small_unsigned: false,
            })
        } else if d.is_float() {
            t.item_f64().map(min_float_type)
        } else if d == DType::U64 {
            t.array::<u64>()
                .and_then(|a| a.iter().next().map(|&x| min_int_type(x as i128)))
        } else {
            t.item_i64().map(|x| min_int_type(x as i128))
        }
    };
    match v {
        Value::Bool(_) => Some(Scalar {
            min: DType::Bool,
            small_unsigned: false,
        }),
        Value::Int(i) => Some(min_int_type(*i as i128)),
        Value::Float(f) => Some(min_float_type(*f)),
        Value::NdArray(_) | Value::Tensor(_) if t.ndim() == 0 => from_tensor(t),
        _ => None,
    }
}

/// The dtype a Python number gets on its own (numpy's defaults).
fn own_dtype(v: &Value, t: &Tensor) -> DType {
    match v {
        Value::Int(_) => DType::I64,
        Value::Float(_) => DType::F64,
        Value::Bool(_) => DType::Bool,
        _ => t.dtype(),
    }
}

/// The dtype numpy 1.26 gives a binary ufunc between `a` and `b` (each a Python number, a
/// numpy scalar or array; `ta`/`tb` their tensors).
pub(crate) fn result_type(a: &Value, ta: &Tensor, b: &Value, tb: &Tensor) -> DType {
    let (da, db) = (own_dtype(a, ta), own_dtype(b, tb));
    let (sa, sb) = (scalar_of(a, ta), scalar_of(b, tb));
    match (sa, sb) {
        // Value-based: a scalar of no higher kind than the array takes its smallest dtype.
        (Some(s), None) if kind(da) <= kind(db) => promote_scalar(db, &s),
        (None, Some(s)) if kind(db) <= kind(da) => promote_scalar(da, &s),
        _ => promote_types(da, db),
    }
}

fn promote_scalar(array: DType, s: &Scalar) -> DType {
    let min = if s.small_unsigned && !array.is_unsigned() && array.is_int() {
        signed_of_size(s.min.size_bytes())
    } else {
        s.min
    };
    promote_types(array, min)
}

/// The float dtype numpy's float ufuncs (`np.exp`, `np.sqrt`, `/`) compute an integer or
/// bool array in: the smallest that holds its values.
pub(crate) fn float_of(d: DType) -> DType {
    match d {
        DType::Bool => DType::F16,
        d if d.is_int() => float_for_int(d.size_bytes()),
        d => d,
    }
}

pub(crate) mod tests {
    //! Expected values are numpy 1.26's `np.promote_types` and `np.result_type`.
    use super::*;

    fn promote_table() {
        use DType::*;
        let cases = [
            (I8, I16, I16),
            (U8, I8, I16),
            (U16, I16, I32),
            (U32, I32, I64),
            (U64, I64, F64),
            (U8, I16, I16),
            (I8, F16, F16),
            (I16, F16, F32),
            (I32, F32, F64),
            (U8, F32, F32),
            (F16, F32, F32),
            (Bool, I8, I8),
            (U8, U32, U32),
        ];
        for (a, b, want) in cases {
            assert_eq!(promote_types(a, b), want, "{:?} {:?}", a, b);
            assert_eq!(promote_types(b, a), want, "{:?} {:?}", b, a);
        }
    }

    fn value_based() {
        let arr = |d: DType| Tensor::zeros(d, &[2]);
        let nd = |t: &Tensor| Value::Tensor(t.clone());
        let i8a = arr(DType::I8);
        let s = Tensor::scalar(0i64);
        assert_eq!(
            result_type(&nd(&i8a), &i8a, &Value::Int(100), &s),
            DType::I8
        );
        assert_eq!(
            result_type(&nd(&i8a), &i8a, &Value::Int(200), &s),
            DType::I16
        );
        let u8a = arr(DType::U8);
        assert_eq!(
            result_type(&nd(&u8a), &u8a, &Value::Int(-1), &s),
            DType::I16
        );
        assert_eq!(
            result_type(&nd(&u8a), &u8a, &Value::Int(300), &s),
            DType::U16
        );
        assert_eq!(
            result_type(&nd(&i8a), &i8a, &Value::Float(1.5), &s),
            DType::F64
        );
        let f32a = arr(DType::F32);
        assert_eq!(
            result_type(&nd(&f32a), &f32a, &Value::Float(2.0), &s),
            DType::F32
        );
    }

    unit_cases!(promote_table, value_based);
}
