/**
 * Getting mentions into Earshot: the parser that turns untrusted bytes into a valid {@link
 * org.earshot.schemas.Mention} or a reason for refusing them ({@link
 * org.earshot.pipeline.ingest.MentionParser}), the demo's generator of realistic mentions ({@link
 * org.earshot.pipeline.ingest.DemoMentions}) and the file formats that can be replayed ({@link
 * org.earshot.pipeline.ingest.ReplayFormat}).
 */
package org.earshot.pipeline.ingest;
