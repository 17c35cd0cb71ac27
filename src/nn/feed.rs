//! Where the batches of `fit`, `evaluate` and `predict` come from: arrays cut into batches
//! (in a new shuffled order each pass when training), or a stream whose elements are
//! batches already — a `tf.data.Dataset`, a Python generator or iterator, a Keras
//! `Sequence` — as Keras's data adapters and `DataHandler` read them: the number of steps
//! from the dataset's cardinality (unknown until a first pass ends), a new iterator each
//! epoch unless `steps_per_epoch` cuts epochs out of one, and a warning when the data runs
//! out before the epochs do.

use super::batches::{labels, weights_arg, Data};
use crate::errors::ExcKind;
use crate::eval::error::{raise, R};
use crate::eval::value::Args;
use crate::eval::{Interp, Value};
use crate::tensor::random::{dists, philox::Philox};
use crate::tensor::Tensor;
use std::io::Write;

/// A stream of batches.
#[derive(Clone)]
pub(crate) enum Source {
    Dataset(Value),
    Sequence(Value),
    Iterator(Value),
}

const DATASET_MODULE: &str = "tensorflow.python.data.ops.dataset_ops";
const SEQUENCE_MODULE: &str = "keras.src.utils.data_utils";

fn instance_of(it: &mut Interp, x: &Value, module: &str, class: &str) -> R<bool> {
    let Some(Value::Module(m)) = it.modules.get(module).cloned() else {
        return Ok(false);
    };
    let Some(cls) = m.get(class) else {
        return Ok(false);
    };
    crate::eval::types::isinstance(&it.hooks, x, &cls)
}

impl Source {
    /// The stream `x` is, or None for arrays.
    pub(crate) fn of(it: &mut Interp, x: &Value) -> R<Option<Source>> {
        if !matches!(x, Value::Instance(_) | Value::Iterator(_)) {
            return Ok(None);
        }
        if instance_of(it, x, DATASET_MODULE, "DatasetV2")? {
            return Ok(Some(Source::Dataset(x.clone())));
        }
        if instance_of(it, x, SEQUENCE_MODULE, "Sequence")? {
            return Ok(Some(Source::Sequence(x.clone())));
        }
        if matches!(x, Value::Iterator(_)) || it.get_attr(x, "__next__").is_ok() {
            return Ok(Some(Source::Iterator(x.clone())));
        }
        Ok(None)
    }

    /// What the adapter calls its input in its messages.
    fn called(&self) -> &'static str {
        match self {
            Source::Dataset(_) => "dataset",
            Source::Sequence(_) => "`keras.utils.Sequence`",
            Source::Iterator(_) => "python generator",
        }
    }

    /// Keras's adapters refuse `y` and `sample_weight` beside a stream, and `fit` refuses
    /// to split one for validation.
    pub(crate) fn refuse_arrays(
        &self,
        it: &mut Interp,
        y: &Option<Value>,
        sw: &Option<Value>,
        split: Option<(f64, &Value)>,
    ) -> R<()> {
        if let Some((split, x)) = split {
            if split != 0.0 {
                let cls = it.get_attr(x, "__class__")?;
                let cls = it.repr(&cls)?;
                return raise(
                    ExcKind::ValueError,
                    format!("`validation_split` is only supported for Tensors or NumPy arrays, found following types in the input: [{}]", cls),
                );
            }
        }
        if y.as_ref().is_some_and(|v| !matches!(v, Value::None)) {
            return raise(
                ExcKind::ValueError,
                format!(
                    "`y` argument is not supported when using {} as input.",
                    self.called()
                ),
            );
        }
        if sw.as_ref().is_some_and(|v| !matches!(v, Value::None)) {
            return raise(
                ExcKind::ValueError,
                format!(
                    "`sample_weight` argument is not supported when using {} as input.",
                    self.called()
                ),
            );
        }
        Ok(())
    }

    /// The dataset's cardinality or the sequence's length; None while unknown. An
    /// infinite dataset is Keras's error unless `steps` are given (then its size is None).
    fn size(&self, it: &mut Interp, steps: Option<usize>) -> R<Option<usize>> {
        match self {
            Source::Dataset(ds) => {
                let f = it.get_attr(ds, "_card")?;
                match it.call(&f, Args::default())? {
                    Value::Int(-1) if steps.is_some() => Ok(None),
                    Value::Int(-1) => raise(
                        ExcKind::ValueError,
                        "When providing an infinite dataset, you must specify the number of steps to run (if you did not intend to create an infinite dataset, make sure to not call `repeat()` on the dataset).",
                    ),
                    Value::Int(n) if n >= 0 => Ok(Some(n as usize)),
                    _ => Ok(None),
                }
            }
            Source::Sequence(s) => Ok(it.instance_len(s)?.map(|n| n.max(0) as usize)),
            Source::Iterator(_) => Ok(None),
        }
    }
}

/// A stream being read: the current iterator, and whether each epoch starts a new one.
pub(crate) struct Stream {
    source: Source,
    current: Option<Value>,
    recreate: bool,
    /// A Sequence's batch order this epoch (shuffled with Python's `random.shuffle` when
    /// training shuffles, as Keras's adapter does), and the next place in it.
    order: Vec<usize>,
    ordered: bool,
    shuffle: bool,
    index: usize,
    /// The dataset's or sequence's size, when known.
    size: Option<usize>,
    /// The steps of an epoch, once known.
    pub steps: Option<usize>,
    /// The data ran out before the steps asked for did (Keras's `_insufficient_data`).
    pub ran_out: bool,
    /// The steps the epochs asked for in all, for the warning.
    total_epochs: usize,
}

impl Stream {
    /// Keras's `DataHandler`: the iterator is made before the first epoch and, unless
    /// `steps_per_epoch` differs from the dataset's size, again at each epoch. A Sequence's
    /// first batch is read once first, as Keras's adapter peeks at it.
    pub(crate) fn open(
        it: &mut Interp,
        source: Source,
        user_steps: Option<usize>,
        epochs: usize,
        shuffle: bool,
    ) -> R<Stream> {
        // Keras's `_infer_steps`: the steps given, else the size.
        let size = source.size(it, user_steps)?;
        let recreate = match &source {
            Source::Dataset(_) => user_steps.is_none() || size == user_steps,
            Source::Sequence(_) => true,
            Source::Iterator(_) => false,
        };
        if let Source::Sequence(seq) = &source {
            if size.unwrap_or(0) > 0 {
                it.get_item(seq, &Value::Int(0))?;
            }
        }
        let mut s = Stream {
            source,
            current: None,
            recreate,
            order: Vec::new(),
            ordered: false,
            shuffle,
            index: 0,
            size,
            steps: user_steps.or(size),
            ran_out: false,
            total_epochs: epochs,
        };
        s.current = Some(s.fresh(it)?);
        Ok(s)
    }

    fn fresh(&mut self, it: &mut Interp) -> R<Value> {
        self.index = 0;
        match &self.source {
            Source::Dataset(d) => it.iter_of(d),
            Source::Sequence(s) => {
                self.ordered = false;
                Ok(s.clone())
            }
            Source::Iterator(i) => it.iter_of(i),
        }
    }

    /// A Sequence's batch order for a pass, made when the pass is first read (Keras's
    /// generator shuffles when it starts, so an iterator never read shuffles nothing).
    fn sequence_order(&mut self, it: &mut Interp) -> R<()> {
        let n = self.size.unwrap_or(0);
        let order = Value::list((0..n as i64).map(Value::Int).collect());
        if self.shuffle {
            let random = it.import_module("random")?;
            let f = it.get_attr(&random, "shuffle")?;
            it.call(&f, Args::new(vec![order.clone()]))?;
        }
        self.order = it
            .collect_items(&order)?
            .iter()
            .map(|v| crate::api::convert::i64_arg(v, "index").map(|i| i as usize))
            .collect::<R<_>>()?;
        self.ordered = true;
        Ok(())
    }

    /// Called as an epoch ends: a Sequence's `on_epoch_end`.
    pub(crate) fn end_epoch(&mut self, it: &mut Interp) -> R<()> {
        if let Source::Sequence(s) = &self.source {
            let s = s.clone();
            if let Ok(f) = it.get_attr(&s, "on_epoch_end") {
                it.call(&f, Args::default())?;
            }
        }
        Ok(())
    }

    /// Called as an epoch begins.
    pub(crate) fn start_epoch(&mut self, it: &mut Interp) -> R<()> {
        if self.recreate {
            self.current = Some(self.fresh(it)?);
        }
        Ok(())
    }

    /// The next batch, or None when the data ran out (the first time, this fixes the
    /// number of steps; later, it is Keras's "ran out of data" warning).
    pub(crate) fn next(&mut self, it: &mut Interp, step: usize) -> R<Option<Value>> {
        if matches!(self.source, Source::Sequence(_)) && !self.ordered {
            self.sequence_order(it)?;
        }
        let item = match (&self.source, &self.current) {
            (Source::Sequence(s), _) => match self.order.get(self.index) {
                None => None,
                Some(&i) => {
                    let s = s.clone();
                    self.index += 1;
                    Some(it.get_item(&s, &Value::Int(i as i64))?)
                }
            },
            (_, Some(cur)) => {
                let cur = cur.clone();
                it.next_of(&cur)?
            }
            (_, None) => None,
        };
        if item.is_none() {
            match self.steps {
                None => self.steps = Some(step),
                Some(n) => {
                    self.ran_out = true;
                    let _ = writeln!(
                        it.io.err,
                        "WARNING:tensorflow:Your input ran out of data; interrupting training. Make sure that your dataset or generator can generate at least `steps_per_epoch * epochs` batches (in this case, {} batches). You may need to use the repeat() function when building your dataset.",
                        self.total_epochs * n
                    );
                }
            }
        }
        Ok(item)
    }
}

/// Keras's `unpack_x_y_sample_weight`: an element is `x`, `(x,)`, `(x, y)` or
/// `(x, y, sample_weight)`.
pub(crate) fn unpack(it: &mut Interp, e: &Value) -> R<Data> {
    let parts: Vec<Value> = match e {
        Value::Tuple(t) => t.to_vec(),
        Value::List(l) => l.borrow().to_vec(),
        other => vec![other.clone()],
    };
    if parts.is_empty() || parts.len() > 3 {
        let shown = it.repr(e)?;
        return raise(
            ExcKind::ValueError,
            format!("Data is expected to be in format `x`, `(x,)`, `(x, y)`, or `(x, y, sample_weight)`, found: {}", shown),
        );
    }
    Ok(Data {
        x: super::training::input_tensor(it, &parts[0])?,
        y: labels(it, parts.get(1).cloned(), true)?,
        sw: weights_arg(it, parts.get(2).cloned())?,
    })
}

/// The arrays of a run, cut into batches: in order, or in a new shuffled order each pass
/// (Keras shuffles with `tf.random.shuffle` inside a traced function, whose stream runs on
/// from pass to pass); `steps_per_epoch` may end an epoch mid-pass.
pub(crate) struct ArrayFeed {
    pub data: Data,
    pub batch: usize,
    pub per_pass: usize,
    drawn: usize,
    order: Option<Tensor>,
    shuffler: Option<Philox>,
}

impl ArrayFeed {
    pub(crate) fn new(data: Data, batch: usize, shuffler: Option<Philox>) -> R<ArrayFeed> {
        let n = data.samples()?;
        Ok(ArrayFeed {
            data,
            batch,
            per_pass: n.div_ceil(batch).max(1),
            drawn: 0,
            order: None,
            shuffler,
        })
    }

    /// The next batch, with class weights folded in.
    pub(crate) fn next(&mut self, table: Option<&Tensor>) -> R<Data> {
        let n = self.data.samples()?;
        let pos = self.drawn % self.per_pass;
        self.drawn += 1;
        if pos == 0 {
            self.order = self.shuffler.as_mut().map(|stream| {
                let g = *stream;
                stream.skip(dists::shuffle_steps(n));
                let p = dists::permutation(g, n);
                Tensor::from_vec(&[n], p.into_iter().map(|i| i as i64).collect())
            });
        }
        let (a, b) = (pos * self.batch, ((pos + 1) * self.batch).min(n));
        self.data.batch(self.order.as_ref(), a, b, table)
    }
}

/// The feed of one pass over `x` (`evaluate`, `predict`): a stream read for `steps` (all of
/// it when None), or the arrays `arrays` makes, in batches of `batch_size`.
pub(crate) fn one_pass(
    it: &mut Interp,
    source: Option<Source>,
    arrays: impl FnOnce(&mut Interp) -> R<Data>,
    batch_size: Option<Value>,
    steps: Option<usize>,
) -> R<Feed> {
    Ok(match source {
        Some(source) => Feed::Stream(Stream::open(it, source, steps, 1, false)?),
        None => {
            let data = arrays(it)?;
            let n = data.samples()?;
            let batch = super::training::batch_arg(super::training::batch_or(batch_size)?, n)?;
            Feed::Arrays(ArrayFeed::new(data, batch, None)?)
        }
    })
}

/// The batches of a run, from arrays or a stream.
pub(crate) enum Feed {
    Arrays(ArrayFeed),
    Stream(Stream),
}

impl Feed {
    /// The steps of an epoch, when known.
    pub(crate) fn steps(&self, user_steps: Option<usize>) -> Option<usize> {
        match self {
            Feed::Arrays(a) => Some(user_steps.unwrap_or(a.per_pass)),
            Feed::Stream(s) => s.steps,
        }
    }

    pub(crate) fn start_epoch(&mut self, it: &mut Interp) -> R<()> {
        match self {
            Feed::Arrays(_) => Ok(()),
            Feed::Stream(s) => s.start_epoch(it),
        }
    }

    pub(crate) fn end_epoch(&mut self, it: &mut Interp) -> R<()> {
        match self {
            Feed::Arrays(_) => Ok(()),
            Feed::Stream(s) => s.end_epoch(it),
        }
    }

    /// Step `step`'s batch, or None when a stream ran out.
    pub(crate) fn next(
        &mut self,
        it: &mut Interp,
        step: usize,
        table: Option<&Tensor>,
    ) -> R<Option<Data>> {
        match self {
            Feed::Arrays(a) => a.next(table).map(Some),
            Feed::Stream(s) => {
                let Some(e) = s.next(it, step)? else {
                    return Ok(None);
                };
                let mut d = unpack(it, &e)?;
                if let (Some(table), Some(y)) = (table, &d.y) {
                    d.sw = Some(super::sample_weight::with_classes(table, y, d.sw.as_ref())?);
                }
                Ok(Some(d))
            }
        }
    }

    /// Whether the batches differ in size (a short last batch), so that a traced step
    /// sees an unknown batch dimension. A stream's batches are taken to (Keras's
    /// dataset spec of a generator or an undropped `batch` leaves it unknown).
    pub(crate) fn batch_open(&self) -> bool {
        match self {
            Feed::Arrays(a) => a.data.samples().map_or(true, |n| n % a.batch != 0),
            Feed::Stream(_) => true,
        }
    }

    pub(crate) fn ran_out(&self) -> bool {
        matches!(self, Feed::Stream(s) if s.ran_out)
    }
}
