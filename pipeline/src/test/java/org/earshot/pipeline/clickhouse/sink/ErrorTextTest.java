package org.earshot.pipeline.clickhouse.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorTextTest {
    private static final List<String> COLUMNS = List.of("id", "lang", "published_at", "reach");

    @Test
    void namesTheColumnOfARefusedValueOnlyIfTheTableHasIt() {
        assertThat(ErrorText.columnNamed("Code: 27. DB::Exception: Cannot parse input. Column values: lang = 'x'", COLUMNS)).isEqualTo("lang");
        assertThat(ErrorText.columnNamed("Code: 70. DB::Exception: Value out of range in column 'reach'", COLUMNS)).isEqualTo("reach");
        assertThat(ErrorText.columnNamed("Code: 6. DB::Exception: type: DateTime64, name: published_at, bad value", COLUMNS))
                .isEqualTo("published_at");
        assertThat(ErrorText.columnNamed("Code: 70. DB::Exception: bad value in column 'secret_column'", COLUMNS)).isNull();
        assertThat(ErrorText.columnNamed("Connection refused", COLUMNS)).isNull();
    }

    @Test
    void keepsTheFirstLineWithoutTheQueryIdAndBoundsIt() {
        assertThat(ErrorText.of(new RuntimeException("Code: 27. DB::Exception: bad (queryId=abc-123)\n  at stack")))
                .isEqualTo("Code: 27. DB::Exception: bad");
        assertThat(ErrorText.of(new ExecutionException(new IllegalStateException("the cause speaks")))).isEqualTo("the cause speaks");
        assertThat(ErrorText.of(new RuntimeException("x".repeat(5_000)))).hasSize(1_001).endsWith("…");
    }
}
