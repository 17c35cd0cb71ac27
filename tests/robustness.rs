//! Robustness: nothing a user types may crash tensh. Seeded random programs nest TF calls
//! with ill-fitting arguments (wrong ranks, empty tensors, None, strings, dtypes, shapes);
//! every statement must end in a value or a Python-style error, never in a panic (which the
//! evaluator reports as `InternalError`) or a crash of the process.

mod support;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const ATOMS: &[&str] = &[
    "tf.constant([1, 2, 3])",
    "tf.zeros([2, 0])",
    "tf.ones([3, 1])",
    "x",
    "1",
    "-1",
    "0",
    "2.5",
    "None",
    "[]",
    "()",
    "'s'",
    "[[1], [2]]",
    "tf.range(5)",
    "tf.eye(3)",
    "True",
    "tf.constant(3.0)",
    "tf.random.normal([2, 2])",
    "tf.Variable([1.0])",
    "{}",
    "tf.constant([])",
    "tf.float32",
    "tf.TensorShape([None, 2])",
];

/// Call templates; each `@` is filled with a random sub-expression.
const CALLS: &[&str] = &[
    "tf.reshape(@, @)",
    "tf.reduce_sum(@, @)",
    "tf.gather(@, @)",
    "tf.concat([@, @], 0)",
    "tf.transpose(@, @)",
    "@[@]",
    "@ + @",
    "@ @ @",
    "tf.split(@, @)",
    "tf.tile(@, @)",
    "tf.pad(@, @)",
    "tf.one_hot(@, @)",
    "tf.argmax(@, @)",
    "tf.squeeze(@, @)",
    "tf.expand_dims(@, @)",
    "tf.math.top_k(@, @)",
    "tf.boolean_mask(@, @)",
    "tf.where(@, @, @)",
    "tf.nn.softmax(@, @)",
    "tf.cast(@, @)",
    "tf.broadcast_to(@, @)",
    "tf.linspace(@, @, 3)",
    "tf.keras.layers.Dense(@)(@)",
    "tf.keras.losses.mse(@, @)",
    "len(@)",
    "@[@:@]",
    "tf.unstack(@, @)",
    "tf.sort(@, @)",
    "tf.stack([@, @])",
    "tf.scatter_nd(@, @, @)",
    "'{}'.format(@)",
    "f'{@:.2f}'",
    "sorted(@)",
    "tf.math.cumsum(@, @)",
    "tf.norm(@, @)",
    "tf.clip_by_value(@, @, @)",
];

fn expr(rng: &mut StdRng, depth: usize) -> String {
    if depth > 2 || rng.random::<f64>() < 0.3 {
        return ATOMS.choose(rng).unwrap_or(&"0").to_string();
    }
    let template = CALLS.choose(rng).unwrap_or(&"@");
    let mut out = String::new();
    for (i, part) in template.split('@').enumerate() {
        if i > 0 {
            out.push_str(&expr(rng, depth + 1));
        }
        out.push_str(part);
    }
    out
}

#[test]
fn random_programs_end_in_values_or_python_errors() {
    let mut rng = StdRng::seed_from_u64(0x7e45);
    for batch in 0..20 {
        let mut prog =
            String::from("import tensorflow as tf\nx = tf.constant([[1.0, 2.0], [3.0, 4.0]])\n");
        for _ in 0..50 {
            prog.push_str(&expr(&mut rng, 0));
            prog.push('\n');
        }
        let out = support::run(&["-k", "-"], &prog);
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)) && !text.contains("InternalError"),
            "batch {batch}: exit {code:?}\n--- program\n{prog}--- output\n{text}"
        );
        // Errors must be Python's: every traceback ends in `Name: message`.
        assert!(
            !text.contains("panicked at"),
            "batch {batch} leaked a panic message:\n{text}"
        );
    }
}
