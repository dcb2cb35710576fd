//! Small text helpers shared by rules.

/// Levenshtein distance between two strings, by characters, exact up to 3. Callers look
/// for near misses (distance ≤ 2 or 3), so only a band of the table is computed and any
/// larger distance is reported as 4.
pub fn edit_distance(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        return banded(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    banded(&a, &b)
}

/// The distance beyond which callers stop caring.
const FAR: usize = 4;

fn banded<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.len().abs_diff(b.len()) >= FAR {
        return FAR;
    }
    // Row i holds distances for j in i-FAR..=i+FAR; cells outside the band count as FAR.
    let width = 2 * FAR + 1;
    let mut prev = vec![FAR; width];
    let mut cur = vec![FAR; width];
    for (k, cell) in prev.iter_mut().enumerate() {
        // Row 0: distance j for j = k - FAR.
        if k >= FAR {
            *cell = (k - FAR).min(FAR);
        }
    }
    for i in 1..=a.len() {
        let mut row_min = FAR;
        for k in 0..width {
            let j = (i + k) as isize - FAR as isize;
            cur[k] = FAR;
            if j < 0 || j as usize > b.len() {
                continue;
            }
            let j = j as usize;
            let v = if j == 0 {
                i.min(FAR)
            } else {
                // prev row: index for j is k+1; j-1 is k.
                let del = prev.get(k + 1).copied().unwrap_or(FAR) + 1;
                let ins = if k > 0 { cur[k - 1] + 1 } else { FAR };
                let sub = prev[k] + usize::from(a[i - 1] != b[j - 1]);
                del.min(ins).min(sub).min(FAR)
            };
            cur[k] = v;
            row_min = row_min.min(v);
        }
        if row_min >= FAR {
            return FAR;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    let k = b.len() + FAR - a.len();
    prev.get(k).copied().unwrap_or(FAR).min(FAR)
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    fn full(a: &[u8], b: &[u8]) -> usize {
        let mut prev: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut cur = vec![i; b.len() + 1];
            for j in 1..=b.len() {
                cur[j] = (prev[j] + 1)
                    .min(cur[j - 1] + 1)
                    .min(prev[j - 1] + usize::from(a[i - 1] != b[j - 1]));
            }
            prev = cur;
        }
        prev[b.len()]
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("ipv4pools", "ipv4Pools"), 1);
        assert_eq!(edit_distance("ipv6pool", "ipv6pools"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("", "ab"), 2);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("abcd", "acbd"), 2);
        assert_eq!(
            edit_distance(
                "NetworkAttachementDefinition",
                "NetworkAttachmentDefinition"
            ),
            1
        );
        assert_eq!(
            edit_distance(
                "v1.multus-cni.io/default-network",
                "cni.projectcalico.org/ipv4pools"
            ),
            4
        );
        assert_eq!(edit_distance("abcdefgh", "a"), 4);
        // Agrees with the full table wherever the distance is at most 2.
        let words = [
            "ipv4pools",
            "ipv4Pool",
            "ipv6pools",
            "ipAddrs",
            "ipaddrs",
            "ipAddr",
            "hwAddr",
            "floatingIPs",
            "a",
            "",
            "ab",
            "ba",
            "abc",
            "cba",
            "kitten",
            "sitting",
            "sittin",
        ];
        for x in words {
            for y in words {
                let full = full(x.as_bytes(), y.as_bytes());
                assert_eq!(edit_distance(x, y), full.min(4), "{x} {y}");
            }
        }
        assert_eq!(edit_distance("é-net", "e-net"), 1);
        assert!(edit_distance("a", "abcdefgh") > 2);
    }
}
