/**
 * ClickHouse for Earshot. On one machine the real ClickHouse engine runs in-process from chDB's
 * {@code libchdb.so}: {@link org.earshot.local.clickhouse.ChdbLibrary} obtains the library
 * (into a cache outside the repository, checked against a pinned checksum) and {@link
 * org.earshot.local.clickhouse.ChdbEngine} runs SQL on it. (Groundwork for issue 3: the HTTP
 * front for the JDBC driver, migrations and the sink build on these.)
 */
package org.earshot.pipeline.clickhouse;
