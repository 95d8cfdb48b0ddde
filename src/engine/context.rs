//! What a host hands to an evaluation: variables by name (`Context`), or laid
//! out once for a compiled expression (`Vars`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::value::{json, Value};

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
    pub(super) fn values_of(&self, names: &[Arc<str>]) -> Vec<Value> {
        names
            .iter()
            .map(|g| self.get(g).cloned().unwrap_or(Value::Null))
            .collect()
    }
}

/// Context variables laid out in the order a compiled unit reads them.
#[derive(Clone, Debug, Default)]
pub struct Vars(pub(super) Vec<Value>);
