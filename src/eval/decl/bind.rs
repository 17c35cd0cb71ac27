//! Binding a call's arguments to a declaration's parameters, with the errors CPython
//! or TensorFlow's dispatcher raise.

use super::{Decl, ParamKind, Style};
use crate::eval::error::{missing_args, type_err, R};
use crate::eval::value::{Args, Dict, Value};
use std::cell::RefCell;
use std::rc::Rc;

/// What a bound call's builtin carries: its declaration and its defaults as values.
pub struct Bindable {
    pub decl: &'static Decl,
    pub defaults: Vec<Option<Value>>,
}

impl Bindable {
    /// Binds `args` to the parameters as Python does, with the declaration's wording for
    /// errors: one value per parameter, defaults filled in. Errors come in CPython's order:
    /// keywords first, then surplus positionals, then missing arguments (TensorFlow's
    /// dispatcher counts the positionals first).
    pub fn bind(&self, args: Args) -> R<Vec<Value>> {
        let d = self.decl;
        let params = d.params;
        let n_pos = params
            .iter()
            .filter(|p| p.kind == ParamKind::Positional)
            .count();
        let var_args = params.iter().position(|p| p.kind == ParamKind::VarArgs);
        let var_kw = params.iter().position(|p| p.kind == ParamKind::VarKw);
        let mut out: Vec<Option<Value>> = vec![None; params.len()];
        let given = args.pos.len();
        let too_many = given > n_pos && var_args.is_none();
        if too_many && d.style == Style::Dispatch {
            return Err(self.too_many(n_pos, given, 0));
        }
        let mut pos = args.pos.into_iter();
        for (slot, _) in out
            .iter_mut()
            .zip(params)
            .take_while(|(_, p)| p.kind == ParamKind::Positional)
        {
            match pos.next() {
                Some(v) => *slot = Some(v),
                None => break,
            }
        }
        let extra: Vec<Value> = pos.collect();
        if let Some(i) = var_args {
            out[i] = Some(Value::tuple(extra));
        }
        let mut kw_dict = Dict::default();
        for (k, v) in args.kw {
            let slot = params.iter().position(|p| {
                p.name == k && matches!(p.kind, ParamKind::Positional | ParamKind::KeywordOnly)
            });
            match slot {
                Some(i) if out[i].is_some() => {
                    return Err(type_err(match d.style {
                        Style::Dispatch => format!("Got multiple values for argument '{}'", k),
                        _ => format!(
                            "{}() got multiple values for argument '{}'",
                            self.err_name(),
                            k
                        ),
                    }))
                }
                Some(i) => out[i] = Some(v),
                None if var_kw.is_some() => kw_dict.insert(Value::str(&k), v)?,
                None => {
                    return Err(type_err(match d.style {
                        Style::Dispatch => format!("Got an unexpected keyword argument '{}'", k),
                        _ => format!(
                            "{}() got an unexpected keyword argument '{}'",
                            self.err_name(),
                            k
                        ),
                    }))
                }
            }
        }
        if too_many {
            let kwonly_given = params
                .iter()
                .zip(&out)
                .filter(|(p, v)| p.kind == ParamKind::KeywordOnly && v.is_some())
                .count();
            return Err(self.too_many(n_pos, given, kwonly_given));
        }
        if let Some(i) = var_kw {
            out[i] = Some(Value::Dict(Rc::new(RefCell::new(kw_dict))));
        }
        self.fill_defaults(out)
    }

    /// Fills in the defaults of parameters not given; the error for required ones.
    fn fill_defaults(&self, mut out: Vec<Option<Value>>) -> R<Vec<Value>> {
        let mut missing_pos = Vec::new();
        let mut missing_kw = Vec::new();
        for (i, p) in self.decl.params.iter().enumerate() {
            if out[i].is_none() {
                match &self.defaults[i] {
                    Some(v) => out[i] = Some(v.clone()),
                    None if p.kind == ParamKind::Positional => missing_pos.push(p.name.into()),
                    None => missing_kw.push(p.name.to_string()),
                }
            }
        }
        if !missing_pos.is_empty() || !missing_kw.is_empty() {
            if self.decl.style == Style::Dispatch {
                return Err(type_err("Missing required positional argument"));
            }
            let (list, kind) = if missing_pos.is_empty() {
                (missing_kw, "keyword-only")
            } else {
                (missing_pos, "positional")
            };
            return Err(type_err(missing_args(self.err_name(), &list, kind)));
        }
        Ok(out.into_iter().map(|v| v.unwrap_or(Value::None)).collect())
    }

    fn err_name(&self) -> &'static str {
        match self.decl.style {
            Style::Op(py) => py,
            _ => self.decl.name,
        }
    }

    /// CPython's (or the dispatcher's) words for surplus positional arguments.
    fn too_many(&self, max: usize, given: usize, kwonly_given: usize) -> crate::eval::error::Flow {
        if self.decl.style == Style::Dispatch {
            return type_err(format!(
                "Too many arguments were given. Expected {} but got {}.",
                max, given
            ));
        }
        let min = self
            .decl
            .params
            .iter()
            .enumerate()
            .filter(|(i, p)| p.kind == ParamKind::Positional && self.defaults[*i].is_none())
            .count();
        let s = |n: usize| if n == 1 { "" } else { "s" };
        let takes = if min == max {
            format!("{} positional argument{}", max, s(max))
        } else {
            format!("from {} to {} positional arguments", min, max)
        };
        let kwonly = if kwonly_given > 0 {
            format!(
                " positional argument{} (and {} keyword-only argument{})",
                s(given),
                kwonly_given,
                s(kwonly_given)
            )
        } else {
            String::new()
        };
        type_err(format!(
            "{}() takes {} but {}{} {} given",
            self.err_name(),
            takes,
            given,
            kwonly,
            if given == 1 && kwonly_given == 0 {
                "was"
            } else {
                "were"
            }
        ))
    }
}
