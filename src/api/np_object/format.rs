//! `repr` and `str` of object arrays as numpy 1.26 prints them: each element by its
//! `repr`, a list as `list([...])`, no padding, lines wrapped at the print options'
//! width and long axes summarized with `...` (only the shown elements are formatted).
//! The layout follows numpy's `_formatArray`, as `crate::print::array` does for numbers.

use super::ObjArray;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::print::options;

/// The formatted elements of the shown part of an array and how its axes were cut.
struct Shown {
    words: Vec<String>,
    shape: Vec<usize>,
    cut: Vec<bool>,
    edge: usize,
}

fn word(it: &mut Interp, v: &Value) -> R<String> {
    match v {
        Value::List(_) => Ok(format!("list({})", it.repr(v)?)),
        v => it.repr(v),
    }
}

fn shown(it: &mut Interp, a: &ObjArray, o: &options::PrintOptions) -> R<Shown> {
    let items = a.items.borrow().clone();
    let summarize = o.summarizes(items.len());
    let edge = o.edge();
    let mut kept: Vec<Vec<usize>> = Vec::new();
    let mut cut = Vec::new();
    for &n in &a.shape {
        if summarize && n > 2 * edge {
            kept.push((0..edge).chain(n - edge.max(1)..n).collect());
            cut.push(true);
        } else {
            kept.push((0..n).collect());
            cut.push(false);
        }
    }
    let shape: Vec<usize> = kept.iter().map(|k| k.len()).collect();
    let count: usize = shape.iter().product();
    let mut strides = vec![1usize; a.shape.len()];
    for d in (0..a.shape.len().saturating_sub(1)).rev() {
        strides[d] = strides[d + 1] * a.shape[d + 1];
    }
    let mut words = Vec::with_capacity(count);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..count {
        it.check_interrupt()?;
        let f: usize = idx
            .iter()
            .enumerate()
            .map(|(d, &i)| kept[d][i] * strides[d])
            .sum();
        words.push(word(it, &items[f])?);
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(Shown {
        words,
        shape,
        cut,
        edge,
    })
}

fn extend_line(s: &mut String, line: &mut String, word: &str, width: usize, prefix: &str) {
    let needs_wrap = line.len() + word.len() > width && line.len() > prefix.len();
    if needs_wrap {
        s.push_str(line.trim_end());
        s.push('\n');
        *line = prefix.to_string();
    }
    line.push_str(word);
}

fn recurse(
    sh: &Shown,
    axis: usize,
    offset: usize,
    hanging: &str,
    width: usize,
    sep: &str,
) -> String {
    let ndim = sh.shape.len();
    if axis == ndim {
        return sh.words[offset].clone();
    }
    let axes_left = ndim - axis;
    let next_hanging = format!("{} ", hanging);
    let next_width = width.saturating_sub(1);
    let len = sh.shape[axis];
    let stride: usize = sh.shape[axis + 1..].iter().product();
    let (leading, trailing) = if sh.cut[axis] {
        (sh.edge, sh.edge.max(1))
    } else {
        (0, len)
    };
    let child = |i: usize| {
        recurse(
            sh,
            axis + 1,
            offset + i * stride,
            &next_hanging,
            next_width,
            sep,
        )
    };
    let mut s = String::new();
    if axes_left == 1 {
        let elem_width = width.saturating_sub(sep.trim_end().len().max(1));
        let mut line = hanging.to_string();
        for i in 0..leading {
            extend_line(&mut s, &mut line, &child(i), elem_width, hanging);
            line.push_str(sep);
        }
        if sh.cut[axis] {
            extend_line(&mut s, &mut line, "...", elem_width, hanging);
            line.push_str(sep);
        }
        for i in (2..=trailing).rev() {
            extend_line(&mut s, &mut line, &child(len - i), elem_width, hanging);
            line.push_str(sep);
        }
        extend_line(&mut s, &mut line, &child(len - 1), elem_width, hanging);
        s.push_str(&line);
    } else {
        let line_sep = format!("{}{}", sep.trim_end(), "\n".repeat(axes_left - 1));
        for i in 0..leading {
            s.push_str(hanging);
            s.push_str(&child(i));
            s.push_str(&line_sep);
        }
        if sh.cut[axis] {
            s.push_str(hanging);
            s.push_str("...");
            s.push_str(&line_sep);
        }
        for i in (2..=trailing).rev() {
            s.push_str(hanging);
            s.push_str(&child(len - i));
            s.push_str(&line_sep);
        }
        s.push_str(hanging);
        s.push_str(&child(len - 1));
    }
    format!("[{}]", &s[hanging.len()..])
}

fn body(it: &mut Interp, a: &ObjArray, sep: &str, prefix: &str, suffix: &str) -> R<String> {
    let o = options::current();
    let sh = shown(it, a, &o)?;
    let width = o.width().saturating_sub(suffix.len());
    Ok(recurse(
        &sh,
        0,
        0,
        &" ".repeat(prefix.len() + 1),
        width,
        sep,
    ))
}

/// numpy's `str(array)` of an object array.
pub(super) fn str(it: &mut Interp, a: &ObjArray) -> R<String> {
    if a.shape.is_empty() {
        let v = a.items.borrow().first().cloned().unwrap_or(Value::None);
        return it.str_of(&v);
    }
    if a.len() == 0 {
        return Ok("[]".into());
    }
    body(it, a, " ", "", "")
}

/// numpy's `repr(array)` of an object array: `array([...], dtype=object)`.
pub(super) fn repr(it: &mut Interp, a: &ObjArray) -> R<String> {
    let s = if a.shape.is_empty() {
        let v = a.items.borrow().first().cloned().unwrap_or(Value::None);
        format!("array({},", word(it, &v)?)
    } else if a.len() == 0 && a.shape.len() == 1 {
        "array([],".to_string()
    } else if a.len() == 0 {
        format!("array([], shape={},", crate::print::shape_tuple(&a.shape))
    } else {
        format!("array({},", body(it, a, ", ", "array(", ",")?)
    };
    let dtype = "dtype=object)";
    let last_line = s.len() - s.rfind('\n').map(|p| p + 1).unwrap_or(0);
    if last_line + dtype.len() + 1 > options::current().width() {
        Ok(format!("{}\n      {}", s, dtype))
    } else {
        Ok(format!("{} {}", s, dtype))
    }
}
