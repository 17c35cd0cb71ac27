//! Symbolic tensors: what the Python body of a `tf.function` sees while it is traced.
//!
//! Each holds its static shape (None where the signature leaves a dim open), its graph
//! name (`x:0`, `MatMul:0`) and the value it has in this trace, on which the recorded
//! steps are computed. It prints as TensorFlow prints a graph tensor
//! (`Tensor("add:0", shape=(2,), dtype=float32)`), has no `numpy()`, and its operators
//! record steps of the graph.

use super::graph::Call;
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::{Args, Object, Shape};
use crate::eval::{Interp, Value};
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::tensor::Tensor;
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// A tensor of a graph being traced.
pub struct GraphTensor {
    pub id: u64,
    /// Its value in this trace.
    pub shadow: Tensor,
    pub shape: Vec<Option<usize>>,
    /// `add:0`.
    pub name: String,
    /// Its rank is unknown too (a `TensorSpec(None)`): it prints as `<unknown>`.
    pub unknown_rank: bool,
}

impl GraphTensor {
    pub fn make(shadow: Tensor, shape: Vec<Option<usize>>, name: String) -> Value {
        let id = NEXT_ID.with(|n| {
            let v = n.get();
            n.set(v + 1);
            v
        });
        Value::Object(Rc::new(GraphTensor {
            id,
            shadow,
            shape,
            name,
            unknown_rank: false,
        }))
    }

    /// A placeholder of unknown rank.
    pub fn unranked(shadow: Tensor, name: String) -> Value {
        let v = GraphTensor::make(shadow, Vec::new(), name);
        match v.as_object::<GraphTensor>() {
            Some(g) => Value::Object(Rc::new(GraphTensor {
                id: g.id,
                shadow: g.shadow.clone(),
                shape: Vec::new(),
                name: g.name.clone(),
                unknown_rank: true,
            })),
            None => v,
        }
    }

    /// The same tensor, of unknown rank.
    pub fn unranked_like(g: &GraphTensor) -> Value {
        Value::Object(Rc::new(GraphTensor {
            id: g.id,
            shadow: g.shadow.clone(),
            shape: Vec::new(),
            name: g.name.clone(),
            unknown_rank: true,
        }))
    }

    /// The same tensor under another name (a function's outputs as its graph names them).
    pub fn renamed(g: &GraphTensor, name: String) -> Value {
        Value::Object(Rc::new(GraphTensor {
            id: g.id,
            shadow: g.shadow.clone(),
            shape: g.shape.clone(),
            name,
            unknown_rank: g.unknown_rank,
        }))
    }

    /// The same tensor with a static shape made more general.
    pub fn with_shape(g: &GraphTensor, shape: Vec<Option<usize>>) -> Value {
        Value::Object(Rc::new(GraphTensor {
            id: g.id,
            shadow: g.shadow.clone(),
            shape,
            name: g.name.clone(),
            unknown_rank: g.unknown_rank,
        }))
    }

    /// Output `index` of the op named `op`.
    pub fn output(shadow: Tensor, op: &str, index: usize) -> Value {
        let shape = shadow.shape().iter().map(|&d| Some(d)).collect();
        GraphTensor::make(shadow, shape, format!("{}:{}", op, index))
    }

    fn dtype_name(&self) -> &'static str {
        self.shadow.dtype().name()
    }

    fn shape_text(&self) -> String {
        if self.unknown_rank {
            return "<unknown>".into();
        }
        crate::eval::repr::shape_str(&Some(self.shape.clone()))
    }
}

/// The graph op TensorFlow names a function's result after (`tf.matmul` makes `MatMul`).
pub fn op_name(paths: &[&str]) -> String {
    let last = paths
        .first()
        .map(|p| p.rsplit('.').next().unwrap_or(p))
        .unwrap_or("op");
    let known = match last {
        "add" => "Add",
        "add_n" => "AddN",
        "multiply" => "Mul",
        "subtract" => "Sub",
        "divide" | "truediv" => "truediv",
        "floordiv" => "floordiv",
        "matmul" => "MatMul",
        "reduce_sum" => "Sum",
        "reduce_mean" => "Mean",
        "reduce_max" => "Max",
        "reduce_min" => "Min",
        "reduce_prod" => "Prod",
        "reduce_all" => "All",
        "reduce_any" => "Any",
        "argmax" => "ArgMax",
        "argmin" => "ArgMin",
        "relu" => "Relu",
        "relu6" => "Relu6",
        "elu" => "Elu",
        "selu" => "Selu",
        "sigmoid" => "Sigmoid",
        "tanh" => "Tanh",
        "softmax" => "Softmax",
        "log_softmax" => "LogSoftmax",
        "softplus" => "Softplus",
        "exp" => "Exp",
        "log" => "Log",
        "sqrt" => "Sqrt",
        "rsqrt" => "Rsqrt",
        "square" => "Square",
        "abs" => "Abs",
        "sin" => "Sin",
        "cos" => "Cos",
        "negative" => "Neg",
        "sign" => "Sign",
        "round" => "Round",
        "floor" => "Floor",
        "ceil" => "Ceil",
        "reshape" => "Reshape",
        "transpose" => "transpose",
        "cast" => "Cast",
        "concat" => "concat",
        "stack" => "stack",
        "unstack" => "unstack",
        "split" => "split",
        "shape" => "Shape",
        "size" => "Size",
        "rank" => "Rank",
        "zeros_like" => "zeros_like",
        "ones_like" => "ones_like",
        "constant" | "convert_to_tensor" => "Const",
        "zeros" => "zeros",
        "ones" => "ones",
        "fill" => "Fill",
        "range" => "range",
        "expand_dims" => "ExpandDims",
        "squeeze" => "Squeeze",
        "where" => "SelectV2",
        "maximum" => "Maximum",
        "minimum" => "Minimum",
        "pow" => "Pow",
        "gather" => "GatherV2",
        "gather_nd" => "GatherNd",
        "one_hot" => "one_hot",
        "normal" => "random_normal",
        "uniform" => "random_uniform/RandomUniform",
        "truncated_normal" => "truncated_normal",
        "clip_by_value" => "clip_by_value",
        "identity" => "Identity",
        "tile" => "Tile",
        "squared_difference" => "SquaredDifference",
        "einsum" => "einsum/Einsum",
        "logical_and" => "LogicalAnd",
        "logical_or" => "LogicalOr",
        "logical_not" => "LogicalNot",
        "equal" => "Equal",
        "not_equal" => "NotEqual",
        "greater" => "Greater",
        "greater_equal" => "GreaterEqual",
        "less" => "Less",
        "less_equal" => "LessEqual",
        "cumsum" => "Cumsum",
        "cumprod" => "Cumprod",
        "l2_normalize" => "l2_normalize",
        "norm" => "norm/Squeeze",
        "reduce_std" => "reduce_std/Sqrt",
        "reduce_variance" => "reduce_variance/Mean_1",
        "top_k" => "TopKV2",
        "stop_gradient" => "StopGradient",
        "bias_add" => "BiasAdd",
        "pad" => "Pad",
        "reverse" => "ReverseV2",
        "slice" => "Slice",
        "boolean_mask" => "boolean_mask/GatherV2",
        "linspace" => "LinSpace",
        "eye" => "eye/MatrixDiag",
        "print" => "PrintV2",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    camel(last)
}

fn camel(s: &str) -> String {
    s.split('_')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// The op a native method makes (`v.assign_add` makes `AssignAddVariableOp`).
pub fn method_op_name(name: &str) -> String {
    match name {
        "assign" => "AssignVariableOp".into(),
        "assign_add" => "AssignAddVariableOp".into(),
        "assign_sub" => "AssignSubVariableOp".into(),
        "read_value" | "value" => "ReadVariableOp".into(),
        "gradient" => "gradient_tape".into(),
        other => camel(other),
    }
}

pub fn binary_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "sub",
        BinOp::Mul => "mul",
        BinOp::Div => "truediv",
        BinOp::FloorDiv => "floordiv",
        BinOp::Mod => "mod",
        BinOp::Pow => "pow",
        BinOp::MatMul => "matmul",
        BinOp::BitAnd => "and",
        BinOp::BitOr => "or",
        BinOp::BitXor => "xor",
        _ => "binary",
    }
}

pub fn compare_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Gt => "Greater",
        CmpOp::GtE => "GreaterEqual",
        CmpOp::Lt => "Less",
        CmpOp::LtE => "LessEqual",
        CmpOp::Eq => "Equal",
        CmpOp::NotEq => "NotEqual",
        _ => "Compare",
    }
}

/// Python operators on a symbolic tensor: (method, operator, reflected).
const BINARY: &[(&str, BinOp, bool)] = &[
    ("__add__", BinOp::Add, false),
    ("__radd__", BinOp::Add, true),
    ("__sub__", BinOp::Sub, false),
    ("__rsub__", BinOp::Sub, true),
    ("__mul__", BinOp::Mul, false),
    ("__rmul__", BinOp::Mul, true),
    ("__truediv__", BinOp::Div, false),
    ("__rtruediv__", BinOp::Div, true),
    ("__floordiv__", BinOp::FloorDiv, false),
    ("__rfloordiv__", BinOp::FloorDiv, true),
    ("__mod__", BinOp::Mod, false),
    ("__rmod__", BinOp::Mod, true),
    ("__pow__", BinOp::Pow, false),
    ("__rpow__", BinOp::Pow, true),
    ("__matmul__", BinOp::MatMul, false),
    ("__rmatmul__", BinOp::MatMul, true),
    ("__and__", BinOp::BitAnd, false),
    ("__rand__", BinOp::BitAnd, true),
    ("__or__", BinOp::BitOr, false),
    ("__ror__", BinOp::BitOr, true),
    ("__xor__", BinOp::BitXor, false),
    ("__rxor__", BinOp::BitXor, true),
];

const COMPARE: &[(&str, CmpOp)] = &[
    ("__gt__", CmpOp::Gt),
    ("__ge__", CmpOp::GtE),
    ("__lt__", CmpOp::Lt),
    ("__le__", CmpOp::LtE),
    ("__eq__", CmpOp::Eq),
    ("__ne__", CmpOp::NotEq),
];

const OTHER: &[&str] = &[
    "__neg__",
    "__abs__",
    "__invert__",
    "__getitem__",
    "__len__",
    "__bool__",
    "__iter__",
    "__float__",
    "__int__",
    "__index__",
    "__array__",
];

fn gt_method(it: &mut Interp, recv: &Value, name: &'static str, args: Args) -> R<Value> {
    let other = args.pos.first().cloned().unwrap_or(Value::None);
    if let Some(&(_, op, reflected)) = BINARY.iter().find(|b| b.0 == name) {
        let pair = if reflected {
            vec![other, recv.clone()]
        } else {
            vec![recv.clone(), other]
        };
        return super::record::symbolic_step(it, Call::Binary(op), pair, binary_name(op));
    }
    if let Some(&(_, op)) = COMPARE.iter().find(|b| b.0 == name) {
        return super::record::symbolic_step(
            it,
            Call::Compare(op),
            vec![recv.clone(), other],
            compare_name(op),
        );
    }
    let Some(g) = recv.as_object::<GraphTensor>() else {
        return Ok(Value::None);
    };
    match name {
        "__neg__" => super::record::symbolic_step(it, Call::Unary(UnaryOp::Neg), vec![recv.clone()], "Neg"),
        "__invert__" => super::record::symbolic_step(
            it,
            Call::Unary(UnaryOp::Invert),
            vec![recv.clone()],
            "LogicalNot",
        ),
        "__abs__" => super::record::symbolic_step(it, Call::Abs, vec![recv.clone()], "Abs"),
        "__getitem__" => super::record::symbolic_step(
            it,
            Call::Item,
            vec![recv.clone(), other],
            "strided_slice",
        ),
        "__len__" => match g.shape.first() {
            Some(Some(n)) => Ok(Value::Int(*n as i64)),
            Some(None) => raise(
                ExcKind::TypeError,
                format!("len is not well defined for a symbolic Tensor ({}). Please call `x.shape` rather than `len(x)` for shape information.", g.name),
            ),
            None => raise(ExcKind::TypeError, "len() of unsized object"),
        },
        "__bool__" => raise(
            ExcKind::TypeError,
            "Using a symbolic `tf.Tensor` as a Python `bool` is not allowed. You can attempt the following resolutions to the problem: If you are running in Graph mode, use Eager execution mode or decorate this function with @tf.function. If you are using AutoGraph, you can try decorating this function with @tf.function. If that does not work, then you may be using an unsupported feature or your source code may not be visible to AutoGraph. See https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-source-code for more information.",
        ),
        "__iter__" => match g.shape.first() {
            Some(Some(n)) => {
                let mut items = Vec::with_capacity(*n);
                for i in 0..*n {
                    items.push(super::record::symbolic_step(
                        it,
                        Call::Item,
                        vec![recv.clone(), Value::Int(i as i64)],
                        "strided_slice",
                    )?);
                }
                Ok(crate::eval::iter::iter_value_named(items, "iterator"))
            }
            _ => raise(
                ExcKind::TypeError,
                "Iterating over a symbolic `tf.Tensor` is not allowed. You can attempt the following resolutions to the problem: If you are running in Graph mode, use Eager execution mode or decorate this function with @tf.function. If you are using AutoGraph, you can try decorating this function with @tf.function. If that does not work, then you may be using an unsupported feature or your source code may not be visible to AutoGraph. See https://github.com/tensorflow/tensorflow/blob/master/tensorflow/python/autograph/g3doc/reference/limitations.md#access-to-source-code for more information.",
            ),
        },
        "__array__" | "__float__" | "__int__" | "__index__" => raise(
            ExcKind::NotImplementedError,
            format!("Cannot convert a symbolic tf.Tensor ({}) to a numpy array. This error may indicate that you're trying to pass a Tensor to a NumPy call, which is not supported.", g.name),
        ),
        _ => Ok(Value::None),
    }
}

fn get_shape(_: &mut Interp, recv: &Value, _: &'static str, _: Args) -> R<Value> {
    let dims = recv.as_object::<GraphTensor>().map(|g| g.shape.clone());
    Ok(Value::Shape(Rc::new(Shape { dims })))
}

impl Object for GraphTensor {
    fn type_name(&self) -> String {
        "SymbolicTensor".into()
    }

    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        for table in [
            BINARY.iter().map(|b| b.0).collect::<Vec<_>>(),
            COMPARE.iter().map(|b| b.0).collect(),
            OTHER.to_vec(),
        ] {
            if let Some(m) = table.into_iter().find(|m| *m == name) {
                return Ok(Some(Value::method(this.clone(), m, gt_method)));
            }
        }
        Ok(Some(match name {
            "shape" => Value::Shape(Rc::new(Shape {
                dims: (!self.unknown_rank).then(|| self.shape.clone()),
            })),
            "dtype" => Value::DType(self.shadow.dtype()),
            "ndim" => Value::Int(self.shape.len() as i64),
            "name" => Value::str(&self.name),
            "device" => Value::str(""),
            "get_shape" => Value::method(this.clone(), "get_shape", get_shape),
            "numpy" => return Ok(None),
            _ => {
                // Tensor methods that are TensorFlow functions of the tensor.
                let _ = it;
                return Ok(None);
            }
        }))
    }

    fn attr_names(&self) -> Vec<String> {
        ["shape", "dtype", "ndim", "name", "device", "get_shape"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<tf.Tensor '{}' shape={} dtype={}>",
            self.name,
            self.shape_text(),
            self.dtype_name()
        ))
    }

    fn str(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "Tensor(\"{}\", shape={}, dtype={})",
            self.name,
            self.shape_text(),
            self.dtype_name()
        ))
    }

    fn class_path(&self) -> Option<String> {
        Some("tensorflow.python.framework.ops.SymbolicTensor".into())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
