//! Matching actual output against expected output with wildcards: `[..]` inside a line
//! matches any text on that line, a line `...` matches any number of lines, `[num]` matches
//! one number. Trailing blank lines do not count; everything else does.

/// Transcripts recorded with TensorFlow 2.0 show `<tf.Tensor: id=264, shape=...`; TF 2.15
/// (and tensh) dropped the id, so it is not compared.
fn without_tensor_id(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains("<tf.Tensor: id=") {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut s = line.to_string();
    while let Some(p) = s.find("<tf.Tensor: id=") {
        let start = p + "<tf.Tensor: ".len();
        match s[start..].find(", ") {
            Some(e) => s.replace_range(start..start + e + 2, ""),
            None => break,
        }
    }
    std::borrow::Cow::Owned(s)
}

/// Whether one expected line (with `[..]` / `[num]`) matches one actual line.
pub(crate) fn line_matches(pattern: &str, actual: &str) -> bool {
    let pattern = without_tensor_id(pattern);
    if !pattern.contains("[..]") && !pattern.contains("[num]") {
        return pattern == actual;
    }
    match_from(&pattern, actual)
}

fn number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let start_digits = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - start_digits;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let f = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - f;
    }
    if int_digits + frac_digits == 0 {
        // nan and inf count as numbers too.
        for word in ["nan", "inf"] {
            if s[start_digits..].starts_with(word) {
                return Some(start_digits + word.len());
            }
        }
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'-' || b[j] == b'+') {
            j += 1;
        }
        if j < b.len() && b[j].is_ascii_digit() {
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            i = j;
        }
    }
    Some(i)
}

/// One piece of an expected line.
enum Piece {
    Char(char),
    /// `[..]`: any text.
    Any,
    /// `[num]`: one number, as long as it goes.
    Num,
}

fn pieces(p: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut rest = p;
    while let Some(c) = rest.chars().next() {
        if let Some(r) = rest.strip_prefix("[..]") {
            out.push(Piece::Any);
            rest = r;
        } else if let Some(r) = rest.strip_prefix("[num]") {
            out.push(Piece::Num);
            rest = r;
        } else {
            out.push(Piece::Char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Whether the pattern matches all of `a`: dynamic programming over (piece, position), so
/// the time is O(pieces × length) whatever the wildcards (trying every split recursively
/// was exponential in the number of `[..]`).
fn match_from(p: &str, a: &str) -> bool {
    let n = a.len();
    // Where a number starting at each char boundary ends (only needed with `[num]`).
    let pieces = pieces(p);
    let num_end: Vec<Option<usize>> = if pieces.iter().any(|q| matches!(q, Piece::Num)) {
        (0..=n)
            .map(|i| {
                a.is_char_boundary(i)
                    .then(|| number_len(&a[i..]).map(|k| i + k))
                    .flatten()
            })
            .collect()
    } else {
        Vec::new()
    };
    // next[i]: the rest of the pattern (after the current piece) matches a[i..].
    let mut next: Vec<bool> = (0..=n).map(|i| i == n).collect();
    for piece in pieces.iter().rev() {
        let mut cur = vec![false; n + 1];
        match piece {
            Piece::Char(c) => {
                for i in 0..n {
                    if a.is_char_boundary(i) && a[i..].starts_with(*c) {
                        cur[i] = next[i + c.len_utf8()];
                    }
                }
            }
            Piece::Num => {
                for i in 0..=n {
                    cur[i] = num_end[i].is_some_and(|e| next[e]);
                }
            }
            Piece::Any => {
                let mut any_later = false;
                for i in (0..=n).rev() {
                    if a.is_char_boundary(i) {
                        any_later |= next[i];
                        cur[i] = any_later;
                    }
                }
            }
        }
        next = cur;
    }
    next[0]
}

fn trim_blank_end(v: &[String]) -> &[String] {
    let mut n = v.len();
    while n > 0 && v[n - 1].trim().is_empty() {
        n -= 1;
    }
    &v[..n]
}

/// Whether the actual lines match the expected ones (with `...` lines and inline wildcards).
pub(crate) fn matches(expected: &[String], actual: &[String]) -> bool {
    let (e, a) = (trim_blank_end(expected), trim_blank_end(actual));
    // The same dynamic programming as within a line, over lines: `...` is the `[..]`.
    let m = a.len();
    let mut next: Vec<bool> = (0..=m).map(|j| j == m).collect();
    for line in e.iter().rev() {
        let mut cur = vec![false; m + 1];
        if line.trim() == "..." {
            let mut any_later = false;
            for j in (0..=m).rev() {
                any_later |= next[j];
                cur[j] = any_later;
            }
        } else {
            for j in 0..m {
                cur[j] = next[j + 1] && line_matches(line, &a[j]);
            }
        }
        next = cur;
    }
    next[0]
}

/// The new expected output for `--bless`: the actual output, except that expected lines with
/// wildcards are kept where they still match (so `[num]` and `...` survive a rewrite).
pub(crate) fn bless(expected: &[String], actual: &[String]) -> Vec<String> {
    let actual = trim_blank_end(actual);
    if matches(expected, actual) {
        return trim_blank_end(expected).to_vec();
    }
    // Keep line-level wildcards that still match the line at the same position.
    let mut out = Vec::with_capacity(actual.len());
    for (i, a) in actual.iter().enumerate() {
        match expected.get(i) {
            Some(e) if (e.contains("[..]") || e.contains("[num]")) && line_matches(e, a) => {
                out.push(e.clone())
            }
            _ => out.push(a.clone()),
        }
    }
    out
}

/// A unified diff of expected against actual lines (expected as `-`, actual as `+`).
pub fn diff(expected: &[String], actual: &[String]) -> Vec<(char, String)> {
    let (e, a) = (trim_blank_end(expected), trim_blank_end(actual));
    // Longest common subsequence on lines, with wildcard-aware equality.
    let (n, m) = (e.len(), a.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if line_matches(&e[i], &a[j]) {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && line_matches(&e[i], &a[j]) {
            out.push((' ', a[j].clone()));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(('-', e[i].clone()));
            i += 1;
        } else {
            out.push(('+', a[j].clone()));
            j += 1;
        }
    }
    out
}

pub(crate) mod tests {
    use super::{line_matches, matches};

    fn lines(s: &str) -> Vec<String> {
        s.lines().map(String::from).collect()
    }

    fn any_text_within_a_line() {
        assert!(line_matches("a[..]c", "abc"));
        assert!(line_matches("a[..]c", "ac"));
        assert!(line_matches("a[..]c", "a[..]xyzc"));
        assert!(!line_matches("a[..]c", "abcd"));
        assert!(!line_matches("a[..]c", "bc"));
        assert!(line_matches("[..]", ""));
        assert!(line_matches("[..]é[..]", "aéb"));
        assert!(!line_matches("[..]é[..]", "aeb"));
        assert!(line_matches("[[..]]", "[[1, 2]]"));
        assert!(line_matches("x[..][..]y", "xy"));
    }

    fn one_number() {
        for n in ["-0.5", "1e-07", "nan", "-inf", "3", "+2.", ".5"] {
            assert!(
                line_matches("numpy=[num]>", &format!("numpy={}>", n)),
                "{}",
                n
            );
        }
        assert!(!line_matches("[num]", "x"));
        assert!(!line_matches("[num]", "1 2"));
        // A number runs as far as it goes: `[num]5` cannot take the 5 back.
        assert!(!line_matches("[num]5", "125"));
        assert!(line_matches("[num], [num]", "1.5, -2e+03"));
        assert!(line_matches("[[..][num]]", "[[0.1 0.2]"));
    }

    fn plain_lines_and_tensor_ids() {
        assert!(line_matches("abc", "abc"));
        assert!(!line_matches("abc", "abd"));
        assert!(line_matches(
            "<tf.Tensor: id=264, shape=(), dtype=float32, numpy=[num]>",
            "<tf.Tensor: shape=(), dtype=float32, numpy=1.5>"
        ));
    }

    fn any_number_of_lines() {
        let e = lines("a\n...\nz");
        assert!(matches(&e, &lines("a\nz")));
        assert!(matches(&e, &lines("a\nb\nc\nz")));
        assert!(!matches(&e, &lines("a\nb\nc")));
        assert!(matches(
            &lines("...\nb\n...\nd\n..."),
            &lines("a\nb\nc\nd\ne")
        ));
        assert!(!matches(
            &lines("...\nd\n...\nb\n..."),
            &lines("a\nb\nc\nd\ne")
        ));
        assert!(matches(&lines("a\n\n"), &lines("a")));
        assert!(!matches(&lines("a"), &lines("a\nb")));
    }

    fn many_wildcards_against_a_non_matching_line_end_quickly() {
        // Trying every split took ~59 s for 10 `[..]`; 40 would never finish.
        let pattern = "[..]a".repeat(40) + "b";
        let actual = "a".repeat(200);
        assert!(!line_matches(&pattern, &actual));
        assert!(line_matches(&pattern, &(actual.clone() + "b")));
        let e: Vec<String> = (0..40)
            .flat_map(|_| ["...".to_string(), "x".into()])
            .collect();
        let a: Vec<String> = (0..200).map(|_| "x".to_string()).collect();
        assert!(!matches(&[e.clone(), vec!["y".into()]].concat(), &a));
        assert!(matches(&e, &a));
    }

    unit_cases!(
        any_text_within_a_line,
        one_number,
        plain_lines_and_tensor_ids,
        any_number_of_lines,
        many_wildcards_against_a_non_matching_line_end_quickly,
    );
}
