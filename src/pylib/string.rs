//! Python's `string` module: the character-class constants and `capwords`.

use crate::builtin;
use crate::eval::error::{type_err, R};
use crate::eval::{Interp, Value};

fn text(v: &Value, what: &str) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!(
            "{} must be str, not {}",
            what,
            other.type_name()
        ))),
    }
}

fn capitalize(w: &str) -> String {
    let mut cs = w.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
        None => String::new(),
    }
}

builtin! {
    /// capwords(s [,sep]) -> string
    python ["string.capwords"]
    fn capwords(it, s, sep = None) {
        let s = match &s {
            Value::Str(s) => s.to_string(),
            other => return Err(type_err(format!(
                "descriptor 'split' for 'str' objects doesn't apply to a '{}' object",
                other.type_name()
            ))),
        };
        let out = match &sep {
            Value::None => s.split_whitespace().map(capitalize).collect::<Vec<_>>().join(" "),
            v => {
                let sep = text(v, "sep")?;
                if sep.is_empty() {
                    return Err(crate::eval::error::value_err("empty separator"));
                }
                s.split(sep.as_str()).map(capitalize).collect::<Vec<_>>().join(&sep)
            }
        };
        Ok(Value::str(&out))
    }
}

/// Sets `string`'s constants.
pub(crate) fn install(it: &mut Interp) {
    let m = super::sys::module(it, "string");
    let lower = "abcdefghijklmnopqrstuvwxyz";
    let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let digits = "0123456789";
    let punct = r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##;
    let ws = " \t\n\r\x0b\x0c";
    m.set("ascii_lowercase", Value::str(lower));
    m.set("ascii_uppercase", Value::str(upper));
    m.set("ascii_letters", Value::str(&format!("{}{}", lower, upper)));
    m.set("digits", Value::str(digits));
    m.set("hexdigits", Value::str("0123456789abcdefABCDEF"));
    m.set("octdigits", Value::str("01234567"));
    m.set("punctuation", Value::str(punct));
    m.set("whitespace", Value::str(ws));
    m.set(
        "printable",
        Value::str(&format!("{}{}{}{}{}", digits, lower, upper, punct, ws)),
    );
}
