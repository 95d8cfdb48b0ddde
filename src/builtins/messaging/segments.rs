//! SMS encoding and segments (messaging.md §7).
//!
//! A text is GSM-7 when every character is in the GSM-7 basic table (one
//! septet) or its extension table (an escape and the character: two
//! septets); otherwise the whole text is UCS-2, counted in UTF-16 code units.
//! One segment holds 160 septets or 70 units; a longer text is split into
//! segments of 153 septets or 67 units. A user-perceived character (a
//! grapheme cluster: a flag, an emoji ZWJ sequence, a letter with its
//! combining marks), and therefore an escape pair or a surrogate pair, is
//! never split: when it does not fit, it moves whole to the next segment.

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::{Arc, LazyLock};

use rust_decimal::Decimal;
use unicode_segmentation::UnicodeSegmentation;

use crate::builtins::format::bounded::chunks;
use crate::value::{ObjectMap, Value};

/// The two encodings an SMS is sent in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Gsm7 => "GSM-7",
            Encoding::Ucs2 => "UCS-2",
        }
    }

    /// Units in a text sent as a single segment.
    fn single(self) -> u32 {
        match self {
            Encoding::Gsm7 => 160,
            Encoding::Ucs2 => 70,
        }
    }

    /// Units in each segment of a concatenated text (the rest of the 140
    /// octets holds the 6-octet user data header).
    fn per_segment(self) -> u32 {
        match self {
            Encoding::Gsm7 => 153,
            Encoding::Ucs2 => 67,
        }
    }
}

/// What a text costs as an SMS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segments {
    pub segments: u32,
    pub encoding: Encoding,
    /// Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2.
    pub units: u32,
}

impl Segments {
    /// `{segments, encoding, units}`, as `SMS_SEGMENTS` returns it.
    pub fn to_value(self) -> Value {
        let mut m = ObjectMap::default();
        m.insert(
            Arc::from("segments"),
            Value::Number(Decimal::from(self.segments)),
        );
        m.insert(
            Arc::from("encoding"),
            Value::Text(Arc::from(self.encoding.name())),
        );
        m.insert(Arc::from("units"), Value::Number(Decimal::from(self.units)));
        Value::object(m)
    }
}

/// The GSM-7 basic table (3GPP TS 23.038), in code order 0x00–0x7F, without
/// the escape code 0x1B. Each of these is one septet.
const GSM7_BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
);

/// The GSM-7 extension table: each is sent as the escape code and the
/// character, two septets.
const GSM7_EXTENSION: &str = "\u{c}^{}\\[~]|€";

/// Septets of every character GSM-7 carries, read from the two tables once:
/// an array for ASCII, a map for the rest (a scan of the tables for every
/// character of a long text would take a hundred steps each).
struct Septets {
    ascii: [u8; 128],
    other: HashMap<char, u8>,
}

static SEPTETS: LazyLock<Septets> = LazyLock::new(|| {
    let mut t = Septets {
        ascii: [0; 128],
        other: HashMap::new(),
    };
    for (table, n) in [(GSM7_EXTENSION, 2), (GSM7_BASIC, 1)] {
        for c in table.chars() {
            match t.ascii.get_mut(c as usize) {
                Some(slot) => *slot = n,
                None => {
                    t.other.insert(c, n);
                }
            }
        }
    }
    t
});

/// Septets of `c` in GSM-7, or `None` when GSM-7 cannot carry it.
fn septets(c: char) -> Option<u32> {
    let t = &*SEPTETS;
    let n = match t.ascii.get(c as usize) {
        Some(&n) => n,
        None => t.other.get(&c).copied().unwrap_or(0),
    };
    (n > 0).then_some(u32::from(n))
}

/// Units of `s` in `encoding` (every character of `s` must be carried by it).
fn units_of(s: &str, encoding: Encoding) -> u32 {
    match encoding {
        Encoding::Gsm7 => s.chars().map(|c| septets(c).unwrap_or(1)).sum(),
        Encoding::Ucs2 => s.chars().map(|c| c.len_utf16() as u32).sum(),
    }
}

/// Counts the segments of `text`.
pub fn count(text: &str) -> Segments {
    match count_with(text, |_| Ok::<(), Infallible>(())) {
        Ok(s) => s,
        Err(never) => match never {},
    }
}

/// Counts the segments of `text`, calling `tick` with the bytes of each
/// stretch it has gone through (a built-in's budget: it may stop the count).
pub fn count_with<E>(
    text: &str,
    mut tick: impl FnMut(usize) -> Result<(), E>,
) -> Result<Segments, E> {
    // One pass for both encodings' units, a stretch at a time.
    let (mut gsm, mut septet_units, mut utf16_units) = (true, 0u32, 0u32);
    for piece in chunks(text, 1 << 16) {
        tick(piece.len())?;
        for c in piece.chars() {
            match septets(c) {
                Some(n) => septet_units += n,
                None => gsm = false,
            }
            utf16_units += c.len_utf16() as u32;
        }
    }
    let (encoding, units) = if gsm {
        (Encoding::Gsm7, septet_units)
    } else {
        (Encoding::Ucs2, utf16_units)
    };
    if units <= encoding.single() {
        return Ok(Segments {
            segments: 1,
            encoding,
            units,
        });
    }
    let mut packer = Packer::new(encoding.per_segment());
    for grapheme in text.graphemes(true) {
        tick(grapheme.len())?;
        let cost = units_of(grapheme, encoding);
        if cost <= packer.capacity {
            packer.put(cost);
        } else {
            // Longer than a whole segment (a pathological run of combining
            // marks): it cannot stay whole, so split it between characters,
            // still never inside an escape pair or a surrogate pair.
            for c in grapheme.chars() {
                packer.put(units_of(c.encode_utf8(&mut [0; 4]), encoding));
            }
        }
    }
    Ok(Segments {
        segments: packer.segments,
        encoding,
        units,
    })
}

/// Greedy packing of indivisible pieces into segments of `capacity` units.
struct Packer {
    capacity: u32,
    segments: u32,
    used: u32,
}

impl Packer {
    fn new(capacity: u32) -> Packer {
        Packer {
            capacity,
            segments: 1,
            used: 0,
        }
    }

    /// Puts a piece of `cost` units (at most `capacity`) into the current
    /// segment, or whole into a new one when it does not fit.
    fn put(&mut self, cost: u32) {
        if self.used + cost > self.capacity {
            self.segments += 1;
            self.used = 0;
        }
        self.used += cost;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gsm(segments: u32, units: u32) -> Segments {
        Segments {
            segments,
            encoding: Encoding::Gsm7,
            units,
        }
    }

    fn ucs2(segments: u32, units: u32) -> Segments {
        Segments {
            segments,
            encoding: Encoding::Ucs2,
            units,
        }
    }

    #[test]
    fn empty_text_is_one_gsm_segment_of_no_units() {
        assert_eq!(count(""), gsm(1, 0));
    }

    #[test]
    fn the_basic_table_has_127_characters_and_no_duplicates() {
        let chars: Vec<char> = GSM7_BASIC.chars().collect();
        assert_eq!(chars.len(), 127);
        let mut sorted = chars.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 127);
        assert_eq!(GSM7_EXTENSION.chars().count(), 10);
    }

    #[test]
    fn gsm_single_segment_holds_160_septets() {
        assert_eq!(count(&"a".repeat(160)), gsm(1, 160));
        assert_eq!(count(&"a".repeat(161)), gsm(2, 161));
    }

    #[test]
    fn gsm_concatenated_segments_hold_153_septets() {
        assert_eq!(count(&"a".repeat(306)), gsm(2, 306));
        assert_eq!(count(&"a".repeat(307)), gsm(3, 307));
    }

    #[test]
    fn extension_characters_count_two_septets() {
        assert_eq!(count("€"), gsm(1, 2));
        assert_eq!(count("{x}"), gsm(1, 5));
        assert_eq!(count(&"[".repeat(80)), gsm(1, 160));
        assert_eq!(count(&"]".repeat(81)), gsm(2, 162));
    }

    #[test]
    fn an_escape_pair_straddling_153_moves_whole_to_the_next_segment() {
        // 152 + 2 + 152 = 306 septets would fit two full segments, but the
        // euro sign cannot be split: 152 | 2 + 151 | 1.
        let text = format!("{}€{}", "a".repeat(152), "a".repeat(152));
        assert_eq!(count(&text), gsm(3, 306));
        // Ending exactly at the boundary it still fits.
        let text = format!("{}€{}", "a".repeat(151), "a".repeat(153));
        assert_eq!(count(&text), gsm(2, 306));
    }

    #[test]
    fn c_cedilla_upper_is_gsm_but_lower_is_not() {
        assert_eq!(count("Ç"), gsm(1, 1));
        assert_eq!(count("ç"), ucs2(1, 1));
    }

    #[test]
    fn one_non_gsm_character_switches_the_whole_text_to_ucs2() {
        let text = format!("{}’", "a".repeat(100));
        assert_eq!(count(&text), ucs2(2, 101));
        assert_eq!(count("`"), ucs2(1, 1));
        assert_eq!(count("e\u{301}"), ucs2(1, 2));
    }

    #[test]
    fn ucs2_single_segment_holds_70_units() {
        assert_eq!(count(&"ж".repeat(70)), ucs2(1, 70));
        assert_eq!(count(&"ж".repeat(71)), ucs2(2, 71));
        assert_eq!(count(&"ж".repeat(134)), ucs2(2, 134));
        assert_eq!(count(&"ж".repeat(135)), ucs2(3, 135));
    }

    #[test]
    fn an_emoji_at_the_67_boundary_moves_whole() {
        // 66 | 2 + 65 | 1: the surrogate pair is not split.
        let text = format!("{}😀{}", "ж".repeat(66), "ж".repeat(66));
        assert_eq!(count(&text), ucs2(3, 134));
        let text = format!("{}😀{}", "ж".repeat(65), "ж".repeat(67));
        assert_eq!(count(&text), ucs2(2, 134));
    }

    #[test]
    fn a_flag_moves_whole_even_between_its_surrogate_pairs() {
        // 🇺🇸 is two regional indicators, 4 units. Splitting between them
        // would give 65 + 2 | 2 + 64; kept whole it is 65 | 4 + 63 | 1.
        let text = format!("{}🇺🇸{}", "ж".repeat(65), "ж".repeat(64));
        assert_eq!(count(&text), ucs2(3, 133));
    }

    #[test]
    fn a_zwj_family_moves_whole() {
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(count(family), ucs2(1, 8));
        // 62 + 8 > 67: the family starts the second segment (8 + 59 = 67).
        let text = format!("{}{family}{}", "ж".repeat(62), "ж".repeat(59));
        assert_eq!(count(&text), ucs2(2, 129));
        let text = format!("{}{family}{}", "ж".repeat(62), "ж".repeat(60));
        assert_eq!(count(&text), ucs2(3, 130));
    }

    #[test]
    fn a_letter_with_combining_marks_moves_whole() {
        // "e" + acute (2 units) would end at 68: 66 | 2 + 65 | 1.
        let text = format!("{}e\u{301}{}", "ж".repeat(66), "ж".repeat(66));
        assert_eq!(count(&text), ucs2(3, 134));
    }

    #[test]
    fn a_grapheme_longer_than_a_segment_is_split_between_characters() {
        let text = format!("e{}", "\u{301}".repeat(99));
        assert_eq!(count(&text), ucs2(2, 100));
    }

    #[test]
    fn to_value_has_the_three_fields() {
        let v = count("hi €").to_value();
        let Value::Object(m) = v else {
            panic!("not an object: {v:?}")
        };
        assert_eq!(m.get("segments"), Some(&Value::Number(Decimal::from(1))));
        assert_eq!(m.get("encoding"), Some(&Value::Text(Arc::from("GSM-7"))));
        assert_eq!(m.get("units"), Some(&Value::Number(Decimal::from(5))));
    }
}
