//! Statements: simple statements separated by `;` on a logical line, compound statements
//! with their indented suites, decorators, and the parameter lists of `def` and `lambda`.

use super::ast::*;
use super::expr::{star_or, target_list, test, testlist_star};
use super::lexeme::Tok;
use super::tokens::*;
use nom::Input;
use std::rc::Rc;

fn hard<T>(i: Toks, msg: impl Into<String>) -> PResult<T> {
    Err(nom::Err::Failure(PErr::at(i, msg)))
}

/// The whole program: statements until the end of input.
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

fn simple_line(i: Toks) -> PResult<Vec<Stmt>> {
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
                let (j, cause) = match kw("from")(j) {
                    Ok((k, _)) => {
                        let (k, c) = expect("an expression after 'from'", test)(k)?;
                        (k, Some(c))
                    }
                    Err(_) => (j, None),
                };
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
                let (j, msg) = match op(",")(j) {
                    Ok((k, _)) => {
                        let (k, m) = expect("a message after ','", test)(k)?;
                        (k, Some(m))
                    }
                    Err(_) => (j, None),
                };
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

fn alias(i: Toks) -> PResult<Option<(String, Span)>> {
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
                | ExprKind::Float(_)
                | ExprKind::Str(_)
                | ExprKind::Bool(_)
                | ExprKind::NoneLit => "literal",
                _ => "expression",
            };
            let mut err = PErr::at(i, format!("cannot assign to {}", what));
            err.offset = e.span.start as usize;
            err.end = e.span.end as usize;
            Err(nom::Err::Failure(err))
        }
    }
}

fn expr_stmt(i: Toks) -> PResult<Stmt> {
    let (i, first) = match testlist_star(i) {
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
            let (j, value) = expect("an expression", testlist_star)(j)?;
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
                let (k, v) = expect("an expression", testlist_star)(k)?;
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
        let (j, e) = expect("an expression after '='", testlist_star)(j)?;
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

/// A suite after `:`: statements on the same line, or an indented block.
fn suite(i: Toks, header: Span) -> PResult<Vec<Stmt>> {
    let (i, _) = expect("':'", op(":"))(i)?;
    if let Ok((j, _)) = layout(Tok::Newline)(i) {
        let Ok((mut j, _)) = layout(Tok::Indent)(j) else {
            let mut e = PErr::at(j, "expected an indented block").indentation();
            e.at_end = layout(Tok::End)(j).is_ok();
            e.header = Some(header.start as usize);
            return Err(nom::Err::Failure(e));
        };
        let mut body = Vec::new();
        loop {
            while let Ok((k, _)) = layout(Tok::Newline)(j) {
                j = k;
            }
            if let Ok((k, _)) = layout(Tok::Dedent)(j) {
                return Ok((k, body));
            }
            if layout(Tok::End)(j).is_ok() {
                return Ok((j, body));
            }
            if layout(Tok::Indent)(j).is_ok() {
                return unexpected_indent(j);
            }
            let (k, mut stmts) = statement(j)?;
            body.append(&mut stmts);
            j = k;
        }
    }
    if layout(Tok::End)(i).is_ok() {
        let mut e = PErr::at(i, "expected an indented block").indentation();
        e.at_end = true;
        e.header = Some(header.start as usize);
        return Err(nom::Err::Failure(e));
    }
    simple_line(i)
}

fn end_of(body: &[Stmt], fallback: Span) -> Span {
    body.last().map(|s| fallback.to(s.span)).unwrap_or(fallback)
}

/// A compound statement, or None when the input does not start one.
fn compound(i: Toks) -> PResult<Option<Stmt>> {
    let Some(first) = i.first() else {
        return Ok((i, None));
    };
    let start = first.span;
    if peek_is_op(i, "@") {
        return decorated(i).map(|(j, s)| (j, Some(s)));
    }
    let Tok::Name(word) = &first.tok else {
        return Ok((i, None));
    };
    let j = i.take_from(1);
    let (j, stmt) = match word.as_str() {
        "if" => if_stmt(j, start)?,
        "while" => {
            let (j, t) = expect("a condition", test)(j)?;
            let (j, body) = suite(j, start)?;
            let (j, orelse) = else_suite(j)?;
            let span = end_of(&orelse, end_of(&body, start));
            (
                j,
                Stmt {
                    kind: StmtKind::While {
                        test: t,
                        body,
                        orelse,
                    },
                    span,
                },
            )
        }
        "for" => {
            let (j, target) = expect("a target", target_list)(j)?;
            let (j, _) = expect("'in'", kw("in"))(j)?;
            let (j, iter) = expect("an expression after 'in'", testlist_star)(j)?;
            let (j, body) = suite(j, start)?;
            let (j, orelse) = else_suite(j)?;
            let span = end_of(&orelse, end_of(&body, start));
            (
                j,
                Stmt {
                    kind: StmtKind::For {
                        target,
                        iter,
                        body,
                        orelse,
                    },
                    span,
                },
            )
        }
        "with" => {
            let mut items = Vec::new();
            let mut j = j;
            loop {
                let (k, ctx) = expect("an expression", test)(j)?;
                let (k, var) = match kw("as")(k) {
                    Ok((m, _)) => {
                        let (m, t) =
                            expect("a target after 'as'", star_or(super::expr::primary))(m)?;
                        (m, Some(t))
                    }
                    Err(_) => (k, None),
                };
                items.push((ctx, var));
                j = k;
                match op(",")(j) {
                    Ok((k, _)) => j = k,
                    Err(_) => break,
                }
            }
            let (j, body) = suite(j, start)?;
            let span = end_of(&body, start);
            (
                j,
                Stmt {
                    kind: StmtKind::With { items, body },
                    span,
                },
            )
        }
        "try" => try_stmt(j, start)?,
        "def" => {
            let (j, def) = funcdef(j, start, vec![])?;
            let span = def.span;
            (
                j,
                Stmt {
                    kind: StmtKind::FunctionDef(Rc::new(def)),
                    span,
                },
            )
        }
        "class" => {
            let (j, def) = classdef(j, start, vec![])?;
            let span = def.span;
            (
                j,
                Stmt {
                    kind: StmtKind::ClassDef(Rc::new(def)),
                    span,
                },
            )
        }
        "elif" | "else" | "except" | "finally" => return hard(i, "invalid syntax"),
        _ => return Ok((i, None)),
    };
    Ok((j, Some(stmt)))
}

fn if_stmt(i: Toks, start: Span) -> PResult<Stmt> {
    let (i, t) = expect("a condition", test)(i)?;
    let (i, body) = suite(i, start)?;
    let (i, orelse) = if let Ok((j, s)) = kw("elif")(i) {
        let (j, nested) = if_stmt(j, s)?;
        (j, vec![nested])
    } else {
        else_suite(i)?
    };
    let span = end_of(&orelse, end_of(&body, start));
    Ok((
        i,
        Stmt {
            kind: StmtKind::If {
                test: t,
                body,
                orelse,
            },
            span,
        },
    ))
}

fn else_suite(i: Toks) -> PResult<Vec<Stmt>> {
    match kw("else")(i) {
        Ok((j, s)) => suite(j, s),
        Err(_) => Ok((i, vec![])),
    }
}

fn try_stmt(i: Toks, start: Span) -> PResult<Stmt> {
    let (mut i, body) = suite(i, start)?;
    let mut handlers = Vec::new();
    while let Ok((j, s)) = kw("except")(i) {
        let (j, kind) = if peek_is_op(j, ":") {
            (j, None)
        } else {
            let (k, e) = expect("an exception type", test)(j)?;
            (k, Some(e))
        };
        let (j, name) = alias(j)?;
        let (j, hbody) = suite(j, s)?;
        let span = end_of(&hbody, s);
        handlers.push(ExceptHandler {
            kind,
            name: name.map(|n| n.0),
            body: hbody,
            span,
        });
        i = j;
    }
    let (i, orelse) = else_suite(i)?;
    let (i, finalbody) = match kw("finally")(i) {
        Ok((j, s)) => suite(j, s)?,
        Err(_) => (i, vec![]),
    };
    if handlers.is_empty() && finalbody.is_empty() {
        return hard(i, "expected 'except' or 'finally' block");
    }
    let mut span = end_of(&body, start);
    for h in &handlers {
        span = span.to(h.span);
    }
    let span = end_of(&finalbody, end_of(&orelse, span));
    Ok((
        i,
        Stmt {
            kind: StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            },
            span,
        },
    ))
}

fn decorated(mut i: Toks) -> PResult<Stmt> {
    let mut decorators = Vec::new();
    while let Ok((j, _)) = op("@")(i) {
        let (j, d) = expect("a decorator expression", test)(j)?;
        let (j, _) = expect("a newline after the decorator", layout(Tok::Newline))(j)?;
        decorators.push(d);
        i = j;
    }
    if let Ok((j, s)) = kw("def")(i) {
        let (j, def) = funcdef(j, s, decorators)?;
        let span = def.span;
        return Ok((
            j,
            Stmt {
                kind: StmtKind::FunctionDef(Rc::new(def)),
                span,
            },
        ));
    }
    if let Ok((j, s)) = kw("class")(i) {
        let (j, def) = classdef(j, s, decorators)?;
        let span = def.span;
        return Ok((
            j,
            Stmt {
                kind: StmtKind::ClassDef(Rc::new(def)),
                span,
            },
        ));
    }
    hard(i, "expected 'def' or 'class' after a decorator")
}

fn funcdef(i: Toks, start: Span, decorators: Vec<Expr>) -> PResult<FuncDef> {
    let (i, (name, _)) = expect("a function name", ident)(i)?;
    let (i, open) = expect("'('", op("("))(i)?;
    let (i, params) = param_list(i, true)?;
    let (i, _) = close(")", open)(i)?;
    let i = match op("->")(i) {
        Ok((j, _)) => expect("a return annotation", test)(j)?.0,
        Err(_) => i,
    };
    let (i, body) = suite(i, start)?;
    let span = end_of(&body, start);
    Ok((
        i,
        FuncDef {
            name,
            params,
            body,
            decorators,
            is_lambda: false,
            span,
        },
    ))
}

fn classdef(i: Toks, start: Span, decorators: Vec<Expr>) -> PResult<ClassDef> {
    let (i, (name, _)) = expect("a class name", ident)(i)?;
    let (i, bases) = match op("(")(i) {
        Ok((mut j, open)) => {
            let mut bases = Vec::new();
            while !peek_is_op(j, ")") {
                // Keyword arguments such as metaclass= are accepted and ignored.
                if ident(j).is_ok() && peek_is_op(j.take_from(1), "=") {
                    let (k, _) = test(j.take_from(2))?;
                    j = k;
                } else {
                    let (k, b) = expect("a base class", test)(j)?;
                    bases.push(b);
                    j = k;
                }
                match op(",")(j) {
                    Ok((k, _)) => j = k,
                    Err(_) => break,
                }
            }
            let (j, _) = close(")", open)(j)?;
            (j, bases)
        }
        Err(_) => (i, vec![]),
    };
    let (i, body) = suite(i, start)?;
    let span = end_of(&body, start);
    Ok((
        i,
        ClassDef {
            name,
            bases,
            body,
            decorators,
            span,
        },
    ))
}

/// Parameters up to `)` (for def) or `:` (for lambda): `a, b=1, *args, c, **kw`.
pub fn param_list(mut i: Toks, annotations: bool) -> PResult<Params> {
    let mut params = Params::default();
    let mut after_star = false;
    let stop = |i: Toks| peek_is_op(i, ")") || (!annotations && peek_is_op(i, ":"));
    while !stop(i) {
        if let Ok((j, _)) = op("**")(i) {
            let (j, (n, _)) = expect("a parameter name", ident)(j)?;
            params.kwargs = Some(n);
            i = skip_annotation(j, annotations)?;
        } else if let Ok((j, _)) = op("*")(i) {
            after_star = true;
            if let Ok((k, (n, _))) = ident(j) {
                params.varargs = Some(n);
                i = skip_annotation(k, annotations)?;
            } else {
                i = j;
            }
        } else if let Ok((j, _)) = op("/")(i) {
            i = j;
        } else {
            let (j, (name, nspan)) = expect("a parameter name", ident)(i)?;
            let j = skip_annotation(j, annotations)?;
            let (j, default) = match op("=")(j) {
                Ok((k, _)) => {
                    let (k, d) = expect("a default value", test)(k)?;
                    (k, Some(d))
                }
                Err(_) => (j, None),
            };
            if default.is_none()
                && !after_star
                && params.positional.iter().any(|p| p.default.is_some())
            {
                let mut e = PErr::at(i, "non-default argument follows default argument");
                e.offset = nspan.start as usize;
                return Err(nom::Err::Failure(e));
            }
            let p = Param { name, default };
            if after_star {
                params.kwonly.push(p);
            } else {
                params.positional.push(p);
            }
            i = j;
        }
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => break,
        }
    }
    Ok((i, params))
}

fn skip_annotation(i: Toks, annotations: bool) -> Result<Toks, nom::Err<PErr>> {
    if !annotations {
        return Ok(i);
    }
    match op(":")(i) {
        Ok((j, _)) => Ok(expect("an annotation", test)(j)?.0),
        Err(_) => Ok(i),
    }
}
