//! `model.summary()` in the seed notebook's TF 2.0 layout: three columns (65 wide, fields
//! at 0, 29 and 55) for Sequential, subclassed and chain-shaped functional models, four
//! columns with "Connected to" (98 wide, fields at 0, 32, 53 and 65) for other functional
//! models; `_` rules between layers, totals with thousands separators.

use super::keras_tensor::inbound_of;
use crate::eval::error::R;
use crate::eval::value::Variable;
use crate::eval::{Interp, Value};
use crate::print::cfmt::thousands;
use std::rc::Rc;

/// One layer's row.
pub struct Row {
    /// `dense (Dense)`.
    pub label: String,
    pub shape: String,
    pub params: usize,
    /// `input_1[0][0]` for each input of each of the layer's calls in the model.
    pub connections: Vec<String>,
}

/// The row of any layer-like value: its name and class, its output shape (`multiple` when
/// unknown or when its calls disagree) and its parameter count.
pub fn row_of(l: &Value) -> Row {
    let name = super::keras_tensor::layer_name(l);
    let class = match super::layer_ref(l) {
        Some(layer) => layer.class_name.clone(),
        None => l.type_name(),
    };
    let mut shape = "multiple".to_string();
    let shapes = match inbound_of(l) {
        Some(i) => i.output_shapes(),
        None => super::native_layer(l)
            .and_then(|n| inbound_of(&n).map(|i| i.output_shapes()))
            .unwrap_or_default(),
    };
    if let Some(first) = shapes.first() {
        if shapes.iter().all(|s| s == first) {
            shape = first.clone();
        }
    } else {
        let native = super::native_layer(l);
        let layer = super::layer_ref(l).or_else(|| native.as_ref().and_then(super::layer_ref));
        if let Some(s) = layer.and_then(|layer| layer.output_shape.borrow().clone()) {
            shape = crate::eval::repr::shape_str(&Some(s));
        }
    }
    let params = super::weights_of(l)
        .iter()
        .map(|v| v.value.borrow().size())
        .sum();
    Row {
        label: format!("{} ({})", name, class),
        shape,
        params,
        connections: vec![],
    }
}

/// Lays out fields at the given end positions, each cut to fit, one space before the next.
fn fields(fields: &[String], positions: &[usize]) -> String {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.pop();
            line.push(' ');
        }
        line.push_str(f);
        let cut: String = line.chars().take(positions[i]).collect();
        line = format!("{:<width$}", cut, width = positions[i]);
    }
    line
}

/// The table for `rows`; with `connected`, the four-column layout.
pub fn print_rows(
    it: &mut Interp,
    name: &str,
    rows: &[Row],
    trainable: Vec<Rc<Variable>>,
    non_trainable: Vec<Rc<Variable>>,
    connected: bool,
) {
    let (positions, width): (&[usize], usize) = if connected {
        (&[32, 53, 65, 98], 98)
    } else {
        (&[29, 55, 65], 65)
    };
    let mut header = vec![
        "Layer (type)".to_string(),
        "Output Shape".into(),
        "Param #".into(),
    ];
    if connected {
        header.push("Connected to".into());
    }
    let mut out = format!("Model: \"{}\"\n", name);
    out.push_str(&format!("{}\n", "_".repeat(width)));
    out.push_str(&fields(&header, positions));
    out.push('\n');
    out.push_str(&format!("{}\n", "=".repeat(width)));
    for (i, r) in rows.iter().enumerate() {
        let mut f = vec![r.label.clone(), r.shape.clone(), r.params.to_string()];
        if connected {
            f.push(r.connections.first().cloned().unwrap_or_default());
        }
        out.push_str(&fields(&f, positions));
        out.push('\n');
        if connected {
            for c in r.connections.iter().skip(1) {
                let f = [String::new(), String::new(), String::new(), c.clone()];
                out.push_str(&fields(&f, positions));
                out.push('\n');
            }
        }
        out.push_str(&format!(
            "{}\n",
            if i + 1 == rows.len() { "=" } else { "_" }.repeat(width)
        ));
    }
    if rows.is_empty() {
        out.push_str(&format!("{}\n", "=".repeat(width)));
    }
    let count =
        |vs: Vec<Rc<Variable>>| -> usize { vs.iter().map(|v| v.value.borrow().size()).sum() };
    let (t, n) = (count(trainable), count(non_trainable));
    out.push_str(&format!("Total params: {}\n", thousands(t + n)));
    out.push_str(&format!("Trainable params: {}\n", thousands(t)));
    out.push_str(&format!("Non-trainable params: {}\n", thousands(n)));
    out.push_str(&format!("{}\n", "_".repeat(width)));
    it.write_out(&out);
}

/// The three-column table of a Sequential or subclassed model's layers.
pub fn print_summary(
    it: &mut Interp,
    name: &str,
    layers: &[Value],
    trainable: Vec<Rc<Variable>>,
    non_trainable: Vec<Rc<Variable>>,
) -> R<()> {
    let rows: Vec<Row> = layers.iter().map(row_of).collect();
    print_rows(it, name, &rows, trainable, non_trainable, false);
    Ok(())
}
