//! The one error type: a kind from the spec's list, a message, and where it happened.

use std::fmt;

use crate::span::Span;
use crate::value::Value;

/// The error kinds of the language (decisions §9, language.md §8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    Syntax,
    Type,
    Argument,
    Arithmetic,
    Format,
    User,
    Limit,
    Effect,
}

impl ErrorKind {
    /// The name tools and tests match: `SyntaxError`, `TypeError`, ...
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Type => "TypeError",
            ErrorKind::Argument => "ArgumentError",
            ErrorKind::Arithmetic => "ArithmeticError",
            ErrorKind::Format => "FormatError",
            ErrorKind::User => "UserError",
            ErrorKind::Limit => "LimitError",
            ErrorKind::Effect => "EffectError",
        }
    }

    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ALL_KINDS.iter().copied().find(|k| k.name() == name)
    }
}

pub const ALL_KINDS: [ErrorKind; 8] = [
    ErrorKind::Syntax,
    ErrorKind::Type,
    ErrorKind::Argument,
    ErrorKind::Arithmetic,
    ErrorKind::Format,
    ErrorKind::User,
    ErrorKind::Limit,
    ErrorKind::Effect,
];

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error of the language. Boxed so that `Result<Value, Error>` stays small.
#[derive(Clone, Debug, PartialEq)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug, PartialEq)]
struct Inner {
    kind: ErrorKind,
    message: String,
    span: Option<Span>,
    help: Option<String>,
    /// Set by a built-in to blame one argument; the evaluator turns it into a span.
    arg: Option<u8>,
    /// With `arg`: the character (0-based) of that argument's text where the
    /// problem is; the evaluator narrows the span to it when the argument is
    /// written as a plain string literal.
    char_at: Option<u32>,
    /// A syntax error caused by the input ending too early (the REPL asks for more).
    incomplete: bool,
    /// The value carried by `THROW`.
    payload: Option<Value>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
            span: None,
            help: None,
            arg: None,
            char_at: None,
            incomplete: false,
            payload: None,
        }))
    }

    pub fn syntax(message: impl Into<String>, span: Span) -> Error {
        Error::new(ErrorKind::Syntax, message).with_span(span)
    }
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Type, message)
    }
    pub fn argument(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Argument, message)
    }
    pub fn arithmetic(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Arithmetic, message)
    }
    pub fn format(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Format, message)
    }
    pub fn limit(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Limit, message)
    }
    pub fn effect(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Effect, message)
    }

    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    pub fn message(&self) -> &str {
        &self.0.message
    }
    pub fn span(&self) -> Option<Span> {
        self.0.span
    }
    pub fn help(&self) -> Option<&str> {
        self.0.help.as_deref()
    }
    pub fn arg(&self) -> Option<u8> {
        self.0.arg
    }
    pub fn is_incomplete(&self) -> bool {
        self.0.incomplete
    }
    pub fn payload(&self) -> Option<&Value> {
        self.0.payload.as_ref()
    }

    pub fn with_span(mut self, span: Span) -> Error {
        self.0.span = Some(span);
        self
    }
    /// Sets the span only if none is set yet: the first layer that knows it wins.
    pub fn or_span(mut self, span: Span) -> Error {
        if self.0.span.is_none() {
            self.0.span = Some(span);
        }
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Error {
        self.0.help = Some(help.into());
        self
    }
    /// Blames argument `index` (0-based) of the current call.
    pub fn at_arg(mut self, index: usize) -> Error {
        self.0.arg = u8::try_from(index).ok();
        self
    }
    pub fn take_arg(&mut self) -> Option<u8> {
        self.0.arg.take()
    }
    /// Blames character `index` (0-based) of the text of the blamed argument.
    pub fn at_char(mut self, index: usize) -> Error {
        self.0.char_at = u32::try_from(index).ok();
        self
    }
    pub fn take_char(&mut self) -> Option<u32> {
        self.0.char_at.take()
    }
    pub fn incomplete(mut self) -> Error {
        self.0.incomplete = true;
        self
    }
    pub fn with_payload(mut self, value: Value) -> Error {
        self.0.payload = Some(value);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.0.kind, self.0.message)
    }
}

impl std::error::Error for Error {}
