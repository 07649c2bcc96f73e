//! Term-file numbers as labels read them ("two years", "the first
//! anniversary"): a document's figure spelled out, so a label quoting a
//! term reads as the document does while the number comes from the term
//! file.

const CARDINALS: [&str; 13] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve",
];

const ORDINALS: [&str; 13] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth",
];

/// `n` units in words: "one year", "two years"; digits beyond twelve
/// ("15 years").
pub fn count(n: i64, unit: &str) -> String {
    let number = usize::try_from(n)
        .ok()
        .and_then(|i| CARDINALS.get(i))
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string());
    if n == 1 {
        format!("{number} {unit}")
    } else {
        format!("{number} {unit}s")
    }
}

/// The `n`th in words: "first", "second"; digits with a suffix beyond
/// twelve ("13th", "21st", "22nd").
pub fn ordinal(n: i64) -> String {
    if let Some(w) = usize::try_from(n).ok().and_then(|i| ORDINALS.get(i)) {
        return w.to_string();
    }
    let suffix = match (n.rem_euclid(10), n.rem_euclid(100)) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_spelled_to_twelve_then_digits() {
        assert_eq!(count(1, "year"), "one year");
        assert_eq!(count(2, "year"), "two years");
        assert_eq!(count(0, "month"), "zero months");
        assert_eq!(count(12, "month"), "twelve months");
        assert_eq!(count(13, "year"), "13 years");
        assert_eq!(count(-1, "year"), "-1 years");
    }

    #[test]
    fn ordinals_are_spelled_to_twelve_then_suffixed() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(3), "third");
        assert_eq!(ordinal(12), "twelfth");
        // 13 → "th" (the teens), 21 → "st", 22 → "nd", 23 → "rd",
        // 111 → "th" (…11), 101 → "st".
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(21), "21st");
        assert_eq!(ordinal(22), "22nd");
        assert_eq!(ordinal(23), "23rd");
        assert_eq!(ordinal(111), "111th");
        assert_eq!(ordinal(101), "101st");
    }
}
