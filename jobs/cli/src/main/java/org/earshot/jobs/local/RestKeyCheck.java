package org.earshot.jobs.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.io.network.netty.InboundChannelHandlerFactory;
import org.apache.flink.shaded.netty4.io.netty.buffer.Unpooled;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelFutureListener;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandler;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelHandlerContext;
import org.apache.flink.shaded.netty4.io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.DefaultFullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.FullHttpResponse;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpHeaderNames;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpRequest;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpResponseStatus;
import org.apache.flink.shaded.netty4.io.netty.handler.codec.http.HttpVersion;
import org.apache.flink.shaded.netty4.io.netty.util.ReferenceCountUtil;

/**
 * A key on the REST endpoint of Flink's local cluster. Flink's REST API runs jobs for whoever
 * reaches it ({@code POST /jobs} takes a job graph and jars) and has no authentication of its own,
 * so every request must carry {@code Authorization: Bearer KEY}, name this machine in {@code Host}
 * (a page that rebinds its domain to 127.0.0.1 still sends its own name) and come from no web page
 * ({@code Origin}); anything else is answered 401 or 403 before Flink reads it.
 *
 * <p>Flink loads this through its {@link InboundChannelHandlerFactory} service; it acts only where
 * {@link #KEY} is set, which {@link LocalFlink} does with a key made for each run.
 */
public final class RestKeyCheck implements InboundChannelHandlerFactory {
    /** The key requests must carry. */
    public static final ConfigOption<String> KEY = ConfigOptions.key("earshot.rest.token").stringType().noDefaultValue()
            .withDescription("The bearer token every request to the local Flink REST endpoint must carry.");

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Optional<ChannelHandler> createHandler(Configuration configuration, Map<String, String> responseHeaders) {
        return configuration.getOptional(KEY).map(key -> new Check(key.getBytes(StandardCharsets.UTF_8)));
    }

    /** One connection's check; requests arrive whole (after Flink's aggregator). */
    private static final class Check extends ChannelInboundHandlerAdapter {
        private final byte[] key;

        Check(byte[] key) {
            this.key = key;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof HttpRequest request)) {
                ctx.fireChannelRead(msg);
                return;
            }
            HttpResponseStatus refusal = refusal(request);
            if (refusal == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            ReferenceCountUtil.release(msg);
            byte[] body = ("{\"errors\":[\"" + (refusal == HttpResponseStatus.UNAUTHORIZED ? "a bearer token is required" : "refused")
                    + "\"]}").getBytes(StandardCharsets.UTF_8);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, refusal, Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (refusal == HttpResponseStatus.UNAUTHORIZED) response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        private HttpResponseStatus refusal(HttpRequest request) {
            String host = request.headers().get(HttpHeaderNames.HOST);
            if (host != null && !isLoopbackName(host)) return HttpResponseStatus.FORBIDDEN;
            if (request.headers().contains(HttpHeaderNames.ORIGIN)) return HttpResponseStatus.FORBIDDEN;
            String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return HttpResponseStatus.UNAUTHORIZED;
            byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            return MessageDigest.isEqual(given, key) ? null : HttpResponseStatus.UNAUTHORIZED;
        }

        private static boolean isLoopbackName(String hostHeader) {
            String h = hostHeader.strip().toLowerCase(Locale.ROOT);
            if (h.startsWith("[")) return h.startsWith("[::1]");
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon);
            return name.equals("localhost") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        }
    }
}
