//! Geography (functions-time-math.md §5.9): LATLNGDISTANCE, the great-circle
//! distance by the haversine formula on a sphere of radius 6371 km, from four
//! coordinates or two location objects (`{"latitude", "longitude"}` as the
//! Map and Place Search controls give them, or `{"lat", "lng"}`).

use rust_decimal::Decimal;

use super::real::{self, to_f64};
use crate::builtins::{CallCtx, Category, FunctionSpec};
use crate::error::Result;
use crate::sig;
use crate::value::number::plain;
use crate::value::{ObjectMap, Value};

const M: Category = Category::Math;

pub const FUNCTIONS: &[FunctionSpec] = &[FunctionSpec::new(
    "LATLNGDISTANCE",
    M,
    &[
        sig!(distance(lat1: Decimal, lng1: Decimal, lat2: Decimal, lng2: Decimal, unit: Option<&str>) -> NUMBER),
        sig!(distance_between(point1: &ObjectMap, point2: &ObjectMap, unit: Option<&str>) -> NUMBER),
    ],
    "the great-circle distance between two points (haversine; km, m, mi or nmi)",
)];

/// The mean Earth radius of the spherical model, in metres.
const EARTH_RADIUS_M: f64 = 6_371_000.0;

/// The unit words and the length of each in metres (all exact doubles).
const UNITS: [(&str, f64); 4] = [
    ("km", 1000.0),
    ("m", 1.0),
    ("mi", 1609.344),
    ("nmi", 1852.0),
];

/// A point on the sphere, in decimal degrees, checked to be in range.
#[derive(Clone, Copy, Debug)]
struct Point {
    lat: Decimal,
    lng: Decimal,
}

fn distance(
    cx: &CallCtx<'_>,
    lat1: Decimal,
    lng1: Decimal,
    lat2: Decimal,
    lng2: Decimal,
    unit: Option<&str>,
) -> Result<Value> {
    let a = point(cx, (0, lat1), (1, lng1))?;
    let b = point(cx, (2, lat2), (3, lng2))?;
    measure(cx, a, b, 4, unit)
}

fn distance_between(
    cx: &CallCtx<'_>,
    point1: &ObjectMap,
    point2: &ObjectMap,
    unit: Option<&str>,
) -> Result<Value> {
    let a = point_of(cx, 0, point1)?;
    let b = point_of(cx, 1, point2)?;
    measure(cx, a, b, 2, unit)
}

/// A point from a latitude and a longitude, each with its argument index.
fn point(cx: &CallCtx<'_>, lat: (usize, Decimal), lng: (usize, Decimal)) -> Result<Point> {
    in_range(cx, lat.0, lat.1, 90)?;
    in_range(cx, lng.0, lng.1, 180)?;
    Ok(Point {
        lat: lat.1,
        lng: lng.1,
    })
}

/// An `ArgumentError` unless `-limit <= x <= limit`.
fn in_range(cx: &CallCtx<'_>, i: usize, x: Decimal, limit: i64) -> Result<()> {
    let limit = Decimal::from(limit);
    if x.abs() > limit {
        return Err(cx.domain_error(
            i,
            format!(
                "must be between -{limit} and {limit} degrees, got {}",
                plain(x)
            ),
        ));
    }
    Ok(())
}

/// The point of a location object (argument `i`): `latitude` and `longitude`,
/// or `lat` and `lng`. A missing (or `NULL`) coordinate is an
/// `ArgumentError`, one that is not a Number a `TypeError`.
fn point_of(cx: &CallCtx<'_>, i: usize, object: &ObjectMap) -> Result<Point> {
    let coordinate = |names: [&str; 2]| -> Result<Decimal> {
        let found = names
            .iter()
            .find_map(|k| object.get(*k).filter(|v| !v.is_null()));
        match found {
            Some(Value::Number(n)) => Ok(*n),
            Some(other) => Err(cx.type_error(i, format!("a Number for \"{}\"", names[0]), other)),
            None => {
                Err(cx.domain_error(i, format!("has no \"{}\" (or \"{}\")", names[0], names[1])))
            }
        }
    };
    let lat = coordinate(["latitude", "lat"])?;
    let lng = coordinate(["longitude", "lng"])?;
    point(cx, (i, lat), (i, lng))
}

/// The haversine distance from `a` to `b` in `unit` (argument `i`, default km).
fn measure(cx: &CallCtx<'_>, a: Point, b: Point, i: usize, unit: Option<&str>) -> Result<Value> {
    let per_unit = match unit {
        None => UNITS[0].1,
        Some(u) => {
            let words = UNITS.map(|(w, _)| w);
            UNITS[cx.option_word(i, u, &words)?].1
        }
    };
    // Coordinates are at most 180 in magnitude: the differences are exact,
    // and a longitude difference is brought into [-180, 180] (sin² of half
    // of it has period 360), so 180 and -180 are the same meridian.
    let full = Decimal::from(360);
    let dlng = match b.lng - a.lng {
        d if d > Decimal::from(180) => d - full,
        d if d < Decimal::from(-180) => d + full,
        d => d,
    };
    let half_dlat = to_f64(b.lat - a.lat).to_radians() / 2.0;
    let half_dlng = to_f64(dlng).to_radians() / 2.0;
    // cos φ as sin(90° − φ), with 90 − φ exact: 0 at the poles, not 6e-17.
    let cos_lat = |lat: Decimal| to_f64(Decimal::from(90) - lat.abs()).to_radians().sin();
    let h = half_dlat.sin().powi(2) + cos_lat(a.lat) * cos_lat(b.lat) * half_dlng.sin().powi(2);
    // Rounding may push h a hair outside [0, 1]; asin needs it inside.
    let d = 2.0 * EARTH_RADIUS_M * h.clamp(0.0, 1.0).sqrt().asin();
    real::result(cx, d / per_unit)
}

#[cfg(test)]
mod tests;
