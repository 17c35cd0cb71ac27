//! Python's `textwrap` module: wrap, fill, shorten, dedent, indent, with
//! `TextWrapper`'s greedy algorithm on whitespace-separated chunks.

use crate::builtin;
use crate::errors::ExcKind;
use crate::eval::error::{raise, type_err, R};
use crate::eval::value::{Args, Value};
use crate::eval::Interp;

/// Sets `textwrap`'s constants (its functions are declared).
pub(crate) fn install(_it: &mut Interp) {}

fn text_of(v: &Value) -> R<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(type_err(format!("expected str, got {}", other.type_name()))),
    }
}

/// Wrapping options.
struct Opts {
    width: usize,
    initial: String,
    subsequent: String,
    break_long: bool,
    drop_ws: bool,
    max_lines: Option<usize>,
    placeholder: String,
}

fn opts(it: &mut Interp, width: &Value, kwargs: &Value) -> R<Opts> {
    let w = match width {
        Value::Int(w) => *w,
        _ => 70,
    };
    if w <= 0 {
        return raise(
            ExcKind::ValueError,
            format!("invalid width {} (must be > 0)", w),
        );
    }
    let mut o = Opts {
        width: w as usize,
        initial: String::new(),
        subsequent: String::new(),
        break_long: true,
        drop_ws: true,
        max_lines: None,
        placeholder: " [...]".into(),
    };
    let kw = crate::eval::builtins::to_args(&Value::tuple(vec![]), kwargs).kw;
    for (k, v) in kw {
        match k.as_str() {
            "initial_indent" => o.initial = text_of(&v)?,
            "subsequent_indent" => o.subsequent = text_of(&v)?,
            "break_long_words" => o.break_long = it.truthy(&v)?,
            "drop_whitespace" => o.drop_ws = it.truthy(&v)?,
            "max_lines" => {
                o.max_lines = match v {
                    Value::Int(n) => Some(n.max(0) as usize),
                    _ => None,
                }
            }
            "placeholder" => o.placeholder = text_of(&v)?,
            "expand_tabs"
            | "replace_whitespace"
            | "fix_sentence_endings"
            | "tabsize"
            | "break_on_hyphens" => {}
            other => {
                return raise(
                    ExcKind::TypeError,
                    format!(
                        "TextWrapper.__init__() got an unexpected keyword argument '{}'",
                        other
                    ),
                )
            }
        }
    }
    Ok(o)
}

fn chunks(text: &str) -> Vec<String> {
    let text: String = text
        .replace('\t', "        ")
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let mut out: Vec<String> = Vec::new();
    for c in text.chars() {
        let ws = c == ' ';
        match out.last_mut() {
            Some(last) if last.starts_with(' ') == ws => last.push(c),
            _ => out.push(c.to_string()),
        }
    }
    out
}

fn len(s: &str) -> usize {
    s.chars().count()
}

fn wrap_text(text: &str, o: &Opts) -> R<Vec<String>> {
    let mut chunks = chunks(text);
    chunks.reverse();
    let mut lines: Vec<String> = Vec::new();
    while !chunks.is_empty() {
        let mut cur: Vec<String> = Vec::new();
        let mut cur_len = 0;
        let indent = if lines.is_empty() {
            &o.initial
        } else {
            &o.subsequent
        };
        let width = o.width.saturating_sub(len(indent));
        if o.drop_ws && !lines.is_empty() && chunks.last().is_some_and(|c| c.trim().is_empty()) {
            chunks.pop();
        }
        while let Some(c) = chunks.last() {
            let l = len(c);
            if cur_len + l <= width {
                cur_len += l;
                cur.push(chunks.pop().unwrap_or_default());
            } else {
                break;
            }
        }
        if let Some(c) = chunks.last() {
            if len(c) > width {
                let space_left = if width < 1 { 1 } else { width - cur_len };
                if o.break_long {
                    let c = chunks.pop().unwrap_or_default();
                    let head: String = c.chars().take(space_left).collect();
                    let tail: String = c.chars().skip(space_left).collect();
                    cur.push(head);
                    chunks.push(tail);
                } else if cur.is_empty() {
                    cur.push(chunks.pop().unwrap_or_default());
                }
                cur_len = cur.iter().map(|c| len(c)).sum();
            }
        }
        if o.drop_ws && cur.last().is_some_and(|c| c.trim().is_empty()) {
            if let Some(l) = cur.pop() {
                cur_len -= len(&l);
            }
        }
        if cur.is_empty() {
            continue;
        }
        let more = chunks.iter().any(|c| !c.trim().is_empty());
        match o.max_lines {
            Some(m)
                if lines.len() + 1 >= m && more
                    || o.max_lines.is_some_and(|m| lines.len() + 1 > m) =>
            {
                // The last allowed line: end it with the placeholder.
                let mut cur = cur;
                let mut cur_len = cur_len;
                loop {
                    if cur.last().is_some_and(|c| !c.trim().is_empty())
                        && cur_len + len(&o.placeholder) <= width
                    {
                        cur.push(o.placeholder.clone());
                        lines.push(format!("{}{}", indent, cur.concat()));
                        return Ok(lines);
                    }
                    match cur.pop() {
                        Some(c) => cur_len -= len(&c),
                        None => break,
                    }
                }
                if let Some(last) = lines.last_mut() {
                    let trimmed = last.trim_end().to_string();
                    if len(&trimmed) + len(&o.placeholder) <= o.width {
                        *last = trimmed + &o.placeholder;
                        return Ok(lines);
                    }
                }
                lines.push(format!("{}{}", indent, o.placeholder.trim_start()));
                return Ok(lines);
            }
            _ => lines.push(format!("{}{}", indent, cur.concat())),
        }
    }
    Ok(lines)
}

builtin! {
    /// Wrap a single paragraph of text, returning a list of wrapped lines.
    python ["textwrap.wrap"]
    fn wrap(it, text, width = 70, **kwargs) {
        let o = opts(it, &width, &kwargs)?;
        let lines = wrap_text(&text_of(&text)?, &o)?;
        Ok(Value::list(lines.iter().map(|l| Value::str(l)).collect()))
    }
}

builtin! {
    /// Fill a single paragraph of text, returning a new string.
    python ["textwrap.fill"]
    fn fill(it, text, width = 70, **kwargs) {
        let o = opts(it, &width, &kwargs)?;
        Ok(Value::str(&wrap_text(&text_of(&text)?, &o)?.join("\n")))
    }
}

builtin! {
    /// Collapse and truncate the given text to fit in the given width.
    python ["textwrap.shorten"]
    fn shorten(it, text, width, **kwargs) {
        let mut o = opts(it, &width, &kwargs)?;
        if len(o.placeholder.trim_start()) > o.width {
            return raise(ExcKind::ValueError, "placeholder too large for max width");
        }
        o.max_lines = Some(1);
        let collapsed = text_of(&text)?.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Value::str(&wrap_text(&collapsed, &o)?.join("\n")))
    }
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
