//! C's `printf` float conversions as Python and TensorFlow spell them: `%g` (significant
//! digits, trailing zeros trimmed) and the two-digit exponent `e+05`.

/// Python's exponent spelling: `e+05`, `e-07`.
pub fn fix_exp(s: &str) -> String {
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = match e.strip_prefix('-') {
                Some(d) => ('-', d),
                None => ('+', e.trim_start_matches('+')),
            };
            format!("{}e{}{:0>2}", m, sign, digits)
        }
        None => s.to_string(),
    }
}

/// `%g`-style: precision significant digits, fixed or scientific, zeros trimmed.
pub fn general(x: f64, p: usize, alt: bool, upper: bool) -> String {
    let p = p.max(1);
    if x == 0.0 {
        return if alt {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".into()
        };
    }
    let sci = format!("{:.*e}", p - 1, x);
    let exp: i32 = sci
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if exp >= -4 && exp < p as i32 {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x)
    } else {
        fix_exp(&sci)
    };
    if !alt {
        let (mant, exp_part) = match s.find('e') {
            Some(i) => (s[..i].to_string(), s[i..].to_string()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            mant
        };
        s = format!("{}{}", mant, exp_part);
    }
    if upper {
        s = s.to_uppercase();
    }
    s
}

/// `{:,}`: 235146 -> 235,146.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
