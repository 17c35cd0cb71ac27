//! numpy's broadcasting rules, the errors TensorFlow gives when shapes do not fit, and a
//! shape's tuple form for those messages.

/// The broadcast of two shapes, or None when they are incompatible.
pub fn broadcast_shapes(a: &[usize], b: &[usize]) -> Option<Vec<usize>> {
    let n = a.len().max(b.len());
    let mut out = vec![0; n];
    for i in 0..n {
        let x = if i + a.len() >= n {
            a[i + a.len() - n]
        } else {
            1
        };
        let y = if i + b.len() >= n {
            b[i + b.len() - n]
        } else {
            1
        };
        out[i] = match (x, y) {
            (x, y) if x == y => x,
            (1, y) => y,
            (x, 1) => x,
            _ => return None,
        };
    }
    Some(out)
}

/// `[2,3]` as TensorFlow writes shapes in messages.
pub fn shape_brackets(s: &[usize]) -> String {
    format!(
        "[{}]",
        s.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// A shape as a Python tuple: `(2, 3)`, `(5,)`, `()`.
pub fn shape_tuple(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [n] => format!("({},)", n),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// numpy's message for shapes that do not broadcast (its trailing space included):
/// `operands could not be broadcast together with shapes (2,) (3,) `.
pub fn np_mismatch(shapes: &[&[usize]]) -> String {
    let mut m = String::from("operands could not be broadcast together with shapes ");
    for s in shapes {
        m.push_str(&shape_tuple(s).replace(' ', ""));
        m.push(' ');
    }
    m
}

pub(crate) mod tests {
    //! Expected shapes are numpy 1.26's `np.broadcast_shapes(a, b)` (None where it raises
    //! "shape mismatch: objects cannot be broadcast to a single shape"), checked both ways
    //! round; message forms are what Python and TensorFlow 2.15 print.

    use super::*;

    /// Two shapes and their broadcast.
    type Case = (&'static [usize], &'static [usize], Option<&'static [usize]>);

    const CASES: &[Case] = &[
        (&[2, 3], &[3], Some(&[2, 3])),
        (&[], &[4, 5], Some(&[4, 5])),
        (&[], &[], Some(&[])),
        (&[1], &[5], Some(&[5])),
        (&[8, 1, 6, 1], &[7, 1, 5], Some(&[8, 7, 6, 5])),
        (&[5, 4], &[1], Some(&[5, 4])),
        (&[15, 3, 5], &[15, 1, 5], Some(&[15, 3, 5])),
        (&[15, 3, 5], &[3, 1], Some(&[15, 3, 5])),
        (&[2, 3], &[2, 3], Some(&[2, 3])),
        (&[4, 1], &[3], Some(&[4, 3])),
        (&[1, 1, 1], &[2], Some(&[1, 1, 2])),
        // A size-0 dim broadcasts against 1 only.
        (&[0], &[1], Some(&[0])),
        (&[1, 0], &[3, 1], Some(&[3, 0])),
        (&[0], &[2], None),
        (&[3], &[4], None),
        (&[2, 1], &[8, 4, 3], None),
        (&[2, 3], &[3, 2], None),
    ];

    fn numpy_broadcast_shapes() {
        for &(a, b, want) in CASES {
            let want = want.map(|w| w.to_vec());
            assert_eq!(broadcast_shapes(a, b), want, "{:?} with {:?}", a, b);
            assert_eq!(broadcast_shapes(b, a), want, "{:?} with {:?}", b, a);
        }
    }

    fn shape_forms() {
        // str((2, 3)), str((5,)), str(()), np.zeros((1, 0, 7)).shape
        assert_eq!(shape_tuple(&[2, 3]), "(2, 3)");
        assert_eq!(shape_tuple(&[5]), "(5,)");
        assert_eq!(shape_tuple(&[]), "()");
        assert_eq!(shape_tuple(&[1, 0, 7]), "(1, 0, 7)");
        // tf.zeros([2,3]) + tf.zeros([4]): "Incompatible shapes: [2,3] vs. [4]"
        assert_eq!(shape_brackets(&[2, 3]), "[2,3]");
        assert_eq!(shape_brackets(&[4]), "[4]");
        // tf.zeros([1,2,0]) + tf.zeros([3]): "Incompatible shapes: [1,2,0] vs. [3]"
        assert_eq!(shape_brackets(&[1, 2, 0]), "[1,2,0]");
    }

    unit_cases!(numpy_broadcast_shapes, shape_forms);
}
