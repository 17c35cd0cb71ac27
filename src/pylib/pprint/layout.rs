//! CPython's pretty-printing layout: a value whose repr fits in the width left is written
//! whole; a container that does not fit is broken one item per line (or, compact, as many
//! items per line as fit), a long string into implicit-concatenation chunks at word
//! boundaries, a long bytes into 4-byte groups. Dicts are sorted by key unless asked not
//! to be; keys that do not order sort by type name. `saferepr` is the repr that marks
//! recursion and depth (`<Recursion on list with id=...>`, `[...]`).

use crate::eval::error::R;
use crate::eval::value::{Args, Value};
use crate::eval::Interp;
use crate::syntax::ast::CmpOp;

/// A pretty printer's settings (`PrettyPrinter(...)`'s arguments).
#[derive(Clone)]
pub(crate) struct Settings {
    pub indent: usize,
    pub width: i64,
    pub depth: Option<i64>,
    pub compact: bool,
    pub sort_dicts: bool,
    pub underscore_numbers: bool,
}

/// The output of one layout and what it learned of the value.
pub(crate) struct Layout<'a> {
    pub s: &'a Settings,
    pub out: String,
    pub readable: bool,
    pub recursive: bool,
}

/// How a value is laid out when its repr does not fit.
enum Kind {
    Dict,
    Ordered,
    Default,
    Counter,
    List,
    Tuple,
    Set,
    Str,
    Bytes,
    ByteArray,
    Deque,
    Dataclass,
    Other,
}

fn dict_kind(v: &Value) -> Option<String> {
    match v {
        Value::Dict(d) => Some(
            d.borrow()
                .ext
                .as_ref()
                .map(|e| e.type_name())
                .unwrap_or_else(|| "dict".into()),
        ),
        _ => None,
    }
}

fn kind_of(v: &Value) -> Kind {
    if let Some(k) = dict_kind(v) {
        return match k.as_str() {
            "dict" => Kind::Dict,
            "OrderedDict" => Kind::Ordered,
            "defaultdict" => Kind::Default,
            "Counter" => Kind::Counter,
            _ => Kind::Other,
        };
    }
    match v {
        Value::List(_) => Kind::List,
        Value::Tuple(_) => Kind::Tuple,
        Value::Set(_) => Kind::Set,
        Value::Str(_) => Kind::Str,
        Value::Bytes(_) => Kind::Bytes,
        Value::ByteArray(_) => Kind::ByteArray,
        Value::Object(o) if o.type_name() == "deque" => Kind::Deque,
        Value::Instance(_) if generated_dataclass_repr(v) => Kind::Dataclass,
        _ => Kind::Other,
    }
}

/// Whether `v` is a dataclass instance printed by the repr `@dataclass` wrote.
fn generated_dataclass_repr(v: &Value) -> bool {
    let Value::Instance(inst) = v else {
        return false;
    };
    if inst.class.lookup("__dataclass_fields__").is_none() {
        return false;
    }
    match inst.class.lookup_owner("__repr__") {
        // The generated method was compiled from text of its own: the span it records
        // does not hold its definition in the file it names.
        Some((Value::Function(f), _)) => {
            let span = f.def.span;
            let text = f.file.text.get(span.start as usize..span.end as usize);
            !text.is_some_and(|t| t.trim_start().starts_with("def __repr__"))
        }
        _ => false,
    }
}

/// The identity a container is known by in the recursion context; None for values that
/// cannot contain themselves.
fn container_id(v: &Value) -> Option<usize> {
    match v {
        Value::List(_)
        | Value::Dict(_)
        | Value::Tuple(_)
        | Value::Set(_)
        | Value::Object(_)
        | Value::Instance(_) => Some(v.identity()),
        _ => None,
    }
}

/// `<Recursion on list with id=...>`.
fn recursion(v: &Value) -> String {
    format!(
        "<Recursion on {} with id={}>",
        v.type_name(),
        v.identity() as i64
    )
}

pub(super) fn width_of(s: &str) -> i64 {
    s.chars().count() as i64
}

/// `x < y` as `pprint`'s sort key orders it: values that do not order compare by
/// their type's name, then by identity.
fn safe_lt(it: &mut Interp, a: &Value, b: &Value) -> R<bool> {
    match it.compare(CmpOp::Lt, a, b) {
        Ok(v) => it.truthy(&v),
        Err(crate::eval::Flow::Error(e)) if e.kind == crate::errors::ExcKind::TypeError => {
            let ta = type_text(a);
            let tb = type_text(b);
            Ok((ta, a.identity()) < (tb, b.identity()))
        }
        Err(e) => Err(e),
    }
}

/// `str(type(v))`.
fn type_text(v: &Value) -> String {
    match v {
        Value::Instance(i) => format!("<class '__main__.{}'>", i.class.name),
        other => format!("<class '{}'>", other.type_name()),
    }
}

/// A stable merge sort by a fallible `<`, which never panics whatever the order says.
pub(crate) fn sort_by_lt(
    it: &mut Interp,
    items: Vec<Value>,
    lt: &mut dyn FnMut(&mut Interp, &Value, &Value) -> R<bool>,
) -> R<Vec<Value>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    it.check_interrupt()?;
    let mut left = items;
    let right = left.split_off(left.len() / 2);
    let left = sort_by_lt(it, left, lt)?;
    let right = sort_by_lt(it, right, lt)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        if lt(it, b, a)? {
            out.extend(r.next());
        } else {
            out.extend(l.next());
        }
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}

/// Values sorted as `sorted(values, key=_safe_key)` sorts them.
pub(crate) fn safe_sorted(it: &mut Interp, items: Vec<Value>) -> R<Vec<Value>> {
    sort_by_lt(it, items, &mut |it, a, b| safe_lt(it, a, b))
}

/// A dict's entries, sorted by key when the settings ask for it.
fn dict_items(it: &mut Interp, v: &Value, sort: bool) -> R<Vec<(Value, Value)>> {
    let pairs: Vec<Value> = match v {
        Value::Dict(d) => {
            let d = d.borrow();
            d.keys
                .iter()
                .zip(&d.values)
                .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                .collect()
        }
        _ => Vec::new(),
    };
    let pairs = if sort {
        sort_by_lt(it, pairs, &mut |it, a, b| safe_lt(it, &first(a), &first(b)))?
    } else {
        pairs
    };
    Ok(pairs
        .into_iter()
        .map(|p| match p {
            Value::Tuple(t) => (t[0].clone(), t[1].clone()),
            _ => (Value::None, Value::None),
        })
        .collect())
}

fn first(pair: &Value) -> Value {
    match pair {
        Value::Tuple(t) => t[0].clone(),
        other => other.clone(),
    }
}

/// `repr` of an int, with `_` between thousands when asked.
fn int_repr(it: &mut Interp, v: &Value, underscore: bool) -> R<String> {
    let r = it.repr(v)?;
    if !underscore {
        return Ok(r);
    }
    let (sign, digits) = match r.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", r.as_str()),
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('_');
        }
        out.push(c);
    }
    Ok(format!("{}{}", sign, out))
}

impl<'a> Layout<'a> {
    pub(crate) fn new(s: &'a Settings) -> Layout<'a> {
        Layout {
            s,
            out: String::new(),
            readable: true,
            recursive: false,
        }
    }

    /// `saferepr`: (text, readable, recursive).
    pub(crate) fn safe_repr(
        &self,
        it: &mut Interp,
        v: &Value,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<(String, bool, bool)> {
        it.check_interrupt()?;
        if it.depth >= crate::eval::session::MAX_DEPTH {
            return crate::eval::error::raise(
                crate::errors::ExcKind::RecursionError,
                "maximum recursion depth exceeded while calling a Python object",
            );
        }
        it.depth += 1;
        let r = self.safe_repr_inner(it, v, context, level);
        it.depth -= 1;
        r
    }

    fn safe_repr_inner(
        &self,
        it: &mut Interp,
        v: &Value,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<(String, bool, bool)> {
        let deep = |level: i64| self.s.depth.is_some_and(|d| level >= d);
        match v {
            Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Float(_)
            | Value::Bool(_)
            | Value::None => return Ok((it.repr(v)?, true, false)),
            Value::Int(_) | Value::BigInt(_) => {
                return Ok((int_repr(it, v, self.s.underscore_numbers)?, true, false))
            }
            _ => {}
        }
        if dict_kind(v).as_deref() == Some("dict") {
            let n = match v {
                Value::Dict(d) => d.borrow().len(),
                _ => 0,
            };
            if n == 0 {
                return Ok(("{}".into(), true, false));
            }
            let id = v.identity();
            if deep(level) {
                return Ok(("{...}".into(), false, context.contains(&id)));
            }
            if context.contains(&id) {
                return Ok((recursion(v), false, true));
            }
            context.push(id);
            let (mut readable, mut recursive) = (true, false);
            let mut parts = Vec::new();
            for (k, x) in dict_items(it, v, self.s.sort_dicts)? {
                let (kr, kread, krec) = self.safe_repr(it, &k, context, level + 1)?;
                let (vr, vread, vrec) = self.safe_repr(it, &x, context, level + 1)?;
                parts.push(format!("{}: {}", kr, vr));
                readable = readable && kread && vread;
                recursive = recursive || krec || vrec;
            }
            context.retain(|c| *c != id);
            return Ok((format!("{{{}}}", parts.join(", ")), readable, recursive));
        }
        let (items, open, close) = match v {
            Value::List(l) => (l.borrow().clone(), "[", "]"),
            Value::Tuple(t) if t.len() == 1 => (t.to_vec(), "(", ",)"),
            Value::Tuple(t) => (t.to_vec(), "(", ")"),
            _ => {
                let r = it.repr(v)?;
                let readable = !r.is_empty() && !r.starts_with('<');
                return Ok((r, readable, false));
            }
        };
        if items.is_empty() {
            return Ok((format!("{}{}", open, close), true, false));
        }
        let id = v.identity();
        if deep(level) {
            return Ok((
                format!("{}...{}", open, close),
                false,
                context.contains(&id),
            ));
        }
        if context.contains(&id) {
            return Ok((recursion(v), false, true));
        }
        context.push(id);
        let (mut readable, mut recursive) = (true, false);
        let mut parts = Vec::with_capacity(items.len());
        for x in &items {
            let (r, read, rec) = self.safe_repr(it, x, context, level + 1)?;
            parts.push(r);
            readable = readable && read;
            recursive = recursive || rec;
        }
        context.retain(|c| *c != id);
        Ok((
            format!("{}{}{}", open, parts.join(", "), close),
            readable,
            recursive,
        ))
    }

    /// The repr used inside the layout, noting unreadable and recursive parts.
    fn repr(&mut self, it: &mut Interp, v: &Value, context: &[usize], level: i64) -> R<String> {
        let mut ctx = context.to_vec();
        let (r, readable, recursive) = self.safe_repr(it, v, &mut ctx, level)?;
        if !readable {
            self.readable = false;
        }
        if recursive {
            self.recursive = true;
        }
        Ok(r)
    }

    pub(super) fn write(&mut self, s: &str) {
        self.out.push_str(s);
    }

    /// Lays `v` out at column `indent`, leaving `allowance` columns for what follows it.
    pub(crate) fn format(
        &mut self,
        it: &mut Interp,
        v: &Value,
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let id = container_id(v);
        if let Some(id) = id {
            if context.contains(&id) {
                self.write(&recursion(v));
                self.recursive = true;
                self.readable = false;
                return Ok(());
            }
        }
        let rep = self.repr(it, v, context, level)?;
        let max_width = self.s.width - indent - allowance;
        if width_of(&rep) > max_width {
            let kind = kind_of(v);
            if !matches!(kind, Kind::Other) {
                let key = id.unwrap_or(0);
                context.push(key);
                if it.depth >= crate::eval::session::MAX_DEPTH {
                    return crate::eval::error::raise(
                        crate::errors::ExcKind::RecursionError,
                        "maximum recursion depth exceeded while calling a Python object",
                    );
                }
                it.depth += 1;
                let r = self.dispatch(it, kind, v, indent, allowance, context, level + 1);
                it.depth -= 1;
                if let Some(pos) = context.iter().rposition(|c| *c == key) {
                    context.remove(pos);
                }
                return r;
            }
        }
        self.write(&rep);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        it: &mut Interp,
        kind: Kind,
        v: &Value,
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let per = self.s.indent as i64;
        match kind {
            Kind::Dict => self.dict(it, v, indent, allowance, context, level),
            Kind::Ordered => {
                let items = dict_items(it, v, false)?;
                if items.is_empty() {
                    let r = it.repr(v)?;
                    self.write(&r);
                    return Ok(());
                }
                self.write("OrderedDict(");
                let pairs = items
                    .into_iter()
                    .map(|(k, x)| Value::tuple(vec![k, x]))
                    .collect();
                let list = Value::list(pairs);
                self.format(it, &list, indent + 12, allowance + 1, context, level)?;
                self.write(")");
                Ok(())
            }
            Kind::Default => {
                let items = dict_items(it, v, false)?;
                if items.is_empty() {
                    let r = it.repr(v)?;
                    self.write(&r);
                    return Ok(());
                }
                let factory = it.get_attr(v, "default_factory")?;
                let rdf = self.repr(it, &factory, context, level)?;
                let indent = indent + 12;
                self.write(&format!(
                    "defaultdict({},\n{}",
                    rdf,
                    " ".repeat(indent as usize)
                ));
                self.dict(it, v, indent, allowance + 1, context, level)?;
                self.write(")");
                Ok(())
            }
            Kind::Counter => {
                let mc = it.get_attr(v, "most_common")?;
                let mc = it.call(&mc, Args::default())?;
                let pairs = it.collect_items(&mc)?;
                if pairs.is_empty() {
                    let r = it.repr(v)?;
                    self.write(&r);
                    return Ok(());
                }
                self.write("Counter({");
                if per > 1 {
                    self.write(&" ".repeat(self.s.indent - 1));
                }
                let mut items = Vec::new();
                for p in pairs {
                    let kv = it.collect_items(&p)?;
                    if let [k, x] = kv.as_slice() {
                        items.push((k.clone(), x.clone()));
                    }
                }
                self.dict_items(it, &items, indent + 8, allowance + 2, context, level)?;
                self.write("})");
                Ok(())
            }
            Kind::List => {
                let items = match v {
                    Value::List(l) => l.borrow().clone(),
                    _ => Vec::new(),
                };
                self.write("[");
                self.items(it, &items, indent, allowance + 1, context, level)?;
                self.write("]");
                Ok(())
            }
            Kind::Tuple => {
                let items = match v {
                    Value::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                };
                let end = if items.len() == 1 { ",)" } else { ")" };
                self.write("(");
                self.items(
                    it,
                    &items,
                    indent,
                    allowance + end.len() as i64,
                    context,
                    level,
                )?;
                self.write(end);
                Ok(())
            }
            Kind::Set => {
                let items = match v {
                    Value::Set(s) => s.borrow().clone(),
                    _ => Vec::new(),
                };
                if items.is_empty() {
                    let r = it.repr(v)?;
                    self.write(&r);
                    return Ok(());
                }
                let items = safe_sorted(it, items)?;
                self.write("{");
                self.items(it, &items, indent, allowance + 1, context, level)?;
                self.write("}");
                Ok(())
            }
            Kind::Str => {
                let s = match v {
                    Value::Str(s) => s.to_string(),
                    _ => String::new(),
                };
                self.string(&s, indent, allowance, level);
                Ok(())
            }
            Kind::Bytes => {
                let b = match v {
                    Value::Bytes(b) => b.to_vec(),
                    _ => Vec::new(),
                };
                self.bytes(&b, indent, allowance, level);
                Ok(())
            }
            Kind::ByteArray => {
                let b = match v {
                    Value::ByteArray(b) => b.borrow().clone(),
                    _ => Vec::new(),
                };
                self.write("bytearray(");
                self.bytes(&b, indent + 10, allowance + 1, level + 1);
                self.write(")");
                Ok(())
            }
            Kind::Deque => self.deque(it, v, indent, allowance, context, level),
            Kind::Dataclass => self.dataclass(it, v, indent, allowance, context, level),
            Kind::Other => {
                let r = it.repr(v)?;
                self.write(&r);
                Ok(())
            }
        }
    }

    fn dict(
        &mut self,
        it: &mut Interp,
        v: &Value,
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        self.write("{");
        if self.s.indent > 1 {
            self.write(&" ".repeat(self.s.indent - 1));
        }
        let items = dict_items(it, v, self.s.sort_dicts)?;
        if !items.is_empty() {
            self.dict_items(it, &items, indent, allowance + 1, context, level)?;
        }
        self.write("}");
        Ok(())
    }

    fn dict_items(
        &mut self,
        it: &mut Interp,
        items: &[(Value, Value)],
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let indent = indent + self.s.indent as i64;
        let delim = format!(",\n{}", " ".repeat(indent.max(0) as usize));
        let last_index = items.len().saturating_sub(1);
        for (i, (k, x)) in items.iter().enumerate() {
            let last = i == last_index;
            let rep = self.repr(it, k, context, level)?;
            self.write(&rep);
            self.write(": ");
            let a = if last { allowance } else { 1 };
            self.format(it, x, indent + width_of(&rep) + 2, a, context, level)?;
            if !last {
                self.write(&delim);
            }
        }
        Ok(())
    }

    fn items(
        &mut self,
        it: &mut Interp,
        items: &[Value],
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let indent = indent + self.s.indent as i64;
        if self.s.indent > 1 {
            self.write(&" ".repeat(self.s.indent - 1));
        }
        let delimnl = format!(",\n{}", " ".repeat(indent.max(0) as usize));
        let mut delim = String::new();
        let mut max_width = self.s.width - indent + 1;
        let mut width = max_width;
        let n = items.len();
        for (i, ent) in items.iter().enumerate() {
            let last = i + 1 == n;
            if last {
                max_width -= allowance;
                width -= allowance;
            }
            if self.s.compact {
                let rep = self.repr(it, ent, context, level)?;
                let w = width_of(&rep) + 2;
                if width < w {
                    width = max_width;
                    if !delim.is_empty() {
                        delim = delimnl.clone();
                    }
                }
                if width >= w {
                    width -= w;
                    self.write(&delim);
                    delim = ", ".into();
                    self.write(&rep);
                    continue;
                }
            }
            self.write(&delim);
            delim = delimnl.clone();
            let a = if last { allowance } else { 1 };
            self.format(it, ent, indent, a, context, level)?;
        }
        Ok(())
    }

    fn deque(
        &mut self,
        it: &mut Interp,
        v: &Value,
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let items = it.collect_items(v)?;
        if items.is_empty() {
            let r = it.repr(v)?;
            self.write(&r);
            return Ok(());
        }
        let indent = indent + 6;
        self.write("deque([");
        let maxlen = it.get_attr(v, "maxlen")?;
        if matches!(maxlen, Value::None) {
            self.items(it, &items, indent, allowance + 2, context, level)?;
            self.write("])");
        } else {
            self.items(it, &items, indent, 2, context, level)?;
            let rml = self.repr(it, &maxlen, context, level)?;
            self.write(&format!(
                "],\n{}maxlen={})",
                " ".repeat(indent.max(0) as usize),
                rml
            ));
        }
        Ok(())
    }

    fn dataclass(
        &mut self,
        it: &mut Interp,
        v: &Value,
        indent: i64,
        allowance: i64,
        context: &mut Vec<usize>,
        level: i64,
    ) -> R<()> {
        let Value::Instance(inst) = v else {
            return Ok(());
        };
        let name = inst.class.name.clone();
        let indent = indent + width_of(&name) + 1;
        let fields = inst
            .class
            .lookup("__dataclass_fields__")
            .unwrap_or(Value::None);
        let mut items = Vec::new();
        for (k, f) in dict_items(it, &fields, false)? {
            let shown = it.get_attr(&f, "repr")?;
            if !it.truthy(&shown)? {
                continue;
            }
            let key = it.str_of(&k)?;
            let x = it.get_attr(v, &key)?;
            items.push((key, x));
        }
        self.write(&format!("{}(", name));
        let delim = format!(",\n{}", " ".repeat(indent.max(0) as usize));
        let last_index = items.len().saturating_sub(1);
        for (i, (k, x)) in items.iter().enumerate() {
            let last = i == last_index;
            self.write(k);
            self.write("=");
            if container_id(x).is_some_and(|id| context.contains(&id)) {
                self.write("...");
            } else {
                let a = if last { allowance } else { 1 };
                self.format(it, x, indent + width_of(k) + 1, a, context, level)?;
            }
            if !last {
                self.write(&delim);
            }
        }
        self.write(")");
        Ok(())
    }
}
