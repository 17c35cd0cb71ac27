//! Parser tests: every construct of grammar/tensh.ebnf parses to the expected tree (shown
//! through the unparser, which parenthesizes every compound sub-expression), spans point at
//! the right text, syntax errors say what was expected and where, and random ASTs survive
//! unparse → parse unchanged.

use proptest::prelude::*;
use std::rc::Rc;
use tensh::syntax::ast::*;
use tensh::syntax::complete::{check, Completeness};
use tensh::syntax::{parse_program, unparse};

fn canon(src: &str) -> String {
    match parse_program(src) {
        Ok(p) => unparse::program(&p).trim_end().to_string(),
        Err(e) => panic!("{:?} parsing {:?}", e, src),
    }
}

fn err(src: &str) -> (String, String, (usize, usize)) {
    let e = parse_program(src).expect_err("should not parse");
    (
        e.kind.to_string(),
        e.message.clone(),
        tensh::syntax::error::line_col(src, e.offset),
    )
}

fn expr_of(src: &str) -> Expr {
    match parse_program(src).expect("parses").remove(0).kind {
        StmtKind::Expr(e) => e,
        other => panic!("not an expression: {:?}", other),
    }
}

#[test]
fn literals_in_every_python_spelling() {
    for (src, v) in [
        ("6.", 6.0),
        (".5", 0.5),
        ("1e-3", 1e-3),
        ("2E+5", 2e5),
        ("1_000.5", 1000.5),
        ("3.25e2", 325.0),
    ] {
        assert_eq!(expr_of(src).kind, ExprKind::Float(v), "{}", src);
    }
    for (src, v) in [
        ("42", 42),
        ("0x1F", 31),
        ("0o17", 15),
        ("0b101", 5),
        ("1_000", 1000),
    ] {
        assert_eq!(expr_of(src).kind, ExprKind::Int(v), "{}", src);
    }
    assert_eq!(
        expr_of(r#"'a\tb\n\'q\' \x41\u00e9'"#).kind,
        ExprKind::Str("a\tb\n'q' A\u{e9}".into())
    );
    assert_eq!(
        expr_of(r#"r'\n' "x" 'y'"#).kind,
        ExprKind::Str("\\nxy".into())
    );
    assert_eq!(
        expr_of("'''two\nlines'''").kind,
        ExprKind::Str("two\nlines".into())
    );
    assert_eq!(expr_of("True").kind, ExprKind::Bool(true));
    assert_eq!(expr_of("None").kind, ExprKind::NoneLit);
    assert_eq!(expr_of("...").kind, ExprKind::Ellipsis);
}

#[test]
fn operator_precedence_and_associativity() {
    assert_eq!(canon("1 + 2 * 3 ** 2"), "1 + (2 * (3 ** 2))");
    assert_eq!(canon("2 ** 3 ** 2"), "2 ** (3 ** 2)");
    assert_eq!(canon("-2 ** 2"), "-(2 ** 2)");
    assert_eq!(canon("a - b - c"), "(a - b) - c");
    assert_eq!(canon("a // b % c @ d"), "((a // b) % c) @ d");
    assert_eq!(
        canon("not a == b and c or d"),
        "((not (a == b)) and c) or d"
    );
    assert_eq!(canon("a < b <= c != d"), "a < b <= c != d");
    assert_eq!(
        canon("x if c else y if d else z"),
        "x if c else (y if d else z)"
    );
    assert_eq!(canon("a | b ^ c & d << 1"), "a | (b ^ (c & (d << 1)))");
    assert_eq!(canon("a not in b is not c"), "a not in b is not c");
    assert_eq!(canon("lambda x, y=2: x + y"), "lambda x, y=2: x + y");
}

#[test]
fn containers_comprehensions_and_calls() {
    assert_eq!(
        canon("[1, (2,), (), {'a': 1}, {1, 2}]"),
        "[1, (2,), (), {'a': 1}, {1, 2}]"
    );
    assert_eq!(canon("a, b"), "(a, b)");
    assert_eq!(
        canon("[v.name for v in model.trainable_variables]"),
        "[v.name for v in model.trainable_variables]"
    );
    assert_eq!(
        canon("{k: v for k, v in d.items() if v}"),
        "{k: v for (k, v) in d.items() if v}"
    );
    assert_eq!(
        canon("sum(x * x for x in xs)"),
        "sum(((x * x) for x in xs))"
    );
    assert_eq!(canon("f(1, *a, k=2, **kw)"), "f(1, *a, k=2, **kw)");
    assert_eq!(
        canon("x[1:2, ::3, ..., None, tf.newaxis]"),
        "x[1:2, ::3, ..., None, tf.newaxis]"
    );
    assert_eq!(canon("x[:, 1]"), "x[:, 1]");
    assert_eq!(canon("x[a:]"), "x[a:]");
    assert_eq!(
        canon("tf.keras.Sequential([\n    tf.keras.layers.Dense(2),\n])"),
        "tf.keras.Sequential([tf.keras.layers.Dense(2)])"
    );
}

#[test]
fn f_strings_keep_fields_conversions_and_specs() {
    let e = expr_of("f'{var.name}, shape: {g.shape} {loss:.4f} {x!r:>{w}} {{lit}} {n=}'");
    let ExprKind::FString(parts) = e.kind else {
        panic!("not an f-string")
    };
    let fields = parts
        .iter()
        .filter(|p| matches!(p, FPart::Expr { .. }))
        .count();
    assert_eq!(fields, 5);
    assert!(parts
        .iter()
        .any(|p| matches!(p, FPart::Lit(s) if s.contains("{lit}"))));
    assert!(parts
        .iter()
        .any(|p| matches!(p, FPart::Expr { conv: Some('r'), spec, .. } if spec.len() == 2)));
    assert!(parts
        .iter()
        .any(|p| matches!(p, FPart::Expr { debug: Some(d), .. } if d == "n=")));
}

#[test]
fn statements() {
    assert_eq!(canon("a = b = 1"), "a = b = 1");
    assert_eq!(canon("a, *b = c"), "(a, *b) = c");
    assert_eq!(canon("x[0] += 1; y.z -= 2"), "x[0] += 1\ny.z -= 2");
    assert_eq!(
        canon("import tensorflow as tf, numpy"),
        "import tensorflow as tf, numpy"
    );
    assert_eq!(
        canon("from tensorflow.keras import layers, Sequential as S"),
        "from tensorflow.keras import layers, Sequential as S"
    );
    assert_eq!(canon("from x import (a,\n  b,)"), "from x import a, b");
    assert_eq!(
        canon("for i, (a, b) in enumerate(z):\n    pass\nelse:\n    x"),
        "for (i, (a, b)) in enumerate(z):\n    pass\nelse:\n    x"
    );
    assert_eq!(
        canon("if a:\n  x\nelif b:\n  y\nelse:\n  z"),
        "if a:\n    x\nelse:\n    if b:\n        y\n    else:\n        z"
    );
    assert_eq!(canon("while x: x -= 1"), "while x:\n    x -= 1");
    assert_eq!(
        canon("@tf.function\ndef f(a, b=2, *args, c, d=4, **kw) -> int:\n    return a"),
        "@tf.function\ndef f(a, b=2, *args, c, d=4, **kw):\n    return a"
    );
    assert_eq!(
        canon("class M(keras.Model):\n    def __init__(self):\n        super().__init__()"),
        "class M(keras.Model):\n    def __init__(self):\n        super().__init__()"
    );
    assert_eq!(
        canon("with tf.GradientTape() as tape:\n    y = x * x"),
        "with tf.GradientTape() as tape:\n    y = x * x"
    );
    assert_eq!(
        canon("try:\n    a\nexcept (E, F) as e:\n    b\nexcept:\n    c\nelse:\n    d\nfinally:\n    f"),
        "try:\n    a\nexcept (E, F) as e:\n    b\nexcept:\n    c\nelse:\n    d\nfinally:\n    f"
    );
    assert_eq!(
        canon("raise ValueError('x') from e"),
        "raise ValueError('x') from e"
    );
    assert_eq!(
        canon("assert x, 'msg'\ndel a, b[0]\nglobal g, h"),
        "assert x, 'msg'\ndel a, b[0]\nglobal g, h"
    );
    assert_eq!(canon("x: int = 3"), "x: int = 3");
    assert_eq!(canon("a = 1 + \\\n    2"), "a = 1 + 2");
    assert_eq!(canon("# comment\n\nx = 1  # trailing\n\n\n"), "x = 1");
}

#[test]
fn spans_point_at_the_source() {
    let src = "y = net(x) + bias";
    let prog = parse_program(src).unwrap_or_default();
    let StmtKind::Assign(targets, value) = &prog[0].kind else {
        panic!("assign")
    };
    let text = |s: Span| &src[s.start as usize..s.end as usize];
    assert_eq!(text(prog[0].span), src);
    assert_eq!(text(targets[0].span), "y");
    assert_eq!(text(value.span), "net(x) + bias");
    let ExprKind::Binary(_, l, r) = &value.kind else {
        panic!("binary")
    };
    assert_eq!(text(l.span), "net(x)");
    assert_eq!(text(r.span), "bias");
    let src2 = "for p in model.trainable_variables:\n    print(p.name, p.shape)\n";
    let prog2 = parse_program(src2).unwrap_or_default();
    assert_eq!(prog2[0].span.start, 0);
    assert_eq!(
        &src2[prog2[0].span.start as usize..prog2[0].span.end as usize],
        src2.trim_end()
    );
    let e = expr_of("f (a)[1].b");
    assert_eq!(e.span, Span::new(0, 10));
}

#[test]
fn syntax_errors_say_what_and_where() {
    // Python 3.11 names the statement whose block is missing.
    assert_eq!(
        err("x = 1\nwhile x:\nx = 2\n").1,
        "expected an indented block after 'while' statement on line 2"
    );
    assert_eq!(
        err("def f():\n").1,
        "expected an indented block after function definition on line 1"
    );
    assert_eq!(
        err("x = (1,\n  2"),
        ("SyntaxError".into(), "'(' was never closed".into(), (1, 5))
    );
    assert_eq!(
        err("x = f(1, 2]"),
        (
            "SyntaxError".into(),
            "closing parenthesis ']' does not match opening parenthesis '('".into(),
            (1, 11)
        )
    );
    let (_, msg, pos) = err("y = [a for a in b\nz = 2\n");
    assert_eq!(msg, "'[' was never closed");
    assert_eq!(pos, (1, 5));
    let (_, msg, pos) = err("print((1, 2 3))");
    assert_eq!(msg, "expected ')' to close '(' opened at 1:7");
    assert_eq!(pos, (1, 13));
    assert_eq!(
        err("s = 'abc"),
        (
            "SyntaxError".into(),
            "unterminated string literal (detected at line 1)".into(),
            (1, 5)
        )
    );
    assert_eq!(
        err("if x:\ny = 1"),
        (
            "IndentationError".into(),
            "expected an indented block after 'if' statement on line 1".into(),
            (2, 1)
        )
    );
    assert_eq!(err("  x = 1").0, "IndentationError");
    assert_eq!(
        err("if x:\n    a\n  b").1,
        "unindent does not match any outer indentation level"
    );
    assert_eq!(err("if x:\n\ta\n        b").0, "TabError");
    assert_eq!(err("1 = x").1, "cannot assign to literal");
    assert_eq!(err("f() = 3").1, "cannot assign to function call");
    assert_eq!(err("x = 1 +").1, "expected an expression");
    assert_eq!(
        err("def f(a=1, b): pass").1,
        "non-default argument follows default argument"
    );
    assert_eq!(err("x = 007").1, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
    assert_eq!(err("a $ b").1, "invalid character '$' (U+0024)");
    assert_eq!(err("x = [1, 2)").2, (1, 10));
    assert_eq!(err("elif x: pass").1, "invalid syntax");
}

#[test]
fn completeness_for_the_repl() {
    assert_eq!(check("x = 1"), Completeness::Complete);
    assert_eq!(check("x = (1,"), Completeness::Incomplete);
    assert_eq!(check("for i in range(3):"), Completeness::Incomplete);
    assert_eq!(
        check("for i in range(3):\n    print(i)"),
        Completeness::Incomplete
    );
    assert_eq!(
        check("for i in range(3):\n    print(i)\n"),
        Completeness::Complete
    );
    assert_eq!(check("s = '''abc"), Completeness::Incomplete);
    assert_eq!(check("x = 1 + \\"), Completeness::Incomplete);
    assert_eq!(
        check("model = tf.keras.Sequential([\n    tf.keras.layers.Dense(2),"),
        Completeness::Incomplete
    );
    assert_eq!(check("x = )"), Completeness::Complete);
    assert_eq!(check("@tf.function"), Completeness::Incomplete);
}

// ---- property: unparse → parse is the identity on ASTs (spans aside) ----

/// The Debug form of a program with every span removed.
fn shape(prog: &[Stmt]) -> String {
    let s = format!("{:?}", prog);
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find('}').map(|e| e + 1).unwrap_or(after.len());
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn e(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["x", "y", "tf", "net", "a_1", "_b", "shape"]).prop_map(String::from)
}

fn leaf() -> impl Strategy<Value = Expr> {
    prop_oneof![
        (0i64..1_000_000).prop_map(|v| e(ExprKind::Int(v))),
        (0.0f64..1e6).prop_map(|v| e(ExprKind::Float(v))),
        "[a-z \\n'\"\\\\é]{0,6}".prop_map(|s| e(ExprKind::Str(s))),
        any::<bool>().prop_map(|b| e(ExprKind::Bool(b))),
        Just(e(ExprKind::NoneLit)),
        name().prop_map(|n| e(ExprKind::Name(n))),
    ]
}

fn expr() -> impl Strategy<Value = Expr> {
    let binops = vec![
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::MatMul,
        BinOp::BitOr,
    ];
    let cmpops = vec![
        CmpOp::Eq,
        CmpOp::Lt,
        CmpOp::GtE,
        CmpOp::In,
        CmpOp::NotIn,
        CmpOp::Is,
        CmpOp::IsNot,
    ];
    leaf().prop_recursive(4, 48, 4, move |inner| {
        let b = binops.clone();
        let c = cmpops.clone();
        prop_oneof![
            (prop::sample::select(b), inner.clone(), inner.clone())
                .prop_map(|(op, l, r)| e(ExprKind::Binary(op, Box::new(l), Box::new(r)))),
            (
                prop::sample::select(vec![UnaryOp::Neg, UnaryOp::Not, UnaryOp::Invert]),
                inner.clone()
            )
                .prop_map(|(op, x)| e(ExprKind::Unary(op, Box::new(x)))),
            (
                inner.clone(),
                prop::collection::vec((prop::sample::select(c), inner.clone()), 1..3)
            )
                .prop_map(|(l, ops)| e(ExprKind::Compare(Box::new(l), ops))),
            (
                prop::sample::select(vec![BoolOpKind::And, BoolOpKind::Or]),
                prop::collection::vec(inner.clone(), 2..4)
            )
                .prop_map(|(op, v)| e(ExprKind::BoolOp(op, v))),
            (inner.clone(), inner.clone(), inner.clone()).prop_map(|(t, b, o)| e(
                ExprKind::IfExp {
                    test: Box::new(t),
                    body: Box::new(b),
                    orelse: Box::new(o)
                }
            )),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| e(ExprKind::List(v))),
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| e(ExprKind::Tuple(v))),
            prop::collection::vec((inner.clone(), inner.clone()), 0..3)
                .prop_map(|v| e(ExprKind::Dict(v))),
            (inner.clone(), name()).prop_map(|(o, n)| e(ExprKind::Attribute(Box::new(o), n))),
            (
                name(),
                prop::collection::vec(inner.clone(), 0..3),
                prop::option::of(inner.clone())
            )
                .prop_map(|(f, args, kw)| {
                    let mut a: Vec<Arg> = args.into_iter().map(Arg::Pos).collect();
                    if let Some(k) = kw {
                        a.push(Arg::Kw("axis".into(), k, Span::default()));
                    }
                    e(ExprKind::Call(Box::new(e(ExprKind::Name(f))), a))
                }),
            (
                inner.clone(),
                prop::option::of(inner.clone()),
                prop::option::of(inner.clone())
            )
                .prop_map(|(o, lo, hi)| {
                    e(ExprKind::Subscript(
                        Box::new(o),
                        Box::new(e(ExprKind::Slice(lo.map(Box::new), hi.map(Box::new), None))),
                    ))
                }),
            (inner.clone(), name(), inner.clone()).prop_map(|(elt, n, it)| e(ExprKind::ListComp(
                Box::new(elt),
                vec![Comprehension {
                    target: e(ExprKind::Name(n)),
                    iter: it,
                    ifs: vec![]
                }]
            ))),
        ]
    })
}

fn st(kind: StmtKind) -> Stmt {
    Stmt {
        kind,
        span: Span::default(),
    }
}

fn stmt() -> impl Strategy<Value = Stmt> {
    let simple = prop_oneof![
        expr().prop_map(|x| st(StmtKind::Expr(x))),
        (name(), expr()).prop_map(|(n, v)| st(StmtKind::Assign(vec![e(ExprKind::Name(n))], v))),
        (
            name(),
            prop::sample::select(vec![BinOp::Add, BinOp::Mul, BinOp::Pow]),
            expr()
        )
            .prop_map(|(n, op, v)| st(StmtKind::AugAssign(e(ExprKind::Name(n)), op, v))),
        Just(st(StmtKind::Pass)),
        prop::option::of(expr())
            .prop_map(|x| st(StmtKind::Expr(e(ExprKind::Yield(x.map(Box::new)))))),
        (name(), expr()).prop_map(|(n, v)| st(StmtKind::Assign(
            vec![e(ExprKind::Name(n))],
            e(ExprKind::Yield(Some(Box::new(v))))
        ))),
        expr().prop_map(|x| st(StmtKind::Expr(e(ExprKind::YieldFrom(Box::new(x)))))),
    ];
    simple.prop_recursive(2, 12, 3, |inner| {
        prop_oneof![
            (
                expr(),
                prop::collection::vec(inner.clone(), 1..3),
                prop::collection::vec(inner.clone(), 0..2)
            )
                .prop_map(|(t, b, o)| st(StmtKind::If {
                    test: t,
                    body: b,
                    orelse: o
                })),
            (name(), expr(), prop::collection::vec(inner.clone(), 1..3)).prop_map(|(n, it, b)| st(
                StmtKind::For {
                    target: e(ExprKind::Name(n)),
                    iter: it,
                    body: b,
                    orelse: vec![]
                }
            )),
            (name(), prop::collection::vec(inner.clone(), 1..3)).prop_map(|(n, b)| {
                let params = Params {
                    positional: vec![Param {
                        name: "a".into(),
                        default: None,
                    }],
                    ..Default::default()
                };
                let is_generator = tensh::syntax::yields::body_yields(&b);
                st(StmtKind::FunctionDef(Rc::new(FuncDef {
                    name: n,
                    params,
                    body: b,
                    decorators: vec![],
                    is_lambda: false,
                    is_generator,
                    span: Span::default(),
                })))
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn unparse_then_parse_gives_the_same_ast(prog in prop::collection::vec(stmt(), 1..4)) {
        let text = unparse::program(&prog);
        let back = parse_program(&text).map_err(|e| TestCaseError::fail(format!("{:?}\n{}", e, text)))?;
        prop_assert_eq!(shape(&back), shape(&prog), "source:\n{}", text);
    }
}

#[test]
fn yield_forms_make_generator_functions() {
    let src = "def f(a):\n    x = yield 1, 2\n    yield\n    y = yield from g(a)\n    z = (yield) + (yield a)\n    return x\n\
               def h():\n    def inner():\n        yield 1\n    return inner\n\
               k = lambda: (yield)\n";
    let prog = parse_program(src).expect("parses");
    let generator = |s: &Stmt| match &s.kind {
        StmtKind::FunctionDef(d) => d.is_generator,
        StmtKind::Assign(_, v) => matches!(&v.kind, ExprKind::Lambda(d) if d.is_generator),
        _ => false,
    };
    assert!(generator(&prog[0]), "f yields");
    assert!(!generator(&prog[1]), "only h's nested function yields");
    assert!(generator(&prog[2]), "the lambda yields");
    let StmtKind::FunctionDef(f) = &prog[0].kind else {
        panic!("a def")
    };
    assert!(matches!(
        &f.body[0].kind,
        StmtKind::Assign(_, v) if matches!(&v.kind, ExprKind::Yield(Some(t)) if matches!(t.kind, ExprKind::Tuple(_)))
    ));
    assert!(matches!(&f.body[1].kind, StmtKind::Expr(v) if v.kind == ExprKind::Yield(None)));
    assert!(matches!(
        &f.body[2].kind,
        StmtKind::Assign(_, v) if matches!(v.kind, ExprKind::YieldFrom(_))
    ));
}
