//! Compound statements: `if`, `while`, `for`, `try`, `with`, `def`, `class`, decorators,
//! their indented suites, and the parameter lists of `def` and `lambda`.

use super::ast::*;
use super::expr::{star_or, target_list, test, testlist_star};
use super::lexeme::Tok;
use super::stmt::{alias, hard, simple_line, statement};
use super::tokens::*;
use nom::Input;
use std::rc::Rc;

/// A suite after `:`: statements on the same line, or an indented block.
pub(super) fn suite(i: Toks, header: Span) -> PResult<Vec<Stmt>> {
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
pub(super) fn compound(i: Toks) -> PResult<Option<Stmt>> {
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
        "match" => match super::pattern::match_stmt(j, start) {
            Ok((j, Some(s))) => (j, s),
            Ok((_, None)) | Err(nom::Err::Error(_)) => return Ok((i, None)),
            Err(e) => return Err(e),
        },
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
    let is_generator = super::yields::body_yields(&body);
    Ok((
        i,
        FuncDef {
            name,
            params,
            body,
            decorators,
            is_lambda: false,
            is_generator,
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
            params.posonly = params.positional.len();
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
