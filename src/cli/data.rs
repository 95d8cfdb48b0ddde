//! The rows of a bulk run (`air run script.air --data FILE`): CSV with a
//! header line, a JSON array of objects, or JSON Lines (one object per
//! line). A bad row is reported with its number and does not stop the rest.

use std::path::Path;
use std::sync::Arc;

use crate::value::{ObjectMap, Value};

/// One row: its number (1-based, as people count data rows) and its fields,
/// or why it cannot be read.
pub type Row = (usize, Result<ObjectMap, String>);

/// The rows of the file `path` holding `bytes`, read by its extension
/// (.csv, .json, .jsonl/.ndjson).
pub fn rows(path: &Path, bytes: &[u8]) -> Result<Vec<Row>, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => csv_rows(bytes),
        "json" => json_rows(bytes),
        "jsonl" | "ndjson" => Ok(jsonl_rows(bytes)),
        _ => Err(format!(
            "--data {}: expected a .csv, .json or .jsonl file",
            path.display()
        )),
    }
    .map_err(|e| format!("--data {}: {e}", path.display()))
}

/// CSV cells are Text (an empty cell is NULL): a script converts what it
/// needs, as it would with any text input.
fn csv_rows(bytes: &[u8]) -> Result<Vec<Row>, String> {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let header: Vec<Arc<str>> = r
        .headers()
        .map_err(|e| format!("the header line cannot be read: {e}"))?
        .iter()
        .map(|h| Arc::from(h.trim()))
        .collect();
    if header.iter().any(|h| h.is_empty()) {
        return Err("the header line has an empty column name".into());
    }
    let mut rows = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let n = i + 1;
        let row = match rec {
            Err(e) => Err(format!("cannot be read: {e}")),
            Ok(rec) if rec.len() != header.len() => Err(format!(
                "has {} field{} where the header has {} columns ({})",
                rec.len(),
                if rec.len() == 1 { "" } else { "s" },
                header.len(),
                header.join(", ")
            )),
            Ok(rec) => Ok(header
                .iter()
                .zip(rec.iter())
                .map(|(h, cell)| {
                    let v = if cell.is_empty() {
                        Value::Null
                    } else {
                        Value::text(cell)
                    };
                    (h.clone(), v)
                })
                .collect()),
        };
        rows.push((n, row));
    }
    Ok(rows)
}

fn object(j: &serde_json::Value) -> Result<ObjectMap, String> {
    match crate::value::json::from_json(j) {
        Ok(Value::Object(o)) => Ok((*o).clone()),
        Ok(v) => Err(format!("is {}, not an object", v.type_name())),
        Err(e) => Err(e.message().to_string()),
    }
}

fn json_rows(bytes: &[u8]) -> Result<Vec<Row>, String> {
    let j: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("invalid JSON: {e}"))?;
    let serde_json::Value::Array(items) = j else {
        return Err("expected a JSON array of objects (one per row)".into());
    };
    Ok(items
        .iter()
        .enumerate()
        .map(|(i, item)| (i + 1, object(item)))
        .collect())
}

fn jsonl_rows(bytes: &[u8]) -> Vec<Row> {
    String::from_utf8_lossy(bytes)
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let row = serde_json::from_str::<serde_json::Value>(line)
                .map_err(|e| format!("invalid JSON: {e}"))
                .and_then(|j| object(&j));
            (i + 1, row)
        })
        .collect()
}

/// The actor of a row: its `actor` object, else one made of its `email`,
/// `phone` and `time_zone` columns.
pub fn actor_of(row: &ObjectMap) -> Option<Value> {
    if let Some(a @ Value::Object(_)) = row.get("actor") {
        return Some(a.clone());
    }
    let mut actor = ObjectMap::default();
    for k in ["email", "phone", "time_zone"] {
        if let Some(v) = row.get(k).filter(|v| !v.is_null()) {
            actor.insert(Arc::from(k), v.clone());
        }
    }
    (!actor.is_empty()).then(|| Value::object(actor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(rows: &[Row], i: usize) -> &ObjectMap {
        rows[i].1.as_ref().unwrap()
    }

    #[test]
    fn csv_with_a_short_row() {
        let rows = csv_rows(b"name,phone\nAda,+14155550100\nBob\nCy,\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(ok(&rows, 0)["name"].as_text(), Some("Ada"));
        assert_eq!(rows[1].0, 2);
        assert_eq!(
            rows[1].1.as_ref().unwrap_err(),
            "has 1 field where the header has 2 columns (name, phone)"
        );
        assert!(ok(&rows, 2)["phone"].is_null());
    }

    #[test]
    fn json_and_jsonl() {
        let rows = json_rows(br#"[{"n": 1.25}, 3, {"n": 2}]"#).unwrap();
        assert_eq!(ok(&rows, 0)["n"].to_string(), "1.25");
        assert_eq!(rows[1].1.as_ref().unwrap_err(), "is Number, not an object");
        assert!(json_rows(b"{}").unwrap_err().contains("array"));
        let rows = jsonl_rows(b"{\"a\": 1}\n\n{\"a\": \n{\"a\": 3}\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].0, 3, "numbered by line");
        assert!(rows[1].1.as_ref().unwrap_err().starts_with("invalid JSON"));
    }

    #[test]
    fn actor_from_columns() {
        let rows = csv_rows(b"name,email,phone\nAda,ada@example.com,\n").unwrap();
        let a = actor_of(ok(&rows, 0)).unwrap();
        assert_eq!(a.to_string(), r#"{"email": "ada@example.com"}"#);
        let rows = csv_rows(b"name\nAda\n").unwrap();
        assert!(actor_of(ok(&rows, 0)).is_none());
    }
}
