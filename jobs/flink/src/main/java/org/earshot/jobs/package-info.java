/**
 * Earshot's Flink jobs. Each has a small {@code main} for a real cluster (read options, build
 * sources, call a static {@code build…}, attach sinks, execute) and a {@code build…} method with no
 * sources or sinks, which tests drive directly. Start at {@link org.earshot.jobs.ListenJob}.
 */
package org.earshot.jobs;
