/**
 * The records that cross a boundary between Earshot's parts, and the Kafka topics that carry them.
 *
 * <p>Start at {@link org.earshot.schemas.Mention} (the canonical post) and {@link
 * org.earshot.schemas.Topics} (every topic with its record type and codec). Every topic has a JSON
 * Schema under {@code /topics/<topic>.schema.json} in this module's resources; {@link
 * org.earshot.schemas.Json} is the one JSON codec everything uses. Nothing here depends on Flink.
 */
package org.earshot.schemas;
