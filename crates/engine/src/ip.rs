//! IP addresses and CIDR sets: strict parsing of list entries, canonical
//! addresses, and a set that answers "is this address in any of these
//! networks" in O(log n) however many entries it holds.
//!
//! Entries are parsed strictly: a network with host bits set
//! (`10.0.0.1/8`) is an error, not silently truncated, because the author
//! meant either the network or the host and we cannot know which.
//! IPv4-mapped IPv6 entries (`::ffff:10.0.0.0/104`) are folded into the
//! equivalent IPv4 network, and addresses are canonicalised before lookup,
//! so `::ffff:192.0.2.1` matches `192.0.2.0/24`.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use ipnet::{IpNet, Ipv4Net, Ipv6Net};

/// Canonical form of an address: IPv4-mapped IPv6 becomes IPv4.
pub fn canonical(ip: IpAddr) -> IpAddr {
    ip.to_canonical()
}

/// Parse a client address as a header carries it: surrounding whitespace is
/// ignored, brackets around IPv6 are accepted, zone ids and ports are not.
pub fn parse_client_ip(raw: &str) -> Option<IpAddr> {
    let s = raw.trim();
    let s = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    IpAddr::from_str(s).ok().map(canonical)
}

/// Why a list entry is not a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CidrError {
    pub message: String,
    pub help: Option<String>,
}

/// One parsed list entry. `All` is the `all` keyword: every IPv4 and IPv6
/// address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Net(IpNet),
    All,
}

/// Parse one list entry: `all`, an address (a /32 or /128), or a network in
/// CIDR notation with no host bits set.
pub fn parse_entry(raw: &str) -> Result<Entry, CidrError> {
    let s = raw.trim();
    if s != raw {
        return Err(CidrError {
            message: format!("`{raw}` has surrounding whitespace"),
            help: Some(format!("write `{s}`")),
        });
    }
    if s == "all" {
        return Ok(Entry::All);
    }
    if s.is_empty() {
        return Err(CidrError {
            message: "empty network".into(),
            help: Some(
                "write an address (`192.0.2.1`), a network (`192.0.2.0/24`) or `all`".into(),
            ),
        });
    }
    let net = if s.contains('/') {
        let net = IpNet::from_str(s).map_err(|_| CidrError {
            message: format!("`{s}` is not a network in CIDR notation"),
            help: Some(cidr_help(s)),
        })?;
        if net.trunc() != net {
            return Err(CidrError {
                message: format!("host bits set in `{s}`"),
                help: Some(format!(
                    "write the network `{}`, or `{}` for the single host",
                    net.trunc(),
                    single_host(net.addr())
                )),
            });
        }
        net
    } else {
        let ip = IpAddr::from_str(s).map_err(|_| CidrError {
            message: format!("`{s}` is not an IP address or network"),
            help: Some(cidr_help(s)),
        })?;
        IpNet::from(ip)
    };
    Ok(Entry::Net(fold_mapped(net)))
}

fn single_host(ip: IpAddr) -> IpNet {
    IpNet::from(ip)
}

fn cidr_help(s: &str) -> String {
    if s.contains('-') {
        "ranges are not supported; write the range as one or more CIDR networks".into()
    } else if s.contains('*') {
        "wildcards are not supported; write `10.0.0.0/8` instead of `10.*`".into()
    } else {
        "write an address (`192.0.2.1`, `2001:db8::1`), a network (`192.0.2.0/24`, `2001:db8::/32`) or `all`".into()
    }
}

/// `::ffff:a.b.c.d/n` with n >= 96 is the IPv4 network `a.b.c.d/(n-96)`.
fn fold_mapped(net: IpNet) -> IpNet {
    if let IpNet::V6(v6) = net {
        if v6.prefix_len() >= 96 {
            if let Some(v4) = v6.addr().to_ipv4_mapped() {
                if let Ok(n) = Ipv4Net::new(v4, v6.prefix_len() - 96) {
                    return IpNet::V4(n);
                }
            }
        }
    }
    net
}

/// A set of networks, stored as sorted, merged, inclusive address ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpSet {
    v4: Vec<(u32, u32)>,
    v6: Vec<(u128, u128)>,
}

impl IpSet {
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Self {
        let mut v4 = Vec::new();
        let mut v6 = Vec::new();
        for e in entries {
            match e {
                Entry::All => {
                    v4.push((0, u32::MAX));
                    v6.push((0, u128::MAX));
                }
                Entry::Net(IpNet::V4(n)) => v4.push(range_v4(n)),
                Entry::Net(IpNet::V6(n)) => v6.push(range_v6(n)),
            }
        }
        IpSet {
            v4: merge(v4),
            v6: merge(v6),
        }
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match canonical(ip) {
            IpAddr::V4(a) => in_ranges(&self.v4, u32::from(a)),
            IpAddr::V6(a) => in_ranges(&self.v6, u128::from(a)),
        }
    }

    /// Every address in either set.
    pub fn union(&self, other: &IpSet) -> IpSet {
        IpSet {
            v4: merge(self.v4.iter().chain(&other.v4).copied().collect()),
            v6: merge(self.v6.iter().chain(&other.v6).copied().collect()),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.v4.is_empty() && self.v6.is_empty()
    }

    /// Number of disjoint ranges after merging (for `explain` and benches).
    pub fn range_count(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    /// True when every IPv4 address is covered but no IPv6 address is: the
    /// classic "deny 0.0.0.0/0" that lets every IPv6 client through.
    pub fn covers_all_v4_only(&self) -> bool {
        self.v4 == [(0, u32::MAX)] && self.v6.is_empty()
    }
}

fn range_v4(n: Ipv4Net) -> (u32, u32) {
    (u32::from(n.network()), u32::from(n.broadcast()))
}

fn range_v6(n: Ipv6Net) -> (u128, u128) {
    (u128::from(n.network()), u128::from(n.broadcast()))
}

fn merge<T: Ord + Copy + Succ>(mut ranges: Vec<(T, T)>) -> Vec<(T, T)> {
    ranges.sort_unstable();
    let mut out: Vec<(T, T)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match out.last_mut() {
            // Overlapping or adjacent: extend the previous range.
            Some(last) if last.1.succ().is_none_or(|next| lo <= next) => {
                if hi > last.1 {
                    last.1 = hi;
                }
            }
            _ => out.push((lo, hi)),
        }
    }
    out
}

fn in_ranges<T: Ord + Copy>(ranges: &[(T, T)], x: T) -> bool {
    // Index of the first range starting after x; the one before it is the
    // only candidate.
    let i = ranges.partition_point(|&(lo, _)| lo <= x);
    i > 0 && x <= ranges[i - 1].1
}

trait Succ: Sized {
    fn succ(self) -> Option<Self>;
}
impl Succ for u32 {
    fn succ(self) -> Option<Self> {
        self.checked_add(1)
    }
}
impl Succ for u128 {
    fn succ(self) -> Option<Self> {
        self.checked_add(1)
    }
}

/// Convenience for tests and benches.
pub fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

/// Convenience for tests and benches.
pub fn v6(segments: [u16; 8]) -> IpAddr {
    let [a, b, c, d, e, f, g, h] = segments;
    IpAddr::V6(Ipv6Addr::new(a, b, c, d, e, f, g, h))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(entries: &[&str]) -> IpSet {
        IpSet::from_entries(entries.iter().map(|e| parse_entry(e).unwrap()))
    }

    fn ip(s: &str) -> IpAddr {
        parse_client_ip(s).unwrap()
    }

    #[test]
    fn host_bits_are_an_error_with_both_fixes_offered() {
        let e = parse_entry("10.0.0.1/8").unwrap_err();
        assert_eq!(e.message, "host bits set in `10.0.0.1/8`");
        let help = e.help.unwrap();
        assert!(help.contains("`10.0.0.0/8`") && help.contains("`10.0.0.1/32`"));
        assert!(parse_entry("2001:db8::1/32").is_err());
    }

    #[test]
    fn malformed_entries_are_errors() {
        for bad in [
            "",
            " 10.0.0.0/8",
            "10.0.0.0/33",
            "10.0.0",
            "10.*",
            "1.2.3.4-1.2.3.9",
            "::/129",
            "example.com",
            "fe80::1%eth0",
            "10.0.0.0/8/8",
        ] {
            assert!(parse_entry(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn bare_addresses_are_single_hosts() {
        let s = set(&["192.0.2.7", "2001:db8::7"]);
        assert!(s.contains(ip("192.0.2.7")));
        assert!(!s.contains(ip("192.0.2.8")));
        assert!(s.contains(ip("2001:db8::7")));
        assert!(!s.contains(ip("2001:db8::8")));
    }

    #[test]
    fn ipv4_mapped_client_matches_ipv4_entries() {
        let s = set(&["192.0.2.0/24"]);
        assert!(s.contains(ip("::ffff:192.0.2.1")));
        assert!(s.contains(ip("[::ffff:192.0.2.1]")));
        assert!(!s.contains(ip("::ffff:198.51.100.1")));
    }

    #[test]
    fn ipv4_mapped_entries_fold_into_ipv4() {
        assert_eq!(
            parse_entry("::ffff:10.0.0.0/104").unwrap(),
            parse_entry("10.0.0.0/8").unwrap()
        );
        let s = set(&["::ffff:10.0.0.0/104"]);
        assert!(s.contains(ip("10.1.2.3")));
    }

    #[test]
    fn all_covers_both_families_and_zero_slash_zero_only_ipv4() {
        let all = set(&["all"]);
        assert!(all.contains(ip("0.0.0.0")) && all.contains(ip("::1")));
        let v4only = set(&["0.0.0.0/0"]);
        assert!(v4only.covers_all_v4_only());
        assert!(!v4only.contains(ip("2001:db8::1")));
    }

    #[test]
    fn overlapping_and_adjacent_ranges_merge() {
        let s = set(&["10.0.0.0/9", "10.128.0.0/9", "10.1.0.0/16", "11.0.0.0/8"]);
        assert_eq!(s.range_count(), 1);
        assert!(s.contains(ip("11.255.255.255")));
        assert!(!s.contains(ip("12.0.0.0")));
        assert!(!s.contains(ip("9.255.255.255")));
    }

    #[test]
    fn range_edges_are_inclusive() {
        let s = set(&["255.255.255.0/24", "0.0.0.0/32", "::/128", "ffff::/16"]);
        assert!(s.contains(ip("255.255.255.255")));
        assert!(s.contains(ip("0.0.0.0")));
        assert!(s.contains(ip("::")));
        assert!(s.contains(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        assert!(!s.contains(ip("::1")));
    }

    #[test]
    fn client_ip_parsing_rejects_ports_zones_and_junk() {
        for bad in [
            "",
            "1.2.3.4:80",
            "fe80::1%eth0",
            "unknown",
            "1.2.3.4, 5.6.7.8",
            "[::1",
        ] {
            assert_eq!(parse_client_ip(bad), None, "{bad:?}");
        }
        assert_eq!(parse_client_ip(" 203.0.113.9 "), Some(v4(203, 0, 113, 9)));
    }

    #[test]
    fn set_agrees_with_linear_scan_on_many_random_networks() {
        // Deterministic xorshift so the test is reproducible.
        let mut rng = crate::testing::Rng(0x9e37_79b9_7f4a_7c15);
        let mut next = move || rng.next();
        let nets: Vec<Ipv4Net> = (0..2000)
            .map(|_| {
                let len = (next() % 25 + 8) as u8;
                Ipv4Net::new(Ipv4Addr::from(next() as u32), len)
                    .unwrap()
                    .trunc()
            })
            .collect();
        let s = IpSet::from_entries(nets.iter().map(|n| Entry::Net(IpNet::V4(*n))));
        for _ in 0..20_000 {
            let a = Ipv4Addr::from(next() as u32);
            let linear = nets.iter().any(|n| n.contains(&a));
            assert_eq!(s.contains(IpAddr::V4(a)), linear, "{a}");
        }
    }
}
