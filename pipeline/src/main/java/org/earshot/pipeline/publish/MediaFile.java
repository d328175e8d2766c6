package org.earshot.pipeline.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.earshot.pipeline.ingest.http.FetchException;
import org.earshot.pipeline.ingest.http.PoliteHttp;
import org.earshot.schemas.Publication;

/**
 * An image ready to upload: its bytes, its type as its first bytes say (not as its name or a server claims), its alt
 * text, and where it came from, for messages.
 */
public record MediaFile(String source, byte[] bytes, String type, String alt) {
    /** The most read from a file or URL before the network's own limit is applied; larger is refused unread. */
    static final long MOST = 64L << 20;

    /** Reads a publication's media item from its file, or fetches it (public addresses only) from its URL. */
    public static MediaFile load(Publication.Media media, PoliteHttp http) throws IOException, InterruptedException {
        String source;
        byte[] bytes;
        if (media.file != null) {
            Path path = Path.of(media.file);
            source = path.getFileName().toString();
            if (!Files.isRegularFile(path)) throw new IOException("media file " + media.file + " does not exist or is not a file");
            if (Files.size(path) > MOST) throw new IOException("media file " + media.file + " is larger than " + (MOST >> 20) + " MB");
            try (InputStream in = Files.newInputStream(path)) {
                bytes = in.readAllBytes();
            }
        } else if (media.url != null) {
            source = media.url;
            try {
                bytes = http.get(URI.create(media.url), Map.of()).body();
            } catch (FetchException | IllegalArgumentException e) {
                throw new IOException("media " + media.url + ": " + e.getMessage(), e);
            }
        } else {
            throw new IOException("a media item needs a file or a url");
        }
        return new MediaFile(source, bytes, sniff(bytes), media.alt == null ? "" : media.alt);
    }

    /** The type by magic number: JPEG, PNG, GIF, WebP, MP4; anything else is {@code application/octet-stream}. */
    static String sniff(byte[] b) {
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "image/jpeg";
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return "image/png";
        if (starts(b, 'G', 'I', 'F', '8')) return "image/gif";
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "image/webp";
        if (b.length >= 12 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') return "video/mp4";
        return "application/octet-stream";
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if ((b[i] & 0xFF) != prefix[i]) return false;
        return true;
    }
}
