/**
 * The boolean query language analysts write (see {@code query-language.md}): {@link QueryParser}
 * turns a query into a {@link QueryNode} tree or refuses it with the position and a sentence.
 */
package org.earshot.pipeline.query;
