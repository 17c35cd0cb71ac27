//! The methods of Python's own containers (list, tuple, dict, set) and the tables of
//! method names of the builtin types, which attribute lookup and completion share.

use super::attrs::{no_attr, norm_index};
use super::error::{key_err, key_str_err, raise, R};
use super::value::{Args, Dict, Value};
use super::Interp;
use crate::errors::ExcKind;
use std::cell::RefCell;
use std::rc::Rc;

pub const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "count",
    "format",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isspace",
    "isalnum",
    "isupper",
    "islower",
    "splitlines",
    "partition",
    "rpartition",
    "swapcase",
    "casefold",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "expandtabs",
    "rindex",
    "format_map",
    "translate",
    "removeprefix",
    "removesuffix",
    "istitle",
    "isascii",
    "isprintable",
];
pub const LIST_METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "index", "count", "sort", "reverse", "clear",
    "copy",
];
pub const DICT_METHODS: &[&str] = &[
    "keys",
    "values",
    "items",
    "get",
    "pop",
    "setdefault",
    "update",
    "clear",
    "copy",
    "popitem",
];
pub const TUPLE_METHODS: &[&str] = &["index", "count"];

pub(super) fn list_method(
    it: &mut Interp,
    recv: &Value,
    name: &'static str,
    args: Args,
) -> R<Value> {
    let items: Vec<Value> = it.collect_items(recv)?;
    let list = match recv {
        Value::List(l) => Some(l.clone()),
        _ => None,
    };
    let need_list = || list.clone().ok_or_else(|| no_attr(recv, name));
    match name {
        "append" => {
            let [x] = args.bind("append", ["object"])?;
            let l = need_list()?;
            super::budget::grow(l.borrow().len())?;
            l.borrow_mut().push(x.unwrap_or(Value::None));
            Ok(Value::None)
        }
        "extend" => {
            let [x] = args.bind("extend", ["iterable"])?;
            let new: Vec<Value> = it.collect_items(&x.unwrap_or(Value::None))?;
            need_list()?.borrow_mut().extend(new);
            Ok(Value::None)
        }
        "insert" => {
            let [i, x] = args.bind("insert", ["index", "object"])?;
            let l = need_list()?;
            let n = l.borrow().len() as i64;
            let i = it.index_of(&i.unwrap_or(Value::Int(0)), "list")?;
            let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
            l.borrow_mut().insert(i as usize, x.unwrap_or(Value::None));
            Ok(Value::None)
        }
        "pop" => {
            let [i] = args.bind("pop", ["index=-1"])?;
            let l = need_list()?;
            let n = l.borrow().len();
            if n == 0 {
                return raise(ExcKind::IndexError, "pop from empty list");
            }
            let i = match i {
                Some(v) => it.index_of(&v, "list")?,
                None => -1,
            };
            let i = norm_index(i, n, "pop")?;
            let v = l.borrow_mut().remove(i);
            Ok(v)
        }
        "remove" => {
            let [x] = args.bind("remove", ["value"])?;
            let x = x.unwrap_or(Value::None);
            for (i, v) in items.iter().enumerate() {
                if it.equal(v, &x)? {
                    need_list()?.borrow_mut().remove(i);
                    return Ok(Value::None);
                }
            }
            raise(ExcKind::ValueError, "list.remove(x): x not in list")
        }
        "index" => {
            let x = args.pos.first().cloned().unwrap_or(Value::None);
            for (i, v) in items.iter().enumerate() {
                if it.equal(v, &x)? {
                    return Ok(Value::Int(i as i64));
                }
            }
            let r = it.repr(&x)?;
            raise(
                ExcKind::ValueError,
                format!(
                    "{} is not in {}",
                    r,
                    if list.is_some() { "list" } else { "tuple" }
                ),
            )
        }
        "count" => {
            let x = args.pos.first().cloned().unwrap_or(Value::None);
            let mut n = 0;
            for v in &items {
                if it.equal(v, &x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
        "sort" => {
            let [key, reverse] = args.bind("sort", ["*key=None", "*reverse=False"])?;
            let sorted = super::builtins::sort_values(it, items, key, reverse)?;
            *need_list()?.borrow_mut() = sorted;
            Ok(Value::None)
        }
        "reverse" => {
            need_list()?.borrow_mut().reverse();
            Ok(Value::None)
        }
        "clear" => {
            need_list()?.borrow_mut().clear();
            Ok(Value::None)
        }
        "copy" => Ok(Value::list(items)),
        _ => Err(no_attr(recv, name)),
    }
}

pub(super) fn dict_method(
    it: &mut Interp,
    recv: &Value,
    name: &'static str,
    args: Args,
) -> R<Value> {
    let Value::Dict(d) = recv else {
        return Err(no_attr(recv, name));
    };
    match name {
        "keys" | "values" | "items" => {
            let d = d.borrow();
            let (kind, entries) = match name {
                "keys" => ("dict_keys", d.keys.clone()),
                "values" => ("dict_values", d.values.clone()),
                _ => (
                    "dict_items",
                    d.keys
                        .iter()
                        .zip(&d.values)
                        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                ),
            };
            Ok(Value::Object(std::rc::Rc::new(super::views::DictView {
                kind,
                entries,
            })))
        }
        "get" => {
            let [k, default] = args.bind("get", ["key", "default=None"])?;
            let got = d.borrow().get(&k.unwrap_or(Value::None))?;
            Ok(got.or(default).unwrap_or(Value::None))
        }
        "pop" => {
            let k = args.pos.first().cloned().unwrap_or(Value::None);
            let removed = d.borrow_mut().remove(&k)?;
            match (removed, args.pos.get(1)) {
                (Some(v), _) => Ok(v),
                (None, Some(def)) => Ok(def.clone()),
                (None, None) => Err(key_err(k.clone(), it.repr(&k)?)),
            }
        }
        "popitem" => {
            let last = d.borrow().keys.last().cloned();
            match last {
                Some(k) => {
                    let v = d.borrow_mut().remove(&k)?.unwrap_or(Value::None);
                    Ok(Value::tuple(vec![k, v]))
                }
                None => Err(key_str_err("popitem(): dictionary is empty")),
            }
        }
        "setdefault" => {
            let [k, default] = args.bind("setdefault", ["key", "default=None"])?;
            let k = k.unwrap_or(Value::None);
            let got = d.borrow().get(&k)?;
            match got {
                Some(v) => Ok(v),
                None => {
                    let v = default.unwrap_or(Value::None);
                    d.borrow_mut().insert(k, v.clone())?;
                    Ok(v)
                }
            }
        }
        "update" => {
            if let Some(other) = args.pos.first() {
                let pairs: Vec<(Value, Value)> = match other {
                    Value::Dict(o) => {
                        let o = o.borrow();
                        o.keys
                            .iter()
                            .cloned()
                            .zip(o.values.iter().cloned())
                            .collect()
                    }
                    _ => {
                        let mut v = Vec::new();
                        for item in it.collect_items(other)? {
                            let kv: Vec<Value> = it.collect_items(&item)?;
                            if kv.len() != 2 {
                                return raise(
                                    ExcKind::ValueError,
                                    "dictionary update sequence element has wrong length",
                                );
                            }
                            v.push((kv[0].clone(), kv[1].clone()));
                        }
                        v
                    }
                };
                for (k, v) in pairs {
                    d.borrow_mut().insert(k, v)?;
                }
            }
            for (k, v) in args.kw {
                d.borrow_mut().insert(Value::str(&k), v)?;
            }
            Ok(Value::None)
        }
        "clear" => {
            *d.borrow_mut() = Dict::default();
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))),
        _ => Err(no_attr(recv, name)),
    }
}
