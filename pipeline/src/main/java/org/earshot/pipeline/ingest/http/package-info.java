/**
 * Outbound HTTP for the ingest sources: {@link org.earshot.pipeline.ingest.http.PoliteHttp} with
 * its {@link org.earshot.pipeline.ingest.http.AddressPolicy} (no loopback, private or link-local
 * targets unless allowed, checked on every redirect), per-host pace, deadlines and a size limit;
 * failures as {@link org.earshot.pipeline.ingest.http.FetchException} saying whether to retry.
 */
package org.earshot.pipeline.ingest.http;
