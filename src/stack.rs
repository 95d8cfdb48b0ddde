//! The one guard against stack overflow, used by every recursive walk (parser,
//! compiler, evaluator, and the walks over nested values).

/// When less than this much stack is left, the guarded call runs on a new segment.
///
/// 1 MiB: the evaluator is guarded only when it enters a user function (and at
/// the top), so between two guards it may recurse through a whole function body
/// — up to the nesting limit — in large unoptimised frames. The walks guarded at
/// every level need far less, but one pair keeps the reasoning in one place: the
/// check costs the same whatever the numbers, and a segment is only allocated
/// when the thread's own stack is nearly used up.
pub(crate) const RED_ZONE: usize = 1 << 20;

/// The size of each new stack segment (allocated on the heap, freed on return).
pub(crate) const SEGMENT: usize = 4 << 20;

/// Runs `f`, first moving to a fresh stack segment when fewer than [`RED_ZONE`]
/// bytes of stack are left, so that deep recursion cannot overflow whatever
/// thread the host calls from.
#[inline]
pub(crate) fn guard<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}
