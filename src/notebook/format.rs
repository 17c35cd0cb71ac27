//! nbformat 4: reading `.ipynb` JSON, the outputs of a cell as JSON, and writing a notebook
//! back as Jupyter does (keys sorted, one-space indent, multi-line text as lists of lines,
//! every cell with an `id` as nbformat 4.5 wants).

use super::exec::Event;
use serde_json::{json, Map, Value as Json};

/// The most notebook JSON that is read.
const MAX_NOTEBOOK: u64 = 512 << 20;

pub struct Notebook {
    pub json: Json,
}

/// A code cell: its index among all cells, source, saved outputs and tags.
pub struct CodeCell {
    pub index: usize,
    pub source: String,
    pub outputs: Vec<Json>,
    pub tags: Vec<String>,
}

/// A multi-line string field: a string, or a list of strings to join.
pub fn text_of(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
        _ => String::new(),
    }
}

/// Text as nbformat stores it: lines, each with its newline but the last.
pub fn lines_of(text: &str) -> Json {
    Json::Array(
        text.split_inclusive('\n')
            .map(|l| Json::String(l.to_string()))
            .collect(),
    )
}

impl Notebook {
    pub fn read(path: &std::path::Path) -> Result<Notebook, String> {
        let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
        if !meta.is_file() || meta.len() > MAX_NOTEBOOK {
            return Err("not a notebook file".into());
        }
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        Notebook::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Notebook, String> {
        let json: Json =
            serde_json::from_str(text).map_err(|e| format!("not a notebook: {}", e))?;
        match json.get("nbformat").and_then(|v| v.as_u64()) {
            Some(4) => {}
            Some(n) => return Err(format!("nbformat {} is not supported (only 4)", n)),
            None => return Err("not a notebook: no nbformat".into()),
        }
        if !json.get("cells").is_some_and(|c| c.is_array()) {
            return Err("not a notebook: no cells".into());
        }
        Ok(Notebook { json })
    }

    fn cells(&self) -> &[Json] {
        self.json
            .get("cells")
            .and_then(|c| c.as_array())
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }

    pub fn code_cells(&self) -> Vec<CodeCell> {
        self.cells()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.get("cell_type").and_then(|t| t.as_str()) == Some("code"))
            .map(|(index, c)| CodeCell {
                index,
                source: text_of(c.get("source").unwrap_or(&Json::Null)),
                outputs: c
                    .get("outputs")
                    .and_then(|o| o.as_array())
                    .cloned()
                    .unwrap_or_default(),
                tags: c
                    .pointer("/metadata/tags")
                    .and_then(|t| t.as_array())
                    .map(|t| {
                        t.iter()
                            .filter_map(|x| x.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// Sets a code cell's outputs and execution count.
    pub fn set_outputs(&mut self, index: usize, count: Option<usize>, outputs: Vec<Json>) {
        if let Some(Json::Object(cell)) = self
            .json
            .get_mut("cells")
            .and_then(|c| c.as_array_mut())
            .and_then(|c| c.get_mut(index))
        {
            cell.insert(
                "execution_count".into(),
                count.map(|n| json!(n)).unwrap_or(Json::Null),
            );
            cell.insert("outputs".into(), Json::Array(outputs));
        }
    }

    /// The notebook as nbformat 4.5 text: every cell has an id (new ones random), and
    /// every multi-line field is a list of lines.
    pub fn to_text(&mut self) -> String {
        let mut used: std::collections::HashSet<String> = std::collections::HashSet::new();
        if let Some(cells) = self.json.get_mut("cells").and_then(|c| c.as_array_mut()) {
            for cell in cells.iter_mut() {
                let Json::Object(cell) = cell else { continue };
                let id = cell.get("id").and_then(|v| v.as_str()).map(String::from);
                let id = match id {
                    Some(id) if valid_id(&id) && !used.contains(&id) => id,
                    _ => loop {
                        let id = new_id();
                        if !used.contains(&id) {
                            break id;
                        }
                    },
                };
                used.insert(id.clone());
                cell.insert("id".into(), Json::String(id));
                if let Some(src) = cell.get("source") {
                    let s = text_of(src);
                    cell.insert("source".into(), lines_of(&s));
                }
                if !cell.contains_key("metadata") {
                    cell.insert("metadata".into(), Json::Object(Map::new()));
                }
            }
        }
        if let Json::Object(top) = &mut self.json {
            let minor = top
                .get("nbformat_minor")
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            top.insert("nbformat_minor".into(), json!(minor.max(5)));
            if !top.contains_key("metadata") {
                top.insert("metadata".into(), Json::Object(Map::new()));
            }
        }
        let mut buf = Vec::new();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
        let _ = serde::Serialize::serialize(&self.json, &mut ser);
        let mut s = String::from_utf8(buf).unwrap_or_default();
        s.push('\n');
        s
    }
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// A fresh cell id: eight hex digits, as Jupyter makes them.
fn new_id() -> String {
    format!("{:08x}", rand::random::<u32>())
}

/// A cell's events as nbformat outputs.
pub fn outputs_json(events: &[Event], count: usize) -> Vec<Json> {
    events
        .iter()
        .map(|e| match e {
            Event::Stream { name, text } => json!({
                "name": name,
                "output_type": "stream",
                "text": lines_of(text),
            }),
            Event::Display { png, text } => json!({
                "data": {
                    "image/png": crate::plot::png::base64(png),
                    "text/plain": lines_of(text),
                },
                "metadata": {},
                "output_type": "display_data",
            }),
            Event::Result { text } => json!({
                "data": { "text/plain": lines_of(text) },
                "execution_count": count,
                "metadata": {},
                "output_type": "execute_result",
            }),
            Event::Error(err) => json!({
                "ename": err.ename,
                "evalue": err.evalue,
                "output_type": "error",
                "traceback": err.traceback,
            }),
        })
        .collect()
}

/// The text a cell's outputs show, for comparing as nbval does: stdout, the `text/plain`
/// of results and displays, and errors as `Name: value`; stderr is not compared (TensorFlow
/// logs there).
pub fn comparable_lines(outputs: &[Json]) -> Vec<String> {
    let mut text = String::new();
    let line_start = |text: &mut String| {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
    };
    for o in outputs {
        match o.get("output_type").and_then(|t| t.as_str()) {
            Some("stream") if o.get("name").and_then(|n| n.as_str()) == Some("stdout") => {
                text.push_str(&text_of(o.get("text").unwrap_or(&Json::Null)));
            }
            Some("execute_result") | Some("display_data") => {
                if let Some(t) = o.pointer("/data/text~1plain") {
                    line_start(&mut text);
                    text.push_str(&text_of(t));
                    text.push('\n');
                }
            }
            Some("error") => {
                line_start(&mut text);
                let name = o.get("ename").and_then(|v| v.as_str()).unwrap_or("");
                let value = o.get("evalue").and_then(|v| v.as_str()).unwrap_or("");
                if value.is_empty() {
                    text.push_str(name);
                } else {
                    text.push_str(&format!("{}: {}", name, value));
                }
                text.push('\n');
            }
            _ => {}
        }
    }
    text.lines().map(String::from).collect()
}

pub(crate) mod tests {
    use super::*;

    fn reads_and_writes_nbformat_4_5() {
        let src = r##"{"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["# T"]},
            {"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [],
             "source": ["x = 1\n", "x"]}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 2}"##;
        let mut nb = Notebook::parse(src).unwrap();
        let cells = nb.code_cells();
        assert_eq!(cells.len(), 1);
        assert_eq!((cells[0].index, cells[0].source.as_str()), (1, "x = 1\nx"));
        let outs = outputs_json(&[Event::Result { text: "1".into() }], 1);
        nb.set_outputs(1, Some(1), outs);
        let text = nb.to_text();
        let back: Json = serde_json::from_str(&text).unwrap();
        assert_eq!(back["nbformat_minor"], json!(5));
        assert!(back["cells"][0]["id"].as_str().is_some_and(valid_id));
        assert_eq!(back["cells"][1]["execution_count"], json!(1));
        assert_eq!(
            back["cells"][1]["outputs"][0]["data"]["text/plain"],
            json!(["1"])
        );
        assert_eq!(back["cells"][1]["source"], json!(["x = 1\n", "x"]));
        assert!(text.starts_with("{\n \"cells\": [\n  {\n"));
        assert!(Notebook::parse("{\"nbformat\": 3, \"cells\": []}").is_err());
        assert!(Notebook::parse("[1]").is_err());
    }

    fn compares_stdout_results_and_errors() {
        let outs = vec![
            json!({"output_type": "stream", "name": "stdout", "text": ["a\n", "b"]}),
            json!({"output_type": "stream", "name": "stderr", "text": ["W tf"]}),
            json!({"output_type": "execute_result", "data": {"text/plain": ["3"]}, "execution_count": 1, "metadata": {}}),
            json!({"output_type": "error", "ename": "E", "evalue": "v", "traceback": []}),
        ];
        assert_eq!(comparable_lines(&outs), vec!["a", "b", "3", "E: v"]);
    }

    unit_cases!(
        reads_and_writes_nbformat_4_5,
        compares_stdout_results_and_errors
    );
}
