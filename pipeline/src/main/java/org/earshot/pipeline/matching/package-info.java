/**
 * Matching every mention against every live rule: a presearcher picks the few rules that could
 * match from their required terms, and only those run on the mention's one-document index.
 */
package org.earshot.pipeline.matching;
