//! `tf.io`: `read_file`, `write_file`, `matching_files`, `decode_csv`, and `tf.io.gfile`
//! (written in Python over tensh's `os`, `glob` and `shutil`, in `pysrc/tf_gfile.py`).

use super::convert::{int_list, tensor_of, to_tensor};
use super::tf_strings::{from_bytes, str_input, strs, text_arg};
use crate::errors::ExcKind;
use crate::eval::error::{type_err, R};
use crate::eval::{Interp, Value};
use crate::tensor::error::{op_error, TfError};
use crate::tensor::{DType, TStr, Tensor};

const GFILE_SOURCE: &str = include_str!("pysrc/tf_gfile.py");
const GFILE_MODULE: &str = "tensorflow.io.gfile";

fn t(v: Tensor) -> R<Value> {
    Ok(Value::Tensor(v))
}

/// One path from a scalar string argument.
fn path_of(x: &Tensor) -> String {
    let s = strs(x).iter().next().copied().unwrap_or_default();
    String::from_utf8_lossy(s.bytes()).into_owned()
}

/// The error TensorFlow's file system gives for an I/O failure on `path`.
fn io_error(kernel: &str, path: &str, e: &std::io::Error, name: Option<&str>) -> TfError {
    let (kind, why) = match e.kind() {
        std::io::ErrorKind::NotFound => (ExcKind::NotFoundError, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => {
            (ExcKind::PermissionDeniedError, "Permission denied")
        }
        _ => (ExcKind::UnknownError, "Input/output error"),
    };
    let m = op_error(kernel, kernel, format!("{path}; {why}"), name).message;
    TfError::new(kind, m)
}

crate::builtin! {
    /// Reads the contents of file.
    dispatch ["tf.io.read_file"]
    fn read_file(it, filename, name = None) {
        let named = tensor_of(&filename).is_some().then_some("");
        let x = str_input(it, &filename, "ReadFile")?;
        let path = path_of(&x);
        let meta = std::fs::metadata(&path).map_err(|e| io_error("ReadFile", &path, &e, named))?;
        crate::tensor::alloc::check(&[meta.len() as usize], DType::U8, "ReadFile")?;
        let bytes = std::fs::read(&path).map_err(|e| io_error("ReadFile", &path, &e, named))?;
        t(Tensor::scalar(TStr::intern(&bytes)?))
    }
}

crate::builtin! {
    /// Writes `contents` to the file at input `filename`, creating missing directories.
    dispatch ["tf.io.write_file"]
    fn write_file(it, filename, contents, name = None) {
        let named = tensor_of(&filename).is_some().then_some("");
        let f = str_input(it, &filename, "WriteFile")?;
        let c = str_input(it, &contents, "WriteFile")?;
        let path = path_of(&f);
        if let Some(dir) = std::path::Path::new(&path).parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| io_error("WriteFile", &path, &e, named))?;
        }
        let body = strs(&c).iter().next().copied().unwrap_or_default();
        std::fs::write(&path, body.bytes()).map_err(|e| io_error("WriteFile", &path, &e, named))?;
        Ok(Value::None)
    }
}

crate::builtin! {
    /// Returns the set of files matching one or more glob patterns.
    dispatch ["tf.io.matching_files"]
    fn matching_files(it, pattern, name = None) {
        let x = str_input(it, &pattern, "MatchingFiles")?;
        let mut found: Vec<Vec<u8>> = Vec::new();
        for p in strs(&x).iter() {
            let pat = String::from_utf8_lossy(p.bytes()).into_owned();
            let mut hits = crate::pylib::glob::glob_paths(it, &pat, None, false, false)?;
            hits.sort();
            found.extend(hits.into_iter().map(String::into_bytes));
        }
        let n = found.len();
        t(from_bytes(&[n], found)?)
    }
}

/// One field's default: its dtype and, when given, its value (an empty default makes the
/// field required).
struct Field {
    dtype: DType,
    default: Option<Value>,
}

fn field_of(it: &mut Interp, v: &Value) -> R<Field> {
    let x = match tensor_of(v) {
        Some(x) => x,
        None => to_tensor(it, v, None)?,
    };
    let default = match x.size() {
        0 => None,
        _ => Some(Value::Tensor(crate::tensor::ops::shape::reshape_to(
            &x,
            &[],
        ))),
    };
    let dtype = if x.size() == 0 && x.dtype() == DType::F32 && matches!(v, Value::List(_)) {
        // `[]` as a default: TensorFlow's convert makes float32.
        DType::F32
    } else {
        x.dtype()
    };
    Ok(Field { dtype, default })
}

/// A CSV record's fields, with RFC 4180 quotes when `quoted`.
fn split_record(b: &[u8], delim: u8, quoted: bool) -> Result<Vec<Vec<u8>>, String> {
    let mut out = Vec::new();
    let mut cur = Vec::new();
    let mut i = 0;
    let mut in_quotes = false;
    let mut was_quoted = false;
    while i < b.len() {
        let c = b[i];
        if in_quotes {
            if c == b'"' {
                if b.get(i + 1) == Some(&b'"') {
                    cur.push(b'"');
                    i += 1;
                } else {
                    in_quotes = false;
                }
            } else {
                cur.push(c);
            }
        } else if c == delim {
            out.push(std::mem::take(&mut cur));
            was_quoted = false;
        } else if c == b'"' && quoted && cur.is_empty() && !was_quoted {
            in_quotes = true;
            was_quoted = true;
        } else {
            cur.push(c);
        }
        i += 1;
    }
    if in_quotes {
        return Err("Quoted field has to end with quote followed by delim or end".into());
    }
    out.push(cur);
    Ok(out)
}

crate::builtin! {
    /// Convert CSV records to tensors. Each column maps to one tensor.
    dispatch ["tf.io.decode_csv"]
    fn decode_csv(it, records, record_defaults, field_delim = ",", use_quote_delim = True, na_value = "", select_cols = None, name = None) {
        let x = str_input(it, &records, "DecodeCSV")?;
        let defaults = it.collect_items(&record_defaults)?;
        let mut fields = Vec::with_capacity(defaults.len());
        for d in &defaults {
            fields.push(field_of(it, d)?);
        }
        let delim = text_arg(it, &field_delim)?;
        let [delim] = delim.as_bytes() else {
            return Err(type_err("field_delim should be only 1 char"));
        };
        let quoted = it.truthy(&use_quote_delim)?;
        let na = text_arg(it, &na_value)?;
        let cols: Option<Vec<i64>> = match &select_cols {
            Value::None => None,
            v => Some(int_list(it, v, "select_cols")?),
        };
        let fail = |m: String| -> crate::eval::error::Flow {
            op_error("DecodeCSV", "DecodeCSV", m, Some("")).into()
        };
        let mut columns: Vec<Vec<Value>> = vec![Vec::new(); fields.len()];
        for (r, rec) in strs(&x).iter().enumerate() {
            let parts = split_record(rec.bytes(), *delim, quoted).map_err(&fail)?;
            let parts: Vec<Vec<u8>> = match &cols {
                Some(c) => c.iter().filter_map(|&i| parts.get(i as usize).cloned()).collect(),
                None => parts,
            };
            if parts.len() != fields.len() {
                return Err(fail(format!(
                    "Expect {} fields but have {} in record {}",
                    fields.len(),
                    parts.len(),
                    r
                )));
            }
            for (i, (p, f)) in parts.iter().zip(&fields).enumerate() {
                let empty = p.is_empty() || (!na.is_empty() && p == na.as_bytes());
                let v = if empty {
                    match &f.default {
                        Some(d) => d.clone(),
                        None => return Err(fail(format!("Field {i} is required but missing in record {r}!"))),
                    }
                } else {
                    let text = String::from_utf8_lossy(p).into_owned();
                    let bad = || fail(format!("Field {i} in record {r} is not a valid {}: {text}", kind_name(f.dtype)));
                    match f.dtype {
                        DType::Str => Value::Tensor(Tensor::scalar(TStr::intern(p)?)),
                        DType::I32 => Value::Tensor(Tensor::scalar(text.trim().parse::<i32>().map_err(|_| bad())?)),
                        DType::I64 => Value::Tensor(Tensor::scalar(text.trim().parse::<i64>().map_err(|_| bad())?)),
                        DType::F64 => Value::Tensor(Tensor::scalar(text.trim().parse::<f64>().map_err(|_| bad())?)),
                        _ => Value::Tensor(Tensor::scalar(text.trim().parse::<f32>().map_err(|_| bad())?)),
                    }
                };
                columns[i].push(v);
            }
        }
        let mut out = Vec::with_capacity(fields.len());
        for (col, f) in columns.into_iter().zip(&fields) {
            let list = Value::list(col);
            let column = if x.size() == 0 {
                Tensor::zeros(f.dtype, &[0])
            } else {
                to_tensor(it, &list, Some(f.dtype))?
            };
            out.push(Value::Tensor(crate::tensor::ops::shape::reshape_to(&column, x.shape())));
        }
        Ok(Value::list(out))
    }
}

fn kind_name(d: DType) -> &'static str {
    match d {
        DType::I32 => "int32",
        DType::I64 => "int64",
        DType::F64 => "double",
        _ => "float",
    }
}

/// Registers `tf.io.gfile`, built from its Python source on first use.
pub(crate) fn install(it: &mut Interp) {
    it.lazy_modules.insert("tensorflow.io.gfile", build_gfile);
}

fn build_gfile(it: &mut Interp) {
    it.lazy_modules.remove("tensorflow.io.gfile");
    crate::pylib::pysource::load(it, GFILE_MODULE, GFILE_SOURCE, &[]);
    let Some(m) = it.modules.get(GFILE_MODULE).cloned() else {
        return;
    };
    if let Ok(Value::Module(io)) = it.import_module("tensorflow.io") {
        io.set("gfile", m);
    }
}
