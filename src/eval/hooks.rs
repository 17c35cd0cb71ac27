//! What the evaluator asks of the layers above it. The evaluator runs Python and knows
//! nothing of TensorFlow or Keras; where Python semantics reach a tensor, an array or an
//! instance with a native (Keras) base, it calls through this table, which `api` and `nn`
//! fill in when a session is assembled. The defaults raise what Python raises for a value
//! nothing above has claimed.

use super::error::{type_err, R};
use super::value::{Args, Object, Value};
use super::Interp;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};

/// A statement of control flow handed to [`Hooks::graph_control`].
pub enum Control<'a> {
    If {
        test: &'a Value,
        body: &'a [crate::syntax::ast::Stmt],
        orelse: &'a [crate::syntax::ast::Stmt],
    },
    For {
        target: &'a crate::syntax::ast::Expr,
        iter: &'a Value,
        body: &'a [crate::syntax::ast::Stmt],
    },
    While {
        test: &'a crate::syntax::ast::Expr,
        body: &'a [crate::syntax::ast::Stmt],
    },
}

/// An expression whose value turns on a native object's truth, handed to
/// [`Hooks::graph_pick`] with that object: `first and rest...`, `first or rest...`, or
/// `body if test else orelse`.
pub enum Pick<'a> {
    And(&'a [crate::syntax::ast::Expr]),
    Or(&'a [crate::syntax::ast::Expr]),
    IfExp {
        body: &'a crate::syntax::ast::Expr,
        orelse: &'a crate::syntax::ast::Expr,
    },
}

/// The hook for [`Pick`]s: (interp, deciding value, expression) -> the value, if taken.
pub type GraphPick = fn(&mut Interp, &Value, Pick<'_>) -> R<Option<Value>>;

/// A hook for a builtin called with native objects: (interp, builtin, arguments).
pub type SymbolicCall = fn(&mut Interp, &Value, &Args) -> R<Option<Value>>;

/// The entry points installed into the evaluator at start-up.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// `-x`, `+x`, `~x` for a tensor, array or variable.
    pub tensor_unary: fn(&mut Interp, UnaryOp, &Value) -> R<Value>,
    /// `a OP b` when either side is a tensor, array or variable.
    pub tensor_binary: fn(&mut Interp, BinOp, &Value, &Value) -> R<Value>,
    /// `a < b`, `a == b`... when either side is a tensor, array or variable.
    pub tensor_compare: fn(&mut Interp, CmpOp, &Value, &Value) -> R<Value>,
    /// `bool(x)` of a tensor, array or variable.
    pub tensor_truth: fn(&Value) -> R<bool>,
    /// The items iterating a tensor, array or variable yields.
    pub tensor_iter: fn(&Value) -> R<Vec<Value>>,
    /// `len(x)` for what the builtin does not know (tensors, arrays, shapes).
    pub tensor_len: fn(&Value) -> R<Value>,
    /// `abs(x)` for what is not a Python number.
    pub tensor_abs: fn(&mut Interp, Value) -> R<Value>,
    /// `int(x)`, `float(x)`, `round(x)` of a tensor, array or variable; the second argument
    /// names the builtin.
    pub scalar_of: fn(&Value, &str) -> R<Value>,
    /// Attributes of the values the evaluator has no attributes for (tensors, dtypes,
    /// shapes...); None when there is no such attribute.
    pub value_attr: fn(&mut Interp, &Value, &str) -> R<Option<Value>>,
    /// `obj[index]` for the values the evaluator cannot index.
    pub value_item: fn(&mut Interp, &Value, &Value) -> R<Value>,
    /// `a[index] = value` for a numpy array.
    pub array_set_item: fn(&mut Interp, &Value, &Value, Value) -> R<()>,
    /// `a op= b` for a numpy array: written in place.
    pub array_inplace: fn(&mut Interp, BinOp, &Value, &Value) -> R<Value>,
    /// `T[index]` where T is a builtin type (`list[int]`); other builtins go on to
    /// `value_item`.
    pub type_item: fn(&mut Interp, &Value, &Value) -> R<Value>,
    /// `isinstance(x, T)` where T is a builtin marker type named `T` (`tensorflow.Tensor`...).
    pub isinstance_native: fn(&Value, &str) -> bool,
    /// `isinstance(x, C)` where C is a native class object (Keras classes).
    pub isinstance_object: fn(&Value, &dyn Object) -> bool,
    /// `isinstance(x, C)` where C is a Python class and x a native value (Keras's built-in
    /// regularizers are instances of its Python `Regularizer` base).
    pub isinstance_class: fn(&Value, &super::value::Class) -> bool,
    /// An attribute the native part of a user-class instance provides: (native, this, name).
    pub native_attr: fn(&mut Interp, &Value, &Value, &str) -> R<Option<Value>>,
    /// Sets an attribute on the native part of an instance: (native, this, name, value);
    /// false when the native part does not take it.
    pub native_set_attr: fn(&mut Interp, &Value, &Value, &str, &Value) -> R<bool>,
    /// Calling a dtype: `np.float32(2.5)` makes a numpy scalar (or array) of that type.
    pub dtype_call: fn(&mut Interp, &Value, Args) -> R<Value>,
    /// Sets up the native part of an instance whose class derives from a native base:
    /// (base, instance, args); args is None at creation and Some when the class has no
    /// `__init__` of its own.
    pub init_native_base: fn(&mut Interp, &Value, &Value, Option<Args>) -> R<()>,
    /// `super().NAME` when the next class up is native: (base, receiver, name).
    pub native_super_attr: fn(&mut Interp, &Value, &Value, &str) -> R<Option<Value>>,
    /// A declared builtin called with a native object among its arguments: the call's
    /// result when the hook takes it (a TensorFlow function applied to a symbolic Keras
    /// tensor becomes a layer of a functional model), None to run the builtin as usual.
    /// Unset until a session makes its first symbolic tensor, so other sessions' calls
    /// pay nothing for it.
    pub symbolic_call: Option<SymbolicCall>,
    /// A declared builtin called with an instance of a Python class among its arguments:
    /// the call's result when the class overrides the function (TensorFlow's dispatch of
    /// `tf.add`, `tf.reduce_sum`... to `tf.RaggedTensor` and `tf.SparseTensor`), None to run
    /// the builtin as usual. Unset until a session builds such a class.
    pub instance_call: Option<SymbolicCall>,
    /// Any native callable called while a `tf.function` is being traced: the call's
    /// (recorded) result when the trace takes it, None to run it as usual. Unset outside
    /// traces.
    pub traced_call: Option<SymbolicCall>,
    /// Python control flow whose condition or iterable is a native object, while a
    /// `tf.function` is traced (AutoGraph): true when the hook ran the statement.
    pub graph_control: Option<fn(&mut Interp, Control<'_>) -> R<bool>>,
    /// `and`, `or` and `x if c else y` whose deciding value is a native object, while a
    /// `tf.function` is traced (AutoGraph): the value when the hook computed it.
    pub graph_pick: Option<GraphPick>,
    /// The Python values a native object holds (a compiled model's metric objects, its
    /// optimizer, its layers), so that a session's end can empty them too.
    pub held_values: fn(&Value) -> Vec<Value>,
    /// Whether calling a method of a native object changes nothing but variables, so a
    /// `tf.function` step that calls it may be compiled: (object, method name).
    pub keeps_state_in_variables: fn(&Value, &str) -> bool,
}

impl Default for Hooks {
    fn default() -> Hooks {
        Hooks {
            tensor_unary: |_, op, v| Err(super::ops::bad_unary_operand(op, v)),
            tensor_binary: |_, op, a, b| {
                Err(type_err(format!(
                    "unsupported operand type(s) for {}: '{}' and '{}'",
                    op.symbol(),
                    a.type_name(),
                    b.type_name()
                )))
            },
            tensor_compare: |_, op, a, b| match op {
                CmpOp::Eq => Ok(Value::Bool(false)),
                CmpOp::NotEq => Ok(Value::Bool(true)),
                _ => Err(type_err(format!(
                    "'{}' not supported between instances of '{}' and '{}'",
                    op.symbol(),
                    a.type_name(),
                    b.type_name()
                ))),
            },
            tensor_truth: |_| Ok(true),
            tensor_iter: |v| {
                Err(type_err(format!(
                    "'{}' object is not iterable",
                    v.type_name()
                )))
            },
            tensor_len: |v| {
                Err(type_err(format!(
                    "object of type '{}' has no len()",
                    v.type_name()
                )))
            },
            tensor_abs: |_, v| {
                Err(type_err(format!(
                    "bad operand type for abs(): '{}'",
                    v.type_name()
                )))
            },
            scalar_of: |v, what| {
                Err(type_err(format!(
                    "{}() argument must be a string or a real number, not '{}'",
                    what,
                    v.type_name()
                )))
            },
            value_attr: |_, _, _| Ok(None),
            value_item: |_, obj, _| {
                Err(type_err(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                )))
            },
            array_set_item: |_, obj, _, _| {
                Err(type_err(format!(
                    "'{}' object does not support item assignment",
                    obj.type_name()
                )))
            },
            array_inplace: |it, op, a, b| it.binary(op, a, b),
            type_item: |it, obj, index| (it.hooks.value_item)(it, obj, index),
            isinstance_native: |_, _| false,
            isinstance_object: |_, _| false,
            isinstance_class: |_, _| false,
            native_attr: |_, _, _, _| Ok(None),
            native_set_attr: |_, _, _, _, _| Ok(false),
            dtype_call: |_, v, _| {
                Err(type_err(format!(
                    "'{}' object is not callable",
                    v.type_name()
                )))
            },
            init_native_base: |_, _, _, _| Ok(()),
            native_super_attr: |_, _, _, _| Ok(None),
            symbolic_call: None,
            instance_call: None,
            traced_call: None,
            graph_control: None,
            graph_pick: None,
            held_values: |_| Vec::new(),
            keeps_state_in_variables: |_, _| false,
        }
    }
}

impl Interp {
    /// Sets up the native part of a new instance whose class derives from `base`: an
    /// exception class keeps its arguments in `args`; other native bases go to the hook.
    pub(crate) fn init_native_base(
        &mut self,
        base: &Value,
        inst: &Value,
        args: Option<Args>,
    ) -> R<()> {
        match base {
            Value::ExcClass(_) => {
                if let (Value::Instance(i), Some(a)) = (inst, args) {
                    i.dict
                        .borrow_mut()
                        .insert("args".into(), Value::tuple(a.pos));
                }
                Ok(())
            }
            _ => (self.hooks.init_native_base)(self, base, inst, args),
        }
    }

    /// `super().NAME` when the next class up is native: an exception class's `__init__`
    /// keeps its arguments in `args`; other native bases go to the hook.
    pub(crate) fn native_super_attr(
        &mut self,
        base: &Value,
        receiver: &Value,
        name: &str,
    ) -> R<Option<Value>> {
        match base {
            Value::ExcClass(_) if name == "__init__" => Ok(Some(Value::method(
                receiver.clone(),
                "__init__",
                |_, recv, _, args| {
                    if let Value::Instance(i) = recv {
                        i.dict
                            .borrow_mut()
                            .insert("args".into(), Value::tuple(args.pos));
                    }
                    Ok(Value::None)
                },
            ))),
            Value::ExcClass(_) => Ok(None),
            _ => (self.hooks.native_super_attr)(self, base, receiver, name),
        }
    }
}
