/** Benchmarks behind {@code earshot bench}: each measures Earshot and a baseline in the same run. */
package org.earshot.jobs.bench;
