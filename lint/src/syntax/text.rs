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

/// Stable sort of `v` by a `(usize, usize)` key (byte offsets, spans). Equivalent to
/// `v.sort_by_key(key)`, but every caller shares one sort routine (on `(key, index)`
/// triples) instead of bringing its own copy of the standard library's stable sort, which
/// is a few KB of wasm per element type.
pub fn sort_by_offsets<T>(v: &mut Vec<T>, key: impl Fn(&T) -> (usize, usize)) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<(usize, usize, usize)> = v
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let (a, b) = key(x);
            (a, b, i)
        })
        .collect();
    // The index makes every entry unique, so this order is the stable one.
    order.sort_unstable();
    let mut items: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(order.into_iter().filter_map(|(_, _, i)| items[i].take()));
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_by_offsets_is_a_stable_sort_by_key() {
        let mut state = 0x2545_f491_u64;
        for len in [0usize, 1, 2, 3, 7, 20, 100, 1000] {
            let v: Vec<(usize, usize, usize)> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 7) as usize, (state % 3) as usize, i)
                })
                .collect();
            let mut want = v.clone();
            want.sort_by_key(|e| (e.0, e.1));
            let mut got = v.clone();
            super::sort_by_offsets(&mut got, |e| (e.0, e.1));
            assert_eq!(got, want, "len {len}");
            let mut want = v.clone();
            want.sort_by_key(|e| e.0);
            let mut got = v;
            super::sort_by_offsets(&mut got, |e| (e.0, 0));
            assert_eq!(got, want, "len {len}, first key only");
        }
    }

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
