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

fn match_from(p: &str, a: &str) -> bool {
    if p.is_empty() {
        return a.is_empty();
    }
    if let Some(rest) = p.strip_prefix("[..]") {
        return (0..=a.len())
            .filter(|&k| a.is_char_boundary(k))
            .any(|k| match_from(rest, &a[k..]));
    }
    if let Some(rest) = p.strip_prefix("[num]") {
        return match number_len(a) {
            Some(n) => match_from(rest, &a[n..]),
            None => false,
        };
    }
    let c = p.chars().next().unwrap_or(' ');
    a.starts_with(c) && match_from(&p[c.len_utf8()..], &a[c.len_utf8()..])
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
    fn go(e: &[String], a: &[String]) -> bool {
        match e.split_first() {
            None => a.is_empty(),
            Some((first, rest)) if first.trim() == "..." => {
                (0..=a.len()).any(|k| go(rest, &a[k..]))
            }
            Some((first, rest)) => !a.is_empty() && line_matches(first, &a[0]) && go(rest, &a[1..]),
        }
    }
    go(trim_blank_end(expected), trim_blank_end(actual))
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
