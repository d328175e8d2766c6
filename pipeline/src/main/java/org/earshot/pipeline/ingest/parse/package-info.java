/**
 * One class per wire format, each turning a payload into Mentions (or deletions, or problems with
 * a reason) and nothing else: no I/O, no paging. Tested on the real payloads in
 * {@code ../shared/data/feeds}.
 */
package org.earshot.pipeline.ingest.parse;
