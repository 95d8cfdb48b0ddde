//! The payloads of List and Object values: the items, and the value's nesting
//! depth, known from the moment it is built.
//!
//! Keeping the depth beside the items makes two things cheap:
//!
//! - the evaluator refuses a value nested deeper than its limit in O(1), as
//!   it builds it, however the value came to be (a literal, a built-in, a
//!   recursive function wrapping its result again and again);
//! - dropping a deep value takes it apart with a loop instead of recursing
//!   once per level on the native stack (see [`teardown`]).
//!
//! They keep the value's *weight* too: about how many bytes it takes written
//! out in full, shared parts counted each time they appear. `[x, x, x]` shares
//! one `x` in memory but prints it three times; a value built by doubling
//! such lists is small in memory and astronomically large in print. The
//! evaluator refuses a value heavier than its memory limit, so that nothing
//! downstream (printing, JSON, a message body) is asked to write it.
//!
//! Both deref to what they hold (`Vec<Value>`, [`ObjectMap`]), so reading code
//! sees a list or a map.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use super::{ObjectMap, Value};

/// Values up to this deep are dropped the ordinary way (recursion of this
/// depth is harmless); deeper ones by [`teardown`].
const SHALLOW: u32 = 64;

/// The items of a List, and its depth.
#[derive(Default)]
pub struct List {
    items: Vec<Value>,
    depth: u32,
    weight: u64,
}

/// The fields of an Object, and its depth.
#[derive(Default)]
pub struct Object {
    map: ObjectMap,
    depth: u32,
    weight: u64,
}

/// The depth and weight of a container holding `parts`, each a value and
/// what it adds to the weight besides its own (separators, its key).
fn measure<'v>(parts: impl Iterator<Item = (u64, &'v Value)>) -> (u32, u64) {
    let (depth, weight) = parts.fold((0u32, 2u64), |(d, w), (extra, v)| {
        (
            d.max(v.depth()),
            w.saturating_add(v.weight()).saturating_add(extra),
        )
    });
    (depth.saturating_add(1), weight)
}

/// The depth of a container holding `values`: one more than the deepest of them.
pub(super) fn depth_over<'v>(values: impl Iterator<Item = &'v Value>) -> u32 {
    values.fold(0, |d, v| d.max(v.depth())).saturating_add(1)
}

impl List {
    pub fn new(items: Vec<Value>) -> List {
        let (depth, weight) = measure(items.iter().map(|v| (2, v)));
        List {
            items,
            depth,
            weight,
        }
    }

    /// About how many bytes it takes written out (see the module docs).
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// How many levels of List/Object it nests, itself included (`[]` is 1).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    pub fn as_slice(&self) -> &[Value] {
        &self.items
    }

    /// The items, taken out (the list is left empty).
    pub fn into_items(mut self) -> Vec<Value> {
        std::mem::take(&mut self.items)
    }
}

impl Object {
    pub fn new(map: ObjectMap) -> Object {
        let (depth, weight) = measure(map.iter().map(|(k, v)| (k.len() as u64 + 4, v)));
        Object { map, depth, weight }
    }

    /// About how many bytes it takes written out (see the module docs).
    pub fn weight(&self) -> u64 {
        self.weight
    }

    /// How many levels of List/Object it nests, itself included (`{}` is 1).
    pub fn depth(&self) -> u32 {
        self.depth
    }

    pub fn map(&self) -> &ObjectMap {
        &self.map
    }

    /// The fields, taken out (the object is left empty).
    pub fn into_map(mut self) -> ObjectMap {
        std::mem::take(&mut self.map)
    }
}

impl Deref for List {
    type Target = Vec<Value>;
    fn deref(&self) -> &Vec<Value> {
        &self.items
    }
}

impl Deref for Object {
    type Target = ObjectMap;
    fn deref(&self) -> &ObjectMap {
        &self.map
    }
}

impl PartialEq for List {
    fn eq(&self, other: &List) -> bool {
        self.items == other.items
    }
}

impl PartialEq for Object {
    fn eq(&self, other: &Object) -> bool {
        self.map == other.map
    }
}

impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl fmt::Debug for Object {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.map.fmt(f)
    }
}

impl Drop for List {
    fn drop(&mut self) {
        if self.depth > SHALLOW {
            teardown(std::mem::take(&mut self.items));
        }
    }
}

impl Drop for Object {
    fn drop(&mut self) {
        if self.depth > SHALLOW {
            teardown(std::mem::take(&mut self.map).into_values().collect());
        }
    }
}

/// Drops `pending` and everything only it holds, level by level in a loop: a
/// container whose last owner is being dropped gives its items to the loop
/// before it goes, so no drop recurses more than [`SHALLOW`] levels.
fn teardown(mut pending: Vec<Value>) {
    while let Some(v) = pending.pop() {
        match v {
            Value::List(l) => {
                if let Some(mut l) = Arc::into_inner(l) {
                    pending.append(&mut l.items);
                }
            }
            Value::Object(o) => {
                if let Some(mut o) = Arc::into_inner(o) {
                    pending.extend(std::mem::take(&mut o.map).into_values());
                }
            }
            Value::Asset(a) => {
                if let Some(a) = Arc::into_inner(a) {
                    pending.extend(a.record.into_values());
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nest(levels: usize) -> Value {
        let mut v = Value::Null;
        for i in 0..levels {
            v = if i % 2 == 0 {
                Value::list(vec![v])
            } else {
                let mut m = ObjectMap::default();
                m.insert("a".into(), v);
                Value::object(m)
            };
        }
        v
    }

    #[test]
    fn depth_counts_the_levels() {
        assert_eq!(Value::Null.depth(), 0);
        assert_eq!(Value::list(vec![]).depth(), 1);
        assert_eq!(nest(3).depth(), 3);
        let wide = Value::list(vec![Value::from(1), nest(5), Value::list(vec![])]);
        assert_eq!(wide.depth(), 6);
    }

    #[test]
    fn weight_counts_shared_parts_each_time() {
        let x = Value::text("x".repeat(100));
        let three = Value::list(vec![x.clone(), x.clone(), x]);
        assert_eq!(three.weight(), 2 + 3 * (102 + 2));
        let mut doubled = three;
        for _ in 0..70 {
            doubled = Value::list(vec![doubled.clone(), doubled]);
        }
        assert_eq!(doubled.weight(), u64::MAX, "saturates instead of wrapping");
        let mut m = ObjectMap::default();
        m.insert("ab".into(), Value::from(1));
        assert_eq!(Value::object(m).weight(), 2 + 2 + 4 + 16);
    }

    #[test]
    fn a_million_levels_drop_without_recursing() {
        // On a test thread's 2 MiB stack, a recursive drop of this overflows.
        let v = nest(1_000_000);
        assert_eq!(v.depth(), 1_000_000);
        drop(v);
    }

    #[test]
    fn a_shared_inner_value_survives_the_teardown_of_its_outer_one() {
        let inner = nest(100);
        let outer = Value::list(vec![inner.clone(), nest(200)]);
        drop(outer);
        assert_eq!(inner.depth(), 100);
        assert_eq!(inner, nest(100));
    }
}
