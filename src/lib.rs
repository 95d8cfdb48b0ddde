//! airscript: an Airscript-like expression language.

pub mod builtins;
pub mod error;
pub mod session;
pub mod syntax;
pub mod value;

pub use error::{Error, ErrorKind};
pub use session::{Clock, Session};
pub use value::Value;
