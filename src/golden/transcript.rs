//! The transcript format: the seed notebook's own. `In [n]:` on its own line, the code cell,
//! two blank lines, then the expected output until the next `In [n]:`. Markdown between cells
//! (a heading after a blank line, and what follows it) belongs to no cell and is kept as is.

/// One cell: where it starts, its code, its expected output, and the text after the output
/// (markdown) that must survive a rewrite.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub label: String,
    /// 1-based line of the `In [n]:` line.
    pub line: usize,
    pub code: String,
    pub expected: Vec<String>,
    /// Blank lines between the code and the output, as written.
    pub gap: usize,
    /// Lines after the output up to the next cell: trailing blanks and markdown.
    pub after: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transcript {
    /// Everything before the first cell (title, markdown).
    pub preamble: Vec<String>,
    pub cells: Vec<Cell>,
}

pub fn is_cell_header(line: &str) -> bool {
    let t = line.trim_end();
    t.starts_with("In [")
        && t.ends_with("]:")
        && t[4..t.len() - 2]
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ')
}

fn is_heading(line: &str) -> bool {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with(' ')
}

pub fn parse(text: &str) -> Transcript {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut preamble = Vec::new();
    while i < lines.len() && !is_cell_header(lines[i]) {
        preamble.push(lines[i].to_string());
        i += 1;
    }
    let mut cells = Vec::new();
    while i < lines.len() {
        let label = lines[i].trim_end().to_string();
        let line = i + 1;
        i += 1;
        // Code: up to two consecutive blank lines (or the next cell).
        let mut code: Vec<&str> = Vec::new();
        let mut blanks = 0;
        while i < lines.len() && !is_cell_header(lines[i]) {
            if lines[i].trim().is_empty() {
                blanks += 1;
                i += 1;
                if blanks == 2 {
                    break;
                }
                continue;
            }
            code.extend(std::iter::repeat_n("", blanks));
            blanks = 0;
            code.push(lines[i]);
            i += 1;
        }
        let mut gap = blanks;
        while i < lines.len() && lines[i].trim().is_empty() && !is_cell_header(lines[i]) {
            gap += 1;
            i += 1;
        }
        // Output and whatever follows, up to the next cell.
        let mut region: Vec<String> = Vec::new();
        while i < lines.len() && !is_cell_header(lines[i]) {
            region.push(lines[i].to_string());
            i += 1;
        }
        let split = (1..region.len())
            .find(|&k| is_heading(&region[k]) && region[k - 1].trim().is_empty())
            .unwrap_or(region.len());
        let mut expected: Vec<String> = region[..split].to_vec();
        let mut after: Vec<String> = region[split..].to_vec();
        while expected.last().is_some_and(|l| l.trim().is_empty()) {
            after.insert(0, expected.pop().unwrap_or_default());
        }
        cells.push(Cell {
            label,
            line,
            code: code.join("\n"),
            expected,
            gap,
            after,
        });
    }
    Transcript { preamble, cells }
}

/// The transcript as text, with each cell's current expected output.
pub fn render(t: &Transcript) -> String {
    let mut out: Vec<String> = t.preamble.clone();
    for c in &t.cells {
        out.push(c.label.clone());
        out.extend(c.code.lines().map(String::from));
        out.extend(std::iter::repeat_n(String::new(), c.gap.max(2)));
        out.extend(c.expected.iter().cloned());
        if c.after.is_empty() {
            out.push(String::new());
            out.push(String::new());
        } else {
            out.extend(c.after.iter().cloned());
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}
