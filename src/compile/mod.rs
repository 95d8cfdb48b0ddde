//! Syntax tree → compiled nodes. Resolves every name once: variables to slots or
//! context indices, calls to built-in ids or user functions; an unknown function
//! is a `SyntaxError` found before anything runs. Pure constant work is folded
//! as nodes are built (by `eval::fold`: folding runs the evaluator).

mod scope;

use crate::builtins::{self, Special};
use crate::error::{Error, Result};
use crate::eval::fold;
use crate::ir::{self, Key, Node, Slot, Stmt, UserFn};
use crate::limits::Limits;
use crate::span::Span;
use crate::syntax::ast::{self, Binding, Expr, ExprKind, StrLit, StrPart};
use crate::value::Value;
pub use scope::Scope;

/// Compiles expressions and programs against a persistent scope (the REPL keeps
/// one across inputs).
#[derive(Clone, Debug, Default)]
pub struct Compiler {
    pub scope: Scope,
    /// Constant folding off (for checking that folding changes nothing).
    no_folding: bool,
    /// The limits folding works under (see [`fold::limits`]); the default
    /// engine's when not set.
    fold_limits: Option<Box<Limits>>,
    /// Every user function compiled so far, indexed by id.
    functions: Vec<Option<UserFn>>,
    /// Errors found so far that did not stop compilation (unknown functions).
    errors: Vec<Error>,
    /// Calls with a wrong number of arguments: an `ArgumentError` when they run,
    /// reported ahead of time by `air check`.
    pub arity_errors: Vec<Error>,
    /// The upper-cased names of calls that are neither built-in nor declared.
    pub unknown_functions: Vec<String>,
    /// Function names declared at the top level of the current program.
    top_funcs: Vec<String>,
}

impl Compiler {
    pub fn new() -> Compiler {
        Compiler::default()
    }

    /// A compiler that folds constant work (the default) or leaves it all to run time.
    pub fn with_folding(mut self, fold: bool) -> Compiler {
        self.no_folding = !fold;
        self
    }

    /// A compiler whose folding stays within `engine`'s limits.
    pub fn with_limits(mut self, engine: &Limits) -> Compiler {
        self.fold_limits = Some(Box::new(fold::limits(engine)));
        self
    }

    fn fold_limits(&self) -> &Limits {
        static DEFAULT: std::sync::LazyLock<Limits> =
            std::sync::LazyLock::new(|| fold::limits(&Limits::default()));
        self.fold_limits.as_deref().unwrap_or(&DEFAULT)
    }

    /// `folded(node)` when folding is on, else `node` as it is.
    fn fold_with(&self, node: Node, folded: impl FnOnce(Node, &Limits) -> Node) -> Node {
        if self.no_folding {
            node
        } else {
            folded(node, self.fold_limits())
        }
    }

    /// The user function table, complete once compilation has succeeded.
    pub fn functions(&self) -> Vec<UserFn> {
        self.functions.iter().flatten().cloned().collect()
    }

    /// Compiles one expression (expression context).
    pub fn expression(&mut self, e: &Expr) -> std::result::Result<Node, Vec<Error>> {
        let node = self.expr(e);
        self.finish(node)
    }

    /// Compiles a program's items; top-level declarations persist in the scope.
    pub fn program(&mut self, p: &ast::Program) -> std::result::Result<Vec<Stmt>, Vec<Error>> {
        self.top_funcs.clear();
        let mut out = Vec::with_capacity(p.items.len());
        let mut errors = Vec::new();
        for item in &p.items {
            match self.item(item) {
                Ok(s) => out.push(s),
                Err(e) => errors.push(e),
            }
            errors.append(&mut self.errors);
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
            Err(errors)
        }
    }

    fn finish<T>(&mut self, r: Result<T>) -> std::result::Result<T, Vec<Error>> {
        let mut errors = std::mem::take(&mut self.errors);
        match r {
            Ok(v) if errors.is_empty() => Ok(v),
            Ok(_) => Err(errors),
            Err(e) => {
                errors.push(e);
                errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
                Err(errors)
            }
        }
    }

    fn item(&mut self, item: &ast::Item) -> Result<Stmt> {
        match item {
            ast::Item::Expr(e) => Ok(Stmt::Eval(self.expr(e)?, e.span)),
            ast::Item::Decl { bindings, .. } => {
                for b in bindings {
                    if let Binding::Function { name, .. } = b {
                        let upper = name.text.to_ascii_uppercase();
                        if self.top_funcs.contains(&upper) {
                            return Err(Error::syntax(
                                format!(
                                    "function `{}` is already declared in this program",
                                    name.text
                                ),
                                name.span,
                            ));
                        }
                        self.top_funcs.push(upper);
                    }
                }
                Ok(Stmt::Declare(self.bindings(bindings)?.into()))
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<Node> {
        crate::stack::guard(|| self.expr_inner(e))
    }

    fn expr_inner(&mut self, e: &Expr) -> Result<Node> {
        let node = match &e.kind {
            ExprKind::Null => Node::Const(Value::Null),
            ExprKind::Bool(b) => Node::Const(Value::Bool(*b)),
            ExprKind::Number(n) => Node::Const(Value::Number(*n)),
            ExprKind::Str(s) => self.string(s)?,
            ExprKind::Var(name) => self.var(&name.text),
            ExprKind::At => match self.scope.current_at() {
                Some(slot) => Node::Local(slot),
                None => Node::Current,
            },
            ExprKind::Paren(inner) => return self.expr(inner),
            ExprKind::List(items) => {
                let nodes = items
                    .iter()
                    .map(|i| self.expr(i))
                    .collect::<Result<Vec<_>>>()?;
                if self.no_folding {
                    Node::List(nodes.into())
                } else {
                    fold::list(nodes)
                }
            }
            ExprKind::Object(members) => {
                let mut out = Vec::with_capacity(members.len());
                for m in members {
                    out.push((self.key(&m.key)?, self.expr(&m.value)?));
                }
                if self.no_folding {
                    Node::Object(out.into())
                } else {
                    fold::object(out)
                }
            }
            ExprKind::Unary { op, operand } => {
                let inner = self.expr(operand)?;
                self.fold_with(Node::Unary(*op, Box::new(inner), e.span), fold::node)
            }
            ExprKind::Binary { op, lhs, rhs } => {
                let (l, r) = (self.expr(lhs)?, self.expr(rhs)?);
                let pair = Box::new((l, r));
                let node = match op {
                    ast::BinaryOp::And => Node::And(pair),
                    ast::BinaryOp::Or => Node::Or(pair),
                    ast::BinaryOp::Coalesce => Node::Coalesce(pair),
                    other => Node::Binary(*other, pair, e.span),
                };
                self.fold_with(node, fold::node)
            }
            ExprKind::Call { name, args } => self.call(name, args, e.span)?,
            ExprKind::Path { base, step } => self.path(base, step)?,
            ExprKind::Let { bindings, body } => {
                let mark = self.scope.mark();
                let binds = self.bindings(bindings);
                let body = binds.and_then(|b| Ok((b, self.expr(body)?)));
                self.scope.reset(mark);
                let (binds, body) = body?;
                if binds.is_empty() {
                    body
                } else {
                    Node::Let(Box::new(ir::Let {
                        bindings: binds.into(),
                        body: std::sync::Arc::new(body),
                    }))
                }
            }
            ExprKind::Query(q) => self.query(q, e.span)?,
        };
        Ok(node)
    }

    fn var(&mut self, name: &str) -> Node {
        match self.scope.lookup_var(name) {
            Some(slot) => Node::Local(slot),
            None => Node::Global(self.scope.global(name)),
        }
    }

    fn string(&mut self, s: &StrLit) -> Result<Node> {
        if let Some(text) = s.as_plain() {
            return Ok(Node::Const(Value::text(text)));
        }
        let mut parts = Vec::with_capacity(s.parts.len());
        for p in &s.parts {
            parts.push(match p {
                StrPart::Text(t) => Node::Const(Value::text(t.as_str())),
                StrPart::Interp(e) => self.expr(e)?,
            });
        }
        Ok(if self.no_folding {
            Node::Interp(parts.into())
        } else {
            fold::interp(parts, self.fold_limits())
        })
    }

    fn key(&mut self, k: &ast::Key) -> Result<Key> {
        Ok(match k {
            ast::Key::Word(n) => Key::Text(n.text.as_str().into()),
            ast::Key::Str(s, _) => match s.as_plain() {
                Some(t) => Key::Text(t.into()),
                None => match self.string(s)? {
                    Node::Const(Value::Text(t)) => Key::Text(t),
                    node => Key::Interp(node),
                },
            },
        })
    }

    /// Compiles LET bindings (value and function) into slot assignments.
    /// The bindings stay in scope; the caller resets the scope when they end.
    fn bindings(&mut self, bindings: &[Binding]) -> Result<Vec<(Slot, Node)>> {
        // Every function of this LET: ids first, so that they can call each other.
        let mut funcs: Vec<(usize, u32)> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for (i, b) in bindings.iter().enumerate() {
            if let Binding::Function { name, .. } = b {
                let upper = name.text.to_ascii_uppercase();
                if builtins::lookup(&upper).is_some() {
                    return Err(Error::syntax(
                        format!(
                            "`{}` is a built-in function and cannot be redefined",
                            name.text
                        ),
                        name.span,
                    )
                    .with_help("choose another name for your function"));
                }
                if seen.contains(&upper) {
                    return Err(Error::syntax(
                        format!("function `{}` is defined twice in this LET", name.text),
                        name.span,
                    ));
                }
                seen.push(upper);
                let id = self.functions.len() as u32;
                self.functions.push(None);
                funcs.push((i, id));
            }
        }
        let mut out = Vec::new();
        for (i, b) in bindings.iter().enumerate() {
            match b {
                Binding::Value { name, value } => {
                    let node = self.expr(value)?;
                    let slot = self.scope.bind(&name.text, name.span)?;
                    out.push((slot, node));
                }
                Binding::Function { name, params, body } => {
                    let id = funcs.iter().find(|(j, _)| *j == i).map_or(0, |f| f.1);
                    // All functions of this LET are visible in the body.
                    let mark = self.scope.mark();
                    for (j, fid) in &funcs {
                        if let Binding::Function { name, params, .. } = &bindings[*j] {
                            self.scope.declare_func(&name.text, *fid, params.len());
                        }
                    }
                    let level = self.scope.level();
                    let saved = self.scope.enter_function();
                    let compiled = params
                        .iter()
                        .try_for_each(|p| self.scope.bind(&p.text, p.span).map(|_| ()))
                        .and_then(|()| self.expr(body));
                    let frame = self.scope.leave_function(saved);
                    // Drop the temporary declarations; this level's slots are untouched.
                    self.scope.reset(mark);
                    let body = compiled?;
                    self.functions[id as usize] = Some(UserFn {
                        name: name.text.as_str().into(),
                        level,
                        params: params.len() as u16,
                        frame,
                        body: std::sync::Arc::new(body),
                    });
                    // From here on the function is visible.
                    self.scope.declare_func(&name.text, id, params.len());
                }
            }
        }
        Ok(out)
    }

    fn call(&mut self, name: &ast::Name, args: &[Expr], span: Span) -> Result<Node> {
        if let Some((id, params)) = self.scope.lookup_func(&name.text) {
            let nodes = self.exprs(args)?;
            if nodes.len() != params {
                let plural = if params == 1 { "" } else { "s" };
                let err = Error::argument(format!(
                    "{} takes {params} argument{plural}, got {}",
                    name.text,
                    nodes.len()
                ))
                .with_span(span);
                self.arity_errors.push(err.clone());
                return Ok(Node::Fail(Box::new((nodes.into(), err))));
            }
            return Ok(Node::CallUser(Box::new(ir::CallUser {
                func: id,
                args: nodes.into(),
                span,
            })));
        }
        let Some(id) = builtins::lookup(&name.text) else {
            // Compiled for the errors they hold.
            self.exprs(args)?;
            self.unknown_functions.push(name.text.to_ascii_uppercase());
            self.errors.push(self.unknown_function(name));
            return Ok(Node::Const(Value::Null));
        };
        let spec = builtins::spec(id);
        if let Err(e) = spec.check_arity(args.len()) {
            let nodes = self.exprs(args)?;
            let e = e.with_span(span);
            self.arity_errors.push(e.clone());
            return Ok(Node::Fail(Box::new((nodes.into(), e))));
        }
        match spec.special() {
            Some(Special::If) => {
                let args = self.exprs(args)?;
                Ok(if self.no_folding {
                    Node::If(args.into())
                } else {
                    fold::if_node(args)
                })
            }
            Some(Special::Try) => self.try_call(name, args),
            None => {
                let call = ir::Call {
                    id,
                    args: self.exprs(args)?.into(),
                    span,
                    arg_spans: args.iter().map(|a| a.span).collect(),
                };
                Ok(if self.no_folding {
                    Node::Call(Box::new(call))
                } else {
                    fold::call(call, self.fold_limits())
                })
            }
        }
    }

    fn exprs(&mut self, exprs: &[Expr]) -> Result<Vec<Node>> {
        exprs.iter().map(|e| self.expr(e)).collect()
    }

    /// `TRY(expr, [fallback])`: the fallback is compiled once, in a scope where
    /// `error` is bound to the caught error.
    fn try_call(&mut self, name: &ast::Name, args: &[Expr]) -> Result<Node> {
        let expr = match args.first() {
            Some(e) => self.expr(e)?,
            None => Node::Const(Value::Null),
        };
        let mark = self.scope.mark();
        let slot = self.scope.bind("error", name.span);
        let fallback = match args.get(1) {
            Some(f) if slot.is_ok() => self.expr(f),
            _ => Ok(Node::Const(Value::Null)),
        };
        self.scope.reset(mark);
        Ok(Node::Try(Box::new((expr, fallback?, slot?))))
    }

    fn unknown_function(&self, name: &ast::Name) -> Error {
        let upper = name.text.to_ascii_uppercase();
        let candidates = builtins::all()
            .iter()
            .map(|f| f.name)
            .chain(self.scope.func_names());
        let err = Error::syntax(format!("unknown function `{}`", name.text), name.span);
        match closest(&upper, candidates) {
            Some(best) => err.with_help(format!("did you mean `{best}`?")),
            None => err,
        }
    }

    fn path(&mut self, base: &Expr, step: &ast::Step) -> Result<Node> {
        let base = self.expr(base)?;
        Ok(match step {
            ast::Step::Field(name) => fields(base, name.text.as_str().into()),
            ast::Step::Index(i) => {
                let index = self.expr(i)?;
                match index {
                    Node::Const(Value::Text(t)) => fields(base, t),
                    index => Node::Index(Box::new((base, index))),
                }
            }
            ast::Step::Slice(a, b) => {
                let a = a.as_ref().map(|a| self.expr(a)).transpose()?;
                let b = b.as_ref().map(|b| self.expr(b)).transpose()?;
                Node::Slice(Box::new((base, a, b)))
            }
            ast::Step::Wildcard => Node::Wildcard(Box::new(base)),
            ast::Step::Filter(cond) => {
                let mark = self.scope.mark();
                let item = self.scope.alloc(cond.span);
                let cond = item.and_then(|item| {
                    self.scope.push_at(item);
                    let c = self.expr(cond);
                    self.scope.pop_at();
                    Ok((item, c?))
                });
                self.scope.reset(mark);
                let (item, cond) = cond?;
                Node::Filter(Box::new(ir::Filter { base, item, cond }))
            }
        })
    }

    fn query(&mut self, q: &ast::Query, span: Span) -> Result<Node> {
        let source = self.expr(&q.source)?;
        let mark = self.scope.mark();
        let result = self.query_body(q, source, span);
        self.scope.reset(mark);
        result
    }

    fn query_body(&mut self, q: &ast::Query, source: Node, span: Span) -> Result<Node> {
        // LIMIT and OFFSET see only the collection binding.
        let collection = match &q.collection {
            Some(n) => Some(self.scope.bind(&n.text, n.span)?),
            None => None,
        };
        let limit = match &q.limit {
            Some(e) => Some((self.expr(e)?, e.span)),
            None => None,
        };
        let offset = match &q.offset {
            Some(e) => Some((self.expr(e)?, e.span)),
            None => None,
        };
        let index = match &q.index {
            Some(n) => Some(self.scope.bind(&n.text, n.span)?),
            None => None,
        };
        let item = self.scope.bind(&q.item.text, q.item.span)?;
        let filter = q.filter.as_ref().map(|e| self.expr(e)).transpose()?;
        let order_by = match &q.order_by {
            Some(o) => Some((self.expr(&o.key)?, o.descending)),
            None => None,
        };
        let select = match &q.select {
            None => ir::Select::Item,
            Some(ast::Select::Value { distinct, expr }) => ir::Select::Value {
                distinct: *distinct,
                node: self.expr(expr)?,
            },
            Some(ast::Select::KeyValue { key, value }) => ir::Select::KeyValue {
                key: self.key(key)?,
                value: self.expr(value)?,
            },
        };
        Ok(Node::Query(Box::new(ir::Query {
            item,
            index,
            collection,
            source,
            filter,
            order_by,
            limit,
            offset,
            select,
            source_span: q.source.span,
            span,
        })))
    }
}

/// A name step on `base`; consecutive name steps become one path.
fn fields(base: Node, key: std::sync::Arc<str>) -> Node {
    match base {
        Node::Field(inner, first) => Node::FieldPath(Box::new((*inner, vec![first, key].into()))),
        Node::FieldPath(fp) => {
            let (inner, keys) = *fp;
            let mut keys = keys.into_vec();
            keys.push(key);
            Node::FieldPath(Box::new((inner, keys.into())))
        }
        base => Node::Field(Box::new(base), key),
    }
}

/// The closest name by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(&str, f64)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&name.to_ascii_uppercase(), &c.to_ascii_uppercase());
        if score > best.map_or(0.8, |b| b.1) {
            best = Some((c, score));
        }
    }
    best.map(|b| b.0)
}
