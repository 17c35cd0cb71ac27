//! Python's `textwrap` module: wrap, fill, shorten, dedent, indent and `TextWrapper`,
//! with CPython's chunking (whitespace runs, words split after their hyphens, em-dashes)
//! and its greedy line filling, long-word breaking and `max_lines` placeholder.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Object, Value};
use crate::eval::Interp;

/// Sets `textwrap.TextWrapper`.
pub(crate) fn install(it: &mut Interp) {
    let m = super::pyclass::module(it, "textwrap");
    m.set(
        "TextWrapper",
        super::pyclass::PyClass::value("TextWrapper", "textwrap", Some(new_wrapper), |v| {
            v.as_object::<Wrapper>().is_some()
        }),
    );
}

fn text_of(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!("expected str, got {}", other.type_name()))),
    }
}

/// The text to wrap; another value fails on the first str method wrapping calls.
fn wrap_text_arg(v: &Value, o: &Opts) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => {
            let m = if o.expand_tabs {
                "expandtabs"
            } else {
                "translate"
            };
            Err(crate::eval::error::attr_err(format!(
                "'{}' object has no attribute '{}'",
                other.type_name(),
                m
            )))
        }
    }
}

/// `TextWrapper`'s options.
#[derive(Clone)]
struct Opts {
    width: i64,
    initial: String,
    subsequent: String,
    expand_tabs: bool,
    replace_ws: bool,
    fix_sentences: bool,
    break_long: bool,
    drop_ws: bool,
    break_on_hyphens: bool,
    tabsize: i64,
    max_lines: Option<i64>,
    placeholder: String,
}

impl Default for Opts {
    fn default() -> Opts {
        Opts {
            width: 70,
            initial: String::new(),
            subsequent: String::new(),
            expand_tabs: true,
            replace_ws: true,
            fix_sentences: false,
            break_long: true,
            drop_ws: true,
            break_on_hyphens: true,
            tabsize: 8,
            max_lines: None,
            placeholder: " [...]".into(),
        }
    }
}

fn int_opt(v: &Value, name: &str) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        other => Err(type_err(format!(
            "'{}' must be an int, not {}",
            name,
            other.type_name()
        ))),
    }
}

impl Opts {
    /// Sets option `name` as `TextWrapper(name=v)` or `w.name = v` does.
    fn set(&mut self, it: &mut Interp, name: &str, v: &Value) -> R<bool> {
        match name {
            "width" => self.width = int_opt(v, name)?,
            "initial_indent" => self.initial = text_of(v)?,
            "subsequent_indent" => self.subsequent = text_of(v)?,
            "expand_tabs" => self.expand_tabs = it.truthy(v)?,
            "replace_whitespace" => self.replace_ws = it.truthy(v)?,
            "fix_sentence_endings" => self.fix_sentences = it.truthy(v)?,
            "break_long_words" => self.break_long = it.truthy(v)?,
            "drop_whitespace" => self.drop_ws = it.truthy(v)?,
            "break_on_hyphens" => self.break_on_hyphens = it.truthy(v)?,
            "tabsize" => self.tabsize = int_opt(v, name)?,
            "max_lines" => {
                self.max_lines = match v {
                    Value::None => None,
                    v => Some(int_opt(v, name)?),
                }
            }
            "placeholder" => self.placeholder = text_of(v)?,
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn get(&self, name: &str) -> Option<Value> {
        Some(match name {
            "width" => Value::Int(self.width),
            "initial_indent" => Value::str(&self.initial),
            "subsequent_indent" => Value::str(&self.subsequent),
            "expand_tabs" => Value::Bool(self.expand_tabs),
            "replace_whitespace" => Value::Bool(self.replace_ws),
            "fix_sentence_endings" => Value::Bool(self.fix_sentences),
            "break_long_words" => Value::Bool(self.break_long),
            "drop_whitespace" => Value::Bool(self.drop_ws),
            "break_on_hyphens" => Value::Bool(self.break_on_hyphens),
            "tabsize" => Value::Int(self.tabsize),
            "max_lines" => self.max_lines.map(Value::Int).unwrap_or(Value::None),
            "placeholder" => Value::str(&self.placeholder),
            _ => return None,
        })
    }
}

fn opts(it: &mut Interp, width: &Value, kwargs: &Value) -> R<Opts> {
    let mut o = Opts::default();
    o.set(it, "width", width)?;
    let kw = crate::eval::builtins::to_args(&Value::tuple(vec![]), kwargs).kw;
    for (k, v) in kw {
        if !o.set(it, &k, &v)? {
            return raise(
                ExcKind::TypeError,
                format!(
                    "TextWrapper.__init__() got an unexpected keyword argument '{}'",
                    k
                ),
            );
        }
    }
    Ok(o)
}

fn len(s: &str) -> i64 {
    s.chars().count() as i64
}

/// `str.expandtabs(tabsize)`.
fn expand_tabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

fn is_ws(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_numeric()
}

fn is_word_punct(c: char) -> bool {
    is_word(c) || matches!(c, '!' | '"' | '\'' | '&' | '.' | ',' | '?')
}

/// Whether `-{2,}\w` matches at `i`.
fn dashes_then_word(t: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while j < t.len() && t[j] == '-' {
        j += 1;
    }
    (j - i >= 2 && j < t.len() && is_word(t[j])).then_some(j)
}

/// CPython's `wordsep_re` split: runs of whitespace, em-dashes between words, and words
/// broken after the hyphens of hyphenated words.
fn split_hyphenated(t: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if is_ws(t[i]) {
            let mut j = i;
            while j < t.len() && is_ws(t[j]) {
                j += 1;
            }
            out.push(t[i..j].iter().collect());
            i = j;
            continue;
        }
        if i > 0 && is_word_punct(t[i - 1]) {
            if let Some(j) = dashes_then_word(t, i) {
                // `-{2,}` is greedy but must leave a word character after it.
                out.push(t[i..j].iter().collect());
                i = j;
                continue;
            }
        }
        let mut j = i + 1;
        loop {
            // A hyphen ending a word part: two letters (or letter-hyphen-letter) before
            // it, a letter, an optional hyphen and a letter after it.
            if j < t.len() && t[j] == '-' {
                let behind = (j >= 2 && is_letter(t[j - 2]) && is_letter(t[j - 1]))
                    || (j >= 3 && is_letter(t[j - 3]) && t[j - 2] == '-' && is_letter(t[j - 1]));
                let ahead = j + 1 < t.len()
                    && is_letter(t[j + 1])
                    && ((j + 2 < t.len() && is_letter(t[j + 2]))
                        || (j + 3 < t.len() && t[j + 2] == '-' && is_letter(t[j + 3])));
                if behind && ahead {
                    j += 1;
                    break;
                }
            }
            if j >= t.len() || is_ws(t[j]) {
                break;
            }
            if is_word_punct(t[j - 1]) && dashes_then_word(t, j).is_some() {
                break;
            }
            j += 1;
        }
        out.push(t[i..j].iter().collect());
        i = j;
    }
    out
}

/// `_split_chunks`: the text with tabs expanded and whitespace made spaces, in chunks.
fn chunks(text: &str, o: &Opts) -> Vec<String> {
    let mut text = if o.expand_tabs {
        expand_tabs(text, o.tabsize)
    } else {
        text.to_string()
    };
    if o.replace_ws {
        text = text
            .chars()
            .map(|c| if is_ws(c) { ' ' } else { c })
            .collect();
    }
    let t: Vec<char> = text.chars().collect();
    let mut out = if o.break_on_hyphens {
        split_hyphenated(&t)
    } else {
        let mut out: Vec<String> = Vec::new();
        let mut prev: Option<bool> = None;
        for &c in &t {
            let ws = is_ws(c);
            match out.last_mut() {
                Some(last) if prev == Some(ws) => last.push(c),
                _ => out.push(c.to_string()),
            }
            prev = Some(ws);
        }
        out
    };
    if o.fix_sentences {
        let mut i = 0;
        while i + 1 < out.len() {
            if out[i + 1] == " " && sentence_end(&out[i]) {
                out[i + 1] = "  ".into();
                i += 2;
            } else {
                i += 1;
            }
        }
    }
    out
}

/// `[a-z][.!?]["']?\Z`.
fn sentence_end(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    let mut n = c.len();
    if n > 0 && matches!(c[n - 1], '"' | '\'') {
        n -= 1;
    }
    n >= 2 && matches!(c[n - 1], '.' | '!' | '?') && c[n - 2].is_ascii_lowercase()
}

/// Breaks the long word at the end of `chunks` (reversed) into the current line.
fn handle_long_word(
    chunks: &mut Vec<String>,
    cur: &mut Vec<String>,
    cur_len: i64,
    width: i64,
    o: &Opts,
) {
    let space_left = if width < 1 { 1 } else { width - cur_len };
    if o.break_long {
        let Some(chunk) = chunks.last().cloned() else {
            return;
        };
        let cs: Vec<char> = chunk.chars().collect();
        let mut end = space_left.max(0) as usize;
        if o.break_on_hyphens && cs.len() > end {
            let hyphen = cs[..end.min(cs.len())].iter().rposition(|c| *c == '-');
            if let Some(h) = hyphen {
                if h > 0 && cs[..h].iter().any(|c| *c != '-') {
                    end = h + 1;
                }
            }
        }
        let end = end.min(cs.len());
        cur.push(cs[..end].iter().collect());
        if let Some(last) = chunks.last_mut() {
            *last = cs[end..].iter().collect();
        }
    } else if cur.is_empty() {
        if let Some(c) = chunks.pop() {
            cur.push(c);
        }
    }
}

/// `TextWrapper._wrap_chunks`.
fn wrap_chunks(mut chunks: Vec<String>, o: &Opts) -> R<Vec<String>> {
    if o.width <= 0 {
        return raise(
            ExcKind::ValueError,
            format!("invalid width {} (must be > 0)", o.width),
        );
    }
    if let Some(m) = o.max_lines {
        let indent = if m > 1 { &o.subsequent } else { &o.initial };
        if len(indent) + len(o.placeholder.trim_start()) > o.width {
            return raise(ExcKind::ValueError, "placeholder too large for max width");
        }
    }
    let mut lines: Vec<String> = Vec::new();
    chunks.reverse();
    while !chunks.is_empty() {
        let mut cur: Vec<String> = Vec::new();
        let mut cur_len = 0;
        let indent = if lines.is_empty() {
            o.initial.clone()
        } else {
            o.subsequent.clone()
        };
        let width = o.width - len(&indent);
        if o.drop_ws && !lines.is_empty() && chunks.last().is_some_and(|c| c.trim().is_empty()) {
            chunks.pop();
        }
        while let Some(c) = chunks.last() {
            let l = len(c);
            if cur_len + l <= width {
                cur_len += l;
                cur.extend(chunks.pop());
            } else {
                break;
            }
        }
        if chunks.last().is_some_and(|c| len(c) > width) {
            handle_long_word(&mut chunks, &mut cur, cur_len, width, o);
            cur_len = cur.iter().map(|c| len(c)).sum();
        }
        if o.drop_ws && cur.last().is_some_and(|c| c.trim().is_empty()) {
            if let Some(l) = cur.pop() {
                cur_len -= len(&l);
            }
        }
        if cur.is_empty() {
            continue;
        }
        let fits = match o.max_lines {
            None => true,
            Some(m) => {
                (lines.len() as i64 + 1) < m
                    || ((chunks.is_empty()
                        || (o.drop_ws && chunks.len() == 1 && chunks[0].trim().is_empty()))
                        && cur_len <= width)
            }
        };
        if fits {
            lines.push(format!("{}{}", indent, cur.concat()));
            continue;
        }
        loop {
            match cur.last() {
                Some(last) => {
                    if !last.trim().is_empty() && cur_len + len(&o.placeholder) <= width {
                        cur.push(o.placeholder.clone());
                        lines.push(format!("{}{}", indent, cur.concat()));
                        break;
                    }
                    cur_len -= len(last);
                    cur.pop();
                }
                None => {
                    if let Some(prev) = lines.last() {
                        let prev = prev.trim_end().to_string();
                        if len(&prev) + len(&o.placeholder) <= o.width {
                            if let Some(l) = lines.last_mut() {
                                *l = prev + &o.placeholder;
                            }
                            break;
                        }
                    }
                    lines.push(format!("{}{}", indent, o.placeholder.trim_start()));
                    break;
                }
            }
        }
        break;
    }
    Ok(lines)
}

fn wrap_text(text: &str, o: &Opts) -> R<Vec<String>> {
    wrap_chunks(chunks(text, o), o)
}

fn lines_value(lines: Vec<String>) -> Value {
    Value::list(lines.iter().map(|l| Value::str(l)).collect())
}

builtin! {
    /// Wrap a single paragraph of text, returning a list of wrapped lines.
    python ["textwrap.wrap"]
    fn wrap(it, text, width = 70, **kwargs) {
        let o = opts(it, &width, &kwargs)?;
        let lines = wrap_text(&wrap_text_arg(&text, &o)?, &o)?;
        Ok(lines_value(lines))
    }
}

builtin! {
    /// Fill a single paragraph of text, returning a new string.
    python ["textwrap.fill"]
    fn fill(it, text, width = 70, **kwargs) {
        let o = opts(it, &width, &kwargs)?;
        Ok(Value::str(&wrap_text(&wrap_text_arg(&text, &o)?, &o)?.join("\n")))
    }
}

builtin! {
    /// Collapse and truncate the given text to fit in the given width.
    python ["textwrap.shorten"]
    fn shorten(it, text, width, **kwargs) {
        let mut o = opts(it, &width, &kwargs)?;
        o.max_lines = Some(1);
        let collapsed = text_of(&text)?.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Value::str(&wrap_text(&collapsed, &o)?.join("\n")))
    }
}

/// A `TextWrapper` instance: its options, which its attributes read and set.
struct Wrapper {
    o: std::cell::RefCell<Opts>,
}

impl Object for Wrapper {
    fn type_name(&self) -> String {
        "TextWrapper".into()
    }
    fn get_attr(&self, this: &Value, name: &str, _it: &mut Interp) -> R<Option<Value>> {
        if let Some(v) = self.o.borrow().get(name) {
            return Ok(Some(v));
        }
        Ok(super::pyclass::method(
            this,
            name,
            &["wrap", "fill"],
            |_it, this, name, args| {
                let Some(w) = this.as_object::<Wrapper>() else {
                    return Ok(Value::None);
                };
                let [text] = super::pyclass::bind(&args, name, ["text"])?;
                let o = w.o.borrow().clone();
                let text = wrap_text_arg(&text.unwrap_or(Value::None), &o)?;
                let lines = wrap_text(&text, &o)?;
                Ok(if name == "wrap" {
                    lines_value(lines)
                } else {
                    Value::str(&lines.join("\n"))
                })
            },
        ))
    }
    fn set_attr(&self, name: &str, value: Value, it: &mut Interp) -> R<bool> {
        let mut o = self.o.borrow().clone();
        let known = o.set(it, name, &value)?;
        if known {
            *self.o.borrow_mut() = o;
        }
        Ok(known)
    }
    fn repr(&self, _it: &mut Interp) -> R<String> {
        Ok("<textwrap.TextWrapper object>".into())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `TextWrapper(width=70, initial_indent='', ...)`.
fn new_wrapper(it: &mut Interp, _class: &Value, args: Args) -> R<Value> {
    const NAMES: [&str; 13] = [
        "width",
        "initial_indent",
        "subsequent_indent",
        "expand_tabs",
        "replace_whitespace",
        "fix_sentence_endings",
        "break_long_words",
        "drop_whitespace",
        "break_on_hyphens",
        "tabsize",
        "*max_lines",
        "*placeholder",
        "*_",
    ];
    let mut o = Opts::default();
    if args.pos.len() > 10 {
        return Err(type_err(format!(
            "TextWrapper.__init__() takes from 1 to 11 positional arguments but {} were given",
            args.pos.len() + 1
        )));
    }
    for (i, v) in args.pos.iter().enumerate() {
        o.set(it, NAMES[i], v)?;
    }
    for (k, v) in &args.kw {
        if !o.set(it, k, v)? {
            return Err(type_err(format!(
                "TextWrapper.__init__() got an unexpected keyword argument '{}'",
                k
            )));
        }
    }
    Ok(Value::Object(std::rc::Rc::new(Wrapper {
        o: std::cell::RefCell::new(o),
    })))
}

builtin! {
    /// Remove any common leading whitespace from every line in `text`.
    python ["textwrap.dedent"]
    fn dedent(it, text) {
        let _ = it;
        let t = text_of(&text)?;
        let lines: Vec<&str> = t.split('\n').collect();
        let mut margin: Option<String> = None;
        for l in &lines {
            if l.trim().is_empty() {
                continue;
            }
            let ws: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
            margin = Some(match margin {
                None => ws,
                Some(m) => m.chars().zip(ws.chars()).take_while(|(a, b)| a == b).map(|(a, _)| a).collect(),
            });
        }
        let m = margin.unwrap_or_default();
        let out: Vec<String> = lines
            .iter()
            .map(|l| {
                if l.trim().is_empty() {
                    String::new()
                } else {
                    l.strip_prefix(m.as_str()).unwrap_or(l).to_string()
                }
            })
            .collect();
        Ok(Value::str(&out.join("\n")))
    }
}

builtin! {
    /// Adds 'prefix' to the beginning of selected lines in 'text'.
    python ["textwrap.indent"]
    fn indent(it, text, prefix, predicate = None) {
        let t = text_of(&text)?;
        let p = text_of(&prefix)?;
        let mut out = String::new();
        for line in t.split_inclusive('\n') {
            let add = match &predicate {
                Value::None => !line.trim().is_empty(),
                f => {
                    let r = it.call(f, Args::new(vec![Value::str(line)]))?;
                    it.truthy(&r)?
                }
            };
            if add {
                out.push_str(&p);
            }
            out.push_str(line);
        }
        Ok(Value::str(&out))
    }
}
