package org.earshot.pipeline.ingest.source;

import java.util.List;
import java.util.Set;

/**
 * The enumerator's checkpoint: which sources were ever handed to a reader (their cursors live in
 * that reader's state) and which wait for one.
 */
public record PollEnumeratorState(Set<String> assigned, List<PollSplit> pending) {}
