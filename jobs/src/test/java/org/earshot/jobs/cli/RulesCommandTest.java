package org.earshot.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code earshot rules validate}: how a query is read, or where it is wrong. */
class RulesCommandTest {
    @Test
    void showsHowAValidQueryIsRead() {
        CapturedRun r = CapturedRun.of("rules", "validate", "(apple OR orange) NEAR/5 (smartphone OR phone) -site:\"mysite.com\" #acmefail");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip())
                .isEqualTo("ok: ((apple OR orange) NEAR/5 (smartphone OR phone)) AND NOT site:\"mysite.com\" AND #acmefail");
    }

    @Test
    void pointsAtTheProblem() {
        CapturedRun r = CapturedRun.of("rules", "validate", "acme NEAR/3");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly(
                "earshot: position 6: NEAR needs a word or group on its right",
                "  acme NEAR/3",
                "       ^");
    }
}
