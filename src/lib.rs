//! airscript: an Airscript-like expression language.

pub mod builtins;
pub mod error;
pub mod session;
mod stack;
pub mod syntax;
pub mod value;

pub use error::{Error, ErrorKind};
pub use session::{Clock, Session};
pub use value::Value;
pub mod compile;
pub mod conformance;
pub mod diagnostic;
mod engine;
pub mod eval;
pub mod ir;

pub use engine::{Context, Engine, Errors, Expression, Failure, Interpreter, Template, Vars};
pub use eval::Limits;
pub mod cli;
