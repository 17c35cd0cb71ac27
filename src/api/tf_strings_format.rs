//! Numbers and tensors to text: `tf.strings.as_string` (C's printf conversions with
//! TensorFlow's `precision`, `scientific`, `shortest`, `width`, `fill`) and
//! `tf.strings.format` (a template filled with TensorFlow's summaries of tensors).

use super::convert::{i64_arg, tensor_of, to_tensor};
use super::tf_strings::{from_bytes, text_arg};
use crate::eval::error::{type_err, value_err, R};
use crate::eval::Value;
use crate::print::cfmt::{fix_exp, general};
use crate::print::tf_summary::summarize;
use crate::tensor::error::{invalid_arg, op_error};
use crate::tensor::{DType, TStr, Tensor};

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// One printf conversion: a flag, a width, a precision and the conversion letter.
struct Conv {
    flag: Option<char>,
    width: usize,
    precision: Option<usize>,
    kind: char,
}

impl Conv {
    fn float(&self, x: f64) -> String {
        let body = if x.is_nan() {
            "nan".to_string()
        } else if x.is_infinite() {
            "inf".to_string()
        } else {
            let a = x.abs();
            match self.kind {
                'e' => fix_exp(&format!("{:.*e}", self.precision.unwrap_or(6), a)),
                'g' => general(
                    a,
                    self.precision.unwrap_or(6),
                    self.flag == Some('#'),
                    false,
                ),
                _ => format!("{:.*}", self.precision.unwrap_or(6), a),
            }
        };
        self.pad(x.is_sign_negative() && !x.is_nan(), body)
    }

    fn int(&self, v: i64) -> String {
        self.pad(v < 0, v.unsigned_abs().to_string())
    }

    /// Sign, then padding to the width as the flag says.
    fn pad(&self, negative: bool, digits: String) -> String {
        let sign = match (negative, self.flag) {
            (true, _) => "-",
            (false, Some('+')) => "+",
            (false, Some(' ')) => " ",
            _ => "",
        };
        let len = sign.len() + digits.len();
        let fill = self.width.saturating_sub(len);
        match self.flag {
            Some('-') => format!("{sign}{digits}{}", " ".repeat(fill)),
            Some('0') if digits.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
                format!("{sign}{}{digits}", "0".repeat(fill))
            }
            _ => format!("{}{sign}{digits}", " ".repeat(fill)),
        }
    }
}

crate::builtin! {
    /// Converts each entry in the given tensor to strings.
    dispatch ["tf.strings.as_string", "tf.as_string"]
    fn as_string(it, input, precision = -1, scientific = False, shortest = False, width = -1, fill = "", name = None) {
        let x = to_tensor(it, &input, None)?;
        let precision = i64_arg(&precision, "precision")?;
        let sci = it.truthy(&scientific)?;
        let short = it.truthy(&shortest)?;
        let width = i64_arg(&width, "width")?;
        let fill = text_arg(it, &fill)?;
        let fail = |m: String| -> crate::eval::error::Flow {
            op_error("AsString", "AsString", m, Some("")).into()
        };
        if sci && short {
            return Err(fail("Cannot select both scientific and shortest notation".into()));
        }
        let flag = match fill.as_str() {
            "" => None,
            f if f.chars().count() == 1 && " +-0#".contains(f) => f.chars().next(),
            f if f.chars().count() > 1 => {
                return Err(fail(format!("Fill string must be one or fewer characters: {f}")))
            }
            f => return Err(fail(format!("Fill argument not supported: \"{f}\""))),
        };
        let is_float = x.dtype().is_float();
        if precision > -1 && !is_float {
            return Err(fail(format!("precision not supported for datatype {}", x.dtype().name())));
        }
        if (sci || short) && !is_float {
            return Err(fail(format!(
                "{} notation not supported for datatype {}",
                if sci { "scientific" } else { "shortest" },
                x.dtype().name()
            )));
        }
        let conv = Conv {
            flag,
            width: width.max(0) as usize,
            precision: (precision > -1).then_some(precision as usize),
            kind: if sci { 'e' } else if short { 'g' } else { 'f' },
        };
        let items: Vec<Vec<u8>> = match x.dtype() {
            DType::F32 | DType::F64 => x.to_f64_vec().into_iter().map(|v| conv.float(v).into_bytes()).collect(),
            DType::Bool => x
                .to_i64_vec()
                .into_iter()
                .map(|v| conv.pad(false, if v != 0 { "true" } else { "false" }.into()).into_bytes())
                .collect(),
            DType::Str => x
                .to_vec::<TStr>()?
                .into_iter()
                .map(|s| conv.pad(false, String::from_utf8_lossy(s.bytes()).into_owned()).into_bytes())
                .collect(),
            _ => x.to_i64_vec().into_iter().map(|v| conv.int(v).into_bytes()).collect(),
        };
        t(from_bytes(x.shape(), items)?)
    }
}

crate::builtin! {
    /// Formats a string template using a list of tensors.
    dispatch ["tf.strings.format"]
    fn format(it, template, inputs, placeholder = "{}", summarize_ = 3, name = None) {
        let template = text_arg(it, &template)?;
        let placeholder = text_arg(it, &placeholder)?;
        let n = i64_arg(&summarize_, "summarize")?;
        let items: Vec<Value> = match &inputs {
            v if tensor_of(v).is_some() => vec![v.clone()],
            Value::List(_) | Value::Tuple(_) => it.collect_items(&inputs)?,
            other => {
                return Err(type_err(format!(
                    "object of type '{}' has no len()",
                    other.type_name()
                )))
            }
        };
        let parts: Vec<&str> = template.split(placeholder.as_str()).collect();
        let wanted = parts.len() - 1;
        if wanted != items.len() {
            return Err(value_err(format!(
                "The template expects {} tensors, but the inputs only has {}. Please ensure the number of placeholders in template matches inputs length.",
                wanted,
                items.len()
            )));
        }
        if placeholder.is_empty() {
            return Err(invalid_arg("placeholder must not be empty").into());
        }
        let mut out = String::from(parts[0]);
        for (v, rest) in items.iter().zip(&parts[1..]) {
            let x = to_tensor(it, v, None)?;
            out.push_str(&summarize(&x, n));
            out.push_str(rest);
        }
        t(from_bytes(&[], vec![out.into_bytes()])?)
    }
}
