package org.earshot.pipeline.ingest.http;

import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Which URLs Earshot may fetch. Upstreams are untrusted and a feed list is user input, so by
 * default every address a host resolves to must be public: loopback, private, link-local
 * (cloud metadata lives there), carrier-grade NAT, multicast and unspecified addresses are
 * refused, which stops a feed URL from reaching into the machine or its network (SSRF).
 * {@code allowPrivate} lifts that for local mirrors and tests.
 */
public record AddressPolicy(boolean allowPrivate, Set<String> schemes) implements Serializable {
    public static final Set<String> HTTP = Set.of("http", "https");
    public static final Set<String> WEBSOCKET = Set.of("ws", "wss");

    public static AddressPolicy publicOnly() {
        return new AddressPolicy(false, HTTP);
    }

    public AddressPolicy withSchemes(Set<String> allowed) {
        return new AddressPolicy(allowPrivate, allowed);
    }

    /** Returns the URI when it may be fetched; otherwise throws a {@link FetchException} saying why. */
    public URI check(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw FetchException.refused(uri, "scheme '" + scheme + "' is not allowed (only " + String.join(", ", schemes.stream().sorted().toList()) + ")");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) throw FetchException.refused(uri, "it has no host");
        if (uri.getUserInfo() != null) throw FetchException.refused(uri, "credentials in URLs are not accepted");
        if (allowPrivate) return uri;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.NETWORK, uri, "host " + host + " does not resolve", e);
        }
        for (InetAddress address : addresses) {
            String kind = privateKind(address);
            if (kind != null) {
                throw FetchException.refused(uri, host + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address; set ingest.allow-private=true (or --allow-private) to fetch from it");
            }
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
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            if (first == 0) return "unspecified";
            if (first == 100 && second >= 64 && second < 128) return "carrier-grade NAT";
            if (first == 198 && (second == 18 || second == 19)) return "benchmarking";
            if (first >= 240) return "reserved";
        } else if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) return "unique local";
            if (isMappedV4(b)) {
                try {
                    return privateKind(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return "malformed";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    }
}
