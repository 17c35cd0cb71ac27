//! Statements: the file and logical-line level, and simple statements (expressions,
//! assignments, imports, `return`, `del`...) separated by `;` on a logical line. Compound
//! statements are in `compound.rs`.

use super::ast::*;
use super::compound::compound;
use super::expr::{target_list, test, testlist_star, yield_expr};
use super::lexeme::Tok;
use super::tokens::*;
use nom::Input;

pub(super) fn hard<T>(i: Toks, msg: impl Into<String>) -> PResult<T> {
    Err(nom::Err::Failure(PErr::at(i, msg)))
}

/// The whole program: statements until the end of input.
/// An optional `<lead> test` clause: `from cause` of `raise`, `, msg` of `assert`.
fn clause<'a>(
    i: Toks<'a>,
    lead: impl Fn(Toks<'a>) -> PResult<'a, Span>,
    what: &'static str,
) -> PResult<'a, Option<Expr>> {
    match lead(i) {
        Ok((j, _)) => {
            let (j, e) = expect(what, test)(j)?;
            Ok((j, Some(e)))
        }
        Err(_) => Ok((i, None)),
    }
}

pub fn file(mut i: Toks) -> PResult<Vec<Stmt>> {
    let mut body = Vec::new();
    loop {
        while let Ok((j, _)) = layout(Tok::Newline)(i) {
            i = j;
        }
        if layout(Tok::End)(i).is_ok() {
            return Ok((i, body));
        }
        if layout(Tok::Indent)(i).is_ok() {
            return unexpected_indent(i);
        }
        let (j, mut stmts) = statement(i)?;
        body.append(&mut stmts);
        i = j;
    }
}

/// One statement; a line of `a; b; c` gives several.
pub fn statement(i: Toks) -> PResult<Vec<Stmt>> {
    match compound(i)? {
        (j, Some(s)) => Ok((j, vec![s])),
        (_, None) => simple_line(i),
    }
}

pub(super) fn simple_line(i: Toks) -> PResult<Vec<Stmt>> {
    let (mut i, first) = small_stmt(i)?;
    let mut out = vec![first];
    while let Ok((j, _)) = op(";")(i) {
        i = j;
        if layout(Tok::Newline)(i).is_ok() || layout(Tok::End)(i).is_ok() {
            break;
        }
        let (j, s) = small_stmt(i)?;
        out.push(s);
        i = j;
    }
    if let Ok((j, _)) = layout(Tok::Newline)(i) {
        return Ok((j, out));
    }
    if layout(Tok::End)(i).is_ok() || layout(Tok::Dedent)(i).is_ok() {
        return Ok((i, out));
    }
    hard(i, "invalid syntax")
}

fn span_from(start: Span, i: Toks, prev_end: u32) -> Span {
    let _ = i;
    Span {
        start: start.start,
        end: prev_end.max(start.end),
    }
}

fn small_stmt(i: Toks) -> PResult<Stmt> {
    let first = match i.first() {
        Some(t) => t.clone(),
        None => return hard(i, "expected a statement"),
    };
    let start = first.span;
    let simple = |kind: StmtKind| Ok((i.take_from(1), Stmt { kind, span: start }));
    if let Tok::Name(word) = &first.tok {
        match word.as_str() {
            "pass" => return simple(StmtKind::Pass),
            "break" => return simple(StmtKind::Break),
            "continue" => return simple(StmtKind::Continue),
            "return" => {
                let j = i.take_from(1);
                if at_stmt_end(j) {
                    return simple(StmtKind::Return(None));
                }
                let (j, e) = testlist_star(j)?;
                let span = start.to(e.span);
                return Ok((
                    j,
                    Stmt {
                        kind: StmtKind::Return(Some(e)),
                        span,
                    },
                ));
            }
            "raise" => {
                let j = i.take_from(1);
                if at_stmt_end(j) {
                    return simple(StmtKind::Raise(None, None));
                }
                let (j, e) = test(j)?;
                let (j, cause) = clause(j, kw("from"), "an expression after 'from'")?;
                let end = cause.as_ref().map(|c| c.span).unwrap_or(e.span);
                return Ok((
                    j,
                    Stmt {
                        kind: StmtKind::Raise(Some(e), cause),
                        span: start.to(end),
                    },
                ));
            }
            "assert" => {
                let (j, e) = expect("an expression after 'assert'", test)(i.take_from(1))?;
                let (j, msg) = clause(j, op(","), "a message after ','")?;
                let end = msg.as_ref().map(|m| m.span).unwrap_or(e.span);
                return Ok((
                    j,
                    Stmt {
                        kind: StmtKind::Assert(e, msg),
                        span: start.to(end),
                    },
                ));
            }
            "del" => {
                let (j, t) = expect("a target after 'del'", target_list)(i.take_from(1))?;
                let span = start.to(t.span);
                let targets = match t.kind {
                    ExprKind::Tuple(items) => items,
                    _ => vec![t],
                };
                return Ok((
                    j,
                    Stmt {
                        kind: StmtKind::Delete(targets),
                        span,
                    },
                ));
            }
            "global" | "nonlocal" => {
                let is_global = word == "global";
                let (mut j, (n, mut end)) = expect("a name", ident)(i.take_from(1))?;
                let mut names = vec![n];
                while let Ok((k, _)) = op(",")(j) {
                    let (k, (n, s)) = expect("a name", ident)(k)?;
                    names.push(n);
                    end = s;
                    j = k;
                }
                let kind = if is_global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                };
                return Ok((
                    j,
                    Stmt {
                        kind,
                        span: start.to(end),
                    },
                ));
            }
            "import" => return import(i),
            "from" => return import_from(i),
            _ => {}
        }
    }
    expr_stmt(i)
}

fn at_stmt_end(i: Toks) -> bool {
    matches!(
        i.first().map(|t| &t.tok),
        Some(Tok::Newline | Tok::End | Tok::Dedent) | None
    ) || peek_is_op(i, ";")
}

fn dotted(i: Toks) -> PResult<(Vec<String>, Span)> {
    let (mut i, (first, mut span)) = expect("a module name", ident)(i)?;
    let mut path = vec![first];
    while let Ok((j, _)) = op(".")(i) {
        let (j, (n, s)) = expect("a name after '.'", ident)(j)?;
        path.push(n);
        span = span.to(s);
        i = j;
    }
    Ok((i, (path, span)))
}

pub(super) fn alias(i: Toks) -> PResult<Option<(String, Span)>> {
    match kw("as")(i) {
        Ok((j, _)) => {
            let (j, n) = expect("a name after 'as'", ident)(j)?;
            Ok((j, Some(n)))
        }
        Err(_) => Ok((i, None)),
    }
}

fn import(i: Toks) -> PResult<Stmt> {
    let (mut i, start) = kw("import")(i)?;
    let mut names = Vec::new();
    let mut end;
    loop {
        let (j, (path, s)) = dotted(i)?;
        let (j, a) = alias(j)?;
        end = a.as_ref().map(|x| x.1).unwrap_or(s);
        names.push(ImportName {
            path,
            alias: a.map(|x| x.0),
        });
        i = j;
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => break,
        }
    }
    Ok((
        i,
        Stmt {
            kind: StmtKind::Import(names),
            span: start.to(end),
        },
    ))
}

fn import_from(i: Toks) -> PResult<Stmt> {
    let (i, start) = kw("from")(i)?;
    let (i, (module, _)) = dotted(i)?;
    let (i, _) = expect("'import'", kw("import"))(i)?;
    if let Ok((j, s)) = op("*")(i) {
        let names = vec![ImportName {
            path: vec!["*".into()],
            alias: None,
        }];
        return Ok((
            j,
            Stmt {
                kind: StmtKind::ImportFrom(module, names),
                span: start.to(s),
            },
        ));
    }
    let (mut i, paren) = match op("(")(i) {
        Ok((j, s)) => (j, Some(s)),
        Err(_) => (i, None),
    };
    let mut names = Vec::new();
    let mut end;
    loop {
        let (j, (n, s)) = expect("a name to import", ident)(i)?;
        let (j, a) = alias(j)?;
        end = a.as_ref().map(|x| x.1).unwrap_or(s);
        names.push(ImportName {
            path: vec![n],
            alias: a.map(|x| x.0),
        });
        i = j;
        match op(",")(i) {
            Ok((j, _)) => {
                i = j;
                if paren.is_some() && peek_is_op(i, ")") {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    if let Some(open) = paren {
        let (j, s) = close(")", open)(i)?;
        end = s;
        i = j;
    }
    Ok((
        i,
        Stmt {
            kind: StmtKind::ImportFrom(module, names),
            span: start.to(end),
        },
    ))
}

const AUG_OPS: &[(&str, BinOp)] = &[
    ("+=", BinOp::Add),
    ("-=", BinOp::Sub),
    ("*=", BinOp::Mul),
    ("/=", BinOp::Div),
    ("//=", BinOp::FloorDiv),
    ("%=", BinOp::Mod),
    ("**=", BinOp::Pow),
    ("@=", BinOp::MatMul),
    ("&=", BinOp::BitAnd),
    ("|=", BinOp::BitOr),
    ("^=", BinOp::BitXor),
    ("<<=", BinOp::LShift),
    (">>=", BinOp::RShift),
];

fn check_target(e: &Expr, i: Toks) -> Result<(), nom::Err<PErr>> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().try_for_each(|x| check_target(x, i))
        }
        ExprKind::Starred(inner) => check_target(inner, i),
        _ => {
            let what = match &e.kind {
                ExprKind::Call(..) => "function call",
                ExprKind::Int(_)
                | ExprKind::BigInt(_)
                | ExprKind::Bytes(_)
                | ExprKind::Float(_)
                | ExprKind::Imag(_)
                | ExprKind::Str(_)
                | ExprKind::Bool(_)
                | ExprKind::NoneLit => "literal",
                ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
                _ => "expression",
            };
            let mut err = PErr::at(i, format!("cannot assign to {}", what));
            err.offset = e.span.start as usize;
            err.end = e.span.end as usize;
            Err(nom::Err::Failure(err))
        }
    }
}

/// The right of `=` or an augmented assignment: values, or a yield expression.
fn rhs(i: Toks) -> PResult<Expr> {
    if peek_is_kw(i, "yield") {
        return yield_expr(i);
    }
    testlist_star(i)
}

fn expr_stmt(i: Toks) -> PResult<Stmt> {
    let i0 = i;
    let (i, first) = match rhs(i) {
        Ok(r) => r,
        Err(nom::Err::Error(mut e)) => {
            if e.message.is_none() {
                e.message = Some("invalid syntax".into());
            }
            return Err(nom::Err::Failure(e));
        }
        Err(e) => return Err(e),
    };
    let start = first.span;
    // An unparenthesized `x := v` is not a statement.
    if matches!(first.kind, ExprKind::NamedExpr(..)) && !peek_is_op(i0, "(") {
        return hard(i0, "invalid syntax");
    }
    for &(sym, bop) in AUG_OPS {
        if let Ok((j, _)) = op(sym)(i) {
            if !matches!(
                first.kind,
                ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..)
            ) {
                let mut err = PErr::at(
                    i,
                    "'tuple' is an illegal expression for augmented assignment",
                );
                err.offset = start.start as usize;
                return Err(nom::Err::Failure(err));
            }
            let (j, value) = expect("an expression", rhs)(j)?;
            let span = start.to(value.span);
            return Ok((
                j,
                Stmt {
                    kind: StmtKind::AugAssign(first, bop, value),
                    span,
                },
            ));
        }
    }
    if let Ok((j, _)) = op(":")(i) {
        // An annotated assignment `x: T = v`.
        check_target(&first, i)?;
        let (j, ann) = expect("an annotation", test)(j)?;
        let (j, value) = match op("=")(j) {
            Ok((k, _)) => {
                let (k, v) = expect("an expression", rhs)(k)?;
                (k, Some(v))
            }
            Err(_) => (j, None),
        };
        let end = value.as_ref().map(|v| v.span).unwrap_or(ann.span);
        return Ok((
            j,
            Stmt {
                kind: StmtKind::AnnAssign(first, ann, value),
                span: start.to(end),
            },
        ));
    }
    if !peek_is_op(i, "=") {
        let span = first.span;
        return Ok((
            i,
            Stmt {
                kind: StmtKind::Expr(first),
                span,
            },
        ));
    }
    let mut exprs = vec![first];
    let mut i = i;
    while let Ok((j, _)) = op("=")(i) {
        let (j, e) = expect("an expression after '='", rhs)(j)?;
        exprs.push(e);
        i = j;
    }
    let value = exprs.pop().unwrap_or(Expr {
        kind: ExprKind::NoneLit,
        span: start,
    });
    for t in &exprs {
        check_target(t, i)?;
    }
    let span = span_from(start, i, value.span.end);
    Ok((
        i,
        Stmt {
            kind: StmtKind::Assign(exprs, value),
            span,
        },
    ))
}
