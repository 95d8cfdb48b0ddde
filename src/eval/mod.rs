//! The evaluator: walks compiled nodes (`crate::ir`) over a value stack. Names
//! were resolved by the compiler, so nothing here looks a name up by string.
//! It does not depend on the compiler; the compiler calls its `fold`.

pub(crate) mod fold;
pub mod paths;
mod query;

use smallvec::SmallVec;

use crate::builtins;
use crate::builtins::format::render;
use crate::error::{Error, ErrorKind, Result};
use crate::ir::{BinaryOp, Filter, Key, Node, Slot, UnaryOp, UserFn};
pub use crate::limits::{Budget, Limits};
use crate::session::Session;
use crate::span::Span;
use crate::value::{arith, order, ObjectMap, Value};

/// Steps between two looks at the clock and the step budget.
const CHECK_EVERY: u64 = 1024;

/// Steps between two looks at the stack that is left (see [`crate::stack`]).
const STACK_CHECK_EVERY: u64 = 16;

/// One evaluation in progress.
pub struct Machine<'a> {
    globals: &'a [Value],
    functions: &'a [UserFn],
    session: &'a Session,
    limits: &'a Limits,
    /// Locals of every active frame.
    pub(crate) stack: Vec<Value>,
    /// Frame base of each static level in scope (index = level).
    display: SmallVec<[u32; 8]>,
    steps: u64,
    depth: u32,
    budget: Budget,
}

impl<'a> Machine<'a> {
    /// A machine whose top-level frame is `root` (kept between REPL inputs).
    pub fn new(
        globals: &'a [Value],
        functions: &'a [UserFn],
        session: &'a Session,
        limits: &'a Limits,
        root: Vec<Value>,
    ) -> Machine<'a> {
        let mut display = SmallVec::new();
        display.push(0);
        Machine {
            globals,
            functions,
            session,
            limits,
            stack: root,
            display,
            steps: 0,
            depth: 0,
            budget: Budget::new(limits),
        }
    }

    /// Gives the top-level frame back (the REPL keeps declarations in it).
    pub fn into_root(self) -> Vec<Value> {
        self.stack
    }

    /// Makes sure the top-level frame has `n` slots.
    pub fn ensure_root(&mut self, n: usize) {
        if self.stack.len() < n {
            self.stack.resize(n, Value::Null);
        }
    }

    #[inline]
    fn local(&self, slot: Slot) -> &Value {
        let base = self.display.get(slot.level as usize).copied().unwrap_or(0) as usize;
        static NULL: Value = Value::Null;
        self.stack.get(base + slot.index as usize).unwrap_or(&NULL)
    }

    #[inline]
    pub(crate) fn set_local(&mut self, slot: Slot, v: Value) {
        let base = self.display.get(slot.level as usize).copied().unwrap_or(0) as usize;
        let i = base + slot.index as usize;
        if i >= self.stack.len() {
            self.stack.resize(i + 1, Value::Null);
        }
        self.stack[i] = v;
    }

    #[inline]
    fn tick(&mut self) -> Result<()> {
        self.steps += 1;
        if self.steps.is_multiple_of(CHECK_EVERY) {
            self.check_budget()?;
        }
        Ok(())
    }

    #[cold]
    fn check_budget(&mut self) -> Result<()> {
        if self.steps > self.limits.max_steps {
            return Err(Error::limit(format!(
                "evaluation took more than {} steps",
                self.limits.max_steps
            )));
        }
        self.budget.check_time()
    }

    /// Accepts a value a built-in returned: its size, depth and the memory
    /// of its new parts are within the limits.
    fn check_result(&self, v: Value, span: Span) -> Result<Value> {
        let v = self.check_size(v).map_err(|e| e.with_span(span))?;
        self.budget.built(&v).map_err(|e| e.with_span(span))?;
        Ok(v)
    }

    /// Accepts a value the evaluator built from values it had (a list or
    /// object literal, a filter's or a query's result, a joined text).
    /// Without a span, the error takes the place of the enclosing call.
    pub(crate) fn check_built(&self, v: Value, span: Option<Span>) -> Result<Value> {
        let place = |e: Error| match span {
            Some(s) => e.with_span(s),
            None => e,
        };
        if let Err(e) = self.budget.built_shallow(&v) {
            return Err(place(e));
        }
        self.check_size(v).map_err(place)
    }

    /// Raises a `LimitError` (without a place) when `v` is larger than the size limit.
    fn check_size(&self, v: Value) -> Result<Value> {
        let size = match &v {
            Value::Text(t) => t.len(),
            Value::List(l) => l.len(),
            Value::Object(o) => o.len(),
            _ => 0,
        };
        if size > self.limits.max_size {
            return Err(Error::limit(format!(
                "value too large: {size} exceeds the limit of {}",
                self.limits.max_size
            )));
        }
        Ok(v)
    }

    pub fn eval(&mut self, node: &Node) -> Result<Value> {
        self.tick()?;
        // Every few steps, make sure of the stack: any descent of that many
        // levels passes a guard, however large the frames between.
        if self.steps.is_multiple_of(STACK_CHECK_EVERY) {
            return crate::stack::guard(|| self.eval_node(node));
        }
        self.eval_node(node)
    }

    #[inline(always)]
    fn eval_node(&mut self, node: &Node) -> Result<Value> {
        match node {
            Node::Const(v) => Ok(v.clone()),
            Node::Global(i) => Ok(self
                .globals
                .get(*i as usize)
                .cloned()
                .unwrap_or(Value::Null)),
            Node::Local(slot) => Ok(self.local(*slot).clone()),
            Node::Unary(op, a, span) => {
                let v = self.eval(a)?;
                match op {
                    UnaryOp::Not => Ok(Value::Bool(!v.is_truthy())),
                    UnaryOp::Neg => arith::neg(&v).map_err(|e| e.or_span(*span)),
                    UnaryOp::Plus => arith::plus(&v).map_err(|e| e.or_span(*span)),
                }
            }
            Node::Binary(op, pair, span) => {
                let a = self.eval(&pair.0)?;
                let b = self.eval(&pair.1)?;
                self.binary(*op, &a, &b, *span)
            }
            Node::And(pair) => Ok(Value::Bool(self.truthy(&pair.0)? && self.truthy(&pair.1)?)),
            Node::Or(pair) => Ok(Value::Bool(self.truthy(&pair.0)? || self.truthy(&pair.1)?)),
            Node::If(args) => {
                let mut i = 0;
                while i + 1 < args.len() {
                    if self.truthy(&args[i])? {
                        return self.eval(&args[i + 1]);
                    }
                    i += 2;
                }
                match args.get(i) {
                    Some(e) => self.eval(e),
                    None => Ok(Value::Null),
                }
            }
            Node::Call(call) => {
                let mut args: SmallVec<[Value; 4]> = SmallVec::with_capacity(call.args.len());
                for a in call.args.iter() {
                    args.push(self.eval(a)?);
                }
                self.budget.start_clock();
                match builtins::call(call.id, self.session, &self.budget, &args) {
                    Ok(v) => self.check_result(v, call.span),
                    Err(mut e) => {
                        let arg = e.take_arg().map(usize::from);
                        let at = e.take_char();
                        let span = arg
                            .and_then(|i| {
                                let span = *call.arg_spans.get(i)?;
                                Some(match (at, call.args.get(i)) {
                                    (Some(c), Some(Node::Const(Value::Text(t)))) => {
                                        char_span(span, t, c)
                                    }
                                    _ => span,
                                })
                            })
                            .unwrap_or(call.span);
                        Err(e.or_span(span))
                    }
                }
            }
            Node::Field(base, key) => {
                let mut tmp = Value::Null;
                let v = self.operand(base, &mut tmp)?;
                let over_list = matches!(v, Value::List(_));
                let r = paths::field(v, key);
                if over_list {
                    return self.check_built(r, None);
                }
                Ok(r)
            }
            Node::FieldPath(fp) => {
                let mut tmp = Value::Null;
                let v = self.operand(&fp.0, &mut tmp)?;
                let over_list = matches!(v, Value::List(_));
                let r = paths::field_path(v, &fp.1);
                if over_list {
                    return self.check_built(r, None);
                }
                Ok(r)
            }
            _ => self.eval_cold(node),
        }
    }

    /// The less frequent nodes, kept out of `eval` so that its frame stays small.
    #[inline(never)]
    fn eval_cold(&mut self, node: &Node) -> Result<Value> {
        match node {
            Node::Current => Ok(self.session.current.clone()),
            Node::List(items) => {
                let mut out = Vec::with_capacity(items.len());
                for i in items.iter() {
                    out.push(self.eval(i)?);
                }
                self.check_built(Value::list(out), None)
            }
            Node::Object(members) => {
                let mut map =
                    ObjectMap::with_capacity_and_hasher(members.len(), Default::default());
                for (k, v) in members.iter() {
                    let key = self.key(k)?;
                    let value = self.eval(v)?;
                    map.insert(key, value);
                }
                self.check_built(Value::object(map), None)
            }
            Node::Interp(parts) => {
                let mut s = String::new();
                for p in parts.iter() {
                    let v = self.eval(p)?;
                    render::render_to(&v, &mut s, self.session);
                    if s.len() > self.limits.max_size {
                        return self.check_size(Value::text(s));
                    }
                }
                self.check_built(Value::text(s), None)
            }
            Node::Coalesce(pair) => match self.eval(&pair.0)? {
                Value::Null => self.eval(&pair.1),
                v => Ok(v),
            },
            Node::Try(t) => self.try_(&t.0, &t.1, t.2),
            Node::CallUser(call) => {
                let mut args: SmallVec<[Value; 4]> = SmallVec::with_capacity(call.args.len());
                for a in call.args.iter() {
                    args.push(self.eval(a)?);
                }
                self.call_user(call.func, args, call.span)
            }
            Node::Fail(f) => {
                for a in f.0.iter() {
                    self.eval(a)?;
                }
                Err(f.1.clone())
            }
            Node::Index(pair) => {
                let v = self.eval(&pair.0)?;
                let i = self.eval(&pair.1)?;
                Ok(paths::index(&v, &i))
            }
            Node::Slice(s) => {
                let v = self.eval(&s.0)?;
                let a = match &s.1 {
                    Some(a) => self.eval(a)?,
                    None => Value::Null,
                };
                let b = match &s.2 {
                    Some(b) => self.eval(b)?,
                    None => Value::Null,
                };
                self.check_built(paths::slice(&v, &a, &b), None)
            }
            Node::Wildcard(base) => {
                let v = self.eval(base)?;
                self.check_built(paths::wildcard(&v), None)
            }
            Node::Filter(f) => {
                let v = self.eval(&f.base)?;
                let mut out = Vec::new();
                match &v {
                    Value::List(l) => {
                        for item in l.iter() {
                            self.filter_item(f, item, &mut out)?;
                        }
                    }
                    Value::Object(o) => {
                        for item in o.values() {
                            self.filter_item(f, item, &mut out)?;
                        }
                    }
                    _ => return Ok(Value::Null),
                }
                self.check_built(Value::list(out), None)
            }
            Node::Let(l) => {
                for (slot, node) in l.bindings.iter() {
                    let v = self.eval(node)?;
                    self.set_local(*slot, v);
                }
                self.eval(&l.body)
            }
            Node::Query(q) => self.query(q),
            _ => Err(Error::new(
                ErrorKind::Syntax,
                "internal: node dispatched to the cold path",
            )),
        }
    }

    /// The value of `node` by reference when it is a constant or a context
    /// variable (no clone), else evaluated into `tmp`.
    #[inline]
    fn operand<'r>(&mut self, node: &'r Node, tmp: &'r mut Value) -> Result<&'r Value>
    where
        'a: 'r,
    {
        static NULL: Value = Value::Null;
        match node {
            Node::Const(v) => Ok(v),
            Node::Global(i) => {
                let globals: &'a [Value] = self.globals;
                Ok(globals.get(*i as usize).unwrap_or(&NULL))
            }
            other => {
                *tmp = self.eval(other)?;
                Ok(tmp)
            }
        }
    }

    /// Whether `node` is truthy. Comparisons and logic answer with a plain
    /// `bool`, without building a Value.
    fn truthy(&mut self, node: &Node) -> Result<bool> {
        if self.steps.is_multiple_of(STACK_CHECK_EVERY) {
            // `steps` moves on in every branch below, so this guards once.
            self.steps += 1;
            return crate::stack::guard(|| self.truthy(node));
        }
        match node {
            Node::Binary(op, pair, _) if op.is_comparison() => {
                self.tick()?;
                if let Some(answer) = self.compare_numbers(*op, pair) {
                    return Ok(answer);
                }
                let (mut ta, mut tb) = (Value::Null, Value::Null);
                let a = self.operand(&pair.0, &mut ta)?;
                let b = self.operand(&pair.1, &mut tb)?;
                Ok(comparison(*op, a, b))
            }
            Node::And(pair) => {
                self.tick()?;
                Ok(self.truthy(&pair.0)? && self.truthy(&pair.1)?)
            }
            Node::Or(pair) => {
                self.tick()?;
                Ok(self.truthy(&pair.0)? || self.truthy(&pair.1)?)
            }
            Node::Unary(UnaryOp::Not, inner, _) => {
                self.tick()?;
                Ok(!self.truthy(inner)?)
            }
            _ => {
                let mut tmp = Value::Null;
                Ok(self.operand(node, &mut tmp)?.is_truthy())
            }
        }
    }

    /// Numeric fast path for a comparison: when both sides are arithmetic over
    /// Numbers only, compare plain decimals. `None` sends the caller down the
    /// general path, which re-evaluates (these trees are pure) and raises any error.
    #[inline]
    fn compare_numbers(&mut self, op: BinaryOp, pair: &(Node, Node)) -> Option<bool> {
        let a = self.number(&pair.0)?;
        let b = self.number(&pair.1)?;
        Some(holds(op, a.cmp(&b)))
    }

    /// The value of a tree of `+ - * /` whose leaves are all Numbers, or `None`.
    fn number(&self, node: &Node) -> Option<rust_decimal::Decimal> {
        match node {
            Node::Const(Value::Number(n)) => Some(*n),
            Node::Global(i) => match self.globals.get(*i as usize) {
                Some(Value::Number(n)) => Some(*n),
                _ => None,
            },
            Node::Local(slot) => match self.local(*slot) {
                Value::Number(n) => Some(*n),
                _ => None,
            },
            Node::Binary(
                op @ (BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div),
                pair,
                _,
            ) => {
                let a = self.number(&pair.0)?;
                let b = self.number(&pair.1)?;
                let r = match op {
                    BinaryOp::Add => a.checked_add(b),
                    BinaryOp::Sub => a.checked_sub(b),
                    BinaryOp::Mul => a.checked_mul(b),
                    _ if b.is_zero() => None,
                    _ => a.checked_div(b),
                }?;
                arith::check_range(r).ok()
            }
            _ => None,
        }
    }

    fn filter_item(&mut self, f: &Filter, item: &Value, out: &mut Vec<Value>) -> Result<()> {
        self.set_local(f.item, item.clone());
        if self.truthy(&f.cond)? {
            out.push(item.clone());
        }
        Ok(())
    }

    fn key(&mut self, k: &Key) -> Result<std::sync::Arc<str>> {
        match k {
            Key::Text(t) => Ok(t.clone()),
            Key::Interp(node) => match self.eval(node)? {
                Value::Text(t) => Ok(t),
                other => Ok(render::render(&other, self.session).into()),
            },
        }
    }

    fn binary(&self, op: BinaryOp, a: &Value, b: &Value, span: Span) -> Result<Value> {
        let r = match op {
            BinaryOp::Add => match arith::add(a, b) {
                Ok(v @ (Value::Text(_) | Value::List(_))) => self.check_built(v, Some(span)),
                other => other,
            },
            BinaryOp::Sub => arith::sub(a, b),
            BinaryOp::Mul => arith::mul(a, b),
            BinaryOp::Div => arith::div(a, b),
            BinaryOp::Rem => arith::rem(a, b),
            BinaryOp::Eq
            | BinaryOp::Ne
            | BinaryOp::Lt
            | BinaryOp::Le
            | BinaryOp::Gt
            | BinaryOp::Ge => Ok(Value::Bool(comparison(op, a, b))),
            BinaryOp::Xor => Ok(Value::Bool(a.is_truthy() != b.is_truthy())),
            BinaryOp::And | BinaryOp::Or | BinaryOp::Coalesce => Err(Error::new(
                ErrorKind::Syntax,
                "internal: a lazy operator in a strict node",
            )),
        };
        r.map_err(|e| e.or_span(span))
    }

    fn try_(&mut self, expr: &Node, fallback: &Node, slot: Slot) -> Result<Value> {
        // Calls restore their frames even when they fail, so nothing to unwind here.
        match self.eval(expr) {
            Ok(v) => Ok(v),
            Err(e) if matches!(e.kind(), ErrorKind::Limit | ErrorKind::Syntax) => Err(e),
            Err(e) => {
                let mut fields = ObjectMap::default();
                fields.insert("kind".into(), Value::text(e.kind().name()));
                fields.insert("message".into(), Value::text(e.message()));
                fields.insert("value".into(), e.payload().cloned().unwrap_or(Value::Null));
                self.set_local(slot, Value::object(fields));
                self.eval(fallback)
            }
        }
    }

    fn call_user(&mut self, id: u32, args: SmallVec<[Value; 4]>, span: Span) -> Result<Value> {
        let Some(f) = self.functions.get(id as usize) else {
            return Err(Error::new(ErrorKind::Syntax, "function is not defined").with_span(span));
        };
        if self.depth >= self.limits.max_call_depth {
            return Err(Error::limit(format!(
                "too many nested calls (the limit is {}): is `{}` recursing without end?",
                self.limits.max_call_depth, f.name
            ))
            .with_span(span));
        }
        let base = self.stack.len();
        self.stack.extend(args);
        self.stack
            .resize(base + f.frame.max(f.params) as usize, Value::Null);
        let level = f.level as usize + 1;
        let saved: SmallVec<[u32; 8]> = self
            .display
            .drain(level.min(self.display.len())..)
            .collect();
        self.display.push(base as u32);
        self.depth += 1;
        // An error that has no place of its own (a value built too deep by
        // a literal in the body) is placed at the call.
        let result = crate::stack::guard(|| self.eval(&f.body)).map_err(|e| e.or_span(span));
        self.depth -= 1;
        self.display.truncate(level);
        self.display.extend(saved);
        self.stack.truncate(base);
        result
    }
}

/// Whether comparison `op` holds between `a` and `b`: `=` and `<>` by deep
/// equality, the others by order when the pair is orderable (§3.3, §3.4).
/// Never an error.
fn comparison(op: BinaryOp, a: &Value, b: &Value) -> bool {
    match op {
        BinaryOp::Eq => a == b,
        BinaryOp::Ne => a != b,
        _ => order::compare(a, b).is_some_and(|o| holds(op, o)),
    }
}

/// Whether comparison `op` holds for two operands that compare as `ord`.
fn holds(op: BinaryOp, ord: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        BinaryOp::Eq => ord == Equal,
        BinaryOp::Ne => ord != Equal,
        BinaryOp::Lt => ord == Less,
        BinaryOp::Le => ord != Greater,
        BinaryOp::Gt => ord == Greater,
        BinaryOp::Ge => ord != Less,
        _ => false,
    }
}

/// Evaluates a node that uses no variables (constant folding).
fn eval_const(node: &Node, limits: &Limits) -> Result<Value> {
    static SESSION: std::sync::LazyLock<Session> = std::sync::LazyLock::new(Session::default);
    let mut m = Machine::new(&[], &[], &SESSION, limits, Vec::new());
    m.eval(node)
}

/// The span of character `c` of the text `t` of a string literal written at
/// `literal` (quotes included); the whole literal when its source is not the
/// text as is (escapes make it longer), or when `c` is past the end, the
/// closing quote.
fn char_span(literal: Span, t: &str, c: u32) -> Span {
    let plain = literal.end.checked_sub(literal.start) == u32::try_from(t.len() + 2).ok();
    if !plain {
        return literal;
    }
    let (offset, width) = match t.char_indices().nth(c as usize) {
        Some((i, ch)) => (i, ch.len_utf8()),
        None => (t.len(), 1),
    };
    let start = literal.start + 1 + offset as u32;
    Span::new(start, start + width as u32)
}
