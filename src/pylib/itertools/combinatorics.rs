//! The combinatoric iterators: `product`, `permutations`, `combinations`,
//! `combinations_with_replacement`. Their inputs are collected (as CPython does); the
//! tuples are made one at a time, in CPython's order.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::builtins::items;
use crate::eval::error::{raise, R};
use crate::eval::iter::{iter_object, PyIter};
use crate::eval::value::Value;
use crate::eval::Interp;
use crate::pylib::pyclass::int_arg;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Product,
    Permutations,
    Combinations,
    WithReplacement,
}

/// The index state of one combinatoric iterator.
struct Combo {
    kind: Kind,
    /// One pool per position for product; one shared pool otherwise.
    pools: Vec<Vec<Value>>,
    r: usize,
    indices: Vec<usize>,
    cycles: Vec<usize>,
    first: bool,
    done: bool,
}

impl Combo {
    fn new(kind: Kind, pools: Vec<Vec<Value>>, r: usize) -> Combo {
        let n = pools.first().map_or(0, |p| p.len());
        let (indices, cycles, done) = match kind {
            Kind::Product => (
                vec![0; pools.len()],
                vec![],
                pools.iter().any(|p| p.is_empty()),
            ),
            Kind::Permutations => (
                (0..n).collect(),
                (n.saturating_sub(r) + 1..=n).rev().collect(),
                r > n,
            ),
            Kind::Combinations => ((0..r).collect(), vec![], r > n),
            Kind::WithReplacement => (vec![0; r], vec![], n == 0 && r > 0),
        };
        Combo {
            kind,
            pools,
            r,
            indices,
            cycles,
            first: true,
            done,
        }
    }

    fn current(&self) -> Value {
        let v = match self.kind {
            Kind::Product => self
                .indices
                .iter()
                .zip(&self.pools)
                .map(|(&i, p)| p[i].clone())
                .collect(),
            _ => self.indices[..self.r]
                .iter()
                .map(|&i| self.pools[0][i].clone())
                .collect(),
        };
        Value::tuple(v)
    }

    /// Moves to the next index tuple; false when there is none.
    fn advance(&mut self) -> bool {
        let r = self.r;
        match self.kind {
            Kind::Product => {
                for i in (0..self.pools.len()).rev() {
                    self.indices[i] += 1;
                    if self.indices[i] < self.pools[i].len() {
                        return true;
                    }
                    self.indices[i] = 0;
                }
                false
            }
            Kind::Combinations => {
                let n = self.pools[0].len();
                let Some(i) = (0..r).rev().find(|&i| self.indices[i] != i + n - r) else {
                    return false;
                };
                self.indices[i] += 1;
                for j in i + 1..r {
                    self.indices[j] = self.indices[j - 1] + 1;
                }
                true
            }
            Kind::WithReplacement => {
                let n = self.pools[0].len();
                let Some(i) = (0..r).rev().find(|&i| self.indices[i] != n - 1) else {
                    return false;
                };
                let v = self.indices[i] + 1;
                for j in i..r {
                    self.indices[j] = v;
                }
                true
            }
            Kind::Permutations => {
                let n = self.pools[0].len();
                if n == 0 {
                    return false;
                }
                for i in (0..r).rev() {
                    self.cycles[i] -= 1;
                    if self.cycles[i] == 0 {
                        let x = self.indices.remove(i);
                        self.indices.push(x);
                        self.cycles[i] = n - i;
                    } else {
                        let j = self.cycles[i];
                        self.indices.swap(i, n - j);
                        return true;
                    }
                }
                false
            }
        }
    }
}

impl PyIter for Combo {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        it.check_interrupt()?;
        if self.done {
            return Ok(None);
        }
        if self.first {
            self.first = false;
        } else if !self.advance() {
            self.done = true;
            return Ok(None);
        }
        Ok(Some(self.current()))
    }
    fn type_name(&self) -> String {
        match self.kind {
            Kind::Product => "product",
            Kind::Permutations => "permutations",
            Kind::Combinations => "combinations",
            Kind::WithReplacement => "combinations_with_replacement",
        }
        .into()
    }
}

fn r_arg(v: &Value) -> R<usize> {
    let r = int_arg(v)?;
    if r < 0 {
        return raise(ExcKind::ValueError, "r must be non-negative");
    }
    Ok(r as usize)
}

builtin! {
    /// Cartesian product of input iterables.  Equivalent to nested for-loops.
    python ["itertools.product"]
    fn product(it, *iterables, repeat = 1) {
        let times = int_arg(&repeat)?;
        if times < 0 {
            return raise(ExcKind::ValueError, "repeat argument cannot be negative");
        }
        let mut pools = Vec::new();
        for v in items(&iterables) {
            pools.push(it.collect_items(&v)?);
        }
        let total: usize = pools.len().saturating_mul(times as usize);
        if total > 1 << 20 {
            return raise(ExcKind::MemoryError, "");
        }
        let all: Vec<Vec<Value>> = (0..times).flat_map(|_| pools.iter().cloned()).collect();
        let r = all.len();
        Ok(iter_object(Combo::new(Kind::Product, all, r)))
    }
}

builtin! {
    /// Return successive r-length permutations of elements in the iterable.
    python ["itertools.permutations"]
    fn permutations(it, iterable, r = None) {
        let pool = it.collect_items(&iterable)?;
        let r = match r {
            Value::None => pool.len(),
            v => r_arg(&v)?,
        };
        Ok(iter_object(Combo::new(Kind::Permutations, vec![pool], r)))
    }
}

builtin! {
    /// Return successive r-length combinations of elements in the iterable.
    python ["itertools.combinations"]
    fn combinations(it, iterable, r) {
        let pool = it.collect_items(&iterable)?;
        let r = r_arg(&r)?;
        Ok(iter_object(Combo::new(Kind::Combinations, vec![pool], r)))
    }
}

builtin! {
    /// Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.
    python ["itertools.combinations_with_replacement"]
    fn combinations_with_replacement(it, iterable, r) {
        let pool = it.collect_items(&iterable)?;
        let r = r_arg(&r)?;
        Ok(iter_object(Combo::new(Kind::WithReplacement, vec![pool], r)))
    }
}
