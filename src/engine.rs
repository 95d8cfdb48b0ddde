//! The embedding API: compile once, evaluate many times, from many threads.
//!
//! ```
//! use airscript::{Context, Engine};
//! let engine = Engine::new();
//! let expr = engine.compile_expression("price * qty").unwrap();
//! let ctx = Context::from_json(&serde_json::json!({"price": 1.5, "qty": 4})).unwrap();
//! assert_eq!(expr.eval(&ctx).unwrap().to_string(), "6");
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use crate::compile::Compiler;
use crate::error::{Error, Result};
use crate::eval::{Limits, Machine};
use crate::ir::{Node, Stmt, UserFn};
use crate::session::Session;
use crate::syntax::{self, ParseOptions};
use crate::value::{json, Value};

/// The errors that stopped a compilation, in source order (never empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Errors(pub Vec<Error>);

impl Errors {
    /// The first error (the one to show when there is room for one).
    pub fn first(&self) -> &Error {
        &self.0[0]
    }
}

impl std::ops::Deref for Errors {
    type Target = [Error];
    fn deref(&self) -> &[Error] {
        &self.0
    }
}

impl From<Vec<Error>> for Errors {
    fn from(v: Vec<Error>) -> Errors {
        Errors(v)
    }
}

impl std::fmt::Display for Errors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Compiles sources under one set of limits and one default session.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    limits: Limits,
    session: Session,
}

/// Variables by name: what a host hands to an evaluation.
#[derive(Clone, Debug, Default)]
pub struct Context {
    vars: HashMap<Arc<str>, Value>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// A context from a JSON object: each member is a variable.
    pub fn from_json(j: &serde_json::Value) -> Result<Context> {
        let serde_json::Value::Object(map) = j else {
            return Err(Error::type_error("the context must be a JSON object"));
        };
        let mut vars = HashMap::with_capacity(map.len());
        for (k, v) in map {
            vars.insert(k.as_str().into(), json::from_json(v)?);
        }
        Ok(Context { vars })
    }

    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.vars.insert(name.into(), value.into());
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(name)
    }

    /// The values of `names`, in order; `NULL` for a name the context lacks.
    fn values_of(&self, names: &[Arc<str>]) -> Vec<Value> {
        names
            .iter()
            .map(|g| self.get(g).cloned().unwrap_or(Value::Null))
            .collect()
    }
}

/// Context variables laid out in the order a compiled unit reads them.
#[derive(Clone, Debug, Default)]
pub struct Vars(Vec<Value>);

/// Compiled code with everything it needs to run; shared by `Arc`.
#[derive(Debug)]
struct Unit {
    node: Node,
    functions: Vec<UserFn>,
    globals: Vec<Arc<str>>,
    root_frame: usize,
    limits: Limits,
    /// False for short sources without functions: they cannot nest deeply
    /// enough to need the stack check (about 256 bytes of source at most).
    deep: bool,
}

/// Sources up to this length nest too shallowly to threaten any thread's stack.
const SHALLOW_SOURCE: usize = 256;

impl Unit {
    fn bind(&self, ctx: &Context) -> Vars {
        Vars(ctx.values_of(&self.globals))
    }

    fn run(&self, vars: &Vars, session: &Session) -> Result<Value> {
        let root = if self.root_frame == 0 {
            Vec::new()
        } else {
            vec![Value::Null; self.root_frame]
        };
        let mut m = Machine::new(&vars.0, &self.functions, session, &self.limits, root);
        if self.deep {
            // Deeply nested code recurses: make sure the stack has room, whatever thread we are on.
            crate::stack::guard(|| m.eval(&self.node))
        } else {
            m.eval(&self.node)
        }
    }
}

/// A compiled expression. Cheap to clone, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Expression {
    unit: Arc<Unit>,
    session: Arc<Session>,
}

/// A compiled template (`Hello, {{name}}!`).
#[derive(Clone, Debug)]
pub struct Template {
    expr: Expression,
}

impl Engine {
    pub fn new() -> Engine {
        Engine::default()
    }

    pub fn with_limits(mut self, limits: Limits) -> Engine {
        self.limits = limits;
        self
    }

    pub fn with_session(mut self, session: Session) -> Engine {
        self.session = session;
        self
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub(crate) fn parse_options(&self) -> ParseOptions {
        ParseOptions {
            max_depth: self.limits.max_nesting,
            max_len: self.limits.max_source,
        }
    }

    /// Compiles one expression (§10.6). Errors are `SyntaxError`s (or a `LimitError`
    /// for source that is too long or too deeply nested), in source order.
    pub fn compile_expression(&self, src: &str) -> std::result::Result<Expression, Errors> {
        let ast = syntax::parse_expression_with(src, &self.parse_options())
            .map_err(|e| Errors(vec![e]))?;
        let mut c = Compiler::new();
        let node = c.expression(&ast)?;
        Ok(self.unit(c, node, src.len()))
    }

    /// Compiles a template: text with `{{ }}` parts (§7.5).
    pub fn compile_template(&self, src: &str) -> std::result::Result<Template, Errors> {
        let t = syntax::parse_template(src).map_err(|e| Errors(vec![e]))?;
        let expr = Expression::from_parts(self, &t.parts, src.len())?;
        Ok(Template { expr })
    }

    fn unit(&self, c: Compiler, node: Node, src_len: usize) -> Expression {
        let functions = c.functions();
        let unit = Unit {
            node,
            deep: src_len > SHALLOW_SOURCE || !functions.is_empty(),
            functions,
            globals: c.scope.globals().to_vec(),
            root_frame: c.scope.root_frame() as usize,
            limits: self.limits.clone(),
        };
        Expression {
            unit: Arc::new(unit),
            session: Arc::new(self.session.clone()),
        }
    }
}

impl Expression {
    fn from_parts(
        engine: &Engine,
        parts: &[syntax::ast::StrPart],
        src_len: usize,
    ) -> std::result::Result<Expression, Errors> {
        use syntax::ast::{Expr, ExprKind, StrLit};
        let lit = Expr {
            kind: ExprKind::Str(StrLit {
                parts: parts.to_vec(),
            }),
            span: Default::default(),
        };
        let mut c = Compiler::new();
        let node = c.expression(&lit)?;
        Ok(engine.unit(c, node, src_len))
    }

    /// The context variables the expression reads, in slot order.
    pub fn variables(&self) -> &[Arc<str>] {
        &self.unit.globals
    }

    /// Looks the expression's variables up in `ctx` once, for many evaluations.
    pub fn bind(&self, ctx: &Context) -> Vars {
        self.unit.bind(ctx)
    }

    /// Evaluates against a context with the engine's session.
    pub fn eval(&self, ctx: &Context) -> Result<Value> {
        self.unit.run(&self.unit.bind(ctx), &self.session)
    }

    /// Evaluates against prepared variables: no name is looked up.
    pub fn eval_vars(&self, vars: &Vars) -> Result<Value> {
        self.unit.run(vars, &self.session)
    }

    /// Evaluates against prepared variables and a session of the caller's.
    pub fn eval_with(&self, vars: &Vars, session: &Session) -> Result<Value> {
        self.unit.run(vars, session)
    }
}

impl Template {
    /// Renders the template: always Text on success.
    pub fn render(&self, ctx: &Context) -> Result<String> {
        self.render_with(&self.expr.bind(ctx), &self.expr.session)
    }

    pub fn render_with(&self, vars: &Vars, session: &Session) -> Result<String> {
        match self.expr.eval_with(vars, session)? {
            Value::Text(t) => Ok(t.to_string()),
            other => Ok(crate::value::render::render(&other, session)),
        }
    }

    pub fn variables(&self) -> &[Arc<str>] {
        self.expr.variables()
    }
}

/// Why a program did not complete.
#[derive(Clone, Debug)]
pub enum Failure {
    /// The source did not compile; nothing ran.
    Compile(Vec<Error>),
    /// An item raised an error; the items before it ran.
    Run(Error),
}

/// Runs programs item by item, keeping declarations between runs (the REPL
/// runs each input through one interpreter; `air run` uses one for the file).
#[derive(Clone, Debug)]
pub struct Interpreter {
    engine: Engine,
    compiler: Compiler,
    functions: Vec<UserFn>,
    root: Vec<Value>,
    context: Context,
    pub session: Session,
}

impl Interpreter {
    pub fn new(engine: Engine, context: Context, session: Session) -> Interpreter {
        Interpreter {
            engine,
            compiler: Compiler::new(),
            functions: Vec::new(),
            root: Vec::new(),
            context,
            session,
        }
    }

    /// Parses and compiles `src` without running it (a failure changes nothing):
    /// syntax errors, unknown functions, and calls with a wrong number of
    /// arguments (which would raise an `ArgumentError` when run).
    pub fn check(&self, src: &str) -> Vec<Error> {
        let (ast, mut errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        let mut c = self.compiler.clone();
        if let Err(mut e) = c.program(&ast) {
            errors.append(&mut e);
        }
        errors.append(&mut c.arity_errors);
        errors.sort_by_key(|e| e.span().map_or(0, |s| s.start));
        errors.dedup_by(|a, b| a.span() == b.span() && a.message() == b.message());
        errors
    }

    /// The names `src` would read from the context (for `air check` notes),
    /// each with the closest declared name when it looks like a typo of one.
    pub fn free_variables(&self, src: &str) -> Vec<(Arc<str>, Option<String>)> {
        let (ast, errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        if !errors.is_empty() {
            return Vec::new();
        }
        let mut c = self.compiler.clone();
        let before = c.scope.globals().len();
        if c.program(&ast).is_err() {
            return Vec::new();
        }
        c.scope.globals()[before..]
            .iter()
            .map(|g| {
                let hint = crate::compile::closest(g, c.scope.var_names()).map(str::to_string);
                (g.clone(), hint)
            })
            .collect()
    }

    /// Runs every item of `src`; `on_value` receives each expression item's value.
    pub fn run(
        &mut self,
        src: &str,
        on_value: &mut dyn FnMut(&Value),
    ) -> std::result::Result<(), Failure> {
        let (ast, errors) = syntax::parse_program_with(src, &self.engine.parse_options());
        if !errors.is_empty() {
            return Err(Failure::Compile(errors));
        }
        let mut c = self.compiler.clone();
        let stmts = c.program(&ast).map_err(Failure::Compile)?;
        self.compiler = c;
        self.functions = self.compiler.functions();
        let globals = self.context.values_of(self.compiler.scope.globals());
        let root = std::mem::take(&mut self.root);
        let limits = &self.engine.limits;
        let mut m = Machine::new(&globals, &self.functions, &self.session, limits, root);
        m.ensure_root(self.compiler.scope.root_frame() as usize);
        let mut result = Ok(());
        for stmt in &stmts {
            result = crate::stack::guard(|| run_item(&mut m, stmt, on_value));
            if result.is_err() {
                break;
            }
        }
        self.root = m.into_root();
        result
    }

    /// Forgets every declaration (`:reset`).
    pub fn reset(&mut self) {
        self.compiler = Compiler::new();
        self.functions.clear();
        self.root.clear();
    }

    /// Names of declared variables and functions, for completion.
    pub fn declared_names(&self) -> Vec<String> {
        self.compiler
            .scope
            .var_names()
            .chain(self.compiler.scope.func_names())
            .map(str::to_string)
            .collect()
    }
}

/// Runs one program item: a declaration stores its values, an expression's
/// value goes to `on_value`.
fn run_item(
    m: &mut Machine<'_>,
    stmt: &Stmt,
    on_value: &mut dyn FnMut(&Value),
) -> std::result::Result<(), Failure> {
    match stmt {
        Stmt::Declare(bindings) => {
            for (slot, node) in bindings.iter() {
                let v = m.eval(node).map_err(Failure::Run)?;
                m.set_local(*slot, v);
            }
        }
        Stmt::Eval(node, span) => {
            let v = m.eval(node).map_err(|e| Failure::Run(e.or_span(*span)))?;
            on_value(&v);
        }
    }
    Ok(())
}
