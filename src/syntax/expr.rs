//! Expressions, by Python's precedence from `lambda` and `a if c else b` down to atoms and
//! trailers (calls, subscripts, attributes).

use super::ast::*;
use super::fstring::parse_fstring;
use super::lexeme::{Tok, Token};
use super::tokens::*;
use nom::branch::alt;
use nom::combinator::opt;
use nom::{Input, Parser};
use std::rc::Rc;

fn mk(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

/// The lone item when `many` is false, else `kind` of all the items spanning them: the
/// end of every parser that builds a tuple or chain only from two items or a comma.
fn one_or_many(mut items: Vec<Expr>, many: bool, kind: impl FnOnce(Vec<Expr>) -> ExprKind) -> Expr {
    if !many {
        return items
            .pop()
            .unwrap_or_else(|| mk(ExprKind::NoneLit, Span::default()));
    }
    let span = items[0].span.to(items[items.len() - 1].span);
    mk(kind(items), span)
}

/// `test`: a conditional expression or lambda.
pub fn test(i: Toks) -> PResult<Expr> {
    if peek_is_kw(i, "lambda") {
        return lambda(i);
    }
    let (i, body) = or_test(i)?;
    if let (ExprKind::Name(n), Ok((j, _))) = (&body.kind, op(":=")(i)) {
        let (j, value) = expect("an expression after ':='", test)(j)?;
        let span = body.span.to(value.span);
        return Ok((j, mk(ExprKind::NamedExpr(n.clone(), Box::new(value)), span)));
    }
    if peek_is_kw(i, "if") {
        // `x if c else y` (a bare `if` after an expression in a comprehension is not ours).
        if let Ok((j, _)) = kw("if")(i) {
            if let Ok((j, cond)) = or_test(j) {
                if let Ok((j, _)) = kw("else")(j) {
                    let (j, orelse) = expect("an expression after 'else'", test)(j)?;
                    let span = body.span.to(orelse.span);
                    return Ok((
                        j,
                        mk(
                            ExprKind::IfExp {
                                test: Box::new(cond),
                                body: Box::new(body),
                                orelse: Box::new(orelse),
                            },
                            span,
                        ),
                    ));
                }
                return Err(nom::Err::Failure(PErr::at(
                    j,
                    "expected 'else' after 'if' expression",
                )));
            }
        }
    }
    Ok((i, body))
}

/// A test that may not contain an unparenthesized conditional (used after `for` in
/// comprehensions, where `if` starts a filter).
pub fn test_nocond(i: Toks) -> PResult<Expr> {
    if peek_is_kw(i, "lambda") {
        return lambda(i);
    }
    or_test(i)
}

fn lambda(i: Toks) -> PResult<Expr> {
    let (i, start) = kw("lambda")(i)?;
    let (i, params) = super::compound::param_list(i, false)?;
    let (i, _) = expect("':'", op(":"))(i)?;
    let (i, body) = expect("an expression", test)(i)?;
    let span = start.to(body.span);
    let body_expr = body.clone();
    let ret = Stmt {
        span: body.span,
        kind: StmtKind::Return(Some(body)),
    };
    let def = FuncDef {
        name: "<lambda>".into(),
        params,
        body: vec![ret],
        decorators: vec![],
        is_lambda: true,
        is_generator: super::yields::expr_yields(&body_expr),
        span,
    };
    Ok((i, mk(ExprKind::Lambda(Rc::new(def)), span)))
}

fn or_test(i: Toks) -> PResult<Expr> {
    bool_chain(i, "or", BoolOpKind::Or, and_test)
}

fn and_test(i: Toks) -> PResult<Expr> {
    bool_chain(i, "and", BoolOpKind::And, not_test)
}

fn bool_chain<'a>(
    i: Toks<'a>,
    word: &'static str,
    kind: BoolOpKind,
    sub: fn(Toks<'a>) -> PResult<'a, Expr>,
) -> PResult<'a, Expr> {
    let (mut i, first) = sub(i)?;
    let mut values = vec![first];
    while let Ok((j, _)) = kw(word)(i) {
        let (j, next) = expect("an expression", sub)(j)?;
        values.push(next);
        i = j;
    }
    let many = values.len() > 1;
    Ok((i, one_or_many(values, many, |v| ExprKind::BoolOp(kind, v))))
}

fn not_test(i: Toks) -> PResult<Expr> {
    if let Ok((j, start)) = kw("not")(i) {
        let (j, e) = expect("an expression after 'not'", not_test)(j)?;
        let span = start.to(e.span);
        return Ok((j, mk(ExprKind::Unary(UnaryOp::Not, Box::new(e)), span)));
    }
    comparison(i)
}

fn comp_op(i: Toks) -> PResult<CmpOp> {
    alt((
        op("==").map(|_| CmpOp::Eq),
        op("!=").map(|_| CmpOp::NotEq),
        op("<=").map(|_| CmpOp::LtE),
        op(">=").map(|_| CmpOp::GtE),
        op("<").map(|_| CmpOp::Lt),
        op(">").map(|_| CmpOp::Gt),
        kw("in").map(|_| CmpOp::In),
        (kw("not"), kw("in")).map(|_| CmpOp::NotIn),
        (kw("is"), kw("not")).map(|_| CmpOp::IsNot),
        kw("is").map(|_| CmpOp::Is),
    ))
    .parse(i)
}

fn comparison(i: Toks) -> PResult<Expr> {
    let (mut i, left) = bitor(i)?;
    let mut ops = Vec::new();
    while let Ok((j, o)) = comp_op(i) {
        let (j, right) = expect("an expression after comparison", bitor)(j)?;
        ops.push((o, right));
        i = j;
    }
    if ops.is_empty() {
        return Ok((i, left));
    }
    let span = left.span.to(ops[ops.len() - 1].1.span);
    Ok((i, mk(ExprKind::Compare(Box::new(left), ops), span)))
}

/// A left-associative binary level: `sub (op sub)*`.
fn binary_level<'a>(
    i: Toks<'a>,
    ops: &[(&'static str, BinOp)],
    sub: fn(Toks<'a>) -> PResult<'a, Expr>,
) -> PResult<'a, Expr> {
    let (mut i, mut left) = sub(i)?;
    'outer: loop {
        for &(sym, bop) in ops {
            if let Ok((j, _)) = op(sym)(i) {
                let (j, right) = expect("an expression", sub)(j)?;
                let span = left.span.to(right.span);
                left = mk(ExprKind::Binary(bop, Box::new(left), Box::new(right)), span);
                i = j;
                continue 'outer;
            }
        }
        return Ok((i, left));
    }
}

fn bitor(i: Toks) -> PResult<Expr> {
    binary_level(i, &[("|", BinOp::BitOr)], bitxor)
}
fn bitxor(i: Toks) -> PResult<Expr> {
    binary_level(i, &[("^", BinOp::BitXor)], bitand)
}
fn bitand(i: Toks) -> PResult<Expr> {
    binary_level(i, &[("&", BinOp::BitAnd)], shift)
}
fn shift(i: Toks) -> PResult<Expr> {
    binary_level(i, &[("<<", BinOp::LShift), (">>", BinOp::RShift)], arith)
}
fn arith(i: Toks) -> PResult<Expr> {
    binary_level(i, &[("+", BinOp::Add), ("-", BinOp::Sub)], term)
}
fn term(i: Toks) -> PResult<Expr> {
    binary_level(
        i,
        &[
            ("*", BinOp::Mul),
            ("@", BinOp::MatMul),
            ("//", BinOp::FloorDiv),
            ("/", BinOp::Div),
            ("%", BinOp::Mod),
        ],
        factor,
    )
}

fn factor(i: Toks) -> PResult<Expr> {
    for (sym, uop) in [
        ("-", UnaryOp::Neg),
        ("+", UnaryOp::Pos),
        ("~", UnaryOp::Invert),
    ] {
        if let Ok((j, start)) = op(sym)(i) {
            let (j, e) = expect("an expression", factor)(j)?;
            let span = start.to(e.span);
            return Ok((j, mk(ExprKind::Unary(uop, Box::new(e)), span)));
        }
    }
    power(i)
}

fn power(i: Toks) -> PResult<Expr> {
    let (i, base) = primary(i)?;
    if let Ok((j, _)) = op("**")(i) {
        // Right-associative, and binds tighter than a unary minus on its left only.
        let (j, exp) = expect("an expression after '**'", factor)(j)?;
        let span = base.span.to(exp.span);
        return Ok((
            j,
            mk(
                ExprKind::Binary(BinOp::Pow, Box::new(base), Box::new(exp)),
                span,
            ),
        ));
    }
    Ok((i, base))
}

/// An atom followed by calls, subscripts and attribute accesses.
pub fn primary(i: Toks) -> PResult<Expr> {
    let (mut i, mut e) = atom(i)?;
    loop {
        if let Ok((j, open)) = op("(")(i) {
            let (j, args) = call_args(j)?;
            let (j, end) = close(")", open)(j)?;
            let span = e.span.to(end);
            e = mk(ExprKind::Call(Box::new(e), args), span);
            i = j;
        } else if let Ok((j, open)) = op("[")(i) {
            let (j, index) = subscript_list(j)?;
            let (j, end) = close("]", open)(j)?;
            let span = e.span.to(end);
            e = mk(ExprKind::Subscript(Box::new(e), Box::new(index)), span);
            i = j;
        } else if let Ok((j, _)) = op(".")(i) {
            let (j, (name, nspan)) = expect("an attribute name after '.'", ident)(j)?;
            let span = e.span.to(nspan);
            e = mk(ExprKind::Attribute(Box::new(e), name), span);
            i = j;
        } else {
            return Ok((i, e));
        }
    }
}

fn call_args(mut i: Toks) -> PResult<Vec<Arg>> {
    let mut args = Vec::new();
    loop {
        if peek_is_op(i, ")") {
            return Ok((i, args));
        }
        let arg;
        if let Ok((j, _)) = op("**")(i) {
            let (j, e) = expect("an expression after '**'", test)(j)?;
            arg = Arg::StarStar(e);
            i = j;
        } else if let Ok((j, _)) = op("*")(i) {
            let (j, e) = expect("an expression after '*'", test)(j)?;
            arg = Arg::Star(e);
            i = j;
        } else if let (Ok((j, (name, nspan))), true) = (ident(i), peek_is_op(i.take_from(1), "=")) {
            let (j, _) = op("=")(j)?;
            let (j, e) = expect("an expression after '='", test)(j)?;
            let span = nspan.to(e.span);
            arg = Arg::Kw(name, e, span);
            i = j;
        } else {
            let (j, e) = test(i)?;
            // A lone generator argument: f(x for x in y)
            if peek_is_kw(j, "for") && args.is_empty() {
                let (j, gens) = comp_for(j)?;
                let span = e
                    .span
                    .to(gens.last().map(|g| g.iter.span).unwrap_or(e.span));
                args.push(Arg::Pos(mk(ExprKind::GenExp(Box::new(e), gens), span)));
                return Ok((j, args));
            }
            arg = Arg::Pos(e);
            i = j;
        }
        args.push(arg);
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => return Ok((i, args)),
        }
    }
}

/// One subscript: an expression or a slice `a:b:c` with any part left out.
fn subscript(i: Toks) -> PResult<Expr> {
    let start = i.offset();
    let (i, lo) = opt(test).parse(i)?;
    let Ok((i, colon)) = op(":")(i) else {
        return match lo {
            Some(e) => Ok((i, e)),
            None => Err(nom::Err::Error(PErr::at(i, "expected an index or slice"))),
        };
    };
    let (i, hi) = opt(test).parse(i)?;
    let (i, step) = match op(":")(i) {
        Ok((j, _)) => opt(test).parse(j)?,
        Err(_) => (i, None),
    };
    let end = [step.as_ref(), hi.as_ref()]
        .into_iter()
        .flatten()
        .map(|e| e.span.end as usize)
        .next()
        .unwrap_or(colon.end as usize);
    let span = Span::new(start, end);
    Ok((
        i,
        mk(
            ExprKind::Slice(lo.map(Box::new), hi.map(Box::new), step.map(Box::new)),
            span,
        ),
    ))
}

fn subscript_list(i: Toks) -> PResult<Expr> {
    let (mut i, first) = expect("an index or slice", subscript)(i)?;
    let mut items = vec![first];
    let mut trailing = false;
    while let Ok((j, _)) = op(",")(i) {
        i = j;
        trailing = true;
        if let Ok((j, e)) = subscript(i) {
            items.push(e);
            i = j;
            trailing = false;
        } else {
            break;
        }
    }
    let many = items.len() > 1 || trailing;
    Ok((i, one_or_many(items, many, ExprKind::Tuple)))
}

/// `for target in iter [if cond]*` clauses of a comprehension.
pub fn comp_for(mut i: Toks) -> PResult<Vec<Comprehension>> {
    let mut gens = Vec::new();
    while let Ok((j, _)) = kw("for")(i) {
        let (j, target) = expect("a target after 'for'", target_list)(j)?;
        let (j, _) = expect("'in'", kw("in"))(j)?;
        let (mut j, iter) = expect("an expression after 'in'", or_test)(j)?;
        let mut ifs = Vec::new();
        while let Ok((k, _)) = kw("if")(j) {
            let (k, cond) = expect("a condition after 'if'", test_nocond)(k)?;
            ifs.push(cond);
            j = k;
        }
        gens.push(Comprehension { target, iter, ifs });
        i = j;
    }
    Ok((i, gens))
}

/// Targets of `for`: `a`, `a, b`, `(a, b)`, `a.b`, `a[i]`.
pub fn target_list(i: Toks) -> PResult<Expr> {
    let (mut i, first) = star_or(bitor)(i)?;
    let mut items = vec![first];
    let mut tuple = false;
    while let Ok((j, _)) = op(",")(i) {
        tuple = true;
        i = j;
        match star_or(bitor)(i) {
            Ok((j, e)) => {
                items.push(e);
                i = j;
            }
            Err(_) => break,
        }
    }
    Ok((i, one_or_many(items, tuple, ExprKind::Tuple)))
}

/// `*expr` or the given parser.
pub fn star_or<'a>(
    sub: fn(Toks<'a>) -> PResult<'a, Expr>,
) -> impl Fn(Toks<'a>) -> PResult<'a, Expr> {
    move |i: Toks<'a>| {
        if let Ok((j, start)) = op("*")(i) {
            let (j, e) = expect("an expression after '*'", bitor)(j)?;
            let span = start.to(e.span);
            return Ok((j, mk(ExprKind::Starred(Box::new(e)), span)));
        }
        sub(i)
    }
}

/// A comma-separated list of tests or starred expressions, a tuple when it has a comma:
/// the right-hand side of assignments and expression statements.
pub fn testlist_star(i: Toks) -> PResult<Expr> {
    let (i, first) = star_or(test)(i)?;
    let tuple = peek_is_op(i, ",");
    let (i, items) = rest_of_list(i, vec![first])?;
    Ok((i, one_or_many(items, tuple, ExprKind::Tuple)))
}

/// `yield`, `yield value(s)` or `yield from iterable` (the caller checks it stands where
/// Python allows one: a statement, the right of `=`, or parentheses).
pub fn yield_expr(i: Toks) -> PResult<Expr> {
    let (i, start) = kw("yield")(i)?;
    if let Ok((j, _)) = kw("from")(i) {
        let (j, v) = expect("an expression after 'yield from'", test)(j)?;
        let span = start.to(v.span);
        return Ok((j, mk(ExprKind::YieldFrom(Box::new(v)), span)));
    }
    let ends = matches!(
        i.first().map(|t| &t.tok),
        Some(Tok::Newline | Tok::End | Tok::Dedent) | None
    ) || [")", "=", ";", "]", "}"].iter().any(|o| peek_is_op(i, o));
    if ends {
        return Ok((i, mk(ExprKind::Yield(None), start)));
    }
    let (i, v) = testlist_star(i)?;
    let span = start.to(v.span);
    Ok((i, mk(ExprKind::Yield(Some(Box::new(v))), span)))
}

fn atom(i: Toks) -> PResult<Expr> {
    let Some(tok) = i.first() else {
        return Err(nom::Err::Error(PErr::at(i, "expected an expression")));
    };
    let next = i.take_from(1);
    let span = tok.span;
    match &tok.tok {
        Tok::Int(v) => Ok((next, mk(ExprKind::Int(*v), span))),
        Tok::BigInt(v) => Ok((next, mk(ExprKind::BigInt(v.clone()), span))),
        Tok::Bytes(_) => bytes_literals(i),
        Tok::Float(v) => Ok((next, mk(ExprKind::Float(*v), span))),
        Tok::Imag(v) => Ok((next, mk(ExprKind::Imag(*v), span))),
        Tok::Str(_) | Tok::FStr { .. } => strings(i),
        Tok::Name(n) => match n.as_str() {
            "True" => Ok((next, mk(ExprKind::Bool(true), span))),
            "False" => Ok((next, mk(ExprKind::Bool(false), span))),
            "None" => Ok((next, mk(ExprKind::NoneLit, span))),
            _ => {
                let (j, (name, span)) = ident(i)?;
                Ok((j, mk(ExprKind::Name(name), span)))
            }
        },
        Tok::Op("...") => Ok((next, mk(ExprKind::Ellipsis, span))),
        Tok::Op("(") => paren(next, span),
        Tok::Op("[") => list(next, span),
        Tok::Op("{") => dict_or_set(next, span),
        _ => Err(nom::Err::Error(PErr::at(i, "expected an expression"))),
    }
}

/// Adjacent bytes literals concatenate; a str literal among them is an error.
fn bytes_literals(mut i: Toks) -> PResult<Expr> {
    let mut out = Vec::new();
    let mut span: Option<Span> = None;
    while let Some(Token { tok, span: s }) = i.first() {
        match tok {
            Tok::Bytes(b) => out.extend_from_slice(b),
            Tok::Str(_) | Tok::FStr { .. } => return Err(mix_error(i)),
            _ => break,
        }
        span = Some(span.map(|a| a.to(*s)).unwrap_or(*s));
        i = i.take_from(1);
    }
    Ok((i, mk(ExprKind::Bytes(out), span.unwrap_or_default())))
}

fn mix_error(i: Toks) -> nom::Err<PErr> {
    nom::Err::Failure(PErr::at(i, "cannot mix bytes and nonbytes literals"))
}

/// Adjacent string literals concatenate; any f-string makes the whole an f-string.
pub(super) fn strings(mut i: Toks) -> PResult<Expr> {
    let mut parts: Vec<FPart> = Vec::new();
    let mut has_f = false;
    let mut span: Option<Span> = None;
    while let Some(Token { tok, span: s }) = i.first() {
        match tok {
            Tok::Str(v) => parts.push(FPart::Lit(v.clone())),
            Tok::FStr { body, offset, raw } => {
                has_f = true;
                parts.extend(parse_fstring(body, *offset, *raw).map_err(nom::Err::Failure)?);
            }
            Tok::Bytes(_) => return Err(mix_error(i)),
            _ => break,
        }
        span = Some(span.map(|a| a.to(*s)).unwrap_or(*s));
        i = i.take_from(1);
    }
    let span = span.unwrap_or_default();
    if !has_f {
        let text: String = parts
            .into_iter()
            .map(|p| match p {
                FPart::Lit(s) => s,
                FPart::Expr { .. } => String::new(),
            })
            .collect();
        return Ok((i, mk(ExprKind::Str(text), span)));
    }
    Ok((i, mk(ExprKind::FString(parts), span)))
}

fn paren(i: Toks, open: Span) -> PResult<Expr> {
    if let Ok((j, end)) = op(")")(i) {
        return Ok((j, mk(ExprKind::Tuple(vec![]), open.to(end))));
    }
    if peek_is_kw(i, "yield") {
        let (i, mut e) = yield_expr(i)?;
        let (i, end) = close(")", open)(i)?;
        e.span = open.to(end);
        return Ok((i, e));
    }
    let (i, first) = expect("an expression", star_or(test))(i)?;
    if peek_is_kw(i, "for") {
        let (i, gens) = comp_for(i)?;
        let (i, end) = close(")", open)(i)?;
        return Ok((i, mk(ExprKind::GenExp(Box::new(first), gens), open.to(end))));
    }
    if !peek_is_op(i, ",") {
        let (i, end) = close(")", open)(i)?;
        // Parentheses only group; the span grows to include them.
        let mut e = first;
        e.span = open.to(end);
        return Ok((i, e));
    }
    let (i, items) = rest_of_list(i, vec![first])?;
    let (i, end) = close(")", open)(i)?;
    Ok((i, mk(ExprKind::Tuple(items), open.to(end))))
}

/// After a first item: `(, item)* [,]`.
fn rest_of_list(mut i: Toks, mut items: Vec<Expr>) -> PResult<Vec<Expr>> {
    while let Ok((j, _)) = op(",")(i) {
        i = j;
        match star_or(test)(i) {
            Ok((j, e)) => {
                items.push(e);
                i = j;
            }
            Err(nom::Err::Failure(f)) => return Err(nom::Err::Failure(f)),
            Err(_) => break,
        }
    }
    Ok((i, items))
}

fn list(i: Toks, open: Span) -> PResult<Expr> {
    if let Ok((j, end)) = op("]")(i) {
        return Ok((j, mk(ExprKind::List(vec![]), open.to(end))));
    }
    let (i, first) = expect("an expression", star_or(test))(i)?;
    items_or_comp(i, first, open, "]", ExprKind::ListComp, ExprKind::List)
}

/// After a display's first item: a comprehension (`[x for ...]`, `{x for ...}`) or the
/// remaining items, then the closing bracket.
fn items_or_comp<'a>(
    i: Toks<'a>,
    first: Expr,
    open: Span,
    closer: &'static str,
    comp: fn(Box<Expr>, Vec<Comprehension>) -> ExprKind,
    items: fn(Vec<Expr>) -> ExprKind,
) -> PResult<'a, Expr> {
    if peek_is_kw(i, "for") {
        let (i, gens) = comp_for(i)?;
        let (i, end) = close(closer, open)(i)?;
        return Ok((i, mk(comp(Box::new(first), gens), open.to(end))));
    }
    let (i, rest) = rest_of_list(i, vec![first])?;
    let (i, end) = close(closer, open)(i)?;
    Ok((i, mk(items(rest), open.to(end))))
}

fn dict_or_set(i: Toks, open: Span) -> PResult<Expr> {
    if let Ok((j, end)) = op("}")(i) {
        return Ok((j, mk(ExprKind::Dict(vec![]), open.to(end))));
    }
    if peek_is_op(i, "**") {
        return dict_rest(i, Vec::new(), open);
    }
    let (i, first) = expect("an expression", star_or(test))(i)?;
    if let Ok((i, _)) = op(":")(i) {
        let (i, value) = expect("a value after ':'", test)(i)?;
        if peek_is_kw(i, "for") {
            let (i, gens) = comp_for(i)?;
            let (i, end) = close("}", open)(i)?;
            return Ok((
                i,
                mk(
                    ExprKind::DictComp(Box::new(first), Box::new(value), gens),
                    open.to(end),
                ),
            ));
        }
        let (i, _) = match op(",")(i) {
            Ok(r) => r,
            Err(_) => (i, open),
        };
        return dict_rest(i, vec![(first, value)], open);
    }
    items_or_comp(i, first, open, "}", ExprKind::SetComp, ExprKind::Set)
}

/// The rest of a dict display: `key: value` pairs and `**mapping` items (kept as a pair
/// whose key is the starred mapping), then `}`.
fn dict_rest(mut i: Toks, mut pairs: Vec<(Expr, Expr)>, open: Span) -> PResult<Expr> {
    loop {
        if let Ok((j, star)) = op("**")(i) {
            let (j, m) = expect("an expression after '**'", bitor)(j)?;
            let span = star.to(m.span);
            pairs.push((
                mk(ExprKind::Starred(Box::new(m)), span),
                mk(ExprKind::NoneLit, span),
            ));
            i = j;
        } else {
            let Ok((j, k)) = test(i) else { break };
            let (j, _) = expect("':'", op(":"))(j)?;
            let (j, v) = expect("a value after ':'", test)(j)?;
            pairs.push((k, v));
            i = j;
        }
        match op(",")(i) {
            Ok((j, _)) => i = j,
            Err(_) => break,
        }
    }
    let (i, end) = close("}", open)(i)?;
    Ok((i, mk(ExprKind::Dict(pairs), open.to(end))))
}
