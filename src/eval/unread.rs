//! Whether an expression provably never reads a name. A comprehension whose element and
//! conditions never read its loop variable (`[0.0 for _ in range(n)]`) need not bind it on
//! every step: nothing can see the binding. The answer is conservative: any expression kind
//! not listed, a nested scope (lambda, comprehension), a walrus, or a call of a builtin that
//! reads the local namespace (`locals`, `vars`, `dir`, `eval`, `exec`) counts as a read.

use crate::syntax::ast::{Arg, Expr, ExprKind, FPart};

/// Names whose call sees the calling frame's local variables.
const FRAME_READERS: &[&str] = &["locals", "vars", "dir", "eval", "exec"];

/// Whether evaluating `e` can never read the variable `name`.
pub(crate) fn never_reads(name: &str, e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bytes(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis => true,
        ExprKind::Name(n) => n != name,
        ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) | ExprKind::BoolOp(_, xs) => {
            xs.iter().all(|x| never_reads(name, x))
        }
        ExprKind::Dict(kv) => kv
            .iter()
            .all(|(k, v)| never_reads(name, k) && never_reads(name, v)),
        ExprKind::Attribute(x, _) | ExprKind::Unary(_, x) | ExprKind::Starred(x) => {
            never_reads(name, x)
        }
        ExprKind::Subscript(x, i) | ExprKind::Binary(_, x, i) => {
            never_reads(name, x) && never_reads(name, i)
        }
        ExprKind::Slice(a, b, c) => [a, b, c]
            .into_iter()
            .flatten()
            .all(|x| never_reads(name, x)),
        ExprKind::Compare(x, rest) => {
            never_reads(name, x) && rest.iter().all(|(_, y)| never_reads(name, y))
        }
        ExprKind::IfExp { test, body, orelse } => {
            never_reads(name, test) && never_reads(name, body) && never_reads(name, orelse)
        }
        ExprKind::Call(f, args) => {
            let reader =
                matches!(&f.kind, ExprKind::Name(n) if FRAME_READERS.contains(&n.as_str()));
            !reader
                && never_reads(name, f)
                && args.iter().all(|a| match a {
                    Arg::Pos(x) | Arg::Star(x) | Arg::StarStar(x) | Arg::Kw(_, x, _) => {
                        never_reads(name, x)
                    }
                })
        }
        ExprKind::FString(parts) => parts.iter().all(|p| fpart_never_reads(name, p)),
        _ => false,
    }
}

fn fpart_never_reads(name: &str, p: &FPart) -> bool {
    match p {
        FPart::Lit(_) => true,
        FPart::Expr { expr, spec, .. } => {
            never_reads(name, expr) && spec.iter().all(|s| fpart_never_reads(name, s))
        }
    }
}

pub(crate) mod tests {
    use super::never_reads;
    use crate::syntax::ast::{ExprKind, StmtKind};

    fn expr(src: &str) -> crate::syntax::ast::Expr {
        let stmts = crate::syntax::parse_program(src).expect("parses");
        match &stmts[0].kind {
            StmtKind::Expr(e) => e.clone(),
            _ => panic!("not an expression"),
        }
    }

    fn reads_are_found_through_every_kind() {
        for (src, unread) in [
            ("1.5", true),
            ("[0] * n", true),
            ("_", false),
            ("f(x, k=_)", false),
            ("f'{_:>3}'", false),
            ("f'{x}'", true),
            ("locals()", false),
            ("random.random()", true),
            ("lambda: 0", false),
            ("[y for y in z]", false),
            ("a if b else c[_]", false),
            ("{k: v for k, v in d}", false),
        ] {
            assert_eq!(never_reads("_", &expr(src)), unread, "{}", src);
        }
        assert!(matches!(expr("x").kind, ExprKind::Name(_)));
    }

    unit_cases!(reads_are_found_through_every_kind);
}
