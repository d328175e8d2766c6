package org.earshot.pipeline.validate;

import org.earshot.schemas.Mention;

/** What parsing a payload gave: a valid mention, or the stage and reason it was refused. */
public sealed interface ParseResult {
    record Parsed(Mention mention) implements ParseResult {}

    record Refused(String stage, String reason) implements ParseResult {}
}
