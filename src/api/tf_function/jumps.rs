//! `break` and `continue` in a loop converted to graph control flow, lowered as AutoGraph
//! lowers them: a jump sets a flag, the statements after the one that may jump run only
//! while the flag is unset, and a `break` also ends the loop through a second flag the
//! loop carries. A flag set under an `if` on a tensor becomes that conditional's output,
//! so the loop decides at run time.

use crate::syntax::ast::{Expr, ExprKind, Span, Stmt, StmtKind, UnaryOp};

/// Set by `break` or `continue`: the rest of this iteration is skipped.
pub const JUMP: &str = "__tensh_jump__";
/// Set by `break`: the loop ends after this iteration; carried from one to the next.
pub const BREAK: &str = "__tensh_break__";

/// What jumps a loop body holds (at its own level: nested loops and functions have
/// their own): (any `break`, any `break` or `continue`).
pub fn jumps(body: &[Stmt]) -> (bool, bool) {
    let mut found = (false, false);
    scan(body, &mut found);
    found
}

fn scan(stmts: &[Stmt], found: &mut (bool, bool)) {
    for s in stmts {
        match &s.kind {
            StmtKind::Break => *found = (true, true),
            StmtKind::Continue => found.1 = true,
            _ => blocks(s, false).into_iter().for_each(|b| scan(b, found)),
        }
    }
}

/// The blocks a compound statement holds (its branches, `with` and `try` bodies and
/// handlers; a loop's body and `else` when `loops`), nested definitions excluded.
pub(super) fn blocks(s: &Stmt, loops: bool) -> Vec<&[Stmt]> {
    match &s.kind {
        StmtKind::If { body, orelse, .. } => vec![body, orelse],
        StmtKind::While { body, orelse, .. } | StmtKind::For { body, orelse, .. } if loops => {
            vec![body, orelse]
        }
        StmtKind::With { body, .. } => vec![body],
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            let mut v: Vec<&[Stmt]> = vec![body, orelse, finalbody];
            v.extend(handlers.iter().map(|h| h.body.as_slice()));
            v
        }
        _ => Vec::new(),
    }
}

fn has_jump(s: &Stmt) -> bool {
    jumps(std::slice::from_ref(s)).1
}

fn name(n: &str, span: Span) -> Expr {
    Expr {
        kind: ExprKind::Name(n.into()),
        span,
    }
}

/// `name = value`.
fn set(n: &str, value: bool, span: Span) -> Stmt {
    Stmt {
        kind: StmtKind::Assign(
            vec![name(n, span)],
            Expr {
                kind: ExprKind::Bool(value),
                span,
            },
        ),
        span,
    }
}

/// The loop body with its jumps lowered: the flags start unset in each iteration.
pub fn lower(body: &[Stmt], with_break: bool) -> Vec<Stmt> {
    let span = body.first().map(|s| s.span).unwrap_or_default();
    let mut out = vec![set(JUMP, false, span)];
    if with_break {
        out.push(set(BREAK, false, span));
    }
    out.extend(block(body));
    out
}

fn block(stmts: &[Stmt]) -> Vec<Stmt> {
    let mut out = Vec::with_capacity(stmts.len());
    for (i, s) in stmts.iter().enumerate() {
        match &s.kind {
            StmtKind::Break => {
                out.push(set(BREAK, true, s.span));
                out.push(set(JUMP, true, s.span));
                return out;
            }
            StmtKind::Continue => {
                out.push(set(JUMP, true, s.span));
                return out;
            }
            _ if has_jump(s) => {
                out.push(statement(s));
                let rest = block(&stmts[i + 1..]);
                if !rest.is_empty() {
                    let test = Expr {
                        kind: ExprKind::Unary(UnaryOp::Not, Box::new(name(JUMP, s.span))),
                        span: s.span,
                    };
                    out.push(Stmt {
                        kind: StmtKind::If {
                            test,
                            body: rest,
                            orelse: Vec::new(),
                        },
                        span: s.span,
                    });
                }
                return out;
            }
            _ => out.push(s.clone()),
        }
    }
    out
}

/// A statement holding a jump, with the blocks inside it lowered.
fn statement(s: &Stmt) -> Stmt {
    let kind = match &s.kind {
        StmtKind::If { test, body, orelse } => StmtKind::If {
            test: test.clone(),
            body: block(body),
            orelse: block(orelse),
        },
        StmtKind::With { items, body } => StmtKind::With {
            items: items.clone(),
            body: block(body),
        },
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => StmtKind::Try {
            body: block(body),
            handlers: handlers
                .iter()
                .map(|h| {
                    let mut h = h.clone();
                    h.body = block(&h.body);
                    h
                })
                .collect(),
            orelse: block(orelse),
            finalbody: block(finalbody),
        },
        other => other.clone(),
    };
    Stmt { kind, span: s.span }
}

pub(crate) mod tests {
    use super::*;

    fn parse(src: &str) -> Vec<Stmt> {
        crate::syntax::parse_program(src).expect("parses")
    }

    fn finds_only_the_loops_own_jumps() {
        let body = parse("if a:\n    break\nfor i in x:\n    continue\n");
        assert_eq!(jumps(&body), (true, true));
        let body = parse("for i in x:\n    break\nwhile y:\n    continue\n");
        assert_eq!(jumps(&body), (false, false));
        let body = parse("if a:\n    continue\n");
        assert_eq!(jumps(&body), (false, true));
    }

    fn guards_what_follows_a_jump() {
        let body = parse("if a:\n    continue\nb = 1\nc = 2\n");
        let low = lower(&body, false);
        // flag reset, the lowered `if`, then the guard holding both assignments
        assert_eq!(low.len(), 3);
        match &low[2].kind {
            StmtKind::If { body, .. } => assert_eq!(body.len(), 2),
            _ => panic!("expected a guard"),
        }
        // an unconditional break drops the dead code after it
        let body = parse("x = 1\nbreak\ny = 2\n");
        let low = lower(&body, true);
        assert_eq!(low.len(), 5);
    }

    unit_cases!(finds_only_the_loops_own_jumps, guards_what_follows_a_jump);
}
