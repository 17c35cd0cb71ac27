//! The AST back to source text. Compound sub-expressions are parenthesized, so the output
//! parses back to the same tree (spans aside); `:save` and the round-trip tests use it.

use super::ast::*;

pub fn program(body: &[Stmt]) -> String {
    let mut out = String::new();
    for s in body {
        stmt(s, 0, &mut out);
    }
    out
}

fn indent(level: usize, out: &mut String) {
    for _ in 0..level {
        out.push_str("    ");
    }
}

fn block(body: &[Stmt], level: usize, out: &mut String) {
    out.push_str(":\n");
    if body.is_empty() {
        indent(level + 1, out);
        out.push_str("pass\n");
    }
    for s in body {
        stmt(s, level + 1, out);
    }
}

pub(crate) fn stmt(s: &Stmt, level: usize, out: &mut String) {
    indent(level, out);
    match &s.kind {
        StmtKind::Expr(e) => out.push_str(&expr(e)),
        StmtKind::Assign(targets, v) => {
            for t in targets {
                out.push_str(&expr(t));
                out.push_str(" = ");
            }
            out.push_str(&expr(v));
        }
        StmtKind::AugAssign(t, op, v) => {
            out.push_str(&format!("{} {}= {}", expr(t), op.symbol(), expr(v)))
        }
        StmtKind::AnnAssign(t, a, v) => {
            out.push_str(&format!("{}: {}", expr(t), expr(a)));
            if let Some(v) = v {
                out.push_str(&format!(" = {}", expr(v)));
            }
        }
        StmtKind::Import(names) => out.push_str(&format!("import {}", import_names(names))),
        StmtKind::ImportFrom(m, names) => out.push_str(&format!(
            "from {} import {}",
            m.join("."),
            import_names(names)
        )),
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
        } => {
            out.push_str(&format!("for {} in {}", expr(target), expr(iter)));
            block(body, level, out);
            else_block(orelse, level, out);
            return;
        }
        StmtKind::While { test, body, orelse } => {
            out.push_str(&format!("while {}", expr(test)));
            block(body, level, out);
            else_block(orelse, level, out);
            return;
        }
        StmtKind::If { test, body, orelse } => {
            out.push_str(&format!("if {}", expr(test)));
            block(body, level, out);
            else_block(orelse, level, out);
            return;
        }
        StmtKind::With { items, body } => {
            let items: Vec<String> = items
                .iter()
                .map(|(c, v)| match v {
                    Some(v) => format!("{} as {}", expr(c), expr(v)),
                    None => expr(c),
                })
                .collect();
            out.push_str(&format!("with {}", items.join(", ")));
            block(body, level, out);
            return;
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            out.push_str("try");
            block(body, level, out);
            for h in handlers {
                indent(level, out);
                out.push_str("except");
                if let Some(k) = &h.kind {
                    out.push_str(&format!(" {}", expr(k)));
                }
                if let Some(n) = &h.name {
                    out.push_str(&format!(" as {}", n));
                }
                block(&h.body, level, out);
            }
            else_block(orelse, level, out);
            if !finalbody.is_empty() {
                indent(level, out);
                out.push_str("finally");
                block(finalbody, level, out);
            }
            return;
        }
        StmtKind::FunctionDef(def) => {
            for d in &def.decorators {
                out.push_str(&format!("@{}\n", expr(d)));
                indent(level, out);
            }
            out.push_str(&format!("def {}({})", def.name, params(&def.params)));
            block(&def.body, level, out);
            return;
        }
        StmtKind::ClassDef(def) => {
            for d in &def.decorators {
                out.push_str(&format!("@{}\n", expr(d)));
                indent(level, out);
            }
            let bases: Vec<String> = def.bases.iter().map(expr).collect();
            out.push_str(&format!("class {}({})", def.name, bases.join(", ")));
            block(&def.body, level, out);
            return;
        }
        StmtKind::Return(v) => {
            out.push_str("return");
            if let Some(v) = v {
                out.push_str(&format!(" {}", expr(v)));
            }
        }
        StmtKind::Raise(e, cause) => {
            out.push_str("raise");
            if let Some(e) = e {
                out.push_str(&format!(" {}", expr(e)));
            }
            if let Some(c) = cause {
                out.push_str(&format!(" from {}", expr(c)));
            }
        }
        StmtKind::Assert(t, m) => {
            out.push_str(&format!("assert {}", expr(t)));
            if let Some(m) = m {
                out.push_str(&format!(", {}", expr(m)));
            }
        }
        StmtKind::Delete(ts) => out.push_str(&format!("del {}", list(ts))),
        StmtKind::Global(ns) => out.push_str(&format!("global {}", ns.join(", "))),
        StmtKind::Nonlocal(ns) => out.push_str(&format!("nonlocal {}", ns.join(", "))),
        StmtKind::Break => out.push_str("break"),
        StmtKind::Continue => out.push_str("continue"),
        StmtKind::Pass => out.push_str("pass"),
        StmtKind::Match { subject, cases } => {
            out.push_str(&format!("match {}:\n", expr(subject)));
            for c in cases {
                indent(level + 1, out);
                out.push_str(&format!("case {}", pattern(&c.pattern)));
                if let Some(g) = &c.guard {
                    out.push_str(&format!(" if {}", expr(g)));
                }
                block(&c.body, level + 1, out);
            }
            return;
        }
    }
    out.push('\n');
}

fn else_block(orelse: &[Stmt], level: usize, out: &mut String) {
    if !orelse.is_empty() {
        indent(level, out);
        out.push_str("else");
        block(orelse, level, out);
    }
}

fn import_names(names: &[ImportName]) -> String {
    let parts: Vec<String> = names
        .iter()
        .map(|n| match &n.alias {
            Some(a) => format!("{} as {}", n.path.join("."), a),
            None => n.path.join("."),
        })
        .collect();
    parts.join(", ")
}

fn params(p: &Params) -> String {
    let mut parts = Vec::new();
    for (i, x) in p.positional.iter().enumerate() {
        parts.push(param(x));
        if i + 1 == p.posonly {
            parts.push("/".into());
        }
    }
    if let Some(v) = &p.varargs {
        parts.push(format!("*{}", v));
    } else if !p.kwonly.is_empty() {
        parts.push("*".into());
    }
    for x in &p.kwonly {
        parts.push(param(x));
    }
    if let Some(k) = &p.kwargs {
        parts.push(format!("**{}", k));
    }
    parts.join(", ")
}

fn param(p: &Param) -> String {
    match &p.default {
        Some(d) => format!("{}={}", p.name, expr(d)),
        None => p.name.clone(),
    }
}

fn list(items: &[Expr]) -> String {
    items.iter().map(expr).collect::<Vec<_>>().join(", ")
}

/// Python's repr of a string literal.
/// A bytes literal as CPython's repr writes it: `b'...'`, double quotes only when the bytes
/// hold a single quote and no double one.
pub fn bytes_quote(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::with_capacity(b.len() + 3);
    s.push('b');
    s.push(q);
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            c if c as char == q => {
                s.push('\\');
                s.push(q)
            }
            0x20..=0x7e => s.push(c as char),
            c => s.push_str(&format!("\\x{:02x}", c)),
        }
    }
    s.push(q);
    s
}

pub(crate) fn quote(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

fn float(v: f64) -> String {
    let s = format!("{:?}", v);
    if s.contains(['.', 'e', 'i', 'n']) {
        s
    } else {
        format!("{}.0", s)
    }
}

fn comps(gens: &[Comprehension]) -> String {
    // The iterable and the filters are `or_test`s: conditionals and lambdas need parentheses.
    let part = |x: &Expr| match x.kind {
        ExprKind::IfExp { .. } | ExprKind::Lambda(..) | ExprKind::Tuple(..) => {
            format!("({})", expr(x))
        }
        _ => expr(x),
    };
    gens.iter()
        .map(|g| {
            let mut s = format!(" for {} in {}", expr(&g.target), part(&g.iter));
            for c in &g.ifs {
                s.push_str(&format!(" if {}", part(c)));
            }
            s
        })
        .collect()
}

fn fparts(parts: &[FPart]) -> String {
    let mut s = String::new();
    for p in parts {
        match p {
            FPart::Lit(t) => {
                for c in t.chars() {
                    match c {
                        '{' => s.push_str("{{"),
                        '}' => s.push_str("}}"),
                        '\\' => s.push_str("\\\\"),
                        '\'' => s.push_str("\\'"),
                        '\n' => s.push_str("\\n"),
                        c => s.push(c),
                    }
                }
            }
            FPart::Expr {
                expr: e,
                conv,
                spec,
                debug,
            } => {
                s.push('{');
                match debug {
                    Some(d) => s.push_str(d),
                    None => s.push_str(&expr(e)),
                }
                if let (Some(c), None) = (conv, debug) {
                    s.push('!');
                    s.push(*c);
                }
                if !spec.is_empty() {
                    s.push(':');
                    s.push_str(&fparts(spec));
                }
                s.push('}');
            }
        }
    }
    s
}

/// An expression as source; compound sub-expressions get parentheses.
pub(crate) fn expr(e: &Expr) -> String {
    let sub = |x: &Expr| -> String {
        match x.kind {
            ExprKind::Binary(..)
            | ExprKind::Unary(..)
            | ExprKind::BoolOp(..)
            | ExprKind::Compare(..)
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda(..)
            | ExprKind::Tuple(..) => format!("({})", expr(x)),
            _ => expr(x),
        }
    };
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::BigInt(v) => v.clone(),
        ExprKind::Bytes(b) => bytes_quote(b),
        ExprKind::Float(v) => float(*v),
        ExprKind::Imag(v) => format!("{}j", float(*v).trim_end_matches(".0")),
        ExprKind::Str(s) => quote(s),
        ExprKind::FString(parts) => format!("f'{}'", fparts(parts)),
        ExprKind::Bool(b) => if *b { "True" } else { "False" }.into(),
        ExprKind::NoneLit => "None".into(),
        ExprKind::Ellipsis => "...".into(),
        ExprKind::Name(n) => n.clone(),
        ExprKind::List(items) => format!("[{}]", list(items)),
        ExprKind::Tuple(items) if items.len() == 1 => format!("({},)", expr(&items[0])),
        ExprKind::Tuple(items) => format!("({})", list(items)),
        ExprKind::Set(items) => format!("{{{}}}", list(items)),
        ExprKind::Dict(pairs) => {
            let ps: Vec<String> = pairs
                .iter()
                .map(|(k, v)| format!("{}: {}", expr(k), expr(v)))
                .collect();
            format!("{{{}}}", ps.join(", "))
        }
        ExprKind::ListComp(elt, gens) => format!("[{}{}]", sub(elt), comps(gens)),
        ExprKind::SetComp(elt, gens) => format!("{{{}{}}}", sub(elt), comps(gens)),
        ExprKind::GenExp(elt, gens) => format!("({}{})", sub(elt), comps(gens)),
        ExprKind::DictComp(k, v, gens) => format!("{{{}: {}{}}}", sub(k), sub(v), comps(gens)),
        ExprKind::Lambda(def) => {
            let body = match def.body.first().map(|s| &s.kind) {
                Some(StmtKind::Return(Some(v))) => expr(v),
                _ => "None".into(),
            };
            let ps = params(&def.params);
            if ps.is_empty() {
                format!("lambda: {}", body)
            } else {
                format!("lambda {}: {}", ps, body)
            }
        }
        ExprKind::Attribute(v, n) => format!("{}.{}", atom(v), n),
        ExprKind::Subscript(v, idx) => {
            let inner = match &idx.kind {
                ExprKind::Tuple(items) if !items.is_empty() => {
                    let parts: Vec<String> = items.iter().map(expr).collect();
                    if items.len() == 1 {
                        format!("{},", parts[0])
                    } else {
                        parts.join(", ")
                    }
                }
                _ => expr(idx),
            };
            format!("{}[{}]", atom(v), inner)
        }
        ExprKind::Slice(lo, hi, step) => {
            let part = |p: &Option<Box<Expr>>| p.as_ref().map(|x| sub(x)).unwrap_or_default();
            match step {
                Some(_) => format!("{}:{}:{}", part(lo), part(hi), part(step)),
                None => format!("{}:{}", part(lo), part(hi)),
            }
        }
        ExprKind::Call(f, args) => {
            let parts: Vec<String> = args
                .iter()
                .map(|a| match a {
                    Arg::Pos(x) => sub_arg(x),
                    Arg::Star(x) => format!("*{}", sub(x)),
                    Arg::Kw(n, x, _) => format!("{}={}", n, sub_arg(x)),
                    Arg::StarStar(x) => format!("**{}", sub(x)),
                })
                .collect();
            format!("{}({})", atom(f), parts.join(", "))
        }
        ExprKind::Unary(op, x) => {
            let sym = match op {
                UnaryOp::Neg => "-",
                UnaryOp::Pos => "+",
                UnaryOp::Not => "not ",
                UnaryOp::Invert => "~",
            };
            format!("{}{}", sym, sub(x))
        }
        ExprKind::Binary(op, l, r) => format!("{} {} {}", sub(l), op.symbol(), sub(r)),
        ExprKind::BoolOp(op, vals) => {
            let word = if *op == BoolOpKind::And {
                " and "
            } else {
                " or "
            };
            vals.iter().map(sub).collect::<Vec<_>>().join(word)
        }
        ExprKind::Compare(l, ops) => {
            let mut s = sub(l);
            for (o, r) in ops {
                s.push_str(&format!(" {} {}", o.symbol(), sub(r)));
            }
            s
        }
        ExprKind::IfExp { test, body, orelse } => {
            format!("{} if {} else {}", sub(body), sub(test), sub(orelse))
        }
        ExprKind::Starred(x) => format!("*{}", sub(x)),
        ExprKind::Yield(None) => "(yield)".into(),
        ExprKind::Yield(Some(x)) => format!("(yield {})", expr(x)),
        ExprKind::YieldFrom(x) => format!("(yield from {})", sub(x)),
        ExprKind::NamedExpr(n, v) => format!("({} := {})", n, sub(v)),
    }
}

fn sub_arg(x: &Expr) -> String {
    match x.kind {
        ExprKind::Tuple(_) => format!("({})", expr(x)),
        _ => expr(x),
    }
}

/// An expression in a position that binds tighter than any operator.
fn atom(x: &Expr) -> String {
    match x.kind {
        ExprKind::Name(_)
        | ExprKind::Attribute(..)
        | ExprKind::Subscript(..)
        | ExprKind::Call(..)
        | ExprKind::List(..)
        | ExprKind::Dict(..)
        | ExprKind::Str(_)
        | ExprKind::Tuple(_) => expr(x),
        _ => format!("({})", expr(x)),
    }
}

/// A `match` pattern back to source.
fn pattern(p: &Pattern) -> String {
    let all = |ps: &[Pattern]| ps.iter().map(pattern).collect::<Vec<_>>().join(", ");
    match p {
        Pattern::Value(e) => expr(e),
        Pattern::Capture(n) => n.clone(),
        Pattern::Wildcard => "_".into(),
        Pattern::Star(n) => format!("*{}", n.as_deref().unwrap_or("_")),
        Pattern::Sequence(ps) => format!("[{}]", all(ps)),
        Pattern::Mapping(items, rest) => {
            let mut parts: Vec<String> = items
                .iter()
                .map(|(k, v)| format!("{}: {}", expr(k), pattern(v)))
                .collect();
            if let Some(r) = rest {
                parts.push(format!("**{}", r));
            }
            format!("{{{}}}", parts.join(", "))
        }
        Pattern::Class(c, pos, kws) => {
            let mut parts: Vec<String> = pos.iter().map(pattern).collect();
            parts.extend(kws.iter().map(|(k, v)| format!("{}={}", k, pattern(v))));
            format!("{}({})", expr(c), parts.join(", "))
        }
        Pattern::Or(ps) => ps.iter().map(pattern).collect::<Vec<_>>().join(" | "),
        Pattern::As(p, n) => format!("({} as {})", pattern(p), n),
    }
}
