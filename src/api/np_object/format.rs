//! `repr` and `str` of object arrays as numpy 1.26 prints them: each element by its
//! `repr`, a list as `list([...])`, no padding, lines wrapped at the print options'
//! width and long axes summarized with `...` (only the shown elements are formatted).
//! The layout follows numpy's `_formatArray`, as `crate::print::array` does for numbers.

use super::ObjArray;
use crate::eval::error::R;
use crate::eval::{Interp, Value};
use crate::print::array::{layout, Shown};
use crate::print::options;

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

fn body(it: &mut Interp, a: &ObjArray, sep: &str, prefix: &str, suffix: &str) -> R<String> {
    let o = options::current();
    let sh = shown(it, a, &o)?;
    Ok(layout(&sh, sep, prefix, suffix))
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
