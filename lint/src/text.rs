//! Small text helpers shared by rules.

/// Levenshtein distance between two strings, by characters. Callers use it to find near
/// misses (distance ≤ 2), so a length gap above 2 is returned as is (a lower bound) without
/// filling the table.
pub fn edit_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        return distance(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance(&a, &b)
}

fn distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let gap = a.len().abs_diff(b.len());
    if gap > 2 {
        return gap;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let c = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + c);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("ipv4pools", "ipv4Pools"), 1);
        assert_eq!(edit_distance("ipv6pool", "ipv6pools"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é-net", "e-net"), 1);
        assert!(edit_distance("a", "abcdefgh") > 2);
    }
}
