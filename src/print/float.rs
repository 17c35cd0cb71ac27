//! Decimal digits of floats the way numpy's Dragon4 produces them: the shortest digits that
//! round-trip (per dtype), cut to a precision with correct rounding, then laid out in
//! positional or scientific form with numpy's trim and padding modes.

/// A float type that numpy formats: f32 digits are the shortest that round-trip an f32.
pub trait FloatFmt: Copy + std::fmt::LowerExp + std::fmt::Display + PartialOrd {
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
    let mut d = parse_sci(&format!("{:e}", x.abs_()));
    while d.digits.len() > 1 && d.digits.last() == Some(&0) {
        d.digits.pop();
    }
    d
}

/// |x| correctly rounded to `n` significant digits (n >= 1).
fn rounded_sig<T: FloatFmt>(x: T, n: usize) -> Digits {
    parse_sci(&format!("{:.*e}", n.saturating_sub(1), x.abs_()))
}

/// Shortest digits, limited to `precision` digits after the decimal point (positional).
pub fn positional_digits<T: FloatFmt>(x: T, precision: Option<usize>) -> Digits {
    let d = shortest(x);
    let Some(p) = precision else { return d };
    let frac_len = d.digits.len() as i32 - 1 - d.exp;
    if frac_len <= p as i32 {
        return d;
    }
    // Round the exact value at 10^-p.
    parse_fixed(&format!("{:.*}", p, x.abs_()))
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

/// Positional layout: sign, integer digits, point, fraction.
pub fn fmt_positional<T: FloatFmt>(
    x: T,
    precision: Option<usize>,
    min_digits: usize,
    trim: Trim,
    pad_left: usize,
    pad_right: usize,
) -> String {
    let mut d = if x.is_zero_() {
        Digits {
            digits: vec![0],
            exp: 0,
        }
    } else {
        positional_digits(x, precision)
    };
    if !x.is_zero_() && ((d.digits.len() as i32 - 1 - d.exp).max(0) as usize) < min_digits {
        d = parse_fixed(&format!("{:.*}", min_digits, x.abs_()));
    }
    let (int_part, mut frac) = split_positional(&d);
    while frac.len() < min_digits {
        frac.push('0');
    }
    let int_str = format!(
        "{}{}",
        if x.is_sign_negative_() { "-" } else { "" },
        int_part
    );
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
    let mut d = if x.is_zero_() {
        Digits {
            digits: vec![0],
            exp: 0,
        }
    } else {
        scientific_digits(x, precision)
    };
    if !x.is_zero_() && d.digits.len() - 1 < min_digits {
        // Digits past the shortest repr come from the exact binary value (numpy's Dragon4
        // with min_digits), not zeros.
        d = parse_sci(&format!("{:.*e}", min_digits, x.abs_()));
    }
    let mut frac: String = d.digits[1..].iter().map(|&x| (b'0' + x) as char).collect();
    while frac.len() < min_digits {
        frac.push('0');
    }
    let int_str = format!(
        "{}{}",
        if x.is_sign_negative_() { "-" } else { "" },
        d.digits[0]
    );
    let frac_str = match (frac.is_empty(), trim) {
        (true, Trim::Both) => String::new(),
        (true, Trim::LeaveOneZero) => ".0".to_string(),
        _ => format!(".{}", frac),
    };
    let exp_abs = d.exp.unsigned_abs().to_string();
    let exp_str = format!(
        "e{}{}{}",
        if d.exp < 0 { '-' } else { '+' },
        "0".repeat(exp_digits.max(2).saturating_sub(exp_abs.len())),
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
