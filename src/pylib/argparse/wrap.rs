//! Help text wrapping as `textwrap.wrap` / `textwrap.fill` do it with their defaults:
//! text split into words (hyphenated words also after their hyphens) and spaces, packed
//! greedily, words longer than a line broken (after a hyphen when one fits).

/// `\s+` (ASCII) runs folded to one space, the ends trimmed.
pub(crate) fn normalize(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace() || c == '\x0b')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn letter(c: Option<char>) -> bool {
    c.is_some_and(|c| (c.is_alphanumeric() && !c.is_numeric()) || c == '_')
}

fn word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

fn word_punct(c: Option<char>) -> bool {
    word_char(c) || c.is_some_and(|c| "!\"'&.,?".contains(c))
}

/// Whether `w[i..]` is two or more dashes then a word character.
fn dashes_then_word(w: &[char], i: usize) -> bool {
    let mut k = i;
    while k < w.len() && w[k] == '-' {
        k += 1;
    }
    k - i >= 2 && word_char(w.get(k).copied())
}

/// The chunks `TextWrapper._split` makes of one space-free word.
fn split_word(w: &[char], out: &mut Vec<String>) {
    let at = |i: isize| -> Option<char> {
        if i < 0 {
            None
        } else {
            w.get(i as usize).copied()
        }
    };
    let mut s = 0;
    while s < w.len() {
        // An em-dash between words.
        if w[s] == '-' && word_punct(at(s as isize - 1)) && dashes_then_word(w, s) {
            let mut k = s;
            while k < w.len() && w[k] == '-' {
                k += 1;
            }
            out.push(w[s..k].iter().collect());
            s = k;
            continue;
        }
        let mut e = s + 1;
        let end = loop {
            if e >= w.len() {
                break w.len();
            }
            let i = e as isize;
            if w[e] == '-' {
                let behind = (letter(at(i - 1)) && letter(at(i - 2)))
                    || (letter(at(i - 1)) && at(i - 2) == Some('-') && letter(at(i - 3)));
                let ahead = letter(at(i + 1))
                    && (letter(at(i + 2)) || (at(i + 2) == Some('-') && letter(at(i + 3))));
                if behind && ahead {
                    break e + 1;
                }
            }
            if word_punct(at(i - 1)) && dashes_then_word(w, e) {
                break e;
            }
            e += 1;
        };
        out.push(w[s..end].iter().collect());
        s = end;
    }
}

fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut first = true;
    for word in text.split(' ') {
        if !first {
            out.push(" ".to_string());
        }
        first = false;
        if !word.is_empty() {
            let w: Vec<char> = word.chars().collect();
            split_word(&w, &mut out);
        }
    }
    out
}

fn len(s: &str) -> usize {
    s.chars().count()
}

/// `textwrap.wrap(text, width)` with `initial_indent` = `subsequent_indent` = `indent`.
fn wrap_indented(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut stack = chunks(text);
    stack.reverse();
    let mut lines: Vec<String> = Vec::new();
    let width = width.saturating_sub(len(indent)) as i64;
    while !stack.is_empty() {
        let mut cur: Vec<String> = Vec::new();
        let mut cur_len = 0i64;
        if !lines.is_empty() && stack.last().is_some_and(|c| c.trim().is_empty()) {
            stack.pop();
        }
        while let Some(c) = stack.last() {
            let l = len(c) as i64;
            if cur_len + l <= width {
                cur_len += l;
                cur.push(stack.pop().unwrap_or_default());
            } else {
                break;
            }
        }
        if stack.last().is_some_and(|c| len(c) as i64 > width) {
            let space_left = if width < 1 { 1 } else { width - cur_len } as usize;
            let chunk: Vec<char> = stack.pop().unwrap_or_default().chars().collect();
            let mut end = space_left.min(chunk.len());
            if chunk.len() > space_left {
                if let Some(h) = chunk[..space_left.min(chunk.len())]
                    .iter()
                    .rposition(|c| *c == '-')
                {
                    if h > 0 && chunk[..h].iter().any(|c| *c != '-') {
                        end = h + 1;
                    }
                }
            }
            cur.push(chunk[..end].iter().collect());
            stack.push(chunk[end..].iter().collect());
        }
        if cur.last().is_some_and(|c| c.trim().is_empty()) {
            cur.pop();
        }
        if !cur.is_empty() {
            lines.push(format!("{}{}", indent, cur.concat()));
        }
        if stack.last().is_some_and(|c| c.is_empty()) {
            stack.pop();
        }
    }
    lines
}

/// `textwrap.wrap(text, width)`.
pub(crate) fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_indented(text, width, "")
}

/// `textwrap.fill(text, width, initial_indent=indent, subsequent_indent=indent)`.
pub(crate) fn fill(text: &str, width: usize, indent: &str) -> String {
    wrap_indented(text, width, indent).join("\n")
}
