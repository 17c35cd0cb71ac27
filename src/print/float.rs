//! Decimal digits of floats the way numpy's Dragon4 produces them: the shortest digits that
//! round-trip (per dtype), cut to a precision with correct rounding, then laid out in
//! positional or scientific form with numpy's trim and padding modes.

/// A float type that numpy formats: f32 digits are the shortest that round-trip an f32.
pub trait FloatFmt: Copy + PartialOrd {
    /// `|x|`'s shortest round-trip digits in Rust's `{:e}` form (`1.5e-3`).
    fn shortest_sci(self) -> String;
    fn is_finite_(self) -> bool;
    fn is_nan_(self) -> bool;
    fn is_sign_negative_(self) -> bool;
    fn abs_(self) -> Self;
    fn to_f64_(self) -> f64;
    fn is_zero_(self) -> bool;
}

macro_rules! float_fmt {
    ($t:ty) => {
        impl FloatFmt for $t {
            fn shortest_sci(self) -> String {
                // Rust's shortest digits break an exact tie between two candidates upward;
                // Python and numpy take the correctly rounded one (ties to even), which
                // round-trips whenever a tie does.
                let a = self.abs();
                let s = format!("{:e}", a);
                let n = s
                    .split('e')
                    .next()
                    .unwrap_or("")
                    .bytes()
                    .filter(u8::is_ascii_digit)
                    .count();
                let t = format!("{:.*e}", n.saturating_sub(1), a);
                if t != s && t.parse::<$t>() == Ok(a) {
                    t
                } else {
                    s
                }
            }
            fn is_finite_(self) -> bool {
                self.is_finite()
            }
            fn is_nan_(self) -> bool {
                self.is_nan()
            }
            fn is_sign_negative_(self) -> bool {
                self.is_sign_negative()
            }
            fn abs_(self) -> Self {
                self.abs()
            }
            fn to_f64_(self) -> f64 {
                self as f64
            }
            fn is_zero_(self) -> bool {
                self == 0.0
            }
        }
    };
}
float_fmt!(f32);
float_fmt!(f64);

/// The 16-bit floats: the shortest digits that read back as the same 16-bit value, as
/// numpy's Dragon4 prints float16 (`0.1`, not float32's `0.099975586`).
macro_rules! half_fmt {
    ($t:ty) => {
        impl FloatFmt for $t {
            fn shortest_sci(self) -> String {
                let v = self.to_f64().abs();
                for p in 0..17 {
                    let s = format!("{:.*e}", p, v);
                    if s.parse::<f64>().map(<$t>::from_f64) == Ok(<$t>::from_f64(v)) {
                        return s;
                    }
                }
                format!("{:e}", v)
            }
            fn is_finite_(self) -> bool {
                self.is_finite()
            }
            fn is_nan_(self) -> bool {
                self.is_nan()
            }
            fn is_sign_negative_(self) -> bool {
                self.is_sign_negative()
            }
            fn abs_(self) -> Self {
                <$t>::from_bits(self.to_bits() & 0x7fff)
            }
            fn to_f64_(self) -> f64 {
                self.to_f64()
            }
            fn is_zero_(self) -> bool {
                self.to_f32() == 0.0
            }
        }
    };
}
half_fmt!(half::f16);
half_fmt!(half::bf16);

/// Digits `d1 d2 ... dn` and exponent `e` with |x| = d1.d2...dn × 10^e.
#[derive(Debug, Clone, PartialEq)]
pub struct Digits {
    pub digits: Vec<u8>,
    pub exp: i32,
}

fn parse_sci(s: &str) -> Digits {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    let digits: Vec<u8> = mant
        .bytes()
        .filter(|b| b.is_ascii_digit())
        .map(|b| b - b'0')
        .collect();
    Digits {
        digits,
        exp: exp.parse().unwrap_or(0),
    }
}

/// The shortest round-trip digits of |x|.
pub fn shortest<T: FloatFmt>(x: T) -> Digits {
    let mut d = parse_sci(&x.shortest_sci());
    while d.digits.len() > 1 && d.digits.last() == Some(&0) {
        d.digits.pop();
    }
    d
}

/// |x| correctly rounded to `n` significant digits (n >= 1).
fn rounded_sig<T: FloatFmt>(x: T, n: usize) -> Digits {
    parse_sci(&format!("{:.*e}", n.saturating_sub(1), x.abs_().to_f64_()))
}

/// Shortest digits, limited to `precision` digits after the decimal point (positional).
pub fn positional_digits<T: FloatFmt>(x: T, precision: Option<usize>) -> Digits {
    let d = shortest(x);
    let Some(p) = precision else { return d };
    // With a precision (array printing), numpy's Dragon4 prints every digit of the
    // integer part exactly: `array([99999992.], dtype=float32)` where the scalar's shortest
    // digits are `99999990.0`.
    if d.exp + 1 > d.digits.len() as i32 {
        return parse_fixed(&format!("{:.0}", x.abs_().to_f64_()));
    }
    let frac_len = d.digits.len() as i32 - 1 - d.exp;
    if frac_len <= p as i32 {
        return d;
    }
    // Round the exact value at 10^-p.
    parse_fixed(&format!("{:.*}", p, x.abs_().to_f64_()))
}

/// Digits of a fixed-notation string such as `0.00012300` or `12.5`.
fn parse_fixed(s: &str) -> Digits {
    let (int_part, frac) = s.split_once('.').unwrap_or((s, ""));
    let all: Vec<u8> = int_part
        .bytes()
        .chain(frac.bytes())
        .map(|b| b - b'0')
        .collect();
    let Some(first) = all.iter().position(|&d| d != 0) else {
        return Digits {
            digits: vec![0],
            exp: 0,
        };
    };
    let mut digits = all[first..].to_vec();
    while digits.len() > 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    Digits {
        digits,
        exp: int_part.len() as i32 - 1 - first as i32,
    }
}

/// Shortest digits, limited to `precision` digits after the point in scientific form.
pub fn scientific_digits<T: FloatFmt>(x: T, precision: Option<usize>) -> Digits {
    let d = shortest(x);
    match precision {
        Some(p) if d.digits.len() > p + 1 => {
            let mut r = rounded_sig(x, p + 1);
            while r.digits.len() > 1 && r.digits.last() == Some(&0) {
                r.digits.pop();
            }
            r
        }
        _ => d,
    }
}

/// How trailing zeros and the point are trimmed (numpy's `trim` argument).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trim {
    /// 'k': keep (pad to min_digits).
    Keep,
    /// '.': trim zeros, keep the point: `1.`
    Point,
    /// '0': trim zeros but leave one: `1.0`
    LeaveOneZero,
    /// '-': trim zeros and the point: `1`
    Both,
}

/// `digits(x)`, or a lone zero digit for a zero `x` (either sign).
fn digits_or_zero<T: FloatFmt>(x: T, digits: impl FnOnce(T) -> Digits) -> Digits {
    if x.is_zero_() {
        Digits {
            digits: vec![0],
            exp: 0,
        }
    } else {
        digits(x)
    }
}

/// Positional layout: sign, integer digits, point, fraction.
pub fn fmt_positional<T: FloatFmt>(
    x: T,
    precision: Option<usize>,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    pad_right: usize,
) -> String {
    fmt_positional_signed(x, precision, min_digits, trim, pad_left, pad_right, false)
}

/// The sign of a formatted float: `-` for negatives, `+` for the rest when `plus`.
fn sign_str<T: FloatFmt>(x: T, plus: bool) -> &'static str {
    if x.is_sign_negative_() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    }
}

/// [`fmt_positional`] with numpy's `sign=True` (a `+` before non-negative values) when
/// `plus`.
pub fn fmt_positional_signed<T: FloatFmt>(
    x: T,
    precision: Option<usize>,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    pad_right: usize,
    plus: bool,
) -> String {
    let mut d = digits_or_zero(x, |x| positional_digits(x, precision));
    if !x.is_zero_() && ((d.digits.len() as i32 - 1 - d.exp).max(0) as usize) < min_digits {
        d = parse_fixed(&format!("{:.*}", min_digits, x.abs_().to_f64_()));
    }
    let (int_part, mut frac) = split_positional(&d);
    while frac.len() < min_digits {
        frac.push('0');
    }
    let int_str = format!("{}{}", sign_str(x, plus), int_part);
    let frac_str = match (frac.is_empty(), trim) {
        (true, Trim::Both) => String::new(),
        (true, Trim::LeaveOneZero) => ".0".to_string(),
        _ => format!(".{}", frac),
    };
    let mut out = String::new();
    for _ in int_str.len()..pad_left {
        out.push(' ');
    }
    out.push_str(&int_str);
    out.push_str(&frac_str);
    let frac_chars = frac_str.len().saturating_sub(1);
    for _ in frac_chars..pad_right {
        out.push(' ');
    }
    out
}

fn split_positional(d: &Digits) -> (String, String) {
    let digits: String = d.digits.iter().map(|&x| (b'0' + x) as char).collect();
    if d.digits == [0] {
        return ("0".into(), String::new());
    }
    if d.exp >= 0 {
        let int_len = d.exp as usize + 1;
        if digits.len() <= int_len {
            let mut int_part = digits.clone();
            for _ in digits.len()..int_len {
                int_part.push('0');
            }
            (int_part, String::new())
        } else {
            (digits[..int_len].to_string(), digits[int_len..].to_string())
        }
    } else {
        let zeros = (-d.exp - 1) as usize;
        ("0".into(), format!("{}{}", "0".repeat(zeros), digits))
    }
}

/// Scientific layout: `d.ddd e±XX`.
pub fn fmt_scientific<T: FloatFmt>(
    x: T,
    precision: Option<usize>,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    exp_digits: usize,
) -> String {
    fmt_scientific_signed(x, precision, min_digits, trim, pad_left, exp_digits, false)
}

/// [`fmt_scientific`] with a `+` before non-negative values when `plus`.
pub fn fmt_scientific_signed<T: FloatFmt>(
    x: T,
    precision: Option<usize>,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    exp_digits: usize,
    plus: bool,
) -> String {
    let mut d = digits_or_zero(x, |x| scientific_digits(x, precision));
    if !x.is_zero_() && d.digits.len() - 1 < min_digits {
        // Digits past the shortest repr come from the exact binary value (numpy's Dragon4
        // with min_digits), not zeros.
        d = parse_sci(&format!("{:.*e}", min_digits, x.abs_().to_f64_()));
    }
    let mut frac: String = d.digits[1..].iter().map(|&x| (b'0' + x) as char).collect();
    while frac.len() < min_digits {
        frac.push('0');
    }
    let int_str = format!("{}{}", sign_str(x, plus), d.digits[0]);
    let frac_str = match (frac.is_empty(), trim) {
        (true, Trim::Both) => String::new(),
        (true, Trim::LeaveOneZero) => ".0".to_string(),
        _ => format!(".{}", frac),
    };
    let exp_abs = d.exp.unsigned_abs().to_string();
    let exp_str = format!(
        "e{}{}{}",
        if d.exp < 0 { '-' } else { '+' },
        "0".repeat(exp_digits.saturating_sub(exp_abs.len())),
        exp_abs
    );
    let mut out = String::new();
    for _ in int_str.len()..pad_left {
        out.push(' ');
    }
    out.push_str(&int_str);
    out.push_str(&frac_str);
    out.push_str(&exp_str);
    out
}

/// repr() of a numpy float scalar (numpy 1.26): positional for 1e-4 <= |x| < 1e16 or 0,
/// scientific otherwise; shortest digits.
pub fn scalar_repr<T: FloatFmt>(x: T) -> String {
    if x.is_nan_() {
        return "nan".into();
    }
    if !x.is_finite_() {
        return if x.is_sign_negative_() {
            "-inf".into()
        } else {
            "inf".into()
        };
    }
    let a = x.abs_().to_f64_();
    if a == 0.0 || (1e-4..1e16).contains(&a) {
        fmt_positional(x, None, 0, Trim::LeaveOneZero, 0, 0)
    } else {
        fmt_scientific(x, None, 0, Trim::Both, 0, 2)
    }
}

pub(crate) mod tests {
    //! Every expected string is what CPython 3.11 (`repr`) and numpy 1.26
    //! (`repr(np.float64(x))`, `repr(np.float32(x))`, `np.format_float_positional`,
    //! `np.format_float_scientific`, `repr(np.array(..))`) print for the same input.

    use super::*;

    fn python_and_numpy_float64_repr() {
        // repr(x) and repr(np.float64(x)) agree on all of these.
        let cases: &[(f64, &str)] = &[
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-05, "1e-05"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (2.5, "2.5"),
            (1.0000000000000002, "1.0000000000000002"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (9.9999e-05, "9.9999e-05"),
            (9999999999999998.0, "9999999999999998.0"),
            (1.5e-07, "1.5e-07"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (0.1 + 0.2, "0.30000000000000004"),
            (100.0, "100.0"),
            (1e15, "1000000000000000.0"),
            (12345.678, "12345.678"),
            (1e100, "1e+100"),
            (9.5367431640625e-07, "9.5367431640625e-07"),
            (1.0 / 3.0, "0.3333333333333333"),
        ];
        for &(x, want) in cases {
            assert_eq!(scalar_repr(x), want, "repr({:e})", x);
        }
    }

    fn numpy_float32_repr() {
        // repr(np.float32(x)): shortest digits that round-trip an f32; the scientific
        // switch compares the f32 value itself (np.float32(0.0001) is just below 1e-4).
        let cases: &[(f32, &str)] = &[
            (0.1, "0.1"),
            (1.0 / 3.0, "0.33333334"),
            (16777217.0, "16777216.0"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (f32::MAX, "3.4028235e+38"),
            (2.5, "2.5"),
            (0.0001, "1e-04"),
            (1e-45, "1e-45"),
            (-0.0, "-0.0"),
            (100.0, "100.0"),
            (1234567.9, "1234567.9"),
        ];
        for &(x, want) in cases {
            assert_eq!(scalar_repr(x), want, "repr(np.float32({:e}))", x);
        }
    }

    fn digits() {
        // repr(np.float32(0.1)) == '0.1'; repr(np.float32(1/3)) == '0.33333334'
        let d = |digits: &[u8], exp| Digits {
            digits: digits.to_vec(),
            exp,
        };
        assert_eq!(shortest(0.1f32), d(&[1], -1));
        assert_eq!(shortest(1.0f32 / 3.0), d(&[3, 3, 3, 3, 3, 3, 3, 4], -1));
        // repr(123456789012345678.0) == '1.2345678901234568e+17'
        assert_eq!(
            shortest(123456789012345678.0f64),
            d(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 8], 17)
        );
        // format_float_positional(2/3, precision=3) == '0.667'
        assert_eq!(positional_digits(2.0f64 / 3.0, Some(3)), d(&[6, 6, 7], -1));
        // format_float_scientific(123456.789, precision=3) == '1.235e+05'
        assert_eq!(
            scientific_digits(123456.789f64, Some(3)),
            d(&[1, 2, 3, 5], 5)
        );
    }

    /// np.format_float_positional(x, precision, unique=True, fractional=True, trim,
    /// sign=False, pad_left, pad_right, min_digits)
    fn fp<T: FloatFmt>(
        x: T,
        precision: Option<usize>,
        trim: Trim,
        min_digits: usize,
        pad_left: usize,
        pad_right: usize,
    ) -> String {
        fmt_positional(x, precision, min_digits, trim, pad_left, pad_right)
    }

    fn numpy_format_float_positional() {
        use Trim::*;
        assert_eq!(fp(0.1, None, LeaveOneZero, 0, 0, 0), "0.1");
        assert_eq!(fp(1.0, Some(8), Point, 0, 0, 0), "1.");
        assert_eq!(fp(1.0, Some(8), Both, 0, 0, 0), "1");
        assert_eq!(fp(1.0, Some(8), LeaveOneZero, 0, 0, 0), "1.0");
        assert_eq!(fp(1.0, Some(8), Keep, 3, 0, 0), "1.000");
        assert_eq!(fp(0.123456789, Some(8), Point, 0, 0, 0), "0.12345679");
        assert_eq!(fp(2.0 / 3.0, Some(3), Point, 0, 0, 0), "0.667");
        // Exact ties round half to even.
        assert_eq!(fp(0.125, Some(2), Point, 0, 0, 0), "0.12");
        assert_eq!(fp(0.375, Some(2), Point, 0, 0, 0), "0.38");
        assert_eq!(fp(2.5, Some(0), Point, 0, 0, 0), "2.");
        assert_eq!(fp(0.99999999999, Some(8), Point, 0, 0, 0), "1.");
        assert_eq!(fp(1e-5, Some(8), Point, 0, 0, 0), "0.00001");
        assert_eq!(fp(1e-9, Some(8), Point, 0, 0, 0), "0.");
        assert_eq!(fp(123456789.0, Some(8), Point, 0, 0, 0), "123456789.");
        assert_eq!(fp(1e20, Some(8), Point, 0, 0, 0), "100000000000000000000.");
        assert_eq!(fp(0.0, Some(8), Point, 0, 0, 0), "0.");
        assert_eq!(fp(0.0, Some(8), LeaveOneZero, 0, 0, 0), "0.0");
        assert_eq!(fp(0.0, Some(8), Both, 0, 0, 0), "0");
        assert_eq!(fp(-0.0, Some(8), Point, 0, 0, 0), "-0.");
        // min_digits past the shortest repr shows the exact binary value's digits.
        assert_eq!(fp(0.1, None, Keep, 20, 0, 0), "0.10000000000000000555");
        assert_eq!(fp(0.1f32, None, Keep, 10, 0, 0), "0.1000000015");
        assert_eq!(fp(0.0, Some(8), Keep, 2, 2, 3), " 0.00 ");
        assert_eq!(fp(0.5, Some(8), Keep, 3, 2, 0), " 0.500");
        assert_eq!(fp(9.999999999, Some(8), Point, 0, 3, 8), " 10.        ");
        // float32 digits
        assert_eq!(fp(0.1f32, Some(8), Point, 0, 0, 0), "0.1");
        assert_eq!(fp(1.0f32 / 3.0, Some(8), Point, 0, 0, 0), "0.33333334");
        assert_eq!(fp(1.0f32 / 3.0, Some(4), Point, 0, 0, 0), "0.3333");
        assert_eq!(fp(16777217.0f32, Some(8), Point, 0, 0, 0), "16777216.");
    }

    /// np.format_float_scientific(x, precision, unique=True, trim, sign=False, pad_left,
    /// exp_digits, min_digits)
    fn fs<T: FloatFmt>(
        x: T,
        precision: Option<usize>,
        trim: Trim,
        min_digits: usize,
        pad_left: usize,
        exp_digits: usize,
    ) -> String {
        fmt_scientific(x, precision, min_digits, trim, pad_left, exp_digits)
    }

    fn numpy_format_float_scientific() {
        use Trim::*;
        assert_eq!(fs(1e-5, None, Both, 0, 0, 2), "1e-05");
        assert_eq!(fs(1e5, Some(8), Point, 0, 0, 2), "1.e+05");
        assert_eq!(fs(1.5e-7, Some(8), Keep, 3, 0, 2), "1.500e-07");
        assert_eq!(fs(123456.789, Some(3), Point, 0, 0, 2), "1.235e+05");
        assert_eq!(fs(1e100, Some(8), Point, 0, 0, 2), "1.e+100");
        assert_eq!(fs(1e5, Some(8), Point, 0, 0, 3), "1.e+005");
        assert_eq!(fs(1e5, Some(8), Point, 0, 0, 1), "1.e+5");
        assert_eq!(fs(-1.5e-7, Some(8), Point, 0, 3, 2), " -1.5e-07");
        assert_eq!(fs(0.0, Some(8), Point, 0, 0, 2), "0.e+00");
        assert_eq!(fs(0.0, Some(8), Both, 0, 0, 2), "0e+00");
        assert_eq!(fs(0.1, None, Keep, 20, 0, 2), "1.00000000000000005551e-01");
        // An exact tie rounds half to even; a carry moves into the exponent.
        assert_eq!(fs(1.25e10, Some(1), Point, 0, 0, 2), "1.2e+10");
        assert_eq!(fs(999990.0, Some(2), Point, 0, 0, 2), "1.e+06");
        assert_eq!(fs(1e-5, Some(5), Keep, 5, 1, 2), "1.00000e-05");
        assert_eq!(fs(1000.5, Some(5), Keep, 5, 1, 2), "1.00050e+03");
        assert_eq!(fs(f32::MAX, Some(8), Point, 0, 0, 2), "3.4028235e+38");
        assert_eq!(fs(1e-45f32, None, Both, 0, 0, 2), "1e-45");
        assert_eq!(fs(5e-324, None, Both, 0, 0, 2), "5e-324");
        assert_eq!(fs(f64::MAX, None, Both, 0, 0, 2), "1.7976931348623157e+308");
    }

    fn array_columns() {
        // Each word of an array's repr is one element laid out with the column's common
        // precision and padding.
        use Trim::*;
        let col = |xs: &[f64], f: &dyn Fn(f64) -> String| -> String {
            xs.iter().map(|&x| f(x)).collect::<Vec<_>>().join(", ")
        };
        // repr(np.array([1.5, -10.25, 100.0])) == 'array([  1.5 , -10.25, 100.  ])'
        assert_eq!(
            col(&[1.5, -10.25, 100.0], &|x| fp(x, Some(8), Point, 0, 3, 2)),
            "  1.5 , -10.25, 100.  "
        );
        // repr(np.array([0.1, 0.25, 1/3])) == 'array([0.1       , 0.25      , 0.33333333])'
        assert_eq!(
            col(&[0.1, 0.25, 1.0 / 3.0], &|x| fp(x, Some(8), Point, 0, 1, 8)),
            "0.1       , 0.25      , 0.33333333"
        );
        // repr(np.array([0.0, 0.5])) == 'array([0. , 0.5])'
        assert_eq!(
            col(&[0.0, 0.5], &|x| fp(x, Some(8), Point, 0, 1, 1)),
            "0. , 0.5"
        );
        // repr(np.array([1.0, 2.0])) == 'array([1., 2.])'
        assert_eq!(
            col(&[1.0, 2.0], &|x| fp(x, Some(8), Point, 0, 1, 0)),
            "1., 2."
        );
        // repr(np.array([1e-5, 1.0, 1000.5])) == 'array([1.0000e-05, 1.0000e+00, 1.0005e+03])'
        assert_eq!(
            col(&[1e-5, 1.0, 1000.5], &|x| fs(x, Some(4), Keep, 4, 1, 2)),
            "1.0000e-05, 1.0000e+00, 1.0005e+03"
        );
        // repr(np.array([-1.5e-7, 2.0, 300.0])) == 'array([-1.5e-07,  2.0e+00,  3.0e+02])'
        assert_eq!(
            col(&[-1.5e-7, 2.0, 300.0], &|x| fs(x, Some(1), Keep, 1, 2, 2)),
            "-1.5e-07,  2.0e+00,  3.0e+02"
        );
        // float32: repr(np.array([0.1, 0.25, 1/3], dtype=np.float32))
        // == 'array([0.1       , 0.25      , 0.33333334], dtype=float32)'
        let words: Vec<String> = [0.1f32, 0.25, 1.0 / 3.0]
            .iter()
            .map(|&x| fp(x, Some(8), Point, 0, 1, 8))
            .collect();
        assert_eq!(words.join(", "), "0.1       , 0.25      , 0.33333334");
    }

    unit_cases!(
        python_and_numpy_float64_repr,
        numpy_float32_repr,
        digits,
        numpy_format_float_positional,
        numpy_format_float_scientific,
        array_columns,
    );
}
