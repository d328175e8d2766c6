package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.earshot.jobs.settings.EarshotConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code state.*} settings as Flink reads them: locally always said, on a cluster only what is set. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class JobStateTest {
    @Test
    void onAClusterUnsetSettingsLeaveTheClustersOwnAndSetOnesWin() {
        assertThat(JobState.onCluster(EarshotConfig.of(Map.of())).toMap()).isEmpty();
        var set = JobState.onCluster(EarshotConfig.of(Map.of("state.backend", "rocksdb", "state.checkpoints", "s3://bucket/earshot/checkpoints")));
        assertThat(set.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(set.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("s3://bucket/earshot/checkpoints");
        assertThat(set.contains(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
    }

    @Test
    void locallyTheBackendIsAlwaysSaidAndAWrongOneIsNamed() {
        var local = JobState.backend(EarshotConfig.of(Map.of()));
        assertThat(local.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("hashmap");
        assertThat(local.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
        assertThatThrownBy(() -> JobState.backend(EarshotConfig.of(Map.of("state.backend", "forst"))))
                .hasMessageContaining("state.backend").hasMessageContaining("hashmap, rocksdb");
    }
}
