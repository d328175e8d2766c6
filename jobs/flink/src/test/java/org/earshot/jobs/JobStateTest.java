package org.earshot.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.changelog.fs.FsStateChangelogOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
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
        assertThat(set.contains(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isFalse();
    }

    @Test
    void theChangelogIsLoggedUnderTheCheckpointsOnAClusterAndOffUnlessSaid() {
        var logged = JobState.onCluster(EarshotConfig.of(Map.of("state.changelog", "true", "state.checkpoints", "s3://bucket/earshot/checkpoints/")));
        assertThat(logged.get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isTrue();
        assertThat(logged.get(StateChangelogOptions.STATE_CHANGE_LOG_STORAGE)).isEqualTo("filesystem");
        assertThat(logged.get(FsStateChangelogOptions.BASE_PATH)).isEqualTo("s3://bucket/earshot/checkpoints/changelog");
        assertThat(logged.get(StateRecoveryOptions.RESTORE_MODE)).as("the changelog cannot take a no-claim restore's full snapshot")
                .isEqualTo(RecoveryClaimMode.CLAIM);
        var clustersOwn = JobState.onCluster(EarshotConfig.of(Map.of("state.changelog", "true")));
        assertThat(clustersOwn.contains(FsStateChangelogOptions.BASE_PATH)).as("the cluster's config.yaml says where").isFalse();
        assertThat(JobState.backend(EarshotConfig.of(Map.of())).get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isFalse();
        assertThat(JobState.backend(EarshotConfig.of(Map.of("state.changelog", "true"))).get(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG)).isTrue();
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
