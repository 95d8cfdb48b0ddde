use super::*;
use crate::builtins::args::testing::{call, err, n, t, NULL};
use crate::builtins::math::testing::{digits, ok, TRUE};
use crate::error::ErrorKind::{Argument, Type};
use crate::value::testing::obj;

fn dist(args: &[Value]) -> Decimal {
    digits("LATLNGDISTANCE", args).parse().unwrap_or_default()
}

fn coords(a: &str, b: &str, c: &str, d: &str) -> Vec<Value> {
    vec![n(a), n(b), n(c), n(d)]
}

fn sf() -> Value {
    obj(&[("latitude", n("37.7749")), ("longitude", n("-122.4194"))])
}

fn la() -> Value {
    obj(&[("latitude", n("34.0522")), ("longitude", n("-118.2437"))])
}

#[test]
fn haversine_on_a_sphere_of_6371_km() {
    assert_eq!(
        dist(&coords("0", "0", "0", "1")).round_dp(3).to_string(),
        "111.195"
    );
    assert_eq!(
        digits("LATLNGDISTANCE", &coords("0", "0", "0", "1")),
        "111.194926644559"
    );
    assert_eq!(
        digits("LATLNGDISTANCE", &coords("51.5", "-0.12", "51.5", "-0.12")),
        "0"
    );
    assert_eq!(
        dist(&coords("0", "0", "0", "180")).round_dp(3).to_string(),
        "20015.087"
    );
    // Pole to pole: half the circumference, π · 6371 km.
    assert_eq!(
        digits("LATLNGDISTANCE", &coords("90", "0", "-90", "0")),
        "20015.0867960206"
    );
    let sf_la = coords("37.7749", "-122.4194", "34.0522", "-118.2437");
    assert_eq!(dist(&sf_la).round_dp(1).to_string(), "559.1");
    // Symmetric.
    let la_sf = coords("34.0522", "-118.2437", "37.7749", "-122.4194");
    assert_eq!(dist(&sf_la), dist(&la_sf));
    // Across the antimeridian.
    assert_eq!(
        dist(&coords("0", "179.5", "0", "-179.5")),
        dist(&coords("0", "0", "0", "1"))
    );
}

#[test]
fn units() {
    let mut args = coords("37.7749", "-122.4194", "34.0522", "-118.2437");
    let km = dist(&args);
    args.push(t("mi"));
    assert_eq!(dist(&args).round_dp(1).to_string(), "347.4");
    args[4] = t("km");
    assert_eq!(dist(&args), km);
    args[4] = NULL;
    assert_eq!(dist(&args), km);
    args[4] = t("m");
    assert_eq!(
        dist(&args).round_dp(0),
        (km * Decimal::from(1000)).round_dp(0)
    );
    args[4] = t("nmi");
    assert_eq!(dist(&args).round_dp(1).to_string(), "301.9");
    args[4] = t("furlongs");
    assert_eq!(err("LATLNGDISTANCE", &args), Argument);
    assert_eq!(call("LATLNGDISTANCE", &args).unwrap_err().arg(), Some(4));
    args[4] = n("1");
    assert_eq!(err("LATLNGDISTANCE", &args), Type);
    let objects = [sf(), la(), t("parsecs")];
    assert_eq!(call("LATLNGDISTANCE", &objects).unwrap_err().arg(), Some(2));
}

#[test]
fn location_objects() {
    assert_eq!(dist(&[sf(), la()]).round_dp(1).to_string(), "559.1");
    assert_eq!(
        dist(&[sf(), la()]),
        dist(&coords("37.7749", "-122.4194", "34.0522", "-118.2437"))
    );
    let short = obj(&[("lat", n("34.0522")), ("lng", n("-118.2437"))]);
    assert_eq!(dist(&[sf(), short.clone()]), dist(&[sf(), la()]));
    assert_eq!(
        dist(&[sf(), la(), t("mi")]).round_dp(1).to_string(),
        "347.4"
    );
    // Extra fields do not matter; "latitude" wins over "lat".
    let both = obj(&[
        ("name", t("LA")),
        ("lat", n("0")),
        ("latitude", n("34.0522")),
        ("longitude", n("-118.2437")),
    ]);
    assert_eq!(dist(&[sf(), both]), dist(&[sf(), la()]));
    let missing = obj(&[("latitude", n("1"))]);
    assert_eq!(err("LATLNGDISTANCE", &[sf(), missing]), Argument);
    let null = obj(&[("latitude", n("1")), ("longitude", NULL)]);
    assert_eq!(err("LATLNGDISTANCE", &[null, sf()]), Argument);
    let text = obj(&[("latitude", t("1")), ("longitude", n("2"))]);
    let e = call("LATLNGDISTANCE", &[sf(), text]).unwrap_err();
    assert_eq!((e.kind(), e.arg()), (Type, Some(1)));
    let far = obj(&[("lat", n("91")), ("lng", n("0"))]);
    assert_eq!(err("LATLNGDISTANCE", &[far, sf()]), Argument);
    assert_eq!(err("LATLNGDISTANCE", &[obj(&[]), sf()]), Argument);
    assert_eq!(ok("LATLNGDISTANCE", &[NULL, sf()]), NULL);
    assert_eq!(ok("LATLNGDISTANCE", &[sf(), NULL]), NULL);
}

#[test]
fn ranges_types_and_arity() {
    assert_eq!(
        err("LATLNGDISTANCE", &coords("91", "0", "0", "0")),
        Argument
    );
    assert_eq!(
        err("LATLNGDISTANCE", &coords("0", "0", "-90.1", "0")),
        Argument
    );
    assert_eq!(
        err("LATLNGDISTANCE", &coords("0", "180.5", "0", "0")),
        Argument
    );
    assert_eq!(
        err("LATLNGDISTANCE", &coords("0", "0", "0", "-181")),
        Argument
    );
    let e = call("LATLNGDISTANCE", &coords("0", "0", "0", "-181")).unwrap_err();
    assert_eq!(e.arg(), Some(3));
    assert_eq!(
        digits("LATLNGDISTANCE", &coords("90", "180", "90", "-180")),
        "0"
    );
    assert_eq!(
        err("LATLNGDISTANCE", &[t("0"), n("0"), n("0"), n("1")]),
        Type
    );
    assert_eq!(err("LATLNGDISTANCE", &[n("0"), n("0"), TRUE, n("1")]), Type);
    assert_eq!(ok("LATLNGDISTANCE", &[n("0"), NULL, n("0"), n("1")]), NULL);
    assert_eq!(err("LATLNGDISTANCE", &[n("0"), n("0"), n("0")]), Argument);
    assert_eq!(err("LATLNGDISTANCE", &[sf()]), Argument);
    assert_eq!(err("LATLNGDISTANCE", &[sf(), n("1")]), Type);
    assert_eq!(err("LATLNGDISTANCE", &[]), Argument);
}
