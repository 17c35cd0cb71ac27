//! Text files of numbers: `np.loadtxt` and `np.genfromtxt` read them (from a path, a list
//! of lines or an object with `read()`), `np.savetxt` writes them byte for byte as numpy
//! does (`%`-formats per row, header and footer behind the comment marker). Values are
//! numeric (float, int, bool dtypes); structured dtypes and `names=True` are not read.
//! numpy's warnings (empty input, integers parsed via floats) go through `warnings.warn`.

use super::convert::i64_arg;
use super::numpy::{nd, np_array};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::ops::shape;
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// Issues a Python warning of `kind` at the calling line, as numpy's `warnings.warn` does.
fn warn(it: &mut Interp, kind: ExcKind, message: &str) -> R<()> {
    let m = crate::pylib::pyclass::module(it, "warnings");
    let Ok(f) = it.get_attr(&Value::Module(m), "warn") else {
        return Ok(());
    };
    it.call(
        &f,
        Args::new(vec![Value::str(message), Value::ExcClass(kind)]),
    )?;
    Ok(())
}

const INT_VIA_FLOAT: &str =
    "loadtxt(): Parsing an integer via a float is deprecated.  To avoid this warning, you can:
    * make sure the original data is stored as integers.
    * use the `converters=` keyword argument.  If you only use
      NumPy 1.23 or later, `converters=float` will normally work.
    * Use `np.loadtxt(...).astype(np.int64)` parsing the file as
      floating point and then convert it.  (On all NumPy versions.)
  (Deprecated NumPy 1.23)";

/// The lines of `fname`: a path, a list of lines, or an object with `read()`; and how
/// numpy names the input in messages.
fn input_lines(it: &mut Interp, fname: &Value) -> R<(Vec<String>, String)> {
    let text_of = |v: &Value| -> Option<String> {
        match v {
            Value::Str(s) => Some(s.to_string()),
            Value::Bytes(b) => Some(b.iter().map(|&c| c as char).collect()),
            _ => None,
        }
    };
    let is_path = matches!(fname, Value::Str(_))
        || (matches!(fname, Value::Object(_)) && it.special_method(fname, "__fspath__")?.is_some());
    if is_path {
        let path = crate::pylib::oserror::fspath(it, fname)?;
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return raise(ExcKind::FileNotFoundError, format!("{} not found.", path))
            }
            Err(e) => return Err(crate::pylib::oserror::os_error(&e, &path)),
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        return Ok((split_lines(&text), path));
    }
    if let Ok(read) = it.get_attr(fname, "read") {
        let got = it.call(&read, Args::default())?;
        let text = text_of(&got).ok_or_else(|| type_err("read() did not return text"))?;
        let shown = it.repr(fname)?;
        return Ok((split_lines(&text), shown));
    }
    let items = match it.collect_items(fname) {
        Ok(items) => items,
        Err(_) => {
            let ty = format!("<class '{}'>", fname.type_name());
            return raise(
                ExcKind::ValueError,
                format!(
                    "fname must be a string, filehandle, list of strings,\nor generator. Got {} instead.",
                    ty
                ),
            );
        }
    };
    let mut lines = Vec::new();
    for v in &items {
        match text_of(v) {
            Some(s) => lines.push(s.trim_end_matches(['\n', '\r']).to_string()),
            None => {
                return Err(type_err(format!(
                    "non-string returned while reading data: {}",
                    v.type_name()
                )))
            }
        }
    }
    Ok((lines, it.repr(fname)?))
}

fn split_lines(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

/// The comment markers of a `comments=` argument.
fn comment_marks(it: &mut Interp, v: &Value) -> R<Vec<String>> {
    match v {
        Value::None => Ok(vec![]),
        Value::Str(s) => Ok(vec![s.to_string()]),
        v => it
            .collect_items(v)?
            .iter()
            .map(|c| match c {
                Value::Str(s) => Ok(s.to_string()),
                _ => Err(type_err(
                    "comments must be a string or a sequence of strings",
                )),
            })
            .collect(),
    }
}

/// The line without its comment.
fn strip_comment<'a>(line: &'a str, marks: &[String]) -> &'a str {
    let cut = marks
        .iter()
        .filter(|m| !m.is_empty())
        .filter_map(|m| line.find(m.as_str()))
        .min();
    match cut {
        Some(p) => &line[..p],
        None => line,
    }
}

/// A line's fields: split on whitespace, or on the delimiter.
fn fields<'a>(line: &'a str, delim: Option<&str>) -> Vec<&'a str> {
    match delim {
        None => line.split_whitespace().collect(),
        Some(d) => line.split(d).collect(),
    }
}

/// A field as numpy's parser reads a float: surrounding whitespace, a sign, `nan`, `inf`.
fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() || t.contains('_') {
        return None;
    }
    t.parse::<f64>().ok()
}

fn parse_int(s: &str) -> Option<i64> {
    let t = s.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.strip_prefix('+').unwrap_or(t).parse::<i64>().ok()
}

/// A field in `dtype`: ints (and bools) as integers, falling back to a float's integer
/// part as numpy does (and then `via_float` is set); floats as floats.
fn parse_as(s: &str, d: DType, via_float: &mut bool) -> Option<f64> {
    if d.is_float() {
        return parse_float(s);
    }
    match parse_int(s) {
        Some(i) => Some(i as f64),
        None => {
            let f = parse_float(s).filter(|f| f.is_finite()).map(f64::trunc);
            *via_float |= f.is_some();
            f
        }
    }
}

/// Column positions from `usecols` (an int or a sequence of them).
fn usecols_of(it: &mut Interp, v: &Value) -> R<Option<Vec<i64>>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(vec![*i])),
        v => {
            let items = it.collect_items(v)?;
            let mut out = Vec::new();
            for x in &items {
                match x {
                    Value::Int(_) | Value::Bool(_) => out.push(i64_arg(x, "usecols")?),
                    _ => match super::convert::tensor_of(x) {
                        Some(t) if t.ndim() == 0 && !t.dtype().is_float() => {
                            out.push(t.item_i64().unwrap_or(0))
                        }
                        _ => {
                            return Err(type_err(
                                format!("usecols must be an int or a sequence of ints but it contains at least one element of type '{}'", x.type_name()),
                            ))
                        }
                    },
                }
            }
            Ok(Some(out))
        }
    }
}

/// numpy's `_ensure_ndmin_ndarray`: squeeze, then give back dimensions up to `ndmin`.
fn with_ndmin(t: Tensor, ndmin: i64) -> R<Tensor> {
    let mut t = t;
    if t.ndim() as i64 > ndmin {
        let dims: Vec<usize> = t.shape().iter().copied().filter(|&d| d != 1).collect();
        t = shape::reshape_to(&t, &dims);
    }
    if (t.ndim() as i64) < ndmin {
        if ndmin == 1 {
            t = shape::reshape_to(&t, &[t.size()]);
        } else if ndmin == 2 {
            let n = t.size();
            t = shape::reshape_to(&t, &[n, 1]);
        }
    }
    Ok(t)
}

fn transposed(t: Tensor) -> R<Tensor> {
    if t.ndim() < 2 {
        return Ok(t);
    }
    Ok(shape::transpose(&t, None)
        .map_err(super::numpy::np_err)?
        .contiguous())
}

/// `converters=`: one callable for every column, or a dict from column to callable.
enum Converters {
    None,
    All(Value),
    PerColumn(Vec<(i64, Value)>),
}

fn converters_of(v: &Value) -> R<Converters> {
    match v {
        Value::None => Ok(Converters::None),
        Value::Dict(d) => {
            let d = d.borrow();
            let mut out = Vec::new();
            for (k, f) in d.keys.iter().zip(&d.values) {
                out.push((i64_arg(k, "converters")?, f.clone()));
            }
            Ok(Converters::PerColumn(out))
        }
        f => Ok(Converters::All(f.clone())),
    }
}

impl Converters {
    /// The converter of column `col` of `ncols`.
    fn get(&self, col: usize, ncols: usize) -> Option<&Value> {
        match self {
            Converters::None => None,
            Converters::All(f) => Some(f),
            Converters::PerColumn(list) => list
                .iter()
                .find(|(k, _)| {
                    let k = if *k < 0 { *k + ncols as i64 } else { *k };
                    k == col as i64
                })
                .map(|(_, f)| f),
        }
    }
}

builtin! {
    /// Load data from a text file.
    python ["np.loadtxt"]
    fn loadtxt(it, fname, dtype = None, comments = "#", delimiter = None, converters = None, skiprows = 0, usecols = None, unpack = False, ndmin = 0, encoding = "bytes", max_rows = None, *, quotechar = None, like = None) {
        let _ = (encoding, like);
        if !matches!(quotechar, Value::None) {
            return raise(ExcKind::NotImplementedError, "tensh's loadtxt does not read quoted fields");
        }
        let ndmin = i64_arg(&ndmin, "ndmin")?;
        if !(0..=2).contains(&ndmin) {
            return raise(ExcKind::ValueError, format!("Illegal value of ndmin keyword: {}", ndmin));
        }
        let d = match dtype { Value::None => DType::F64, v => super::numpy::np_dtype_arg(&v)? };
        let skip = i64_arg(&skiprows, "skiprows")?;
        if skip < 0 {
            return raise(ExcKind::ValueError, "argument must be nonnegative");
        }
        let max_rows = match max_rows { Value::None => None, v => Some(i64_arg(&v, "max_rows")?) };
        let marks = comment_marks(it, &comments)?;
        let delim = match &delimiter {
            Value::None => None,
            Value::Str(s) => Some(s.to_string()),
            v => return Err(type_err(format!("Text reading control character must be a single unicode character or None; but got: {}", it.repr(v)?))),
        };
        let cols = usecols_of(it, &usecols)?;
        let convs = converters_of(&converters)?;
        let (lines, _) = input_lines(it, &fname)?;
        let mut vals: Vec<f64> = Vec::new();
        let mut ncols: Option<usize> = None;
        let mut rows = 0usize;
        let (mut via_float, mut warned_empty) = (false, false);
        for (n, line) in lines.iter().enumerate().skip(skip as usize) {
            if max_rows.is_some_and(|m| rows as i64 >= m) {
                break;
            }
            let body = strip_comment(line, &marks);
            let f = fields(body, delim.as_deref());
            if f.is_empty() || (delim.is_some() && f.len() == 1 && f[0].trim().is_empty()) {
                if let (Some(m), false) = (max_rows, warned_empty) {
                    warned_empty = true;
                    warn(it, ExcKind::UserWarning, &format!("Input line {} contained no data and will not be counted towards `max_rows={}`.  This differs from the behaviour in NumPy <=1.22 which counted lines rather than rows.  If desired, the previous behaviour can be achieved by using `itertools.islice`.\nPlease see the 1.23 release notes for an example on how to do this.  If you wish to ignore this warning, use `warnings.filterwarnings`.  This warning is expected to be removed in the future and is given only once per `loadtxt` call.", n + 1, m))?;
                }
                continue;
            }
            let picked: Vec<(usize, &str)> = match &cols {
                None => {
                    if let Some(n) = ncols {
                        if n != f.len() {
                            return raise(ExcKind::ValueError, format!("the number of columns changed from {} to {} at row {}; use `usecols` to select a subset and avoid this error", n, f.len(), rows + 1));
                        }
                    }
                    f.iter().copied().enumerate().collect()
                }
                Some(c) => {
                    let mut out = Vec::new();
                    for &i in c {
                        let j = if i < 0 { i + f.len() as i64 } else { i };
                        if j < 0 || j >= f.len() as i64 {
                            return raise(ExcKind::ValueError, format!("invalid column index {} at row {} with {} columns", i, rows + 1, f.len()));
                        }
                        out.push((j as usize, f[j as usize]));
                    }
                    out
                }
            };
            ncols = Some(match &cols { None => f.len(), Some(c) => c.len() });
            for (k, &(col, s)) in picked.iter().enumerate() {
                let v = match convs.get(col, f.len()) {
                    Some(conv) => {
                        let arg = Value::Bytes(Rc::from(s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>().as_slice()));
                        let out = it.call(conv, Args::new(vec![arg]))?;
                        converted(&out, d)
                    }
                    None => parse_as(s, d, &mut via_float),
                };
                let Some(v) = v else {
                    return raise(ExcKind::ValueError, format!("could not convert string {} to {} at row {}, column {}.", py_str_repr(s), d.name(), rows, k + 1));
                };
                vals.push(v);
            }
            rows += 1;
        }
        if via_float {
            warn(it, ExcKind::DeprecationWarning, INT_VIA_FLOAT)?;
        }
        if rows == 0 {
            let shown = it.str_of(&fname)?;
            warn(it, ExcKind::UserWarning, &format!("loadtxt: input contained no data: \"{}\"", shown))?;
        }
        let width = ncols.unwrap_or_else(|| cols.as_ref().map_or(1, |c| c.len()));
        crate::tensor::alloc::check(&[vals.len()], d, "loadtxt").map_err(super::numpy::np_err)?;
        let t = Tensor::from_f64s(d, &[rows, width], &vals);
        let t = with_ndmin(t, ndmin)?;
        let t = if it.truthy(&unpack)? { transposed(t)? } else { t };
        nd(Ok(t))
    }
}

/// A converter's result as a number of `dtype`: numbers as they are, strings parsed.
fn converted(v: &Value, d: DType) -> Option<f64> {
    match v {
        Value::Str(s) => parse_as(s, d, &mut false),
        Value::Bytes(b) => parse_as(
            &b.iter().map(|&c| c as char).collect::<String>(),
            d,
            &mut false,
        ),
        v => super::convert::f64_arg(v, "converter result").ok(),
    }
}

/// A string as Python's repr shows it (for messages).
fn py_str_repr(s: &str) -> String {
    if s.contains('\'') && !s.contains('"') {
        format!("\"{}\"", s)
    } else {
        format!("'{}'", s.replace('\'', "\\'"))
    }
}

/// `filling_values=`: one value for all columns, a list by position, or a dict by column.
fn fill_values(
    it: &mut Interp,
    v: &Value,
    ncols: usize,
    cols: Option<&[i64]>,
) -> R<Vec<Option<f64>>> {
    let mut out = vec![None; ncols];
    match v {
        Value::None => {}
        Value::Dict(d) => {
            let d = d.borrow();
            for (k, f) in d.keys.iter().zip(&d.values) {
                let mut key = i64_arg(k, "filling_values")?;
                if let Some(c) = cols {
                    if let Some(p) = c.iter().position(|&x| x == key) {
                        key = p as i64;
                    }
                }
                if let Some(slot) = out.get_mut(key as usize) {
                    *slot = Some(super::convert::f64_arg(f, "filling_values")?);
                }
            }
        }
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(v)?;
            for (slot, f) in out.iter_mut().zip(&items) {
                *slot = Some(super::convert::f64_arg(f, "filling_values")?);
            }
        }
        f => {
            let x = super::convert::f64_arg(f, "filling_values")?;
            out.iter_mut().for_each(|s| *s = Some(x));
        }
    }
    Ok(out)
}

builtin! {
    /// Load data from a text file, with missing values handled as specified.
    python ["np.genfromtxt"]
    fn genfromtxt(it, fname, dtype = tf.float64, comments = "#", delimiter = None, skip_header = 0, skip_footer = 0, converters = None, missing_values = None, filling_values = None, usecols = None, names = None, excludelist = None, deletechars = None, replace_space = "_", autostrip = False, case_sensitive = True, defaultfmt = "f%i", unpack = None, usemask = False, loose = True, invalid_raise = True, max_rows = None, encoding = "bytes", *, ndmin = 0, like = None) {
        let _ = (missing_values, excludelist, deletechars, replace_space, autostrip, case_sensitive, defaultfmt, encoding, like, loose);
        if !matches!(names, Value::None | Value::Bool(false)) || it.truthy(&usemask)? {
            return raise(ExcKind::NotImplementedError, "tensh's genfromtxt reads plain numeric arrays (no names= or usemask=)");
        }
        let ndmin = i64_arg(&ndmin, "ndmin")?;
        if !(0..=2).contains(&ndmin) {
            return raise(ExcKind::ValueError, format!("Illegal value of ndmin keyword: {}", ndmin));
        }
        // dtype=None infers int64 when every value is an integer.
        let (d, infer) = match &dtype {
            Value::None => (DType::F64, true),
            v => (super::numpy::np_dtype_arg(v)?, false),
        };
        let marks = comment_marks(it, &comments)?;
        let delim = match &delimiter {
            Value::None => None,
            Value::Str(s) => Some(s.to_string()),
            _ => return raise(ExcKind::NotImplementedError, "tensh's genfromtxt splits on a string delimiter or whitespace"),
        };
        let skip = i64_arg(&skip_header, "skip_header")?.max(0) as usize;
        let skip_footer = i64_arg(&skip_footer, "skip_footer")?.max(0) as usize;
        let cols = usecols_of(it, &usecols)?;
        let convs = converters_of(&converters)?;
        let max_rows = match max_rows { Value::None => None, v => Some(i64_arg(&v, "max_rows")?) };
        let (lines, _) = input_lines(it, &fname)?;
        let split = |line: &str| -> Vec<String> {
            let body = strip_comment(line, &marks);
            let body = body.trim_matches([' ', '\r', '\n']);
            if body.is_empty() {
                return vec![];
            }
            fields(body, delim.as_deref()).into_iter().map(str::to_string).collect()
        };
        let rest: Vec<&String> = lines.iter().skip(skip).collect();
        let Some(first) = rest.iter().position(|l| !split(l).is_empty()) else {
            let shown = it.str_of(&fname)?;
            warn(it, ExcKind::UserWarning, &format!("genfromtxt: Empty input file: \"{}\"", shown))?;
            return nd(Ok(Tensor::zeros(d, &[0])));
        };
        let nbcols = match &cols {
            Some(c) => c.len(),
            None => split(rest[first]).len(),
        };
        let first_len = split(rest[first]).len();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut invalid = Vec::new();
        for (i, line) in rest[first..].iter().enumerate() {
            if max_rows.is_some_and(|m| (rows.len() + invalid.len()) as i64 >= m) {
                break;
            }
            let values = split(line);
            if values.is_empty() {
                continue;
            }
            let picked: Option<Vec<String>> = match &cols {
                Some(c) => c
                    .iter()
                    .map(|&k| {
                        let k = if k < 0 { k + first_len as i64 } else { k };
                        values.get(k.max(0) as usize).cloned()
                    })
                    .collect(),
                None if values.len() == nbcols => Some(values.clone()),
                None => None,
            };
            match picked {
                Some(p) => rows.push(p),
                None => invalid.push((i + skip + 1, values.len())),
            }
        }
        if !invalid.is_empty() && it.truthy(&invalid_raise)? {
            let mut msg = vec!["Some errors were detected !".to_string()];
            for (line, n) in &invalid {
                msg.push(format!("    Line #{} (got {} columns instead of {})", line, n, nbcols));
            }
            return raise(ExcKind::ValueError, msg.join("\n"));
        }
        rows.truncate(rows.len().saturating_sub(skip_footer));
        let fills = fill_values(it, &filling_values, nbcols, cols.as_deref())?;
        // dtype=None: int64 when every column holds integers, float64 when none does; a
        // mix would be numpy's structured array.
        let d = if infer && !rows.is_empty() {
            let int_col = |k: usize| rows.iter().all(|r| parse_int(&r[k]).is_some());
            let ints = (0..nbcols).filter(|&k| int_col(k)).count();
            if ints == nbcols {
                DType::I64
            } else if ints == 0 {
                DType::F64
            } else {
                return raise(ExcKind::NotImplementedError, "genfromtxt(dtype=None) with integer and float columns makes a structured array, which tensh does not have");
            }
        } else {
            d
        };
        let default = if d.is_float() { f64::NAN } else { -1.0 };
        let mut vals = Vec::with_capacity(rows.len() * nbcols);
        for row in &rows {
            for (k, s) in row.iter().enumerate() {
                let col = cols.as_ref().map_or(k, |c| {
                    let x = c[k];
                    if x < 0 { (x + first_len as i64).max(0) as usize } else { x as usize }
                });
                let v = match convs.get(col, first_len) {
                    Some(conv) => {
                        let out = it.call(conv, Args::new(vec![Value::Bytes(Rc::from(s.as_bytes()))]))?;
                        super::convert::f64_arg(&out, "converter result")?
                    }
                    None => {
                        let parsed = if d.is_float() { parse_float(s) } else { parse_int(s).map(|i| i as f64) };
                        parsed.unwrap_or_else(|| fills[k].unwrap_or(default))
                    }
                };
                vals.push(v);
            }
        }
        let t = Tensor::from_f64s(d, &[rows.len(), nbcols], &vals);
        let t = with_ndmin(t, ndmin)?;
        let t = if it.truthy(&unpack)? { transposed(t)? } else { t };
        nd(Ok(t))
    }
}

/// The Python value numpy's `%` formatting sees for one element: a numpy scalar.
fn element(t: &Tensor, i: usize) -> Value {
    let flat = shape::reshape_to(t, &[t.size()]);
    let one = shape::slice_axis(&flat, 0, i, i + 1);
    Value::ndarray(shape::reshape_to(&one, &[]))
}

/// The whole row format of `savetxt`: one format per column joined by the delimiter, or a
/// string holding every column's conversion.
fn row_format(it: &mut Interp, fmt: &Value, delimiter: &str, ncol: usize) -> R<String> {
    match fmt {
        Value::List(_) | Value::Tuple(_) => {
            let items = it.collect_items(fmt)?;
            if items.len() != ncol {
                let shown = it.str_of(fmt)?;
                return raise(
                    ExcKind::AttributeError,
                    format!("fmt has wrong shape.  {}", shown),
                );
            }
            let parts = items.iter().map(|v| it.str_of(v)).collect::<R<Vec<_>>>()?;
            Ok(parts.join(delimiter))
        }
        Value::Str(f) => {
            let n = f.matches('%').count();
            if n == 1 {
                Ok(vec![f.to_string(); ncol].join(delimiter))
            } else if n != ncol {
                raise(
                    ExcKind::ValueError,
                    format!("fmt has wrong number of % formats:  {}", f),
                )
            } else {
                Ok(f.to_string())
            }
        }
        v => raise(ExcKind::ValueError, format!("invalid fmt: {}", it.repr(v)?)),
    }
}

fn text_arg(v: &Value, what: &str) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        v => Err(type_err(format!(
            "{} must be str, not {}",
            what,
            v.type_name()
        ))),
    }
}

builtin! {
    /// Save an array to a text file.
    python ["np.savetxt"]
    fn savetxt(it, fname, X, fmt = "%.18e", delimiter = " ", newline = "\n", header = "", footer = "", comments = "# ", encoding = None) {
        let _ = encoding;
        let x = np_array(it, &X, None)?;
        if x.ndim() == 0 || x.ndim() > 2 {
            return raise(ExcKind::ValueError, format!("Expected 1D or 2D array, got {}D array instead", x.ndim()));
        }
        let x = if x.ndim() == 1 { shape::reshape_to(&x, &[x.size(), 1]) } else { x };
        let (nrow, ncol) = (x.shape()[0], x.shape()[1]);
        let delimiter = text_arg(&delimiter, "delimiter")?;
        let newline = text_arg(&newline, "newline")?;
        let comments = text_arg(&comments, "comments")?;
        let header = text_arg(&header, "header")?;
        let footer = text_arg(&footer, "footer")?;
        let format = row_format(it, &fmt, &delimiter, ncol)?;
        let mut out = String::new();
        if !header.is_empty() {
            out.push_str(&comments);
            out.push_str(&header.replace('\n', &format!("\n{}", comments)));
            out.push_str(&newline);
        }
        for r in 0..nrow {
            let row: Vec<Value> = (0..ncol).map(|c| element(&x, r * ncol + c)).collect();
            let line = it.percent_format(&format, &Value::tuple(row)).map_err(|e| match e {
                crate::eval::Flow::Error(ex) if ex.is(ExcKind::TypeError) => err(
                    ExcKind::TypeError,
                    format!("Mismatch between array dtype ('{}') and format specifier ('{}')", x.dtype().name(), format),
                ),
                other => other,
            })?;
            out.push_str(&line);
            out.push_str(&newline);
        }
        if !footer.is_empty() {
            out.push_str(&comments);
            out.push_str(&footer.replace('\n', &format!("\n{}", comments)));
            out.push_str(&newline);
        }
        write_text(it, &fname, &out)
    }
}

/// Writes `text` to a path, or through the `write` method of a file object.
fn write_text(it: &mut Interp, fname: &Value, text: &str) -> R<Value> {
    let is_path = matches!(fname, Value::Str(_))
        || (matches!(fname, Value::Object(_)) && it.special_method(fname, "__fspath__")?.is_some());
    if is_path {
        let path = crate::pylib::oserror::fspath(it, fname)?;
        std::fs::write(&path, text.as_bytes())
            .map_err(|e| crate::pylib::oserror::os_error(&e, &path))?;
        return Ok(Value::None);
    }
    let Ok(write) = it.get_attr(fname, "write") else {
        return raise(ExcKind::ValueError, "fname must be a string or file handle");
    };
    match it.call(&write, Args::new(vec![Value::str(text)])) {
        Err(crate::eval::Flow::Error(e)) if e.is(ExcKind::TypeError) => {
            let bytes = Value::Bytes(Rc::from(text.as_bytes()));
            it.call(&write, Args::new(vec![bytes]))?;
        }
        r => {
            r?;
        }
    }
    Ok(Value::None)
}
