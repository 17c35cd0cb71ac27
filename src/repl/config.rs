//! The REPL's optional config file, `$XDG_CONFIG_HOME/tensh/config.toml` (else
//! `~/.config/tensh/config.toml`):
//!
//! ```toml
//! edit_mode = "vi"        # or "emacs" (the default)
//! theme = "light"         # "dark" (the default), "light" or "none"
//! history_size = 5000     # entries kept in the history file (default 100000)
//!
//! [colors]                # any of the theme's colors, by name
//! keyword = "magenta"
//! string = "bright green"
//! ```
//!
//! A file that cannot be read or a setting that is wrong is reported in one line and the
//! default is used: a config file never stops the REPL from starting.

use colored::{Color, ColoredString, Colorize};
use std::path::PathBuf;

/// The colors of the highlighter: `None` draws plain text.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub keyword: Option<Color>,
    pub string: Option<Color>,
    pub number: Option<Color>,
    pub bracket: Option<Color>,
    /// Hints (history, a tensor's shape) are dimmed; `false` draws them plain.
    pub dim_hints: bool,
}

impl Theme {
    fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme {
                keyword: Some(Color::Blue),
                string: Some(Color::Green),
                number: Some(Color::Cyan),
                bracket: Some(Color::Yellow),
                dim_hints: true,
            }),
            "light" => Some(Theme {
                keyword: Some(Color::Blue),
                string: Some(Color::Red),
                number: Some(Color::Magenta),
                bracket: Some(Color::Black),
                dim_hints: true,
            }),
            "none" => Some(Theme {
                keyword: None,
                string: None,
                number: None,
                bracket: None,
                dim_hints: false,
            }),
            _ => None,
        }
    }

    /// `text` in `color` (bold for keywords and brackets, as the default theme draws them).
    pub fn paint(color: Option<Color>, text: &str, bold: bool) -> String {
        match color {
            None => text.to_string(),
            Some(c) => {
                let s: ColoredString = text.color(c);
                if bold {
                    s.bold().to_string()
                } else {
                    s.to_string()
                }
            }
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::named("dark").unwrap_or(Theme {
            keyword: None,
            string: None,
            number: None,
            bracket: None,
            dim_hints: false,
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub vi: bool,
    pub theme: Theme,
    pub history_size: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            vi: false,
            theme: Theme::default(),
            history_size: 100_000,
        }
    }
}

/// Where the config file is looked for. A relative `XDG_CONFIG_HOME` is ignored, as the XDG
/// spec says.
pub fn path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty() && std::path::Path::new(v).is_absolute())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("tensh").join("config.toml"))
}

/// The settings from the config file, and what was wrong with it.
pub fn load() -> (Settings, Vec<String>) {
    let Some(p) = path() else {
        return (Settings::default(), vec![]);
    };
    match std::fs::metadata(&p) {
        Err(_) => return (Settings::default(), vec![]),
        Ok(m) if !m.is_file() || m.len() > 1 << 20 => {
            return (
                Settings::default(),
                vec![format!(
                    "{}: not a config file; using the defaults",
                    p.display()
                )],
            )
        }
        Ok(_) => {}
    }
    match std::fs::read_to_string(&p) {
        Ok(text) => {
            let (s, problems) = parse(&text);
            let shown = problems
                .into_iter()
                .map(|e| format!("{}: {}", p.display(), e))
                .collect();
            (s, shown)
        }
        Err(e) => (
            Settings::default(),
            vec![format!("{}: {}; using the defaults", p.display(), e)],
        ),
    }
}

fn color_named(name: &str) -> Result<Option<Color>, String> {
    if name == "none" || name == "plain" {
        return Ok(None);
    }
    name.parse::<Color>()
        .map(Some)
        .map_err(|_| format!("unknown color '{}'", name))
}

/// Reads the settings out of the file's text; each problem leaves its setting at the
/// default.
pub fn parse(text: &str) -> (Settings, Vec<String>) {
    let mut s = Settings::default();
    let mut problems = Vec::new();
    let doc = match text.parse::<toml_edit::DocumentMut>() {
        Ok(d) => d,
        Err(e) => {
            let first = e.to_string();
            let first = first.lines().next().unwrap_or("").trim().to_string();
            return (s, vec![format!("{}; using the defaults", first)]);
        }
    };
    for (key, item) in doc.iter() {
        match key {
            "edit_mode" => match item.as_str() {
                Some("vi") => s.vi = true,
                Some("emacs") => s.vi = false,
                _ => problems.push("edit_mode is \"vi\" or \"emacs\"".to_string()),
            },
            "theme" => match item.as_str().and_then(Theme::named) {
                Some(t) => s.theme = t,
                None => problems.push("theme is \"dark\", \"light\" or \"none\"".to_string()),
            },
            "history_size" => match item.as_integer() {
                Some(n) if (0..=10_000_000).contains(&n) => s.history_size = n as usize,
                _ => problems.push("history_size is a whole number of entries".to_string()),
            },
            "colors" => {}
            other => problems.push(format!("unknown setting '{}'", other)),
        }
    }
    if let Some(colors) = doc.get("colors") {
        match colors.as_table_like() {
            None => problems.push("[colors] is a table".to_string()),
            Some(table) => {
                for (role, v) in table.iter() {
                    let slot = match role {
                        "keyword" => &mut s.theme.keyword,
                        "string" => &mut s.theme.string,
                        "number" => &mut s.theme.number,
                        "bracket" => &mut s.theme.bracket,
                        "hint" => {
                            match v.as_str() {
                                Some("dim") => s.theme.dim_hints = true,
                                Some("plain") | Some("none") => s.theme.dim_hints = false,
                                _ => problems.push("colors.hint is \"dim\" or \"plain\"".into()),
                            }
                            continue;
                        }
                        other => {
                            problems.push(format!("unknown color role '{}'", other));
                            continue;
                        }
                    };
                    match v.as_str().map(color_named) {
                        Some(Ok(c)) => *slot = c,
                        Some(Err(e)) => problems.push(e),
                        None => problems.push(format!("colors.{} is a color name", role)),
                    }
                }
            }
        }
    }
    (s, problems)
}

pub(crate) mod tests {
    use super::*;

    fn settings_are_read_and_problems_named() {
        let (s, p) = parse(
            "edit_mode = \"vi\"\ntheme = \"light\"\nhistory_size = 50\n[colors]\nstring = \"bright green\"\n",
        );
        assert!(p.is_empty(), "{:?}", p);
        assert!(s.vi);
        assert_eq!(s.history_size, 50);
        assert_eq!(s.theme.string, Some(Color::BrightGreen));
        assert_eq!(s.theme.number, Some(Color::Magenta));
        let (s, p) = parse("edit_mode = \"nano\"\nhistory_size = -1\ncolour = 1\n");
        assert_eq!(s, Settings::default());
        assert_eq!(p.len(), 3, "{:?}", p);
        assert!(p[2].contains("colour"), "{:?}", p);
        let (s, p) = parse("edit_mode = \n");
        assert_eq!(s, Settings::default());
        assert!(p[0].contains("using the defaults"), "{:?}", p);
    }

    unit_cases!(settings_are_read_and_problems_named);
}
