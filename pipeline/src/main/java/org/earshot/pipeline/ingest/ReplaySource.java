package org.earshot.pipeline.ingest;

import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;

/**
 * Files replayed line by line as a FLIP-27 source: Flink's {@link FileSource}, whose position
 * (file and offset) lives in checkpoints, at up to a chosen number of lines per second. Any file
 * system Flink reads works ({@code file://}, {@code s3://}, …). Turn lines into payloads with
 * {@link ReplayLineFunction}.
 */
public final class ReplaySource {
    private ReplaySource() {}

    /** Lines of {@code path} (a file or a folder of files), {@code perSecond} at most (0: unlimited). */
    public static Source<String, FileSourceSplit, ?> lines(String path, double perSecond) {
        FileSource<String> files = FileSource.forRecordStreamFormat(new TextLineInputFormat("UTF-8"), new Path(path)).build();
        RateLimiterStrategy<FileSourceSplit> rate = perSecond > 0 ? RateLimiterStrategy.perSecond(perSecond) : RateLimiterStrategy.noOp();
        return new RateLimitedSource<>(files, rate, Types.STRING);
    }
}
