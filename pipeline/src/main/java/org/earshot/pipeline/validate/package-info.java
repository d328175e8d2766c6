/**
 * The Listen job's first stage: untrusted bytes from {@code earshot.mentions} become a valid {@link
 * org.earshot.schemas.Mention}, a deletion, or a dead letter naming the field or position at fault
 * ({@link org.earshot.pipeline.validate.MentionParser}, run by {@link
 * org.earshot.pipeline.validate.ParseMentionsFunction}). The webhook and the {@code match} command
 * use the same parser, so a record is accepted or refused for the same reasons everywhere.
 */
package org.earshot.pipeline.validate;
