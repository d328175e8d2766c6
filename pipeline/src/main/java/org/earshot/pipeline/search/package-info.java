/**
 * Every enriched mention in a Lucene index on disk, searched with the rules' query language: {@link
 * org.earshot.pipeline.search.MentionDocument} (the fields, analyzed as the matcher analyzes them, so that a rule
 * and a search agree), {@link org.earshot.pipeline.search.MentionIndex} (the index and, in each commit, the
 * position in {@code earshot.mentions.enriched} it reflects), {@link org.earshot.pipeline.search.MentionIndexer}
 * (feeds it from the topic, exactly once) and {@link org.earshot.pipeline.search.MentionSearch} (filters, sorts,
 * cursors, highlights, facets).
 */
package org.earshot.pipeline.search;
