package org.earshot.pipeline.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"30s, PT30S", "30 s, PT30S", "5min, PT5M", "5 min, PT5M", "2h, PT2H", "7d, PT168H", "500ms, PT0.5S"})
    void aDurationWithAUnit(String written, String expected) {
        assertThat(Durations.parse("--for", written)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"60", " 60 ", "1.5", "0"})
    void aBareNumberIsRefusedWithWhatToWrite(String written) {
        assertThatThrownBy(() -> Durations.parse("--for", written))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a unit; add a unit, e.g. " + written.strip() + "s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "5 parsecs", ""})
    void somethingElseIsRefusedNamingTheOption(String written) {
        assertThatThrownBy(() -> Durations.parse("setting listen.checkpoint-interval", written))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("setting listen.checkpoint-interval");
    }
}
