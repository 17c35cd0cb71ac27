//! Python's `csv`: `reader` runs CPython's `_csv` parser state machine over the lines of
//! any iterable (a file, a list of strings), one record per pull; `writer` quotes as
//! `_csv` does and ends rows with `\r\n`; `DictReader` and `DictWriter` map rows to dicts.

use super::textfile::lines_of;
use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{err, raise, type_err, value_err, R};
use crate::eval::iter::Iter;
use crate::eval::value::{Args, Dict, Object, Value};
use crate::eval::Interp;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) const QUOTE_MINIMAL: i64 = 0;
pub(crate) const QUOTE_ALL: i64 = 1;
pub(crate) const QUOTE_NONNUMERIC: i64 = 2;
pub(crate) const QUOTE_NONE: i64 = 3;

/// Sets `csv`'s constants.
pub(crate) fn install(it: &mut Interp) {
    if let Some(Value::Module(m)) = it.modules.get("csv").cloned() {
        m.set("QUOTE_MINIMAL", Value::Int(QUOTE_MINIMAL));
        m.set("QUOTE_ALL", Value::Int(QUOTE_ALL));
        m.set("QUOTE_NONNUMERIC", Value::Int(QUOTE_NONNUMERIC));
        m.set("QUOTE_NONE", Value::Int(QUOTE_NONE));
        m.set("Error", Value::ExcClass(ExcKind::Error));
    }
}

/// A dialect's formatting parameters.
#[derive(Clone)]
struct Dialect {
    delimiter: char,
    quotechar: Option<char>,
    escapechar: Option<char>,
    doublequote: bool,
    skipinitialspace: bool,
    lineterminator: String,
    quoting: i64,
    strict: bool,
}

fn one_char(v: &Value, name: &str, optional: bool) -> R<Option<char>> {
    match v {
        Value::None if optional => Ok(None),
        Value::Str(s) if s.chars().count() == 1 => Ok(s.chars().next()),
        Value::Str(_) => Err(type_err(format!(
            "\"{}\" must be a 1-character string",
            name
        ))),
        other => Err(type_err(format!(
            "\"{}\" must be string{}, not {}",
            name,
            if optional { " or None" } else { "" },
            other.type_name()
        ))),
    }
}

impl Dialect {
    fn from_kwargs(it: &mut Interp, kwargs: &Value) -> R<Dialect> {
        let mut d = Dialect {
            delimiter: ',',
            quotechar: Some('"'),
            escapechar: None,
            doublequote: true,
            skipinitialspace: false,
            lineterminator: "\r\n".into(),
            quoting: QUOTE_MINIMAL,
            strict: false,
        };
        let Value::Dict(kw) = kwargs else {
            return Ok(d);
        };
        let kw = kw.borrow().clone();
        for (k, v) in kw.keys.iter().zip(&kw.values) {
            let Value::Str(k) = k else { continue };
            match k.as_ref() {
                "delimiter" => d.delimiter = one_char(v, "delimiter", false)?.unwrap_or(','),
                "quotechar" => d.quotechar = one_char(v, "quotechar", true)?,
                "escapechar" => d.escapechar = one_char(v, "escapechar", true)?,
                "doublequote" => d.doublequote = it.truthy(v)?,
                "skipinitialspace" => d.skipinitialspace = it.truthy(v)?,
                "strict" => d.strict = it.truthy(v)?,
                "lineterminator" => match v {
                    Value::Str(s) => d.lineterminator = s.to_string(),
                    o => {
                        return Err(type_err(format!(
                            "\"lineterminator\" must be a string, not {}",
                            o.type_name()
                        )))
                    }
                },
                "quoting" => match v {
                    Value::Int(q) if (0..=3).contains(q) => d.quoting = *q,
                    Value::Int(_) => return Err(type_err("bad \"quoting\" value")),
                    _ => return Err(type_err("\"quoting\" must be an integer")),
                },
                other => {
                    return Err(type_err(format!(
                        "'{}' is an invalid keyword argument for this function",
                        other
                    )))
                }
            }
        }
        if d.quoting != QUOTE_NONE && d.quotechar.is_none() {
            return Err(type_err("quotechar must be set if quoting enabled"));
        }
        Ok(d)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// `_csv.reader`.
struct Reader {
    input: RefCell<Iter>,
    d: Dialect,
    line_num: RefCell<i64>,
}

/// The parser's state while one record is read.
struct Parse {
    state: State,
    fields: Vec<Value>,
    field: String,
    numeric: bool,
}

fn csv_error(msg: impl Into<String>) -> crate::eval::error::Flow {
    err(ExcKind::Error, msg)
}

impl Parse {
    fn save(&mut self) -> R<()> {
        let f = std::mem::take(&mut self.field);
        if self.numeric {
            self.numeric = false;
            let x: f64 = f
                .trim()
                .parse()
                .map_err(|_| value_err(format!("could not convert string to float: '{}'", f)))?;
            self.fields.push(Value::Float(x));
        } else {
            self.fields.push(Value::str(&f));
        }
        Ok(())
    }

    /// One character, or `None` for the end of a line.
    fn process(&mut self, c: Option<char>, d: &Dialect) -> R<()> {
        let is_q = |c: Option<char>| c.is_some() && c == d.quotechar && d.quoting != QUOTE_NONE;
        let is_nl = |c: Option<char>| matches!(c, Some('\n') | Some('\r'));
        let mut state = self.state;
        loop {
            match state {
                State::StartRecord => {
                    if c.is_none() {
                        return Ok(());
                    }
                    if is_nl(c) {
                        self.state = State::EatCrnl;
                        return Ok(());
                    }
                    state = State::StartField;
                    continue;
                }
                State::StartField => {
                    if c.is_none() || is_nl(c) {
                        self.save()?;
                        self.state = if c.is_none() {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if is_q(c) {
                        self.state = State::InQuotedField;
                    } else if c.is_some() && c == d.escapechar {
                        self.state = State::EscapedChar;
                    } else if c == Some(' ') && d.skipinitialspace {
                        self.state = State::StartField;
                    } else if c == Some(d.delimiter) {
                        self.save()?;
                        self.state = State::StartField;
                    } else {
                        if d.quoting == QUOTE_NONNUMERIC {
                            self.numeric = true;
                        }
                        self.field.extend(c);
                        self.state = State::InField;
                    }
                }
                State::EscapedChar => {
                    if is_nl(c) {
                        self.field.extend(c);
                        self.state = State::AfterEscapedCrnl;
                        return Ok(());
                    }
                    self.field.push(c.unwrap_or('\n'));
                    self.state = State::InField;
                }
                State::AfterEscapedCrnl if c.is_none() => return Ok(()),
                State::AfterEscapedCrnl | State::InField => {
                    if c.is_none() || is_nl(c) {
                        self.save()?;
                        self.state = if c.is_none() {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if c.is_some() && c == d.escapechar {
                        self.state = State::EscapedChar;
                    } else if c == Some(d.delimiter) {
                        self.save()?;
                        self.state = State::StartField;
                    } else {
                        self.field.extend(c);
                        self.state = State::InField;
                    }
                }
                State::InQuotedField => {
                    if c.is_none() {
                    } else if c == d.escapechar {
                        self.state = State::EscapeInQuotedField;
                    } else if is_q(c) {
                        self.state = if d.doublequote {
                            State::QuoteInQuotedField
                        } else {
                            State::InField
                        };
                    } else {
                        self.field.extend(c);
                    }
                }
                State::EscapeInQuotedField => {
                    self.field.push(c.unwrap_or('\n'));
                    self.state = State::InQuotedField;
                }
                State::QuoteInQuotedField => {
                    if is_q(c) {
                        self.field.extend(c);
                        self.state = State::InQuotedField;
                    } else if c == Some(d.delimiter) {
                        self.save()?;
                        self.state = State::StartField;
                    } else if c.is_none() || is_nl(c) {
                        self.save()?;
                        self.state = if c.is_none() {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if !d.strict {
                        self.field.extend(c);
                        self.state = State::InField;
                    } else {
                        return Err(csv_error(format!(
                            "'{}' expected after '{}'",
                            d.delimiter,
                            d.quotechar.unwrap_or('"')
                        )));
                    }
                }
                State::EatCrnl => {
                    if is_nl(c) {
                    } else if c.is_none() {
                        self.state = State::StartRecord;
                    } else {
                        return Err(csv_error("new-line character seen in unquoted field - do you need to open the file with newline=''?"));
                    }
                }
            }
            return Ok(());
        }
    }
}

impl Reader {
    /// The next record, or None when the input is exhausted.
    fn next_record(&self, it: &mut Interp) -> R<Option<Value>> {
        let mut p = Parse {
            state: State::StartRecord,
            fields: Vec::new(),
            field: String::new(),
            numeric: false,
        };
        loop {
            let line = self.input.borrow_mut().next(it)?;
            let Some(line) = line else {
                if !p.field.is_empty() || p.state == State::InQuotedField {
                    if self.d.strict {
                        return Err(csv_error("unexpected end of data"));
                    }
                    p.save()?;
                    return Ok(Some(Value::list(p.fields)));
                }
                return Ok(None);
            };
            *self.line_num.borrow_mut() += 1;
            let Value::Str(s) = &line else {
                return Err(csv_error(format!(
                    "iterator should return strings, not {} (the file should be opened in text mode)",
                    line.type_name()
                )));
            };
            for c in s.chars() {
                if c == '\0' {
                    return Err(csv_error("line contains NUL"));
                }
                p.process(Some(c), &self.d)?;
            }
            p.process(None, &self.d)?;
            if p.state == State::StartRecord {
                return Ok(Some(Value::list(p.fields)));
            }
        }
    }
}

fn reader_method(it: &mut Interp, recv: &Value, name: &'static str, _a: Args) -> R<Value> {
    let Some(r) = recv.as_object::<Reader>() else {
        return Ok(Value::None);
    };
    match name {
        "__iter__" => Ok(lines_of(recv.clone(), "_csv.reader")),
        _ => match r.next_record(it)? {
            Some(v) => Ok(v),
            None => Err(err(ExcKind::StopIteration, "")),
        },
    }
}

impl Object for Reader {
    fn type_name(&self) -> String {
        "_csv.reader".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__iter__" => Some(Value::method(this.clone(), "__iter__", reader_method)),
            "__next__" => Some(Value::method(this.clone(), "__next__", reader_method)),
            "line_num" => Some(Value::Int(*self.line_num.borrow())),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_csv.reader object at 0x{:x}>",
            self as *const Reader as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make_reader(it: &mut Interp, csvfile: &Value, kwargs: &Value) -> R<Reader> {
    let d = Dialect::from_kwargs(it, kwargs)?;
    let input = it.iterate(csvfile)?;
    Ok(Reader {
        input: RefCell::new(input),
        d,
        line_num: RefCell::new(0),
    })
}

builtin! {
    /// csv_reader = reader(iterable [, dialect='excel'] [optional keyword args])
    python ["csv.reader"]
    fn reader(it, csvfile, dialect = "excel", **fmtparams) {
        let _ = dialect;
        Ok(Value::Object(Rc::new(make_reader(it, &csvfile, &fmtparams)?)))
    }
}

/// `_csv.writer`.
struct Writer {
    write: Value,
    d: Dialect,
}

impl Writer {
    fn field_text(&self, it: &mut Interp, v: &Value) -> R<(String, bool)> {
        let numeric = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_));
        let s = match v {
            Value::None => String::new(),
            Value::Str(s) => s.to_string(),
            Value::Float(_) => it.repr(v)?,
            other => it.str_of(other)?,
        };
        Ok((s, numeric))
    }

    fn quote_field(&self, s: &str, numeric: bool, only: bool) -> R<String> {
        let d = &self.d;
        let mut quoted = match d.quoting {
            QUOTE_ALL => true,
            QUOTE_NONNUMERIC => !numeric,
            _ => false,
        };
        let mut out = String::new();
        for c in s.chars() {
            let special = c == d.delimiter
                || Some(c) == d.escapechar
                || Some(c) == d.quotechar
                || d.lineterminator.contains(c)
                || c == '\n'
                || c == '\r';
            let mut escape = false;
            if special {
                if d.quoting == QUOTE_NONE {
                    escape = true;
                } else {
                    if Some(c) == d.quotechar {
                        if d.doublequote {
                            out.push(c);
                        } else {
                            escape = true;
                        }
                    } else if Some(c) == d.escapechar {
                        escape = true;
                    }
                    if !escape {
                        quoted = true;
                    }
                }
                if escape {
                    match d.escapechar {
                        Some(e) => out.push(e),
                        None => return Err(csv_error("need to escape, but no escapechar set")),
                    }
                }
            }
            out.push(c);
        }
        if only && s.is_empty() {
            if d.quoting == QUOTE_NONE {
                return Err(csv_error("single empty field record must be quoted"));
            }
            quoted = true;
        }
        Ok(if quoted {
            let q = d.quotechar.unwrap_or('"');
            format!("{}{}{}", q, out, q)
        } else {
            out
        })
    }

    fn writerow(&self, it: &mut Interp, row: &Value) -> R<Value> {
        let items = match row {
            Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(..)
            | Value::Iterator(_)
            | Value::Object(_)
            | Value::Instance(_) => it.collect_items(row)?,
            other => {
                return Err(csv_error(format!(
                    "iterable expected, not {}",
                    other.type_name()
                )))
            }
        };
        let mut parts = Vec::with_capacity(items.len());
        let only = items.len() == 1;
        for v in &items {
            let (s, numeric) = self.field_text(it, v)?;
            parts.push(self.quote_field(&s, numeric, only)?);
        }
        let line = format!(
            "{}{}",
            parts.join(&self.d.delimiter.to_string()),
            self.d.lineterminator
        );
        it.call(&self.write, Args::new(vec![Value::str(&line)]))
    }
}

fn writer_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let Some(w) = recv.as_object::<Writer>() else {
        return Ok(Value::None);
    };
    let [row] = a.bind(name, [if name == "writerow" { "row" } else { "rows" }])?;
    let row = row.unwrap_or(Value::None);
    if name == "writerow" {
        return w.writerow(it, &row);
    }
    let mut items = it.iterate(&row)?;
    while let Some(r) = items.next(it)? {
        w.writerow(it, &r)?;
    }
    Ok(Value::None)
}

impl Object for Writer {
    fn type_name(&self) -> String {
        "_csv.writer".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "writerow" => Some(Value::method(this.clone(), "writerow", writer_method)),
            "writerows" => Some(Value::method(this.clone(), "writerows", writer_method)),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<_csv.writer object at 0x{:x}>",
            self as *const Writer as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn make_writer(it: &mut Interp, csvfile: &Value, kwargs: &Value) -> R<Writer> {
    let d = Dialect::from_kwargs(it, kwargs)?;
    let write = it
        .get_attr(csvfile, "write")
        .map_err(|_| type_err("argument 1 must have a \"write\" method"))?;
    Ok(Writer { write, d })
}

builtin! {
    /// csv_writer = csv.writer(fileobj [, dialect='excel'] [optional keyword args])
    python ["csv.writer"]
    fn writer(it, csvfile, dialect = "excel", **fmtparams) {
        let _ = dialect;
        Ok(Value::Object(Rc::new(make_writer(it, &csvfile, &fmtparams)?)))
    }
}

/// `csv.DictReader`.
struct DictReader {
    reader: Reader,
    fieldnames: RefCell<Option<Vec<Value>>>,
    restkey: Value,
    restval: Value,
}

impl DictReader {
    fn fieldnames(&self, it: &mut Interp) -> R<Value> {
        if self.fieldnames.borrow().is_none() {
            if let Some(Value::List(row)) = self.reader.next_record(it)? {
                *self.fieldnames.borrow_mut() = Some(row.borrow().clone());
            }
        }
        Ok(match self.fieldnames.borrow().as_ref() {
            Some(f) => Value::list(f.clone()),
            None => Value::None,
        })
    }

    fn next_row(&self, it: &mut Interp) -> R<Option<Value>> {
        self.fieldnames(it)?;
        let names = self.fieldnames.borrow().clone().unwrap_or_default();
        loop {
            let Some(Value::List(row)) = self.reader.next_record(it)? else {
                return Ok(None);
            };
            let row = row.borrow().clone();
            if row.is_empty() {
                continue;
            }
            let mut d = Dict::default();
            for (k, v) in names.iter().zip(&row) {
                d.insert(k.clone(), v.clone())?;
            }
            if names.len() < row.len() {
                d.insert(
                    self.restkey.clone(),
                    Value::list(row[names.len()..].to_vec()),
                )?;
            } else {
                for k in &names[row.len()..] {
                    d.insert(k.clone(), self.restval.clone())?;
                }
            }
            return Ok(Some(Value::Dict(Rc::new(RefCell::new(d)))));
        }
    }
}

fn dictreader_method(it: &mut Interp, recv: &Value, name: &'static str, _a: Args) -> R<Value> {
    let Some(r) = recv.as_object::<DictReader>() else {
        return Ok(Value::None);
    };
    match name {
        "__iter__" => Ok(lines_of(recv.clone(), "DictReader")),
        _ => match r.next_row(it)? {
            Some(v) => Ok(v),
            None => Err(err(ExcKind::StopIteration, "")),
        },
    }
}

impl Object for DictReader {
    fn type_name(&self) -> String {
        "DictReader".into()
    }
    fn get_attr(&self, this: &Value, name: &str, it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "__iter__" => Some(Value::method(this.clone(), "__iter__", dictreader_method)),
            "__next__" => Some(Value::method(this.clone(), "__next__", dictreader_method)),
            "fieldnames" => Some(self.fieldnames(it)?),
            "line_num" => Some(Value::Int(*self.reader.line_num.borrow())),
            "restkey" => Some(self.restkey.clone()),
            "restval" => Some(self.restval.clone()),
            _ => None,
        })
    }
    fn set_attr(&self, name: &str, value: Value, it: &mut Interp) -> R<bool> {
        if name == "fieldnames" {
            *self.fieldnames.borrow_mut() = match value {
                Value::None => None,
                v => Some(it.collect_items(&v)?),
            };
            return Ok(true);
        }
        Ok(false)
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<csv.DictReader object at 0x{:x}>",
            self as *const DictReader as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Create a DictReader: rows as dicts keyed by the field names.
    python ["csv.DictReader"]
    fn DictReader_(it, f, fieldnames = None, restkey = None, restval = None, dialect = "excel", *args, **kwds) {
        let _ = (dialect, args);
        let names = match fieldnames {
            Value::None => None,
            v => Some(it.collect_items(&v)?),
        };
        Ok(Value::Object(Rc::new(DictReader {
            reader: make_reader(it, &f, &kwds)?,
            fieldnames: RefCell::new(names),
            restkey,
            restval,
        })))
    }
}

/// `csv.DictWriter`.
struct DictWriter {
    writer: Writer,
    fieldnames: Vec<Value>,
    restval: Value,
    raise_extra: bool,
}

impl DictWriter {
    fn row_of(&self, it: &mut Interp, rowdict: &Value) -> R<Value> {
        let Value::Dict(d) = rowdict else {
            return Err(type_err(format!(
                "'{}' object has no attribute 'keys'",
                rowdict.type_name()
            )));
        };
        let d = d.borrow().clone();
        if self.raise_extra {
            let mut wrong = Vec::new();
            for k in &d.keys {
                let mut known = false;
                for f in &self.fieldnames {
                    if it.equal(k, f)? {
                        known = true;
                        break;
                    }
                }
                if !known {
                    wrong.push(it.repr(k)?);
                }
            }
            if !wrong.is_empty() {
                return raise(
                    ExcKind::ValueError,
                    format!(
                        "dict contains fields not in fieldnames: {}",
                        wrong.join(", ")
                    ),
                );
            }
        }
        let mut row = Vec::new();
        for f in &self.fieldnames {
            row.push(d.get(f)?.unwrap_or_else(|| self.restval.clone()));
        }
        Ok(Value::list(row))
    }
}

fn dictwriter_method(it: &mut Interp, recv: &Value, name: &'static str, a: Args) -> R<Value> {
    let Some(w) = recv.as_object::<DictWriter>() else {
        return Ok(Value::None);
    };
    match name {
        "writeheader" => {
            let header = Value::list(w.fieldnames.clone());
            w.writer.writerow(it, &header)
        }
        "writerow" => {
            let [row] = a.bind("writerow", ["rowdict"])?;
            let row = w.row_of(it, &row.unwrap_or(Value::None))?;
            w.writer.writerow(it, &row)
        }
        _ => {
            let [rows] = a.bind("writerows", ["rowdicts"])?;
            let mut items = it.iterate(&rows.unwrap_or(Value::None))?;
            while let Some(r) = items.next(it)? {
                let row = w.row_of(it, &r)?;
                w.writer.writerow(it, &row)?;
            }
            Ok(Value::None)
        }
    }
}

impl Object for DictWriter {
    fn type_name(&self) -> String {
        "DictWriter".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        Ok(match name {
            "writeheader" | "writerow" | "writerows" => {
                let m = ["writeheader", "writerow", "writerows"]
                    .into_iter()
                    .find(|m| *m == name)
                    .unwrap_or("writerow");
                Some(Value::method(this.clone(), m, dictwriter_method))
            }
            "fieldnames" => Some(Value::list(self.fieldnames.clone())),
            "restval" => Some(self.restval.clone()),
            _ => None,
        })
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok(format!(
            "<csv.DictWriter object at 0x{:x}>",
            self as *const DictWriter as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

builtin! {
    /// Create a DictWriter: dicts written as rows in the order of the field names.
    python ["csv.DictWriter"]
    fn DictWriter_(it, f, fieldnames, restval = "", extrasaction = "raise", dialect = "excel", *args, **kwds) {
        let _ = (dialect, args);
        let action = match &extrasaction {
            Value::Str(s) => s.to_lowercase(),
            _ => String::new(),
        };
        if action != "raise" && action != "ignore" {
            let shown = it.repr(&extrasaction)?;
            return raise(
                ExcKind::ValueError,
                format!("extrasaction ({}) must be 'raise' or 'ignore'", shown.trim_matches('\'')),
            );
        }
        let fieldnames = it.collect_items(&fieldnames)?;
        Ok(Value::Object(Rc::new(DictWriter {
            writer: make_writer(it, &f, &kwds)?,
            fieldnames,
            restval,
            raise_extra: action == "raise",
        })))
    }
}
