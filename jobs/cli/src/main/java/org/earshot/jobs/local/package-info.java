/**
 * Running Earshot on one machine: the data directory and its lock ({@link
 * org.earshot.jobs.local.DataDirectory}), Kafka embedded or external ({@link
 * org.earshot.jobs.local.KafkaConnection}), Flink on a local MiniCluster that resumes from its
 * last checkpoint ({@link org.earshot.jobs.local.LocalFlink}), and the live progress line ({@link
 * org.earshot.jobs.local.LiveView}).
 */
package org.earshot.jobs.local;
