package org.earshot.pipeline.search;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.earshot.pipeline.query.MentionFields;
import org.earshot.schemas.Mention;

/**
 * The search index on disk, one writer per folder. Every commit records, beside the documents, the position in
 * {@code earshot.mentions.enriched} it reflects (partition → the next offset to read), so a restarted indexer
 * resumes exactly there: what it had applied after that commit is applied again, and an update by id is the same
 * document twice over, never a second one. Searches see changes after {@link #refresh()} (near real time, before
 * the next commit); other processes see the last commit.
 */
public final class MentionIndex implements Closeable {
    private static final String POSITIONS = "earshot.positions";
    private static final String COMMITTED_AT = "earshot.committed-at";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private MentionIndex(Path path, Directory directory, IndexWriter writer) throws IOException {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = new SearcherManager(writer, null);
    }

    /** Opens the index in {@code path} for writing, creating it if there is none. */
    public static MentionIndex open(Path path) {
        try {
            Files.createDirectories(path);
            Directory directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig(MentionFields.indexAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64)
                    .setCommitOnClose(false); // a commit always carries its position: see commit()
            return new MentionIndex(path, directory, new IndexWriter(directory, config));
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            throw unreadable(path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index in " + path + ": " + e.getMessage(), e);
        }
    }

    /** What the last commit in {@code path} holds, for a process that only reads; empty when there is no index yet. */
    public static Stats committed(Path path) {
        try (Directory directory = FSDirectory.open(path)) {
            if (!DirectoryReader.indexExists(directory)) return Stats.NONE;
            SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                return stats(path, reader, commit.getUserData());
            }
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException e) {
            throw unreadable(path, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the search index in " + path + ": " + e.getMessage(), e);
        }
    }

    /** What to say of an index that cannot be read: what went wrong and how to build it anew. */
    public static IllegalStateException unreadable(Path path, Exception e) {
        return new IllegalStateException("the search index in " + path + " cannot be read (" + e.getMessage()
                + "); delete the folder and run `earshot index rebuild` to build it anew from earshot.mentions.enriched", e);
    }

    /** Adds a mention, or replaces the document with its id (an edit). */
    public void put(Mention m) throws IOException {
        writer.updateDocument(new Term(MentionDocument.ID, m.id), MentionDocument.FACETS_CONFIG.build(MentionDocument.of(m)));
    }

    public void delete(String mentionId) throws IOException {
        writer.deleteDocuments(new Term(MentionDocument.ID, mentionId));
    }

    /** Deletes every mention published before {@code cutoff}. */
    public void expire(Instant cutoff) throws IOException {
        writer.deleteDocuments(LongPoint.newRangeQuery(MentionDocument.PUBLISHED, Long.MIN_VALUE, cutoff.toEpochMilli() - 1));
    }

    /** Makes every change durable together with the position it reflects. */
    public void commit(Map<Integer, Long> positions) throws IOException {
        Map<String, String> data = new HashMap<>();
        data.put(POSITIONS, encode(positions));
        data.put(COMMITTED_AT, Instant.now().toString());
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    /** The position of the last commit: partition → the next offset to read. Empty for a new index. */
    public Map<Integer, Long> positions() {
        Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
        if (data == null) return Map.of();
        for (Map.Entry<String, String> e : data) if (e.getKey().equals(POSITIONS)) return decode(e.getValue());
        return Map.of();
    }

    /** Lets searches see every change so far. */
    public void refresh() throws IOException {
        searchers.maybeRefreshBlocking();
    }

    /** Runs {@code search} on the newest searcher (as of the last refresh). */
    public <T> T search(SearchFunction<T> search) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return search.apply(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    @FunctionalInterface
    public interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    /** Documents, size on disk and the last commit, from this writer's view. */
    public Stats stats() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Map<String, String> data = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = writer.getLiveCommitData();
            if (live != null) live.forEach(e -> data.put(e.getKey(), e.getValue()));
            return stats(path, (DirectoryReader) searcher.getIndexReader(), data);
        } finally {
            searchers.release(searcher);
        }
    }

    private static Stats stats(Path path, DirectoryReader reader, Map<String, String> commit) throws IOException {
        long bytes = 0;
        try (var files = Files.list(path)) {
            for (Path f : files.toList()) if (Files.isRegularFile(f)) bytes += Files.size(f);
        }
        String at = commit.get(COMMITTED_AT);
        return new Stats(reader.numDocs(), bytes, at == null ? null : Instant.parse(at),
                commit.containsKey(POSITIONS) ? decode(commit.get(POSITIONS)) : Map.of());
    }

    /** @param lastCommit null before the first commit; @param positions partition → next offset, as of that commit */
    public record Stats(long documents, long bytesOnDisk, Instant lastCommit, Map<Integer, Long> positions) {
        static final Stats NONE = new Stats(0, 0, null, Map.of());
    }

    static String encode(Map<Integer, Long> positions) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(positions).forEach((p, o) -> out.append(out.length() == 0 ? "" : ",").append(p).append('=').append(o));
        return out.toString();
    }

    static Map<Integer, Long> decode(String text) {
        if (text == null || text.isBlank()) return Map.of();
        Map<Integer, Long> out = new TreeMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            out.put(Integer.parseInt(pair.substring(0, eq)), Long.parseLong(pair.substring(eq + 1)));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public void close() throws IOException {
        try {
            searchers.close();
            writer.close(); // commits nothing: what came after the last commit is applied again from its position
        } finally {
            directory.close();
        }
    }
}
