//! Which address the request comes from.
//!
//! The address is `CF-Connecting-IP`, which Cloudflare sets and a client
//! cannot forge in production. `X-Forwarded-For` and its friends are ignored,
//! unless the rules name trusted proxies: then, when the connecting address
//! is a trusted proxy, the forwarded header is read from right to left and
//! the first address that is not a trusted proxy is the client. A malformed
//! hop ends the walk at the last good address, so a client cannot inject an
//! address by breaking the header.

use std::net::IpAddr;

use crate::ip::{parse_client_ip, IpSet};
use crate::request::Request;

/// Where the resolved client address came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpSource {
    ConnectingIp,
    ForwardedHeader,
}

/// The client-address policy, from `[client_ip]`.
#[derive(Debug, Clone)]
pub struct ClientIpPolicy {
    pub trusted_proxies: IpSet,
    /// Lower-case header name read when the peer is a trusted proxy.
    pub forwarded_header: String,
}

impl Default for ClientIpPolicy {
    fn default() -> Self {
        ClientIpPolicy {
            trusted_proxies: IpSet::default(),
            forwarded_header: "x-forwarded-for".into(),
        }
    }
}

impl ClientIpPolicy {
    /// The client address, or `None` when the request carries no usable one.
    pub fn resolve(&self, req: &Request) -> Option<(IpAddr, IpSource)> {
        let peer = parse_client_ip(req.connecting_ip.as_deref()?)?;
        if self.trusted_proxies.is_empty() || !self.trusted_proxies.contains(peer) {
            return Some((peer, IpSource::ConnectingIp));
        }
        // Several header lines are one comma-separated list, in order.
        let hops: Vec<&str> = req
            .header_values(&self.forwarded_header)
            .flat_map(|v| v.split(','))
            .collect();
        let mut client = (peer, IpSource::ConnectingIp);
        for hop in hops.iter().rev() {
            match parse_client_ip(hop) {
                Some(ip) => {
                    client = (ip, IpSource::ForwardedHeader);
                    if !self.trusted_proxies.contains(ip) {
                        break;
                    }
                }
                None => break,
            }
        }
        Some(client)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ip::{parse_entry, v4};

    fn req(peer: Option<&str>, xff: &[&str]) -> Request {
        Request {
            connecting_ip: peer.map(str::to_string),
            headers: xff
                .iter()
                .map(|v| ("X-Forwarded-For".to_string(), v.to_string()))
                .collect(),
            ..Request::get("/")
        }
    }

    fn policy(trusted: &[&str]) -> ClientIpPolicy {
        ClientIpPolicy {
            trusted_proxies: IpSet::from_entries(trusted.iter().map(|t| parse_entry(t).unwrap())),
            ..Default::default()
        }
    }

    #[test]
    fn forwarded_header_is_ignored_without_trusted_proxies() {
        let r = req(Some("203.0.113.9"), &["198.51.100.1"]);
        assert_eq!(
            policy(&[]).resolve(&r),
            Some((v4(203, 0, 113, 9), IpSource::ConnectingIp))
        );
    }

    #[test]
    fn forwarded_header_is_ignored_when_peer_is_not_trusted() {
        let r = req(Some("203.0.113.9"), &["198.51.100.1"]);
        assert_eq!(
            policy(&["10.0.0.0/8"]).resolve(&r).unwrap().0,
            v4(203, 0, 113, 9)
        );
    }

    #[test]
    fn rightmost_untrusted_hop_is_the_client() {
        let r = req(Some("10.0.0.1"), &["1.1.1.1, 198.51.100.7", "10.0.0.2"]);
        assert_eq!(
            policy(&["10.0.0.0/8"]).resolve(&r),
            Some((v4(198, 51, 100, 7), IpSource::ForwardedHeader))
        );
    }

    #[test]
    fn malformed_hop_stops_the_walk() {
        let r = req(Some("10.0.0.1"), &["1.1.1.1, garbage, 10.0.0.3"]);
        assert_eq!(
            policy(&["10.0.0.0/8"]).resolve(&r).unwrap().0,
            v4(10, 0, 0, 3)
        );
    }

    #[test]
    fn missing_or_unusable_connecting_ip_resolves_to_none() {
        for peer in [None, Some(""), Some("unknown"), Some("1.2.3.4:5")] {
            assert_eq!(policy(&[]).resolve(&req(peer, &[])), None, "{peer:?}");
        }
    }

    #[test]
    fn ipv4_mapped_connecting_ip_is_canonicalised() {
        let r = req(Some("::ffff:192.0.2.1"), &[]);
        assert_eq!(policy(&[]).resolve(&r).unwrap().0, v4(192, 0, 2, 1));
    }
}
