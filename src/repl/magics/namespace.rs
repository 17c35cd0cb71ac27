//! The namespace magics: `%who`, `%who_ls`, `%whos`, `%reset` and `%history`.

use super::*;

/// The user's names as `%who` lists them: not starting with `_`, sorted, of the given
/// types if any.
pub(super) fn who_ls(it: &Interp, args: &str) -> Vec<String> {
    let types: Vec<&str> = args.split_whitespace().collect();
    let mut names: Vec<String> = it
        .global_vars()
        .into_iter()
        .filter(|(n, v)| {
            !n.starts_with('_') && (types.is_empty() || types.contains(&v.type_name().as_str()))
        })
        .map(|(n, _)| n)
        .collect();
    names.sort();
    names
}

pub(super) fn nothing_to_list(it: &mut Interp, args: &str) -> MR {
    say(
        it,
        if args.trim().is_empty() {
            "Interactive namespace is empty."
        } else {
            "No variables match your requested type."
        },
    );
    Ok(None)
}

pub(super) fn who(it: &mut Interp, args: &str) -> MR {
    let names = who_ls(it, args);
    if names.is_empty() {
        return nothing_to_list(it, args);
    }
    let mut out = String::new();
    for (i, n) in names.iter().enumerate() {
        out.push_str(n);
        out.push_str("\t ");
        if (i + 1) % 9 == 0 {
            out.push('\n');
        }
    }
    out.push('\n');
    say_raw(it, &out);
    Ok(None)
}

pub(super) fn whos(it: &mut Interp, args: &str) -> MR {
    let names = who_ls(it, args);
    if names.is_empty() {
        return nothing_to_list(it, args);
    }
    let vars: Vec<Value> = names
        .iter()
        .map(|n| {
            it.globals
                .borrow()
                .vars
                .get(n.as_str())
                .cloned()
                .unwrap_or(Value::None)
        })
        .collect();
    let types: Vec<String> = vars.iter().map(|v| v.type_name()).collect();
    let varwidth = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(8)
        + 3;
    let typewidth = types
        .iter()
        .map(|t| t.chars().count())
        .max()
        .unwrap_or(0)
        .max(4)
        + 3;
    let mut out = format!(
        "{:<vw$}{:<tw$} Data/Info\n{}\n",
        "Variable",
        "Type",
        "-".repeat(varwidth + typewidth + 10),
        vw = varwidth,
        tw = typewidth
    );
    for ((name, v), ty) in names.iter().zip(&vars).zip(&types) {
        out.push_str(&format!(
            "{:<vw$}{:<tw$} ",
            name,
            ty,
            vw = varwidth,
            tw = typewidth
        ));
        let info = match ty.as_str() {
            "dict" | "list" | "tuple" => {
                let n = it
                    .call(
                        &it.builtins.get("len").cloned().unwrap_or(Value::None),
                        Args::new(vec![v.clone()]),
                    )
                    .ok()
                    .and_then(|n| it.str_of(&n).ok())
                    .unwrap_or_default();
                format!("n={}", n)
            }
            "ndarray" => match crate::api::convert::tensor_of(v) {
                Some(t) => {
                    let shape = t
                        .shape()
                        .iter()
                        .map(|d| d.to_string())
                        .collect::<Vec<_>>()
                        .join("x");
                    let bytes = t.nbytes();
                    let mut s = format!(
                        "{}: {} elems, type `{}`, {} bytes",
                        shape,
                        t.shape().iter().product::<usize>(),
                        t.dtype().name(),
                        bytes
                    );
                    if bytes >= 100_000 {
                        if bytes < 1 << 20 {
                            s.push_str(&format!(" ({} kb)", py_float(bytes as f64 / 1024.0)));
                        } else {
                            s.push_str(&format!(" ({} Mb)", py_float(bytes as f64 / 1_048_576.0)));
                        }
                    }
                    s
                }
                None => String::new(),
            },
            _ => {
                let s = it.str_of(v).unwrap_or_default().replace('\n', "\\n");
                let chars: Vec<char> = s.chars().collect();
                if chars.len() < 50 {
                    s
                } else {
                    let head: String = chars[..25].iter().collect();
                    let tail: String = chars[chars.len() - 25..].iter().collect();
                    format!("{}<...>{}", head, tail)
                }
            }
        };
        out.push_str(&info);
        out.push('\n');
    }
    say_raw(it, &out);
    Ok(None)
}

/// Python's `str` of a float.
pub(super) fn py_float(x: f64) -> String {
    crate::print::cfmt::general(x, 17, false, false)
        .parse::<f64>()
        .map(|v| {
            let s = format!("{}", v);
            if s.contains('.') || s.contains('e') {
                s
            } else {
                format!("{}.0", s)
            }
        })
        .unwrap_or_default()
}

/// `%reset`: with `-f`, forgets every user name; otherwise asks first (in the REPL).
pub(super) fn reset(it: &mut Interp, args: &str, mode: Mode) -> MR {
    let force = args.split_whitespace().any(|a| a == "-f");
    if !force {
        let prompt = "Once deleted, variables cannot be recovered. Proceed (y/[n])? ";
        let yes = if mode == Mode::Repl {
            it.write_out(prompt);
            it.flush();
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
            line.trim().eq_ignore_ascii_case("y")
        } else {
            it.write_out(prompt);
            it.write_out("\n");
            false
        };
        if !yes {
            say(it, "Nothing done.");
            return Ok(None);
        }
    }
    it.globals
        .borrow_mut()
        .vars
        .retain(|k, _| k.starts_with("__"));
    it.builtins.remove("_");
    Ok(None)
}

// --- %history, %pwd, %cd, %run --------------------------------------------------------

pub(super) fn history(args: &str) -> String {
    let numbered = args.split_whitespace().any(|a| a == "-n");
    STATE.with(|s| {
        let mut out = String::new();
        for (i, cell) in s.borrow().history.iter().enumerate() {
            let cell = cell.trim_end_matches('\n');
            if numbered {
                if cell.contains('\n') {
                    out.push_str(&format!("{:>4}:\n{}\n", i + 1, cell));
                } else {
                    out.push_str(&format!("{:>4}: {}\n", i + 1, cell));
                }
            } else {
                out.push_str(cell);
                out.push('\n');
            }
        }
        out
    })
}
