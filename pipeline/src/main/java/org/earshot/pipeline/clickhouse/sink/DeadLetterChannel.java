package org.earshot.pipeline.clickhouse.sink;

import java.io.IOException;
import java.io.Serializable;
import org.earshot.schemas.DeadLetter;

/** Where the sink sends rows ClickHouse refuses; each committer opens its own writer. */
@FunctionalInterface
public interface DeadLetterChannel extends Serializable {
    Writer open();

    /** Sends dead letters; {@link #flush} returns once they are stored. */
    interface Writer extends AutoCloseable {
        void send(DeadLetter letter) throws IOException;

        void flush() throws IOException;

        @Override
        void close();
    }
}
