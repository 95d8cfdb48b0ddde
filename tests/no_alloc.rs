//! Evaluating a compiled expression with a scalar result against prepared
//! variables allocates nothing. A counting allocator watches the heap; this
//! binary holds a single test so that no other thread allocates meanwhile.
#![allow(unsafe_code)] // a global allocator can only be written with `unsafe`

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use airscript::{Context, Engine, Value};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn scalar_evaluation_does_not_allocate() {
    let engine = Engine::new();
    let data = serde_json::json!({
        "a": 10, "b": 20, "c": 30, "status": "open",
        "o": {"b": {"c": {"d": {"e": {"f": 42}}}}},
        "price": 1.5, "qty": 4, "name": "Bob"
    });
    let ctx = Context::from_json(&data).unwrap();
    for (src, expected) in [
        (r#"(a + b * 2) > c AND status = "open""#, Value::Bool(true)),
        ("o.b.c.d.e.f", Value::from(42)),
        (
            "price * qty - 1 / 4",
            Value::Number("5.75".parse().unwrap()),
        ),
        (
            "IF(qty > 3, price * 2, 0) ?? 1",
            Value::Number("3.0".parse().unwrap()),
        ),
        (r#"name = "Bob" OR NOT (a < b)"#, Value::Bool(true)),
        ("missing.field ?? a % 7", Value::from(3)),
    ] {
        let expr = engine.compile_expression(src).unwrap();
        let vars = expr.bind(&ctx);
        assert_eq!(expr.eval_vars(&vars).unwrap(), expected, "{src}");
        let before = ALLOCATIONS.load(Ordering::SeqCst);
        for _ in 0..100 {
            std::hint::black_box(expr.eval_vars(&vars).unwrap());
        }
        let after = ALLOCATIONS.load(Ordering::SeqCst);
        assert_eq!(
            after - before,
            0,
            "`{src}` allocated {} times in 100 evaluations",
            after - before
        );
    }
}
