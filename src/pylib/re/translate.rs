//! Python regular expression syntax to the `regex` crate's: `\Z`, `{,n}`, literal braces
//! and brackets, comments, the ASCII flag's classes. What the crate cannot do
//! (backreferences, lookarounds) is an error naming the construct, never a silent
//! mismatch. Python's messages are used for the errors Python reports itself.

/// Flag bits as the `re` module numbers them.
pub const IGNORECASE: i64 = 2;
pub const MULTILINE: i64 = 8;
pub const DOTALL: i64 = 16;
pub const UNICODE: i64 = 32;
pub const VERBOSE: i64 = 64;
pub const ASCII: i64 = 256;

/// Why a pattern cannot be compiled: Python's `re.error`, or a construct this engine
/// does not support.
pub enum PatternError {
    Syntax(String),
    Unsupported(String),
}

/// The crate pattern for a Python pattern under `flags`.
pub fn translate(pat: &str, flags: i64) -> Result<String, PatternError> {
    let chars: Vec<char> = pat.chars().collect();
    let ascii = flags & ASCII != 0;
    let verbose = flags & VERBOSE != 0;
    let mut out = String::new();
    let mut i = 0;
    let mut depth: Vec<usize> = Vec::new();
    // Whether the previous item can take a quantifier.
    let mut can_repeat = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let Some(&n) = chars.get(i + 1) else {
                    return Err(PatternError::Syntax(format!(
                        "bad escape (end of pattern) at position {}",
                        i
                    )));
                };
                i += 2;
                can_repeat = true;
                match n {
                    'Z' => out.push_str(r"\z"),
                    'd' | 'w' | 's' | 'D' | 'W' | 'S' if ascii => out.push_str(ascii_class(n)),
                    'b' | 'B' if ascii => {
                        out.push_str(if n == 'b' { r"(?-u:\b)" } else { r"(?-u:\B)" })
                    }
                    '1'..='9' => {
                        return Err(PatternError::Unsupported(format!(
                            "backreference \\{} is not supported by this regex engine",
                            n
                        )))
                    }
                    'A' | 'b' | 'B' | 'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'n' | 't' | 'r' | 'f'
                    | 'v' | 'x' | 'u' | 'U' | '0' => {
                        out.push('\\');
                        out.push(n);
                    }
                    'a' => out.push_str(r"\x07"),
                    c if c.is_ascii_alphabetic() => {
                        return Err(PatternError::Syntax(format!(
                            "bad escape \\{} at position {}",
                            c,
                            i - 2
                        )))
                    }
                    c => {
                        out.push_str(&regex::escape(&c.to_string()));
                    }
                }
            }
            '[' => {
                let start = i;
                i += 1;
                out.push('[');
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i) == Some(&']') {
                    out.push_str(r"\]");
                    i += 1;
                }
                let mut closed = false;
                while i < chars.len() {
                    let c = chars[i];
                    match c {
                        ']' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        '\\' => {
                            let Some(&n) = chars.get(i + 1) else { break };
                            match n {
                                'd' | 'w' | 's' | 'D' | 'W' | 'S' if ascii && n.is_lowercase() => {
                                    let cls = ascii_class(n);
                                    out.push_str(&cls[1..cls.len() - 1]);
                                }
                                _ => {
                                    out.push('\\');
                                    out.push(n);
                                }
                            }
                            i += 2;
                        }
                        '[' | '&' | '~' => {
                            out.push('\\');
                            out.push(c);
                            i += 1;
                        }
                        '-' if chars.get(i + 1) == Some(&'-') => {
                            out.push_str(r"\-");
                            i += 1;
                        }
                        c => {
                            out.push(c);
                            i += 1;
                        }
                    }
                }
                if !closed {
                    return Err(PatternError::Syntax(format!(
                        "unterminated character set at position {}",
                        start
                    )));
                }
                out.push(']');
                can_repeat = true;
            }
            '(' => {
                let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
                if rest.starts_with("(?#") {
                    while i < chars.len() && chars[i] != ')' {
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                for (pre, what) in [
                    ("(?=", "lookahead"),
                    ("(?!", "negative lookahead"),
                    ("(?<=", "lookbehind"),
                    ("(?<!", "negative lookbehind"),
                    ("(?P=", "named backreference"),
                    ("(?(", "conditional group"),
                ] {
                    if rest.starts_with(pre) {
                        return Err(PatternError::Unsupported(format!(
                            "{} {} is not supported by this regex engine",
                            what, pre
                        )));
                    }
                }
                depth.push(i);
                out.push('(');
                i += 1;
                if chars.get(i) == Some(&'?') {
                    out.push('?');
                    i += 1;
                }
                can_repeat = false;
            }
            ')' => {
                if depth.pop().is_none() {
                    return Err(PatternError::Syntax(format!(
                        "unbalanced parenthesis at position {}",
                        i
                    )));
                }
                out.push(')');
                i += 1;
                can_repeat = true;
            }
            '{' => {
                // A repetition `{m}`, `{m,}`, `{,n}`, `{m,n}`; anything else is literal.
                let mut j = i + 1;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ',') {
                    j += 1;
                }
                let inner: String = chars[i + 1..j.min(chars.len())].iter().collect();
                let valid = j < chars.len()
                    && chars[j] == '}'
                    && !inner.is_empty()
                    && inner != ","
                    && inner.matches(',').count() <= 1;
                if valid {
                    if !can_repeat {
                        return Err(PatternError::Syntax(format!(
                            "nothing to repeat at position {}",
                            i
                        )));
                    }
                    let inner = if inner.starts_with(',') {
                        format!("0{}", inner)
                    } else {
                        inner
                    };
                    out.push('{');
                    out.push_str(&inner);
                    out.push('}');
                    i = j + 1;
                    if chars.get(i) == Some(&'?') {
                        out.push('?');
                        i += 1;
                    }
                    can_repeat = false;
                } else {
                    out.push_str(r"\{");
                    i += 1;
                    can_repeat = true;
                }
            }
            '}' => {
                out.push_str(r"\}");
                i += 1;
                can_repeat = true;
            }
            '*' | '+' | '?' => {
                if !can_repeat {
                    return Err(PatternError::Syntax(format!(
                        "{} at position {}",
                        if out.ends_with(['*', '+', '?', '}']) {
                            "multiple repeat"
                        } else {
                            "nothing to repeat"
                        },
                        i
                    )));
                }
                out.push(c);
                i += 1;
                if chars.get(i) == Some(&'?') {
                    out.push('?');
                    i += 1;
                } else if chars.get(i) == Some(&'+') {
                    return Err(PatternError::Unsupported(
                        "possessive quantifiers are not supported by this regex engine".into(),
                    ));
                }
                can_repeat = false;
            }
            '|' => {
                out.push('|');
                i += 1;
                can_repeat = false;
            }
            '^' => {
                out.push('^');
                i += 1;
                can_repeat = false;
            }
            '#' if verbose => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            c if verbose && c.is_whitespace() => i += 1,
            c => {
                out.push(c);
                i += 1;
                can_repeat = c != '$';
            }
        }
    }
    if let Some(&open) = depth.last() {
        return Err(PatternError::Syntax(format!(
            "missing ), unterminated subpattern at position {}",
            open
        )));
    }
    let mut prefix = String::new();
    if flags & IGNORECASE != 0 {
        prefix.push('i');
    }
    if flags & MULTILINE != 0 {
        prefix.push('m');
    }
    if flags & DOTALL != 0 {
        prefix.push('s');
    }
    Ok(if prefix.is_empty() {
        out
    } else {
        format!("(?{}){}", prefix, out)
    })
}

fn ascii_class(c: char) -> &'static str {
    match c {
        'd' => "[0-9]",
        'D' => "[^0-9]",
        'w' => "[0-9A-Za-z_]",
        'W' => "[^0-9A-Za-z_]",
        's' => r"[\t\n\x0B\x0C\r ]",
        _ => r"[^\t\n\x0B\x0C\r ]",
    }
}
