package org.earshot.local.clickhouse;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/** The slice of chDB's C API Earshot calls (chdb.h), bound with JNA. */
interface Chdb extends Library {
    /** Must be called with 0 before connecting inside a JVM, or the JVM's own signals hang it. */
    void chdb_set_signal_handlers_enabled(int enabled);

    /** Returns a {@code chdb_connection *}; argv is {@code {"clickhouse", "--path=DIR"}}. */
    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connectionPointer);

    /** Returns a {@code chdb_result *}; binary-safe (lengths given). */
    Pointer chdb_query_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    /** Like {@link #chdb_query_n} with {@code {name:Type}} parameters bound by the engine (arrays of values and lengths). */
    Pointer chdb_query_with_params_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength,
                                     Pointer[] names, long[] nameLengths, Pointer[] values, long[] valueLengths, long count);

    /** Begins {@code INSERT INTO t (cols)} (no FORMAT clause) fed by {@link #chdb_stream_append}; never null. */
    Pointer chdb_stream_insert_n(Pointer connection, byte[] query, long queryLength, byte[] format, long formatLength);

    /** Null unless the stream failed to start. */
    String chdb_stream_insert_error(Pointer stream);

    /** 0 on success. */
    int chdb_stream_append(Pointer stream, byte[] data, long length);

    /** Ends the input and commits; returns a {@code chdb_result *} with rows written or an error. */
    Pointer chdb_stream_done(Pointer stream);

    /** Required for every stream, even failed ones; cancels an unfinished one. */
    void chdb_destroy_insert_stream(Pointer stream);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    /** Null when the query succeeded. */
    String chdb_result_error(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    double chdb_result_elapsed(Pointer result);

    void chdb_destroy_query_result(Pointer result);
}
