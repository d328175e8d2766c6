/**
 * What the Listen job counts per rule: one {@link org.earshot.pipeline.aggregate.RuleMatch} per
 * mention × matched rule, minute tallies per rule × network × language × sentiment, and the
 * terms and hashtags that trend per rule. Windows emit deltas, so a late mention adds to its
 * minute in ClickHouse instead of counting it twice.
 */
package org.earshot.pipeline.aggregate;
