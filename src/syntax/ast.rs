//! The syntax tree: plain data, every node with its source span.

use rust_decimal::Decimal;

use crate::span::Span;

/// A name as written (identifier, function name, binding or property name).
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(Decimal),
    /// A string literal, possibly with `{{ }}` parts.
    Str(StrLit),
    /// A variable reference.
    Var(Name),
    /// `@`: the item under test in a filter, or the host's current value.
    At,
    List(Vec<Expr>),
    Object(Vec<Member>),
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `NAME(args)`; `name.span` covers the name only.
    Call {
        name: Name,
        args: Vec<Expr>,
    },
    /// One path step applied to `base`; chains nest: `a.b[0]` is `Path(Path(a, .b), [0])`.
    Path {
        base: Box<Expr>,
        step: Step,
    },
    Let {
        bindings: Vec<Binding>,
        body: Box<Expr>,
    },
    Query(Box<Query>),
    /// Parenthesised expression (kept so that spans and display are faithful).
    Paren(Box<Expr>),
}

/// The pieces of a string literal or a template.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StrLit {
    pub parts: Vec<StrPart>,
}

impl StrLit {
    /// The text when the literal has no interpolation.
    pub fn as_plain(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [] => Some(""),
            [StrPart::Text(t)] => Some(t),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum StrPart {
    /// Literal text, escapes already decoded.
    Text(String),
    /// `{{ expr }}`.
    Interp(Expr),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Key {
    /// A bare word: that literal name.
    Word(Name),
    /// A string literal (may be interpolated).
    Str(StrLit, Span),
}

impl Key {
    pub fn span(&self) -> Span {
        match self {
            Key::Word(n) => n.span,
            Key::Str(_, s) => *s,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: Key,
    pub value: Expr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Neg,
    Plus,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Coalesce,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Xor,
    Or,
}

impl BinaryOp {
    /// `=`, `<>`, `<`, `<=`, `>`, `>=`: never fail, always a Boolean.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
        )
    }

    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Rem => "%",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Coalesce => "??",
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "<>",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::And => "AND",
            BinaryOp::Xor => "XOR",
            BinaryOp::Or => "OR",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `.name`
    Field(Name),
    /// `[expr]`: a Number indexes, a Text is a key.
    Index(Box<Expr>),
    /// `[a:b]`, both ends included; either may be missing.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>),
    /// `[*]`
    Wildcard,
    /// `[?(cond)]`
    Filter(Box<Expr>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Binding {
    Value {
        name: Name,
        value: Expr,
    },
    Function {
        name: Name,
        params: Vec<Name>,
        body: Expr,
    },
}

impl Binding {
    pub fn name(&self) -> &Name {
        match self {
            Binding::Value { name, .. } | Binding::Function { name, .. } => name,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub item: Name,
    pub index: Option<Name>,
    pub collection: Option<Name>,
    pub source: Expr,
    pub filter: Option<Expr>,
    pub order_by: Option<OrderBy>,
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
    pub select: Option<Select>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OrderBy {
    pub key: Expr,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Select {
    Value { distinct: bool, expr: Expr },
    KeyValue { key: Key, value: Expr },
}

/// A `.air` program or one REPL input.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `LET a = 1, f(x) = ...` without `IN`.
    Decl {
        bindings: Vec<Binding>,
        span: Span,
    },
    Expr(Expr),
}

/// Plain text with `{{ }}` parts (§7.5).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Template {
    pub parts: Vec<StrPart>,
}
