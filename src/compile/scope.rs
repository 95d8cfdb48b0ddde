//! Name resolution state: visible bindings, user functions, filter items and
//! the frame slots in use at each static level.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::ir::Slot;
use crate::span::Span;

#[derive(Clone, Debug)]
struct Var {
    name: Arc<str>,
    slot: Slot,
}

#[derive(Clone, Debug)]
struct Func {
    /// Upper-case name.
    name: String,
    /// The name as the user wrote it, for messages.
    shown: String,
    id: u32,
    params: usize,
}

#[derive(Clone, Copy, Debug, Default)]
struct Level {
    next: u16,
    max: u16,
}

/// Everything the compiler knows about names at one point of the source.
/// Cloned to roll back a REPL input that fails to compile.
#[derive(Clone, Debug)]
pub struct Scope {
    vars: Vec<Var>,
    funcs: Vec<Func>,
    at: Vec<Slot>,
    levels: Vec<Level>,
    globals: Vec<Arc<str>>,
    global_index: HashMap<Arc<str>, u32>,
}

/// A point to return to when a construct's bindings go out of scope.
#[derive(Clone, Copy, Debug)]
pub struct Mark {
    vars: usize,
    funcs: usize,
    next: u16,
}

/// The largest frame a function body may use.
const MAX_SLOTS: u16 = u16::MAX - 1;

impl Default for Scope {
    fn default() -> Scope {
        Scope {
            vars: Vec::new(),
            funcs: Vec::new(),
            at: Vec::new(),
            levels: vec![Level::default()],
            globals: Vec::new(),
            global_index: HashMap::new(),
        }
    }
}

impl Scope {
    pub fn level(&self) -> u16 {
        (self.levels.len() - 1) as u16
    }

    pub fn mark(&self) -> Mark {
        Mark {
            vars: self.vars.len(),
            funcs: self.funcs.len(),
            next: self.levels.last().map_or(0, |l| l.next),
        }
    }

    /// Forgets the bindings made since `mark` and frees their slots.
    pub fn reset(&mut self, mark: Mark) {
        self.vars.truncate(mark.vars);
        self.funcs.truncate(mark.funcs);
        if let Some(l) = self.levels.last_mut() {
            l.next = mark.next;
        }
    }

    /// A fresh slot in the current level's frame.
    pub fn alloc(&mut self, span: Span) -> Result<Slot> {
        let level = self.level();
        let l = self.levels.last_mut().expect("a level always exists");
        if l.next >= MAX_SLOTS {
            return Err(Error::limit("too many local names in one function").with_span(span));
        }
        let slot = Slot {
            level,
            index: l.next,
        };
        l.next += 1;
        l.max = l.max.max(l.next);
        Ok(slot)
    }

    /// Binds `name` to a fresh slot.
    pub fn bind(&mut self, name: &str, span: Span) -> Result<Slot> {
        let slot = self.alloc(span)?;
        self.vars.push(Var {
            name: name.into(),
            slot,
        });
        Ok(slot)
    }

    pub fn lookup_var(&self, name: &str) -> Option<Slot> {
        self.vars
            .iter()
            .rev()
            .find(|v| &*v.name == name)
            .map(|v| v.slot)
    }

    /// The context variable table index of `name`, added on first use.
    pub fn global(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.global_index.get(name) {
            return i;
        }
        let i = self.globals.len() as u32;
        let name: Arc<str> = name.into();
        self.globals.push(name.clone());
        self.global_index.insert(name, i);
        i
    }

    pub fn globals(&self) -> &[Arc<str>] {
        &self.globals
    }

    pub fn declare_func(&mut self, name: &str, id: u32, params: usize) {
        self.funcs.push(Func {
            name: name.to_ascii_uppercase(),
            shown: name.to_string(),
            id,
            params,
        });
    }

    /// The innermost user function called `name` (any letter case): id and arity.
    pub fn lookup_func(&self, name: &str) -> Option<(u32, usize)> {
        self.funcs
            .iter()
            .rev()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| (f.id, f.params))
    }

    /// Names of the visible variables and functions, for suggestions.
    pub fn var_names(&self) -> impl Iterator<Item = &str> {
        self.vars.iter().map(|v| &*v.name)
    }
    pub fn func_names(&self) -> impl Iterator<Item = &str> {
        self.funcs.iter().map(|f| f.shown.as_str())
    }

    pub fn push_at(&mut self, slot: Slot) {
        self.at.push(slot);
    }
    pub fn pop_at(&mut self) {
        self.at.pop();
    }
    pub fn current_at(&self) -> Option<Slot> {
        self.at.last().copied()
    }

    /// Enters a function body: a new level whose first slots are the parameters.
    pub fn enter_function(&mut self) -> usize {
        self.levels.push(Level::default());
        self.vars.len()
    }

    /// Leaves a function body; returns the frame size it needed.
    pub fn leave_function(&mut self, saved_vars: usize) -> u16 {
        let level = self.levels.pop().unwrap_or_default();
        self.vars.truncate(saved_vars);
        level.max
    }

    /// Frame size of the top level.
    pub fn root_frame(&self) -> u16 {
        self.levels.first().map_or(0, |l| l.max)
    }
}
