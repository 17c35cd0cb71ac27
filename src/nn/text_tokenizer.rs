//! `keras.preprocessing.text`: Keras's legacy `Tokenizer`, `text_to_word_sequence` and
//! `tokenizer_from_json`, written in Python (`pysrc/text_tokenizer.py`). The module is
//! built the first time it is reached, so sessions that never use it pay nothing.

use crate::api::new_module;
use crate::eval::{Interp, Value};
use crate::pylib::pysource;

const SOURCE_MODULE: &str = "keras.src.preprocessing.text";
const SOURCE: &str = include_str!("pysrc/text_tokenizer.py");
const PATH: &str = "keras.preprocessing.text";
const NAMES: [&str; 3] = ["Tokenizer", "text_to_word_sequence", "tokenizer_from_json"];

/// Registers `keras.preprocessing.text` as built on first use.
pub(crate) fn install(it: &mut Interp) {
    pysource::install_lazy(it, &[PATH], build);
}

fn build(it: &mut Interp) {
    let Some(src) = pysource::build_lazy(it, &[PATH], SOURCE_MODULE, SOURCE, &[]) else {
        return;
    };
    let text = new_module(PATH);
    for name in NAMES {
        if let Some(v) = src.get(name) {
            text.set(name, v);
        }
    }
    if let Some(Value::Module(parent)) = it.modules.get("keras.preprocessing").cloned() {
        parent.set("text", Value::Module(text.clone()));
    }
    it.modules.insert(PATH.into(), Value::Module(text.clone()));
    it.modules
        .insert(format!("tensorflow.{}", PATH), Value::Module(text));
}
