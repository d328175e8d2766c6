/**
 * Text hygiene for mentions from untrusted sources: HTML to plain text, Unicode and whitespace
 * normalization, removal of control and spoofing characters, URL canonicalization, and extraction
 * of hashtags, @mentions and links.
 *
 * <p>Start at {@link org.earshot.pipeline.text.MentionNormalizer}, which applies the others to a
 * whole {@link org.earshot.schemas.Mention}. Every function here is total: hostile input yields a
 * defined result, never an exception.
 */
package org.earshot.pipeline.text;
