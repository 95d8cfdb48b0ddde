//! What the embedding API returns when a source does not compile or a
//! program does not complete.

use crate::error::Error;

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

/// Why a program did not complete.
#[derive(Clone, Debug)]
pub enum Failure {
    /// The source did not compile; nothing ran.
    Compile(Vec<Error>),
    /// An item raised an error; the items before it ran.
    Run(Error),
}
