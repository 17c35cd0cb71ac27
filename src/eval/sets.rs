//! Python's `set`: its methods, its operators (`|`, `&`, `-`, `^`), equality, and the order
//! CPython 3.11 keeps its elements in. A set holds its elements in a vector in iteration
//! order; for elements whose hashes CPython computes the same in every run (numbers and
//! tuples of them) that order is the one CPython's open-addressing table gives — found by
//! replaying the insertions into the same table (`Objects/setobject.c`: size 8, nine
//! linear probes, perturbed probing, resize to four times the used count at 60% fill) — so
//! `{3, 1, 2}` prints `{1, 2, 3}`. Strings hash with a per-process random key in CPython,
//! so no order is CPython's; tensh keeps their insertion order.

use super::error::{key_err, key_str_err, type_err, R};
use super::value::{Args, Value};
use super::Interp;
use crate::syntax::ast::BinOp;

pub const SET_METHODS: &[&str] = &[
    "add",
    "remove",
    "discard",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "intersection_update",
    "difference_update",
    "symmetric_difference_update",
    "copy",
    "clear",
    "pop",
    "update",
];

const XXPRIME_1: u64 = 11400714785074694791;
const XXPRIME_2: u64 = 14029467366897019727;
const XXPRIME_5: u64 = 2870177450012600261;

/// CPython's hash of `v` when it is the same in every run (numbers, tuples of them).
fn stable_hash(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) if *i != -1 && i.unsigned_abs() < (1u64 << 61) - 1 => Some(*i),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) => {
            super::bigint::hash_number(v)
        }
        Value::Tuple(items) => {
            // Objects/tupleobject.c, tuplehash (xxHash's round).
            let mut acc = XXPRIME_5;
            for x in items.iter() {
                let lane = stable_hash(x)? as u64;
                acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
                acc = acc.rotate_left(31);
                acc = acc.wrapping_mul(XXPRIME_1);
            }
            acc = acc.wrapping_add((items.len() as u64) ^ (XXPRIME_5 ^ 3527539));
            Some(if acc == u64::MAX {
                1546275796
            } else {
                acc as i64
            })
        }
        _ => None,
    }
}

/// The slots of a CPython set table: each holds an element's index and hash.
struct Table {
    slots: Vec<Option<(usize, u64)>>,
    fill: usize,
}

impl Table {
    fn new(size: usize) -> Table {
        Table {
            slots: vec![None; size],
            fill: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// `set_insert_clean`: the first free slot of the probe sequence.
    fn insert(&mut self, idx: usize, hash: u64) {
        let mask = self.mask();
        let mut perturb = hash;
        let mut i = hash as usize & mask;
        loop {
            if self.slots[i].is_none() {
                break;
            }
            let mut found = None;
            if i + 9 <= mask {
                for j in 1..=9 {
                    if self.slots[i + j].is_none() {
                        found = Some(i + j);
                        break;
                    }
                }
            }
            if let Some(f) = found {
                i = f;
                break;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
        self.slots[i] = Some((idx, hash));
        self.fill += 1;
    }

    /// `set_table_resize`: the smallest power of two above `minused`, elements re-inserted
    /// in their old slot order.
    fn resize(&mut self, minused: usize) {
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(self, Table::new(size));
        for (idx, hash) in old.slots.into_iter().flatten() {
            self.insert(idx, hash);
        }
    }
}

/// The elements (distinct, in insertion order) in the order a CPython set built by
/// inserting them one by one iterates them; unchanged when an element's hash is not
/// CPython's in every run.
pub(crate) fn cpython_order(items: Vec<Value>) -> Vec<Value> {
    let Some(hashes) = items.iter().map(stable_hash).collect::<Option<Vec<i64>>>() else {
        return items;
    };
    let mut t = Table::new(8);
    for (idx, &h) in hashes.iter().enumerate() {
        // Distinct elements: each insertion lands in a new slot (`set_add_entry`).
        t.insert(idx, h as u64);
        if t.fill * 5 >= t.mask() * 3 {
            let used = t.fill;
            t.resize(if used > 50000 { used * 2 } else { used * 4 });
        }
    }
    let mut out: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    t.slots
        .into_iter()
        .flatten()
        .filter_map(|(idx, _)| out[idx].take())
        .collect()
}

impl Interp {
    /// Whether `x` is among `items` (by Python equality).
    fn contains_item(&mut self, items: &[Value], x: &Value) -> R<bool> {
        for v in items {
            if self.equal(v, x)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `a == b` for two sets: the same elements.
    pub(crate) fn set_equal(&mut self, a: &[Value], b: &[Value]) -> R<bool> {
        if a.len() != b.len() {
            return Ok(false);
        }
        for x in a {
            if !self.contains_item(b, x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The elements of `a` that are (`keep`) or are not in `b`, in `a`'s order.
    fn filtered(&mut self, a: &[Value], b: &[Value], keep: bool) -> R<Vec<Value>> {
        let mut out = Vec::new();
        for x in a {
            if self.contains_item(b, x)? == keep {
                out.push(x.clone());
            }
        }
        Ok(out)
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` of two sets' elements, as CPython orders the
    /// result: a union adds `b`'s elements after `a`'s, an intersection walks the smaller
    /// set, a symmetric difference starts from `b`.
    pub(crate) fn set_binary(&mut self, op: BinOp, a: &[Value], b: &[Value]) -> R<Option<Value>> {
        let items = match op {
            BinOp::BitOr => a.iter().chain(b).cloned().collect(),
            BinOp::BitAnd => {
                let (small, big) = if b.len() > a.len() { (a, b) } else { (b, a) };
                self.filtered(small, big, true)?
            }
            BinOp::Sub => self.filtered(a, b, false)?,
            BinOp::BitXor => {
                let mut v = self.filtered(b, a, false)?;
                v.extend(self.filtered(a, b, false)?);
                v
            }
            _ => return Ok(None),
        };
        self.make_set(items).map(Some)
    }
}

/// The methods of `set`.
pub(super) fn set_method(
    it: &mut Interp,
    recv: &Value,
    name: &'static str,
    args: Args,
) -> R<Value> {
    let Value::Set(s) = recv else {
        return Err(super::attrs::no_attr(recv, name));
    };
    let current = s.borrow().clone();
    let arg = args.pos.first().cloned().unwrap_or(Value::None);
    // The elements of every positional argument, for the methods taking iterables.
    let mut others = Vec::new();
    if !matches!(
        name,
        "add" | "remove" | "discard" | "pop" | "copy" | "clear"
    ) {
        for a in &args.pos {
            others.push(it.collect_items(a)?);
        }
    }
    let replace = |it: &mut Interp, items: Vec<Value>| -> R<Value> {
        if let Value::Set(new) = it.make_set(items)? {
            *s.borrow_mut() = new.borrow().clone();
        }
        Ok(Value::None)
    };
    match name {
        "add" => {
            if it.contains_item(&current, &arg)? {
                return Ok(Value::None);
            }
            let mut items = current;
            items.push(arg);
            replace(it, items)
        }
        "update" => {
            let mut items = current;
            items.extend(others.into_iter().flatten());
            replace(it, items)
        }
        "remove" | "discard" => {
            let mut found = None;
            for (i, v) in current.iter().enumerate() {
                if it.equal(v, &arg)? {
                    found = Some(i);
                }
            }
            match found {
                Some(i) => {
                    s.borrow_mut().remove(i);
                }
                None if name == "remove" => return Err(key_err(arg.clone(), it.repr(&arg)?)),
                None => {}
            }
            Ok(Value::None)
        }
        // CPython pops the first element of its table.
        "pop" => match current.first() {
            Some(v) => {
                s.borrow_mut().remove(0);
                Ok(v.clone())
            }
            None => Err(key_str_err("pop from an empty set")),
        },
        "union" => {
            let mut items = current;
            items.extend(others.into_iter().flatten());
            it.make_set(items)
        }
        "intersection" | "difference" | "intersection_update" | "difference_update" => {
            let keep = name.starts_with("intersection");
            let mut items = current;
            for o in &others {
                items = if keep && name == "intersection" {
                    let (small, big) = if o.len() < items.len() {
                        (o.as_slice(), items.as_slice())
                    } else {
                        (items.as_slice(), o.as_slice())
                    };
                    it.filtered(small, big, true)?
                } else {
                    it.filtered(&items, o, keep)?
                };
            }
            if name.ends_with("_update") {
                return replace(it, items);
            }
            it.make_set(items)
        }
        "symmetric_difference" | "symmetric_difference_update" => {
            let other = others.into_iter().next().unwrap_or_default();
            let other = match it.make_set(other)? {
                Value::Set(o) => o.borrow().clone(),
                _ => Vec::new(),
            };
            let result = it.set_binary(BinOp::BitXor, &current, &other)?;
            if name.ends_with("_update") {
                if let Some(Value::Set(r)) = result {
                    *s.borrow_mut() = r.borrow().clone();
                }
                return Ok(Value::None);
            }
            Ok(result.unwrap_or(Value::None))
        }
        "issubset" | "issuperset" | "isdisjoint" => {
            let other = others.into_iter().next().unwrap_or_default();
            let (inner, outer) = match name {
                "issubset" => (&current, &other),
                _ => (&other, &current),
            };
            if name == "isdisjoint" {
                return Ok(Value::Bool(it.filtered(&current, &other, true)?.is_empty()));
            }
            for x in inner {
                if !it.contains_item(outer, x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }
        "copy" => it.make_set(current),
        "clear" => {
            s.borrow_mut().clear();
            Ok(Value::None)
        }
        _ => Err(type_err(format!(
            "'set' object has no attribute '{}'",
            name
        ))),
    }
}
