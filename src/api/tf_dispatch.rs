//! TensorFlow's dispatch of its functions to composite tensors: `tf.add(rt, 1)`,
//! `tf.reduce_sum(rt, axis=1)` or `tf.abs(st)` on a `tf.RaggedTensor` or `tf.SparseTensor`
//! run the composite's own version. Those classes are written in Python; each keeps a
//! `_tf_dispatch` dict from a function's path (`"tf.math.add"`) to its version, which is
//! called with the builtin first and then the call's own arguments.

use crate::eval::error::R;
use crate::eval::value::Args;
use crate::eval::{Interp, Value};

/// Installs the hook (once a composite class exists, so other sessions pay nothing).
pub(crate) fn enable(it: &mut Interp) {
    it.hooks.instance_call = Some(instance_call);
}

/// The `_tf_dispatch` table of the first argument (or list item) whose class has one.
fn table_of(args: &Args) -> Option<Value> {
    fn find(v: &Value, depth: u8) -> Option<Value> {
        match v {
            Value::Instance(i) => i.class.lookup("_tf_dispatch"),
            Value::List(l) if depth > 0 => l.borrow().iter().find_map(|x| find(x, depth - 1)),
            Value::Tuple(t) if depth > 0 => t.iter().find_map(|x| find(x, depth - 1)),
            _ => None,
        }
    }
    args.pos
        .iter()
        .chain(args.kw.iter().map(|(_, v)| v))
        .find_map(|v| find(v, 2))
}

/// The hook: the composite's version of builtin `f`, when it has one.
fn instance_call(it: &mut Interp, f: &Value, args: &Args) -> R<Option<Value>> {
    let Value::Builtin(b) = f else {
        return Ok(None);
    };
    let Some(d) = &b.decl else {
        return Ok(None);
    };
    let Some(Value::Dict(table)) = table_of(args) else {
        return Ok(None);
    };
    for path in d.decl.paths {
        let handler = table.borrow().get(&Value::str(path))?;
        if let Some(h) = handler {
            let mut full = args.clone();
            full.pos.insert(0, f.clone());
            return it.call(&h, full).map(Some);
        }
    }
    Ok(None)
}
