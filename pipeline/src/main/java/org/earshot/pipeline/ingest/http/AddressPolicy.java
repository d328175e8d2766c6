package org.earshot.pipeline.ingest.http;

import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which URLs Earshot may fetch. Upstreams are untrusted and a feed list is user input, so by
 * default every address a host resolves to must be public: loopback, private, link-local (cloud
 * metadata lives there), carrier-grade NAT, documentation, multicast, reserved and unspecified
 * addresses are refused, IPv6 forms that carry one of them inside (IPv4-mapped and -compatible,
 * NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}, Teredo) included. That stops a feed URL, or
 * a redirect, from reaching into the machine or its network (SSRF).
 *
 * <p>{@code privateHosts} names the hosts (as written in URLs) that may be private: a local
 * mirror, a test server. The allowance is per host, so a redirect from an allowed mirror to
 * another private address is still refused. {@link PoliteHttp} checks the addresses a host
 * resolves to when it connects, and connects to exactly those.
 */
public record AddressPolicy(Set<String> privateHosts, Set<String> schemes) implements Serializable {
    public static final Set<String> HTTP = Set.of("http", "https");
    public static final Set<String> WEBSOCKET = Set.of("ws", "wss");

    public AddressPolicy {
        privateHosts = privateHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        schemes = Set.copyOf(schemes);
    }

    public static AddressPolicy publicOnly() {
        return new AddressPolicy(Set.of(), HTTP);
    }

    public AddressPolicy withSchemes(Set<String> allowed) {
        return new AddressPolicy(privateHosts, allowed);
    }

    /** Whether {@code host} may resolve to a private address. */
    public boolean allowsPrivate(String host) {
        return host != null && privateHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The URL's own rules, before any lookup: scheme, a host, no credentials in it. */
    public URI checkUrl(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw FetchException.refused(uri, "scheme '" + scheme + "' is not allowed (only " + String.join(", ", schemes.stream().sorted().toList()) + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw FetchException.refused(uri, "it has no host");
        if (uri.getUserInfo() != null) throw FetchException.refused(uri, "credentials in URLs are not accepted");
        return uri;
    }

    /** Why {@code host} may not be connected to at these addresses, or null when it may. */
    public String refusal(String host, List<InetAddress> addresses) {
        if (allowsPrivate(host)) return null;
        for (InetAddress address : addresses) {
            String kind = privateKind(address);
            if (kind != null) {
                return host + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address; to fetch from it, set allow-private for this source (or --allow-private), or name the host in ingest.allow-private-hosts";
            }
        }
        return null;
    }

    /** Both checks, looking the host up now (PoliteHttp checks at connect time instead, and connects to what it checked). */
    public URI check(URI uri) throws FetchException {
        checkUrl(uri);
        if (allowsPrivate(uri.getHost())) return uri;
        try {
            String why = refusal(uri.getHost(), Arrays.asList(InetAddress.getAllByName(uri.getHost())));
            if (why != null) throw FetchException.refused(uri, why);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.NETWORK, uri, "host " + uri.getHost() + " does not resolve", e);
        }
        return uri;
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String privateKind(InetAddress a) {
        if (a.isLoopbackAddress()) return "loopback";
        if (a.isAnyLocalAddress()) return "unspecified";
        if (a.isLinkLocalAddress()) return "link-local";
        if (a.isSiteLocalAddress()) return "private";
        if (a.isMulticastAddress()) return "multicast";
        byte[] b = a.getAddress();
        return a instanceof Inet4Address ? v4Kind(b) : a instanceof Inet6Address ? v6Kind(b) : null;
    }

    private static String v4Kind(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        int third = b[2] & 0xFF;
        if (first == 0) return "unspecified";
        if (first == 127) return "loopback";
        if (first == 10 || (first == 172 && second >= 16 && second < 32) || (first == 192 && second == 168)) return "private";
        if (first == 169 && second == 254) return "link-local";
        if (first == 100 && second >= 64 && second < 128) return "carrier-grade NAT";
        if (first == 192 && second == 0 && (third == 0 || third == 2)) return "reserved";
        if ((first == 198 && (second == 18 || second == 19))) return "benchmarking";
        if ((first == 198 && second == 51 && third == 100) || (first == 203 && second == 0 && third == 113)) return "documentation";
        if (first >= 224) return first >= 240 ? "reserved" : "multicast";
        return null;
    }

    private static String v6Kind(byte[] b) {
        if ((b[0] & 0xFE) == 0xFC) return "unique local";
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) return "link-local";
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) return "site-local";
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8) return "documentation";
        if (prefix(b, 0x01, 0x00, 0, 0, 0, 0, 0, 0)) return "discard";
        if (zeros(b, 0, 12)) return embedded("IPv4-compatible", b, 12, false);
        if (zeros(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) return embedded("IPv4-mapped", b, 12, false);
        if (prefix(b, 0x00, 0x64, 0xFF, 0x9B) && zeros(b, 4, 12)) return embedded("NAT64", b, 12, false);
        if (prefix(b, 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01)) return embedded("local NAT64", b, 12, false);
        if (prefix(b, 0x20, 0x02)) return embedded("6to4", b, 2, false);
        if (prefix(b, 0x20, 0x01, 0x00, 0x00)) {
            String server = embedded("Teredo", b, 4, false);
            return server != null ? server : embedded("Teredo", b, 12, true);
        }
        return null;
    }

    /** The kind of the IPv4 address at {@code offset}, said as carried by {@code form}; null when public. */
    private static String embedded(String form, byte[] b, int offset, boolean inverted) {
        byte[] v4 = new byte[4];
        for (int i = 0; i < 4; i++) v4[i] = (byte) (inverted ? ~b[offset + i] : b[offset + i]);
        if (zeros(v4, 0, 4)) return form.equals("IPv4-compatible") ? "unspecified" : null;
        String kind = v4Kind(v4);
        return kind == null ? null : kind + " (" + form + ")";
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static boolean prefix(byte[] b, int... bytes) {
        for (int i = 0; i < bytes.length; i++) if ((b[i] & 0xFF) != bytes[i]) return false;
        return true;
    }
}
