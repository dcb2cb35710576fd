//! Emulation of Go's `net.ParseIP`, `net.ParseCIDR`, `net.ParseMAC` and
//! `net.IP.UnmarshalText` (Go 1.22+ semantics, where `net` parses through `net/netip`).
//!
//! Multus and Calico are Go programs; podnet must accept and reject exactly what they do
//! and report the same error texts:
//!
//! * `net.ParseIP`: dotted-quad IPv4 with exactly four decimal fields, each `0..=255`
//!   without leading zeros (`010.0.0.1` is rejected since Go 1.17); IPv6 with at most one
//!   `::`, groups of 1–4 hex digits and an optional embedded IPv4 tail
//!   (`::ffff:1.2.3.4`). No zone (`fe80::1%eth0` is rejected), no brackets, no spaces.
//! * `net.ParseCIDR`: splits at the first `/`; the address as above; the prefix is Go's
//!   `dtoi`: one or more ASCII digits (leading zeros allowed: `10.0.0.0/016` is `/16`),
//!   no sign, at most the address bit length. Error: `invalid CIDR address: <s>`.
//! * `net.ParseMAC`: 6-, 8- or 20-byte addresses written as pairs of hex digits separated
//!   by `:` or `-` (one separator throughout), or as groups of four hex digits separated by
//!   `.`. Error: `address <s>: invalid MAC address` (just `invalid MAC address` for "").
//! * `net.IP.UnmarshalText`: empty text is the nil IP; otherwise `net.ParseIP`, error
//!   `invalid IP address: <s>`.
//!
//! Go represents every parsed address as 16 bytes, so `::ffff:10.0.0.1` and `10.0.0.1`
//! are the same `net.IP` and both count as IPv4 (`ip.To4() != nil`). The parsers here keep
//! the family as written ([`IpAddr::V6`] for `::ffff:10.0.0.1`); use [`is_ipv4`] / [`to4`]
//! for Go's view of the family.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Go's `net.ParseIP`: `Some(address)` when Go returns a non-nil IP.
pub fn parse_ip(s: &str) -> Option<IpAddr> {
    parse_addr(s.as_bytes())
}

/// Go's `net.ParseCIDR`. Returns (address as written, masked network, prefix length).
/// For an IPv4 CIDR the network is IPv4; for IPv6 (including `::ffff:a.b.c.d/n`) it is
/// IPv6 and the prefix counts 128 bits, as in Go.
pub fn parse_cidr(s: &str) -> Result<(IpAddr, IpAddr, u8), String> {
    let err = || format!("invalid CIDR address: {s}");
    let (addr, mask) = s.split_once('/').ok_or_else(err)?;
    let ip = parse_addr(addr.as_bytes()).ok_or_else(err)?;
    let bits: u32 = if ip.is_ipv4() { 32 } else { 128 };
    // Go's dtoi: decimal digits only, at least one, stops at 0xFFFFFF.
    let m = mask.as_bytes();
    if m.is_empty() || !m.iter().all(u8::is_ascii_digit) {
        return Err(err());
    }
    let mut n: u32 = 0;
    for &c in m {
        n = n * 10 + u32::from(c - b'0');
        if n >= 0xFF_FFFF {
            return Err(err());
        }
    }
    if n > bits {
        return Err(err());
    }
    let prefix = n as u8;
    Ok((ip, mask_cidr(ip, prefix), prefix))
}

/// Go's `net.ParseMAC`.
pub fn parse_mac(s: &str) -> Result<Vec<u8>, String> {
    let err = || {
        if s.is_empty() {
            "invalid MAC address".to_string()
        } else {
            format!("address {s}: invalid MAC address")
        }
    };
    let b = s.as_bytes();
    if b.len() < 14 {
        return Err(err());
    }
    if b[2] == b':' || b[2] == b'-' {
        if !(b.len() + 1).is_multiple_of(3) {
            return Err(err());
        }
        let n = (b.len() + 1) / 3;
        if n != 6 && n != 8 && n != 20 {
            return Err(err());
        }
        let sep = b[2];
        let mut hw = Vec::with_capacity(n);
        let mut x = 0;
        for _ in 0..n {
            hw.push(xtoi2(&b[x..], sep).ok_or_else(err)?);
            x += 3;
        }
        Ok(hw)
    } else if b[4] == b'.' {
        if !(b.len() + 1).is_multiple_of(5) {
            return Err(err());
        }
        let n = 2 * (b.len() + 1) / 5;
        if n != 6 && n != 8 && n != 20 {
            return Err(err());
        }
        let sep = b[4];
        let mut hw = Vec::with_capacity(n);
        let mut x = 0;
        while hw.len() < n {
            hw.push(xtoi2(&b[x..x + 2], 0).ok_or_else(err)?);
            hw.push(xtoi2(&b[x + 2..], sep).ok_or_else(err)?);
            x += 5;
        }
        Ok(hw)
    } else {
        Err(err())
    }
}

/// Go's `xtoi2`: two hex digits, then (if more input follows) the separator `e`.
fn xtoi2(s: &[u8], e: u8) -> Option<u8> {
    if s.len() > 2 && s[2] != e {
        return None;
    }
    if s.len() < 2 {
        return None;
    }
    let hi = hex_val(s[0])?;
    let lo = hex_val(s[1])?;
    Some(hi << 4 | lo)
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Go's `(*net.IP).UnmarshalText`: `Ok(None)` for the empty text (nil IP),
/// `Ok(Some(ip))` for a valid address, else `invalid IP address: <s>`.
pub fn unmarshal_ip_text(s: &str) -> Result<Option<IpAddr>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    parse_ip(s)
        .map(Some)
        .ok_or_else(|| format!("invalid IP address: {s}"))
}

/// Go's `ip.To4()`: the IPv4 form of an IPv4 address or of an IPv4-mapped IPv6 address
/// (`::ffff:a.b.c.d`); `None` for other IPv6 addresses.
pub fn to4(ip: &IpAddr) -> Option<Ipv4Addr> {
    match ip {
        IpAddr::V4(v4) => Some(*v4),
        IpAddr::V6(v6) => {
            let o = v6.octets();
            if o[..10].iter().all(|&b| b == 0) && o[10] == 0xff && o[11] == 0xff {
                Some(Ipv4Addr::new(o[12], o[13], o[14], o[15]))
            } else {
                None
            }
        }
    }
}

/// Whether Go considers `ip` an IPv4 address (`ip.To4() != nil`): true for IPv4 and for
/// IPv4-mapped IPv6 such as `::ffff:10.0.0.1`.
pub fn is_ipv4(ip: &IpAddr) -> bool {
    to4(ip).is_some()
}

/// Zero all bits of `ip` after the first `prefix` bits (prefix is clamped to the
/// address length).
pub fn mask_cidr(ip: IpAddr, prefix: u8) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => {
            let p = u32::from(prefix.min(32));
            let m: u32 = if p == 0 { 0 } else { u32::MAX << (32 - p) };
            IpAddr::V4(Ipv4Addr::from(u32::from(v4) & m))
        }
        IpAddr::V6(v6) => {
            let p = u32::from(prefix.min(128));
            let m: u128 = if p == 0 { 0 } else { u128::MAX << (128 - p) };
            IpAddr::V6(Ipv6Addr::from(u128::from(v6) & m))
        }
    }
}

/// A network in Go's normalised view: IPv4-mapped networks become IPv4 networks, as
/// `net.IPNet.Contains` does (`networkNumberAndMask`: a 16-byte mask on an IPv4 network
/// keeps its last 32 bits).
fn normalise_net(net: (IpAddr, u8)) -> (IpAddr, u8) {
    let (ip, prefix) = net;
    match (ip, to4(&ip)) {
        (IpAddr::V6(_), Some(v4)) => (IpAddr::V4(v4), prefix.saturating_sub(96).min(32)),
        (IpAddr::V4(_), _) => (ip, prefix.min(32)),
        _ => (ip, prefix.min(128)),
    }
}

/// Go's `(*net.IPNet).Contains`: `net` is (network address, prefix length). An IPv4
/// network contains IPv4-mapped IPv6 addresses of its range; families never mix otherwise.
pub fn cidr_contains(net: (IpAddr, u8), ip: IpAddr) -> bool {
    let (nip, prefix) = normalise_net(net);
    let ip = match to4(&ip) {
        Some(v4) => IpAddr::V4(v4),
        None => ip,
    };
    match (nip, ip) {
        (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => {
            mask_cidr(nip, prefix) == mask_cidr(ip, prefix)
        }
        _ => false,
    }
}

/// Whether two networks share at least one address (one contains the other's network
/// address), with the same IPv4-mapped normalisation as [`cidr_contains`].
pub fn cidrs_overlap(a: (IpAddr, u8), b: (IpAddr, u8)) -> bool {
    let a = normalise_net(a);
    let b = normalise_net(b);
    cidr_contains(a, mask_cidr(b.0, b.1)) || cidr_contains(b, mask_cidr(a.0, a.1))
}

// ---------------------------------------------------------------------------------------
// net/netip.ParseAddr (Go 1.22), with zones rejected as net.ParseIP does.

fn parse_addr(s: &[u8]) -> Option<IpAddr> {
    for &c in s {
        match c {
            b'.' => return parse_ipv4(s).map(IpAddr::V4),
            b':' => return parse_ipv6(s).map(IpAddr::V6),
            b'%' => return None,
            _ => {}
        }
    }
    None
}

fn parse_ipv4(s: &[u8]) -> Option<Ipv4Addr> {
    let mut f = [0u8; 4];
    parse_ipv4_fields(s, &mut f)?;
    Some(Ipv4Addr::from(f))
}

/// Go's `parseIPv4Fields`.
fn parse_ipv4_fields(s: &[u8], fields: &mut [u8]) -> Option<()> {
    let mut val: u32 = 0;
    let mut pos = 0;
    let mut dig_len = 0;
    for (i, &c) in s.iter().enumerate() {
        if c.is_ascii_digit() {
            if dig_len == 1 && val == 0 {
                return None; // leading zero
            }
            val = val * 10 + u32::from(c - b'0');
            dig_len += 1;
            if val > 255 {
                return None;
            }
        } else if c == b'.' {
            if i == 0 || i == s.len() - 1 || s[i - 1] == b'.' {
                return None;
            }
            if pos == 3 {
                return None; // too long
            }
            fields[pos] = val as u8;
            pos += 1;
            val = 0;
            dig_len = 0;
        } else {
            return None;
        }
    }
    if pos < 3 {
        return None;
    }
    fields[3] = val as u8;
    Some(())
}

/// Go's `netip.parseIPv6`; any zone makes `net.ParseIP` fail, so `%` is rejected.
fn parse_ipv6(input: &[u8]) -> Option<Ipv6Addr> {
    if input.contains(&b'%') {
        return None;
    }
    let mut s = input;
    let mut ip = [0u8; 16];
    let mut ellipsis: Option<usize> = None;
    if s.len() >= 2 && s[0] == b':' && s[1] == b':' {
        ellipsis = Some(0);
        s = &s[2..];
        if s.is_empty() {
            return Some(Ipv6Addr::UNSPECIFIED);
        }
    }
    let mut i = 0;
    while i < 16 {
        let mut off = 0;
        let mut acc: u32 = 0;
        while off < s.len() {
            let Some(d) = hex_val(s[off]) else { break };
            acc = (acc << 4) + u32::from(d);
            if off > 3 {
                return None; // more than 4 digits
            }
            off += 1;
        }
        if off == 0 {
            return None;
        }
        if off < s.len() && s[off] == b'.' {
            if ellipsis.is_none() && i != 12 {
                return None;
            }
            if i + 4 > 16 {
                return None;
            }
            parse_ipv4_fields(s, &mut ip[i..i + 4])?;
            s = &[];
            i += 4;
            break;
        }
        ip[i] = (acc >> 8) as u8;
        ip[i + 1] = acc as u8;
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if s[0] != b':' || s.len() == 1 {
            return None;
        }
        s = &s[1..];
        if s[0] == b':' {
            if ellipsis.is_some() {
                return None;
            }
            ellipsis = Some(i);
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return None;
    }
    if i < 16 {
        let e = ellipsis?;
        let n = 16 - i;
        for j in (e..i).rev() {
            ip[j + n] = ip[j];
        }
        for b in &mut ip[e..e + n] {
            *b = 0;
        }
    } else if ellipsis.is_some() {
        return None; // :: must expand to at least one group
    }
    Some(Ipv6Addr::from(ip))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(s: &str) -> IpAddr {
        IpAddr::V4(s.parse().unwrap())
    }
    fn v6(s: &str) -> IpAddr {
        IpAddr::V6(s.parse().unwrap())
    }

    #[test]
    fn parse_ip_table() {
        let ok: &[(&str, IpAddr)] = &[
            ("10.1.1.1", v4("10.1.1.1")),
            ("0.0.0.0", v4("0.0.0.0")),
            ("255.255.255.255", v4("255.255.255.255")),
            ("10.0.0.0", v4("10.0.0.0")),
            ("::1", v6("::1")),
            ("::", v6("::")),
            ("fe80::1", v6("fe80::1")),
            ("2001:db8::", v6("2001:db8::")),
            ("2001:DB8:0:0:0:0:0:1", v6("2001:db8::1")),
            (
                "0001:0002:0003:0004:0005:0006:0007:0008",
                v6("1:2:3:4:5:6:7:8"),
            ),
            ("::ffff:1.2.3.4", v6("::ffff:1.2.3.4")),
            ("::1.2.3.4", v6("::1.2.3.4")),
            ("1:2:3:4:5:6:1.2.3.4", v6("1:2:3:4:5:6:102:304")),
            ("1::", v6("1::")),
            ("1:2:3:4:5:6:7::", v6("1:2:3:4:5:6:7:0")),
            ("::2:3:4:5:6:7:8", v6("0:2:3:4:5:6:7:8")),
        ];
        for (s, want) in ok {
            assert_eq!(parse_ip(s), Some(*want), "{s}");
        }
        let bad = [
            "",
            "10.1.1.304",
            "010.0.0.1",
            "10.00.0.1",
            "1.2.3",
            "1.2.3.4.5",
            "1..2.3",
            ".1.2.3",
            "1.2.3.",
            "1.2.3.4 ",
            " 1.2.3.4",
            "+1.2.3.4",
            "1.2.3.-4",
            "fe80::1%eth0",
            "fe80::1%",
            "%eth0",
            "[::1]",
            "10.0.0.1/24",
            "1:2:3:4:5:6:7:8:9",
            "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7",
            "1::2::3",
            "12345::1",
            "::ffff:1.2.3",
            "::ffff:01.2.3.4",
            "1:2:3:4:5:6:7:1.2.3.4",
            "1:2:3:4:5:1.2.3.4",
            "1:",
            ":1",
            ":::1",
            "g::1",
            "localhost",
            "1",
            "0x0a.0.0.1",
        ];
        for s in bad {
            assert_eq!(parse_ip(s), None, "{s:?} must be rejected");
        }
    }

    #[test]
    fn parse_cidr_table() {
        let ok: &[(&str, IpAddr, IpAddr, u8)] = &[
            ("10.0.0.0/16", v4("10.0.0.0"), v4("10.0.0.0"), 16),
            ("10.1.2.3/8", v4("10.1.2.3"), v4("10.0.0.0"), 8),
            ("10.0.0.1/32", v4("10.0.0.1"), v4("10.0.0.1"), 32),
            ("10.0.0.1/0", v4("10.0.0.1"), v4("0.0.0.0"), 0),
            ("10.0.0.1/016", v4("10.0.0.1"), v4("10.0.0.0"), 16),
            ("192.168.2.1/24", v4("192.168.2.1"), v4("192.168.2.0"), 24),
            ("2001:db8::1/64", v6("2001:db8::1"), v6("2001:db8::"), 64),
            ("::1/128", v6("::1"), v6("::1"), 128),
            (
                "::ffff:10.0.0.1/104",
                v6("::ffff:10.0.0.1"),
                v6("::ffff:10.0.0.0"),
                104,
            ),
        ];
        for (s, ip, net, p) in ok {
            assert_eq!(parse_cidr(s), Ok((*ip, *net, *p)), "{s}");
        }
        let bad = [
            "10.0.0.1",
            "10.0.0.1/33",
            "10.0.0.1/",
            "10.0.0.1/+8",
            "10.0.0.1/-1",
            "10.0.0.1/ 8",
            "10.0.0.1/8 ",
            "10.0.0.1/24/5",
            "10.0.0.1/0x8",
            "10.0.0.1/99999999",
            "010.0.0.1/8",
            "/8",
            "::1/129",
            "fe80::1%eth0/64",
            "10.0.0.256/8",
            "default-ipv4-ippool",
        ];
        for s in bad {
            assert_eq!(
                parse_cidr(s),
                Err(format!("invalid CIDR address: {s}")),
                "{s}"
            );
        }
    }

    #[test]
    fn parse_mac_table() {
        let ok: &[(&str, &[u8])] = &[
            ("02:00:00:00:00:01", &[2, 0, 0, 0, 0, 1]),
            ("c2:b0:57:49:47:f1", &[0xc2, 0xb0, 0x57, 0x49, 0x47, 0xf1]),
            ("C2-B0-57-49-47-F1", &[0xc2, 0xb0, 0x57, 0x49, 0x47, 0xf1]),
            ("0200.0000.0001", &[2, 0, 0, 0, 0, 1]),
            ("00:00:5e:00:53:01", &[0, 0, 0x5e, 0, 0x53, 1]),
            ("02:00:5e:10:00:00:00:01", &[2, 0, 0x5e, 0x10, 0, 0, 0, 1]),
            ("0200.5e10.0000.0001", &[2, 0, 0x5e, 0x10, 0, 0, 0, 1]),
            (
                "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01",
                &[
                    0, 0, 0, 0, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0x5e, 0x10, 0, 0, 0, 1,
                ],
            ),
            (
                "0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001",
                &[
                    0, 0, 0, 0, 0xfe, 0x80, 0, 0, 0, 0, 0, 0, 2, 0, 0x5e, 0x10, 0, 0, 0, 1,
                ],
            ),
        ];
        for (s, want) in ok {
            assert_eq!(parse_mac(s).as_deref(), Ok(*want), "{s}");
        }
        let bad = [
            "c2:b0:57:49:47",
            "02:00:00:00:00:01:",
            "02:00:00:00:00:0",
            "02:00:00:00:00:001",
            "02:00-00:00:00:01",
            "02-00-00-00-00:01",
            "02:00:00:00:00:0g",
            "0200.0000.000",
            "0200.0000.0001.",
            "0200:0000:0001",
            "02.00.00.00.00.01",
            "020000000001",
            "02:00:00:00:00:00:01",
            "02 00 00 00 00 01",
            "+2:00:00:00:00:01",
            "ä2:00:00:00:00:01",
        ];
        for s in bad {
            assert_eq!(
                parse_mac(s),
                Err(format!("address {s}: invalid MAC address")),
                "{s}"
            );
        }
        assert_eq!(parse_mac(""), Err("invalid MAC address".to_string()));
    }

    #[test]
    fn unmarshal_text() {
        assert_eq!(unmarshal_ip_text(""), Ok(None));
        assert_eq!(unmarshal_ip_text("10.0.0.1"), Ok(Some(v4("10.0.0.1"))));
        assert_eq!(
            unmarshal_ip_text("192.168.2.1/24"),
            Err("invalid IP address: 192.168.2.1/24".to_string())
        );
        assert_eq!(
            unmarshal_ip_text(" "),
            Err("invalid IP address:  ".to_string())
        );
    }

    #[test]
    fn families_and_containment() {
        assert!(is_ipv4(&v4("10.0.0.1")));
        assert!(is_ipv4(&v6("::ffff:10.0.0.1")));
        assert!(!is_ipv4(&v6("::10.0.0.1")));
        assert!(!is_ipv4(&v6("2001:db8::1")));
        assert_eq!(
            to4(&v6("::ffff:10.0.0.1")),
            Some("10.0.0.1".parse().unwrap())
        );

        assert_eq!(mask_cidr(v4("10.1.2.3"), 16), v4("10.1.0.0"));
        assert_eq!(mask_cidr(v4("10.1.2.3"), 0), v4("0.0.0.0"));
        assert_eq!(mask_cidr(v6("2001:db8::1"), 32), v6("2001:db8::"));

        let net = (v4("10.0.0.0"), 16);
        assert!(cidr_contains(net, v4("10.0.255.1")));
        assert!(!cidr_contains(net, v4("10.1.0.1")));
        assert!(cidr_contains(net, v6("::ffff:10.0.0.1")));
        assert!(!cidr_contains(net, v6("::10.0.0.1")));
        assert!(cidr_contains((v6("2001:db8::"), 32), v6("2001:db8:1::1")));
        assert!(!cidr_contains((v6("2001:db8::"), 32), v4("32.1.13.184")));
        assert!(cidr_contains((v6("::ffff:10.0.0.0"), 120), v4("10.0.0.9")));
        assert!(cidr_contains((v4("0.0.0.0"), 0), v4("1.2.3.4")));
        assert!(!cidr_contains((v4("0.0.0.0"), 0), v6("::1")));

        assert!(cidrs_overlap((v4("10.0.0.0"), 8), (v4("10.1.0.0"), 16)));
        assert!(cidrs_overlap((v4("10.1.0.0"), 16), (v4("10.0.0.0"), 8)));
        assert!(!cidrs_overlap((v4("10.0.0.0"), 16), (v4("10.1.0.0"), 16)));
        assert!(cidrs_overlap((v4("10.0.0.5"), 24), (v4("10.0.0.200"), 24)));
        assert!(!cidrs_overlap((v4("10.0.0.0"), 8), (v6("2001:db8::"), 32)));
        assert!(cidrs_overlap(
            (v6("2001:db8::"), 32),
            (v6("2001:db8:ff::"), 48)
        ));
    }
}
