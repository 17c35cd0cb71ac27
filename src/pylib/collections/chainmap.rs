//! `collections.ChainMap`: several mappings searched in order as one.

use crate::eval::error::{key_err, R};
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use crate::pylib::pyclass::{method, PyClass};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The `ChainMap` class.
pub(super) fn class() -> Value {
    PyClass::value("ChainMap", "collections", Some(new_chainmap), |v| {
        v.as_object::<ChainMap>().is_some()
    })
}

fn new_dict() -> Value {
    Value::Dict(Rc::new(RefCell::new(Dict::default())))
}

fn new_chainmap(_: &mut Interp, class: &Value, args: Args) -> R<Value> {
    let mut maps = args.pos;
    if maps.is_empty() {
        maps.push(new_dict());
    }
    Ok(Value::Object(Rc::new(ChainMap {
        class: class.clone(),
        maps: Value::list(maps),
    })))
}

/// A chain of mappings; `maps` is a list the program may change.
struct ChainMap {
    class: Value,
    maps: Value,
}

impl ChainMap {
    fn maps(&self) -> Vec<Value> {
        match &self.maps {
            Value::List(l) => l.borrow().clone(),
            _ => Vec::new(),
        }
    }

    /// The merged view: every key once, values from the first mapping that has it.
    fn merged(&self, it: &mut Interp) -> R<Value> {
        let out = new_dict();
        let maps = self.maps();
        for m in maps.iter().rev() {
            for k in it.collect_items(m)? {
                if let Value::Dict(d) = &out {
                    d.borrow_mut().insert(k, Value::None)?;
                }
            }
        }
        let keys = match &out {
            Value::Dict(d) => d.borrow().keys.clone(),
            _ => Vec::new(),
        };
        for k in keys {
            let v = self.lookup(it, &k)?.unwrap_or(Value::None);
            if let Value::Dict(d) = &out {
                d.borrow_mut().insert(k, v)?;
            }
        }
        Ok(out)
    }

    fn lookup(&self, it: &mut Interp, k: &Value) -> R<Option<Value>> {
        for m in self.maps() {
            if it.contains(&m, k)? {
                return Ok(Some(it.get_item(&m, k)?));
            }
        }
        Ok(None)
    }
}

const METHODS: &[&str] = &[
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__len__",
    "__iter__",
    "__contains__",
    "get",
    "keys",
    "values",
    "items",
    "new_child",
];

impl Object for ChainMap {
    fn type_name(&self) -> String {
        "ChainMap".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "maps" => Some(self.maps.clone()),
            "parents" => Some(Value::Object(Rc::new(ChainMap {
                class: self.class.clone(),
                maps: Value::list(self.maps().into_iter().skip(1).collect()),
            }))),
            "__class__" => Some(self.class.clone()),
            _ => method(this, name, METHODS, chainmap_method),
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let mut parts = Vec::new();
        for m in self.maps() {
            parts.push(it.repr(&m)?);
        }
        Ok(format!("ChainMap({})", parts.join(", ")))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn chainmap_method(it: &mut Interp, this: &Value, name: &str, args: Args) -> R<Value> {
    let Some(c) = this.as_object::<ChainMap>() else {
        return Ok(Value::None);
    };
    let arg0 = args.pos.first().cloned().unwrap_or(Value::None);
    let first = c.maps().first().cloned().unwrap_or(Value::None);
    match name {
        "__getitem__" => match c.lookup(it, &arg0)? {
            Some(v) => Ok(v),
            None => {
                let shown = it.repr(&arg0)?;
                Err(key_err(arg0, shown))
            }
        },
        "get" => Ok(c
            .lookup(it, &arg0)?
            .or_else(|| args.pos.get(1).cloned())
            .unwrap_or(Value::None)),
        "__setitem__" => {
            it.set_item(
                &first,
                &arg0,
                args.pos.get(1).cloned().unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        }
        "__delitem__" => {
            it.del_item(&first, &arg0)?;
            Ok(Value::None)
        }
        "__contains__" => Ok(Value::Bool(c.lookup(it, &arg0)?.is_some())),
        "__len__" => {
            let m = c.merged(it)?;
            Ok(Value::Int(it.collect_items(&m)?.len() as i64))
        }
        "__iter__" => {
            let m = c.merged(it)?;
            it.iter_of(&m)
        }
        "new_child" => {
            let mut maps = vec![if matches!(arg0, Value::None) {
                new_dict()
            } else {
                arg0
            }];
            maps.extend(c.maps());
            Ok(Value::Object(Rc::new(ChainMap {
                class: c.class.clone(),
                maps: Value::list(maps),
            })))
        }
        _ => {
            let m = c.merged(it)?;
            let f = it.get_attr(&m, name)?;
            it.call(&f, args)
        }
    }
}
