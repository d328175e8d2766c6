/**
 * Real clusters, on one machine or anywhere: {@link org.earshot.jobs.cluster.LocalCluster} starts a Flink session
 * cluster (a JobManager and two TaskManagers from Flink's own entry points), three Kafka brokers and a ClickHouse
 * server, each a process of its own; {@link org.earshot.jobs.cluster.FlinkRest} submits, lists, cancels, savepoints
 * and upgrades jobs on any Flink cluster through its REST API.
 */
package org.earshot.jobs.cluster;
