package org.earshot.jobs.console;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Progress bars for long work, drawn only where someone watches: on a terminal. Written into a
 * log or a pipe, a bar's colours and carriage returns are noise, so there it draws nothing.
 */
public final class Progress {
    private Progress() {}

    /** A bar for {@code max} steps of {@code unit} (e.g. " lines"), or a silent one away from a terminal. */
    public static ProgressBar bar(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUpdateIntervalMillis(250)
                .continuousUpdate();
        if (unit != null) builder.setUnit(unit, 1);
        if (!onTerminal()) builder.setConsumer(new DelegatingProgressBarConsumer(line -> { }));
        return builder.build();
    }

    public static ProgressBar bar(String task, long max) {
        return bar(task, max, null);
    }

    /** Whether standard error goes to an interactive terminal. */
    public static boolean onTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }
}
