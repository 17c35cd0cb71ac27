//! Property: any well-formed program evaluates to values and Python-style errors, never a
//! panic. proptest generates programs from a small grammar of the notebook language:
//! assignments, loops, conditionals, functions, generator functions (send, throw, close,
//! `yield from`), generator expressions, iterator classes (`__iter__`/`__next__`), and
//! expressions mixing Python values,
//! `tf.*` calls with ill-fitting arguments, operators, indexing, attributes and methods.
//! Each runs in a fresh in-process session with a 64 MB tensor budget; a panic inside a
//! statement would surface as `InternalError` (the session's guard), which fails the case,
//! and so does a SyntaxError (the generator must only make well-formed programs).

use proptest::prelude::*;
use tensh::eval::session::Output;
use tensh::golden::runner::SharedBuf;

const NAMES: &[&str] = &["a", "b", "c", "x", "w"];

const TF_CALLS: &[&str] = &[
    "tf.constant",
    "tf.zeros",
    "tf.ones",
    "tf.reshape",
    "tf.transpose",
    "tf.matmul",
    "tf.reduce_sum",
    "tf.reduce_mean",
    "tf.reduce_max",
    "tf.concat",
    "tf.stack",
    "tf.gather",
    "tf.where",
    "tf.cast",
    "tf.nn.softmax",
    "tf.nn.relu",
    "tf.sigmoid",
    "tf.exp",
    "tf.math.log",
    "tf.square",
    "tf.sqrt",
    "tf.expand_dims",
    "tf.squeeze",
    "tf.tile",
    "tf.pad",
    "tf.one_hot",
    "tf.range",
    "tf.argmax",
    "tf.sort",
    "tf.split",
    "tf.Variable",
    "tf.random.normal",
    "tf.random.uniform",
    "tf.keras.layers.Dense",
    "tf.keras.losses.mse",
    "tf.clip_by_value",
    "tf.abs",
    "tf.boolean_mask",
    "tf.broadcast_to",
];

fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        (-3i64..8).prop_map(|i| i.to_string()),
        (-30i64..30).prop_map(|i| format!("{}.5", i)),
        prop::sample::select(NAMES).prop_map(|s| s.to_string()),
        prop::sample::select(vec![
            "None",
            "True",
            "[1, 2, 3]",
            "[[1.0, 2.0], [3.0, 4.0]]",
            "(2, 3)",
            "[]",
            "'s'",
            "tf.float32",
            "tf.int32",
            "[2, -1]",
            "float('nan')",
            "float('inf')",
        ])
        .prop_map(|s| s.to_string()),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    leaf().prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (
                prop::sample::select(TF_CALLS),
                prop::collection::vec(inner.clone(), 0..4)
            )
                .prop_map(|(f, args)| format!("{}({})", f, args.join(", "))),
            (
                inner.clone(),
                prop::sample::select(vec!["+", "-", "*", "/", "//", "%", "**", "@", "<", "=="]),
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("({} {} {})", a, op, b)),
            (inner.clone(), inner.clone()).prop_map(|(a, i)| format!("{}[{}]", a, i)),
            (inner.clone(), -2i64..3).prop_map(|(a, i)| format!("{}[{}:]", a, i)),
            (
                inner.clone(),
                prop::sample::select(vec![
                    ".shape",
                    ".numpy()",
                    ".dtype",
                    ".ndim",
                    ".T",
                    "[0]",
                    ".trainable_variables",
                    ".assign(1.0)",
                    ".reshape(-1)",
                    ".sum()",
                ])
            )
                .prop_map(|(a, s)| format!("({}){}", a, s)),
            (
                inner.clone(),
                prop::sample::select(vec![
                    "axis=0",
                    "axis=-1",
                    "dtype=tf.float32",
                    "keepdims=True",
                    "foo=1"
                ])
            )
                .prop_map(|(a, kw)| format!("tf.reduce_sum({}, {})", a, kw)),
            inner
                .clone()
                .prop_map(|a| format!("[{} for _ in range(2)]", a)),
            inner
                .clone()
                .prop_map(|a| format!("sum(v * 2 for v in {})", a)),
            inner
                .clone()
                .prop_map(|a| format!("list((v, u) for v in {} for u in range(2) if v)", a)),
            inner
                .clone()
                .prop_map(|a| format!("next(iter({}), None)", a)),
            inner.clone().prop_map(|a| format!("any(v for v in {})", a)),
            inner.prop_map(|a| format!("len({})", a)),
        ]
    })
}

fn stmt() -> impl Strategy<Value = String> {
    prop_oneof![
        (prop::sample::select(NAMES), expr()).prop_map(|(n, e)| format!("{} = {}", n, e)),
        expr(),
        (0i64..4, expr()).prop_map(|(k, e)| format!("for i in range({}):\n    x = {}", k, e)),
        (expr(), expr()).prop_map(|(c, e)| format!("if {}:\n    a = {}\nelse:\n    b = 1", c, e)),
        expr().prop_map(|e| format!("def f(v):\n    return {}\nw = f(a)", e)),
        (expr(), expr()).prop_map(|(e, r)| format!(
            "def gen(v):\n    for q in v:\n        s = yield q\n        if s:\n            yield s\n    return {}\nx = list(gen({}))",
            r, e
        )),
        (expr(), expr()).prop_map(|(e, r)| format!(
            "def gen2(v):\n    got = yield from v\n    yield {}\n    return got\ng = gen2({})\nw = next(g)\nw = g.send(None)\nw = g.send(1)",
            r, e
        )),
        (expr(), 0usize..3).prop_map(|(e, k)| format!(
            "def gen3(v):\n    try:\n        yield from v\n    except ValueError:\n        yield 'caught'\n    finally:\n        c = 3\ng = gen3({})\nfor _ in range({}):\n    w = next(g)\nx = g.throw(ValueError('t'))\ng.close()\ng = None",
            e, k
        )),
        expr().prop_map(|e| format!(
            "class It:\n    def __init__(self, v):\n        self.v = list(v)\n    def __iter__(self):\n        return self\n    def __next__(self):\n        if not self.v:\n            raise StopIteration\n        return self.v.pop()\nx = sorted(It({}))\nw = [q for q in It({})]\na, *b = It([1, 2, 3])",
            e, e
        )),
        expr().prop_map(|e| format!(
            "with tf.GradientTape() as t:\n    t.watch(a)\n    y = {}\ng = t.gradient(y, a)",
            e
        )),
    ]
}

fn program() -> impl Strategy<Value = String> {
    prop::collection::vec(stmt(), 1..8).prop_map(|stmts| {
        let mut src = String::from("import tensorflow as tf\na = tf.constant([[1.0, 2.0], [3.0, 4.0]])\nb = tf.range(6)\nc = 2\n");
        for s in stmts {
            src.push_str(&s);
            src.push('\n');
        }
        src
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn well_formed_programs_never_panic(src in program()) {
        tensh::tensor::alloc::set_limit(64 << 20);
        let err = SharedBuf::default();
        let io = Output {
            out: Box::new(std::io::sink()),
            err: Box::new(err.clone()),
            color: false,
            tty: false,
        };
        let mut it = tensh::session(io, Some(0));
        let _ = it.run(&src, None, true);
        it.flush();
        drop(it);
        let text = String::from_utf8_lossy(&err.0.borrow()).into_owned();
        prop_assert!(!text.contains("InternalError"), "program:\n{}\nerrors:\n{}", src, text);
        prop_assert!(!text.contains("SyntaxError"), "program:\n{}\nerrors:\n{}", src, text);
    }
}
