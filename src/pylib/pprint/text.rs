//! `pprint`'s layout of long strings and bytes: a string split at line ends and then at
//! word boundaries into chunks that each fit, written as implicit concatenation (in
//! parentheses at the top level); bytes in 4-byte groups the same way.

use super::layout::{width_of, Layout};
use crate::syntax::unparse::quote;

impl Layout<'_> {
    /// A string too long for its line, as implicit-concatenation chunks; at the top
    /// level in parentheses.
    pub(super) fn string(&mut self, s: &str, mut indent: i64, mut allowance: i64, level: i64) {
        if s.is_empty() {
            self.write("''");
            return;
        }
        let lines = split_lines_keep(s);
        if level == 1 {
            indent += 1;
            allowance += 1;
        }
        let max_width = self.s.width - indent;
        let mut max_width1 = max_width;
        let mut chunks: Vec<String> = Vec::new();
        let mut rep = String::new();
        let nlines = lines.len();
        for (i, line) in lines.iter().enumerate() {
            rep = quote(line);
            if i + 1 == nlines {
                max_width1 -= allowance;
            }
            if width_of(&rep) <= max_width1 {
                chunks.push(rep.clone());
            } else {
                let parts = word_parts(line);
                let mut max_width2 = max_width;
                let mut current = String::new();
                let np = parts.len();
                for (j, part) in parts.iter().enumerate() {
                    let candidate = format!("{}{}", current, part);
                    if j + 1 == np && i + 1 == nlines {
                        max_width2 -= allowance;
                    }
                    if width_of(&quote(&candidate)) > max_width2 {
                        if !current.is_empty() {
                            chunks.push(quote(&current));
                        }
                        current = part.to_string();
                    } else {
                        current = candidate;
                    }
                }
                if !current.is_empty() {
                    chunks.push(quote(&current));
                }
            }
        }
        if chunks.len() == 1 {
            self.write(&rep);
            return;
        }
        if level == 1 {
            self.write("(");
        }
        let pad = " ".repeat(indent.max(0) as usize);
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                self.write("\n");
                self.write(&pad);
            }
            self.write(c);
        }
        if level == 1 {
            self.write(")");
        }
    }

    /// A bytes value too long for its line, in 4-byte groups; at the top level in
    /// parentheses.
    pub(super) fn bytes(&mut self, b: &[u8], mut indent: i64, mut allowance: i64, level: i64) {
        let repr = crate::eval::bytes::bytes_repr;
        if b.len() <= 4 {
            self.write(&repr(b));
            return;
        }
        let parens = level == 1;
        if parens {
            indent += 1;
            allowance += 1;
            self.write("(");
        }
        let mut width = self.s.width - indent;
        let mut chunks = Vec::new();
        let mut current: Vec<u8> = Vec::new();
        let last = b.len() / 4 * 4;
        for i in (0..b.len()).step_by(4) {
            let part = &b[i..(i + 4).min(b.len())];
            let mut candidate = current.clone();
            candidate.extend_from_slice(part);
            if i == last {
                width -= allowance;
            }
            if width_of(&repr(&candidate)) > width {
                if !current.is_empty() {
                    chunks.push(repr(&current));
                }
                current = part.to_vec();
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            chunks.push(repr(&current));
        }
        let pad = " ".repeat(indent.max(0) as usize);
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                self.write("\n");
                self.write(&pad);
            }
            self.write(c);
        }
        if parens {
            self.write(")");
        }
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(True)`.
fn split_lines_keep(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_line_break(c) {
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = chars.peek() {
                    end = j + 1;
                    chars.next();
                }
            }
            out.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// `re.findall(r'\S*\s*', line)` without the empty last match: runs of non-space, each
/// with the spaces after it.
fn word_parts(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = false;
    for (i, c) in line.char_indices() {
        let sp = is_space(c);
        if !sp && in_space {
            out.push(&line[start..i]);
            start = i;
        }
        in_space = sp;
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}
