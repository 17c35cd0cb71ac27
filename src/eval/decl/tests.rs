//! Unit tests of declarations: literal defaults, signatures, and argument binding in
//! each error style, checked against CPython 3.11 and TensorFlow 2.15.

use super::*;
use crate::eval::value::Args;

fn every_declaration_is_well_formed() {
    for d in BUILTINS.iter() {
        assert!(!d.paths.is_empty(), "{} has no path", d.name);
        assert!(!d.summary().is_empty(), "{} has no description", d.name);
        let _ = d.defaults();
    }
}

fn literals() {
    assert!(matches!(literal("None"), Some(Value::None)));
    assert!(
        matches!(literal("(1, 1)"), Some(Value::Tuple(t)) if t.len() == 2 && matches!(t[1], Value::Int(1)))
    );
    assert!(matches!(literal("(2,)"), Some(Value::Tuple(t)) if t.len() == 1));
    assert!(matches!(literal("- 1"), Some(Value::Int(-1))));
    assert!(matches!(literal("0.3"), Some(Value::Float(f)) if f == 0.3));
    assert!(matches!(literal("\"same\""), Some(Value::Str(s)) if &*s == "same"));
    assert!(matches!(
        literal("tf.float32"),
        Some(Value::DType(DType::F32))
    ));
    assert_eq!(shown_default("\"same\""), "'same'");
    assert_eq!(shown_default("- 1"), "-1");
}

// Argument binding. Every expected text is what CPython 3.11 (for `def` functions with
// the same parameters) or TensorFlow 2.15 (for the dispatching and generated-op
// functions named) gives for the same call.

use crate::errors::ExcKind;

const fn pos(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Positional,
        default: None,
    }
}
const fn opt(name: &'static str, default: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::Positional,
        default: Some(default),
    }
}
const fn kwonly(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::KeywordOnly,
        default: None,
    }
}
const fn kwopt(name: &'static str, default: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::KeywordOnly,
        default: Some(default),
    }
}
const fn star(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::VarArgs,
        default: None,
    }
}
const fn starstar(name: &'static str) -> Param {
    Param {
        name,
        kind: ParamKind::VarKw,
        default: None,
    }
}
const fn decl(name: &'static str, style: Style, params: &'static [Param]) -> Decl {
    Decl {
        name,
        paths: &[],
        params,
        style,
        doc: "",
        f: |_, _| Ok(Value::None),
    }
}

// def f(a, b, c)
static F: Decl = decl("f", Style::Python, &[pos("a"), pos("b"), pos("c")]);
// def g(a, b)
static G: Decl = decl("g", Style::Python, &[pos("a"), pos("b")]);
// def h(a, b=1, c=2)
static H: Decl = decl(
    "h",
    Style::Python,
    &[pos("a"), opt("b", "1"), opt("c", "2")],
);
// def z()
static Z: Decl = decl("z", Style::Python, &[]);
// def one(a)
static ONE: Decl = decl("one", Style::Python, &[pos("a")]);
// def k(a, *, b, c=3)
static K: Decl = decl(
    "k",
    Style::Python,
    &[pos("a"), kwonly("b"), kwopt("c", "3")],
);
// def k2(a, *, b, c)
static K2: Decl = decl("k2", Style::Python, &[pos("a"), kwonly("b"), kwonly("c")]);
// def kk(*, b)
static KK: Decl = decl("kk", Style::Python, &[kwonly("b")]);
// def va(a, *args, b=0)
static VA: Decl = decl(
    "va",
    Style::Python,
    &[pos("a"), star("args"), kwopt("b", "0")],
);
// def kw(a, **kwargs)
static KW: Decl = decl("kw", Style::Python, &[pos("a"), starstar("kwargs")]);
// def full(a, b=1, *args, c, d=4, **kwargs)
static FULL: Decl = decl(
    "full",
    Style::Python,
    &[
        pos("a"),
        opt("b", "1"),
        star("args"),
        kwonly("c"),
        kwopt("d", "4"),
        starstar("kwargs"),
    ],
);
// tf.reduce_sum(input_tensor, axis=None, keepdims=False, name=None)
static REDUCE_SUM: Decl = decl(
    "reduce_sum",
    Style::Dispatch,
    &[
        pos("input_tensor"),
        opt("axis", "None"),
        opt("keepdims", "False"),
        opt("name", "None"),
    ],
);
// tf.concat(values, axis, name='concat')
static CONCAT: Decl = decl(
    "concat",
    Style::Dispatch,
    &[pos("values"), pos("axis"), opt("name", "\"concat\"")],
);
// tf.add(x, y, name=None)
static ADD: Decl = decl(
    "add",
    Style::Dispatch,
    &[pos("x"), pos("y"), opt("name", "None")],
);
// tf.negative(x, name=None), the generated op neg()
static NEGATIVE: Decl = decl(
    "negative",
    Style::Op("neg"),
    &[pos("x"), opt("name", "None")],
);
// tf.math.floormod(x, y, name=None), the generated op floor_mod()
static FLOORMOD: Decl = decl(
    "floormod",
    Style::Op("floor_mod"),
    &[pos("x"), pos("y"), opt("name", "None")],
);

/// A bound value as Python's repr (for the few kinds these tests bind).
fn show(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Str(s) => format!("'{}'", s),
        Value::Tuple(t) => match t.len() {
            1 => format!("({},)", show(&t[0])),
            _ => format!("({})", t.iter().map(show).collect::<Vec<_>>().join(", ")),
        },
        Value::Dict(d) => {
            let d = d.borrow();
            let items: Vec<String> = d
                .keys
                .iter()
                .zip(&d.values)
                .map(|(k, v)| format!("{}: {}", show(k), show(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        other => panic!("unexpected bound value {:?}", other),
    }
}

/// Binds a call of `d` and shows the bound parameters as a tuple, or the TypeError's
/// message.
fn call(d: &'static Decl, pos: &[i64], kw: &[(&str, i64)]) -> String {
    let b = Bindable {
        decl: d,
        defaults: d.defaults(),
    };
    let args = Args {
        pos: pos.iter().map(|&i| Value::Int(i)).collect(),
        kw: kw
            .iter()
            .map(|&(k, v)| (k.to_string(), Value::Int(v)))
            .collect(),
    };
    match b.bind(args) {
        Ok(vs) => show(&Value::tuple(vs)),
        Err(Flow::Error(e)) => {
            assert_eq!(e.kind, ExcKind::TypeError, "{}", e.message);
            format!("TypeError: {}", e.message)
        }
        Err(_) => panic!("binding raised no exception"),
    }
}

use super::super::error::Flow;

fn python_missing_arguments() {
    assert_eq!(
        call(&F, &[], &[]),
        "TypeError: f() missing 3 required positional arguments: 'a', 'b', and 'c'"
    );
    assert_eq!(
        call(&F, &[1], &[]),
        "TypeError: f() missing 2 required positional arguments: 'b' and 'c'"
    );
    assert_eq!(
        call(&F, &[1, 2], &[]),
        "TypeError: f() missing 1 required positional argument: 'c'"
    );
    assert_eq!(
        call(&F, &[1], &[("c", 3)]),
        "TypeError: f() missing 1 required positional argument: 'b'"
    );
    assert_eq!(
        call(&G, &[], &[("b", 2)]),
        "TypeError: g() missing 1 required positional argument: 'a'"
    );
    assert_eq!(
        call(&H, &[], &[]),
        "TypeError: h() missing 1 required positional argument: 'a'"
    );
}

fn python_binds_positionals_keywords_and_defaults() {
    assert_eq!(call(&F, &[1, 2, 3], &[]), "(1, 2, 3)");
    assert_eq!(call(&F, &[], &[("c", 3), ("b", 2), ("a", 1)]), "(1, 2, 3)");
    assert_eq!(call(&H, &[1], &[]), "(1, 1, 2)");
    assert_eq!(call(&H, &[1, 2], &[]), "(1, 2, 2)");
    assert_eq!(call(&H, &[1], &[("c", 5)]), "(1, 1, 5)");
    assert_eq!(call(&Z, &[], &[]), "()");
}

fn python_too_many_positionals() {
    assert_eq!(
        call(&G, &[1, 2, 3], &[]),
        "TypeError: g() takes 2 positional arguments but 3 were given"
    );
    assert_eq!(
        call(&G, &[1, 2, 3, 4], &[]),
        "TypeError: g() takes 2 positional arguments but 4 were given"
    );
    assert_eq!(
        call(&H, &[1, 2, 3, 4], &[]),
        "TypeError: h() takes from 1 to 3 positional arguments but 4 were given"
    );
    assert_eq!(
        call(&Z, &[1], &[]),
        "TypeError: z() takes 0 positional arguments but 1 was given"
    );
    assert_eq!(
        call(&Z, &[1, 2], &[]),
        "TypeError: z() takes 0 positional arguments but 2 were given"
    );
    assert_eq!(
        call(&ONE, &[1, 2], &[]),
        "TypeError: one() takes 1 positional argument but 2 were given"
    );
    assert_eq!(
        call(&K, &[1, 2], &[]),
        "TypeError: k() takes 1 positional argument but 2 were given"
    );
    assert_eq!(
        call(&KK, &[1], &[]),
        "TypeError: kk() takes 0 positional arguments but 1 was given"
    );
    assert_eq!(
        call(&KW, &[1, 2], &[]),
        "TypeError: kw() takes 1 positional argument but 2 were given"
    );
}

fn python_unknown_keyword_and_multiple_values() {
    assert_eq!(
        call(&F, &[1], &[("x", 2)]),
        "TypeError: f() got an unexpected keyword argument 'x'"
    );
    assert_eq!(
        call(&G, &[1, 2], &[("d", 3)]),
        "TypeError: g() got an unexpected keyword argument 'd'"
    );
    assert_eq!(
        call(&Z, &[], &[("a", 1)]),
        "TypeError: z() got an unexpected keyword argument 'a'"
    );
    assert_eq!(
        call(&G, &[1], &[("a", 2)]),
        "TypeError: g() got multiple values for argument 'a'"
    );
    assert_eq!(
        call(&VA, &[1, 2], &[("a", 5)]),
        "TypeError: va() got multiple values for argument 'a'"
    );
    assert_eq!(
        call(&KW, &[1], &[("a", 2)]),
        "TypeError: kw() got multiple values for argument 'a'"
    );
}

/// CPython binds keywords before it counts positionals: a bad keyword is reported
/// even when there are also too many positionals.
fn python_keyword_errors_come_before_too_many_positionals() {
    assert_eq!(
        call(&G, &[1, 2, 3], &[("d", 4)]),
        "TypeError: g() got an unexpected keyword argument 'd'"
    );
    assert_eq!(
        call(&G, &[1, 2, 3], &[("a", 4)]),
        "TypeError: g() got multiple values for argument 'a'"
    );
}

fn python_keyword_only() {
    assert_eq!(
        call(&K, &[1], &[]),
        "TypeError: k() missing 1 required keyword-only argument: 'b'"
    );
    assert_eq!(call(&K, &[1], &[("b", 2)]), "(1, 2, 3)");
    assert_eq!(call(&K, &[1], &[("b", 2), ("c", 9)]), "(1, 2, 9)");
    // Missing positionals are reported first.
    assert_eq!(
        call(&K, &[], &[("b", 2)]),
        "TypeError: k() missing 1 required positional argument: 'a'"
    );
    assert_eq!(
        call(&K2, &[1], &[]),
        "TypeError: k2() missing 2 required keyword-only arguments: 'b' and 'c'"
    );
    assert_eq!(
        call(&K2, &[1], &[("c", 2)]),
        "TypeError: k2() missing 1 required keyword-only argument: 'b'"
    );
    assert_eq!(
        call(&KK, &[], &[]),
        "TypeError: kk() missing 1 required keyword-only argument: 'b'"
    );
    assert_eq!(
        call(&FULL, &[1], &[]),
        "TypeError: full() missing 1 required keyword-only argument: 'c'"
    );
    assert_eq!(
        call(&FULL, &[], &[]),
        "TypeError: full() missing 1 required positional argument: 'a'"
    );
}

/// CPython counts the keyword-only arguments given when positionals overflow.
fn python_too_many_positionals_with_keyword_only_given() {
    assert_eq!(
        call(&K, &[1, 2], &[("b", 3)]),
        "TypeError: k() takes 1 positional argument but 2 positional arguments \
         (and 1 keyword-only argument) were given"
    );
    assert_eq!(
        call(&K, &[1, 2, 3], &[("b", 4), ("c", 5)]),
        "TypeError: k() takes 1 positional argument but 3 positional arguments \
         (and 2 keyword-only arguments) were given"
    );
    assert_eq!(
        call(&KK, &[1], &[("b", 2)]),
        "TypeError: kk() takes 0 positional arguments but 1 positional argument \
         (and 1 keyword-only argument) were given"
    );
}

fn python_star_args_and_kwargs() {
    assert_eq!(call(&VA, &[1, 2, 3], &[]), "(1, (2, 3), 0)");
    assert_eq!(call(&VA, &[1], &[]), "(1, (), 0)");
    assert_eq!(call(&VA, &[1, 2], &[("b", 5)]), "(1, (2,), 5)");
    assert_eq!(
        call(&VA, &[], &[]),
        "TypeError: va() missing 1 required positional argument: 'a'"
    );
    assert_eq!(
        call(&KW, &[1], &[("x", 2), ("y", 3)]),
        "(1, {'x': 2, 'y': 3})"
    );
    assert_eq!(call(&KW, &[1], &[]), "(1, {})");
    assert_eq!(call(&FULL, &[1], &[("c", 3)]), "(1, 1, (), 3, 4, {})");
    assert_eq!(
        call(&FULL, &[1, 2, 3, 4], &[("c", 5), ("e", 6)]),
        "(1, 2, (3, 4), 5, 4, {'e': 6})"
    );
}

fn dispatch_wording() {
    assert_eq!(
        call(&REDUCE_SUM, &[], &[]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&REDUCE_SUM, &[], &[("axis", 0)]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&REDUCE_SUM, &[1, 0, 0, 0, 5], &[]),
        "TypeError: Too many arguments were given. Expected 4 but got 5."
    );
    assert_eq!(
        call(&REDUCE_SUM, &[1, 0, 0, 0, 5, 6], &[]),
        "TypeError: Too many arguments were given. Expected 4 but got 6."
    );
    assert_eq!(
        call(&REDUCE_SUM, &[1, 0, 0, 0, 5], &[("foo", 1)]),
        "TypeError: Too many arguments were given. Expected 4 but got 5."
    );
    assert_eq!(
        call(&REDUCE_SUM, &[1], &[("foo", 1)]),
        "TypeError: Got an unexpected keyword argument 'foo'"
    );
    assert_eq!(
        call(&CONCAT, &[], &[]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&CONCAT, &[1], &[]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&CONCAT, &[], &[("axis", 0)]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&CONCAT, &[1, 0, 3, 4, 5], &[]),
        "TypeError: Too many arguments were given. Expected 3 but got 5."
    );
    assert_eq!(
        call(&CONCAT, &[1, 0], &[("foo", 1)]),
        "TypeError: Got an unexpected keyword argument 'foo'"
    );
    assert_eq!(
        call(&ADD, &[1], &[]),
        "TypeError: Missing required positional argument"
    );
    assert_eq!(
        call(&ADD, &[1, 1, 0, 4], &[]),
        "TypeError: Too many arguments were given. Expected 3 but got 4."
    );
    assert_eq!(call(&CONCAT, &[1, 0], &[]), "(1, 0, 'concat')");
    assert_eq!(call(&REDUCE_SUM, &[1], &[]), "(1, None, False, None)");
}

/// tf.reduce_sum(x, input_tensor=x)
fn dispatch_multiple_values() {
    assert_eq!(
        call(&REDUCE_SUM, &[1], &[("input_tensor", 1)]),
        "TypeError: Got multiple values for argument 'input_tensor'"
    );
}

fn op_wording_uses_the_op_name() {
    assert_eq!(
        call(&NEGATIVE, &[], &[]),
        "TypeError: neg() missing 1 required positional argument: 'x'"
    );
    assert_eq!(
        call(&NEGATIVE, &[], &[("name", 0)]),
        "TypeError: neg() missing 1 required positional argument: 'x'"
    );
    assert_eq!(
        call(&NEGATIVE, &[1, 0, 3], &[]),
        "TypeError: neg() takes from 1 to 2 positional arguments but 3 were given"
    );
    assert_eq!(
        call(&NEGATIVE, &[1], &[("foo", 2)]),
        "TypeError: neg() got an unexpected keyword argument 'foo'"
    );
    assert_eq!(
        call(&NEGATIVE, &[1], &[("x", 1)]),
        "TypeError: neg() got multiple values for argument 'x'"
    );
    assert_eq!(
        call(&FLOORMOD, &[1], &[]),
        "TypeError: floor_mod() missing 1 required positional argument: 'y'"
    );
    assert_eq!(
        call(&FLOORMOD, &[], &[]),
        "TypeError: floor_mod() missing 2 required positional arguments: 'x' and 'y'"
    );
    assert_eq!(
        call(&FLOORMOD, &[1, 1, 0, 4], &[]),
        "TypeError: floor_mod() takes from 2 to 3 positional arguments but 4 were given"
    );
}

unit_cases!(
    every_declaration_is_well_formed,
    literals,
    python_missing_arguments,
    python_binds_positionals_keywords_and_defaults,
    python_too_many_positionals,
    python_unknown_keyword_and_multiple_values,
    python_keyword_errors_come_before_too_many_positionals,
    python_keyword_only,
    python_too_many_positionals_with_keyword_only_given,
    python_star_args_and_kwargs,
    dispatch_wording,
    dispatch_multiple_values,
    op_wording_uses_the_op_name,
);
