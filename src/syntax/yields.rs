//! Where `yield` may stand. A function whose own body yields (not counting nested
//! functions, lambdas and classes) is a generator function; a `yield` at module level, in a
//! class body or inside a comprehension is the SyntaxError CPython's compiler gives, found
//! per top-level statement before it runs (as CPython compiles each statement of a session).

use super::ast::*;

/// What surrounds a `yield`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// The body of the function being scanned.
    Function,
    /// Module level or a class body.
    Outside,
    /// Inside a comprehension of this kind (`list comprehension`, `generator expression`...).
    Comp(&'static str),
}

/// A misplaced `yield`: the message CPython gives and where it stands.
pub struct Misplaced {
    pub message: String,
    pub span: Span,
}

/// Whether a function body yields: the def is a generator function.
pub fn body_yields(body: &[Stmt]) -> bool {
    let mut found = Vec::new();
    for s in body {
        stmt(s, Ctx::Function, false, &mut found);
    }
    found.iter().any(|(c, _)| *c == Ctx::Function)
}

/// Whether a lambda's body expression yields.
pub fn expr_yields(e: &Expr) -> bool {
    let mut found = Vec::new();
    expr(e, Ctx::Function, false, &mut found);
    found.iter().any(|(c, _)| *c == Ctx::Function)
}

/// The first `yield` of a top-level statement that CPython refuses to compile: outside a
/// function, or inside a comprehension (also in nested function bodies).
pub fn misplaced(s: &Stmt) -> Option<Misplaced> {
    let mut found = Vec::new();
    stmt(s, Ctx::Outside, true, &mut found);
    found.into_iter().find_map(|(c, span)| match c {
        Ctx::Function => None,
        Ctx::Outside => Some(Misplaced {
            message: "'yield' outside function".into(),
            span,
        }),
        Ctx::Comp(what) => Some(Misplaced {
            message: format!("'yield' inside {}", what),
            span,
        }),
    })
}

type Found = Vec<(Ctx, Span)>;

fn block(body: &[Stmt], ctx: Ctx, deep: bool, out: &mut Found) {
    for s in body {
        stmt(s, ctx, deep, out);
    }
}

/// Walks a statement; `deep` also walks nested function bodies (as functions of their own).
fn stmt(s: &Stmt, ctx: Ctx, deep: bool, out: &mut Found) {
    match &s.kind {
        StmtKind::Match { subject, cases } => {
            expr(subject, ctx, deep, out);
            for c in cases {
                if let Some(g) = &c.guard {
                    expr(g, ctx, deep, out);
                }
                block(&c.body, ctx, deep, out);
            }
        }
        StmtKind::Expr(e) => expr(e, ctx, deep, out),
        StmtKind::Assign(targets, value) => {
            for t in targets {
                expr(t, ctx, deep, out);
            }
            expr(value, ctx, deep, out);
        }
        StmtKind::AugAssign(t, _, v) => {
            expr(t, ctx, deep, out);
            expr(v, ctx, deep, out);
        }
        StmtKind::AnnAssign(t, a, v) => {
            expr(t, ctx, deep, out);
            expr(a, ctx, deep, out);
            if let Some(v) = v {
                expr(v, ctx, deep, out);
            }
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            expr(target, ctx, deep, out);
            expr(iter, ctx, deep, out);
            block(body, ctx, deep, out);
            block(orelse, ctx, deep, out);
        }
        StmtKind::While { test, body, orelse } | StmtKind::If { test, body, orelse } => {
            expr(test, ctx, deep, out);
            block(body, ctx, deep, out);
            block(orelse, ctx, deep, out);
        }
        StmtKind::With { items, body } => {
            for (e, v) in items {
                expr(e, ctx, deep, out);
                if let Some(v) = v {
                    expr(v, ctx, deep, out);
                }
            }
            block(body, ctx, deep, out);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            block(body, ctx, deep, out);
            for h in handlers {
                if let Some(k) = &h.kind {
                    expr(k, ctx, deep, out);
                }
                block(&h.body, ctx, deep, out);
            }
            block(orelse, ctx, deep, out);
            block(finalbody, ctx, deep, out);
        }
        StmtKind::FunctionDef(def) => function(def, ctx, deep, out),
        StmtKind::ClassDef(def) => {
            for d in def.decorators.iter().chain(&def.bases) {
                expr(d, ctx, deep, out);
            }
            // A class body is no function: its yields are misplaced, wherever it stands.
            let inner = match ctx {
                Ctx::Comp(_) => ctx,
                _ => Ctx::Outside,
            };
            if deep || ctx == Ctx::Outside {
                block(&def.body, inner, deep, out);
            }
        }
        StmtKind::Return(Some(e)) => expr(e, ctx, deep, out),
        StmtKind::Raise(e, cause) => {
            for x in e.iter().chain(cause.iter()) {
                expr(x, ctx, deep, out);
            }
        }
        StmtKind::Assert(t, m) => {
            expr(t, ctx, deep, out);
            if let Some(m) = m {
                expr(m, ctx, deep, out);
            }
        }
        StmtKind::Delete(ts) => {
            for t in ts {
                expr(t, ctx, deep, out);
            }
        }
        StmtKind::Return(None)
        | StmtKind::Import(_)
        | StmtKind::ImportFrom(..)
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Pass => {}
    }
}

/// A nested def or lambda: its decorators and defaults belong to the enclosing code; its
/// body is a function of its own (walked only when `deep`).
fn function(def: &FuncDef, ctx: Ctx, deep: bool, out: &mut Found) {
    for d in &def.decorators {
        expr(d, ctx, deep, out);
    }
    for p in def.params.positional.iter().chain(&def.params.kwonly) {
        if let Some(d) = &p.default {
            expr(d, ctx, deep, out);
        }
    }
    if deep {
        let mut inner = Vec::new();
        block(&def.body, Ctx::Function, deep, &mut inner);
        out.extend(inner.into_iter().filter(|(c, _)| *c != Ctx::Function));
    }
}

fn comp(
    gens: &[Comprehension],
    elts: &[&Expr],
    what: &'static str,
    ctx: Ctx,
    deep: bool,
    out: &mut Found,
) {
    // The first iterable is evaluated where the comprehension stands; the rest inside it.
    let inner = Ctx::Comp(what);
    for (k, g) in gens.iter().enumerate() {
        expr(&g.iter, if k == 0 { ctx } else { inner }, deep, out);
        expr(&g.target, inner, deep, out);
        for c in &g.ifs {
            expr(c, inner, deep, out);
        }
    }
    for e in elts {
        expr(e, inner, deep, out);
    }
}

fn expr(e: &Expr, ctx: Ctx, deep: bool, out: &mut Found) {
    let mut sub = |x: &Expr| expr(x, ctx, deep, out);
    match &e.kind {
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                sub(v);
            }
            out.push((ctx, e.span));
        }
        ExprKind::YieldFrom(v) => {
            sub(v);
            out.push((ctx, e.span));
        }
        ExprKind::NamedExpr(_, v) => sub(v),
        ExprKind::Int(_)
        | ExprKind::BigInt(_)
        | ExprKind::Bytes(_)
        | ExprKind::Float(_)
        | ExprKind::Imag(_)
        | ExprKind::Str(_)
        | ExprKind::Bool(_)
        | ExprKind::NoneLit
        | ExprKind::Ellipsis
        | ExprKind::Name(_) => {}
        ExprKind::FString(parts) => fparts(parts, ctx, deep, out),
        ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
            items.iter().for_each(sub)
        }
        ExprKind::Dict(pairs) => {
            for (k, v) in pairs {
                sub(k);
                sub(v);
            }
        }
        ExprKind::ListComp(elt, gens) => comp(gens, &[elt], "list comprehension", ctx, deep, out),
        ExprKind::SetComp(elt, gens) => comp(gens, &[elt], "set comprehension", ctx, deep, out),
        ExprKind::GenExp(elt, gens) => comp(gens, &[elt], "generator expression", ctx, deep, out),
        ExprKind::DictComp(k, v, gens) => comp(gens, &[k, v], "dict comprehension", ctx, deep, out),
        ExprKind::Lambda(def) => function(def, ctx, deep, out),
        ExprKind::Attribute(v, _) | ExprKind::Unary(_, v) | ExprKind::Starred(v) => sub(v),
        ExprKind::Subscript(a, b) | ExprKind::Binary(_, a, b) => {
            sub(a);
            sub(b);
        }
        ExprKind::Slice(a, b, c) => {
            for x in [a, b, c].into_iter().flatten() {
                sub(x);
            }
        }
        ExprKind::Call(f, args) => {
            sub(f);
            for a in args {
                match a {
                    Arg::Pos(x) | Arg::Star(x) | Arg::Kw(_, x, _) | Arg::StarStar(x) => sub(x),
                }
            }
        }
        ExprKind::BoolOp(_, vs) => vs.iter().for_each(sub),
        ExprKind::Compare(l, ops) => {
            sub(l);
            for (_, r) in ops {
                sub(r);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            sub(test);
            sub(body);
            sub(orelse);
        }
    }
}

fn fparts(parts: &[FPart], ctx: Ctx, deep: bool, out: &mut Found) {
    for p in parts {
        if let FPart::Expr { expr: e, spec, .. } = p {
            expr(e, ctx, deep, out);
            fparts(spec, ctx, deep, out);
        }
    }
}
