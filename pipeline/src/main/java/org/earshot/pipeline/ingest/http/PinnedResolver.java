package org.earshot.pipeline.ingest.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * Looks a host up once, checks every address against the {@link AddressPolicy}, and hands the
 * HTTP client exactly those addresses to connect to. Checking a name and then letting the client
 * look it up again would leave a gap in which DNS may answer differently (DNS rebinding); here
 * the checked address is the connected one. Lookups run on the client's own threads.
 */
final class PinnedResolver implements SocketAddressResolver {
    /** A name's addresses (the system's resolver, or a test's own). */
    interface Lookup {
        List<InetAddress> addresses(String host) throws UnknownHostException;

        Lookup SYSTEM = host -> Arrays.asList(InetAddress.getAllByName(host));
    }

    private final Executor executor;
    private final AddressPolicy policy;
    private final Lookup lookup;

    PinnedResolver(Executor executor, AddressPolicy policy, Lookup lookup) {
        this.executor = executor;
        this.policy = policy;
        this.lookup = lookup;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        executor.execute(() -> {
            List<InetAddress> addresses;
            try {
                addresses = lookup.addresses(host);
            } catch (UnknownHostException e) {
                promise.failed(new FetchException(FetchException.Kind.NETWORK, null, "host " + host + " does not resolve", e));
                return;
            }
            String why = policy.refusal(host, addresses);
            // The request's URL is not known here: PoliteHttp names it when it reports this.
            if (why != null) promise.failed(new FetchException(FetchException.Kind.REFUSED, null, why, null));
            else promise.succeeded(addresses.stream().map(a -> new InetSocketAddress(a, port)).toList());
        });
    }
}
