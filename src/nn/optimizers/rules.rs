//! The update rules of Keras 2.15's optimizers, one dense step of one variable each, in
//! the variable's dtype with Keras's order of operations (a hyperparameter Keras casts to
//! the variable's dtype first is cast here too, so `1 - beta_1` rounds as TensorFlow's
//! does), and the slot variables each rule keeps.

use crate::eval::error::R;
use crate::eval::value::Variable;
use crate::tensor::ops::elementwise::{self as ew, Binary, Unary};
use crate::tensor::{DType, Tensor};
use std::rc::Rc;

/// An optimizer family and its hyperparameters.
#[derive(Clone, Copy)]
pub(crate) enum Kind {
    Sgd {
        momentum: f64,
        nesterov: bool,
    },
    /// Adam, and AdamW (whose decay is the base class's weight decay).
    Adam {
        beta_1: f64,
        beta_2: f64,
        epsilon: f64,
        amsgrad: bool,
    },
    RmsProp {
        rho: f64,
        momentum: f64,
        epsilon: f64,
        centered: bool,
    },
    Adagrad {
        initial: f64,
        epsilon: f64,
    },
    Nadam {
        beta_1: f64,
        beta_2: f64,
        epsilon: f64,
    },
    Adamax {
        beta_1: f64,
        beta_2: f64,
        epsilon: f64,
    },
    Adadelta {
        rho: f64,
        epsilon: f64,
    },
    Ftrl {
        power: f64,
        initial: f64,
        l1: f64,
        l2: f64,
        shrinkage: f64,
        beta: f64,
    },
    Lion {
        beta_1: f64,
        beta_2: f64,
    },
}

/// A variable's slots by name (`m`, `v`, `accumulator`, ...).
pub(crate) type Slots = Vec<(&'static str, Rc<Variable>)>;

/// Nadam's running product of momentum-decay factors, shared by all variables, and
/// Keras's count of the steps it covers (each step multiplies it in once).
pub(crate) struct UProduct {
    pub value: Tensor,
    pub counter: i64,
    /// Under `fit` Keras's step is a traced graph, traced twice on its first call (once
    /// to make variables): each variable's comparison of the count is fixed at the second
    /// tracing, when the count stood at this base plus the variable's index.
    pub traced_base: Option<i64>,
}

impl Kind {
    /// The slots Keras makes, in groups: each group is made for every variable in turn,
    /// then the next group. Each slot is (name, initial value).
    pub(crate) fn slot_groups(&self) -> Vec<Vec<(&'static str, f64)>> {
        match *self {
            Kind::Sgd { .. } => vec![vec![("m", 0.0)]],
            Kind::Adam { amsgrad, .. } => {
                let mut g = vec![vec![("m", 0.0), ("v", 0.0)]];
                if amsgrad {
                    g.push(vec![("vhat", 0.0)]);
                }
                g
            }
            Kind::RmsProp {
                momentum, centered, ..
            } => {
                let mut g = vec![vec![("velocity", 0.0)]];
                if momentum > 0.0 {
                    g.push(vec![("momentum", 0.0)]);
                }
                if centered {
                    g.push(vec![("average_gradient", 0.0)]);
                }
                g
            }
            Kind::Adagrad { initial, .. } => vec![vec![("accumulator", initial)]],
            Kind::Nadam { .. } => vec![vec![("m", 0.0), ("v", 0.0)]],
            Kind::Adamax { .. } => vec![vec![("m", 0.0), ("u", 0.0)]],
            Kind::Adadelta { .. } => vec![vec![
                ("accumulated_grad", 0.0),
                ("accumulated_delta_var", 0.0),
            ]],
            Kind::Ftrl { initial, .. } => vec![vec![("accumulator", initial), ("linear", 0.0)]],
            Kind::Lion { .. } => vec![vec![("m", 0.0)]],
        }
    }
}

/// One variable's step: its value, gradient, the learning rate, the iteration count
/// before this step, its slots and its index among the variables the optimizer was
/// built on.
pub(crate) struct Step<'a> {
    pub w: Tensor,
    pub g: Tensor,
    /// The learning rate variable's value (a tensor, so a captured step reads it each run).
    pub lr: Tensor,
    /// The iteration count before this step, as a tensor; `t` is the same count as a number,
    /// read only by the rules that decide on it in Rust (Nadam), 0 for the others.
    pub iterations: Tensor,
    pub t: i64,
    pub slots: &'a Slots,
    pub index: usize,
    /// How many variables the optimizer was built on.
    pub count: usize,
    pub traced: bool,
}

fn b(op: Binary, x: &Tensor, y: &Tensor) -> R<Tensor> {
    Ok(ew::binary(op, x, y)?)
}
fn add(x: &Tensor, y: &Tensor) -> R<Tensor> {
    b(Binary::Add, x, y)
}
fn sub(x: &Tensor, y: &Tensor) -> R<Tensor> {
    b(Binary::Sub, x, y)
}
fn mul(x: &Tensor, y: &Tensor) -> R<Tensor> {
    b(Binary::Mul, x, y)
}
fn div(x: &Tensor, y: &Tensor) -> R<Tensor> {
    b(Binary::Div, x, y)
}
fn pow(x: &Tensor, y: &Tensor) -> R<Tensor> {
    b(Binary::Pow, x, y)
}
fn un(op: Unary, x: &Tensor) -> R<Tensor> {
    Ok(ew::unary(op, x)?)
}

/// The current value of a slot.
fn get(slots: &Slots, name: &str) -> Tensor {
    slots
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.value.borrow().clone())
        .unwrap_or_else(|| Tensor::scalar(0f32))
}

fn put(slots: &Slots, name: &str, t: Tensor) {
    if let Some((_, v)) = slots.iter().find(|(n, _)| *n == name) {
        v.set(t);
    }
}

/// The new value of the variable after one step.
pub(crate) fn update(kind: &Kind, st: Step, u: Option<&mut UProduct>) -> R<Tensor> {
    let dtype: DType = st.w.dtype();
    // Hyperparameters are constants of the step; the rate and the count are read from
    // their variables.
    let s = |v: f64| {
        let t = Tensor::from_f64s(dtype, &[], &[v]);
        crate::tensor::compile::capture::constant(&t);
        t
    };
    let (w, g, slots) = (&st.w, &st.g, st.slots);
    let lr = st.lr.cast(dtype);
    // The step count as a float, made only by the rules that use it.
    let local_step = || -> R<Tensor> {
        Ok(add(
            &st.iterations,
            &Tensor::full(st.iterations.dtype(), &[], 1.0),
        )?
        .cast(dtype))
    };
    let one = s(1.0);
    Ok(match *kind {
        Kind::Sgd { momentum, nesterov } => {
            let mom = s(momentum);
            let step = mul(&un(Unary::Neg, g)?, &lr)?;
            let m = add(&step, &mul(&get(slots, "m"), &mom)?)?;
            put(slots, "m", m.clone());
            if nesterov {
                add(w, &add(&step, &mul(&m, &mom)?)?)?
            } else {
                add(w, &m)?
            }
        }
        Kind::Adam {
            beta_1,
            beta_2,
            epsilon,
            amsgrad,
        } => {
            let step = local_step()?;
            let p1 = pow(&s(beta_1), &step)?;
            let p2 = pow(&s(beta_2), &step)?;
            let alpha = div(
                &mul(&lr, &un(Unary::Sqrt, &sub(&one, &p2)?)?)?,
                &sub(&one, &p1)?,
            )?;
            let m0 = get(slots, "m");
            let m = add(&m0, &mul(&sub(g, &m0)?, &s(1.0 - beta_1))?)?;
            let v0 = get(slots, "v");
            let v = add(
                &v0,
                &mul(&sub(&un(Unary::Square, g)?, &v0)?, &s(1.0 - beta_2))?,
            )?;
            put(slots, "m", m.clone());
            put(slots, "v", v.clone());
            let v = if amsgrad {
                let vh = b(Binary::Maximum, &get(slots, "vhat"), &v)?;
                put(slots, "vhat", vh.clone());
                vh
            } else {
                v
            };
            let den = add(&un(Unary::Sqrt, &v)?, &s(epsilon))?;
            sub(w, &div(&mul(&m, &alpha)?, &den)?)?
        }
        Kind::RmsProp {
            rho,
            momentum,
            epsilon,
            centered,
        } => {
            let vel = add(
                &mul(&s(rho), &get(slots, "velocity"))?,
                &mul(&s(1.0 - rho), &un(Unary::Square, g)?)?,
            )?;
            put(slots, "velocity", vel.clone());
            let den = if centered {
                let ag = add(
                    &mul(&s(rho), &get(slots, "average_gradient"))?,
                    &mul(&s(1.0 - rho), g)?,
                )?;
                put(slots, "average_gradient", ag.clone());
                add(&sub(&vel, &un(Unary::Square, &ag)?)?, &s(epsilon))?
            } else {
                add(&vel, &s(epsilon))?
            };
            let inc = mul(&mul(&lr, g)?, &un(Unary::Rsqrt, &den)?)?;
            if momentum > 0.0 {
                let m = add(&mul(&s(momentum), &get(slots, "momentum"))?, &inc)?;
                put(slots, "momentum", m.clone());
                sub(w, &m)?
            } else {
                sub(w, &inc)?
            }
        }
        Kind::Adagrad { epsilon, .. } => {
            let acc = add(&get(slots, "accumulator"), &mul(g, g)?)?;
            put(slots, "accumulator", acc.clone());
            let den = un(Unary::Sqrt, &add(&acc, &s(epsilon))?)?;
            sub(w, &div(&mul(&lr, g)?, &den)?)?
        }
        Kind::Nadam {
            beta_1,
            beta_2,
            epsilon,
        } => {
            let b1 = s(beta_1);
            let b2 = s(beta_2);
            let decay = s(0.96);
            let half = s(0.5);
            let next_step = s((st.t + 2) as f64);
            let u_t = mul(
                &b1,
                &sub(&one, &mul(&half, &pow(&decay, &local_step()?)?)?)?,
            )?;
            let u_t_1 = mul(&b1, &sub(&one, &mul(&half, &pow(&decay, &next_step)?)?)?)?;
            let u_product_t = match u {
                Some(u) => {
                    let cached = if st.traced {
                        let base = *u.traced_base.get_or_insert(u.counter + st.count as i64);
                        base + st.index as i64 == st.t + 2
                    } else {
                        u.counter == st.t + 2
                    };
                    if cached {
                        u.value.cast(dtype)
                    } else {
                        let p = mul(&u.value.cast(dtype), &u_t)?;
                        u.value = p.clone();
                        if !st.traced {
                            u.counter += 1;
                        }
                        p
                    }
                }
                None => u_t.clone(),
            };
            let u_product_t_1 = mul(&u_product_t, &u_t_1)?;
            let beta_2_power = pow(&b2, &local_step()?)?;
            let m0 = get(slots, "m");
            let m = add(&m0, &mul(&sub(g, &m0)?, &sub(&one, &b1)?)?)?;
            let v0 = get(slots, "v");
            let v = add(
                &v0,
                &mul(&sub(&un(Unary::Square, g)?, &v0)?, &sub(&one, &b2)?)?,
            )?;
            put(slots, "m", m.clone());
            put(slots, "v", v.clone());
            let m_hat = add(
                &div(&mul(&u_t_1, &m)?, &sub(&one, &u_product_t_1)?)?,
                &div(&mul(&sub(&one, &u_t)?, g)?, &sub(&one, &u_product_t)?)?,
            )?;
            let v_hat = div(&v, &sub(&one, &beta_2_power)?)?;
            let den = add(&un(Unary::Sqrt, &v_hat)?, &s(epsilon))?;
            sub(w, &div(&mul(&m_hat, &lr)?, &den)?)?
        }
        Kind::Adamax {
            beta_1,
            beta_2,
            epsilon,
        } => {
            let p1 = pow(&s(beta_1), &local_step()?)?;
            let m0 = get(slots, "m");
            let m = add(&m0, &mul(&sub(g, &m0)?, &s(1.0 - beta_1))?)?;
            let u = b(
                Binary::Maximum,
                &mul(&s(beta_2), &get(slots, "u"))?,
                &un(Unary::Abs, g)?,
            )?;
            put(slots, "m", m.clone());
            put(slots, "u", u.clone());
            let den = mul(&sub(&one, &p1)?, &add(&u, &s(epsilon))?)?;
            sub(w, &div(&mul(&lr, &m)?, &den)?)?
        }
        Kind::Adadelta { rho, epsilon } => {
            let r = s(rho);
            let r1 = s(1.0 - rho);
            let eps = s(epsilon);
            let rms = |x: &Tensor| -> R<Tensor> { un(Unary::Sqrt, &add(x, &eps)?) };
            let ag = add(
                &mul(&r, &get(slots, "accumulated_grad"))?,
                &mul(&mul(&r1, g)?, g)?,
            )?;
            put(slots, "accumulated_grad", ag.clone());
            let adv0 = get(slots, "accumulated_delta_var");
            let delta = div(&mul(&un(Unary::Neg, &rms(&adv0)?)?, g)?, &rms(&ag)?)?;
            let adv = add(&mul(&r, &adv0)?, &mul(&mul(&r1, &delta)?, &delta)?)?;
            put(slots, "accumulated_delta_var", adv);
            add(w, &mul(&lr, &delta)?)?
        }
        Kind::Ftrl {
            power,
            l1,
            l2,
            shrinkage,
            beta,
            ..
        } => {
            let l2_reg = add(&s(l2), &div(&s(beta), &mul(&s(2.0), &lr)?)?)?;
            let grad_to_use = add(g, &mul(&s(2.0 * shrinkage), w)?)?;
            let accum = get(slots, "accumulator");
            let new_accum = add(&accum, &pow(g, &s(2.0))?)?;
            let e = s(-power);
            let lin = add(
                &get(slots, "linear"),
                &sub(
                    &grad_to_use,
                    &mul(
                        &div(&sub(&pow(&new_accum, &e)?, &pow(&accum, &e)?)?, &lr)?,
                        w,
                    )?,
                )?,
            )?;
            put(slots, "linear", lin.clone());
            let quadratic = add(&div(&pow(&new_accum, &e)?, &lr)?, &mul(&l2_reg, &s(2.0))?)?;
            let clipped = b(Binary::Maximum, &b(Binary::Minimum, &lin, &s(l1))?, &s(-l1))?;
            put(slots, "accumulator", new_accum);
            div(&sub(&clipped, &lin)?, &quadratic)?
        }
        Kind::Lion { beta_1, beta_2 } => {
            let b1 = s(beta_1);
            let b2 = s(beta_2);
            let m0 = get(slots, "m");
            let dir = add(&mul(&m0, &b1)?, &mul(g, &sub(&one, &b1)?)?)?;
            let new_w = sub(w, &mul(&lr, &un(Unary::Sign, &dir)?)?)?;
            put(
                slots,
                "m",
                add(&mul(&m0, &b2)?, &mul(g, &sub(&one, &b2)?)?)?,
            );
            new_w
        }
    })
}
