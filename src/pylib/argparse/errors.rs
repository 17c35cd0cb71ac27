//! `argparse.ArgumentError` and `argparse.ArgumentTypeError`, and how a parser reports a
//! bad command line: the usage and `PROG: error: MESSAGE` on `sys.stderr`, then
//! `SystemExit(2)`.

use super::action::Action;
use crate::errors::ExcKind;
use crate::eval::error::{Exception, Flow, R};
use crate::eval::value::{Args, Class, Instance, Value};
use crate::eval::Interp;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Makes the two exception classes.
pub(crate) fn classes() -> (Value, Value) {
    let class = |name: &str| {
        Value::Class(Rc::new(Class {
            name: name.into(),
            bases: vec![Value::ExcClass(ExcKind::Exception)],
            dict: RefCell::new(HashMap::from([(
                "__module__".to_string(),
                Value::str("argparse"),
            )])),
        }))
    };
    (class("ArgumentError"), class("ArgumentTypeError"))
}

fn module_class(it: &Interp, name: &str) -> Option<Rc<Class>> {
    match it.modules.get("argparse") {
        Some(Value::Module(m)) => match m.get(name) {
            Some(Value::Class(c)) => Some(c),
            _ => None,
        },
        _ => None,
    }
}

/// `ArgumentError(action, message)`, as raised: its text names the argument.
pub(crate) fn argument_error(it: &mut Interp, action: &Action, message: &str) -> R<Flow> {
    let name = action.name(it)?;
    let text = match &name {
        Some(n) => format!("argument {}: {}", n, message),
        None => message.to_string(),
    };
    let mut e = Exception::new(ExcKind::Exception, text.clone());
    if let Some(class) = module_class(it, "ArgumentError") {
        let mut dict = HashMap::new();
        dict.insert(
            "argument_name".to_string(),
            name.as_deref().map_or(Value::None, Value::str),
        );
        dict.insert("message".to_string(), Value::str(message));
        dict.insert("args".to_string(), Value::tuple(vec![Value::str(&text)]));
        e.value = Some(Value::Instance(Rc::new(Instance {
            class,
            dict: RefCell::new(dict),
            attr_order: RefCell::new(vec!["argument_name".into(), "message".into()]),
            native: RefCell::new(None),
        })));
    }
    Ok(Flow::Error(Box::new(e)))
}

/// Whether an error is an `ArgumentError`; its text if so.
pub(crate) fn as_argument_error(it: &Interp, f: &Flow) -> Option<String> {
    is_class(it, f, "ArgumentError")
}

/// Whether an error is an `ArgumentTypeError`; its text if so.
pub(crate) fn as_type_error(it: &Interp, f: &Flow) -> Option<String> {
    is_class(it, f, "ArgumentTypeError")
}

fn is_class(it: &Interp, f: &Flow, name: &str) -> Option<String> {
    let Flow::Error(e) = f else { return None };
    let Some(Value::Instance(inst)) = &e.value else {
        return None;
    };
    let class = module_class(it, name)?;
    crate::eval::dunder::mro(&inst.class)
        .iter()
        .any(|c| Rc::ptr_eq(c, &class))
        .then(|| e.message.clone())
}

/// Writes `text` to `sys.stdout` or `sys.stderr` as they are now (a redirected stream
/// receives it).
pub(crate) fn write_stream(it: &mut Interp, err: bool, text: &str) -> R<()> {
    let name = if err { "stderr" } else { "stdout" };
    let stream = match it.modules.get("sys") {
        Some(Value::Module(m)) => m.get(name),
        _ => None,
    };
    match stream {
        Some(s) => write_to(it, &s, text),
        None => {
            it.write_out(text);
            Ok(())
        }
    }
}

/// `file.write(text)`; like CPython's `_print_message`, nothing for empty text.
pub(crate) fn write_to(it: &mut Interp, file: &Value, text: &str) -> R<()> {
    if text.is_empty() {
        return Ok(());
    }
    let w = match it.get_attr(file, "write") {
        Ok(w) => w,
        Err(Flow::Error(e)) if e.is(ExcKind::AttributeError) => return Ok(()),
        Err(e) => return Err(e),
    };
    match it.call(&w, Args::new(vec![Value::str(text)])) {
        Ok(_) => Ok(()),
        Err(Flow::Error(e))
            if e.is(ExcKind::AttributeError) || e.kind.is_subclass_of(ExcKind::OSError) =>
        {
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// `SystemExit(status)`.
pub(crate) fn exit(status: Value) -> Flow {
    crate::eval::error::system_exit(status)
}
