package org.earshot.pipeline.clickhouse.sink;

import com.clickhouse.client.api.ServerException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;

/** What a failed insert means for the batch: try again, set rows aside, or stop. */
enum Failure {
    /** The server is unreachable, overloaded or restarting: the same batch will succeed later. */
    RETRIABLE,
    /** A value was refused (parse error, range, constraint): the batch minus that row will succeed. */
    BAD_DATA,
    /** Anything else (missing table, wrong password, syntax): a person must act. */
    FATAL;

    /** ClickHouse error codes that pass with time. */
    private static final Set<Integer> TRANSIENT = Set.of(
            3,   // UNEXPECTED_END_OF_FILE
            159, // TIMEOUT_EXCEEDED
            164, // READONLY
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY
            252, // TOO_MANY_PARTS
            285, // TOO_FEW_LIVE_REPLICAS
            319, // UNKNOWN_STATUS_OF_INSERT
            425, // SYSTEM_ERROR
            999  // KEEPER_EXCEPTION
    );

    /** ClickHouse error codes that name a value it cannot store. */
    private static final Set<Integer> REFUSED_VALUE = Set.of(
            6,   // CANNOT_PARSE_TEXT
            26,  // CANNOT_PARSE_QUOTED_STRING
            27,  // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            38,  // CANNOT_PARSE_DATE
            41,  // CANNOT_PARSE_DATETIME
            43,  // ILLEGAL_TYPE_OF_ARGUMENT (a value the cast cannot take)
            53,  // TYPE_MISMATCH
            69,  // ARGUMENT_OUT_OF_BOUND
            70,  // CANNOT_CONVERT_TYPE
            72,  // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            131, // TOO_LARGE_STRING_SIZE
            321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            469  // VIOLATED_CONSTRAINT
    );

    static Failure of(Throwable error) {
        int code = serverCode(error);
        if (code > 0) {
            if (TRANSIENT.contains(code)) return RETRIABLE;
            if (REFUSED_VALUE.contains(code)) return BAD_DATA;
            return FATAL;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            // The driver converts values before sending: a value out of a column's range fails here.
            // (A ClassCastException is a mapping bug, not data: fatal, or every row would be dead-lettered.)
            if (t instanceof ClassCastException) return FATAL;
            if (t instanceof IllegalArgumentException || t instanceof ArithmeticException) return BAD_DATA;
            if (t instanceof IOException) return RETRIABLE;
        }
        String message = String.valueOf(error.getMessage()) + " " + (error.getCause() == null ? "" : error.getCause().getMessage());
        if (message.contains("Connection refused") || message.contains("Connect to") || message.contains("timed out")
                || message.contains("failed to respond")) {
            return RETRIABLE;
        }
        return FATAL;
    }

    /** The ClickHouse error code anywhere in the chain (JDBC or client exception), or 0. */
    private static int serverCode(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() > 0) return sql.getErrorCode();
            if (t instanceof ServerException server && server.getCode() > 0) return server.getCode();
        }
        return 0;
    }
}
