//! Python's `warnings` module: `warn`, the filter list (`filterwarnings`, `simplefilter`,
//! `resetwarnings`), `formatwarning`, `showwarning` and `catch_warnings`. A warning goes
//! through the filters as CPython's does: the first matching filter's action decides
//! (`default` shows it once per location, `once` once at all, `module` once per module,
//! `always`, `ignore`, `error` raises it); unmatched ones are shown once per location. The
//! default filters show DeprecationWarning in `__main__` only and hide the pending,
//! import and resource warnings. A shown warning is written to standard error as
//! `FILE:LINE: Category: message` and the source line, unless `showwarning` was replaced
//! or `catch_warnings(record=True)` records it.
//!
//! The state lives in the module's attributes: `filters` (tuples of action, message
//! pattern, category, module pattern, line), `_registry` (locations already shown, cleared
//! when the filters change), `_onceregistry`, `_record` (the list a `catch_warnings`
//! records into, or None) and `_showwarning_orig`.

use super::pyclass::{bind, method, module, PyClass};
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, SourceFile, R};
use crate::eval::value::{Args, Dict, Module, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

const ACTIONS: [&str; 6] = ["error", "ignore", "always", "default", "module", "once"];

fn warnings_module(it: &mut Interp) -> Rc<Module> {
    module(it, "warnings")
}

fn new_dict() -> Value {
    Value::Dict(Rc::new(RefCell::new(Dict::default())))
}

/// Whether `cat` is a class deriving from `base` (both exception classes).
fn is_sub(cat: &Value, base: &Value) -> bool {
    match (cat, base) {
        (Value::ExcClass(k), Value::ExcClass(b)) => k.is_subclass_of(*b),
        (Value::Class(c), Value::ExcClass(b)) => c.exc_kind().is_some_and(|k| k.is_subclass_of(*b)),
        (Value::Class(c), Value::Class(b)) => c.is_subclass_of(b),
        _ => false,
    }
}

fn is_class(v: &Value) -> bool {
    matches!(v, Value::Class(_) | Value::ExcClass(_) | Value::Builtin(_))
}

fn is_warning_class(v: &Value) -> bool {
    is_sub(v, &Value::ExcClass(ExcKind::Warning))
}

/// The class of an exception instance.
fn class_of(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => Some(Value::Class(i.class.clone())),
        Value::Object(o) => o
            .as_any()
            .downcast_ref::<crate::eval::types::ExcObject>()
            .map(|e| Value::ExcClass(e.kind)),
        _ => None,
    }
}

fn class_name(it: &mut Interp, c: &Value) -> R<String> {
    let n = it.get_attr(c, "__name__")?;
    it.str_of(&n)
}

/// The filters were changed: locations shown so far may show again.
fn filters_mutated(it: &mut Interp) {
    warnings_module(it).set("_registry", new_dict());
}

fn filters(it: &mut Interp) -> Value {
    let m = warnings_module(it);
    match m.get("filters") {
        Some(f @ Value::List(_)) => f,
        _ => {
            let f = Value::list(Vec::new());
            m.set("filters", f.clone());
            f
        }
    }
}

/// `re.compile(pattern, flags)`.
fn compile(it: &mut Interp, pattern: &str, flags: i64) -> R<Value> {
    let re = Value::Module(module(it, "re"));
    let f = it.get_attr(&re, "compile")?;
    it.call(&f, Args::new(vec![Value::str(pattern), Value::Int(flags)]))
}

/// Whether a filter's pattern (None matches all) matches the start of `text`.
fn pattern_matches(it: &mut Interp, pattern: &Value, text: &str) -> R<bool> {
    if matches!(pattern, Value::None) {
        return Ok(true);
    }
    let f = it.get_attr(pattern, "match")?;
    let m = it.call(&f, Args::new(vec![Value::str(text)]))?;
    Ok(!matches!(m, Value::None))
}

fn add_filter(it: &mut Interp, item: Value, append: bool) -> R<()> {
    let f = filters(it);
    if let Value::List(l) = &f {
        let existing = l.borrow().clone();
        let mut keep = Vec::with_capacity(existing.len() + 1);
        let mut found = false;
        for x in existing {
            if !found && it.equal(&x, &item)? {
                found = true;
                if append {
                    keep.push(x);
                }
                continue;
            }
            keep.push(x);
        }
        if !append {
            keep.insert(0, item);
        } else if !found {
            keep.push(item);
        }
        *l.borrow_mut() = keep;
    }
    filters_mutated(it);
    Ok(())
}

/// A filter's category: `Warning` when not given.
fn warning_default(category: Value) -> Value {
    match category {
        Value::None => Value::ExcClass(ExcKind::Warning),
        c => c,
    }
}

fn check_action(it: &mut Interp, action: &Value) -> R<String> {
    match action {
        Value::Str(s) if ACTIONS.contains(&s.as_ref()) => Ok(s.to_string()),
        other => {
            let r = it.repr(other)?;
            raise(ExcKind::AssertionError, format!("invalid action: {}", r))
        }
    }
}

fn check_lineno(lineno: &Value) -> R<i64> {
    match lineno {
        Value::Int(n) if *n >= 0 => Ok(*n),
        Value::Bool(b) => Ok(*b as i64),
        _ => raise(ExcKind::AssertionError, "lineno must be an int >= 0"),
    }
}

builtin! {
    /// Insert an entry into the list of warnings filters (at the front).
    python ["warnings.filterwarnings"]
    fn filterwarnings(it, action, message = "", category = None, module = "", lineno = 0,
                      append = False) {
        let action = check_action(it, &action)?;
        let category = warning_default(category);
        let Value::Str(message) = &message else {
            return raise(ExcKind::AssertionError, "message must be a string");
        };
        if !is_class(&category) {
            return raise(ExcKind::AssertionError, "category must be a class");
        }
        if !is_warning_class(&category) {
            return raise(ExcKind::AssertionError, "category must be a Warning subclass");
        }
        let Value::Str(modname) = &module else {
            return raise(ExcKind::AssertionError, "module must be a string");
        };
        let lineno = check_lineno(&lineno)?;
        let msg = if message.is_empty() { Value::None } else { compile(it, message, 2)? };
        let modp = if modname.is_empty() { Value::None } else { compile(it, modname, 0)? };
        let item = Value::tuple(vec![Value::str(&action), msg, category, modp, Value::Int(lineno)]);
        let append = it.truthy(&append)?;
        add_filter(it, item, append)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Insert a simple entry into the list of warnings filters (at the front).
    python ["warnings.simplefilter"]
    fn simplefilter(it, action, category = None, lineno = 0, append = False) {
        let action = check_action(it, &action)?;
        let category = warning_default(category);
        let lineno = check_lineno(&lineno)?;
        let item = Value::tuple(vec![
            Value::str(&action), Value::None, category, Value::None, Value::Int(lineno),
        ]);
        let append = it.truthy(&append)?;
        add_filter(it, item, append)?;
        Ok(Value::None)
    }
}

builtin! {
    /// Clear the list of warning filters, so that no filters are active.
    python ["warnings.resetwarnings"]
    fn resetwarnings(it) {
        if let Value::List(l) = filters(it) {
            l.borrow_mut().clear();
        }
        filters_mutated(it);
        Ok(Value::None)
    }
}

/// The text of line `lineno` of `filename`, as `linecache` finds it: the running program's
/// own source when it is that file, else the file on disk.
fn source_line(it: &Interp, filename: &str, lineno: i64) -> Option<String> {
    if lineno < 1 {
        return None;
    }
    let line_of = |text: &str| text.lines().nth(lineno as usize - 1).map(str::to_string);
    let files = std::iter::once(&it.file).chain(it.calls.iter().map(|c| &c.caller_file));
    for f in files {
        if f.name == filename {
            return if f.quoted { line_of(&f.text) } else { None };
        }
    }
    if filename.starts_with('<') {
        return None;
    }
    std::fs::read_to_string(filename)
        .ok()
        .and_then(|t| line_of(&t))
}

fn format_text(
    it: &mut Interp,
    message: &Value,
    category: &Value,
    filename: &Value,
    lineno: &Value,
    line: &Value,
) -> R<String> {
    let name = class_name(it, category)?;
    let msg = it.str_of(message)?;
    let file = it.str_of(filename)?;
    let ln = it.str_of(lineno)?;
    let mut s = format!("{}:{}: {}: {}\n", file, ln, name, msg);
    let line = match line {
        Value::None => match lineno {
            Value::Int(n) => source_line(it, &file, *n),
            _ => None,
        },
        other => Some(it.str_of(other)?),
    };
    if let Some(l) = line {
        let l = l.trim();
        if !l.is_empty() {
            s.push_str(&format!("  {}\n", l));
        }
    }
    Ok(s)
}

builtin! {
    /// Function to format a warning the standard way.
    python ["warnings.formatwarning"]
    fn formatwarning(it, message, category, filename, lineno, line = None) {
        Ok(Value::str(&format_text(it, &message, &category, &filename, &lineno, &line)?))
    }
}

/// Writes a formatted warning to `file`, or to standard error.
fn write_warning(it: &mut Interp, file: &Value, text: &str) -> R<()> {
    match file {
        Value::None => {
            // Standard output first, so the two streams merge in program order.
            let _ = it.io.out.flush();
            let _ = it.io.err.write_all(text.as_bytes());
            let _ = it.io.err.flush();
            Ok(())
        }
        f => {
            let w = it.get_attr(f, "write")?;
            it.call(&w, Args::new(vec![Value::str(text)]))?;
            Ok(())
        }
    }
}

builtin! {
    /// Hook to write a warning to a file; replace if you like.
    python ["warnings.showwarning"]
    fn showwarning(it, message, category, filename, lineno, file = None, line = None) {
        let text = format_text(it, &message, &category, &filename, &lineno, &line)?;
        write_warning(it, &file, &text)?;
        Ok(Value::None)
    }
}

/// Where a warning is reported: (file name, line, module name) of the frame `stacklevel`
/// up from the caller of `warn`.
fn location(it: &Interp, stacklevel: i64) -> (String, i64, String) {
    let line_at = |f: &Rc<SourceFile>, at: Option<crate::syntax::Span>| -> i64 {
        let at = at.map_or(0, |s| s.start as usize);
        let upto = f.text.get(..at).unwrap_or(&f.text);
        upto.matches('\n').count() as i64 + 1
    };
    let up = stacklevel.max(1) as usize - 1;
    if up == 0 {
        return (
            it.file.name.clone(),
            line_at(&it.file, it.stmt_span),
            "__main__".into(),
        );
    }
    let n = it.calls.len();
    if up > n {
        return ("sys".into(), 1, "sys".into());
    }
    let site = &it.calls[n - up];
    let f = &site.caller_file;
    (
        f.name.clone(),
        line_at(f, site.caller_span),
        "__main__".into(),
    )
}

/// One warning as `catch_warnings(record=True)` records it.
struct WarningMessage {
    message: Value,
    category: Value,
    filename: String,
    lineno: i64,
}

impl Object for WarningMessage {
    fn type_name(&self) -> String {
        "WarningMessage".into()
    }
    fn get_attr(&self, _this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "message" => Some(self.message.clone()),
            "category" => Some(self.category.clone()),
            "filename" => Some(Value::str(&self.filename)),
            "lineno" => Some(Value::Int(self.lineno)),
            "file" | "line" | "source" => Some(Value::None),
            "_category_name" => None,
            _ => None,
        })
    }
    fn repr(&self, it: &mut Interp) -> R<String> {
        let m = it.str_of(&self.message)?;
        let m = crate::syntax::unparse::quote(&m);
        let c = crate::syntax::unparse::quote(&class_name(it, &self.category)?);
        let f = crate::syntax::unparse::quote(&self.filename);
        Ok(format!(
            "{{message : {}, category : {}, filename : {}, lineno : {}, line : None}}",
            m, c, f, self.lineno
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The action of the first filter matching the warning; `default` when none does.
fn action_for(
    it: &mut Interp,
    text: &str,
    category: &Value,
    modname: &str,
    lineno: i64,
) -> R<String> {
    let items = match filters(it) {
        Value::List(l) => l.borrow().clone(),
        _ => Vec::new(),
    };
    for item in items {
        let parts = it.collect_items(&item)?;
        let [action, msg, cat, modp, ln] = parts.as_slice() else {
            continue;
        };
        let ln = match ln {
            Value::Int(n) => *n,
            _ => 0,
        };
        if pattern_matches(it, msg, text)?
            && is_sub(category, cat)
            && pattern_matches(it, modp, modname)?
            && (ln == 0 || ln == lineno)
        {
            return it.str_of(action);
        }
    }
    Ok("default".into())
}

fn registry(m: &Module, name: &str) -> Value {
    match m.get(name) {
        Some(d @ Value::Dict(_)) => d,
        _ => {
            let d = new_dict();
            m.set(name, d.clone());
            d
        }
    }
}

/// Sets `key` in a registry dict, telling whether it was already there.
fn seen(reg: &Value, key: Value) -> R<bool> {
    let Value::Dict(d) = reg else {
        return Ok(false);
    };
    if d.borrow().get(&key)?.is_some() {
        return Ok(true);
    }
    d.borrow_mut().insert(key, Value::Bool(true))?;
    Ok(false)
}

builtin! {
    /// Issue a warning, or maybe ignore it or raise an exception.
    python ["warnings.warn"]
    fn warn(it, message, category = None, stacklevel = 1, source = None) {
        let (message, category) = match class_of(&message) {
            Some(c) if is_warning_class(&c) => (message, c),
            _ => {
                let category = match category {
                    Value::None => Value::ExcClass(ExcKind::UserWarning),
                    c => c,
                };
                if !is_warning_class(&category) {
                    let shown = match &category {
                        c if is_class(c) => class_name(it, c)?,
                        other => other.type_name(),
                    };
                    return Err(type_err(format!(
                        "category must be a Warning subclass, not '{}'",
                        shown
                    )));
                }
                let inst = it.call(&category, Args::new(vec![message]))?;
                (inst, category)
            }
        };
        let level = match stacklevel {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            other => return Err(type_err(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        };
        let (filename, lineno, modname) = location(it, level);
        let text = it.str_of(&message)?;
        let m = warnings_module(it);
        let reg = registry(&m, "_registry");
        let key = Value::tuple(vec![Value::str(&text), category.clone(), Value::Int(lineno),
                                    Value::str(&filename)]);
        if let Value::Dict(d) = &reg {
            if d.borrow().get(&key)?.is_some() {
                return Ok(Value::None);
            }
        }
        let action = action_for(it, &text, &category, &modname, lineno)?;
        match action.as_str() {
            "ignore" => return Ok(Value::None),
            "error" => return Err(it.exception_from(message)?),
            "once" => {
                seen(&reg, key)?;
                let once = registry(&m, "_onceregistry");
                if seen(&once, Value::tuple(vec![Value::str(&text), category.clone()]))? {
                    return Ok(Value::None);
                }
            }
            "module" => {
                seen(&reg, key)?;
                let alt = Value::tuple(vec![Value::str(&text), category.clone(), Value::Int(0),
                                            Value::str(&modname)]);
                if seen(&reg, alt)? {
                    return Ok(Value::None);
                }
            }
            "always" => {}
            _ => {
                seen(&reg, key)?;
            }
        }
        show(it, &m, message, category, filename, lineno)?;
        Ok(Value::None)
    }
}

/// Shows a warning that passed the filters: recorded, handed to a replaced
/// `showwarning`, or written to standard error.
fn show(
    it: &mut Interp,
    m: &Module,
    message: Value,
    category: Value,
    filename: String,
    lineno: i64,
) -> R<()> {
    let sw = m.get("showwarning").unwrap_or(Value::None);
    let orig = m.get("_showwarning_orig").unwrap_or(Value::None);
    if !crate::eval::ops::same(&sw, &orig) {
        if !it.is_callable(&sw) {
            return Err(type_err(
                "warnings.showwarning() must be set to a function or method",
            ));
        }
        let args = vec![message, category, Value::str(&filename), Value::Int(lineno)];
        it.call(&sw, Args::new(args))?;
        return Ok(());
    }
    if let Some(Value::List(log)) = m.get("_record") {
        let w = WarningMessage {
            message,
            category,
            filename,
            lineno,
        };
        log.borrow_mut().push(Value::Object(Rc::new(w)));
        return Ok(());
    }
    let text = format_text(
        it,
        &message,
        &category,
        &Value::str(&filename),
        &Value::Int(lineno),
        &Value::None,
    )?;
    write_warning(it, &Value::None, &text)
}

/// A `catch_warnings` context: what it saved on entry.
struct CatchWarnings {
    record: bool,
    action: Option<Args>,
    saved: RefCell<Option<[Value; 3]>>,
}

impl Object for CatchWarnings {
    fn type_name(&self) -> String {
        "catch_warnings".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(method(this, name, &["__enter__", "__exit__"], catch_method))
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(if self.record {
            "catch_warnings(record=True)".into()
        } else {
            "catch_warnings()".into()
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn catch_method(it: &mut Interp, this: &Value, name: &'static str, _args: Args) -> R<Value> {
    let Some(c) = this.as_object::<CatchWarnings>() else {
        return Err(type_err("expected catch_warnings"));
    };
    let m = warnings_module(it);
    if name == "__enter__" {
        if c.saved.borrow().is_some() {
            return Err(crate::eval::error::runtime_err(format!(
                "Cannot enter {} twice",
                c.repr(it)?
            )));
        }
        let f = filters(it);
        let copy = match &f {
            Value::List(l) => Value::list(l.borrow().clone()),
            _ => Value::list(Vec::new()),
        };
        let sw = m.get("showwarning").unwrap_or(Value::None);
        let rec = m.get("_record").unwrap_or(Value::None);
        *c.saved.borrow_mut() = Some([f, sw, rec]);
        m.set("filters", copy);
        filters_mutated(it);
        let log = if c.record {
            let log = Value::list(Vec::new());
            m.set("_record", log.clone());
            if let Some(orig) = m.get("_showwarning_orig") {
                m.set("showwarning", orig);
            }
            log
        } else {
            Value::None
        };
        if let Some(a) = &c.action {
            let f = it.get_attr(&Value::Module(m.clone()), "simplefilter")?;
            it.call(&f, a.clone())?;
        }
        return Ok(log);
    }
    let saved = c.saved.borrow_mut().take();
    let Some([f, sw, rec]) = saved else {
        return Err(crate::eval::error::runtime_err(format!(
            "Cannot exit {} without entering first",
            c.repr(it)?
        )));
    };
    m.set("filters", f);
    m.set("showwarning", sw);
    m.set("_record", rec);
    filters_mutated(it);
    Ok(Value::None)
}

/// `catch_warnings(*, record=False, module=None, action=None, category=Warning, lineno=0,
/// append=False)`.
fn new_catch(it: &mut Interp, _class: &Value, args: Args) -> R<Value> {
    if let Some(v) = args.pos.first() {
        let _ = v;
        return Err(type_err(format!(
            "catch_warnings.__init__() takes 1 positional argument but {} were given",
            args.pos.len() + 1
        )));
    }
    let [record, _module, action, category, lineno, append] = bind(
        &args,
        "catch_warnings.__init__",
        [
            "*record=False",
            "*module=None",
            "*action=None",
            "*category=Warning",
            "*lineno=0",
            "*append=False",
        ],
    )?;
    let record = match record {
        Some(v) => it.truthy(&v)?,
        None => false,
    };
    let action = action.map(|a| {
        let mut kw = vec![];
        if let Some(c) = category {
            kw.push(("category".to_string(), c));
        }
        if let Some(l) = lineno {
            kw.push(("lineno".to_string(), l));
        }
        if let Some(x) = append {
            kw.push(("append".to_string(), x));
        }
        Args { pos: vec![a], kw }
    });
    Ok(Value::Object(Rc::new(CatchWarnings {
        record,
        action,
        saved: RefCell::new(None),
    })))
}

/// Sets the default filters, `catch_warnings` and `WarningMessage`'s state.
pub(crate) fn install(it: &mut Interp) {
    let m = warnings_module(it);
    let main = compile(it, "__main__", 0).unwrap_or(Value::None);
    let filter = |action: &str, cat: ExcKind, modp: Value| {
        Value::tuple(vec![
            Value::str(action),
            Value::None,
            Value::ExcClass(cat),
            modp,
            Value::Int(0),
        ])
    };
    m.set(
        "filters",
        Value::list(vec![
            filter("default", ExcKind::DeprecationWarning, main),
            filter("ignore", ExcKind::DeprecationWarning, Value::None),
            filter("ignore", ExcKind::PendingDeprecationWarning, Value::None),
            filter("ignore", ExcKind::ImportWarning, Value::None),
            filter("ignore", ExcKind::ResourceWarning, Value::None),
        ]),
    );
    m.set("defaultaction", Value::str("default"));
    if let Some(sw) = m.get("showwarning") {
        m.set("_showwarning_orig", sw);
    }
    m.set("_registry", new_dict());
    m.set("_onceregistry", new_dict());
    m.set("_record", Value::None);
    m.set(
        "catch_warnings",
        PyClass::value("catch_warnings", "warnings", Some(new_catch), |v| {
            v.as_object::<CatchWarnings>().is_some()
        }),
    );
    m.set(
        "WarningMessage",
        PyClass::value("WarningMessage", "warnings", None, |v| {
            v.as_object::<WarningMessage>().is_some()
        }),
    );
}
