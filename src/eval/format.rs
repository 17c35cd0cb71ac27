//! Python's string formatting: the format-spec mini-language (f-strings, `format()`,
//! `str.format`) and printf-style `%` formatting.

use super::error::{key_str_err, raise, type_err, R};
use super::repr::float_repr;
use super::value::{Args, Value};
use super::Interp;
use crate::errors::ExcKind;

/// A parsed format spec: `[[fill]align][sign][#][0][width][,_][.precision][type]`.
#[derive(Default, Debug)]
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alt: bool,
    zero: bool,
    width: usize,
    grouping: Option<char>,
    precision: Option<usize>,
    kind: Option<char>,
}

fn parse_spec(s: &str) -> R<Spec> {
    let mut spec = Spec {
        fill: ' ',
        sign: '-',
        ..Default::default()
    };
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    if chars.len() >= 2 && "<>=^".contains(chars[1]) {
        spec.fill = chars[0];
        spec.align = Some(chars[1]);
        i = 2;
    } else if !chars.is_empty() && "<>=^".contains(chars[0]) {
        spec.align = Some(chars[0]);
        i = 1;
    }
    if i < chars.len() && "+- ".contains(chars[i]) {
        spec.sign = chars[i];
        i += 1;
    }
    if i < chars.len() && chars[i] == '#' {
        spec.alt = true;
        i += 1;
    }
    if i < chars.len() && chars[i] == '0' {
        spec.zero = true;
        i += 1;
    }
    let start = i;
    while i < chars.len() && chars[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        spec.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        super::budget::bytes(spec.width)?;
    }
    if i < chars.len() && (chars[i] == ',' || chars[i] == '_') {
        spec.grouping = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() && chars[i] == '.' {
        i += 1;
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return raise(ExcKind::ValueError, "Format specifier missing precision");
        }
        spec.precision = chars[start..i].iter().collect::<String>().parse().ok();
    }
    if i < chars.len() {
        spec.kind = Some(chars[i]);
        i += 1;
    }
    if i < chars.len() {
        return raise(ExcKind::ValueError, "Invalid format specifier");
    }
    Ok(spec)
}

fn group(int_digits: &str, sep: char) -> String {
    group_by(int_digits, sep, 3)
}

/// Digits with `sep` between groups of `k` from the right.
fn group_by(int_digits: &str, sep: char, k: usize) -> String {
    let mut out = String::new();
    let n = int_digits.len();
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(k) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

use crate::print::cfmt::{fix_exp, general};

fn format_float(x: f64, spec: &Spec) -> R<String> {
    let kind = spec.kind;
    if x.is_nan() || x.is_infinite() {
        let s = if x.is_nan() { "nan" } else { "inf" };
        return Ok(if matches!(kind, Some('F' | 'E' | 'G')) {
            s.to_uppercase()
        } else {
            s.into()
        });
    }
    let a = x.abs();
    let body = match kind {
        Some('f') | Some('F') => format!("{:.*}", spec.precision.unwrap_or(6), a),
        Some('e') | Some('E') => {
            let s = fix_exp(&format!("{:.*e}", spec.precision.unwrap_or(6), a));
            if kind == Some('E') {
                s.to_uppercase()
            } else {
                s
            }
        }
        Some('g') | Some('G') => {
            general(a, spec.precision.unwrap_or(6), spec.alt, kind == Some('G'))
        }
        Some('%') => format!("{:.*}%", spec.precision.unwrap_or(6), a * 100.0),
        None => match spec.precision {
            Some(p) => {
                let s = general(a, p, spec.alt, false);
                if s.contains(['.', 'e', 'n', 'i']) {
                    s
                } else {
                    format!("{}.0", s)
                }
            }
            None => float_repr(a),
        },
        Some(c) => {
            return raise(
                ExcKind::ValueError,
                format!("Unknown format code '{}' for object of type 'float'", c),
            )
        }
    };
    Ok(body)
}

fn apply_grouping(body: &str, spec: &Spec) -> String {
    let Some(sep) = spec.grouping else {
        return body.to_string();
    };
    let end = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    format!("{}{}", group(&body[..end], sep), &body[end..])
}

/// Pads `body` (digits without sign) with `sign` to the spec's width.
fn pad(sign: &str, body: &str, spec: &Spec, numeric: bool) -> String {
    let len = sign.chars().count() + body.chars().count();
    if spec.width <= len {
        return format!("{}{}", sign, body);
    }
    let n = spec.width - len;
    let (fill, align) = if spec.zero && spec.align.is_none() && numeric {
        ('0', '=')
    } else {
        (
            spec.fill,
            spec.align.unwrap_or(if numeric { '>' } else { '<' }),
        )
    };
    let f = |k: usize| fill.to_string().repeat(k);
    match align {
        '<' => format!("{}{}{}", sign, body, f(n)),
        '^' => format!("{}{}{}{}", f(n / 2), sign, body, f(n - n / 2)),
        '=' => format!("{}{}{}", sign, f(n), body),
        _ => format!("{}{}{}", f(n), sign, body),
    }
}

fn sign_str(negative: bool, spec: &Spec) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    }
}

impl Interp {
    /// `format(v, spec)`.
    pub(crate) fn format_value(&mut self, v: &Value, spec_text: &str) -> R<String> {
        if let Value::Instance(_) = v {
            if let Some(r) = self.call_special(v, "__format__", vec![Value::str(spec_text)])? {
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => Err(type_err(format!(
                        "__format__ must return a str, not {}",
                        other.type_name()
                    ))),
                };
            }
            if !spec_text.is_empty() {
                return Err(type_err(format!(
                    "unsupported format string passed to {}.__format__",
                    v.type_name()
                )));
            }
        }
        if spec_text.is_empty() {
            // A tensor formats as its numpy value does (TensorFlow's `__format__`).
            if let Value::Tensor(t) = v {
                return self.str_of(&Value::ndarray(t.clone()));
            }
            return self.str_of(v);
        }
        let spec = parse_spec(spec_text)?;
        let v = match &v.arrays_as_tensors() {
            Value::Tensor(t) if t.size() == 1 && t.ndim() == 0 => super::value::scalar_value(t),
            Value::Variable(var) if var.value.borrow().ndim() == 0 => {
                super::value::scalar_value(&var.value.borrow())
            }
            Value::Tensor(_) | Value::Variable(_) => {
                return Err(type_err(
                    "unsupported format string passed to numpy.ndarray.__format__",
                ))
            }
            other => other.clone(),
        };
        match &v {
            Value::Int(_) | Value::BigInt(_)
                if !matches!(spec.kind, Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) =>
            {
                let n = super::bigint::big_of(&v).unwrap_or_default();
                let neg = n.sign() == num_bigint::Sign::Minus;
                let a = n.magnitude();
                let radix = |r: u32, prefix: &str, upper: bool| {
                    let digits = a.to_str_radix(r);
                    let digits = match spec.grouping {
                        Some('_') => group_by(&digits, '_', 4),
                        _ => digits,
                    };
                    let digits = if upper { digits.to_uppercase() } else { digits };
                    format!("{}{}", if spec.alt { prefix } else { "" }, digits)
                };
                let body = match spec.kind {
                    None | Some('d') | Some('n') => {
                        let digits = match &v {
                            Value::Int(i) => i.unsigned_abs().to_string(),
                            _ => super::bigint::to_decimal(&num_bigint::BigInt::from(a.clone()))?,
                        };
                        apply_grouping(&digits, &spec)
                    }
                    Some('x') => radix(16, "0x", false),
                    Some('X') => radix(16, "0X", true),
                    Some('o') => radix(8, "0o", false),
                    Some('b') => radix(2, "0b", false),
                    Some('c') => match v {
                        Value::Int(i) if (0..0x110000).contains(&i) => char::from_u32(i as u32)
                            .map(|c| c.to_string())
                            .unwrap_or_default(),
                        Value::BigInt(_) => {
                            return raise(
                                ExcKind::OverflowError,
                                "Python int too large to convert to C long",
                            )
                        }
                        _ => return raise(ExcKind::OverflowError, "%c arg not in range(0x110000)"),
                    },
                    Some(c) => {
                        return raise(
                            ExcKind::ValueError,
                            format!("Unknown format code '{}' for object of type 'int'", c),
                        )
                    }
                };
                Ok(pad(sign_str(neg, &spec), &body, &spec, true))
            }
            Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_)
                if !matches!(spec.kind, Some('s')) =>
            {
                let x = match &v {
                    Value::Int(i) => *i as f64,
                    Value::BigInt(b) => super::bigint::to_f64(b)?,
                    Value::Bool(b) => *b as i64 as f64,
                    Value::Float(f) => *f,
                    _ => 0.0,
                };
                if let (Value::Bool(b), None) = (&v, spec.kind) {
                    return Ok(pad("", if *b { "True" } else { "False" }, &spec, false));
                }
                let body = apply_grouping(&format_float(x, &spec)?, &spec);
                Ok(pad(
                    sign_str(x.is_sign_negative() && !x.is_nan(), &spec),
                    &body,
                    &spec,
                    true,
                ))
            }
            _ => {
                if spec.kind.is_some_and(|k| k != 's') {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "Unknown format code '{}' for object of type '{}'",
                            spec.kind.unwrap_or('?'),
                            v.type_name()
                        ),
                    );
                }
                let mut s = self.str_of(&v)?;
                if let Some(p) = spec.precision {
                    s = s.chars().take(p).collect();
                }
                Ok(pad("", &s, &spec, false))
            }
        }
    }

    /// `'...'.format(*args, **kwargs)`.
    pub(crate) fn str_format(&mut self, fmt: &str, args: &Args) -> R<String> {
        self.str_format_numbered(fmt, args, &mut 0)
    }

    /// `str_format` with the next automatic field number: fields nested in a spec
    /// (`'{:>{}}'`) go on numbering after the field that holds them.
    fn str_format_numbered(&mut self, fmt: &str, args: &Args, auto: &mut usize) -> R<String> {
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            if c == '}' && chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            if c == '}' {
                return raise(
                    ExcKind::ValueError,
                    "Single '}' encountered in format string",
                );
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            // A field: find its end, allowing one level of nested braces in the spec.
            let mut depth = 1;
            let mut j = i + 1;
            while j < chars.len() && depth > 0 {
                match chars[j] {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth > 0 {
                return raise(ExcKind::ValueError, "expected '}' before end of string");
            }
            let field: String = chars[i + 1..j - 1].iter().collect();
            i = j;
            let (head, spec) = match field.find(':') {
                Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                None => (field.clone(), String::new()),
            };
            let (name, conv) = match head.find('!') {
                Some(p) => (head[..p].to_string(), head[p + 1..].chars().next()),
                None => (head.clone(), None),
            };
            let v = self.format_field(&name, args, auto)?;
            let spec = if spec.contains('{') {
                self.str_format_numbered(&spec, args, auto)?
            } else {
                spec
            };
            let v = match conv {
                Some('r') => Value::str(&self.repr(&v)?),
                Some('s') => Value::str(&self.str_of(&v)?),
                _ => v,
            };
            out.push_str(&self.format_value(&v, &spec)?);
        }
        Ok(out)
    }

    fn format_field(&mut self, name: &str, args: &Args, auto: &mut usize) -> R<Value> {
        let end = name.find(['.', '[']).unwrap_or(name.len());
        let (first, mut rest) = name.split_at(end);
        let mut v = if first.is_empty() {
            let v = args.pos.get(*auto).cloned();
            *auto += 1;
            match v {
                Some(v) => v,
                None => {
                    return raise(
                        ExcKind::IndexError,
                        format!(
                            "Replacement index {} out of range for positional args tuple",
                            *auto - 1
                        ),
                    )
                }
            }
        } else if let Ok(n) = first.parse::<usize>() {
            match args.pos.get(n) {
                Some(v) => v.clone(),
                None => {
                    return raise(
                        ExcKind::IndexError,
                        format!(
                            "Replacement index {} out of range for positional args tuple",
                            n
                        ),
                    )
                }
            }
        } else {
            match args.kw.iter().find(|(k, _)| k == first) {
                Some((_, v)) => v.clone(),
                None => return Err(key_str_err(first)),
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                v = self.get_attr(&v, &r[..e])?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = r.find(']').unwrap_or(r.len());
                let key = &r[..e];
                let k = match key.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(key),
                };
                v = self.get_item(&v, &k)?;
                rest = r.get(e + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        Ok(v)
    }

    /// `fmt % args`.
    pub(crate) fn percent_format(&mut self, fmt: &str, args: &Value) -> R<String> {
        let (items, dict) = match args {
            Value::Tuple(t) => (t.as_ref().clone(), None),
            Value::Dict(d) => (vec![], Some(d.clone())),
            other => (vec![other.clone()], None),
        };
        let mut next = 0;
        let mut out = String::new();
        let chars: Vec<char> = fmt.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if chars[i] != '%' {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            i += 1;
            let mut key = None;
            if chars.get(i) == Some(&'(') {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == ')')
                    .map(|p| p + i)
                    .unwrap_or(chars.len());
                key = Some(chars[i + 1..end].iter().collect::<String>());
                i = end + 1;
            }
            // Flags, width and precision; a `*` takes the number from the arguments.
            let mut flags = String::new();
            while i < chars.len() && "-+ #0123456789.*".contains(chars[i]) {
                if chars[i] == '*' {
                    let n = match items.get(next) {
                        Some(Value::Int(n)) => *n,
                        Some(Value::Bool(b)) => *b as i64,
                        _ => return Err(type_err("* wants int")),
                    };
                    next += 1;
                    // A negative width left-justifies; a negative precision is none.
                    if flags.ends_with('.') {
                        flags.push_str(&n.max(0).to_string());
                    } else {
                        if n < 0 {
                            flags.push('-');
                        }
                        flags.push_str(&n.unsigned_abs().to_string());
                    }
                } else {
                    flags.push(chars[i]);
                }
                i += 1;
            }
            let Some(&conv) = chars.get(i) else {
                return raise(ExcKind::ValueError, "incomplete format");
            };
            i += 1;
            if conv == '%' {
                out.push('%');
                continue;
            }
            let v = match (&key, &dict) {
                (Some(k), Some(d)) => match d.borrow().get(&Value::str(k))? {
                    Some(v) => v,
                    None => return Err(key_str_err(k)),
                },
                _ => {
                    let v = items.get(next).cloned();
                    next += 1;
                    match v {
                        Some(v) => v,
                        None => return Err(type_err("not enough arguments for format string")),
                    }
                }
            };
            // Translate to a format spec: flags map to the same letters.
            let mut spec = String::new();
            let left = flags.contains('-');
            let body_flags: String = flags.chars().filter(|c| *c != '-').collect();
            if left {
                spec.push('<');
            }
            spec.push_str(&body_flags);
            // Text is right-aligned unless `-` asks otherwise; number flags do not apply.
            let text_spec = format!(
                "{}{}",
                if left { '<' } else { '>' },
                body_flags.trim_start_matches(['0', '+', ' ', '#'])
            );
            let piece = match conv {
                's' => {
                    let s = self.str_of(&v)?;
                    self.format_value(&Value::str(&s), &text_spec)?
                }
                'r' => {
                    let s = self.repr(&v)?;
                    self.format_value(&Value::str(&s), &text_spec)?
                }
                'd' | 'i' | 'u' => {
                    // numpy scalars format as the Python numbers they hold.
                    let n = match super::value::to_python_number(&v) {
                        Value::Float(f) if f.is_finite() => super::bigint::float_to_int(f),
                        Value::Float(f) if f.is_nan() => {
                            return raise(
                                ExcKind::ValueError,
                                "cannot convert float NaN to integer",
                            )
                        }
                        Value::Float(_) => {
                            return raise(
                                ExcKind::OverflowError,
                                "cannot convert float infinity to integer",
                            )
                        }
                        Value::Bool(b) => Value::Int(b as i64),
                        other => other,
                    };
                    self.format_value(&n, &format!("{}d", spec))?
                }
                'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                    let n = super::value::to_python_number(&v);
                    self.format_value(&n, &format!("{}{}", spec, conv))?
                }
                c => {
                    return raise(
                        ExcKind::ValueError,
                        format!(
                            "unsupported format character '{}' (0x{:x}) at index {}",
                            c,
                            c as u32,
                            i - 1
                        ),
                    )
                }
            };
            out.push_str(&piece);
        }
        if next < items.len() && dict.is_none() {
            return Err(type_err(
                "not all arguments converted during string formatting",
            ));
        }
        Ok(out)
    }
}
