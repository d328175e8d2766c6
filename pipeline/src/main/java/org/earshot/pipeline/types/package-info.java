/**
 * How Earshot's records travel between Flink operators and into state: {@link
 * org.earshot.pipeline.types.MentionTypes#MENTION} gives {@link org.earshot.schemas.Mention} an
 * explicit serializer ({@link org.earshot.pipeline.types.MentionSerializer}), faster than Flink's
 * reflective POJO serializer on the Listen job's hot path and never a Kryo fallback.
 */
package org.earshot.pipeline.types;
