//! Python's `glob` module: `glob.glob` and `glob.iglob` following CPython's `_iglob`
//! step for step (results in directory order, hidden names skipped by wildcards, `**`
//! under `recursive=True`), and `fnmatch`-style matching shared with `pathlib`.

use super::os_path::{join, split};
use super::oserror::fspath;
use crate::builtin;
use crate::eval::error::{type_err, R};
use crate::eval::iter::iter_value_named;
use crate::eval::value::Value;
use crate::eval::Interp;

/// Whether `name` matches the shell pattern `pat` (`*`, `?`, `[seq]`, `[!seq]`), case
/// sensitive as `fnmatch` is on POSIX.
pub(crate) fn fnmatch(name: &str, pat: &str) -> bool {
    let n: Vec<char> = name.chars().collect();
    let p: Vec<char> = pat.chars().collect();
    match_from(&n, &p)
}

fn match_from(n: &[char], p: &[char]) -> bool {
    let (mut ni, mut pi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    star = Some((pi, ni));
                    pi += 1;
                    continue;
                }
                '?' => {
                    ni += 1;
                    pi += 1;
                    continue;
                }
                '[' => {
                    if let Some((ok, next)) = class_match(&p[pi..], n[ni]) {
                        if ok {
                            ni += 1;
                            pi += next;
                            continue;
                        }
                    } else if n[ni] == '[' {
                        ni += 1;
                        pi += 1;
                        continue;
                    }
                }
                c if c == n[ni] => {
                    ni += 1;
                    pi += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, sn)) => {
                pi = sp + 1;
                ni = sn + 1;
                star = Some((sp, sn + 1));
            }
            None => return false,
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Matches `c` against the class at the start of `p` (`[...]`): whether it matched and
/// how many pattern characters the class takes; None when the `[` opens no class.
fn class_match(p: &[char], c: char) -> Option<(bool, usize)> {
    let mut i = 1;
    let negate = p.get(i) == Some(&'!');
    if negate {
        i += 1;
    }
    let start = i;
    // A `]` right after `[` or `[!` is literal.
    if p.get(i) == Some(&']') {
        i += 1;
    }
    while i < p.len() && p[i] != ']' {
        i += 1;
    }
    if i >= p.len() {
        return None;
    }
    let body = &p[start..i];
    let mut hit = false;
    let mut j = 0;
    while j < body.len() {
        if j + 2 < body.len() && body[j + 1] == '-' {
            if body[j] <= c && c <= body[j + 2] {
                hit = true;
            }
            j += 3;
        } else {
            if body[j] == c {
                hit = true;
            }
            j += 1;
        }
    }
    Some((hit != negate, i + 1))
}

pub(crate) fn has_magic(s: &str) -> bool {
    s.contains(['*', '?', '['])
}

fn is_hidden(s: &str) -> bool {
    s.starts_with('.')
}

fn is_recursive(s: &str) -> bool {
    s == "**"
}

fn lexists(p: &str) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

fn is_dir(p: &str) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_dir())
}

/// `glob._join`: the root directory joined with a relative name.
fn join_root(root: &Option<String>, name: &str) -> String {
    match root {
        Some(r) if !name.is_empty() => join(r, &[name.to_string()]),
        Some(r) => r.clone(),
        None => name.to_string(),
    }
}

/// The names in a directory (directories only under `dironly`), in directory order.
fn listdir(it: &mut Interp, dir: &str, dironly: bool) -> R<Vec<String>> {
    let d = if dir.is_empty() { "." } else { dir };
    let Ok(rd) = std::fs::read_dir(d) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for e in rd.flatten() {
        if out.len() & 0xfff == 0xfff {
            it.check_interrupt()?;
        }
        if dironly {
            let dir = match e.file_type() {
                Ok(t) if t.is_symlink() => std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir()),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            if !dir {
                continue;
            }
        }
        out.push(e.file_name().to_string_lossy().into_owned());
    }
    Ok(out)
}

struct Opts {
    root: Option<String>,
    recursive: bool,
    hidden: bool,
}

fn glob1(it: &mut Interp, dir: &str, pat: &str, dironly: bool, o: &Opts) -> R<Vec<String>> {
    let names = listdir(it, dir, dironly)?;
    Ok(names
        .into_iter()
        .filter(|x| o.hidden || is_hidden(pat) || !is_hidden(x))
        .filter(|x| fnmatch(x, pat))
        .collect())
}

fn glob0(dir: &str, base: &str) -> Vec<String> {
    let found = if base.is_empty() {
        is_dir(if dir.is_empty() { "." } else { dir })
    } else {
        lexists(&join(dir, &[base.to_string()]))
    };
    if found {
        vec![base.to_string()]
    } else {
        Vec::new()
    }
}

fn rlistdir(it: &mut Interp, dir: &str, dironly: bool, o: &Opts, out: &mut Vec<String>) -> R<()> {
    it.check_interrupt()?;
    for x in listdir(it, dir, dironly)? {
        if o.hidden || !is_hidden(&x) {
            out.push(x.clone());
            let path = if dir.is_empty() {
                x.clone()
            } else {
                join(dir, std::slice::from_ref(&x))
            };
            let mut sub = Vec::new();
            rlistdir(it, &path, dironly, o, &mut sub)?;
            out.extend(sub.into_iter().map(|y| join(&x, &[y])));
        }
    }
    Ok(())
}

fn glob2(it: &mut Interp, dir: &str, dironly: bool, o: &Opts) -> R<Vec<String>> {
    let mut out = vec![String::new()];
    rlistdir(it, dir, dironly, o, &mut out)?;
    Ok(out)
}

/// `glob._iglob`, collected.
fn iglob(it: &mut Interp, pathname: &str, dironly: bool, o: &Opts) -> R<Vec<String>> {
    let (dirname, basename) = split(pathname);
    if !has_magic(pathname) {
        let hit = if !basename.is_empty() {
            lexists(&join_root(&o.root, pathname))
        } else {
            is_dir(&join_root(&o.root, &dirname))
        };
        return Ok(if hit {
            vec![pathname.to_string()]
        } else {
            Vec::new()
        });
    }
    let root_dir = o.root.clone().unwrap_or_default();
    if dirname.is_empty() {
        return if o.recursive && is_recursive(&basename) {
            glob2(it, &root_dir, dironly, o)
        } else {
            glob1(it, &root_dir, &basename, dironly, o)
        };
    }
    let dirs = if dirname != pathname && has_magic(&dirname) {
        iglob(it, &dirname, true, o)?
    } else {
        vec![dirname.clone()]
    };
    let mut out = Vec::new();
    for d in dirs {
        let full = join_root(&o.root, &d);
        let names = if has_magic(&basename) {
            if o.recursive && is_recursive(&basename) {
                glob2(it, &full, dironly, o)?
            } else {
                glob1(it, &full, &basename, dironly, o)?
            }
        } else {
            glob0(&full, &basename)
        };
        for n in names {
            out.push(join(&d, &[n]));
        }
    }
    Ok(out)
}

/// `glob.glob(pathname, root_dir=, recursive=, include_hidden=)` as strings.
pub(crate) fn glob_paths(
    it: &mut Interp,
    pathname: &str,
    root: Option<String>,
    recursive: bool,
    hidden: bool,
) -> R<Vec<String>> {
    let o = Opts {
        root,
        recursive,
        hidden,
    };
    let mut out = iglob(it, pathname, false, &o)?;
    if (pathname.is_empty() || (recursive && is_recursive(&pathname[..pathname.len().min(2)])))
        && out.first().is_some_and(|s| s.is_empty())
    {
        out.remove(0);
    }
    Ok(out)
}

fn glob_args(
    it: &mut Interp,
    pathname: &Value,
    root_dir: &Value,
    recursive: &Value,
    include_hidden: &Value,
) -> R<Vec<Value>> {
    let p = fspath(it, pathname).map_err(|_| {
        type_err(format!(
            "expected str, bytes or os.PathLike object, not {}",
            pathname.type_name()
        ))
    })?;
    let root = match root_dir {
        Value::None => None,
        v => Some(fspath(it, v)?),
    };
    let recursive = it.truthy(recursive)?;
    let hidden = it.truthy(include_hidden)?;
    Ok(glob_paths(it, &p, root, recursive, hidden)?
        .into_iter()
        .map(|s| Value::str(&s))
        .collect())
}

builtin! {
    /// Return a list of paths matching a pathname pattern.
    python ["glob.glob"]
    fn glob(it, pathname, *, root_dir = None, dir_fd = None, recursive = False, include_hidden = False) {
        let _ = dir_fd;
        Ok(Value::list(glob_args(it, &pathname, &root_dir, &recursive, &include_hidden)?))
    }
}

builtin! {
    /// Return an iterator which yields the paths matching a pathname pattern.
    python ["glob.iglob"]
    fn iglob_(it, pathname, *, root_dir = None, dir_fd = None, recursive = False, include_hidden = False) {
        let _ = dir_fd;
        let items = glob_args(it, &pathname, &root_dir, &recursive, &include_hidden)?;
        Ok(iter_value_named(items, "generator"))
    }
}

builtin! {
    /// Escape all special characters.
    python ["glob.escape"]
    fn escape(it, pathname) {
        let _ = it;
        let p = match &pathname {
            Value::Str(s) => s.to_string(),
            other => return Err(type_err(format!("expected str, not {}", other.type_name()))),
        };
        let mut out = String::new();
        for c in p.chars() {
            match c {
                '*' | '?' | '[' => {
                    out.push('[');
                    out.push(c);
                    out.push(']');
                }
                c => out.push(c),
            }
        }
        Ok(Value::str(&out))
    }
}

builtin! {
    /// Test whether FILENAME matches PATTERN.
    python ["fnmatch.fnmatch", "fnmatch.fnmatchcase"]
    fn fnmatch_(it, name, pat) {
        let _ = it;
        match (&name, &pat) {
            (Value::Str(n), Value::Str(p)) => Ok(Value::Bool(fnmatch(n, p))),
            _ => Err(type_err("expected str arguments")),
        }
    }
}

/// `install` for `glob` (everything is declared).
pub(crate) fn install(_it: &mut Interp) {}

pub(crate) mod tests {
    use super::fnmatch;

    fn patterns_match_as_fnmatch_does() {
        assert!(fnmatch("a.txt", "*.txt"));
        assert!(!fnmatch("a.txt", "*.csv"));
        assert!(fnmatch("ab", "a?"));
        assert!(fnmatch("a1", "a[0-9]"));
        assert!(!fnmatch("ax", "a[0-9]"));
        assert!(fnmatch("ax", "a[!0-9]"));
        assert!(fnmatch("a[", "a["));
        assert!(fnmatch("abcabc", "*c*c"));
        assert!(fnmatch("", "*"));
    }

    unit_cases!(patterns_match_as_fnmatch_does);
}
