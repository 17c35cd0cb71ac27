//! `tf.einsum`: the equation is parsed into labels, then evaluated with recorded ops only —
//! diagonals for a label repeated within an operand, sums for labels no one else needs,
//! and for each further operand one batched matmul (after a transpose and reshape of both
//! sides into `[batch, free, contracted]` form) — so gradients come from those ops.
//! `...` stands for broadcast dimensions, aligned from the right as numpy does.

use super::linalg::matmul;
use super::moves::diag_part;
use super::reduce::{reduce, Reduce};
use super::shape::{reshape_to, transpose};
use crate::tensor::broadcast::shape_brackets;
use crate::tensor::error::{invalid_arg, op_error, value_error, TResult};
use crate::tensor::Tensor;

/// A label: a letter, or the k-th broadcast dimension counted from the right.
type Label = u32;
const ELLIPSIS: Label = 1 << 20;

/// One side of the equation: its labels, and whether (and where) it has `...`.
struct Term {
    labels: Vec<Label>,
    ellipsis: Option<usize>,
}

fn parse_term(s: &str, equation: &str) -> TResult<Term> {
    let mut labels = Vec::new();
    let mut ellipsis = None;
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("...") {
            if ellipsis.is_some() {
                return Err(bad_format(equation));
            }
            ellipsis = Some(labels.len());
            rest = r;
            continue;
        }
        let c = rest.chars().next().unwrap_or('.');
        if !c.is_ascii_alphabetic() {
            return Err(bad_format(equation));
        }
        labels.push(c as Label);
        rest = &rest[1..];
    }
    Ok(Term { labels, ellipsis })
}

fn bad_format(equation: &str) -> crate::tensor::TfError {
    value_error(format!("Subscripts have incorrect format: {}", equation))
}

/// A tensor with one label per axis.
struct Operand {
    t: Tensor,
    labels: Vec<Label>,
}

fn kernel_name(n: usize) -> String {
    format!("__MklEinsum_N_{}", n)
}

/// `tf.einsum(equation, *inputs)`.
pub fn einsum(equation: &str, inputs: &[Tensor]) -> TResult<Tensor> {
    let (terms, out_term) = parse_equation(equation, inputs.len())?;
    let kname = kernel_name(inputs.len());
    check_dtypes(inputs)?;
    let Plan {
        mut ops,
        sizes,
        ell_rank,
    } = plan(&terms, inputs, &kname)?;
    let size = |l: Label| sizes.iter().find(|(x, _)| *x == l).map_or(1, |p| p.1);
    let output = output_labels(out_term.as_ref(), &sizes, &ops, ell_rank);
    drop_broadcast_ones(&mut ops, &size);
    run(ops, &output, &size)
}

/// The equation's input terms (one per input) and its output term, if it has `->`.
fn parse_equation(equation: &str, n_inputs: usize) -> TResult<(Vec<Term>, Option<Term>)> {
    let eq: String = equation.chars().filter(|c| !c.is_whitespace()).collect();
    let parts: Vec<&str> = eq.split("->").collect();
    if parts.len() > 2 {
        return Err(bad_format(equation));
    }
    let lhs: Vec<&str> = parts[0].split(',').collect();
    if lhs.len() != n_inputs {
        return Err(value_error(format!(
            "Got {} inputs for equation \"{}\", expecting {}",
            n_inputs,
            equation,
            lhs.len()
        )));
    }
    let terms = lhs
        .iter()
        .map(|s| parse_term(s, equation))
        .collect::<TResult<Vec<_>>>()?;
    let out_term = parts.get(1).map(|s| parse_term(s, equation)).transpose()?;
    if let Some(o) = &out_term {
        let mut seen = Vec::new();
        for l in &o.labels {
            if seen.contains(l) {
                return Err(value_error(format!(
                    "Output subscripts contain a label appearing more than once: {}",
                    equation
                )));
            }
            seen.push(*l);
            if !terms.iter().any(|t| t.labels.contains(l)) {
                return Err(value_error(format!(
                    "Output subscripts contain the label {} not present in the input subscripts.",
                    char::from_u32(*l).unwrap_or('?')
                )));
            }
        }
    }
    Ok((terms, out_term))
}

/// Every input has the first one's dtype.
fn check_dtypes(inputs: &[Tensor]) -> TResult<()> {
    for (k, t) in inputs.iter().enumerate().skip(1) {
        if t.dtype() != inputs[0].dtype() {
            return Err(invalid_arg(format!(
                "cannot compute _MklEinsum as input #{}(zero-based) was expected to be a {} tensor but is a {} tensor [Op:Einsum] name:",
                k,
                inputs[0].dtype().kind_word(),
                t.dtype().kind_word()
            )));
        }
    }
    Ok(())
}

/// The operands with their labels (`...` expanded), every label's size, and the rank of `...`.
struct Plan {
    ops: Vec<Operand>,
    sizes: Vec<(Label, usize)>,
    ell_rank: usize,
}

/// Checks each input's rank and sizes against its term and labels every axis.
fn plan(terms: &[Term], inputs: &[Tensor], kname: &str) -> TResult<Plan> {
    let mut sizes: Vec<(Label, usize)> = Vec::new();
    let mut ell_rank = 0;
    let mut ops = Vec::with_capacity(inputs.len());
    for (k, (term, t)) in terms.iter().zip(inputs).enumerate() {
        let named = term.labels.len();
        let rank_ok = match term.ellipsis {
            None => t.ndim() == named,
            Some(_) => t.ndim() >= named,
        };
        if !rank_ok {
            return Err(op_error(
                kname,
                "Einsum",
                format!(
                    "Expected input {} to have rank {} but got: {}",
                    k,
                    named,
                    t.ndim()
                ),
                Some(""),
            ));
        }
        let mut labels = term.labels.clone();
        if let Some(at) = term.ellipsis {
            let n = t.ndim() - named;
            ell_rank = ell_rank.max(n);
            let ell: Vec<Label> = (0..n).rev().map(|i| ELLIPSIS + i as Label).collect();
            labels.splice(at..at, ell);
        }
        for (ax, (&l, &d)) in labels.iter().zip(t.shape()).enumerate() {
            match sizes.iter_mut().find(|(x, _)| *x == l) {
                None => sizes.push((l, d)),
                Some((_, s)) if *s == d => {}
                Some((_, s)) if l >= ELLIPSIS && (*s == 1 || d == 1) => *s = (*s).max(d),
                Some((_, s)) => {
                    return Err(op_error(
                        kname,
                        "Einsum",
                        format!(
                            "Expected dimension {} at axis {} of the input shaped {} but got dimension {}",
                            s,
                            ax,
                            shape_brackets(t.shape()),
                            d
                        ),
                        Some(""),
                    ))
                }
            }
        }
        ops.push(Operand {
            t: t.clone(),
            labels,
        });
    }
    Ok(Plan {
        ops,
        sizes,
        ell_rank,
    })
}

/// The output's labels: the `->` term with `...` expanded, or else the broadcast labels then
/// every letter that appears once, sorted.
fn output_labels(
    out_term: Option<&Term>,
    sizes: &[(Label, usize)],
    ops: &[Operand],
    ell_rank: usize,
) -> Vec<Label> {
    let ell_labels: Vec<Label> = (0..ell_rank).rev().map(|i| ELLIPSIS + i as Label).collect();
    match out_term {
        Some(o) => {
            let mut v = o.labels.clone();
            if let Some(at) = o.ellipsis {
                v.splice(at..at, ell_labels.iter().copied());
            }
            v
        }
        None => {
            let mut once: Vec<Label> = sizes
                .iter()
                .map(|p| p.0)
                .filter(|&l| l < ELLIPSIS)
                .filter(|l| {
                    ops.iter()
                        .flat_map(|o| &o.labels)
                        .filter(|x| *x == l)
                        .count()
                        == 1
                })
                .collect();
            once.sort_unstable();
            ell_labels.iter().copied().chain(once).collect()
        }
    }
}

/// Broadcast dimensions of size 1 where others are larger are dropped: a label an operand
/// lacks is broadcast over.
fn drop_broadcast_ones(ops: &mut [Operand], size: &dyn Fn(Label) -> usize) {
    for op in ops.iter_mut() {
        let keep: Vec<usize> = (0..op.labels.len())
            .filter(|&i| {
                !(op.labels[i] >= ELLIPSIS && op.t.shape()[i] == 1 && size(op.labels[i]) > 1)
            })
            .collect();
        if keep.len() != op.labels.len() {
            let shape: Vec<usize> = keep.iter().map(|&i| op.t.shape()[i]).collect();
            op.t = reshape_to(&op.t, &shape);
            op.labels = keep.iter().map(|&i| op.labels[i]).collect();
        }
    }
}

/// Evaluates the planned operands: diagonals and sums within each, then one contraction per
/// further operand, then the output's order.
fn run(mut ops: Vec<Operand>, output: &[Label], size: &dyn Fn(Label) -> usize) -> TResult<Tensor> {
    for k in 0..ops.len() {
        take_diagonals(&mut ops[k])?;
        let needed: Vec<Label> = output
            .iter()
            .chain(
                ops.iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .flat_map(|(_, o)| &o.labels),
            )
            .copied()
            .collect();
        sum_out(&mut ops[k], &needed)?;
    }
    let mut iter = ops.into_iter();
    let mut cur = iter
        .next()
        .ok_or_else(|| invalid_arg("einsum needs an input"))?;
    let rest: Vec<Operand> = iter.collect();
    for (k, other) in rest.iter().enumerate() {
        let later: Vec<Label> = output
            .iter()
            .chain(rest[k + 1..].iter().flat_map(|o| &o.labels))
            .copied()
            .collect();
        let keep: Vec<Label> = cur
            .labels
            .iter()
            .filter(|l| later.contains(l) || other.labels.contains(l))
            .copied()
            .collect();
        sum_out(&mut cur, &keep)?;
        cur = contract(cur, other, &later, size)?;
    }
    sum_out(&mut cur, output)?;
    let perm: Vec<i64> = output
        .iter()
        .map(|l| cur.labels.iter().position(|x| x == l).unwrap_or(0) as i64)
        .collect();
    if perm.iter().enumerate().all(|(i, &p)| i as i64 == p) {
        return Ok(cur.t);
    }
    transpose(&cur.t, Some(&perm))
}

/// Replaces every pair of axes with one label by their diagonal.
fn take_diagonals(op: &mut Operand) -> TResult<()> {
    loop {
        let dup = (0..op.labels.len()).find_map(|i| {
            (i + 1..op.labels.len())
                .find(|&j| op.labels[j] == op.labels[i])
                .map(|j| (i, j))
        });
        let Some((i, j)) = dup else { return Ok(()) };
        let n = op.labels.len();
        let mut perm: Vec<usize> = (0..n).filter(|&a| a != i && a != j).collect();
        perm.push(i);
        perm.push(j);
        let p: Vec<i64> = perm.iter().map(|&a| a as i64).collect();
        op.t = diag_part(&transpose(&op.t, Some(&p))?)?;
        let l = op.labels[i];
        op.labels = perm[..n - 2].iter().map(|&a| op.labels[a]).collect();
        op.labels.push(l);
    }
}

/// Sums the axes whose labels are not in `needed`.
fn sum_out(op: &mut Operand, needed: &[Label]) -> TResult<()> {
    let axes: Vec<i64> = (0..op.labels.len())
        .filter(|&i| !needed.contains(&op.labels[i]))
        .map(|i| i as i64)
        .collect();
    if axes.is_empty() {
        return Ok(());
    }
    op.t = reduce(Reduce::Sum, &op.t, Some(&axes), false)?;
    op.labels = op
        .labels
        .iter()
        .filter(|l| needed.contains(l))
        .copied()
        .collect();
    Ok(())
}

/// Arranges `op`'s axes in the order of `labels` and flattens them into `groups` dimensions.
fn arrange(op: &Operand, groups: &[&[Label]], size: &dyn Fn(Label) -> usize) -> TResult<Tensor> {
    let perm: Vec<i64> = groups
        .iter()
        .flat_map(|g| g.iter())
        .map(|l| op.labels.iter().position(|x| x == l).unwrap_or(0) as i64)
        .collect();
    let t = if perm.iter().enumerate().all(|(i, &p)| i as i64 == p) {
        op.t.clone()
    } else {
        transpose(&op.t, Some(&perm))?.contiguous()
    };
    let shape: Vec<usize> = groups
        .iter()
        .map(|g| g.iter().map(|&l| size(l)).product())
        .collect();
    Ok(reshape_to(&t, &shape))
}

/// One batched matmul of `a` and `b` over their shared labels that are not needed later.
fn contract(
    a: Operand,
    b: &Operand,
    later: &[Label],
    size: &dyn Fn(Label) -> usize,
) -> TResult<Operand> {
    let shared: Vec<Label> = a
        .labels
        .iter()
        .filter(|l| b.labels.contains(l))
        .copied()
        .collect();
    let batch: Vec<Label> = shared
        .iter()
        .filter(|l| later.contains(l))
        .copied()
        .collect();
    let summed: Vec<Label> = shared
        .iter()
        .filter(|l| !later.contains(l))
        .copied()
        .collect();
    let a_only: Vec<Label> = a
        .labels
        .iter()
        .filter(|l| !shared.contains(l))
        .copied()
        .collect();
    let b_only: Vec<Label> = b
        .labels
        .iter()
        .filter(|l| !shared.contains(l))
        .copied()
        .collect();
    let x = arrange(&a, &[&batch, &a_only, &summed], size)?;
    let y = arrange(b, &[&batch, &summed, &b_only], size)?;
    let z = matmul(&x, &y, false, false)?;
    let labels: Vec<Label> = batch
        .iter()
        .chain(&a_only)
        .chain(&b_only)
        .copied()
        .collect();
    let shape: Vec<usize> = labels.iter().map(|&l| size(l)).collect();
    Ok(Operand {
        t: reshape_to(&z, &shape),
        labels,
    })
}
