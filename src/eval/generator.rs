//! Generators: `def` bodies that `yield`, and generator expressions. A generator's body runs
//! the ordinary recursive evaluator on a stack of its own (a stackful coroutine, made at the
//! first `next`); `yield` suspends that stack and hands the value to whoever pulled.
//!
//! The evaluator state that belongs to one frame (the current scope, the call depth, the
//! echo flag) is saved by the resumer around each resume and restored by the generator
//! after each `yield`. The active coroutines of a thread form a stack (`ACTIVE`), since a
//! resume always returns before the code that resumed goes on.

use super::error::{err, raise, runtime_err, type_err, Exception, Flow, R};
use super::iter::{IterRef, PyIter};
use super::scope::Scope;
use super::session::MAX_DEPTH;
use super::types::ExcObject;
use super::value::{Args, Function, Value};
use super::Interp;
use crate::errors::ExcKind;
use crate::syntax::ast::{Comprehension, Expr};
use corosensei::stack::{Stack, StackPointer};
use corosensei::{Coroutine, CoroutineResult, Yielder};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Mutex;

/// What a resume hands the generator: the evaluator, lent for the resume, and the value
/// `yield` evaluates to (or the exception it raises: `throw`, `close`).
pub struct Input {
    it: *mut Interp,
    msg: Msg,
}

enum Msg {
    Send(Value),
    Throw(Flow),
}

type Co = Coroutine<Input, Value, R<Value>, GenStack>;
type Body = Box<dyn FnOnce(&mut Interp) -> R<Value>>;

/// How one resume ended.
pub enum Step {
    Yielded(Value),
    /// The body finished: `return value` (the StopIteration's value).
    Returned(Value),
}

enum State {
    Created(Body),
    Suspended(Co),
    Running,
    Done,
}

/// A generator object.
pub struct Generator {
    name: String,
    qualname: String,
    state: State,
    /// The evaluator the body first ran with: its frames keep pointing at it.
    interp: usize,
    /// Below this address on the generator's stack, calls raise RecursionError.
    floor: usize,
    /// What the body returned, until `next()` turns it into StopIteration's value.
    returned: Option<Value>,
}

/// Levels of calls one resume may nest: the coroutine stack's share of the recursion limit.
const CO_DEPTH: usize = 600;
/// The room a call must leave on a coroutine stack: its software guard.
const STACK_MARGIN: usize = 4 << 20;

struct Active {
    yielder: *const Yielder<Input, Value>,
    /// The enclosing resume's `FLOOR`, restored when this one ends.
    outer_floor: usize,
    /// The call depth of the generator's own frame during this resume.
    base_depth: usize,
}

thread_local! {
    static ACTIVE: RefCell<Vec<Active>> = const { RefCell::new(Vec::new()) };
    /// Below this stack address a call raises RecursionError (0: not in a generator).
    static FLOOR: Cell<usize> = const { Cell::new(0) };
}

/// Pops the resume's entry of `ACTIVE` however the resume ends (a panic included).
struct ActiveGuard;

impl Drop for ActiveGuard {
    fn drop(&mut self) {
        if let Some(top) = ACTIVE.with(|a| a.borrow_mut().pop()) {
            FLOOR.with(|f| f.set(top.outer_floor));
        }
    }
}

fn set_yielder(y: &Yielder<Input, Value>) {
    ACTIVE.with(|a| {
        if let Some(top) = a.borrow_mut().last_mut() {
            top.yielder = y;
        }
    });
}

/// The address of a local: where the stack is now.
#[inline(always)]
fn stack_here() -> usize {
    let x = 0u8;
    std::hint::black_box(&x) as *const u8 as usize
}

/// Whether the running generator's stack is nearly used up (calls raise RecursionError).
pub(crate) fn stack_low() -> bool {
    let floor = FLOOR.with(|f| f.get());
    floor != 0 && stack_here() < floor
}

impl Generator {
    /// A generator over a function's body, its arguments already bound into `scope`.
    pub(crate) fn of_function(func: &Rc<Function>, scope: Rc<RefCell<Scope>>) -> Value {
        let f = func.clone();
        let body: Body = Box::new(move |it: &mut Interp| {
            it.scope = scope;
            match it.exec_block(&f.def.body) {
                Ok(()) | Err(Flow::Break) | Err(Flow::Continue) => Ok(Value::None),
                Err(Flow::Return(v)) => Ok(v),
                Err(e) => Err(e),
            }
        });
        super::iter::iter_object(Generator {
            name: func.def.name.clone(),
            qualname: func.qualname.clone(),
            state: State::Created(body),
            interp: 0,
            floor: 0,
            returned: None,
        })
    }

    /// A generator expression: `first` (the outermost iterable, already an iterator) is
    /// walked in `scope`; the rest is evaluated as items are pulled.
    pub(crate) fn of_genexp(
        qualname: String,
        elt: Expr,
        gens: Vec<Comprehension>,
        first: Value,
        scope: Rc<RefCell<Scope>>,
    ) -> Value {
        let body: Body = Box::new(move |it: &mut Interp| {
            it.scope = scope;
            it.comp_level(&gens, 0, Some(first), &mut |it| {
                let v = it.eval(&elt)?;
                it.yield_value(v)?;
                Ok(())
            })?;
            Ok(Value::None)
        });
        super::iter::iter_object(Generator {
            name: "<genexpr>".into(),
            qualname,
            state: State::Created(body),
            interp: 0,
            floor: 0,
            returned: None,
        })
    }

    /// Runs the body until it yields or ends.
    fn resume(&mut self, it: &mut Interp, msg: Msg) -> R<Step> {
        let here = it as *mut Interp as usize;
        let mut co = match std::mem::replace(&mut self.state, State::Running) {
            State::Done => {
                self.state = State::Done;
                return match msg {
                    Msg::Send(_) => Ok(Step::Returned(Value::None)),
                    Msg::Throw(e) => Err(e),
                };
            }
            State::Running => return raise(ExcKind::ValueError, "generator already executing"),
            State::Created(body) => match msg {
                Msg::Throw(e) => {
                    self.state = State::Done;
                    return Err(e);
                }
                Msg::Send(ref v) if !matches!(v, Value::None) => {
                    self.state = State::Created(body);
                    return Err(type_err(
                        "can't send non-None value to a just-started generator",
                    ));
                }
                Msg::Send(_) => {
                    let stack = match take_stack() {
                        Ok(s) => s,
                        Err(e) => {
                            self.state = State::Created(body);
                            return Err(e);
                        }
                    };
                    self.interp = here;
                    self.floor = stack.base - stack.len + STACK_MARGIN;
                    Coroutine::with_stack(stack, move |y: &Yielder<Input, Value>, input: Input| {
                        set_yielder(y);
                        // SAFETY: `input.it` is the `&mut Interp` of the resume that
                        // started this body, turned into a pointer for the switch; that
                        // resume does not touch it until the coroutine suspends or ends.
                        // Later resumes lend the same evaluator again (checked below
                        // against `self.interp`), so the frames on this stack that keep
                        // this reference only ever use it while their resumer waits.
                        let it = unsafe { &mut *input.it };
                        body(it)
                    })
                }
            },
            State::Suspended(co) => co,
        };
        if self.interp != here {
            self.state = State::Suspended(co);
            return Err(runtime_err("generator resumed by another session"));
        }
        if it.depth + 1 >= MAX_DEPTH {
            self.state = State::Suspended(co);
            return raise(ExcKind::RecursionError, "maximum recursion depth exceeded");
        }
        let saved_scope = it.scope.clone();
        let saved_depth = it.depth;
        let saved_echo = std::mem::replace(&mut it.echo, false);
        // Calls inside the generator nest on its own (smaller) stack: the depth starts
        // high enough that the recursion limit leaves it CO_DEPTH levels.
        it.depth = (it.depth + 1).max(MAX_DEPTH - CO_DEPTH);
        let outer_floor = FLOOR.with(|f| f.replace(self.floor));
        ACTIVE.with(|a| {
            a.borrow_mut().push(Active {
                yielder: std::ptr::null(),
                outer_floor,
                base_depth: it.depth,
            })
        });
        let guard = ActiveGuard;
        let r = co.resume(Input {
            it: it as *mut Interp,
            msg,
        });
        drop(guard);
        it.scope = saved_scope;
        it.depth = saved_depth;
        it.echo = saved_echo;
        match r {
            CoroutineResult::Yield(v) => {
                self.state = State::Suspended(co);
                Ok(Step::Yielded(v))
            }
            CoroutineResult::Return(r) => {
                self.state = State::Done;
                give_back(co.into_stack());
                match r {
                    Ok(v) => Ok(Step::Returned(v)),
                    Err(Flow::Error(e)) if e.is(ExcKind::StopIteration) => {
                        let msg = "generator raised StopIteration";
                        let mut e2 = Exception::new(ExcKind::RuntimeError, msg);
                        e2.span = e.span;
                        // `__cause__` is the StopIteration (contextlib tells them apart by it).
                        let stop = e.value.clone().unwrap_or_else(|| {
                            Value::Object(Rc::new(ExcObject::raised(e.kind, &e.message)))
                        });
                        let obj = ExcObject::raised(ExcKind::RuntimeError, msg);
                        *obj.cause.borrow_mut() = stop;
                        e2.value = Some(Value::Object(Rc::new(obj)));
                        Err(Flow::Error(Box::new(e2)))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `close()`: GeneratorExit at the paused `yield`; the body must not yield again.
    fn close(&mut self, it: &mut Interp) -> R<Value> {
        match &self.state {
            State::Created(_) => {
                self.state = State::Done;
                return Ok(Value::None);
            }
            State::Done => return Ok(Value::None),
            _ => {}
        }
        match self.resume(it, Msg::Throw(err(ExcKind::GeneratorExit, ""))) {
            Ok(Step::Yielded(_)) => Err(runtime_err("generator ignored GeneratorExit")),
            Ok(Step::Returned(_)) => Ok(Value::None),
            Err(Flow::Error(e)) if e.is(ExcKind::GeneratorExit) || e.is(ExcKind::StopIteration) => {
                Ok(Value::None)
            }
            Err(e) => Err(e),
        }
    }
}

impl PyIter for Generator {
    fn next(&mut self, it: &mut Interp) -> R<Option<Value>> {
        match self.resume(it, Msg::Send(Value::None))? {
            Step::Yielded(v) => Ok(Some(v)),
            Step::Returned(v) => {
                self.returned = Some(v);
                Ok(None)
            }
        }
    }
    fn take_return(&mut self) -> Option<Value> {
        self.returned.take()
    }
    fn type_name(&self) -> String {
        "generator".into()
    }
    fn repr(&self, addr: usize) -> String {
        format!("<generator object {} at 0x{:x}>", self.qualname, addr)
    }
    fn as_generator(&mut self) -> Option<&mut Generator> {
        Some(self)
    }
}

/// StopIteration carrying a generator's return value (`e.value`).
pub(crate) fn stop_iteration(it: &mut Interp, v: Value) -> Flow {
    let (args, message) = match &v {
        Value::None => (vec![], String::new()),
        _ => match it.str_of(&v) {
            Ok(s) => (vec![v.clone()], s),
            Err(e) => return e,
        },
    };
    let mut e = Exception::new(ExcKind::StopIteration, message);
    e.value = Some(Value::Object(Rc::new(ExcObject::called(
        ExcKind::StopIteration,
        args,
    ))));
    Flow::Error(Box::new(e))
}

impl Interp {
    /// `yield v`: suspends the running generator; evaluates to what `send` passes (or
    /// raises what `throw` or `close` throws in).
    pub(crate) fn yield_value(&mut self, v: Value) -> R<Value> {
        match self.suspend(v)? {
            Msg::Send(v) => Ok(v),
            Msg::Throw(e) => Err(e),
        }
    }

    fn suspend(&mut self, v: Value) -> R<Msg> {
        let top = ACTIVE.with(|a| a.borrow().last().map(|t| (t.yielder, t.base_depth)));
        let Some((y, base)) = top.filter(|(y, _)| !y.is_null()) else {
            return raise(ExcKind::SyntaxError, "'yield' outside function");
        };
        let offset = self.depth.saturating_sub(base);
        let scope = self.scope.clone();
        // While suspended, the code that resumes this generator next uses the evaluator
        // through its own `&mut`: `self` escapes here, so the compiler may not keep any of
        // its fields in registers across the suspension.
        std::hint::black_box(self as *mut Interp);
        // SAFETY: the top of ACTIVE is the coroutine this code runs on: a yield expression
        // only runs in the frame of the generator's own body, whose resume pushed the
        // entry and whose coroutine stored its yielder there. The yielder lives on that
        // coroutine's stack for as long as the coroutine exists.
        let input = unsafe { &*y }.suspend(v);
        std::hint::black_box(self as *mut Interp);
        // Resumed: the resumer pushed a fresh entry and set up the depth it counts from.
        set_yielder(
            // SAFETY: as above; `y` is still this coroutine's yielder.
            unsafe { &*y },
        );
        let base = ACTIVE.with(|a| a.borrow().last().map_or(self.depth, |t| t.base_depth));
        self.depth = base + offset;
        self.scope = scope;
        Ok(input.msg)
    }

    /// `yield from source`: delegates next, send and throw to a generator (any other
    /// iterable is walked), and evaluates to its return value.
    pub(crate) fn yield_from(&mut self, source: &Value) -> R<Value> {
        let inner = self.iter_of(source)?;
        let Value::Iterator(r) = &inner else {
            // An instance iterator with `__next__`.
            while let Some(x) = self.next_of(&inner)? {
                self.yield_value(x)?;
            }
            return Ok(Value::None);
        };
        let mut msg = Msg::Send(Value::None);
        loop {
            let step = match msg {
                Msg::Throw(Flow::Error(e)) if e.is(ExcKind::GeneratorExit) => {
                    if let Some(Err(e2)) = with_generator(r, |g| g.close(self)) {
                        return Err(e2);
                    }
                    return Err(Flow::Error(e));
                }
                Msg::Send(v) => match with_generator(r, |g| g.resume(self, Msg::Send(v.clone()))) {
                    Some(s) => s?,
                    None if matches!(v, Value::None) => match super::iter::pull(r, self)? {
                        Some(x) => Step::Yielded(x),
                        None => Step::Returned(Value::None),
                    },
                    None => {
                        return Err(super::error::attr_err(format!(
                            "'{}' object has no attribute 'send'",
                            inner.type_name()
                        )))
                    }
                },
                // Not a generator: no `throw` to delegate to; it is raised here.
                Msg::Throw(e) if !is_generator(r) => return Err(e),
                Msg::Throw(e) => match with_generator(r, |g| g.resume(self, Msg::Throw(e))) {
                    Some(s) => s?,
                    None => return Err(runtime_err("generator changed kind")),
                },
            };
            match step {
                Step::Returned(v) => return Ok(v),
                Step::Yielded(x) => msg = self.suspend(x)?,
            }
        }
    }

    /// The methods and attributes of a generator object.
    pub(crate) fn generator_attr(&mut self, v: &Value, r: &IterRef, name: &str) -> Option<Value> {
        let is_gen = match r.try_borrow_mut() {
            Ok(mut b) => b
                .as_generator()
                .map(|g| (g.name.clone(), g.qualname.clone())),
            // Borrowed: only a running generator reaches its own methods.
            Err(_) => Some((String::new(), String::new())),
        };
        let (gname, qual) = is_gen?;
        Some(match name {
            "send" => Value::method(v.clone(), "send", gen_method),
            "throw" => Value::method(v.clone(), "throw", gen_method),
            "close" => Value::method(v.clone(), "close", gen_method),
            "__name__" => Value::str(&gname),
            "__qualname__" => Value::str(&qual),
            _ => return None,
        })
    }
}

/// Runs `f` on the generator behind `r`; `None` when it is another kind of iterator.
fn with_generator<T>(r: &IterRef, f: impl FnOnce(&mut Generator) -> T) -> Option<T> {
    match r.try_borrow_mut() {
        Ok(mut b) => b.as_generator().map(f),
        Err(_) => Some(f(&mut Generator {
            name: String::new(),
            qualname: String::new(),
            state: State::Running,
            interp: 0,
            floor: 0,
            returned: None,
        })),
    }
}

/// Whether `r` is a generator (a running one included).
fn is_generator(r: &IterRef) -> bool {
    match r.try_borrow_mut() {
        Ok(mut b) => b.as_generator().is_some(),
        Err(_) => true,
    }
}

/// `send`, `throw` and `close` of a generator object.
fn gen_method(it: &mut Interp, this: &Value, name: &'static str, args: Args) -> R<Value> {
    let Value::Iterator(r) = this else {
        return Err(type_err("not a generator"));
    };
    let msg = match name {
        "send" => {
            if args.pos.len() != 1 || !args.kw.is_empty() {
                return Err(type_err(format!(
                    "generator.send() takes exactly one argument ({} given)",
                    args.pos.len()
                )));
            }
            Msg::Send(args.pos[0].clone())
        }
        "throw" => {
            let mut pos = args.pos.into_iter();
            let Some(first) = pos.next() else {
                return Err(type_err("throw expected at least 1 argument, got 0"));
            };
            let exc = match (pos.next(), &first) {
                (Some(val), Value::Class(_) | Value::ExcClass(_))
                    if !matches!(val, Value::None) =>
                {
                    it.call(&first, Args::new(vec![val]))?
                }
                _ => first,
            };
            Msg::Throw(it.exception_from(exc)?)
        }
        _ => {
            return match with_generator(r, |g| g.close(it)) {
                Some(r) => r,
                None => Err(type_err("not a generator")),
            }
        }
    };
    let step = match with_generator(r, |g| g.resume(it, msg)) {
        Some(s) => s?,
        None => return Err(type_err("not a generator")),
    };
    match step {
        Step::Yielded(v) => Ok(v),
        Step::Returned(v) => Err(stop_iteration(it, v)),
    }
}

// ---- Coroutine stacks ------------------------------------------------------------------

/// The size of a generator's stack. It is address space only: pages are committed when
/// touched, and a suspended generator holds just the pages its frames reach.
const STACK_SIZE: usize = 16 << 20;
/// Where generator stacks are placed: side by side, far below the region the kernel hands
/// out for `mmap` and far above the program and its heap. Adjacent stacks merge into one
/// kernel mapping, so the kernel's limit on mappings (65,530 by default) does not cap the
/// number of live generators, as one guard page per stack would (two mappings each).
/// Running off a stack's end is prevented in software instead: calls check the room
/// left (`stack_low`) and the recursion limit leaves a resume `CO_DEPTH` levels.
const REGION: usize = 0x2000_0000_0000;
const REGION_END: usize = 0x5000_0000_0000;
/// Finished generators' stacks kept for the next ones.
const POOL: usize = 16;

/// A generator's stack: `len` bytes below `base`.
pub struct GenStack {
    base: usize,
    len: usize,
    /// The address the mapping starts at, and its length (a fallback mapping holds its
    /// own guard page).
    map: usize,
    map_len: usize,
    /// Placed in the generator region (its slot goes back to the free list when unmapped).
    slot: bool,
}

// SAFETY: base and limit delimit a readable, writable mapping owned by this value until
// it is dropped; base is page-aligned (so aligned to STACK_ALIGNMENT), and the length is
// a whole number of pages.
unsafe impl Stack for GenStack {
    fn base(&self) -> StackPointer {
        StackPointer::new(self.base).expect("stack base is not null")
    }
    fn limit(&self) -> StackPointer {
        StackPointer::new(self.base - self.len).expect("stack limit is not null")
    }
}

impl Drop for GenStack {
    fn drop(&mut self) {
        // SAFETY: the mapping was made by `GenStack::new` and nothing uses it any more:
        // the coroutine that ran on it has finished or been unwound.
        unsafe {
            libc::munmap(self.map as *mut libc::c_void, self.map_len);
        }
        if self.slot {
            if let Ok(mut s) = SLOTS.lock() {
                s.free.push(self.map);
            }
        }
    }
}

struct Slots {
    next: usize,
    free: Vec<usize>,
}

static SLOTS: Mutex<Slots> = Mutex::new(Slots {
    next: REGION,
    free: Vec::new(),
});

impl GenStack {
    fn new() -> R<GenStack> {
        for _ in 0..64 {
            let addr = {
                let Ok(mut s) = SLOTS.lock() else { break };
                match s.free.pop() {
                    Some(a) => a,
                    None if s.next + STACK_SIZE <= REGION_END => {
                        s.next += STACK_SIZE;
                        s.next - STACK_SIZE
                    }
                    None => break,
                }
            };
            // SAFETY: a fresh anonymous mapping at an address nothing of ours uses;
            // MAP_FIXED_NOREPLACE refuses to replace any mapping already there.
            let p = unsafe {
                libc::mmap(
                    addr as *mut libc::c_void,
                    STACK_SIZE,
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE
                        | libc::MAP_ANONYMOUS
                        | libc::MAP_NORESERVE
                        | libc::MAP_FIXED_NOREPLACE,
                    -1,
                    0,
                )
            };
            if p == libc::MAP_FAILED {
                continue;
            }
            if p as usize != addr {
                // A kernel without MAP_FIXED_NOREPLACE placed it elsewhere.
                // SAFETY: unmapping the mapping just made.
                unsafe { libc::munmap(p, STACK_SIZE) };
                break;
            }
            return Ok(GenStack {
                base: addr + STACK_SIZE,
                len: STACK_SIZE,
                map: addr,
                map_len: STACK_SIZE,
                slot: true,
            });
        }
        GenStack::guarded()
    }

    /// A stack with a guard page of its own, wherever the kernel puts it.
    fn guarded() -> R<GenStack> {
        let page = 4096;
        let len = STACK_SIZE + page;
        // SAFETY: a fresh anonymous mapping; the kernel picks the address.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return raise(ExcKind::MemoryError, "");
        }
        // SAFETY: the upper STACK_SIZE bytes of the mapping just made.
        let ok = unsafe {
            libc::mprotect(
                (p as usize + page) as *mut libc::c_void,
                STACK_SIZE,
                libc::PROT_READ | libc::PROT_WRITE,
            )
        };
        let s = GenStack {
            base: p as usize + len,
            len: STACK_SIZE,
            map: p as usize,
            map_len: len,
            slot: false,
        };
        if ok != 0 {
            return raise(ExcKind::MemoryError, "");
        }
        Ok(s)
    }
}

thread_local! {
    static FREE_STACKS: RefCell<Vec<GenStack>> = const { RefCell::new(Vec::new()) };
}

fn take_stack() -> R<GenStack> {
    match FREE_STACKS.with(|f| f.borrow_mut().pop()) {
        Some(s) => Ok(s),
        None => GenStack::new(),
    }
}

fn give_back(s: GenStack) {
    // At thread exit the pool may be gone already: the stack is then just unmapped.
    let _ = FREE_STACKS.try_with(|f| {
        let mut f = f.borrow_mut();
        if f.len() < POOL {
            f.push(s);
        }
    });
}

impl Drop for Generator {
    fn drop(&mut self) {
        if let State::Suspended(mut co) = std::mem::replace(&mut self.state, State::Done) {
            // Unwinds the suspended body (its frames only drop values) and keeps the stack.
            co.force_unwind();
            give_back(co.into_stack());
        }
    }
}
